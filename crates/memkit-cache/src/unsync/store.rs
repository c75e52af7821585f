//! The storage of [`Cache`](crate::Cache): a [`Ring`] of [`Slot`]s with
//! the index of their slots, and two circular FIFOs on the ring (the small
//! and the main FIFO of S3-FIFO; SIEVE uses only the main one).
//!
//! # Invariants
//!
//! 1. The ring's index holds exactly the slots of `slots`, each once, at
//!    the hash of its slot's key.
//! 2. Each slot is on exactly one FIFO's ring, the one its `in_main` names;
//!    following `next` from a FIFO's `head` (its oldest slot) visits each
//!    of its slots once, from the oldest to the newest, and comes back.
//! 3. A FIFO's `weight` and `len` are the sums over its slots.
//! 4. `hand`, when set, is a slot of the main FIFO.

use core::cell::Cell;

use crate::raw::{Keyed, Owner, Ring};

/// One entry.
#[derive(Clone)]
pub(crate) struct Slot<K, V> {
    pub(crate) key: K,
    pub(crate) value: V,
    pub(crate) weight: u64,
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
    pub(crate) slots: Ring<Slot<K, V>>,
    pub(crate) small: Fifo,
    pub(crate) main: Fifo,
    /// SIEVE's hand: the next main slot it looks at.
    pub(crate) hand: Option<u32>,
}

impl<K, V> Keyed for Slot<K, V> {
    type Key = K;
    #[inline]
    fn key(&self) -> &K {
        &self.key
    }
}

impl<K, V> Owner<false> for Store<K, V> {
    type Entry = Slot<K, V>;

    fn ring(&mut self) -> &mut Ring<Slot<K, V>> {
        &mut self.slots
    }

    fn detach(&mut self, slot: u32) {
        self.unlink(slot);
    }
}

impl<K, V> Store<K, V> {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Store {
            // The index gets at least twice as many buckets as entries
            // (hashbrown fills 7/8 of a power of two): probes on a table at
            // most half full stop in the first group.
            slots: Ring::with_capacity(capacity, capacity.saturating_mul(7) / 4),
            small: Fifo::default(),
            main: Fifo::default(),
            hand: None,
        }
    }

    /// The slot at `index`.
    #[inline]
    pub(crate) fn slot(&self, index: u32) -> &Slot<K, V> {
        match self.slots.get(index) {
            Some(slot) => slot,
            None => missing(index),
        }
    }

    #[inline]
    pub(crate) fn slot_mut(&mut self, index: u32) -> &mut Slot<K, V> {
        match self.slots.get_mut(index) {
            Some(slot) => slot,
            None => missing(index),
        }
    }

    /// The next newer slot of `index`'s FIFO (the oldest after the newest).
    #[inline]
    pub(crate) fn next(&self, index: u32) -> u32 {
        self.slots.next(index)
    }

    #[inline]
    pub(crate) fn find<Q>(&self, hash: u64, key: &Q) -> Option<u32>
    where
        K: core::borrow::Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.slots
            .find(hash, |s| s.key.borrow() == key)
            .map(|(index, _)| index)
    }

    /// The slot whose key equals `key`, found without a second look-up.
    #[inline]
    pub(crate) fn find_slot<Q>(&self, hash: u64, key: &Q) -> Option<&Slot<K, V>>
    where
        K: core::borrow::Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.slots
            .find(hash, |s| s.key.borrow() == key)
            .map(|(_, slot)| slot)
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
        let (weight, main) = (slot.weight, slot.in_main);
        let next = self.slots.unlink(index);
        self.unlinked(index, weight, main, next);
    }

    /// Counts `index`, of `weight`, just unlinked from the main FIFO or
    /// the small one, out of that FIFO, and moves its head and the hand
    /// off it to `next`, the slot that followed it (`None` if it was
    /// alone).
    fn unlinked(&mut self, index: u32, weight: u64, main: bool, next: Option<u32>) {
        if main && self.hand == Some(index) {
            self.hand = next;
        }
        let fifo = self.fifo_mut(main);
        fifo.weight -= weight;
        fifo.len -= 1;
        if fifo.head == Some(index) {
            fifo.head = next;
        }
    }

    /// Appends `index`, on no FIFO, as the newest slot of the main or the
    /// small FIFO.
    pub(crate) fn push_newest(&mut self, index: u32, main: bool) {
        let slot = self.slot_mut(index);
        slot.in_main = main;
        let weight = slot.weight;
        let fifo = self.fifo_mut(main);
        fifo.weight += weight;
        fifo.len += 1;
        match fifo.head {
            None => fifo.head = Some(index),
            Some(oldest) => {
                self.slots.place_before(index, oldest);
            }
        }
    }

    /// Removes `index` from the index, its FIFO and the slab. `hash` is the
    /// hash of its key.
    pub(crate) fn take(&mut self, hash: u64, index: u32) -> Slot<K, V> {
        let (slot, next) = self.slots.remove(hash, index);
        self.unlinked(index, slot.weight, slot.in_main, next);
        slot
    }

    /// Stores a new slot as the newest of a FIFO. The key is absent and the
    /// index has room (see [`reserve_one`](crate::raw::reserve_one)).
    ///
    /// # Panics
    ///
    /// If the cache already holds [`Ring::MAX_ENTRIES`] entries.
    pub(crate) fn insert_new(
        &mut self,
        hash: u64,
        key: K,
        value: V,
        weight: u64,
        main: bool,
    ) -> u32 {
        let slot = Slot {
            key,
            value,
            weight,
            freq: Cell::new(0),
            in_main: main,
        };
        let Ok(index) = self.slots.insert(hash, slot) else {
            panic!(
                "Cache::insert: more than {} entries",
                Ring::<Slot<K, V>>::MAX_ENTRIES
            )
        };
        self.push_newest(index, main);
        index
    }

    /// Puts a new pair, whose key hashes to `hash` and is absent, in the
    /// place of `oldest`, the oldest slot of the small FIFO, whose key
    /// hashes to `old_hash`; the new slot becomes the newest of the small
    /// FIFO. Returns the old slot. The index must have room (see
    /// [`reserve_one`](crate::raw::reserve_one)). No user code runs.
    #[inline]
    pub(crate) fn replace_small_oldest(
        &mut self,
        oldest: u32,
        old_hash: u64,
        hash: u64,
        key: K,
        value: V,
        weight: u64,
    ) -> Slot<K, V> {
        debug_assert_eq!(self.small.head, Some(oldest), "Store::replace_small_oldest");
        let slot = Slot {
            key,
            value,
            weight,
            freq: Cell::new(0),
            in_main: false,
        };
        let (old, next) = self.slots.replace(oldest, old_hash, hash, slot);
        self.small.weight = self.small.weight - old.weight + weight;
        // The oldest is just after the newest: the circle turns.
        self.small.head = Some(next);
        old
    }

    /// Removes every entry, the index first; if a destructor panics the
    /// slab still drops the others.
    pub(crate) fn clear(&mut self) {
        self.small = Fifo::default();
        self.main = Fifo::default();
        self.hand = None;
        self.slots.clear();
    }
}

/// Panics for a link to a vacant slot, which the invariants rule out.
#[cold]
#[inline(never)]
fn missing(index: u32) -> ! {
    unreachable!("Cache: a FIFO or the index links to vacant slot {index}")
}
