//! [`Leaves`].

use core::fmt;
use core::iter::FusedIterator;

use super::Descendants;
use crate::{Arena, NodeId};

/// The nodes of a subtree that have no children, in preorder: see
/// [`NodeId::leaves`](crate::NodeId::leaves).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let root = arena.new_node(());
/// assert_eq!(root.leaves(&arena).collect::<Vec<_>>(), [root]);
/// ```
#[must_use = "iterators are lazy"]
pub struct Leaves<'a, T> {
    inner: Descendants<'a, T>,
}

impl<'a, T> Leaves<'a, T> {
    pub(crate) fn new(arena: &'a Arena<T>, root: NodeId) -> Self {
        Leaves {
            inner: Descendants::new(arena, root),
        }
    }
}

impl<T> Clone for Leaves<'_, T> {
    fn clone(&self) -> Self {
        Leaves {
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for Leaves<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Leaves")
            .field("inner", &self.inner)
            .finish()
    }
}

impl<T> Iterator for Leaves<'_, T> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let arena = self.inner.arena();
        self.inner.find(|&id| arena.links(id).first_child.is_none())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.inner.size_hint().1)
    }
}

impl<T> FusedIterator for Leaves<'_, T> {}
