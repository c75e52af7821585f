//! [`ReverseTraverse`].

use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeEdge, NodeId};

/// [`Traverse`](crate::Traverse) backwards: from the `End` of the root to
/// its `Start`, last child first: see
/// [`NodeId::reverse_traverse`](crate::NodeId::reverse_traverse).
///
/// # Examples
///
/// ```
/// use memkit_tree::{Arena, NodeEdge};
///
/// let mut arena = Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let b = root.append_value((), &mut arena);
/// let mut forward: Vec<_> = root.traverse(&arena).collect();
/// forward.reverse();
/// assert_eq!(root.reverse_traverse(&arena).collect::<Vec<_>>(), forward);
/// # let _ = (a, b, NodeEdge::Start(root));
/// ```
#[must_use = "iterators are lazy"]
pub struct ReverseTraverse<'a, T> {
    arena: &'a Arena<T>,
    root: NodeId,
    next: Option<NodeEdge>,
}

impl<'a, T> ReverseTraverse<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, root: NodeId) -> Self {
        ReverseTraverse {
            arena,
            root,
            next: Some(NodeEdge::End(root)),
        }
    }
}

impl<T> Clone for ReverseTraverse<'_, T> {
    fn clone(&self) -> Self {
        ReverseTraverse { ..*self }
    }
}

impl<T> fmt::Debug for ReverseTraverse<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReverseTraverse")
            .field("root", &self.root)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for ReverseTraverse<'_, T> {
    type Item = NodeEdge;

    #[inline]
    fn next(&mut self) -> Option<NodeEdge> {
        let edge = self.next?;
        self.next = if edge == NodeEdge::Start(self.root) {
            None
        } else {
            edge.prev_traverse(self.arena)
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

impl<T> FusedIterator for ReverseTraverse<'_, T> {}
