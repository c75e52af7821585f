//! The unsafe core of memkit-cache: [`Ring`], a slab whose values are
//! threaded on circular doubly linked lists ("rings") by `u32` links (byte
//! offsets into the slab, see [`Link`]), with the hash index of their keys,
//! where a step along a link or from the index to a slot reads the slab
//! without checking it or scaling an index.
//!
//! Every cache operation walks a few links (a promotion in `LruCache`
//! follows four) and looks a key up through the index, and a checked slab
//! access costs a bounds check and an occupancy check each. The links and
//! the index are private to this module, so the structure that makes them
//! safe to follow is kept here, in one file.
//!
//! # Invariants
//!
//! For every occupied slot `i` of `Ring::slots`:
//!
//! 1. `next(i)` and `prev(i)` name occupied slots;
//! 2. `prev(next(i)) == i` and `next(prev(i)) == i`.
//!
//! And for the index, `Ring::index`:
//!
//! 3. every entry names an occupied slot, and no two entries name the same
//!    slot. (Under which hash an entry is filed matters for finding it,
//!    not for soundness.)
//!
//! And for a `Ring<T, true>` (one ring, `LruCache`'s list):
//!
//! 4. all occupied slots are on one ring, and `Ring::head` names one of
//!    them unless the slab is empty.
//!
//! How each method keeps them:
//!
//! * [`Ring::insert`] stores a slot as a ring of its own (its links name
//!   itself), in a slot that was vacant, so no entry named it (3); then it
//!   files that slot once.
//! * Links change only in [`Ring::unlink`] and [`Ring::splice_before`]
//!   (behind `place_before` and `make_head`), which splice rings and keep
//!   2, and so 1 (every slot they link to is occupied: checked, or reached
//!   by a link, or from the index).
//! * A slot leaves the slab only in [`Ring::remove`], which first takes its
//!   one entry out of the index (or panics before anything changed), and
//!   then `unlink` makes it a ring of its own: by 2 no other slot links to
//!   it, and by 3 no entry names it, when it is vacated. The unwind guard of
//!   [`reserve_one`] vacates only slots it found unnamed by the index.
//! * Entries are added only by `insert`, by [`Ring::replace`] (which takes
//!   the slot's one entry out before it files the slot again) and by the
//!   refill of [`reserve_one`] (which empties the index and files each
//!   occupied slot once); hashbrown's own moves (growth, rehash, shrink)
//!   keep the set of entries or, if a hasher panics, drop some of them.
//! * On one ring (4), `insert` links the new slot in before the head (or
//!   makes it the head of an empty slab) before any user code can run;
//!   `place_before` moves a slot within the ring; `unlink` is not offered,
//!   and the `remove` that unlinks a slot vacates it next. `head` is set
//!   only to a slot checked, found through the index, or linked from an
//!   occupied slot, and when its slot leaves, it moves to the slot that
//!   followed (if the slot was alone, the slab is empty then).
//! * `clear` empties the index, then the slab; `Clone` copies the links,
//!   the index and the head with the slots at the same indices.
//! * [`Ring::walk_mut`] changes nothing but values: it holds the ring
//!   mutably while it hands out each slot's value once (see [`WalkMut`]).
//!
//! No user code (a value's `Drop`, `Clone`, `Hash`, `Eq`) runs while a
//! splice is half done: values are dropped only after `remove` relinked
//! their neighbours, so a panic leaves the invariants whole.
//!
//! Consequence, used by every `unsafe` block below: an index read out of
//! the links of an occupied slot, or out of the index, names an occupied
//! slot, and so does the head of a non-empty `Ring<T, true>`, so
//! `Slab::get_unchecked(_mut)` on it is sound. Indices that come from
//! outside (a caller) are checked.

use alloc::vec::Vec;
use core::num::NonZeroU32;

use hashbrown::HashTable;
use memkit_slab::Slab;

/// A value that carries its key.
pub(crate) trait Keyed {
    type Key;
    fn key(&self) -> &Self::Key;
}

/// A cache's storage: a [`Ring`], and the lists the cache keeps on it.
pub(crate) trait Owner<const ONE: bool> {
    type Entry: Keyed;

    /// The ring.
    fn ring(&mut self) -> &mut Ring<Self::Entry, ONE>;

    /// Takes `slot` off the owner's lists (heads, counts), as the ring is
    /// about to drop it; see [`reserve_one`].
    fn detach(&mut self, slot: u32);
}

/// A slot's place in the slab as a byte offset plus one stride
/// ([`Slab::STRIDE`]): a step along a link reads the slot at `link - stride`
/// bytes without scaling an index, and the offset is never zero, so that
/// `Slab`'s vacant variant can use the zero niche and a `u64 → u64` entry of
/// `LruCache` stays 24 bytes. [`Ring`] converts between links and slot
/// numbers.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Link(NonZeroU32);

/// A value and its place on its ring.
#[derive(Clone)]
struct Linked<T> {
    value: T,
    /// The slot after this one on its ring.
    next: Link,
    /// The slot before this one on its ring.
    prev: Link,
}

/// A slab of values on circular lists, and an index of their slots by the
/// hash of their keys; see the module's invariants. With `ONE`, all values
/// are on one ring, which has a head.
#[derive(Clone)]
pub(crate) struct Ring<T, const ONE: bool = false> {
    slots: Slab<Linked<T>>,
    /// Links to slots, by the hash of their value's key: links rather
    /// than slot numbers, so that a hit makes its slot the head without an
    /// add.
    index: HashTable<Link>,
    /// With `ONE`, the head of the ring (`LruCache`'s most recently used
    /// entry) unless the slab is empty (invariant 4); unused otherwise.
    head: Link,
    /// The least `index.capacity()` that [`Ring::has_room`] accepts.
    /// hashbrown's `capacity()` is the table's capacity less its
    /// tombstones, so this bounds the tombstones; see [`Ring::set_floor`].
    floor: usize,
}

impl<T, const ONE: bool> Ring<T, ONE> {
    /// The bytes between two slots of the slab.
    const STRIDE: usize = Slab::<Linked<T>>::STRIDE;

    /// The most entries a ring holds: every link, `(slot + 1) * STRIDE`,
    /// fits a `u32` below `u32::MAX`.
    pub(crate) const MAX_ENTRIES: usize = u32::MAX as usize / Self::STRIDE - 1;

    /// The link to slot `index`. A slot at or above [`Self::MAX_ENTRIES`],
    /// which is never occupied, gets a link no occupied slot has.
    #[inline]
    fn link_to(index: u32) -> Link {
        let offset = (index as usize + 1).saturating_mul(Self::STRIDE);
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        Link(NonZeroU32::new(offset).unwrap_or(NonZeroU32::MAX))
    }

    /// The link to `index`, without the checks of [`Ring::link_to`].
    ///
    /// # Safety
    ///
    /// * `index` is below [`Self::MAX_ENTRIES`], so `(index + 1) * STRIDE`
    ///   neither overflows nor is zero. Every occupied slot is:
    ///   [`Ring::store`] checks.
    #[inline]
    unsafe fn occupied_link(index: u32) -> Link {
        let offset = (index + 1) * Self::STRIDE as u32;
        // SAFETY: the caller promises `index < MAX_ENTRIES`, so the
        // product fits and, both factors being positive, is not zero.
        Link(unsafe { NonZeroU32::new_unchecked(offset) })
    }

    /// The slot number of `link`.
    #[inline]
    fn index_of(link: Link) -> u32 {
        (link.0.get() as usize / Self::STRIDE - 1) as u32
    }

    /// The byte offset of `link`'s slot in the slab. Subtracting after the
    /// widening lets the compiler fold the stride into the slot's address.
    #[inline]
    fn offset_of(link: Link) -> usize {
        link.0.get() as usize - Self::STRIDE
    }

    pub(crate) const fn new() -> Self {
        Ring {
            slots: Slab::new(),
            index: HashTable::new(),
            head: Link(NonZeroU32::MIN),
            floor: 0,
        }
    }

    /// A ring with room for `capacity` slots and an index with room for
    /// `index_capacity` entries.
    pub(crate) fn with_capacity(capacity: usize, index_capacity: usize) -> Self {
        let mut ring = Ring {
            slots: Slab::with_capacity(capacity),
            index: HashTable::with_capacity(index_capacity),
            head: Link(NonZeroU32::MIN),
            floor: 0,
        };
        ring.set_floor();
        ring
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub(crate) fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// The value at `index`, if the slot is occupied.
    #[inline]
    pub(crate) fn get(&self, index: u32) -> Option<&T> {
        self.slots.get(index as usize).map(|linked| &linked.value)
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, index: u32) -> Option<&mut T> {
        self.slots
            .get_mut(index as usize)
            .map(|linked| &mut linked.value)
    }

    /// The slot at `index`, checked.
    #[inline]
    fn linked(&self, index: u32) -> &Linked<T> {
        match self.slots.get(index as usize) {
            Some(linked) => linked,
            None => vacant(index),
        }
    }

    /// The slot at `index`, mutably, without a check.
    ///
    /// The safe twin is [`Ring::get_mut`] (which hands out the value only).
    ///
    /// # Safety
    ///
    /// * `index` is an occupied slot: for instance a link read out of an
    ///   occupied slot (invariant 1).
    #[inline]
    unsafe fn linked_unchecked_mut(&mut self, index: u32) -> &mut Linked<T> {
        // SAFETY: the caller promises `index` holds a value.
        unsafe { self.slots.get_unchecked_mut(index as usize) }
    }

    /// The slot `link` names, without a check.
    ///
    /// The safe twin is [`Ring::get`] (which hands out the value only).
    ///
    /// # Safety
    ///
    /// * `link` names an occupied slot: for instance it was read out of an
    ///   occupied slot (invariant 1) or out of the index (invariant 3).
    #[inline]
    unsafe fn linked_at(&self, link: Link) -> &Linked<T> {
        // SAFETY: the caller promises `link` names a slot that holds a value.
        unsafe { self.slots.get_unchecked_at(Self::offset_of(link)) }
    }

    /// The slot `link` names, mutably, without a check.
    ///
    /// The safe twin is [`Ring::get_mut`] (which hands out the value only).
    ///
    /// # Safety
    ///
    /// * `link` names an occupied slot: for instance it was read out of an
    ///   occupied slot (invariant 1).
    #[inline]
    unsafe fn linked_at_mut(&mut self, link: Link) -> &mut Linked<T> {
        // SAFETY: the caller promises `link` names a slot that holds a value.
        unsafe { self.slots.get_unchecked_at_mut(Self::offset_of(link)) }
    }

    /// The slot after `index` on its ring.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn next(&self, index: u32) -> u32 {
        Self::index_of(self.linked(index).next)
    }

    /// The slot before `index` on its ring.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn prev(&self, index: u32) -> u32 {
        Self::index_of(self.linked(index).prev)
    }

    /// The slot filed under `hash` whose value `is_key` accepts, and that
    /// value. `is_key` sees only values the index names, without a check
    /// of their slots.
    #[inline]
    pub(crate) fn find(&self, hash: u64, is_key: impl FnMut(&T) -> bool) -> Option<(u32, &T)> {
        let link = self.find_link(hash, is_key)?;
        // SAFETY: `link` is an entry of the index (invariant 3).
        Some((Self::index_of(link), &unsafe { self.linked_at(link) }.value))
    }

    /// The entry of the index filed under `hash` whose value `is_key`
    /// accepts.
    #[inline]
    fn find_link(&self, hash: u64, is_key: impl FnMut(&T) -> bool) -> Option<Link> {
        let mut is_key = is_key;
        let slots = &self.slots;
        self.index
            .find(hash, |&link| {
                // SAFETY: every entry of the index names an occupied slot
                // (invariant 3).
                is_key(&unsafe { slots.get_unchecked_at(Self::offset_of(link)) }.value)
            })
            .copied()
    }

    /// Whether the index takes one more entry without growing, and its
    /// tombstones are few enough to keep (see [`Ring::set_floor`]); see
    /// [`reserve_one`].
    #[inline]
    fn has_room(&self) -> bool {
        let capacity = self.index.capacity();
        self.index.len() < capacity && capacity >= self.floor
    }

    /// Sets the floor of [`Ring::has_room`] for an index without
    /// tombstones: it accepts as many tombstones as an eighth of the
    /// index's capacity.
    ///
    /// Tombstones lengthen the probes of every later miss (a cache's insert
    /// is one), and they pile up under steady eviction. `LruCache`'s index
    /// is about 70% full: when it kept tombstones until it ran out of room,
    /// its probes ran through a table up to 87% taken, and an insert with
    /// eviction cost twice the branch mispredictions it costs now. An
    /// S3-FIFO `Cache`'s index is at most a third full, and its tombstones
    /// used to pile up for millions of inserts. A refill re-files every
    /// entry, and the index has room for at least as many entries as it
    /// holds, so one at the floor re-files at most eight entries per
    /// tombstone (about six for `LruCache`, three for `Cache`).
    fn set_floor(&mut self) {
        let fresh = self.index.capacity();
        self.floor = fresh - fresh / 8;
    }

    /// Stores `value` as a ring of its own, unfiled; returns its slot and
    /// link, or hands the value back when the slab already has
    /// [`Self::MAX_ENTRIES`] slots in use.
    fn store(&mut self, value: T) -> Result<(u32, Link), T> {
        let vacant = self.slots.vacant_key();
        let index = match u32::try_from(vacant) {
            Ok(index) if vacant < Self::MAX_ENTRIES => index,
            _ => return Err(value),
        };
        let link = Self::link_to(index);
        let stored = self.slots.insert(Linked {
            value,
            next: link,
            prev: link,
        });
        debug_assert_eq!(stored, vacant, "Ring::store: the slab's next key moved");
        Ok((index, link))
    }

    /// Files `link` under `hash`; the index has room.
    #[inline]
    fn file(&mut self, hash: u64, link: Link) {
        self.index.insert_unique(hash, link, |_| {
            unreachable!("memkit-cache: the index grows only in reserve_one")
        });
    }

    /// Takes the entry of `index` filed under `hash` out of the index.
    ///
    /// # Panics
    ///
    /// If `index` is not filed under `hash`; nothing has changed then.
    #[inline]
    fn unfile(&mut self, hash: u64, link: Link) {
        match self.index.find_entry(hash, |&l| l == link) {
            Ok(entry) => {
                entry.remove();
            }
            Err(_) => not_filed(Self::index_of(link)),
        }
    }

    /// Puts `value`, filed under `hash`, in the place of the value at
    /// `index`, filed under `old_hash`, and returns the old value and the
    /// slot after `index` on its ring. The slot keeps its place on its
    /// ring. The index must have room (see [`reserve_one`]). No user code
    /// runs.
    ///
    /// # Panics
    ///
    /// If `index` is not filed under `old_hash`; nothing has changed then.
    #[inline(always)]
    pub(crate) fn replace(&mut self, index: u32, old_hash: u64, hash: u64, value: T) -> (T, u32) {
        // A slot at or above `MAX_ENTRIES` is never filed, and neither is
        // the link `link_to` gives it.
        let link = Self::link_to(index);
        self.unfile(old_hash, link);
        // SAFETY: `link` was an entry of the index (invariant 3), so its
        // slot is occupied.
        let linked = unsafe { self.linked_at_mut(link) };
        let old = core::mem::replace(&mut linked.value, value);
        let next = Self::index_of(linked.next);
        // By invariant 3 `link` had one entry, now gone: filing it again
        // keeps it named once.
        self.file(hash, link);
        (old, next)
    }

    /// Takes `index` out of its ring and moves it to just before `at` on
    /// `at`'s ring (nothing changes when `index` is `at` or already there),
    /// and returns its value. Before the oldest slot of a FIFO is its
    /// newest place; before the head of an LRU list is its tail.
    ///
    /// # Panics
    ///
    /// If `index` or `at` is vacant.
    #[inline]
    pub(crate) fn place_before(&mut self, index: u32, at: u32) -> &mut T {
        let _ = self.linked(at);
        let _ = self.linked(index);
        // SAFETY: `index` and `at` were checked just above.
        unsafe { self.place_before_unchecked(index, at) }
    }

    /// [`place_before`](Ring::place_before) without its checks.
    ///
    /// # Safety
    ///
    /// * `index` and `at` are occupied slots.
    #[inline]
    unsafe fn place_before_unchecked(&mut self, index: u32, at: u32) -> &mut T {
        if index == at {
            // SAFETY: the caller promises `index` is occupied.
            return &mut unsafe { self.linked_unchecked_mut(index) }.value;
        }
        // SAFETY: the caller promises both are occupied.
        unsafe { self.splice_before(Self::occupied_link(index), Self::occupied_link(at)) }
    }

    /// Moves the slot `this` names to just before the slot `at` names, on
    /// `at`'s ring; with `at` the slot after `this` (or `this` itself, when
    /// it is alone), `this` stays where it is.
    ///
    /// # Safety
    ///
    /// * `this` and `at` name occupied slots.
    #[inline]
    unsafe fn splice_before(&mut self, this: Link, at: Link) -> &mut T {
        // SAFETY: the caller promises `this` names an occupied slot.
        let linked = unsafe { self.linked_at(this) };
        let (next, prev) = (linked.next, linked.prev);
        // SAFETY: 1. `prev` and `next` are links of the occupied `this`,
        // and `before` a link of the occupied `at`, so all are occupied
        // (invariant 1); the caller promises `this` and `at` are. 2.
        // Unlinking `this` first keeps invariant 2 between the two splices
        // (when `this` is a ring of its own, `prev` and `next` are `this`
        // and the two writes leave it so). `before` is read after the
        // unlink, so it is the slot before `at` on the ring `this` left:
        // when `at` is `next`, `before` is `prev` and `this` goes back
        // where it was.
        unsafe {
            self.linked_at_mut(prev).next = next;
            self.linked_at_mut(next).prev = prev;
            let before = self.linked_at_mut(at).prev;
            self.linked_at_mut(before).next = this;
            self.linked_at_mut(at).prev = this;
            let linked = self.linked_at_mut(this);
            linked.next = at;
            linked.prev = before;
            &mut linked.value
        }
    }

    /// Takes `index` out of its ring, making it a ring of its own; returns
    /// the slot that followed it, `None` if it was alone. On one ring, a
    /// head on `index` moves to that slot; the caller vacates `index` next
    /// (invariant 4).
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    fn unlink_slot(&mut self, index: u32) -> Option<u32> {
        let linked = self.linked(index);
        let (next, prev) = (linked.next, linked.prev);
        // SAFETY: `index` was checked just above.
        let link = unsafe { Self::occupied_link(index) };
        if next == link {
            return None;
        }
        if ONE && self.head == link {
            // A link of the occupied `index`: occupied (invariant 1).
            self.head = next;
        }
        // SAFETY: `prev` and `next` are links of the occupied slot `index`,
        // so occupied (invariant 1).
        unsafe {
            self.linked_at_mut(prev).next = next;
            self.linked_at_mut(next).prev = prev;
        }
        // SAFETY: `index` was checked above and is still occupied.
        let this = unsafe { self.linked_unchecked_mut(index) };
        this.next = link;
        this.prev = link;
        Some(Self::index_of(next))
    }

    /// Takes `index` out of the index (where it is filed under `hash`), its
    /// ring and the slab, and returns its value and the slot that followed
    /// it on its ring (`None` if it was alone).
    ///
    /// # Panics
    ///
    /// If `index` is not filed under `hash`; nothing has changed then.
    pub(crate) fn remove(&mut self, hash: u64, index: u32) -> (T, Option<u32>) {
        // As in `replace`, a slot out of range is never filed.
        self.unfile(hash, Self::link_to(index));
        // By invariant 3 that was the one entry naming `index`.
        self.remove_unfiled(index)
    }

    /// Takes `index`, which no entry of the index names, out of its ring
    /// and the slab; returns its value and the slot that followed it.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    fn remove_unfiled(&mut self, index: u32) -> (T, Option<u32>) {
        let next = self.unlink_slot(index);
        (self.slots.remove(index as usize).value, next)
    }

    /// The occupied slots that no entry of the index names, in slot order.
    fn unfiled(&self) -> Vec<u32> {
        let mut filed = alloc::vec![false; self.slots.capacity()];
        for &link in &self.index {
            filed[Self::index_of(link) as usize] = true;
        }
        self.slots
            .iter()
            .map(|(i, _)| i as u32)
            .filter(|&i| !filed[i as usize])
            .collect()
    }

    /// The occupied slots and their values, in slot order.
    pub(crate) fn iter(&self) -> Iter<'_, T> {
        Iter {
            slots: self.slots.iter(),
        }
    }

    /// Drops every value, the index first; if a destructor panics the slab
    /// still drops the others.
    pub(crate) fn clear(&mut self) {
        self.index.clear();
        self.set_floor();
        self.slots.clear();
    }

    /// Gives memory back: the index to fit its entries (`hash` gives the
    /// hash of a value's key), the slab to its last occupied slot.
    ///
    /// # Panics
    ///
    /// If `hash` panics; the index is unchanged then.
    pub(crate) fn shrink_to_fit(&mut self, hash: impl Fn(&T) -> u64) {
        let Ring { slots, index, .. } = self;
        let before = index.capacity();
        index.shrink_to_fit(|&link| {
            // SAFETY: every entry of the index names an occupied slot
            // (invariant 3).
            hash(&unsafe { slots.get_unchecked_at(Self::offset_of(link)) }.value)
        });
        // A table that moved left its tombstones behind; one that did not
        // kept them, and its fresh capacity.
        if index.capacity() != before {
            self.set_floor();
        }
        self.slots.shrink_to_fit();
    }
}

impl<T> Ring<T> {
    /// Stores `value` as a ring of its own and files its slot under `hash`;
    /// returns the slot, or hands the value back when the slab already has
    /// [`Self::MAX_ENTRIES`] slots in use. The index must have room (see
    /// [`reserve_one`]).
    ///
    /// # Panics
    ///
    /// If the index has no room: the value stays in the slab, unfiled.
    pub(crate) fn insert(&mut self, hash: u64, value: T) -> Result<u32, T> {
        let (index, link) = self.store(value)?;
        self.file(hash, link);
        Ok(index)
    }

    /// Takes `index` out of its ring, making it a ring of its own; returns
    /// the slot that followed it, `None` if it was alone.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn unlink(&mut self, index: u32) -> Option<u32> {
        self.unlink_slot(index)
    }
}

impl<T> Ring<T, true> {
    /// Stores `value` as the head, just before the old head, and files its
    /// slot under `hash`; returns the slot, or hands the value back when
    /// the slab already has [`Self::MAX_ENTRIES`] slots in use. The index must
    /// have room (see [`reserve_one`]).
    ///
    /// # Panics
    ///
    /// If the index has no room: the value stays on the ring, unfiled.
    pub(crate) fn insert(&mut self, hash: u64, value: T) -> Result<u32, T> {
        let was_empty = self.is_empty();
        let (index, link) = self.store(value)?;
        if was_empty {
            self.head = link;
        } else {
            // SAFETY: `link` was just stored, so occupied; the ring was not
            // empty, and its head names an occupied slot (invariant 4).
            unsafe { self.make_head_unchecked(link) };
        }
        self.file(hash, link);
        Ok(index)
    }

    /// Puts `value`, filed under `hash`, in the place of the value before
    /// the head (an LRU list's tail), filed under `old_hash`, and makes that
    /// slot the head: the ring turns, no link changes. Returns the slot and
    /// the old value, or hands `value` back when the ring is empty. The
    /// index must have room (see [`reserve_one`]). No user code runs.
    ///
    /// # Panics
    ///
    /// If that slot is not filed under `old_hash`; nothing has changed
    /// then.
    #[inline]
    pub(crate) fn replace_before_head(
        &mut self,
        old_hash: u64,
        hash: u64,
        value: T,
    ) -> Result<(u32, T), T> {
        if self.is_empty() {
            return Err(value);
        }
        // SAFETY: the head of a non-empty ring names an occupied slot
        // (invariant 4).
        let tail = unsafe { self.linked_at(self.head) }.prev;
        self.unfile(old_hash, tail);
        // SAFETY: `tail` is a link of the occupied head (invariant 1).
        let linked = unsafe { self.linked_at_mut(tail) };
        let old = core::mem::replace(&mut linked.value, value);
        // By invariant 3 `tail` had one entry, now gone: filing it again
        // keeps it named once.
        self.file(hash, tail);
        // A link of the occupied head: occupied, on the ring (invariant 4).
        self.head = tail;
        Ok((Self::index_of(tail), old))
    }

    /// The head, unless the ring is empty.
    #[inline]
    pub(crate) fn head(&self) -> Option<u32> {
        // Lazily: the head of an empty ring may name no slot at all.
        (!self.is_empty()).then(|| Self::index_of(self.head))
    }

    /// The slot before the head on its ring (the tail of an LRU list), and
    /// its value.
    #[inline]
    pub(crate) fn before_head(&self) -> Option<(u32, &T)> {
        if self.is_empty() {
            return None;
        }
        // SAFETY: the head of a non-empty ring names an occupied slot
        // (invariant 4), and so does its `prev` (invariant 1).
        unsafe {
            let before = self.linked_at(self.head).prev;
            Some((Self::index_of(before), &self.linked_at(before).value))
        }
    }

    /// Makes `index` the head, where it is on the ring: the ring turns.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn set_head(&mut self, index: u32) {
        let _ = self.linked(index);
        // SAFETY: `index` was checked just above; it is on the one ring
        // (invariant 4).
        self.head = unsafe { Self::occupied_link(index) };
    }

    /// Moves `index` to just before the head and makes it the head; returns
    /// its value. On an LRU list: makes it the most recently used.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn make_head(&mut self, index: u32) -> &mut T {
        let _ = self.linked(index);
        // SAFETY: `index` was checked just above.
        unsafe { self.make_head_unchecked(Self::occupied_link(index)) }
    }

    /// [`make_head`](Ring::make_head) without its check.
    ///
    /// # Safety
    ///
    /// * `this` names an occupied slot.
    #[inline]
    unsafe fn make_head_unchecked(&mut self, this: Link) -> &mut T {
        // SAFETY: the caller promises `this` names an occupied slot.
        let next = unsafe { self.linked_at(this) }.next;
        // The slot `this` goes before: the head, or, when `this` is the
        // head, the slot after it, so that it stays where it is (alone on
        // the ring included: then `next` is `this`).
        let head = self.head;
        let at = core::hint::select_unpredictable(head == this, next, head);
        self.head = this;
        // SAFETY: the caller promises `this` is occupied; `at` is `next`, a
        // link of the occupied `this` (invariant 1), or the head, which
        // names an occupied slot since the ring holds `this` (invariant 4).
        unsafe { self.splice_before(this, at) }
    }

    /// The values from the head along `next` to the slot before it,
    /// mutably, walked in place: nothing is allocated.
    pub(crate) fn walk_mut(&mut self) -> WalkMut<'_, T> {
        let (front, back) = if self.is_empty() {
            (self.head, self.head)
        } else {
            // SAFETY: the head of a non-empty ring names an occupied slot
            // (invariant 4).
            (self.head, unsafe { self.linked_at(self.head) }.prev)
        };
        WalkMut {
            len: self.len(),
            ring: self,
            front,
            back,
        }
    }

    /// [`find`](Ring::find), then [`make_head`](Ring::make_head) on the slot
    /// found: one look-up, and no check.
    #[inline]
    pub(crate) fn find_make_head(
        &mut self,
        hash: u64,
        is_key: impl FnMut(&T) -> bool,
    ) -> Option<(u32, &mut T)> {
        let link = self.find_link(hash, is_key)?;
        // SAFETY: `link` is an entry of the index (invariant 3).
        Some((Self::index_of(link), unsafe {
            self.make_head_unchecked(link)
        }))
    }
}

/// Makes room in `owner`'s index for one more entry.
///
/// When the index has no room left, or erased entries left more tombstones
/// than [`Ring::has_room`] keeps, it is emptied and refilled in place,
/// without allocating, as long as at least a sixteenth of it stays free;
/// otherwise it grows first.
/// If a key's `Hash` panics meanwhile, the slots not yet back in the index
/// are detached from the owner's lists ([`Owner::detach`]) and dropped, so
/// the cache stays whole (smaller).
///
/// # Panics
///
/// If the doubled table size overflows `usize`, or if `Hash` panics.
#[inline]
pub(crate) fn reserve_one<O, S, const ONE: bool>(owner: &mut O, hash_builder: &S)
where
    O: Owner<ONE>,
    <O::Entry as Keyed>::Key: core::hash::Hash,
    S: core::hash::BuildHasher,
{
    if owner.ring().has_room() {
        return;
    }
    refill(owner, hash_builder);
}

/// The slow path of [`reserve_one`]: the index is full.
#[cold]
#[inline(never)]
fn refill<O, S, const ONE: bool>(owner: &mut O, hash_builder: &S)
where
    O: Owner<ONE>,
    <O::Entry as Keyed>::Key: core::hash::Hash,
    S: core::hash::BuildHasher,
{
    let guard = DropUnfiled(owner);
    let ring = guard.0.ring();
    let wanted = ring.len() + 1;
    ring.index.clear();
    let full = ring.index.capacity();
    if full < wanted + full / 16 {
        let grown = wanted.checked_mul(2).unwrap_or_else(|| {
            panic!("memkit-cache: an index for {wanted} entries overflows usize")
        });
        ring.index
            .reserve(grown, |_| unreachable!("the index is empty"));
    }
    let Ring { slots, index, .. } = &mut *ring;
    for (slot, linked) in slots.iter() {
        let hash = hash_builder.hash_one(linked.value.key());
        // Each occupied slot once, into an emptied index: invariant 3.
        let link = Ring::<O::Entry, ONE>::link_to(slot as u32);
        index.insert_unique(hash, link, |_| unreachable!("the index has room"));
    }
    ring.set_floor();
    core::mem::forget(guard);
}

/// On unwind from a refill, drops the slots the index lost.
struct DropUnfiled<'a, O: Owner<ONE>, const ONE: bool>(&'a mut O);

impl<O: Owner<ONE>, const ONE: bool> Drop for DropUnfiled<'_, O, ONE> {
    fn drop(&mut self) {
        let ring = self.0.ring();
        // By invariant 3, as many entries as slots means every slot is
        // named.
        if ring.index.len() == ring.len() {
            return;
        }
        for slot in ring.unfiled() {
            self.0.detach(slot);
        }
        // `detach` may have changed the ring: look again.
        let ring = self.0.ring();
        let lost = ring.unfiled();
        let mut taken = Vec::with_capacity(lost.len());
        for slot in lost {
            taken.push(ring.remove_unfiled(slot).0);
        }
        drop(taken);
    }
}

/// The occupied slots of a [`Ring`] and their values, in slot order.
pub(crate) struct Iter<'a, T> {
    slots: memkit_slab::Iter<'a, Linked<T>>,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = (u32, &'a T);

    #[inline]
    fn next(&mut self) -> Option<(u32, &'a T)> {
        let (index, linked) = self.slots.next()?;
        Some((index as u32, &linked.value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

/// The values of a one-ring [`Ring`] from its head along `next` (and from
/// the slot before the head along `prev`), mutably; made by
/// [`Ring::walk_mut`].
///
/// # Invariants
///
/// The `len` slots from `front` along `next`, which end at `back`, are
/// occupied and not yet yielded, and nothing else refers to them: the
/// walk holds the ring mutably for `'a`, each step reads the links of the
/// slot it yields and never that slot again, and a step borrows only its
/// own slot of the slab ([`Slab::get_unchecked_at_mut`]), so the values
/// yielded before stay valid.
pub(crate) struct WalkMut<'a, T> {
    ring: &'a mut Ring<T, true>,
    front: Link,
    back: Link,
    len: usize,
}

impl<'a, T> WalkMut<'a, T> {
    /// The value of the slot `at` names, for `'a`.
    ///
    /// # Safety
    ///
    /// * `at` is `front` or `back`, and `len` was above 0 before this
    ///   step took one off it: a slot of the walk, yielded now and never
    ///   again.
    #[inline]
    unsafe fn take(&mut self, at: Link) -> &'a mut Linked<T> {
        // SAFETY: the caller promises `at` is a slot of the walk, so
        // occupied (the walk's invariants).
        let linked: *mut Linked<T> = unsafe { self.ring.linked_at_mut(at) };
        // SAFETY: 1. the ring is borrowed mutably for `'a`, so nothing but
        // this walk reaches its slots; 2. this slot is yielded once (the
        // caller's promise) and its value is read nowhere else until `'a`
        // ends; 3. the borrow of the slab for `linked_at_mut` covered this
        // slot only, so it ends no earlier value's borrow, and no later
        // step's borrow covers this slot.
        unsafe { &mut *linked }
    }
}

impl<'a, T> Iterator for WalkMut<'a, T> {
    type Item = &'a mut T;

    #[inline]
    fn next(&mut self) -> Option<&'a mut T> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: `front` is a slot of the walk and `len` was above 0.
        let linked = unsafe { self.take(self.front) };
        self.front = linked.next;
        Some(&mut linked.value)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }
}

impl<T> DoubleEndedIterator for WalkMut<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        // SAFETY: `back` is a slot of the walk and `len` was above 0.
        let linked = unsafe { self.take(self.back) };
        self.back = linked.prev;
        Some(&mut linked.value)
    }
}

impl<T> ExactSizeIterator for WalkMut<'_, T> {}

/// Panics for an index that names a vacant slot.
#[cold]
#[inline(never)]
#[track_caller]
fn vacant(index: u32) -> ! {
    panic!("memkit-cache: slot {index} is vacant")
}

/// Panics for a slot that is not filed under the hash given.
#[cold]
#[inline(never)]
#[track_caller]
fn not_filed(index: u32) -> ! {
    unreachable!("memkit-cache: slot {index} is missing from the index")
}

#[cfg(test)]
mod tests {
    use alloc::collections::VecDeque;
    use alloc::vec::Vec;
    use core::hash::BuildHasher;

    use hashbrown::DefaultHashBuilder;

    use super::{Keyed, Owner, Ring, reserve_one};

    /// The entries of the test rings are their own keys.
    type Key = u32;

    impl Keyed for u32 {
        type Key = u32;
        fn key(&self) -> &u32 {
            self
        }
    }

    /// Rings on one slab, and the slots their owner saw detached.
    struct Bare {
        ring: Ring<Key>,
        detached: Vec<u32>,
    }

    impl Owner<false> for Bare {
        type Entry = Key;
        fn ring(&mut self) -> &mut Ring<Key> {
            &mut self.ring
        }
        fn detach(&mut self, slot: u32) {
            self.ring.unlink(slot);
            self.detached.push(slot);
        }
    }

    /// One ring, and the slots its owner saw detached.
    struct Line {
        ring: Ring<Key, true>,
        detached: Vec<u32>,
    }

    impl Owner<true> for Line {
        type Entry = Key;
        fn ring(&mut self) -> &mut Ring<Key, true> {
            &mut self.ring
        }
        fn detach(&mut self, slot: u32) {
            self.detached.push(slot);
        }
    }

    /// A pseudo-random step: xorshift64.
    fn step(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// The slots of `at`'s ring, from `at`, checked against `prev` too.
    fn walk<const ONE: bool>(ring: &Ring<Key, ONE>, at: u32) -> Vec<u32> {
        let mut out = alloc::vec![at];
        let mut x = ring.next(at);
        while x != at {
            assert_eq!(ring.next(ring.prev(x)), x, "prev mirrors next at {x}");
            out.push(x);
            x = ring.next(x);
        }
        out
    }

    /// Every slot of `slots` is found through the index, at its own slot.
    fn all_found<'a, const ONE: bool>(
        ring: &Ring<Key, ONE>,
        hasher: &DefaultHashBuilder,
        slots: impl IntoIterator<Item = &'a u32>,
    ) {
        for &index in slots {
            let key = *ring.get(index).expect("occupied");
            let found = ring.find(hasher.hash_one(key), |k| *k == key);
            assert_eq!(found, Some((index, &key)), "slot {index} through the index");
        }
    }

    /// Random splices on two rings, with inserts, replacements and
    /// removals through the index, against a `Vec` model of each ring.
    #[test]
    fn rings_match_a_model() {
        let steps = if cfg!(miri) { 300 } else { 20_000 };
        let hasher = DefaultHashBuilder::default();
        let mut bare = Bare {
            ring: Ring::new(),
            detached: Vec::new(),
        };
        let mut model: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        let mut seed = 0x2545_f491_u64;
        for key in 0..steps {
            let seed = step(&mut seed);
            let side = (seed & 1) as usize;
            let pick = (seed >> 8) as usize;
            let ring = &mut bare.ring;
            match (seed >> 4) % 5 {
                0 | 1 if model[0].len() + model[1].len() < 40 => {
                    reserve_one(&mut bare, &hasher);
                    let ring = &mut bare.ring;
                    let index = ring.insert(hasher.hash_one(key), key).expect("room");
                    assert_eq!(ring.get(index), Some(&key));
                    if let Some(&first) = model[side].first() {
                        ring.place_before(index, first);
                    }
                    model[side].push(index);
                }
                2 if !model[side].is_empty() => {
                    // Move one slot to the end of either ring, found
                    // through the index half of the time.
                    let mut index = model[side].remove(pick % model[side].len());
                    let to = (seed >> 40) as usize & 1;
                    if seed >> 50 & 1 == 0 {
                        let key = *ring.get(index).expect("occupied");
                        let found = ring.find(hasher.hash_one(key), |k| *k == key);
                        index = found.expect("filed").0;
                    }
                    match model[to].first() {
                        Some(&first) => {
                            let key = *ring.get(index).expect("occupied");
                            assert_eq!(*ring.place_before(index, first), key);
                        }
                        None => {
                            ring.unlink(index);
                        }
                    }
                    model[to].push(index);
                }
                3 if !model[side].is_empty() => {
                    // A new key in the place of an old one.
                    let index = model[side][pick % model[side].len()];
                    let old = *ring.get(index).expect("occupied");
                    reserve_one(&mut bare, &hasher);
                    let ring = &mut bare.ring;
                    let hash = hasher.hash_one(key);
                    let next = ring.next(index);
                    let taken = ring.replace(index, hasher.hash_one(old), hash, key);
                    assert_eq!(taken, (old, next));
                    assert_eq!(ring.find(hasher.hash_one(old), |k| *k == old), None);
                }
                _ if !model[side].is_empty() => {
                    let index = model[side].remove(pick % model[side].len());
                    let key = *ring.get(index).expect("occupied");
                    let hash = hasher.hash_one(key);
                    let next = ring.next(index);
                    assert_eq!(
                        ring.remove(hash, index),
                        (key, (next != index).then_some(next))
                    );
                    assert_eq!(ring.get(index), None);
                    assert_eq!(ring.find(hash, |k| *k == key), None);
                }
                _ => {}
            }
            let ring = &bare.ring;
            for list in &model {
                if let Some(&first) = list.first() {
                    assert_eq!(&walk(ring, first), list);
                }
            }
            assert_eq!(ring.len(), model[0].len() + model[1].len());
            if key % 64 == 0 {
                all_found(ring, &hasher, model.iter().flatten());
            }
        }
        let copy = bare.ring.clone();
        for list in &model {
            if let Some(&first) = list.first() {
                assert_eq!(&walk(&copy, first), list);
            }
        }
        all_found(&copy, &hasher, model.iter().flatten());
        bare.ring.shrink_to_fit(|k| hasher.hash_one(k));
        all_found(&bare.ring, &hasher, model.iter().flatten());
        bare.ring.clear();
        assert!(bare.ring.is_empty());
        assert_eq!(bare.ring.find(0, |_| true), None);
        assert!(bare.detached.is_empty(), "no refill unwound");
    }

    /// Random LRU moves on one ring against a `VecDeque` model, head first.
    #[test]
    fn one_ring_matches_a_model() {
        let steps = if cfg!(miri) { 300 } else { 20_000 };
        let hasher = DefaultHashBuilder::default();
        let mut line = Line {
            ring: Ring::with_capacity(4, 4),
            detached: Vec::new(),
        };
        let mut model: VecDeque<u32> = VecDeque::new();
        let mut seed = 0x9e37_79b9_u64;
        for key in 0..steps {
            let seed = step(&mut seed);
            let pick = (seed >> 8) as usize % model.len().max(1);
            let ring = &mut line.ring;
            match (seed >> 4) % 7 {
                0 | 1 if model.len() < 40 => {
                    reserve_one(&mut line, &hasher);
                    let ring = &mut line.ring;
                    let index = ring.insert(hasher.hash_one(key), key).expect("room");
                    model.push_front(index);
                }
                2 if !model.is_empty() => {
                    // A hit: the slot found becomes the head.
                    let index = model.remove(pick).expect("picked");
                    let key = *ring.get(index).expect("occupied");
                    let found = ring.find_make_head(hasher.hash_one(key), |k| *k == key);
                    assert_eq!(found.map(|(i, k)| (i, *k)), Some((index, key)));
                    model.push_front(index);
                }
                3 if !model.is_empty() => {
                    // A demotion: to the back, or the ring turns.
                    let index = model.remove(pick).expect("picked");
                    let head = ring.head().expect("not empty");
                    if index == head {
                        ring.set_head(ring.next(index));
                    } else {
                        ring.place_before(index, head);
                    }
                    model.push_back(index);
                }
                4 if !model.is_empty() => {
                    // The tail takes a new key and becomes the head.
                    let (tail, &old) = ring.before_head().expect("not empty");
                    reserve_one(&mut line, &hasher);
                    let ring = &mut line.ring;
                    let hash = hasher.hash_one(key);
                    let next = ring.next(tail);
                    assert_eq!(
                        ring.replace(tail, hasher.hash_one(old), hash, key),
                        (old, next)
                    );
                    ring.set_head(tail);
                    model.rotate_right(1);
                }
                5 if !model.is_empty() => {
                    let index = ring.make_head(model[pick]) as *const u32;
                    assert!(core::ptr::eq(
                        index,
                        ring.get(model[pick]).expect("occupied")
                    ));
                    let index = model.remove(pick).expect("picked");
                    model.push_front(index);
                }
                _ if !model.is_empty() => {
                    let index = model.remove(pick).expect("picked");
                    let key = *ring.get(index).expect("occupied");
                    let hash = hasher.hash_one(key);
                    let next = ring.next(index);
                    assert_eq!(
                        ring.remove(hash, index),
                        (key, (next != index).then_some(next))
                    );
                    assert_eq!(ring.find(hash, |k| *k == key), None);
                }
                _ => {}
            }
            let ring = &line.ring;
            assert_eq!(ring.head(), model.front().copied());
            assert_eq!(ring.before_head().map(|(i, _)| i), model.back().copied());
            if let Some(&head) = model.front() {
                assert_eq!(walk(ring, head), Vec::from(model.clone()));
            }
            if key % 64 == 0 {
                all_found(ring, &hasher, &model);
            }
        }
        all_found(&line.ring.clone(), &hasher, &model);
        line.ring.shrink_to_fit(|k| hasher.hash_one(k));
        all_found(&line.ring, &hasher, &model);
        line.ring.clear();
        assert_eq!(line.ring.head(), None);
        assert_eq!(line.ring.before_head(), None);
        assert!(line.detached.is_empty(), "no refill unwound");
    }

    /// `walk_mut` yields every slot of the ring once, from both ends in
    /// list order, and the values it yielded first stay valid (and
    /// writable) after later steps.
    #[test]
    fn walk_mut_yields_each_slot_once_in_list_order() {
        let hasher = DefaultHashBuilder::default();
        let mut line = Line {
            ring: Ring::with_capacity(8, 8),
            detached: Vec::new(),
        };
        assert_eq!(line.ring.walk_mut().next(), None);
        for key in 0..6 {
            reserve_one(&mut line, &hasher);
            line.ring.insert(hasher.hash_one(key), key).expect("room");
        }
        // A hole in the slab and a moved slot: list order is not slot order.
        let hash = hasher.hash_one(2);
        let (two, _) = line.ring.find(hash, |k| *k == 2).expect("filed");
        line.ring.remove(hash, two);
        let (four, _) = line
            .ring
            .find(hasher.hash_one(4), |k| *k == 4)
            .expect("filed");
        let tail = line.ring.before_head().expect("not empty").0;
        line.ring.place_before(four, tail);
        let order: Vec<u32> = walk(&line.ring, line.ring.head().expect("not empty"))
            .iter()
            .map(|&slot| *line.ring.get(slot).expect("occupied"))
            .collect();
        assert_eq!(order, [5, 3, 1, 4, 0]);
        let mut walk_mut = line.ring.walk_mut();
        assert_eq!(walk_mut.len(), 5);
        let first = walk_mut.next().expect("5 left");
        let last = walk_mut.next_back().expect("4 left");
        let middle: Vec<&mut u32> = walk_mut.by_ref().collect();
        assert_eq!(walk_mut.next(), None);
        assert_eq!(walk_mut.next_back(), None);
        *first += 10;
        *last += 10;
        let mut seen = alloc::vec![*first, *last];
        for value in middle {
            *value += 10;
            seen.push(*value);
        }
        assert_eq!(seen, [15, 10, 13, 11, 14]);
        let keys: Vec<u32> = line.ring.walk_mut().rev().map(|v| *v).collect();
        assert_eq!(keys, [10, 14, 11, 13, 15]);
    }

    /// Links convert to slot numbers and back up to the last slot a ring
    /// may hold; beyond it they name no slot and do not wrap.
    #[test]
    fn links_cover_every_slot_and_no_more() {
        type Lines = Ring<Key, true>;
        let stride = Lines::STRIDE;
        assert_eq!(stride, 16, "a u32 and two links, in a usize-aligned entry");
        let last = Lines::MAX_ENTRIES as u32 - 1;
        for index in [0, 1, 2, 1000, last - 1, last] {
            let link = Lines::link_to(index);
            assert_eq!(Lines::index_of(link), index);
            assert_eq!(Lines::offset_of(link), index as usize * stride);
            // SAFETY: `index` is below `MAX_ENTRIES`.
            assert!(link == unsafe { Lines::occupied_link(index) });
        }
        let top = Lines::link_to(last).0.get();
        for beyond in [last + 1, last + 2, u32::MAX / 2, u32::MAX - 1, u32::MAX] {
            assert!(
                Lines::link_to(beyond).0.get() > top,
                "slot {beyond} has a link past the last slot's"
            );
        }
        assert_eq!(Ring::<[u64; 2]>::STRIDE, 24);
        assert_eq!(Ring::<[u64; 2]>::MAX_ENTRIES, 178_956_969);
    }

    /// Under steady eviction, erased entries leave tombstones, and
    /// `reserve_one` refills the index before they outnumber an eighth of
    /// its capacity, also in an index far from full that would take many
    /// more.
    #[test]
    fn tombstones_stay_within_an_eighth_of_the_index() {
        let entries = 48;
        let steps = if cfg!(miri) { 1_000 } else { 400_000 };
        let hasher = DefaultHashBuilder::default();
        let mut bare = Bare {
            ring: Ring::with_capacity(entries, entries * 7 / 4),
            detached: Vec::new(),
        };
        let full = bare.ring.index.capacity();
        let mut live = VecDeque::new();
        let mut refills = 0;
        for step in 0..steps as u32 {
            // Distinct keys, spread over the key space (an odd multiplier is
            // a bijection): consecutive ones fill up more slowly.
            let key = step.wrapping_mul(0x9e37_79b9);
            if live.len() == entries {
                let (index, old) = live.pop_front().expect("full");
                let (value, _) = bare.ring.remove(hasher.hash_one(old), index);
                assert_eq!(value, old);
            }
            let before = bare.ring.index.capacity();
            reserve_one(&mut bare, &hasher);
            // Only a refill gives room back, and it never grows this index.
            let after = bare.ring.index.capacity();
            assert!(
                before <= after && after <= full,
                "{before} then {after} of {full}"
            );
            refills += usize::from(after > before);
            let tombstones = full - after;
            assert!(
                tombstones <= full / 8,
                "{tombstones} tombstones in an index for {full}, beside {} entries",
                live.len()
            );
            let index = bare.ring.insert(hasher.hash_one(key), key).expect("room");
            live.push_back((index, key));
        }
        // Tombstones come late and slowly in a third-full index: a short
        // run under Miri may see none.
        if !cfg!(miri) {
            assert!(refills > 0, "no tombstones in {steps} steps");
        }
        all_found(&bare.ring, &hasher, live.iter().map(|(index, _)| index));
    }

    /// A hasher that panics.
    #[cfg(feature = "std")]
    struct Boom;

    #[cfg(feature = "std")]
    impl BuildHasher for Boom {
        type Hasher = <DefaultHashBuilder as BuildHasher>::Hasher;
        fn build_hasher(&self) -> Self::Hasher {
            panic!("Boom::build_hasher: told to panic")
        }
    }

    /// A `Hash` that panics during a refill: the slots the index lost are
    /// detached and dropped, and the ring takes new ones.
    #[cfg(feature = "std")]
    #[test]
    fn a_refill_that_unwinds_drops_the_lost_slots() {
        let hasher = DefaultHashBuilder::default();
        let mut bare = Bare {
            ring: Ring::with_capacity(8, 8),
            detached: Vec::new(),
        };
        let mut line = Line {
            ring: Ring::with_capacity(8, 8),
            detached: Vec::new(),
        };
        let mut slots = Vec::new();
        while bare.ring.has_room() {
            let key = slots.len() as u32;
            let index = bare.ring.insert(hasher.hash_one(key), key).expect("room");
            if let Some(&first) = slots.first() {
                bare.ring.place_before(index, first);
            }
            assert_eq!(line.ring.insert(hasher.hash_one(key), key), Ok(index));
            slots.push(index);
        }
        assert!(!line.ring.has_room(), "the same room");
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reserve_one(&mut bare, &Boom);
        }));
        assert!(unwound.is_err(), "the refill hashed a key");
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            reserve_one(&mut line, &Boom);
        }));
        assert!(unwound.is_err(), "the refill hashed a key");
        // The first hash panicked: every slot was lost.
        assert_eq!(bare.ring.len(), 0);
        assert_eq!(bare.detached, slots);
        assert_eq!(line.ring.len(), 0);
        assert_eq!(line.ring.head(), None);
        assert_eq!(line.detached, slots);
        for key in [99, 100] {
            reserve_one(&mut bare, &hasher);
            let index = bare.ring.insert(hasher.hash_one(key), key).expect("room");
            assert_eq!(
                bare.ring.find(hasher.hash_one(key), |k| *k == key),
                Some((index, &key))
            );
            reserve_one(&mut line, &hasher);
            let index = line.ring.insert(hasher.hash_one(key), key).expect("room");
            assert_eq!(line.ring.head(), Some(index));
            assert_eq!(
                line.ring.find(hasher.hash_one(key), |k| *k == key),
                Some((index, &key))
            );
        }
    }
}
