//! [`Children`].

use core::fmt;
use core::iter::FusedIterator;

use super::sibling_range::SiblingRange;
use crate::{Arena, NodeId};

/// The children of a node, first to last, or last to first with `.rev()`: see [`NodeId::children`](crate::NodeId::children).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let b = root.append_value((), &mut arena);
/// assert_eq!(root.children(&arena).rev().collect::<Vec<_>>(), [b, a]);
/// ```
#[must_use = "iterators are lazy"]
pub struct Children<'a, T>(SiblingRange<'a, T>);

impl<'a, T> Children<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, node: NodeId) -> Self {
        let links = arena.links(node);
        Children(SiblingRange {
            arena,
            head: links.first_child,
            tail: links.last_child,
            forward: |l| l.next_sibling,
            backward: |l| l.previous_sibling,
        })
    }
}

impl<T> Clone for Children<'_, T> {
    fn clone(&self) -> Self {
        Children(self.0.clone())
    }
}

impl<T> fmt::Debug for Children<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Children")
            .field("head", &self.0.head)
            .field("tail", &self.0.tail)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Children<'_, T> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> DoubleEndedIterator for Children<'_, T> {
    fn next_back(&mut self) -> Option<NodeId> {
        self.0.next_back()
    }
}

impl<T> FusedIterator for Children<'_, T> {}
