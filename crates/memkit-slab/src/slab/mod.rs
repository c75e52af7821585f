//! [`Slab`]: storage addressed by `usize` keys, API-compatible with `slab` 0.4.12,
//! with its iterators, [`VacantEntry`] and the builder behind `FromIterator`
//! and serde.
//!
//! The implementation is safe code over a `Vec<Entry<T>>`. The only `unsafe`
//! are the three `*_unchecked` methods, which forward their caller's
//! contract to the slice methods of the same name.
//!
//! # Invariants
//!
//! The fields of [`Slab`] are private to this module and its children; every
//! method that writes them keeps these:
//!
//! 1. `len` is the number of `Occupied` entries, so `len <= entries.len()`.
//! 2. The vacant list starts at `next` and follows each `Vacant(link)`; it
//!    visits every vacant entry exactly once and ends at `entries.len()`.
//!    With no vacant entry, `next == entries.len()`.
//!
//! The builder alone breaks invariant 2 while it places pairs, and
//! restores it in `Builder::build` before handing the slab out.

mod builder;
mod iter;
mod vacant_entry;

use alloc::vec::Vec;
use core::{fmt, mem, ops};

#[cfg(feature = "serde")]
pub(crate) use self::builder::Builder;
#[cfg(not(feature = "serde"))]
use self::builder::Builder;
pub use self::iter::{Drain, IntoIter, Iter, IterMut};
pub use self::vacant_entry::VacantEntry;
use crate::error::GetDisjointMutError;

/// One entry of a [`Slab`].
#[derive(Clone)]
enum Entry<T> {
    /// No value. The field is the next vacant key, or `entries.len()` at the
    /// end of the vacant list.
    Vacant(usize),
    /// A value.
    Occupied(T),
}

/// Pre-allocated storage for values of type `T`, addressed by `usize` keys.
///
/// Inserting returns a key; the key stays valid until its value is removed,
/// and a removed key is the next one handed out (last removed, first
/// reused). Keys, capacity growth and panics match `slab` 0.4.12.
///
/// # Examples
///
/// ```
/// use memkit_slab::Slab;
///
/// let mut slab = Slab::new();
/// let a = slab.insert('a');
/// let b = slab.insert('b');
/// assert_eq!((a, b), (0, 1));
/// assert_eq!(slab.remove(a), 'a');
/// assert_eq!(slab.insert('c'), a);
/// ```
pub struct Slab<T> {
    /// Every entry; keys are indices into it. Its `len()` bounds all keys.
    entries: Vec<Entry<T>>,
    /// Number of `Occupied` entries.
    len: usize,
    /// Head of the vacant list: the key `insert` uses next. Equals
    /// `entries.len()` when no entry is vacant.
    next: usize,
}

impl<T> Slab<T> {
    /// Creates an empty slab; allocates nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// static EMPTY: memkit_slab::Slab<u8> = memkit_slab::Slab::new();
    /// assert!(EMPTY.is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Slab {
            entries: Vec::new(),
            len: 0,
            next: 0,
        }
    }

    /// Creates an empty slab with room for `capacity` values before it
    /// allocates again.
    ///
    /// # Examples
    ///
    /// ```
    /// let slab = memkit_slab::Slab::<u32>::with_capacity(10);
    /// assert!(slab.capacity() >= 10);
    /// ```
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Slab {
            entries: Vec::with_capacity(capacity),
            len: 0,
            next: 0,
        }
    }

    /// How many entries the slab holds without reallocating.
    ///
    /// # Examples
    ///
    /// ```
    /// let slab = memkit_slab::Slab::<u32>::with_capacity(4);
    /// assert!(slab.capacity() >= 4);
    /// ```
    pub fn capacity(&self) -> usize {
        self.entries.capacity()
    }

    /// Makes room for at least `additional` more values, counting vacant
    /// entries as room. May over-allocate, like `Vec::reserve`.
    ///
    /// # Panics
    ///
    /// If the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert("x");
    /// slab.reserve(10);
    /// assert!(slab.capacity() >= 11);
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        if let Some(grow) = self.growth_for(additional) {
            self.entries.reserve(grow);
        }
    }

    /// Like [`reserve`](Self::reserve), but asks for no more than needed,
    /// like `Vec::reserve_exact`.
    ///
    /// # Panics
    ///
    /// If the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert("x");
    /// slab.reserve_exact(10);
    /// assert!(slab.capacity() >= 11);
    /// ```
    pub fn reserve_exact(&mut self, additional: usize) {
        if let Some(grow) = self.growth_for(additional) {
            self.entries.reserve_exact(grow);
        }
    }

    /// How many entries past `entries.len()` are needed so `additional`
    /// inserts fit; `None` if they already fit.
    fn growth_for(&self, additional: usize) -> Option<usize> {
        let room = self.capacity() - self.len;
        if room >= additional {
            return None;
        }
        let vacant = self.entries.len() - self.len;
        Some(additional - vacant)
    }

    /// Drops trailing vacant entries and gives spare capacity back to the
    /// allocator. Keys of stored values do not change; vacant keys below the
    /// last value are reused lowest first afterwards, if any trailing entry
    /// was dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::with_capacity(10);
    /// let keys: Vec<usize> = (0..3).map(|i| slab.insert(i)).collect();
    /// slab.remove(keys[2]);
    /// slab.shrink_to_fit();
    /// assert!(slab.capacity() >= 2 && slab.capacity() < 10);
    /// assert_eq!(slab[keys[1]], 1);
    /// ```
    pub fn shrink_to_fit(&mut self) {
        let before = self.entries.len();
        while matches!(self.entries.last(), Some(Entry::Vacant(_))) {
            self.entries.pop();
        }
        if self.entries.len() != before {
            self.rebuild_vacant_list();
        }
        self.entries.shrink_to_fit();
    }

    /// Checks the invariants written at the top of this module and panics
    /// with a message naming the first one broken.
    ///
    /// For property tests and fuzz targets, which call it after every
    /// step; it walks every entry, so it costs `O(capacity)`. Hidden from
    /// the docs and not part of the stable API.
    ///
    /// # Panics
    ///
    /// If an invariant does not hold, which is a bug in memkit-slab.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert(1);
    /// slab.remove(k);
    /// slab.assert_invariants();
    /// ```
    #[doc(hidden)]
    pub fn assert_invariants(&self) {
        let end = self.entries.len();
        let occupied = self
            .entries
            .iter()
            .filter(|e| matches!(e, Entry::Occupied(_)))
            .count();
        assert!(
            occupied == self.len,
            "Slab invariant 1 broken: len is {} but {occupied} entries are occupied",
            self.len
        );
        let mut seen = alloc::vec![false; end];
        let mut at = self.next;
        let mut walked = 0;
        while at != end {
            let link = match self.entries.get(at) {
                Some(Entry::Vacant(link)) => *link,
                Some(Entry::Occupied(_)) => {
                    panic!("Slab invariant 2 broken: the vacant list reaches occupied key {at}")
                }
                None => panic!(
                    "Slab invariant 2 broken: the vacant list reaches key {at}, past the {end} entries"
                ),
            };
            assert!(
                !seen[at],
                "Slab invariant 2 broken: the vacant list visits key {at} twice"
            );
            seen[at] = true;
            walked += 1;
            at = link;
        }
        assert!(
            walked == end - occupied,
            "Slab invariant 2 broken: the vacant list visits {walked} of the {} vacant entries",
            end - occupied
        );
    }

    /// Relinks every vacant entry, lowest key first.
    fn rebuild_vacant_list(&mut self) {
        let end = self.entries.len();
        self.next = end;
        let mut left = end - self.len;
        for (key, entry) in self.entries.iter_mut().enumerate().rev() {
            if left == 0 {
                break;
            }
            if let Entry::Vacant(link) = entry {
                *link = self.next;
                self.next = key;
                left -= 1;
            }
        }
    }

    /// Moves values into the lowest vacant entries until no entry is vacant,
    /// then shrinks the allocation.
    ///
    /// Values are taken from the back. For each move,
    /// `rekey(&mut value, old_key, new_key)` is called first; if it returns
    /// `false`, the value stays at its old key and `compact` stops there
    /// (still shrinking).
    ///
    /// # Panics
    ///
    /// If `rekey` panics, the value being moved is dropped, and the slab
    /// stays valid with every other value at the key it had when `rekey` was
    /// called. `compact` itself drops no value otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let a = slab.insert('a');
    /// let b = slab.insert('b');
    /// let c = slab.insert('c');
    /// slab.remove(a);
    /// slab.compact(|_, from, to| {
    ///     assert_eq!((from, to), (c, a));
    ///     true
    /// });
    /// assert_eq!((slab[a], slab[b]), ('c', 'b'));
    /// ```
    pub fn compact<F>(&mut self, mut rekey: F)
    where
        F: FnMut(&mut T, usize, usize) -> bool,
    {
        /// Restores the vacant list (and `len`, if a value was in flight)
        /// when `rekey` unwinds.
        struct Restore<'a, T> {
            slab: &'a mut Slab<T>,
            in_flight: bool,
        }
        impl<T> Drop for Restore<'_, T> {
            fn drop(&mut self) {
                if self.in_flight {
                    self.slab.len -= 1;
                }
                self.slab.rebuild_vacant_list();
            }
        }

        // Until `compact` returns, a panic can only come from `rekey`, with
        // a value popped off the end and not yet put back.
        let mut restore = Restore {
            slab: self,
            in_flight: true,
        };
        let mut low = 0;
        while restore.slab.entries.len() > restore.slab.len {
            let Some(Entry::Occupied(mut value)) = restore.slab.entries.pop() else {
                continue;
            };
            let entries = &restore.slab.entries;
            while matches!(entries.get(low), Some(Entry::Occupied(_))) {
                low += 1;
            }
            let from = entries.len();
            if !rekey(&mut value, from, low) {
                restore.in_flight = false;
                restore.slab.entries.push(Entry::Occupied(value));
                restore.slab.entries.shrink_to_fit();
                return; // `restore` relinks the vacant list.
            }
            restore.slab.entries[low] = Entry::Occupied(value);
            low += 1;
        }
        // No vacant entry is left: the list is empty.
        restore.slab.next = restore.slab.len;
        restore.slab.entries.shrink_to_fit();
        mem::forget(restore);
    }

    /// Drops every value and forgets every key; keeps the capacity.
    ///
    /// If a destructor panics, the others still run (see the
    /// [crate docs](crate#panicking-destructors)).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert(1);
    /// slab.clear();
    /// assert!(slab.is_empty());
    /// assert_eq!(slab.insert(2), 0);
    /// ```
    pub fn clear(&mut self) {
        self.len = 0;
        self.next = 0;
        self.entries.clear();
    }

    /// The number of stored values.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert(());
    /// assert_eq!(slab.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the slab stores no value.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// assert!(slab.is_empty());
    /// slab.insert(());
    /// assert!(!slab.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Iterates over `(key, &value)` in key order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert('a');
    /// let b = slab.insert('b');
    /// slab.insert('c');
    /// slab.remove(b);
    /// let seen: Vec<(usize, char)> = slab.iter().map(|(k, v)| (k, *v)).collect();
    /// assert_eq!(seen, [(0, 'a'), (2, 'c')]);
    /// ```
    pub fn iter(&self) -> Iter<'_, T> {
        Iter::new(self.entries.iter(), self.len)
    }

    /// Iterates over `(key, &mut value)` in key order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert(1);
    /// slab.insert(2);
    /// for (key, value) in slab.iter_mut() {
    ///     *value += key * 10;
    /// }
    /// assert_eq!(slab[1], 12);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        IterMut::new(self.entries.iter_mut(), self.len)
    }

    /// The value at `key`, if there is one.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert("v");
    /// assert_eq!(slab.get(k), Some(&"v"));
    /// assert_eq!(slab.get(99), None);
    /// ```
    #[inline]
    pub fn get(&self, key: usize) -> Option<&T> {
        match self.entries.get(key) {
            Some(Entry::Occupied(value)) => Some(value),
            _ => None,
        }
    }

    /// The value at `key`, mutably, if there is one.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert(1);
    /// *slab.get_mut(k).unwrap() += 1;
    /// assert_eq!(slab[k], 2);
    /// ```
    #[inline]
    pub fn get_mut(&mut self, key: usize) -> Option<&mut T> {
        match self.entries.get_mut(key) {
            Some(Entry::Occupied(value)) => Some(value),
            _ => None,
        }
    }

    /// The values at two different keys, mutably; `None` unless both keys
    /// hold values.
    ///
    /// # Panics
    ///
    /// If `key1 == key2`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let a = slab.insert(1);
    /// let b = slab.insert(2);
    /// let (x, y) = slab.get2_mut(a, b).unwrap();
    /// std::mem::swap(x, y);
    /// assert_eq!((slab[a], slab[b]), (2, 1));
    /// assert!(slab.get2_mut(a, 7).is_none());
    /// ```
    #[track_caller]
    pub fn get2_mut(&mut self, key1: usize, key2: usize) -> Option<(&mut T, &mut T)> {
        assert!(
            key1 != key2,
            "Slab::get2_mut: both keys are {key1}; they must differ"
        );
        let (low, high) = (key1.min(key2), key1.max(key2));
        if high >= self.entries.len() {
            return None;
        }
        let (head, tail) = self.entries.split_at_mut(high);
        let (Entry::Occupied(lo), Entry::Occupied(hi)) = (&mut head[low], &mut tail[0]) else {
            return None;
        };
        Some(if key1 < key2 { (lo, hi) } else { (hi, lo) })
    }

    /// The values at `N` distinct keys, mutably.
    ///
    /// # Errors
    ///
    /// Checked in this order: [`OverlappingIndices`] if a key appears
    /// twice; then, key by key, [`IndexOutOfBounds`] for a key past the
    /// last entry and [`IndexVacant`] for a key without a value. Bounds are
    /// checked against the entries, never against the capacity.
    ///
    /// [`OverlappingIndices`]: GetDisjointMutError::OverlappingIndices
    /// [`IndexOutOfBounds`]: GetDisjointMutError::IndexOutOfBounds
    /// [`IndexVacant`]: GetDisjointMutError::IndexVacant
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_slab::{GetDisjointMutError, Slab};
    ///
    /// let mut slab = Slab::new();
    /// let a = slab.insert(1);
    /// let b = slab.insert(2);
    /// let c = slab.insert(3);
    /// let [x, z] = slab.get_disjoint_mut([a, c]).unwrap();
    /// *x += *z;
    /// assert_eq!(slab[a], 4);
    /// slab.remove(b);
    /// assert_eq!(slab.get_disjoint_mut([a, b]).unwrap_err(), GetDisjointMutError::IndexVacant);
    /// ```
    pub fn get_disjoint_mut<const N: usize>(
        &mut self,
        keys: [usize; N],
    ) -> Result<[&mut T; N], GetDisjointMutError> {
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].contains(key) {
                return Err(GetDisjointMutError::OverlappingIndices);
            }
        }
        for &key in &keys {
            match self.entries.get(key) {
                None => return Err(GetDisjointMutError::IndexOutOfBounds),
                Some(Entry::Vacant(_)) => return Err(GetDisjointMutError::IndexVacant),
                Some(Entry::Occupied(_)) => {}
            }
        }
        let entries = self
            .entries
            .get_disjoint_mut(keys)
            .map_err(|_| GetDisjointMutError::OverlappingIndices)?;
        Ok(entries.map(|entry| match entry {
            Entry::Occupied(value) => value,
            Entry::Vacant(_) => unreachable!("checked occupied above"),
        }))
    }

    /// The value at `key`, without checking that there is one.
    ///
    /// The safe twin is [`get`](Self::get).
    ///
    /// # Safety
    ///
    /// * `key` must hold a value (`self.contains(key)`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert(5);
    /// // SAFETY: `k` was just inserted.
    /// assert_eq!(unsafe { *slab.get_unchecked(k) }, 5);
    /// ```
    pub unsafe fn get_unchecked(&self, key: usize) -> &T {
        debug_assert!(self.contains(key), "Slab::get_unchecked: no value at {key}");
        // SAFETY: the caller promises `key` holds a value, so it is in bounds.
        match unsafe { self.entries.get_unchecked(key) } {
            Entry::Occupied(value) => value,
            // SAFETY: the caller promises the entry is occupied.
            Entry::Vacant(_) => unsafe { core::hint::unreachable_unchecked() },
        }
    }

    /// The value at `key`, mutably, without checking that there is one.
    ///
    /// The safe twin is [`get_mut`](Self::get_mut).
    ///
    /// # Safety
    ///
    /// * `key` must hold a value (`self.contains(key)`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert(5);
    /// // SAFETY: `k` was just inserted.
    /// unsafe { *slab.get_unchecked_mut(k) += 1 };
    /// assert_eq!(slab[k], 6);
    /// ```
    pub unsafe fn get_unchecked_mut(&mut self, key: usize) -> &mut T {
        debug_assert!(
            self.contains(key),
            "Slab::get_unchecked_mut: no value at {key}"
        );
        // SAFETY: the caller promises `key` holds a value, so it is in bounds.
        match unsafe { self.entries.get_unchecked_mut(key) } {
            Entry::Occupied(value) => value,
            // SAFETY: the caller promises the entry is occupied.
            Entry::Vacant(_) => unsafe { core::hint::unreachable_unchecked() },
        }
    }

    /// How many bytes apart the values of two neighbouring keys are stored:
    /// the value of key `k` is at byte offset `k * Slab::<T>::STRIDE`, the
    /// `offset` of [`get_unchecked_at`](Self::get_unchecked_at). Links kept
    /// as offsets reach their value without a multiplication.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_slab::Slab;
    ///
    /// assert!(Slab::<u64>::STRIDE >= size_of::<u64>());
    /// ```
    pub const STRIDE: usize = mem::size_of::<Entry<T>>();

    /// The value at byte offset `offset` (key `offset / Self::STRIDE`),
    /// without checking that there is one.
    ///
    /// The safe twin is [`get`](Self::get).
    ///
    /// # Safety
    ///
    /// * `offset` must be `key * Self::STRIDE` for a `key` that holds a
    ///   value (`self.contains(key)`).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_slab::Slab;
    ///
    /// let mut slab = Slab::new();
    /// slab.insert(4);
    /// let k = slab.insert(5);
    /// // SAFETY: `k` was just inserted.
    /// assert_eq!(unsafe { *slab.get_unchecked_at(k * Slab::<i32>::STRIDE) }, 5);
    /// ```
    #[inline]
    pub unsafe fn get_unchecked_at(&self, offset: usize) -> &T {
        debug_assert!(
            offset.is_multiple_of(Self::STRIDE) && self.contains(offset / Self::STRIDE),
            "Slab::get_unchecked_at: no value at byte offset {offset}"
        );
        // SAFETY: the caller promises `offset` is where an occupied entry,
        // so one in bounds, starts.
        match unsafe { crate::raw::element_at(&self.entries, offset) } {
            Entry::Occupied(value) => value,
            // SAFETY: the caller promises the entry is occupied.
            Entry::Vacant(_) => unsafe { core::hint::unreachable_unchecked() },
        }
    }

    /// The value at byte offset `offset`, mutably, without checking that
    /// there is one. Only that value is borrowed: a reference from an
    /// earlier call at another offset stays valid (turned into a raw
    /// pointer, it may outlive this borrow of the slab).
    ///
    /// The safe twin is [`get_mut`](Self::get_mut).
    ///
    /// # Safety
    ///
    /// * `offset` must be `key * Self::STRIDE` for a `key` that holds a
    ///   value (`self.contains(key)`).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_slab::Slab;
    ///
    /// let mut slab = Slab::new();
    /// let k = slab.insert(5);
    /// // SAFETY: `k` was just inserted.
    /// unsafe { *slab.get_unchecked_at_mut(k * Slab::<i32>::STRIDE) += 1 };
    /// assert_eq!(slab[k], 6);
    /// ```
    #[inline]
    pub unsafe fn get_unchecked_at_mut(&mut self, offset: usize) -> &mut T {
        // The check reads that entry only, not the others (`contains`
        // would borrow them all, and end the borrows of earlier calls).
        debug_assert!(
            offset.is_multiple_of(Self::STRIDE) && offset / Self::STRIDE < self.entries.len(),
            "Slab::get_unchecked_at_mut: byte offset {offset} is past the last entry"
        );
        // SAFETY: the caller promises `offset` is where an occupied entry,
        // so one in bounds, starts.
        match unsafe { crate::raw::element_at_mut(&mut self.entries, offset) } {
            Entry::Occupied(value) => value,
            Entry::Vacant(_) if cfg!(debug_assertions) => {
                panic!("Slab::get_unchecked_at_mut: no value at byte offset {offset}")
            }
            // SAFETY: the caller promises the entry is occupied.
            Entry::Vacant(_) => unsafe { core::hint::unreachable_unchecked() },
        }
    }

    /// The values at two keys, mutably, without checking them.
    ///
    /// The safe twin is [`get2_mut`](Self::get2_mut).
    ///
    /// # Safety
    ///
    /// * `key1` and `key2` must both hold values, and
    /// * `key1 != key2`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let a = slab.insert(1);
    /// let b = slab.insert(2);
    /// // SAFETY: both keys hold values and differ.
    /// let (x, y) = unsafe { slab.get2_unchecked_mut(a, b) };
    /// *x += *y;
    /// assert_eq!(slab[a], 3);
    /// ```
    pub unsafe fn get2_unchecked_mut(&mut self, key1: usize, key2: usize) -> (&mut T, &mut T) {
        debug_assert!(
            key1 != key2 && self.contains(key1) && self.contains(key2),
            "Slab::get2_unchecked_mut: keys {key1} and {key2} must differ and hold values"
        );
        // SAFETY: the caller promises both keys hold values (so are in
        // bounds) and differ.
        let [a, b] = unsafe { self.entries.get_disjoint_unchecked_mut([key1, key2]) };
        match (a, b) {
            (Entry::Occupied(a), Entry::Occupied(b)) => (a, b),
            // SAFETY: the caller promises both entries are occupied.
            _ => unsafe { core::hint::unreachable_unchecked() },
        }
    }

    /// The key of a value stored in this slab, found from a reference to it.
    ///
    /// # Panics
    ///
    /// If `present_element` does not point into this slab's entries.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert(10);
    /// let k = slab.insert(20);
    /// let value = &slab[k];
    /// assert_eq!(slab.key_of(value), k);
    /// ```
    #[track_caller]
    pub fn key_of(&self, present_element: &T) -> usize {
        let at = (present_element as *const T).addr();
        let base = self.entries.as_ptr().addr();
        // `Entry<T>` is never zero-sized: `Vacant` holds a `usize`. The
        // division drops the value's offset inside its entry.
        let key = at.wrapping_sub(base) / mem::size_of::<Entry<T>>();
        assert!(
            key < self.entries.len(),
            "Slab::key_of: the reference does not point into this slab ({} entries)",
            self.entries.len()
        );
        key
    }

    /// Stores `val` and returns its key: the most recently freed key, or
    /// the next new one. May reallocate.
    ///
    /// # Panics
    ///
    /// If the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert("hello");
    /// assert_eq!(slab[k], "hello");
    /// ```
    #[inline]
    pub fn insert(&mut self, val: T) -> usize {
        let key = self.next;
        self.insert_at(key, val);
        key
    }

    /// The key the next [`insert`](Self::insert) will return.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.vacant_key();
    /// assert_eq!(slab.insert(()), k);
    /// ```
    pub fn vacant_key(&self) -> usize {
        self.next
    }

    /// A handle to the next vacant entry, whose key is known before the
    /// value is stored (for values that contain their own key).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let entry = slab.vacant_entry();
    /// let key = entry.key();
    /// entry.insert((key, "self-aware"));
    /// assert_eq!(slab[key].0, key);
    /// ```
    pub fn vacant_entry(&mut self) -> VacantEntry<'_, T> {
        VacantEntry::new(self)
    }

    /// Stores `val` at `key`, which is `self.next`, and returns it.
    #[inline]
    fn insert_at(&mut self, key: usize, val: T) -> &mut T {
        debug_assert_eq!(key, self.next);
        let entry = if key == self.entries.len() {
            self.entries.push(Entry::Occupied(val));
            self.next = key + 1;
            self.len += 1;
            &mut self.entries[key]
        } else {
            let entry = &mut self.entries[key];
            let Entry::Vacant(next) = *entry else {
                broken_vacant_list(key)
            };
            self.next = next;
            self.len += 1;
            *entry = Entry::Occupied(val);
            entry
        };
        match entry {
            Entry::Occupied(value) => value,
            Entry::Vacant(_) => unreachable!("just stored"),
        }
    }

    /// Removes and returns the value at `key`, if there is one. The key is
    /// handed out by the next insert.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert(1);
    /// assert_eq!(slab.try_remove(k), Some(1));
    /// assert_eq!(slab.try_remove(k), None);
    /// ```
    #[inline]
    pub fn try_remove(&mut self, key: usize) -> Option<T> {
        let entry = self.entries.get_mut(key)?;
        if !matches!(entry, Entry::Occupied(_)) {
            return None;
        }
        let Entry::Occupied(value) = mem::replace(entry, Entry::Vacant(self.next)) else {
            unreachable!("checked occupied above")
        };
        self.len -= 1;
        self.next = key;
        Some(value)
    }

    /// Removes and returns the value at `key`.
    ///
    /// # Panics
    ///
    /// If `key` holds no value.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert("x");
    /// assert_eq!(slab.remove(k), "x");
    /// assert!(!slab.contains(k));
    /// ```
    #[track_caller]
    pub fn remove(&mut self, key: usize) -> T {
        match self.try_remove(key) {
            Some(value) => value,
            None => self.invalid_key("remove", key),
        }
    }

    /// Panics for an access to `key`, which holds no value.
    #[cold]
    #[inline(never)]
    #[track_caller]
    fn invalid_key(&self, op: &str, key: usize) -> ! {
        if key < self.entries.len() {
            panic!(
                "Slab::{op}: invalid key {key}: vacant (len {}, {} entries)",
                self.len,
                self.entries.len()
            )
        } else {
            panic!(
                "Slab::{op}: invalid key {key}: out of range (len {}, {} entries)",
                self.len,
                self.entries.len()
            )
        }
    }

    /// Whether `key` holds a value.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let k = slab.insert(0);
    /// assert!(slab.contains(k));
    /// slab.remove(k);
    /// assert!(!slab.contains(k));
    /// ```
    #[inline]
    pub fn contains(&self, key: usize) -> bool {
        matches!(self.entries.get(key), Some(Entry::Occupied(_)))
    }

    /// Keeps only the values for which `f(key, &mut value)` returns `true`,
    /// visiting keys in increasing order. Each removed key goes to the front
    /// of the vacant list as it is removed, as with [`remove`](Self::remove).
    ///
    /// If `f` or a destructor panics, the values not yet visited stay (see
    /// the [crate docs](crate#panicking-destructors)).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// for i in 0..6 {
    ///     slab.insert(i);
    /// }
    /// slab.retain(|_, v| *v % 2 == 0);
    /// assert_eq!(slab.len(), 3);
    /// assert!(slab.contains(4) && !slab.contains(5));
    /// ```
    pub fn retain<F>(&mut self, mut f: F)
    where
        F: FnMut(usize, &mut T) -> bool,
    {
        for (key, entry) in self.entries.iter_mut().enumerate() {
            let Entry::Occupied(value) = entry else {
                continue;
            };
            if !f(key, value) {
                // The slab is consistent before the value is dropped, so a
                // panicking destructor leaves it valid.
                let removed = mem::replace(entry, Entry::Vacant(self.next));
                self.next = key;
                self.len -= 1;
                drop(removed);
            }
        }
    }

    /// Removes every value, yielding them in key order. Dropping the
    /// iterator early drops the rest; the slab is empty either way, and
    /// keeps its capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// slab.insert('a');
    /// slab.insert('b');
    /// assert_eq!(slab.drain().collect::<String>(), "ab");
    /// assert!(slab.is_empty());
    /// ```
    pub fn drain(&mut self) -> Drain<'_, T> {
        let len = mem::take(&mut self.len);
        self.next = 0;
        Drain::new(self.entries.drain(..), len)
    }
}

/// Panics: the vacant list points at an occupied entry (a bug in this crate).
#[cold]
#[inline(never)]
fn broken_vacant_list(key: usize) -> ! {
    unreachable!("Slab: the vacant list points at occupied entry {key}")
}

impl<T: Clone> Clone for Slab<T> {
    fn clone(&self) -> Self {
        Slab {
            entries: self.entries.clone(),
            len: self.len,
            next: self.next,
        }
    }

    fn clone_from(&mut self, source: &Self) {
        self.entries.clone_from(&source.entries);
        self.len = source.len;
        self.next = source.next;
    }
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab::new()
    }
}

impl<T> ops::Index<usize> for Slab<T> {
    type Output = T;

    #[track_caller]
    #[inline]
    fn index(&self, key: usize) -> &T {
        match self.entries.get(key) {
            Some(Entry::Occupied(value)) => value,
            _ => self.invalid_key("index", key),
        }
    }
}

impl<T> ops::IndexMut<usize> for Slab<T> {
    #[track_caller]
    #[inline]
    fn index_mut(&mut self, key: usize) -> &mut T {
        if !self.contains(key) {
            self.invalid_key("index_mut", key)
        }
        match &mut self.entries[key] {
            Entry::Occupied(value) => value,
            Entry::Vacant(_) => unreachable!("checked occupied above"),
        }
    }
}

impl<T> IntoIterator for Slab<T> {
    type Item = (usize, T);
    type IntoIter = IntoIter<T>;

    fn into_iter(self) -> IntoIter<T> {
        IntoIter::new(self.entries.into_iter(), self.len)
    }
}

impl<'a, T> IntoIterator for &'a Slab<T> {
    type Item = (usize, &'a T);
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Slab<T> {
    type Item = (usize, &'a mut T);
    type IntoIter = IterMut<'a, T>;

    fn into_iter(self) -> IterMut<'a, T> {
        self.iter_mut()
    }
}

/// Builds a slab from `(key, value)` pairs. A repeated key keeps the last
/// value. Keys between the given ones are vacant; the vacant list order
/// matches `slab` 0.4.12.
///
/// # Examples
///
/// ```
/// let slab: memkit_slab::Slab<char> = [(2, 'c'), (0, 'a')].into_iter().collect();
/// assert_eq!(slab.len(), 2);
/// assert_eq!(slab.vacant_key(), 1);
/// ```
impl<T> FromIterator<(usize, T)> for Slab<T> {
    fn from_iter<I: IntoIterator<Item = (usize, T)>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut builder = Builder::with_capacity(iter.size_hint().0);
        for (key, value) in iter {
            builder.pair(key, value);
        }
        builder.build()
    }
}

/// `Slab { len, cap }`; with `{:#?}`, a map from key to value.
impl<T: fmt::Debug> fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_map().entries(self.iter()).finish()
        } else {
            f.debug_struct("Slab")
                .field("len", &self.len)
                .field("cap", &self.capacity())
                .finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Slab;

    #[test]
    #[should_panic(expected = "Slab invariant 1 broken: len is 2 but 1 entries are occupied")]
    fn assert_invariants_catches_a_wrong_len() {
        let mut slab = Slab::new();
        slab.insert(1);
        slab.len = 2;
        slab.assert_invariants();
    }

    #[test]
    #[should_panic(expected = "Slab invariant 2 broken: the vacant list visits 0 of the 1 vacant")]
    fn assert_invariants_catches_a_lost_vacant_entry() {
        let mut slab = Slab::new();
        let k = slab.insert(1);
        slab.remove(k);
        slab.next = slab.entries.len();
        slab.assert_invariants();
    }
}
