//! The index and list that every [`LruCache`](crate::LruCache) operation
//! goes through: a [`Ring`] of [`Node`]s with the index of their slots,
//! which stores each key once (in the node), and the head of the circular
//! list, the most recently used entry.
//!
//! # Invariants
//!
//! 1. The ring's index holds exactly the slots of `nodes`, each once, at
//!    the hash of its node's key.
//! 2. Following `next` from the head of `nodes` (a ring that keeps all
//!    its slots on one circle) goes from the most to the least recently
//!    used.
//!
//! Every method restores both before it runs user code that may panic
//! (`Hash`, `Eq`, `Drop`, closures), or before it returns.

use core::borrow::Borrow;

use crate::node::Node;
use crate::raw::{Keyed, Owner, Ring};

/// The slab, index and list of an [`LruCache`](crate::LruCache).
#[derive(Clone)]
pub(crate) struct List<K, V> {
    pub(crate) nodes: Ring<Node<K, V>, true>,
}

impl<K, V> Keyed for Node<K, V> {
    type Key = K;
    #[inline]
    fn key(&self) -> &K {
        &self.key
    }
}

impl<K, V> Owner<true> for List<K, V> {
    type Entry = Node<K, V>;

    fn ring(&mut self) -> &mut Ring<Node<K, V>, true> {
        &mut self.nodes
    }

    /// The list is the ring, which moves its head off `slot` itself.
    fn detach(&mut self, _slot: u32) {}
}

impl<K, V> List<K, V> {
    pub(crate) const fn new() -> Self {
        List { nodes: Ring::new() }
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        List {
            nodes: Ring::with_capacity(capacity, capacity),
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node at `index`.
    #[inline]
    pub(crate) fn node(&self, index: u32) -> &Node<K, V> {
        match self.nodes.get(index) {
            Some(node) => node,
            None => missing(index),
        }
    }

    #[inline]
    pub(crate) fn node_mut(&mut self, index: u32) -> &mut Node<K, V> {
        match self.nodes.get_mut(index) {
            Some(node) => node,
            None => missing(index),
        }
    }

    /// The entry used just after `index` (towards the tail).
    #[inline]
    pub(crate) fn next(&self, index: u32) -> u32 {
        self.nodes.next(index)
    }

    /// The entry used just before `index` (towards the head).
    #[inline]
    pub(crate) fn prev(&self, index: u32) -> u32 {
        self.nodes.prev(index)
    }

    /// The most recently used entry.
    #[inline]
    pub(crate) fn head(&self) -> Option<u32> {
        self.nodes.head()
    }

    /// The least recently used entry, and its node.
    #[inline]
    pub(crate) fn tail(&self) -> Option<(u32, &Node<K, V>)> {
        self.nodes.before_head()
    }

    /// The slot of the entry whose key equals `key`.
    #[inline]
    pub(crate) fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.nodes
            .find(hash, |n| n.key.borrow() == key)
            .map(|(index, _)| index)
    }

    /// Finds the entry whose key equals `key` and makes it the most
    /// recently used: one look-up.
    #[inline]
    pub(crate) fn find_promote<Q>(&mut self, hash: u64, key: &Q) -> Option<(u32, &mut Node<K, V>)>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.nodes.find_make_head(hash, |n| n.key.borrow() == key)
    }

    /// Makes `index` the most recently used entry, and returns it.
    #[inline]
    pub(crate) fn promote(&mut self, index: u32) -> &mut Node<K, V> {
        self.nodes.make_head(index)
    }

    /// Makes `index` the least recently used entry.
    pub(crate) fn demote(&mut self, index: u32) {
        let Some(head) = self.head() else { return };
        if head == index {
            // The head: the circle only turns.
            self.nodes.set_head(self.nodes.next(index));
        } else {
            self.nodes.place_before(index, head);
        }
    }

    /// Removes `index` from the index table, the list and the slab, and
    /// returns its node. `hash` is the hash of its key.
    pub(crate) fn take(&mut self, hash: u64, index: u32) -> Node<K, V> {
        self.nodes.remove(hash, index).0
    }

    /// Stores a new entry as the head, given its key's hash, which is not in
    /// the cache. The index must have room (see
    /// [`reserve_one`](crate::raw::reserve_one)).
    ///
    /// # Panics
    ///
    /// If the cache already holds [`Ring::MAX_ENTRIES`] entries.
    pub(crate) fn insert_new(&mut self, hash: u64, key: K, value: V) -> u32 {
        let Ok(index) = self.nodes.insert(hash, Node { key, value }) else {
            panic!(
                "LruCache::put: more than {} entries",
                Ring::<Node<K, V>, true>::MAX_ENTRIES
            )
        };
        index
    }

    /// Puts `node`, whose key hashes to `hash` and is absent, in the place
    /// of the least recently used entry, whose key hashes to `old_hash`,
    /// and makes it the most recently used; returns its slot and the old
    /// node, or hands `node` back when the list is empty. The index must
    /// have room (see [`reserve_one`](crate::raw::reserve_one)). No user
    /// code runs.
    #[inline]
    pub(crate) fn replace_tail(
        &mut self,
        old_hash: u64,
        hash: u64,
        node: Node<K, V>,
    ) -> Result<(u32, Node<K, V>), Node<K, V>> {
        self.nodes.replace_before_head(old_hash, hash, node)
    }

    /// Removes every entry, the index first. If a destructor panics the slab
    /// still drops the others.
    pub(crate) fn clear(&mut self) {
        self.nodes.clear();
    }
}

/// Panics for a vacant slot, which the invariants rule out.
#[cold]
#[inline(never)]
fn missing(index: u32) -> ! {
    unreachable!("LruCache: the list links to vacant slot {index}")
}
