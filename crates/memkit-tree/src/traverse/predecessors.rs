//! [`Predecessors`].

use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeId};

/// The node, then its previous siblings and the parent, and so on up: see [`NodeId::predecessors`](crate::NodeId::predecessors).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let b = root.append_value((), &mut arena);
/// assert_eq!(b.predecessors(&arena).collect::<Vec<_>>(), [b, a, root]);
/// ```
#[must_use = "iterators are lazy"]
pub struct Predecessors<'a, T> {
    arena: &'a Arena<T>,
    next: Option<NodeId>,
}

impl<'a, T> Predecessors<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, start: NodeId) -> Self {
        Predecessors {
            arena,
            next: Some(start),
        }
    }
}

impl<T> Clone for Predecessors<'_, T> {
    fn clone(&self) -> Self {
        Predecessors { ..*self }
    }
}

impl<T> fmt::Debug for Predecessors<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Predecessors")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Predecessors<'_, T> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        let links = self.arena.links(current);
        self.next = links.previous_sibling.or(links.parent);
        Some(current)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.next.is_some() {
            (1, None)
        } else {
            (0, Some(0))
        }
    }
}

impl<T> FusedIterator for Predecessors<'_, T> {}
