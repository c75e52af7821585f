//! [`BreadthFirstTraversal`].

use alloc::collections::VecDeque;
use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeId};

/// A node and its descendants level by level, through a queue of the
/// nodes found but not yet visited: see
/// [`NodeId::breadth_first`](crate::NodeId::breadth_first).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let a1 = a.append_value((), &mut arena);
/// let b = root.append_value((), &mut arena);
/// assert_eq!(root.breadth_first(&arena).collect::<Vec<_>>(), [root, a, b, a1]);
/// ```
#[must_use = "iterators are lazy"]
pub struct BreadthFirstTraversal<'a, T> {
    arena: &'a Arena<T>,
    queue: VecDeque<NodeId>,
}

impl<'a, T> BreadthFirstTraversal<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, root: NodeId) -> Self {
        let mut queue = VecDeque::new();
        queue.push_back(root);
        BreadthFirstTraversal { arena, queue }
    }
}

impl<T> Clone for BreadthFirstTraversal<'_, T> {
    fn clone(&self) -> Self {
        BreadthFirstTraversal {
            arena: self.arena,
            queue: self.queue.clone(),
        }
    }
}

impl<T> fmt::Debug for BreadthFirstTraversal<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BreadthFirstTraversal")
            .field("queue", &self.queue)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for BreadthFirstTraversal<'_, T> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let current = self.queue.pop_front()?;
        self.queue.extend(current.children(self.arena));
        Some(current)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let queued = self.queue.len();
        (queued, if queued == 0 { Some(0) } else { None })
    }
}

impl<T> FusedIterator for BreadthFirstTraversal<'_, T> {}
