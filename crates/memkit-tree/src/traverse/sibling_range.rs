//! The double-ended walk shared by [`Children`](super::Children),
//! [`PrecedingSiblings`](super::PrecedingSiblings) and
//! [`FollowingSiblings`](super::FollowingSiblings).

use crate::node::Links;
use crate::{Arena, NodeId};

/// A walk from `head` towards `tail` through `forward` links, and back
/// from `tail` through `backward` links. `tail` may be unknown (`None`)
/// while `head` is set: `next_back` then finds it by walking forward.
pub(crate) struct SiblingRange<'a, T> {
    pub(crate) arena: &'a Arena<T>,
    pub(crate) head: Option<NodeId>,
    pub(crate) tail: Option<NodeId>,
    pub(crate) forward: fn(&Links) -> Option<NodeId>,
    pub(crate) backward: fn(&Links) -> Option<NodeId>,
}

impl<T> Clone for SiblingRange<'_, T> {
    fn clone(&self) -> Self {
        SiblingRange { ..*self }
    }
}

impl<T> SiblingRange<'_, T> {
    pub(crate) fn next(&mut self) -> Option<NodeId> {
        let head = self.head?;
        if Some(head) == self.tail {
            self.head = None;
            self.tail = None;
        } else {
            self.head = (self.forward)(&self.arena.links(head));
            if self.head.is_none() {
                self.tail = None;
            }
        }
        Some(head)
    }

    pub(crate) fn next_back(&mut self) -> Option<NodeId> {
        let head = self.head?;
        let tail = match self.tail {
            Some(tail) => tail,
            None => {
                let mut tail = head;
                while let Some(next) = (self.forward)(&self.arena.links(tail)) {
                    tail = next;
                }
                tail
            }
        };
        if head == tail {
            self.head = None;
            self.tail = None;
        } else {
            self.tail = (self.backward)(&self.arena.links(tail));
            if self.tail.is_none() {
                self.head = None;
            }
        }
        Some(tail)
    }

    pub(crate) fn size_hint(&self) -> (usize, Option<usize>) {
        if self.head.is_some() {
            (1, None)
        } else {
            (0, Some(0))
        }
    }
}
