//! [`Descendants`].

use alloc::vec::Vec;
use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeId};

/// A node and its descendants in preorder: see
/// [`NodeId::descendants`](crate::NodeId::descendants).
///
/// It keeps the next siblings still to visit on a heap stack, so each node
/// is read once: climbing back up through the ancestors would read them a
/// second time, a cache miss each on a large tree. A chain needs no stack;
/// the stack never holds more ids than the tree is deep.
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// let a = root.append_value((), &mut arena);
/// let a1 = a.append_value((), &mut arena);
/// assert_eq!(root.descendants(&arena).collect::<Vec<_>>(), [root, a, a1]);
/// ```
#[must_use = "iterators are lazy"]
pub struct Descendants<'a, T> {
    arena: &'a Arena<T>,
    root: NodeId,
    next: Option<NodeId>,
    /// Next siblings of the nodes on the path from the root to `next`
    /// (the root's excluded), innermost last: where to go after a subtree.
    pending: Vec<NodeId>,
}

impl<'a, T> Descendants<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, root: NodeId) -> Self {
        Descendants {
            arena,
            root,
            next: Some(root),
            pending: Vec::new(),
        }
    }

    pub(crate) fn arena(&self) -> &'a Arena<T> {
        self.arena
    }

    /// The node after `current` in preorder within the subtree.
    fn successor(&mut self, current: NodeId) -> Option<NodeId> {
        let links = self.arena.links(current);
        if current == self.root {
            return links.first_child;
        }
        if let Some(child) = links.first_child {
            if let Some(next) = links.next_sibling {
                self.pending.push(next);
            }
            return Some(child);
        }
        links.next_sibling.or_else(|| self.pending.pop())
    }
}

impl<T> Clone for Descendants<'_, T> {
    fn clone(&self) -> Self {
        Descendants {
            arena: self.arena,
            root: self.root,
            next: self.next,
            pending: self.pending.clone(),
        }
    }
}

impl<T> fmt::Debug for Descendants<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Descendants")
            .field("root", &self.root)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<T> Iterator for Descendants<'_, T> {
    type Item = NodeId;

    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        self.next = self.successor(current);
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

impl<T> FusedIterator for Descendants<'_, T> {}
