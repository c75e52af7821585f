//! The index and list that every [`LruCache`](crate::LruCache) operation
//! goes through: a slab of [`Node`]s, a `HashTable<u32>` of slab indices
//! that stores each key once (in the node), and a circular list whose head
//! is the most recently used entry.
//!
//! # Invariants
//!
//! 1. `index` holds exactly the slab indices of `nodes`, each once, at the
//!    hash of its node's key.
//! 2. Following `next` from `head` visits every node once and returns to
//!    `head`; `prev` is its mirror. `head` is `None` exactly when `nodes` is
//!    empty.
//!
//! Every method restores both before it runs user code that may panic
//! (`Hash`, `Eq`, `Drop`, closures), or before it returns.

use core::borrow::Borrow;
use core::hash::{BuildHasher, Hash};

use hashbrown::HashTable;
use memkit_slab::Slab;

use crate::node::{Link, MAX_ENTRIES, Node};

/// The slab, index and list of an [`LruCache`](crate::LruCache).
#[derive(Clone)]
pub(crate) struct List<K, V> {
    pub(crate) nodes: Slab<Node<K, V>>,
    pub(crate) index: HashTable<u32>,
    /// The most recently used entry.
    pub(crate) head: Option<u32>,
}

impl<K, V> List<K, V> {
    pub(crate) const fn new() -> Self {
        List {
            nodes: Slab::new(),
            index: HashTable::new(),
            head: None,
        }
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        List {
            nodes: Slab::with_capacity(capacity),
            index: HashTable::with_capacity(capacity),
            head: None,
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The node at `index`, one bounds-and-occupancy check (the slab's
    /// `IndexMut` makes two).
    #[inline]
    pub(crate) fn node(&self, index: u32) -> &Node<K, V> {
        match self.nodes.get(index as usize) {
            Some(node) => node,
            None => missing(index),
        }
    }

    #[inline]
    pub(crate) fn node_mut(&mut self, index: u32) -> &mut Node<K, V> {
        match self.nodes.get_mut(index as usize) {
            Some(node) => node,
            None => missing(index),
        }
    }

    /// The least recently used entry.
    #[inline]
    pub(crate) fn tail(&self) -> Option<u32> {
        self.head.map(|head| self.node(head).prev.get())
    }

    /// The slab index of the entry whose key equals `key`.
    #[inline]
    pub(crate) fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.index
            .find(hash, |&i| self.node(i).key.borrow() == key)
            .copied()
    }

    /// Takes `index` out of the list (not out of the slab or the index).
    #[inline]
    fn unlink(&mut self, index: u32) {
        let Node { prev, next, .. } = *self.node(index);
        if next.get() == index {
            self.head = None;
            return;
        }
        self.node_mut(prev.get()).next = next;
        self.node_mut(next.get()).prev = prev;
        if self.head == Some(index) {
            self.head = Some(next.get());
        }
    }

    /// Links `index`, which is on no list, in front of the head; it becomes
    /// the head when `as_head`, the tail otherwise.
    #[inline]
    fn link(&mut self, index: u32, as_head: bool) {
        let link = Link::new(index);
        match self.head {
            None => {
                let node = self.node_mut(index);
                node.prev = link;
                node.next = link;
                self.head = Some(index);
            }
            Some(head) => {
                let tail = self.node(head).prev;
                let node = self.node_mut(index);
                node.next = Link::new(head);
                node.prev = tail;
                self.node_mut(tail.get()).next = link;
                self.node_mut(head).prev = link;
                if as_head {
                    self.head = Some(index);
                }
            }
        }
    }

    /// Makes `index` the most recently used entry: six slot accesses,
    /// unlink and relink fused.
    #[inline]
    pub(crate) fn promote(&mut self, index: u32) {
        let Some(head) = self.head else { return };
        if head == index {
            return;
        }
        let tail = self.node(head).prev;
        self.head = Some(index);
        if tail.get() == index {
            // The tail: the circle only turns.
            return;
        }
        let link = Link::new(index);
        let node = self.node_mut(index);
        let (prev, next) = (node.prev, node.next);
        node.prev = tail;
        node.next = Link::new(head);
        self.node_mut(prev.get()).next = next;
        self.node_mut(next.get()).prev = prev;
        self.node_mut(tail.get()).next = link;
        self.node_mut(head).prev = link;
    }

    /// Makes `index` the least recently used entry.
    pub(crate) fn demote(&mut self, index: u32) {
        if self.head == Some(index) {
            // The head: the circle only turns.
            self.head = Some(self.node(index).next.get());
            return;
        }
        self.unlink(index);
        self.link(index, false);
    }

    /// Removes `index` from the index table, the list and the slab, and
    /// returns its node. `hash` is the hash of its key.
    pub(crate) fn take(&mut self, hash: u64, index: u32) -> Node<K, V> {
        match self.index.find_entry(hash, |&i| i == index) {
            Ok(entry) => {
                entry.remove();
            }
            Err(_) => unreachable!("LruCache: entry {index} is missing from the index"),
        }
        self.unlink(index);
        self.nodes.remove(index as usize)
    }

    /// Stores a new entry as the head, given its key's hash, which is not in
    /// the cache. The index must have room (see [`List::reserve_one`]).
    pub(crate) fn insert_new(&mut self, hash: u64, key: K, value: V) -> u32 {
        let slot = self.nodes.vacant_key();
        let index = match u32::try_from(slot) {
            Ok(index) if slot < MAX_ENTRIES => index,
            _ => panic!("LruCache::put: more than {MAX_ENTRIES} entries"),
        };
        let link = Link::new(index);
        self.nodes.insert(Node {
            key,
            value,
            next: link,
            prev: link,
        });
        self.link(index, true);
        self.index.insert_unique(hash, index, |_| {
            unreachable!("LruCache: the index grows only in reserve_one")
        });
        index
    }

    /// Makes room in the index for one more entry.
    ///
    /// When the table has no room left, mostly because erased entries left
    /// tombstones, it is emptied and refilled in place, without allocating,
    /// as long as at least a sixteenth of it stays free; otherwise it grows
    /// first. If a key's `Hash` panics meanwhile, the guard takes the
    /// entries not yet back in the index out of the list and slab, so the
    /// cache stays whole (smaller).
    pub(crate) fn reserve_one<S: BuildHasher>(&mut self, hash_builder: &S)
    where
        K: Hash,
    {
        if self.index.len() < self.index.capacity() {
            return;
        }
        let wanted = self.nodes.len() + 1;
        let guard = DropUnindexed(self);
        let list = &mut *guard.0;
        list.index.clear();
        let full = list.index.capacity();
        if full < wanted + full / 16 {
            let grown = wanted
                .checked_mul(2)
                .expect("LruCache: index size overflows usize");
            list.index
                .reserve(grown, |_| unreachable!("the index is empty"));
        }
        for (slot, node) in list.nodes.iter() {
            let hash = hash_builder.hash_one(&node.key);
            list.index
                .insert_unique(hash, slot as u32, |_| unreachable!("the index has room"));
        }
        core::mem::forget(guard);
    }

    /// Removes every entry, the index first. If a destructor panics the slab
    /// still drops the others.
    pub(crate) fn clear(&mut self) {
        self.index.clear();
        self.head = None;
        self.nodes.clear();
    }
}

/// Panics for a link to a vacant slot, which the invariants rule out.
#[cold]
#[inline(never)]
fn missing(index: u32) -> ! {
    unreachable!("LruCache: the list links to vacant slot {index}")
}

/// On unwind from a rehash, drops the entries whose index hashbrown lost.
struct DropUnindexed<'a, K, V>(&'a mut List<K, V>);

impl<K, V> Drop for DropUnindexed<'_, K, V> {
    fn drop(&mut self) {
        let list = &mut *self.0;
        if list.index.len() == list.nodes.len() {
            return;
        }
        let mut indexed = alloc::vec![false; list.nodes.capacity()];
        for &i in list.index.iter() {
            indexed[i as usize] = true;
        }
        let lost: alloc::vec::Vec<u32> = list
            .nodes
            .iter()
            .map(|(slot, _)| slot as u32)
            .filter(|&i| !indexed[i as usize])
            .collect();
        for &i in &lost {
            list.unlink(i);
        }
        let mut taken = alloc::vec::Vec::with_capacity(lost.len());
        for &i in &lost {
            taken.push(list.nodes.remove(i as usize));
        }
        drop(taken);
    }
}
