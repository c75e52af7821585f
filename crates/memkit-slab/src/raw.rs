//! The unsafe core of memkit-slab: the slot storage of
//! [`GenSlab`](crate::GenSlab). Every `unsafe` block of the crate lives here,
//! except the `Slab::*_unchecked*` methods, which only forward their
//! caller's contract to the slice methods of the same name or to
//! [`element_at`] and [`element_at_mut`].
//!
//! # Layout
//!
//! A [`Slot`] is a `u32` generation and a union that holds either the value
//! or, when the slot is vacant, the index of the next vacant slot. A vacant
//! slot's link needs no extra space, so a slot of `u32` takes 8 bytes.
//!
//! # Invariants
//!
//! For every slot `s` of a [`RawGenSlab`] `r`:
//!
//! 1. `s.generation` is odd exactly when `s` is *occupied*; then
//!    `s.payload.value` is initialized and owned by `r`.
//! 2. Otherwise `s` is *vacant*, and `s.payload.next_free` is initialized and
//!    is one of: the index of another vacant slot, [`END`], or [`RETIRED`].
//! 3. Following `next_free` from `r.free_head` visits every vacant slot whose
//!    link is not [`RETIRED`] exactly once and stops at [`END`]. Retired
//!    slots are on no list and are never occupied again.
//! 4. A slot's generation only grows while the slot lives: removing a value
//!    adds one, storing a value adds one (or, in `insert_at`, sets a larger
//!    odd value). Removing the value of generation `u32::MAX` would wrap, so
//!    the slot is retired instead, with generation 0.
//! 5. `r.len` counts the occupied slots, `r.retired` the retired ones, and
//!    `r.slots.len() <= MAX_SLOTS`, so every index fits a `u32` below
//!    [`RETIRED`].
//!
//! From 1 and 4: a `(index, generation)` pair matches a value only while
//! that exact value is stored; once removed, no later value has that
//! generation at that index.
//!
//! Outside the slab:
//!
//! 6. Every [`GenKey`] has an odd generation (its constructors in
//!    `gen_key.rs` refuse even ones). So a slot whose generation equals a
//!    key's is occupied (invariant 1), and one comparison checks a key.

use alloc::vec::Vec;
use core::mem::{self, ManuallyDrop};
use core::ptr;

use crate::gen_key::GenKey;

/// End of the free list.
pub(crate) const END: u32 = u32::MAX;
/// The link of a retired slot.
pub(crate) const RETIRED: u32 = u32::MAX - 1;
/// The most slots a `GenSlab` holds: indices stay below [`RETIRED`].
pub(crate) const MAX_SLOTS: usize = RETIRED as usize;

/// The element that starts `offset` bytes into `elements`, without a check.
///
/// The safe twin is `elements.get(offset / size_of::<E>())`.
///
/// # Safety
///
/// * `offset` is `i * size_of::<E>()` for an `i < elements.len()`.
#[inline]
pub(crate) unsafe fn element_at<E>(elements: &[E], offset: usize) -> &E {
    // SAFETY: the caller promises `offset` is where an element in bounds
    // starts; the slice's pointer may reach all of it.
    unsafe { &*elements.as_ptr().byte_add(offset) }
}

/// The element that starts `offset` bytes into `elements`, mutably, without
/// a check.
///
/// Only the element is borrowed: `Vec::as_mut_ptr` makes no reference to
/// the whole buffer, so references to other elements from earlier calls
/// stay valid.
///
/// The safe twin is `elements.get_mut(offset / size_of::<E>())`.
///
/// # Safety
///
/// * `offset` is `i * size_of::<E>()` for an `i < elements.len()`.
#[inline]
pub(crate) unsafe fn element_at_mut<E>(elements: &mut Vec<E>, offset: usize) -> &mut E {
    // SAFETY: as in `element_at`; the vector is borrowed mutably, and
    // `as_mut_ptr` may reach all of its buffer.
    unsafe { &mut *elements.as_mut_ptr().byte_add(offset) }
}

/// A slot's content: see invariants 1 and 2.
union Payload<T> {
    value: ManuallyDrop<T>,
    next_free: u32,
}

/// One slot. See the module invariants.
pub(crate) struct Slot<T> {
    /// Odd: occupied. Even: vacant (0 when retired or never used).
    generation: u32,
    payload: Payload<T>,
}

const _: () = assert!(size_of::<Slot<u32>>() == 8);
const _: () = assert!(size_of::<Slot<u64>>() == 16);

impl<T> Slot<T> {
    /// The slot's generation.
    #[inline]
    pub(crate) fn generation(&self) -> u32 {
        self.generation
    }

    /// Whether the slot holds a value.
    #[inline]
    pub(crate) fn is_occupied(&self) -> bool {
        self.generation & 1 == 1
    }

    /// Whether the slot is retired (vacant and never used again).
    pub(crate) fn is_retired(&self) -> bool {
        self.link() == Some(RETIRED)
    }

    /// The value, if the slot is occupied.
    #[inline]
    pub(crate) fn value(&self) -> Option<&T> {
        if self.is_occupied() {
            // SAFETY: invariant 1: an odd generation means `value` is initialized.
            Some(unsafe { &self.payload.value })
        } else {
            None
        }
    }

    /// The value, mutably, if the slot is occupied.
    #[inline]
    pub(crate) fn value_mut(&mut self) -> Option<&mut T> {
        if self.is_occupied() {
            // SAFETY: invariant 1: an odd generation means `value` is initialized.
            Some(unsafe { &mut self.payload.value })
        } else {
            None
        }
    }

    /// The free-list link, if the slot is vacant.
    #[inline]
    fn link(&self) -> Option<u32> {
        if self.is_occupied() {
            None
        } else {
            // SAFETY: invariant 2: a vacant slot's `next_free` is initialized.
            Some(unsafe { self.payload.next_free })
        }
    }

    /// A new occupied slot.
    fn occupied(generation: u32, value: T) -> Self {
        debug_assert!(generation & 1 == 1);
        Slot {
            generation,
            payload: Payload {
                value: ManuallyDrop::new(value),
            },
        }
    }

    /// A new vacant slot.
    fn vacant(generation: u32, next_free: u32) -> Self {
        debug_assert!(generation & 1 == 0);
        Slot {
            generation,
            payload: Payload { next_free },
        }
    }
}

/// The slot vector of a `GenSlab`, with its free list. See the module
/// invariants.
pub(crate) struct RawGenSlab<T> {
    slots: Vec<Slot<T>>,
    /// First vacant slot to reuse, or [`END`].
    free_head: u32,
    /// Occupied slots.
    len: usize,
    /// Retired slots.
    retired: usize,
}

impl<T> RawGenSlab<T> {
    pub(crate) const fn new() -> Self {
        RawGenSlab {
            slots: Vec::new(),
            free_head: END,
            len: 0,
            retired: 0,
        }
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        RawGenSlab {
            slots: Vec::with_capacity(capacity.min(MAX_SLOTS)),
            free_head: END,
            len: 0,
            retired: 0,
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// Frees the capacity past the last slot; the slots themselves, vacant
    /// ones included, stay as they are.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.slots.shrink_to_fit();
    }

    /// Every slot, in index order.
    #[inline]
    pub(crate) fn slots(&self) -> &[Slot<T>] {
        &self.slots
    }

    /// Every slot, mutably. Safe to hand out: outside this module a slot can
    /// only be read or have its value changed in place.
    #[inline]
    pub(crate) fn slots_mut(&mut self) -> &mut [Slot<T>] {
        &mut self.slots
    }

    /// Checks invariants 1, 2, 3 and 5 and panics with a message naming the
    /// first one broken. Invariant 4 is about history, not state: the
    /// property tests check it through keys that must stay dead.
    pub(crate) fn assert_invariants(&self) {
        let n = self.slots.len();
        assert!(
            n <= MAX_SLOTS,
            "GenSlab invariant 5 broken: {n} slots, more than {MAX_SLOTS}"
        );
        let (mut occupied, mut retired, mut vacant) = (0usize, 0usize, 0usize);
        for (index, slot) in self.slots.iter().enumerate() {
            match slot.link() {
                None => occupied += 1,
                Some(RETIRED) => {
                    retired += 1;
                    assert!(
                        slot.generation == 0,
                        "GenSlab invariant 4 broken: retired slot {index} has generation {}, not 0",
                        slot.generation
                    );
                }
                Some(link) => {
                    vacant += 1;
                    assert!(
                        link == END || (link as usize) < n,
                        "GenSlab invariant 2 broken: vacant slot {index} links to {link}, \
                         past the {n} slots"
                    );
                }
            }
        }
        assert!(
            occupied == self.len,
            "GenSlab invariant 5 broken: len is {} but {occupied} slots are occupied",
            self.len
        );
        assert!(
            retired == self.retired,
            "GenSlab invariant 5 broken: retired is {} but {retired} slots are retired",
            self.retired
        );
        let mut seen = alloc::vec![false; n];
        let mut at = self.free_head;
        let mut walked = 0usize;
        while at != END {
            let index = at as usize;
            assert!(
                index < n,
                "GenSlab invariant 3 broken: the free list reaches {at}, past the {n} slots"
            );
            let slot = &self.slots[index];
            assert!(
                !slot.is_occupied() && !slot.is_retired(),
                "GenSlab invariant 3 broken: the free list reaches slot {index}, which is \
                 occupied or retired"
            );
            assert!(
                !seen[index],
                "GenSlab invariant 3 broken: the free list visits slot {index} twice"
            );
            seen[index] = true;
            walked += 1;
            at = slot.link().unwrap_or(END);
        }
        assert!(
            walked == vacant,
            "GenSlab invariant 3 broken: the free list visits {walked} of the {vacant} \
             vacant slots"
        );
    }

    /// Vacant slots that can be reused.
    fn free(&self) -> usize {
        self.slots.len() - self.len - self.retired
    }

    /// Makes room so `additional` inserts do not reallocate.
    pub(crate) fn reserve(&mut self, additional: usize) {
        let free = self.free();
        if additional > free {
            self.slots.reserve(additional - free);
        }
    }

    /// The value at `key`, if `key` is live.
    #[inline]
    pub(crate) fn get(&self, key: GenKey) -> Option<&T> {
        let slot = self.slots.get(key.index() as usize)?;
        if slot.generation != key.generation().get() {
            return None;
        }
        debug_assert!(slot.is_occupied());
        // SAFETY: the slot's generation equals the key's, which is odd
        // (invariant 6), so the slot is occupied and `value` initialized
        // (invariant 1).
        Some(unsafe { &slot.payload.value })
    }

    /// The value at `key`, mutably, if `key` is live.
    #[inline]
    pub(crate) fn get_mut(&mut self, key: GenKey) -> Option<&mut T> {
        let slot = self.slots.get_mut(key.index() as usize)?;
        if slot.generation != key.generation().get() {
            return None;
        }
        debug_assert!(slot.is_occupied());
        // SAFETY: as in `get`: equal to an odd key generation means occupied
        // (invariants 6 and 1).
        Some(unsafe { &mut slot.payload.value })
    }

    /// Stores `value` in the most recently freed slot, or a new one.
    /// Returns its index and generation.
    ///
    /// Panics if all [`MAX_SLOTS`] slots are in use or retired.
    #[inline(always)]
    pub(crate) fn insert(&mut self, value: T) -> (u32, u32) {
        let index = self.free_head;
        if index == END {
            return self.push(value);
        }
        debug_assert!((index as usize) < self.slots.len());
        // SAFETY: `free_head` is not `END`, so it is the index of a vacant
        // slot on the free list (invariant 3), hence in bounds.
        let slot = unsafe { self.slots.get_unchecked_mut(index as usize) };
        debug_assert!(!slot.is_occupied());
        // SAFETY: the slot is vacant (invariant 3), so its `next_free` is
        // initialized (invariant 2).
        let next = unsafe { slot.payload.next_free };
        // Vacant generations are even and below `u32::MAX` (invariant 4),
        // so this cannot overflow and gives an odd generation.
        let generation = slot.generation + 1;
        *slot = Slot::occupied(generation, value);
        self.free_head = next;
        self.len += 1;
        (index, generation)
    }

    #[inline]
    fn push(&mut self, value: T) -> (u32, u32) {
        let index = self.slots.len();
        if index >= MAX_SLOTS {
            out_of_slots(self.retired);
        }
        self.slots.push(Slot::occupied(1, value));
        self.len += 1;
        (index as u32, 1)
    }

    /// Takes the value out of slot `index`, if occupied, and frees or retires
    /// the slot. Returns the generation the value had.
    #[inline]
    pub(crate) fn take(&mut self, index: usize) -> Option<(u32, T)> {
        let slot = self.slots.get_mut(index)?;
        if !slot.is_occupied() {
            return None;
        }
        let generation = slot.generation;
        // SAFETY: the slot was just checked to be occupied.
        let value = unsafe { Self::vacate(slot, index, &mut self.free_head, &mut self.retired) };
        self.len -= 1;
        Some((generation, value))
    }

    /// Moves the value out of the occupied `slot` (at `index`) and makes the
    /// slot vacant: linked at the head of the free list, or retired if its
    /// generation is exhausted. The caller decrements `len`.
    ///
    /// # Safety
    ///
    /// * `slot` must be occupied.
    #[inline]
    unsafe fn vacate(
        slot: &mut Slot<T>,
        index: usize,
        free_head: &mut u32,
        retired: &mut usize,
    ) -> T {
        debug_assert!(slot.is_occupied());
        // SAFETY: 1. the caller promises the slot is occupied, so `value` is
        // initialized (invariant 1); 2. the slot is made vacant right below,
        // so the value is never read or dropped through the slot again.
        let value = unsafe { ManuallyDrop::take(&mut slot.payload.value) };
        let next = slot.generation.wrapping_add(1);
        if next == 0 {
            *slot = Slot::vacant(0, RETIRED);
            *retired += 1;
        } else {
            *slot = Slot::vacant(next, *free_head);
            *free_head = index as u32;
        }
        value
    }

    /// Removes the value at `key`, if `key` is live.
    #[inline]
    pub(crate) fn remove(&mut self, key: GenKey) -> Option<T> {
        let index = key.index() as usize;
        let slot = self.slots.get_mut(index)?;
        if slot.generation != key.generation().get() {
            return None;
        }
        // SAFETY: equal to an odd key generation means occupied (invariants
        // 6 and 1).
        let value = unsafe { Self::vacate(slot, index, &mut self.free_head, &mut self.retired) };
        self.len -= 1;
        Some(value)
    }

    /// Keeps the values for which `keep(index, generation, &mut value)` is
    /// true, in index order. A panic in `keep` or in a destructor leaves the
    /// slab valid, with the values not yet visited still stored.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(u32, u32, &mut T) -> bool) {
        for (index, slot) in self.slots.iter_mut().enumerate() {
            let generation = slot.generation;
            let Some(value) = slot.value_mut() else {
                continue;
            };
            if !keep(index as u32, generation, value) {
                // SAFETY: `value_mut` returned `Some`, so the slot is occupied.
                let value =
                    unsafe { Self::vacate(slot, index, &mut self.free_head, &mut self.retired) };
                self.len -= 1;
                drop(value);
            }
        }
    }

    /// Stores `value` at `(index, generation)`; returns the value the slot
    /// held, if any. See `GenSlab::insert_at` for the panics.
    pub(crate) fn insert_at(&mut self, key: GenKey, value: T) -> Option<T> {
        let (index, generation) = (key.index(), key.generation().get());
        debug_assert!(generation & 1 == 1, "invariant 6");
        let at = index as usize;
        assert!(
            at < MAX_SLOTS,
            "GenSlab::insert_at: index {index} is past the last usable index {}",
            MAX_SLOTS - 1
        );
        while self.slots.len() < at {
            let hole = self.slots.len() as u32;
            self.slots.push(Slot::vacant(0, self.free_head));
            self.free_head = hole;
        }
        if at == self.slots.len() {
            self.slots.push(Slot::occupied(generation, value));
            self.len += 1;
            return None;
        }
        let slot = &mut self.slots[at];
        assert!(
            !slot.is_retired(),
            "GenSlab::insert_at: slot {index} is retired (its generations ran out)"
        );
        assert!(
            generation >= slot.generation,
            "GenSlab::insert_at: generation {generation} is older than slot {index}'s generation {}",
            slot.generation
        );
        if slot.is_occupied() {
            slot.generation = generation;
            let old = mem::replace(slot.value_mut()?, value);
            return Some(old);
        }
        self.unlink(index);
        self.slots[at] = Slot::occupied(generation, value);
        self.len += 1;
        None
    }

    /// Takes the vacant, linked slot `index` off the free list.
    fn unlink(&mut self, index: u32) {
        let next = self.slots[index as usize].link();
        let Some(next) = next else {
            unreachable!("GenSlab: unlinking occupied slot {index}")
        };
        if self.free_head == index {
            self.free_head = next;
            return;
        }
        let mut at = self.free_head;
        while at != END {
            let slot = &mut self.slots[at as usize];
            let Some(link) = slot.link() else {
                unreachable!("GenSlab: free list points at occupied slot {at}")
            };
            if link == index {
                slot.payload.next_free = next;
                return;
            }
            at = link;
        }
        unreachable!("GenSlab: vacant slot {index} is not on the free list")
    }

    /// Takes out and drops every value, in index order. If a destructor
    /// panics, the rest are still taken out and dropped during unwinding.
    pub(crate) fn clear(&mut self) {
        /// Drops the values from slot `next` on; runs again on unwind.
        struct Rest<'a, T> {
            raw: &'a mut RawGenSlab<T>,
            next: usize,
        }
        impl<T> Rest<'_, T> {
            fn run(&mut self) {
                while self.next < self.raw.slots.len() && self.raw.len > 0 {
                    let at = self.next;
                    self.next += 1;
                    drop(self.raw.take(at));
                }
            }
        }
        impl<T> Drop for Rest<'_, T> {
            fn drop(&mut self) {
                self.run();
            }
        }
        Rest { raw: self, next: 0 }.run();
    }

    /// Rebuilds a slab from its slots' `(generation, value)` pairs, as
    /// written by serialization. Retired slots are `(u32::MAX, None)`.
    #[cfg(feature = "serde")]
    pub(crate) fn from_pairs(
        pairs: impl IntoIterator<Item = (u32, Option<T>)>,
    ) -> Result<Self, &'static str> {
        let mut raw = RawGenSlab::new();
        for (generation, value) in pairs {
            if raw.slots.len() >= MAX_SLOTS {
                return Err("too many slots");
            }
            let slot = match value {
                Some(value) if generation & 1 == 1 => {
                    raw.len += 1;
                    Slot::occupied(generation, value)
                }
                None if generation == u32::MAX => {
                    raw.retired += 1;
                    Slot::vacant(0, RETIRED)
                }
                None if generation & 1 == 0 => Slot::vacant(generation, END),
                _ => return Err("a slot's generation does not match its state"),
            };
            raw.slots.push(slot);
        }
        // Link the free list lowest index first.
        for (index, slot) in raw.slots.iter_mut().enumerate().rev() {
            if !slot.is_occupied() && !slot.is_retired() {
                slot.payload.next_free = raw.free_head;
                raw.free_head = index as u32;
            }
        }
        Ok(raw)
    }
}

/// Panics: every index is in use or retired.
#[cold]
#[inline(never)]
#[track_caller]
fn out_of_slots(retired: usize) -> ! {
    panic!("GenSlab::insert: no free slot left ({MAX_SLOTS} slots, {retired} retired)")
}

impl<T> Drop for RawGenSlab<T> {
    /// Drops every value in place. Unlike `clear`, it keeps no free list or
    /// generation up to date (nothing can look at the slab again), so it
    /// only reads the slots: writing each one back cost about 30% in time
    /// on large slabs. If a value's `Drop` panics, the guard drops the rest.
    fn drop(&mut self) {
        /// Drops the values of `slots[next..]`; runs again on unwind.
        struct Rest<'a, T> {
            slots: &'a mut [Slot<T>],
            next: usize,
        }
        impl<T> Rest<'_, T> {
            fn run(&mut self) {
                while let Some(slot) = self.slots.get_mut(self.next) {
                    self.next += 1;
                    if slot.is_occupied() {
                        // SAFETY: an occupied slot's value is initialized and
                        // owned by the slab (invariant 1); `next` has moved
                        // past it, so neither this loop nor the unwind guard
                        // reaches it again, and the slots are freed as plain
                        // memory (`Slot` has no drop glue for the union).
                        unsafe { ManuallyDrop::drop(&mut slot.payload.value) };
                    }
                }
            }
        }
        impl<T> Drop for Rest<'_, T> {
            fn drop(&mut self) {
                self.run();
            }
        }
        if mem::needs_drop::<T>() {
            Rest {
                slots: &mut self.slots,
                next: 0,
            }
            .run();
        }
    }
}

impl<T: Clone> Clone for RawGenSlab<T> {
    fn clone(&self) -> Self {
        /// If a `clone` panics, counts the values cloned so far, so that
        /// dropping the partial copy drops exactly those.
        struct Recount<T>(RawGenSlab<T>);
        impl<T> Drop for Recount<T> {
            fn drop(&mut self) {
                self.0.len = self.0.slots.iter().filter(|s| s.is_occupied()).count();
            }
        }

        let mut out = Recount(RawGenSlab {
            slots: Vec::with_capacity(self.slots.len()),
            free_head: self.free_head,
            len: 0,
            retired: self.retired,
        });
        out.0
            .slots
            .extend(self.slots.iter().map(|slot| match slot.value() {
                Some(value) => Slot::occupied(slot.generation, value.clone()),
                // A vacant slot's payload is copied whole, not rebuilt from
                // its link: for small `T` both arms then become the same
                // plain copy and the loop has no branch (`slab/gen_retain`,
                // which clones a half-vacant slab of `u64`: 1.62M -> 1.10M
                // instructions per op under callgrind).
                None => Slot {
                    generation: slot.generation,
                    // SAFETY: the slot is vacant, so its union holds an
                    // initialized `next_free` (invariant 2) and no value:
                    // the bitwise copy carries the link over and duplicates
                    // nothing that is owned or dropped.
                    payload: unsafe { ptr::read(&slot.payload) },
                },
            }));
        // Every slot is copied: take the slab out of the guard with the
        // source's count.
        let slots = mem::take(&mut out.0.slots);
        mem::forget(out);
        RawGenSlab {
            slots,
            free_head: self.free_head,
            len: self.len,
            retired: self.retired,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{END, RawGenSlab};

    #[test]
    #[should_panic(expected = "GenSlab invariant 5 broken: len is 0 but 1 slots are occupied")]
    fn assert_invariants_catches_a_wrong_len() {
        let mut raw = RawGenSlab::new();
        raw.insert(1);
        raw.len = 0;
        raw.assert_invariants();
    }

    #[test]
    #[should_panic(expected = "GenSlab invariant 3 broken: the free list visits 0 of the 1 vacant")]
    fn assert_invariants_catches_a_lost_free_slot() {
        let mut raw = RawGenSlab::new();
        let (index, _) = raw.insert(1);
        raw.take(index as usize);
        raw.free_head = END;
        raw.assert_invariants();
    }
}
