//! [`Ancestors`].

use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeId};

/// The node and then its ancestors, nearest first: see [`NodeId::ancestors`](crate::NodeId::ancestors).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let a = arena.new_node(());
/// let b = a.append_value((), &mut arena);
/// assert_eq!(b.ancestors(&arena).collect::<Vec<_>>(), [b, a]);
/// ```
#[must_use = "iterators are lazy"]
pub struct Ancestors<'a, T> {
    arena: &'a Arena<T>,
    next: Option<NodeId>,
}

impl<'a, T> Ancestors<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, start: NodeId) -> Self {
        Ancestors {
            arena,
            next: Some(start),
        }
    }
}

impl<T> Clone for Ancestors<'_, T> {
    fn clone(&self) -> Self {
        Ancestors { ..*self }
    }
}

impl<T> fmt::Debug for Ancestors<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ancestors")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Ancestors<'_, T> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        let links = self.arena.links(current);
        self.next = links.parent;
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

impl<T> FusedIterator for Ancestors<'_, T> {}
