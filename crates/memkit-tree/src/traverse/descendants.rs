//! [`Descendants`].

use core::fmt;
use core::iter::FusedIterator;

use crate::{Arena, NodeId};

/// A node and its descendants in preorder: see
/// [`NodeId::descendants`](crate::NodeId::descendants).
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
}

impl<'a, T> Descendants<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, root: NodeId) -> Self {
        Descendants {
            arena,
            root,
            next: Some(root),
        }
    }

    pub(crate) fn arena(&self) -> &'a Arena<T> {
        self.arena
    }

    /// The node after `current` in preorder within the subtree.
    fn successor(&self, current: NodeId) -> Option<NodeId> {
        let links = self.arena.links(current);
        if let Some(child) = links.first_child {
            return Some(child);
        }
        let mut node = current;
        let mut node_links = links;
        loop {
            if node == self.root {
                return None;
            }
            if let Some(next) = node_links.next_sibling {
                return Some(next);
            }
            node = node_links.parent?;
            node_links = self.arena.links(node);
        }
    }
}

impl<T> Clone for Descendants<'_, T> {
    fn clone(&self) -> Self {
        Descendants { ..*self }
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
