//! [`GenSlab`]: storage addressed by generational [`GenKey`]s, and its
//! iterators.

mod iter;

use core::num::NonZeroU32;
use core::{fmt, ops};

pub use self::iter::{Drain, IntoIter, Iter, IterMut};
use crate::error::GetDisjointMutError;
use crate::gen_key::GenKey;
use crate::raw::{RawGenSlab, Slot};

/// Pre-allocated storage for values of type `T`, addressed by 8-byte
/// [`GenKey`]s that never go stale silently.
///
/// Like [`Slab`](crate::Slab), a freed slot is reused by the next insert
/// (last freed, first reused). Unlike it, the key carries the slot's
/// generation, so a key to a removed value returns `None` (or `false`) from
/// every accessor forever: after the slot is reused, after `clear`, `drain`
/// and `retain`. A slot whose generation counter would wrap is retired and
/// never used again.
///
/// A slot takes `max(size_of::<T>(), 4)` bytes plus a 4-byte generation,
/// rounded up to `T`'s alignment: 8 bytes for a `u32`.
///
/// # Examples
///
/// ```
/// use memkit_slab::GenSlab;
///
/// let mut slab = GenSlab::new();
/// let a = slab.insert("a");
/// assert_eq!(slab.remove(a), Some("a"));
/// let b = slab.insert("b");
/// assert_eq!(a.index(), b.index());
/// assert!(!slab.contains(a));
/// assert_eq!(slab[b], "b");
/// ```
pub struct GenSlab<T> {
    pub(crate) raw: RawGenSlab<T>,
}

impl<T> GenSlab<T> {
    /// Bytes one slot takes: `max(size_of::<T>(), 4)` plus a 4-byte
    /// generation, rounded up to the alignment.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_slab::GenSlab::<u32>::SLOT_SIZE, 8);
    /// ```
    pub const SLOT_SIZE: usize = size_of::<Slot<T>>();

    /// Creates an empty slab; allocates nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// static EMPTY: memkit_slab::GenSlab<u8> = memkit_slab::GenSlab::new();
    /// assert!(EMPTY.is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        GenSlab {
            raw: RawGenSlab::new(),
        }
    }

    /// Creates an empty slab with room for `capacity` values.
    ///
    /// # Examples
    ///
    /// ```
    /// let slab = memkit_slab::GenSlab::<u32>::with_capacity(10);
    /// assert!(slab.capacity() >= 10);
    /// ```
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        GenSlab {
            raw: RawGenSlab::with_capacity(capacity),
        }
    }

    /// Checks the invariants of the slot storage (written at the top of its
    /// `raw` module) and panics with a message naming the first one broken.
    ///
    /// For property tests and fuzz targets, which call it after every
    /// step; it walks every slot, so it costs `O(capacity)`. Hidden from
    /// the docs and not part of the stable API.
    ///
    /// # Panics
    ///
    /// If an invariant does not hold, which is a bug in memkit-slab.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(1);
    /// slab.remove(k);
    /// slab.assert_invariants();
    /// ```
    #[doc(hidden)]
    pub fn assert_invariants(&self) {
        self.raw.assert_invariants();
    }

    /// How many slots the slab holds without reallocating (stored values,
    /// free slots and retired slots together).
    ///
    /// # Examples
    ///
    /// ```
    /// let slab = memkit_slab::GenSlab::<u32>::with_capacity(3);
    /// assert!(slab.capacity() >= 3);
    /// ```
    pub fn capacity(&self) -> usize {
        self.raw.capacity()
    }

    /// Makes room so the next `additional` inserts do not reallocate,
    /// counting free slots as room.
    ///
    /// # Panics
    ///
    /// If the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// slab.insert(0u8);
    /// slab.reserve(10);
    /// assert!(slab.capacity() >= 11);
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.raw.reserve(additional);
    }

    /// The number of stored values.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// slab.insert(());
    /// assert_eq!(slab.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether the slab stores no value.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// assert!(slab.is_empty());
    /// let k = slab.insert(());
    /// slab.remove(k);
    /// assert!(slab.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.raw.len() == 0
    }

    /// Stores `value` and returns its key. Reuses the most recently freed
    /// slot, with a new generation.
    ///
    /// # Panics
    ///
    /// If the slab already has `u32::MAX - 1` slots in use or retired, or
    /// the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(42);
    /// assert_eq!(slab[k], 42);
    /// ```
    // Always inlined: then a value built at the call site is stored straight
    // into its slot. Called out of line, the caller spills the value to the
    // stack and the slot write reloads it with wider loads than the stores,
    // which the CPU cannot forward: filling a slab with `String::new()` took
    // 2.5x longer that way (standalone loop of 65536 inserts, same binary).
    #[inline(always)]
    pub fn insert(&mut self, value: T) -> GenKey {
        let (index, generation) = self.raw.insert(value);
        key(index, generation)
    }

    /// Stores `value` under exactly `key`, and returns the value its slot
    /// held before, if any (its key, if different, is dead afterwards).
    ///
    /// Slots between the last one and `key.index()` are created vacant.
    /// Takes time linear in the number of free slots when the slot was
    /// free. Together with [`GenKey::new`] this rebuilds a slab with known
    /// keys, e.g. from a snapshot.
    ///
    /// # Panics
    ///
    /// When storing the value would bring a dead key back, or break the
    /// key layout:
    ///
    /// * it is older than the slot's current generation;
    /// * the slot is retired;
    /// * `key.index()` is `u32::MAX - 1` or more.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::num::NonZeroU32;
    /// use memkit_slab::{GenKey, GenSlab};
    ///
    /// let mut slab = GenSlab::new();
    /// let key = GenKey::new(2, NonZeroU32::new(7).unwrap()).unwrap();
    /// assert_eq!(slab.insert_at(key, 'x'), None);
    /// assert_eq!(slab[key], 'x');
    /// assert_eq!(slab.len(), 1);
    /// ```
    pub fn insert_at(&mut self, key: GenKey, value: T) -> Option<T> {
        self.raw.insert_at(key, value)
    }

    /// The value at `key`, if `key` is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert("v");
    /// assert_eq!(slab.get(k), Some(&"v"));
    /// slab.remove(k);
    /// assert_eq!(slab.get(k), None);
    /// ```
    #[inline]
    pub fn get(&self, key: GenKey) -> Option<&T> {
        self.raw.get(key)
    }

    /// The value at `key`, mutably, if `key` is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(1);
    /// *slab.get_mut(k).unwrap() += 1;
    /// assert_eq!(slab[k], 2);
    /// ```
    #[inline]
    pub fn get_mut(&mut self, key: GenKey) -> Option<&mut T> {
        self.raw.get_mut(key)
    }

    /// The values at `N` keys, mutably, if every key is live and no key is
    /// given twice.
    ///
    /// # Errors
    ///
    /// The same [`GetDisjointMutError`] as
    /// [`Slab::get_disjoint_mut`](crate::Slab::get_disjoint_mut), checked in
    /// the same order: first
    /// [`OverlappingIndices`](GetDisjointMutError::OverlappingIndices) if a
    /// key appears twice, then, for the first key that is not live,
    /// [`IndexOutOfBounds`](GetDisjointMutError::IndexOutOfBounds) if its
    /// index lies past the last slot, else
    /// [`IndexVacant`](GetDisjointMutError::IndexVacant) (its slot is empty,
    /// or holds another generation).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_slab::{GenSlab, GetDisjointMutError};
    ///
    /// let mut slab = GenSlab::new();
    /// let a = slab.insert(1);
    /// let b = slab.insert(2);
    /// let [x, y] = slab.get_disjoint_mut([a, b]).unwrap();
    /// std::mem::swap(x, y);
    /// assert_eq!((slab[a], slab[b]), (2, 1));
    /// assert_eq!(
    ///     slab.get_disjoint_mut([a, a]).unwrap_err(),
    ///     GetDisjointMutError::OverlappingIndices
    /// );
    /// slab.remove(b);
    /// assert_eq!(slab.get_disjoint_mut([a, b]).unwrap_err(), GetDisjointMutError::IndexVacant);
    /// ```
    pub fn get_disjoint_mut<const N: usize>(
        &mut self,
        keys: [GenKey; N],
    ) -> Result<[&mut T; N], GetDisjointMutError> {
        for (i, key) in keys.iter().enumerate() {
            if keys[..i].contains(key) {
                return Err(GetDisjointMutError::OverlappingIndices);
            }
        }
        for key in &keys {
            if !self.contains(*key) {
                return Err(if key.index() as usize >= self.raw.slots().len() {
                    GetDisjointMutError::IndexOutOfBounds
                } else {
                    GetDisjointMutError::IndexVacant
                });
            }
        }
        // Every key is live and no two are equal; a live key is the only
        // key with its index, so the indices are distinct too.
        let slots = self
            .raw
            .slots_mut()
            .get_disjoint_mut(keys.map(|k| k.index() as usize))
            .map_err(|_| GetDisjointMutError::OverlappingIndices)?;
        Ok(slots.map(|slot| match slot.value_mut() {
            Some(value) => value,
            None => unreachable!("checked live above"),
        }))
    }

    /// Removes and returns the value at `key`, if `key` is live. The key is
    /// dead afterwards.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert('a');
    /// assert_eq!(slab.remove(k), Some('a'));
    /// assert_eq!(slab.remove(k), None);
    /// ```
    #[inline]
    pub fn remove(&mut self, key: GenKey) -> Option<T> {
        self.raw.remove(key)
    }

    /// Whether `key` is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(());
    /// assert!(slab.contains(k));
    /// slab.clear();
    /// assert!(!slab.contains(k));
    /// ```
    #[inline]
    pub fn contains(&self, key: GenKey) -> bool {
        self.get(key).is_some()
    }

    /// The key of the value `value` refers to, if it is a value stored in
    /// this slab; `None` for a reference to anything else. O(1): the slot
    /// follows from the reference's address.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(7);
    /// let value = &slab[k];
    /// assert_eq!(slab.key_of(value), Some(k));
    /// assert_eq!(slab.key_of(&7), None);
    /// ```
    pub fn key_of(&self, value: &T) -> Option<GenKey> {
        let slots = self.raw.slots();
        let offset = core::ptr::from_ref(value)
            .addr()
            .checked_sub(slots.as_ptr().addr())?;
        let index = offset / Self::SLOT_SIZE;
        let slot = slots.get(index)?;
        let stored = slot.value()?;
        // A reference into another slot's bytes, or to another value that
        // happens to lie inside this slot (a field of it), is not a match.
        core::ptr::eq(stored, value).then(|| key(index as u32, slot.generation()))
    }

    /// The key of the value stored in slot `index`, if the slot holds one.
    /// O(1).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert('a');
    /// assert_eq!(slab.key_at(k.index() as usize), Some(k));
    /// slab.remove(k);
    /// assert_eq!(slab.key_at(k.index() as usize), None);
    /// assert_eq!(slab.key_at(100), None);
    /// ```
    #[inline]
    pub fn key_at(&self, index: usize) -> Option<GenKey> {
        let slot = self.raw.slots().get(index)?;
        slot.is_occupied()
            .then(|| key(index as u32, slot.generation()))
    }

    /// Shrinks the capacity to the number of slots. Vacant slots stay (they
    /// keep the generations that keep removed keys dead), so the capacity
    /// ends at no less than the highest index ever used, plus one.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::with_capacity(100);
    /// let a = slab.insert(1);
    /// let b = slab.insert(2);
    /// slab.remove(a);
    /// slab.shrink_to_fit();
    /// assert!(slab.capacity() >= 2 && slab.capacity() < 100);
    /// assert!(!slab.contains(a));
    /// assert_eq!(slab[b], 2);
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.raw.shrink_to_fit();
    }

    /// Drops every value; every key is dead afterwards. Keeps the capacity.
    ///
    /// If a destructor panics, the others still run (see the
    /// [crate docs](crate#panicking-destructors)).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(1);
    /// slab.clear();
    /// let k2 = slab.insert(2);
    /// assert_eq!(slab.get(k), None);
    /// assert_eq!(slab[k2], 2);
    /// ```
    pub fn clear(&mut self) {
        self.raw.clear();
    }

    /// Keeps only the values for which `f(key, &mut value)` returns `true`,
    /// visiting them in index order.
    ///
    /// If `f` or a destructor panics, the values not yet visited stay.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let keys: Vec<_> = (0..4).map(|i| slab.insert(i)).collect();
    /// slab.retain(|_, v| *v >= 2);
    /// assert!(!slab.contains(keys[1]) && slab.contains(keys[2]));
    /// ```
    pub fn retain<F>(&mut self, mut f: F)
    where
        F: FnMut(GenKey, &mut T) -> bool,
    {
        self.raw
            .retain(|index, generation, value| f(key(index, generation), value));
    }

    /// Removes every value, yielding `(key, value)` in index order. Every
    /// key is dead afterwards. Dropping the iterator early drops the values
    /// it did not yield.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert('a');
    /// let all: Vec<_> = slab.drain().collect();
    /// assert_eq!(all, [(k, 'a')]);
    /// assert!(!slab.contains(k));
    /// ```
    pub fn drain(&mut self) -> Drain<'_, T> {
        Drain::new(&mut self.raw)
    }

    /// Iterates over `(key, &value)` in index order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert('a');
    /// assert_eq!(slab.iter().collect::<Vec<_>>(), [(k, &'a')]);
    /// ```
    pub fn iter(&self) -> Iter<'_, T> {
        Iter::new(self.raw.slots(), self.raw.len())
    }

    /// Iterates over `(key, &mut value)` in index order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::GenSlab::new();
    /// let k = slab.insert(1);
    /// for (_, v) in slab.iter_mut() {
    ///     *v *= 10;
    /// }
    /// assert_eq!(slab[k], 10);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        let len = self.raw.len();
        IterMut::new(self.raw.slots_mut(), len)
    }
}

/// The key of a stored value; `generation` is odd, hence non-zero.
#[inline]
pub(crate) fn key(index: u32, generation: u32) -> GenKey {
    match NonZeroU32::new(generation) {
        Some(generation) => match GenKey::new(index, generation) {
            Some(key) => key,
            None => unreachable!("stored values have odd generations"),
        },
        None => unreachable!("stored values have odd generations"),
    }
}

impl<T: Clone> Clone for GenSlab<T> {
    /// Clones the values and the slots' generations: every key live in
    /// `self` is live in the clone.
    fn clone(&self) -> Self {
        GenSlab {
            raw: self.raw.clone(),
        }
    }
}

impl<T> Default for GenSlab<T> {
    fn default() -> Self {
        GenSlab::new()
    }
}

impl<T> ops::Index<GenKey> for GenSlab<T> {
    type Output = T;

    #[track_caller]
    #[inline]
    fn index(&self, key: GenKey) -> &T {
        match self.get(key) {
            Some(value) => value,
            None => dead_key("index", key, self.len()),
        }
    }
}

impl<T> ops::IndexMut<GenKey> for GenSlab<T> {
    #[track_caller]
    #[inline]
    fn index_mut(&mut self, key: GenKey) -> &mut T {
        let len = self.len();
        match self.get_mut(key) {
            Some(value) => value,
            None => dead_key("index_mut", key, len),
        }
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn dead_key(op: &str, key: GenKey, len: usize) -> ! {
    panic!(
        "GenSlab::{op}: key {} generation {} is not live (len {len})",
        key.index(),
        key.generation()
    )
}

impl<T> IntoIterator for GenSlab<T> {
    type Item = (GenKey, T);
    type IntoIter = IntoIter<T>;

    fn into_iter(self) -> IntoIter<T> {
        IntoIter::new(self.raw)
    }
}

impl<'a, T> IntoIterator for &'a GenSlab<T> {
    type Item = (GenKey, &'a T);
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut GenSlab<T> {
    type Item = (GenKey, &'a mut T);
    type IntoIter = IterMut<'a, T>;

    fn into_iter(self) -> IterMut<'a, T> {
        self.iter_mut()
    }
}

/// `GenSlab { len, cap }`; with `{:#?}`, a map from key to value.
impl<T: fmt::Debug> fmt::Debug for GenSlab<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            f.debug_map().entries(self.iter()).finish()
        } else {
            f.debug_struct("GenSlab")
                .field("len", &self.len())
                .field("cap", &self.capacity())
                .finish()
        }
    }
}
