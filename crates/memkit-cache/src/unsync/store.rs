//! The storage of [`Cache`](crate::Cache): a slab of [`Slot`]s, a
//! `HashTable<u32>` of slab indices, and two circular FIFOs by `u32` links
//! (the small and the main FIFO of S3-FIFO; SIEVE uses only the main one).
//!
//! # Invariants
//!
//! 1. `index` holds exactly the slab indices of `slots`, each once, at the
//!    hash of its slot's key.
//! 2. Each slot is on exactly one FIFO, the one its `in_main` names;
//!    following `next` from a FIFO's `head` (its oldest slot) visits each
//!    of its slots once and comes back; `prev` is the mirror.
//! 3. A FIFO's `weight` and `len` are the sums over its slots.
//! 4. `hand`, when set, is a slot of the main FIFO.

use core::cell::Cell;
use core::hash::{BuildHasher, Hash};

use hashbrown::HashTable;
use memkit_slab::Slab;

use crate::node::{Link, MAX_ENTRIES};

/// One entry.
#[derive(Clone)]
pub(crate) struct Slot<K, V> {
    pub(crate) key: K,
    pub(crate) value: V,
    pub(crate) weight: u64,
    /// The next newer slot of its FIFO (the oldest after the newest).
    pub(crate) next: Link,
    /// The next older slot of its FIFO.
    pub(crate) prev: Link,
    /// Reads since the policy last looked, at most [`MAX_FREQ`].
    pub(crate) freq: Cell<u8>,
    pub(crate) in_main: bool,
}

/// Reads counted per entry: two bits, as in S3-FIFO.
pub(crate) const MAX_FREQ: u8 = 3;

/// One FIFO.
#[derive(Clone, Copy, Default)]
pub(crate) struct Fifo {
    /// The oldest slot.
    pub(crate) head: Option<u32>,
    pub(crate) weight: u64,
    pub(crate) len: usize,
}

/// Slab, index and FIFOs.
#[derive(Clone)]
pub(crate) struct Store<K, V> {
    pub(crate) slots: Slab<Slot<K, V>>,
    pub(crate) index: HashTable<u32>,
    pub(crate) small: Fifo,
    pub(crate) main: Fifo,
    /// SIEVE's hand: the next main slot it looks at.
    pub(crate) hand: Option<u32>,
}

impl<K, V> Store<K, V> {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Store {
            slots: Slab::with_capacity(capacity),
            index: HashTable::with_capacity(capacity),
            small: Fifo::default(),
            main: Fifo::default(),
            hand: None,
        }
    }

    /// The slot at `index`, one bounds-and-occupancy check (the slab's
    /// `IndexMut` makes two).
    #[inline]
    pub(crate) fn slot(&self, index: u32) -> &Slot<K, V> {
        match self.slots.get(index as usize) {
            Some(slot) => slot,
            None => missing(index),
        }
    }

    #[inline]
    pub(crate) fn slot_mut(&mut self, index: u32) -> &mut Slot<K, V> {
        match self.slots.get_mut(index as usize) {
            Some(slot) => slot,
            None => missing(index),
        }
    }

    #[inline]
    pub(crate) fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
    where
        K: core::borrow::Borrow<Q>,
        Q: Eq + ?Sized,
    {
        let slots = &self.slots;
        self.index
            .find(hash, |&i| slots[i as usize].key.borrow() == key)
            .copied()
    }

    fn fifo_mut(&mut self, main: bool) -> &mut Fifo {
        if main {
            &mut self.main
        } else {
            &mut self.small
        }
    }

    /// Takes `index` off its FIFO.
    pub(crate) fn unlink(&mut self, index: u32) {
        let slot = self.slot(index);
        let (prev, next, weight, main) = (slot.prev, slot.next, slot.weight, slot.in_main);
        if main && self.hand == Some(index) {
            self.hand = (next.get() != index).then(|| next.get());
        }
        let fifo = self.fifo_mut(main);
        fifo.weight -= weight;
        fifo.len -= 1;
        if next.get() == index {
            fifo.head = None;
            return;
        }
        if fifo.head == Some(index) {
            fifo.head = Some(next.get());
        }
        self.slot_mut(prev.get()).next = next;
        self.slot_mut(next.get()).prev = prev;
    }

    /// Appends `index`, on no FIFO, as the newest slot of the main or the
    /// small FIFO.
    pub(crate) fn push_newest(&mut self, index: u32, main: bool) {
        let link = Link::new(index);
        let weight = self.slot(index).weight;
        self.slot_mut(index).in_main = main;
        let fifo = self.fifo_mut(main);
        fifo.weight += weight;
        fifo.len += 1;
        match fifo.head {
            None => {
                fifo.head = Some(index);
                let slot = self.slot_mut(index);
                slot.next = link;
                slot.prev = link;
            }
            Some(oldest) => {
                let newest = self.slot(oldest).prev;
                let slot = self.slot_mut(index);
                slot.next = Link::new(oldest);
                slot.prev = newest;
                self.slot_mut(newest.get()).next = link;
                self.slot_mut(oldest).prev = link;
            }
        }
    }

    /// Removes `index` from the index, its FIFO and the slab. `hash` is the
    /// hash of its key.
    pub(crate) fn take(&mut self, hash: u64, index: u32) -> Slot<K, V> {
        match self.index.find_entry(hash, |&i| i == index) {
            Ok(entry) => {
                entry.remove();
            }
            Err(_) => unreachable!("Cache: entry {index} is missing from the index"),
        }
        self.unlink(index);
        self.slots.remove(index as usize)
    }

    /// Stores a new slot as the newest of a FIFO. The key is absent and the
    /// index has room (see [`Store::reserve_one`]).
    pub(crate) fn insert_new(
        &mut self,
        hash: u64,
        key: K,
        value: V,
        weight: u64,
        main: bool,
    ) -> u32 {
        let vacant = self.slots.vacant_key();
        let index = match u32::try_from(vacant) {
            Ok(index) if vacant < MAX_ENTRIES => index,
            _ => panic!("Cache::insert: more than {MAX_ENTRIES} entries"),
        };
        let link = Link::new(index);
        self.slots.insert(Slot {
            key,
            value,
            weight,
            next: link,
            prev: link,
            freq: Cell::new(0),
            in_main: main,
        });
        self.push_newest(index, main);
        self.index.insert_unique(hash, index, |_| {
            unreachable!("Cache: the index grows only in reserve_one")
        });
        index
    }

    /// Makes room in the index for one more entry, refilling it in place
    /// when erased entries used up its room (see
    /// `LruCache`'s twin in `lru/list.rs`). A `Hash` panic meanwhile drops
    /// the entries not yet re-indexed, so the cache stays whole.
    pub(crate) fn reserve_one<S: BuildHasher>(&mut self, hash_builder: &S)
    where
        K: Hash,
    {
        if self.index.len() < self.index.capacity() {
            return;
        }
        let wanted = self.slots.len() + 1;
        let guard = DropUnindexed(self);
        let store = &mut *guard.0;
        store.index.clear();
        let full = store.index.capacity();
        if full < wanted + full / 16 {
            let grown = wanted
                .checked_mul(2)
                .expect("Cache: index size overflows usize");
            store
                .index
                .reserve(grown, |_| unreachable!("the index is empty"));
        }
        for (slot, entry) in store.slots.iter() {
            let hash = hash_builder.hash_one(&entry.key);
            store
                .index
                .insert_unique(hash, slot as u32, |_| unreachable!("the index has room"));
        }
        core::mem::forget(guard);
    }

    /// Removes every entry, the index first; if a destructor panics the
    /// slab still drops the others.
    pub(crate) fn clear(&mut self) {
        self.index.clear();
        self.small = Fifo::default();
        self.main = Fifo::default();
        self.hand = None;
        self.slots.clear();
    }
}

/// On unwind from an index refill, drops the entries not re-indexed.
struct DropUnindexed<'a, K, V>(&'a mut Store<K, V>);

impl<K, V> Drop for DropUnindexed<'_, K, V> {
    fn drop(&mut self) {
        let store = &mut *self.0;
        if store.index.len() == store.slots.len() {
            return;
        }
        let mut indexed = alloc::vec![false; store.slots.capacity()];
        for &i in store.index.iter() {
            indexed[i as usize] = true;
        }
        let lost: alloc::vec::Vec<u32> = store
            .slots
            .iter()
            .map(|(slot, _)| slot as u32)
            .filter(|&i| !indexed[i as usize])
            .collect();
        let mut taken = alloc::vec::Vec::with_capacity(lost.len());
        for &i in &lost {
            store.unlink(i);
            taken.push(store.slots.remove(i as usize));
        }
        drop(taken);
    }
}

/// Panics for a link to a vacant slot, which the invariants rule out.
#[cold]
#[inline(never)]
fn missing(index: u32) -> ! {
    unreachable!("Cache: a FIFO or the index links to vacant slot {index}")
}
