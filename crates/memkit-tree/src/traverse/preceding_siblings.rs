//! [`PrecedingSiblings`].

use core::fmt;
use core::iter::FusedIterator;

use super::sibling_range::SiblingRange;
use crate::{Arena, NodeId};

/// The node and its previous siblings, nearest first; `.rev()` starts from the first sibling: see [`NodeId::preceding_siblings`](crate::NodeId::preceding_siblings).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let b = root.append_value((), &mut arena);
/// assert_eq!(b.preceding_siblings(&arena).rev().collect::<Vec<_>>(), [a, b]);
/// ```
#[must_use = "iterators are lazy"]
pub struct PrecedingSiblings<'a, T>(SiblingRange<'a, T>);

impl<'a, T> PrecedingSiblings<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, node: NodeId) -> Self {
        let first = arena
            .links(node)
            .parent
            .and_then(|parent| arena.links(parent).first_child);
        PrecedingSiblings(SiblingRange {
            arena,
            head: Some(node),
            tail: first,
            forward: |l| l.previous_sibling,
            backward: |l| l.next_sibling,
        })
    }
}

impl<T> Clone for PrecedingSiblings<'_, T> {
    fn clone(&self) -> Self {
        PrecedingSiblings(self.0.clone())
    }
}

impl<T> fmt::Debug for PrecedingSiblings<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrecedingSiblings")
            .field("head", &self.0.head)
            .field("tail", &self.0.tail)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for PrecedingSiblings<'_, T> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> DoubleEndedIterator for PrecedingSiblings<'_, T> {
    fn next_back(&mut self) -> Option<NodeId> {
        self.0.next_back()
    }
}

impl<T> FusedIterator for PrecedingSiblings<'_, T> {}
