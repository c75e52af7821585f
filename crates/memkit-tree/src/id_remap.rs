//! [`IdRemap`]: old ids to new ones after [`Arena::compact`](crate::Arena::compact).

use alloc::vec::Vec;
use core::fmt;

use crate::NodeId;

/// The new id of every node [`Arena::compact`](crate::Arena::compact)
/// moved, looked up by its old id in O(1).
///
/// # Examples
///
/// ```
/// let mut arena = memkit_tree::Arena::new();
/// let gone = arena.new_node(0);
/// let kept = arena.new_node(1);
/// gone.remove(&mut arena);
/// let remap = arena.compact();
/// let kept = remap.get(kept).unwrap();
/// assert_eq!(*arena[kept].get(), 1);
/// assert_eq!(remap.get(gone), None);
/// assert_eq!(remap.len(), 1);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct IdRemap {
    /// By old slot index: the old id that was live there and its new id.
    slots: Vec<Option<(NodeId, NodeId)>>,
    len: usize,
}

impl IdRemap {
    pub(crate) fn with_slots(slots: usize) -> Self {
        IdRemap {
            slots: alloc::vec![None; slots],
            len: 0,
        }
    }

    pub(crate) fn insert(&mut self, old: NodeId, new: NodeId) {
        self.slots[old.index0()] = Some((old, new));
        self.len += 1;
    }

    /// The new id of the node `old` named; `None` if `old` was not live
    /// when the arena was compacted.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let remap = arena.compact();
    /// let new = remap.get(a).unwrap();
    /// // Already dense: the same slot, under a newer generation.
    /// assert_eq!(usize::from(new), usize::from(a));
    /// assert!(arena.get(a).is_none() && arena.get(new).is_some());
    /// ```
    #[must_use]
    pub fn get(&self, old: NodeId) -> Option<NodeId> {
        match self.slots.get(old.index0()) {
            Some(Some((was, new))) if *was == old => Some(*new),
            _ => None,
        }
    }

    /// How many nodes were renumbered (the live nodes at the time).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// arena.new_node(());
    /// assert_eq!(arena.compact().len(), 1);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no node was renumbered.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::<()>::new();
    /// assert!(arena.compact().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `(old, new)` pairs, by old slot.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let remap = arena.compact();
    /// let new = remap.get(a).unwrap();
    /// assert_eq!(remap.iter().collect::<Vec<_>>(), [(a, new)]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        self.slots.iter().filter_map(|slot| *slot)
    }
}

impl fmt::Debug for IdRemap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
