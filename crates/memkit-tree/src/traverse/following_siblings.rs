//! [`FollowingSiblings`].

use core::fmt;
use core::iter::FusedIterator;

use super::sibling_range::SiblingRange;
use crate::{Arena, NodeId};

/// The node and its next siblings, nearest first; `.rev()` starts from the last sibling: see [`NodeId::following_siblings`](crate::NodeId::following_siblings).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let b = root.append_value((), &mut arena);
/// assert_eq!(a.following_siblings(&arena).rev().collect::<Vec<_>>(), [b, a]);
/// ```
#[must_use = "iterators are lazy"]
pub struct FollowingSiblings<'a, T>(SiblingRange<'a, T>);

impl<'a, T> FollowingSiblings<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, node: NodeId) -> Self {
        let last = arena
            .links(node)
            .parent
            .and_then(|parent| arena.links(parent).last_child);
        FollowingSiblings(SiblingRange {
            arena,
            head: Some(node),
            tail: last,
            forward: |l| l.next_sibling,
            backward: |l| l.previous_sibling,
        })
    }
}

impl<T> Clone for FollowingSiblings<'_, T> {
    fn clone(&self) -> Self {
        FollowingSiblings(self.0.clone())
    }
}

impl<T> fmt::Debug for FollowingSiblings<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FollowingSiblings")
            .field("head", &self.0.head)
            .field("tail", &self.0.tail)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for FollowingSiblings<'_, T> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> DoubleEndedIterator for FollowingSiblings<'_, T> {
    fn next_back(&mut self) -> Option<NodeId> {
        self.0.next_back()
    }
}

impl<T> FusedIterator for FollowingSiblings<'_, T> {}
