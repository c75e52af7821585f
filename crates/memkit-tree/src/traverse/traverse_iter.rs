//! [`Traverse`].

use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeEdge, NodeId};

/// A depth-first walk of a subtree reporting entry to and exit from every
/// node: see [`NodeId::traverse`](crate::NodeId::traverse).
///
/// # Examples
///
/// ```
/// use memkit_tree::{Arena, NodeEdge};
///
/// let mut arena = Arena::new();
/// let root = arena.new_node(());
/// let child = root.append_value((), &mut arena);
/// let starts: Vec<_> = root
///     .traverse(&arena)
///     .filter_map(|edge| match edge {
///         NodeEdge::Start(id) => Some(id),
///         NodeEdge::End(_) => None,
///     })
///     .collect();
/// assert_eq!(starts, [root, child]);
/// ```
#[must_use = "iterators are lazy"]
pub struct Traverse<'a, T> {
    arena: &'a Arena<T>,
    root: NodeId,
    next: Option<NodeEdge>,
}

impl<'a, T> Traverse<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, root: NodeId) -> Self {
        Traverse {
            arena,
            root,
            next: Some(NodeEdge::Start(root)),
        }
    }
}

impl<T> Clone for Traverse<'_, T> {
    fn clone(&self) -> Self {
        Traverse { ..*self }
    }
}

impl<T> fmt::Debug for Traverse<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Traverse")
            .field("root", &self.root)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Traverse<'_, T> {
    type Item = NodeEdge;

    #[inline]
    fn next(&mut self) -> Option<NodeEdge> {
        let edge = self.next?;
        self.next = if edge == NodeEdge::End(self.root) {
            None
        } else {
            edge.next_traverse(self.arena)
        };
        Some(edge)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.next.is_some() {
            (1, None)
        } else {
            (0, Some(0))
        }
    }
}

impl<T> FusedIterator for Traverse<'_, T> {}
