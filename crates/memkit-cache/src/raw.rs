//! The unsafe core of memkit-cache: [`Ring`], a slab whose values are
//! threaded on circular doubly linked lists ("rings") by `u32` links, where
//! a step along a link reads the slab without checking it.
//!
//! Every cache operation walks a few links (a promotion in `LruCache`
//! follows four), and a checked slab access costs a bounds check and an
//! occupancy check each. The links are private to this module, so the
//! structure that makes them safe to follow is kept here, in one file.
//!
//! # Invariants
//!
//! For every occupied slot `i` of `Ring::slots`:
//!
//! 1. `next(i)` and `prev(i)` name occupied slots;
//! 2. `prev(next(i)) == i` and `next(prev(i)) == i`.
//!
//! How each method keeps them:
//!
//! * [`Ring::insert`] stores a slot as a ring of its own (its links name
//!   itself).
//! * Links change only in [`Ring::unlink`] and [`Ring::place_before`],
//!   which splice rings and keep 2, and so 1 (every slot they link to is
//!   occupied: checked, or reached by a link).
//! * A slot leaves the slab only in [`Ring::remove`], after `unlink` made
//!   it a ring of its own: by 2 no other slot links to it then.
//! * `clear` empties the slab, and `Clone` copies the links with the slots
//!   at the same indices.
//!
//! No user code (a value's `Drop`, `Clone`) runs while a splice is half
//! done: values are dropped only after `remove` relinked their
//! neighbours, so a panic leaves the invariants whole.
//!
//! Consequence, used by every `unsafe` block below: an index read out of
//! the links of an occupied slot names an occupied slot, so
//! `Slab::get_unchecked(_mut)` on it is sound. Indices that come from
//! outside (a hash table, a list head) are checked.

use core::num::NonZeroU32;

use memkit_slab::Slab;

/// The most entries a ring holds: every slab index fits a [`Link`].
pub(crate) const MAX_ENTRIES: usize = u32::MAX as usize - 1;

/// A slab index stored plus one, so that `Slab`'s vacant variant can use the
/// zero niche and a `u64 → u64` entry of `LruCache` stays 24 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Link(NonZeroU32);

impl Link {
    /// The link to slab index `index`, which is below [`MAX_ENTRIES`]
    /// ([`Ring::insert`] checks before a slot is used). An add, no branch.
    #[inline]
    fn new(index: u32) -> Self {
        Link(NonZeroU32::MIN.saturating_add(index))
    }

    /// The link to `index`, an occupied slot, without the saturating add
    /// of [`Link::new`].
    ///
    /// # Safety
    ///
    /// * `index` is an occupied slot of a [`Ring`]: [`Ring::insert`] keeps
    ///   every occupied slot below [`MAX_ENTRIES`], so `index + 1` neither
    ///   overflows nor is zero.
    #[inline]
    unsafe fn occupied(index: u32) -> Self {
        // SAFETY: the caller promises `index < MAX_ENTRIES < u32::MAX`.
        Link(unsafe { NonZeroU32::new_unchecked(index + 1) })
    }

    /// The slab index.
    #[inline]
    fn get(self) -> u32 {
        self.0.get() - 1
    }

    /// The slab index as a `usize`. Subtracting after the widening lets
    /// the compiler fold the `- 1` into the address of the slot.
    #[inline]
    fn slot(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// A value and its place on its ring.
#[derive(Clone)]
struct Linked<T> {
    value: T,
    /// The slot after this one on its ring.
    next: Link,
    /// The slot before this one on its ring.
    prev: Link,
}

/// A slab of values on circular lists; see the module's invariants.
#[derive(Clone)]
pub(crate) struct Ring<T> {
    slots: Slab<Linked<T>>,
}

impl<T> Ring<T> {
    pub(crate) const fn new() -> Self {
        Ring { slots: Slab::new() }
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Ring {
            slots: Slab::with_capacity(capacity),
        }
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
        unsafe { self.slots.get_unchecked_mut(link.slot()) }
    }

    /// The slot after `index` on its ring.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn next(&self, index: u32) -> u32 {
        self.linked(index).next.get()
    }

    /// The slot before `index` on its ring.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    #[inline]
    pub(crate) fn prev(&self, index: u32) -> u32 {
        self.linked(index).prev.get()
    }

    /// Stores `value` as a ring of its own and returns its slot, or hands
    /// it back when the slab already has [`MAX_ENTRIES`] slots in use.
    pub(crate) fn insert(&mut self, value: T) -> Result<u32, T> {
        let vacant = self.slots.vacant_key();
        let index = match u32::try_from(vacant) {
            Ok(index) if vacant < MAX_ENTRIES => index,
            _ => return Err(value),
        };
        let link = Link::new(index);
        let stored = self.slots.insert(Linked {
            value,
            next: link,
            prev: link,
        });
        debug_assert_eq!(stored, vacant, "Ring::insert: the slab's next key moved");
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
        let linked = self.linked(index);
        let (next, prev) = (linked.next, linked.prev);
        if next.get() == index {
            return None;
        }
        // SAFETY: `prev` and `next` are links of the occupied slot `index`,
        // so occupied (invariant 1).
        unsafe {
            self.linked_at_mut(prev).next = next;
            self.linked_at_mut(next).prev = prev;
        }
        // SAFETY: `index` was checked above and is still occupied.
        let this = unsafe { self.linked_unchecked_mut(index) };
        let link = Link::new(index);
        this.next = link;
        this.prev = link;
        Some(next.get())
    }

    /// Moves `index` from its ring to just before `at` on `at`'s ring
    /// (nothing changes when `index` is `at` or already there), and returns
    /// its value. Before the oldest slot of a FIFO is its newest place;
    /// before the head of an LRU list is its tail.
    ///
    /// # Panics
    ///
    /// If `index` or `at` is vacant.
    #[inline]
    pub(crate) fn place_before(&mut self, index: u32, at: u32) -> &mut T {
        // Checks `at`; its `prev` is read again after the unlink below.
        let _ = self.linked(at);
        if index == at {
            return match self.slots.get_mut(index as usize) {
                Some(linked) => &mut linked.value,
                None => vacant(index),
            };
        }
        let linked = self.linked(index);
        let (next, prev) = (linked.next, linked.prev);
        // SAFETY: `index` and `at` were checked above: both are occupied.
        let (index_link, at_link) = unsafe { (Link::occupied(index), Link::occupied(at)) };
        // SAFETY: 1. `prev` and `next` are links of the occupied `index`,
        // and `before` a link of the occupied `at`, so all are occupied
        // (invariant 1); `index` and `at` were checked above. 2. Unlinking
        // `index` first keeps invariant 2 between the two splices (when
        // `index` is a ring of its own, `prev` and `next` are `index` and
        // the two writes leave it so). `before` is read after the unlink,
        // so it is the slot before `at` on the ring `index` left: when
        // `index` was that slot, `before` is now `prev` and `index` goes
        // back where it was.
        unsafe {
            self.linked_at_mut(prev).next = next;
            self.linked_at_mut(next).prev = prev;
            let before = self.linked_unchecked_mut(at).prev;
            self.linked_at_mut(before).next = index_link;
            self.linked_unchecked_mut(at).prev = index_link;
            let this = self.linked_unchecked_mut(index);
            this.next = at_link;
            this.prev = before;
            &mut this.value
        }
    }

    /// Takes `index` out of its ring and the slab and returns its value.
    ///
    /// # Panics
    ///
    /// If `index` is vacant.
    pub(crate) fn remove(&mut self, index: u32) -> T {
        self.unlink(index);
        self.slots.remove(index as usize).value
    }

    /// The occupied slots and their values, in slot order.
    pub(crate) fn iter(&self) -> Iter<'_, T> {
        Iter {
            slots: self.slots.iter(),
        }
    }

    /// The occupied slots and their values, mutably, in slot order.
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = (u32, &mut T)> {
        self.slots
            .iter_mut()
            .map(|(index, linked)| (index as u32, &mut linked.value))
    }

    /// Drops every value; if a destructor panics the slab still drops the
    /// others.
    pub(crate) fn clear(&mut self) {
        self.slots.clear();
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.slots.shrink_to_fit();
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

/// Panics for an index that names a vacant slot.
#[cold]
#[inline(never)]
#[track_caller]
fn vacant(index: u32) -> ! {
    panic!("memkit-cache: slot {index} is vacant")
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::Ring;

    /// The slots of `at`'s ring, from `at`, checked against `prev` too.
    fn walk(ring: &Ring<u32>, at: u32) -> Vec<u32> {
        let mut out = alloc::vec![at];
        let mut x = ring.next(at);
        while x != at {
            assert_eq!(ring.next(ring.prev(x)), x, "prev mirrors next at {x}");
            out.push(x);
            x = ring.next(x);
        }
        out
    }

    /// Random splices on two rings, against a `Vec` model of each.
    #[test]
    fn rings_match_a_model() {
        let steps = if cfg!(miri) { 300 } else { 20_000 };
        let mut ring = Ring::new();
        let mut model: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        let mut seed = 0x2545_f491_u64;
        for step in 0..steps {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let side = (seed & 1) as usize;
            let pick = (seed >> 8) as usize;
            match (seed >> 4) % 4 {
                0 | 1 if model[0].len() + model[1].len() < 40 => {
                    let index = ring.insert(step).expect("room");
                    assert_eq!(ring.get(index), Some(&step));
                    if let Some(&first) = model[side].first() {
                        ring.place_before(index, first);
                    }
                    model[side].push(index);
                }
                2 if !model[side].is_empty() => {
                    // Move one slot to the end of either ring.
                    let index = model[side].remove(pick % model[side].len());
                    let to = (seed >> 40) as usize & 1;
                    if let Some(&first) = model[to].first() {
                        ring.place_before(index, first);
                    } else {
                        ring.unlink(index);
                    }
                    model[to].push(index);
                }
                _ if !model[side].is_empty() => {
                    let index = model[side].remove(pick % model[side].len());
                    let value = *ring.get(index).expect("occupied");
                    assert_eq!(ring.remove(index), value);
                    assert_eq!(ring.get(index), None);
                }
                _ => {}
            }
            for list in &model {
                if let Some(&first) = list.first() {
                    assert_eq!(&walk(&ring, first), list);
                }
            }
            assert_eq!(ring.len(), model[0].len() + model[1].len());
        }
        let copy = ring.clone();
        for list in &model {
            if let Some(&first) = list.first() {
                assert_eq!(&walk(&copy, first), list);
            }
        }
        ring.clear();
        assert!(ring.is_empty());
    }
}
