//! The index and list that every [`LruCache`](crate::LruCache) operation
//! goes through: a [`Ring`] of [`Node`]s, an [`Index`] of their slots that
//! stores each key once (in the node), and the head of the circular list,
//! the most recently used entry.
//!
//! # Invariants
//!
//! 1. `index` holds exactly the slots of `nodes`, each once, at the hash of
//!    its node's key.
//! 2. All the nodes are on one ring, which `head` names when `nodes` is not
//!    empty (it means nothing otherwise). Following `next` from `head` goes
//!    from the most to the least recently used.
//!
//! Every method restores both before it runs user code that may panic
//! (`Hash`, `Eq`, `Drop`, closures), or before it returns.

use core::borrow::Borrow;

use crate::index::{Index, Indexed, Keyed};
use crate::node::Node;
use crate::raw::{MAX_ENTRIES, Ring};

/// The slab, index and list of an [`LruCache`](crate::LruCache).
#[derive(Clone)]
pub(crate) struct List<K, V> {
    pub(crate) nodes: Ring<Node<K, V>>,
    pub(crate) index: Index,
    /// The most recently used entry, when there is one: a bare slot, so
    /// that a hit moves it without a tag to test or set.
    head: u32,
}

impl<K, V> Keyed for Node<K, V> {
    type Key = K;
    #[inline]
    fn key(&self) -> &K {
        &self.key
    }
}

impl<K, V> Indexed for List<K, V> {
    type Entry = Node<K, V>;

    fn parts(&mut self) -> (&mut Index, &Ring<Node<K, V>>) {
        (&mut self.index, &self.nodes)
    }

    fn take_unindexed(&mut self, slot: u32) -> Node<K, V> {
        self.unlink(slot);
        self.nodes.remove(slot)
    }
}

impl<K, V> List<K, V> {
    pub(crate) const fn new() -> Self {
        List {
            nodes: Ring::new(),
            index: Index::new(),
            head: 0,
        }
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        List {
            nodes: Ring::with_capacity(capacity),
            index: Index::with_capacity(capacity),
            head: 0,
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
        (!self.nodes.is_empty()).then_some(self.head)
    }

    /// The least recently used entry.
    #[inline]
    pub(crate) fn tail(&self) -> Option<u32> {
        self.head().map(|head| self.nodes.prev(head))
    }

    /// The slot of the entry whose key equals `key`.
    #[inline]
    pub(crate) fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        let nodes = &self.nodes;
        self.index.find(hash, |i| {
            nodes.get(i).is_some_and(|n| n.key.borrow() == key)
        })
    }

    /// Takes `index` out of the list (not out of the slab or the index).
    #[inline]
    fn unlink(&mut self, index: u32) {
        let next = self.nodes.unlink(index);
        if self.head == index
            && let Some(next) = next
        {
            self.head = next;
        }
    }

    /// Makes `index` the most recently used entry, and returns it.
    #[inline]
    pub(crate) fn promote(&mut self, index: u32) -> &mut Node<K, V> {
        let head = self.head;
        self.head = index;
        self.nodes.place_before(index, head)
    }

    /// Makes `index` the least recently used entry.
    pub(crate) fn demote(&mut self, index: u32) {
        let Some(head) = self.head() else { return };
        if head == index {
            // The head: the circle only turns.
            self.head = self.nodes.next(index);
        } else {
            self.nodes.place_before(index, head);
        }
    }

    /// Removes `index` from the index table, the list and the slab, and
    /// returns its node. `hash` is the hash of its key.
    pub(crate) fn take(&mut self, hash: u64, index: u32) -> Node<K, V> {
        self.index.remove(hash, index);
        self.take_unindexed(index)
    }

    /// Stores a new entry as the head, given its key's hash, which is not in
    /// the cache. The index must have room (see
    /// [`reserve_one`](crate::index::reserve_one)).
    ///
    /// # Panics
    ///
    /// If the cache already holds [`MAX_ENTRIES`] entries.
    pub(crate) fn insert_new(&mut self, hash: u64, key: K, value: V) -> u32 {
        let head = self.head();
        let Ok(index) = self.nodes.insert(Node { key, value }) else {
            panic!("LruCache::put: more than {MAX_ENTRIES} entries")
        };
        if let Some(head) = head {
            self.nodes.place_before(index, head);
        }
        self.head = index;
        self.index.insert(hash, index);
        index
    }

    /// Puts `node`, whose key hashes to `hash` and is absent, in the place
    /// of the least recently used entry `tail`, whose key hashes to
    /// `old_hash`, and makes it the most recently used; returns the old
    /// node. The index must have room (see
    /// [`reserve_one`](crate::index::reserve_one)). No user code runs.
    pub(crate) fn replace_tail(
        &mut self,
        tail: u32,
        old_hash: u64,
        hash: u64,
        node: Node<K, V>,
    ) -> Node<K, V> {
        self.index.remove(old_hash, tail);
        let old = core::mem::replace(self.node_mut(tail), node);
        self.index.insert(hash, tail);
        // The tail is just before the head: the circle turns.
        self.head = tail;
        old
    }

    /// Removes every entry, the index first. If a destructor panics the slab
    /// still drops the others.
    pub(crate) fn clear(&mut self) {
        self.index.clear();
        self.nodes.clear();
    }
}

/// Panics for a vacant slot, which the invariants rule out.
#[cold]
#[inline(never)]
fn missing(index: u32) -> ! {
    unreachable!("LruCache: the list links to vacant slot {index}")
}
