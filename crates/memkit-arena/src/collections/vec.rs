//! [`Vec`] in a [`Bump`], and its iterators.

use allocator_api2::vec::Vec as InnerVec;
use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::{Deref, DerefMut, Index, IndexMut, RangeBounds};
use core::slice::SliceIndex;

use super::CollectionAllocErr;
use crate::Bump;
use crate::boxed::Box;
use crate::raw;

pub use super::drain::Drain;
pub use super::into_iter::IntoIter;

/// A splicing iterator over a [`Vec`], from [`Vec::splice`].
pub type Splice<'a, 'bump, I> = allocator_api2::vec::Splice<'a, I, &'bump Bump>;

/// An iterator that removes the elements a predicate selects, from
/// [`Vec::drain_filter`].
///
/// It makes one pass over the vector, O(n) in all: kept elements slide down
/// as it goes. When it drops, the pass runs to the end, so every remaining
/// element the predicate selects is removed (and dropped) too.
///
/// If the predicate panics, the element it was looking at and every
/// element not yet visited stay in the vector, in order, after the ones
/// kept so far; the predicate is not called again. If an element's `Drop`
/// panics while the iterator drops, the elements not yet visited also stay.
/// No element is dropped twice and none is leaked. If the iterator itself
/// is leaked (`mem::forget`), the vector is left empty and its elements are
/// leaked, never exposed half-moved.
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// let mut v = memkit_arena::vec![in &bump; 1, 2, 3, 4, 5];
/// let mut it = v.drain_filter(|x| *x >= 3);
/// assert_eq!(it.next(), Some(3));
/// drop(it); // removes 4 and 5 as well
/// assert_eq!(v, [1, 2]);
/// ```
// No `#[must_use]`: dropping it unused removes the selected elements (as
// bumpalo's), and `v.drain_filter(f);` must build under `-D warnings`.
pub struct DrainFilter<'a, 'bump, T, F>
where
    F: FnMut(&mut T) -> bool,
{
    pass: raw::Compact<'a, T, &'bump Bump>,
    filter: F,
    /// Set while `filter` runs: still set when it unwound.
    in_filter: bool,
}

impl<T, F: FnMut(&mut T) -> bool> DrainFilter<'_, '_, T, F> {
    /// Runs the predicate on the next element: `Some(true)` to remove it,
    /// `None` at the end.
    fn select_next(&mut self) -> Option<bool> {
        let elem = self.pass.peek()?;
        self.in_filter = true;
        let remove = (self.filter)(elem);
        self.in_filter = false;
        Some(remove)
    }
}

impl<T, F: FnMut(&mut T) -> bool> fmt::Debug for DrainFilter<'_, '_, T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DrainFilter")
            .field("remaining", &self.pass.remaining())
            .finish_non_exhaustive()
    }
}

impl<T, F: FnMut(&mut T) -> bool> Iterator for DrainFilter<'_, '_, T, F> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        while let Some(remove) = self.select_next() {
            if remove {
                return Some(self.pass.take());
            }
            self.pass.keep();
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.pass.remaining()))
    }
}

impl<T, F: FnMut(&mut T) -> bool> core::iter::FusedIterator for DrainFilter<'_, '_, T, F> {}

impl<T, F: FnMut(&mut T) -> bool> Drop for DrainFilter<'_, '_, T, F> {
    fn drop(&mut self) {
        if self.in_filter {
            // The predicate unwound: leave the rest where it is (the pass
            // slides it down when it drops, right after this).
            return;
        }
        while let Some(remove) = self.select_next() {
            if remove {
                drop(self.pass.take());
            } else {
                self.pass.keep();
            }
        }
    }
}

/// Creates a [`Vec`] in a [`Bump`]: `vec![in &bump; 1, 2, 3]` or
/// `vec![in &bump; 0; 16]`.
///
/// # Panics
///
/// As [`Vec::with_capacity_in`] and [`Vec::resize`].
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, vec};
///
/// let bump = Bump::new();
/// let a = vec![in &bump; 1, 2, 3];
/// let b = vec![in &bump; 7u8; 2];
/// assert_eq!((a.len(), &b[..]), (3, &[7, 7][..]));
/// ```
#[macro_export]
macro_rules! vec {
    (in $bump:expr; $elem:expr; $n:expr) => {{
        let n = $n;
        let mut v = $crate::collections::Vec::with_capacity_in(n, $bump);
        if n > 0 {
            v.resize(n, $elem);
        }
        v
    }};
    (in $bump:expr) => {
        $crate::collections::Vec::new_in($bump)
    };
    (in $bump:expr; $($x:expr),* $(,)?) => {{
        let mut v = $crate::collections::Vec::new_in($bump);
        $( v.push($x); )*
        v
    }};
}

/// A growable array whose buffer lives in a [`Bump`]. Its elements are
/// dropped when it drops; its buffer is freed with the arena (or at once,
/// if it is the last allocation).
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, collections::Vec};
///
/// let bump = Bump::new();
/// let mut v = Vec::new_in(&bump);
/// v.push(1);
/// v.extend([2, 3]);
/// assert_eq!(v, [1, 2, 3]);
/// ```
pub struct Vec<'bump, T: 'bump> {
    inner: InnerVec<T, &'bump Bump>,
}

/// Panics for a failed reservation of `additional` more elements on top of
/// `len`, naming the operation and the numbers after bumpalo's phrase
/// ("capacity overflow" or "out of memory").
#[cold]
#[inline(never)]
fn grow_failed<T>(op: &str, len: usize, additional: usize, err: &CollectionAllocErr) -> ! {
    let size = core::mem::size_of::<T>();
    match err {
        CollectionAllocErr::CapacityOverflow => panic!(
            "capacity overflow: {op}: {len} + {additional} elements of {size} bytes exceed isize::MAX bytes"
        ),
        CollectionAllocErr::AllocErr => panic!(
            "out of memory: {op}: the arena could not grow the buffer to {len} + {additional} elements of {size} bytes"
        ),
    }
}

impl<'bump, T: 'bump> Vec<'bump, T> {
    /// An empty vector; allocates nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = memkit_arena::collections::Vec::<u8>::new_in(&bump);
    /// assert!(v.is_empty());
    /// ```
    #[inline]
    pub fn new_in(bump: &'bump Bump) -> Vec<'bump, T> {
        Vec {
            inner: InnerVec::new_in(bump),
        }
    }

    /// An empty vector with room for `capacity` elements.
    ///
    /// # Panics
    ///
    /// With "capacity overflow" if `capacity` elements exceed `isize::MAX`
    /// bytes, or "out of memory" if the arena cannot allocate.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = memkit_arena::collections::Vec::<u8>::with_capacity_in(10, &bump);
    /// assert!(v.capacity() >= 10);
    /// ```
    #[inline]
    pub fn with_capacity_in(capacity: usize, bump: &'bump Bump) -> Vec<'bump, T> {
        let mut v = Vec::new_in(bump);
        if let Err(e) = v.try_reserve_exact(capacity) {
            grow_failed::<T>("Vec::with_capacity_in", 0, capacity, &e);
        }
        v
    }

    /// Collects `iter` into a vector in `bump`.
    ///
    /// # Panics
    ///
    /// As [`push`](Vec::push), and if the iterator panics.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = memkit_arena::collections::Vec::from_iter_in(0..3, &bump);
    /// assert_eq!(v, [0, 1, 2]);
    /// ```
    pub fn from_iter_in<I: IntoIterator<Item = T>>(iter: I, bump: &'bump Bump) -> Vec<'bump, T> {
        let mut v = Vec::new_in(bump);
        v.extend(iter);
        v
    }

    /// Rebuilds a vector from its raw parts.
    ///
    /// # Safety
    ///
    /// * `ptr`, `length` and `capacity` come from a `Vec<'bump, T>` of the
    ///   same `bump` that was forgotten, with `length <= capacity` and the
    ///   first `length` elements initialised.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::mem::ManuallyDrop;
    /// use memkit_arena::{Bump, collections::Vec};
    ///
    /// let bump = Bump::new();
    /// let mut v = ManuallyDrop::new(Vec::from_iter_in([1, 2], &bump));
    /// // SAFETY: the parts of a forgotten vector of `bump`.
    /// let w = unsafe { Vec::from_raw_parts_in(v.as_mut_ptr(), v.len(), v.capacity(), &bump) };
    /// assert_eq!(w, [1, 2]);
    /// ```
    pub unsafe fn from_raw_parts_in(
        ptr: *mut T,
        length: usize,
        capacity: usize,
        bump: &'bump Bump,
    ) -> Vec<'bump, T> {
        Vec {
            // SAFETY: the parts come from a forgotten `Vec<'bump, T>` of
            // `bump` (this function's `# Safety`), so from an
            // `allocator_api2` vector with allocator `bump`: what
            // `from_raw_parts_in` asks.
            inner: unsafe { InnerVec::from_raw_parts_in(ptr, length, capacity, bump) },
        }
    }

    /// The arena this vector lives in.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = memkit_arena::collections::Vec::<u8>::new_in(&bump);
    /// assert!(core::ptr::eq(v.bump(), &bump));
    /// ```
    pub fn bump(&self) -> &'bump Bump {
        self.inner.allocator()
    }

    /// Elements the buffer can hold without growing.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = memkit_arena::collections::Vec::<u32>::with_capacity_in(4, &bump);
    /// assert!(v.capacity() >= 4);
    /// ```
    #[inline]
    pub fn capacity(&self) -> usize {
        self.inner.capacity()
    }

    /// Reserves room for `additional` more elements (amortised growth).
    ///
    /// # Panics
    ///
    /// With "capacity overflow" if `len + additional` elements exceed
    /// `isize::MAX` bytes, or "out of memory" if the arena cannot allocate;
    /// the message gives both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::<u8>::new_in(&bump);
    /// v.reserve(10);
    /// assert!(v.capacity() >= 10);
    /// ```
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        if let Err(e) = self.try_reserve(additional) {
            grow_failed::<T>("Vec::reserve", self.len(), additional, &e);
        }
    }

    /// Reserves room for exactly `additional` more elements. When the buffer
    /// is the arena's last allocation this grows in place, so calling it
    /// before every push stays O(1).
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::<u8>::new_in(&bump);
    /// v.reserve_exact(3);
    /// assert!(v.capacity() >= 3);
    /// ```
    #[inline]
    pub fn reserve_exact(&mut self, additional: usize) {
        if let Err(e) = self.try_reserve_exact(additional) {
            grow_failed::<T>("Vec::reserve_exact", self.len(), additional, &e);
        }
    }

    /// Makes room for one more element, or panics naming `op`.
    #[inline]
    fn reserve_one(&mut self, op: &str) {
        if self.inner.len() == self.inner.capacity() {
            self.grow_one(op);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow_one(&mut self, op: &str) {
        if let Err(e) = self.try_reserve(1) {
            grow_failed::<T>(op, self.len(), 1, &e);
        }
    }

    /// [`reserve`](Vec::reserve), fallibly.
    ///
    /// # Errors
    ///
    /// [`CollectionAllocErr`] on overflow or allocation failure.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::<u8>::new_in(&bump);
    /// assert!(v.try_reserve(8).is_ok());
    /// ```
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), CollectionAllocErr> {
        self.inner.try_reserve(additional).map_err(Into::into)
    }

    /// [`reserve_exact`](Vec::reserve_exact), fallibly.
    ///
    /// # Errors
    ///
    /// [`CollectionAllocErr`] on overflow or allocation failure.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::<u8>::new_in(&bump);
    /// assert!(v.try_reserve_exact(8).is_ok());
    /// ```
    pub fn try_reserve_exact(&mut self, additional: usize) -> Result<(), CollectionAllocErr> {
        self.inner.try_reserve_exact(additional).map_err(Into::into)
    }

    /// Shrinks the capacity to the length (in place).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::<u8>::with_capacity_in(10, &bump);
    /// v.push(1);
    /// v.shrink_to_fit();
    /// assert_eq!(v.capacity(), 1);
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.inner.shrink_to_fit();
    }

    /// Turns the vector into a boxed slice in the same arena. If `T` has
    /// drop glue, the box gets its pin registration (16 bytes in the arena,
    /// see [`Box`]'s Pinning section).
    ///
    /// # Panics
    ///
    /// If `T` has drop glue, the vector is not empty and the arena cannot
    /// allocate the registration.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let b = memkit_arena::collections::Vec::from_iter_in([1, 2], &bump).into_boxed_slice();
    /// assert_eq!(&*b, &[1, 2]);
    /// ```
    pub fn into_boxed_slice(self) -> Box<'bump, [T]> {
        Box::from_vec(self.inner)
    }

    /// Leaves the elements in the arena and returns them as a slice that
    /// lives as long as the arena. They are never dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s: &[u8] = memkit_arena::vec![in &bump; 1, 2].into_bump_slice();
    /// assert_eq!(s, &[1, 2]);
    /// ```
    pub fn into_bump_slice(self) -> &'bump [T] {
        self.into_bump_slice_mut()
    }

    /// [`into_bump_slice`](Vec::into_bump_slice), mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::vec![in &bump; 1, 2].into_bump_slice_mut();
    /// s[0] = 9;
    /// assert_eq!(s, &[9, 2]);
    /// ```
    pub fn into_bump_slice_mut(self) -> &'bump mut [T] {
        self.inner.leak()
    }

    /// Keeps the first `len` elements, dropping the rest.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    /// v.truncate(1);
    /// assert_eq!(v, [1]);
    /// ```
    pub fn truncate(&mut self, len: usize) {
        self.inner.truncate(len);
    }

    /// The elements as a slice.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::vec![in &bump; 1].as_slice(), &[1]);
    /// ```
    pub fn as_slice(&self) -> &[T] {
        &self.inner
    }

    /// The elements as a mutable slice.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1];
    /// v.as_mut_slice()[0] = 2;
    /// assert_eq!(v, [2]);
    /// ```
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.inner
    }

    /// A pointer to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = memkit_arena::vec![in &bump; 1u8];
    /// assert!(!v.as_ptr().is_null());
    /// ```
    pub fn as_ptr(&self) -> *const T {
        self.inner.as_ptr()
    }

    /// A mutable pointer to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1u8];
    /// assert!(!v.as_mut_ptr().is_null());
    /// ```
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.inner.as_mut_ptr()
    }

    /// Sets the length.
    ///
    /// # Safety
    ///
    /// * `new_len <= capacity()`, and the first `new_len` elements are
    ///   initialised.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2];
    /// // SAFETY: shrinking keeps initialised elements (u8 has no Drop).
    /// unsafe { v.set_len(1) };
    /// assert_eq!(v, [1]);
    /// ```
    pub unsafe fn set_len(&mut self, new_len: usize) {
        // SAFETY: `new_len <= capacity()` and the first `new_len` elements
        // are initialised (this function's `# Safety`), which is all the
        // inner vector's `set_len` asks.
        unsafe { self.inner.set_len(new_len) }
    }

    /// Removes element `index`, replacing it with the last.
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    /// assert_eq!(v.swap_remove(0), 1);
    /// assert_eq!(v, [3, 2]);
    /// ```
    pub fn swap_remove(&mut self, index: usize) -> T {
        if index >= self.len() {
            index_out_of_bounds("Vec::swap_remove", index, self.len());
        }
        self.inner.swap_remove(index)
    }

    /// Inserts `element` at `index`.
    ///
    /// # Panics
    ///
    /// If `index > len`, and as [`push`](Vec::push).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 3];
    /// v.insert(1, 2);
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    pub fn insert(&mut self, index: usize, element: T) {
        let len = self.len();
        if index > len {
            insert_out_of_bounds(index, len);
        }
        self.reserve_one("Vec::insert");
        self.inner.insert(index, element);
    }

    /// Removes and returns element `index`.
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2];
    /// assert_eq!(v.remove(0), 1);
    /// ```
    pub fn remove(&mut self, index: usize) -> T {
        if index >= self.len() {
            index_out_of_bounds("Vec::remove", index, self.len());
        }
        self.inner.remove(index)
    }

    /// Keeps the elements for which `f` is true.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3, 4];
    /// v.retain(|x| x % 2 == 0);
    /// assert_eq!(v, [2, 4]);
    /// ```
    pub fn retain<F: FnMut(&T) -> bool>(&mut self, f: F) {
        self.inner.retain(f);
    }

    /// Keeps the elements for which `f` is true, with mutable access.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2];
    /// v.retain_mut(|x| { *x += 1; *x > 2 });
    /// assert_eq!(v, [3]);
    /// ```
    pub fn retain_mut<F: FnMut(&mut T) -> bool>(&mut self, f: F) {
        self.inner.retain_mut(f);
    }

    /// Removes consecutive elements with equal keys.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 10, 11, 20];
    /// v.dedup_by_key(|x| *x / 10);
    /// assert_eq!(v, [10, 20]);
    /// ```
    pub fn dedup_by_key<F: FnMut(&mut T) -> K, K: PartialEq>(&mut self, key: F) {
        self.inner.dedup_by_key(key);
    }

    /// Removes consecutive elements that `same_bucket` says are equal.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 1, 2];
    /// v.dedup_by(|a, b| a == b);
    /// assert_eq!(v, [1, 2]);
    /// ```
    pub fn dedup_by<F: FnMut(&mut T, &mut T) -> bool>(&mut self, same_bucket: F) {
        self.inner.dedup_by(same_bucket);
    }

    /// Appends `value`.
    ///
    /// # Panics
    ///
    /// With "capacity overflow" if the length would pass `isize::MAX`
    /// bytes, or "out of memory" if the arena cannot grow the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::new_in(&bump);
    /// v.push(1);
    /// assert_eq!(v, [1]);
    /// ```
    #[inline]
    pub fn push(&mut self, value: T) {
        if let Err(value) = self.inner.push_within_capacity(value) {
            self.push_slow(value);
        }
    }

    /// [`push`](Vec::push) into a full buffer.
    #[cold]
    #[inline(never)]
    fn push_slow(&mut self, value: T) {
        self.grow_one("Vec::push");
        self.inner.push(value);
    }

    /// Removes the last element.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1];
    /// assert_eq!(v.pop(), Some(1));
    /// assert_eq!(v.pop(), None);
    /// ```
    #[inline]
    pub fn pop(&mut self) -> Option<T> {
        self.inner.pop()
    }

    /// Removes the last element if `predicate` accepts it.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2];
    /// assert_eq!(v.pop_if(|x| *x == 1), None);
    /// assert_eq!(v.pop_if(|x| *x == 2), Some(2));
    /// ```
    pub fn pop_if(&mut self, predicate: impl FnOnce(&mut T) -> bool) -> Option<T> {
        let last = self.inner.last_mut()?;
        if predicate(last) {
            self.inner.pop()
        } else {
            None
        }
    }

    /// Moves every element of `other` to the end of `self`.
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut a = memkit_arena::vec![in &bump; 1];
    /// let mut b = memkit_arena::vec![in &bump; 2];
    /// a.append(&mut b);
    /// assert_eq!((a.len(), b.len()), (2, 0));
    /// ```
    pub fn append(&mut self, other: &mut Self) {
        if let Err(e) = self.try_reserve(other.len()) {
            grow_failed::<T>("Vec::append", self.len(), other.len(), &e);
        }
        self.inner.append(&mut other.inner);
    }

    /// Removes the elements in `range` and iterates over them.
    ///
    /// # Panics
    ///
    /// If the range is out of bounds.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    /// assert_eq!(v.drain(1..).sum::<i32>(), 5);
    /// assert_eq!(v, [1]);
    /// ```
    pub fn drain<R: RangeBounds<usize>>(&mut self, range: R) -> Drain<'_, 'bump, T> {
        Drain::new(self.inner.drain(range))
    }

    /// Replaces the elements in `range` with `replace_with`, returning the
    /// removed ones.
    ///
    /// # Panics
    ///
    /// If the range is out of bounds.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    /// let old: std::vec::Vec<_> = v.splice(1..2, [7, 8]).collect();
    /// assert_eq!((old, v), (vec![2], memkit_arena::vec![in &bump; 1, 7, 8, 3]));
    /// ```
    pub fn splice<R, I>(&mut self, range: R, replace_with: I) -> Splice<'_, 'bump, I::IntoIter>
    where
        R: RangeBounds<usize>,
        I: IntoIterator<Item = T>,
    {
        self.inner.splice(range, replace_with)
    }

    /// Removes and yields the elements for which `filter` is true, keeping
    /// the order of the others. One pass, O(n) in all; dropping the
    /// iterator early still removes every selected element. See
    /// [`DrainFilter`] for what happens when `filter` or a `Drop` panics.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3, 4];
    /// let even: std::vec::Vec<_> = v.drain_filter(|x| *x % 2 == 0).collect();
    /// assert_eq!((even, &v[..]), (vec![2, 4], &[1, 3][..]));
    /// ```
    pub fn drain_filter<'a, F>(&'a mut self, filter: F) -> DrainFilter<'a, 'bump, T, F>
    where
        F: FnMut(&mut T) -> bool,
    {
        DrainFilter {
            pass: raw::Compact::new(&mut self.inner),
            filter,
            in_filter: false,
        }
    }

    /// Drops every element.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1];
    /// v.clear();
    /// assert!(v.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.inner.clear();
    }

    /// The number of elements.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::vec![in &bump; 1, 2].len(), 2);
    /// ```
    #[inline]
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    /// Whether there are no elements.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert!(memkit_arena::collections::Vec::<u8>::new_in(&bump).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// Splits off the elements from `at` into a new vector in the same
    /// arena.
    ///
    /// # Panics
    ///
    /// If `at > len` ("`at` out of bounds", as bumpalo), and as
    /// [`with_capacity_in`](Vec::with_capacity_in).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    /// assert_eq!(v.split_off(1), [2, 3]);
    /// ```
    pub fn split_off(&mut self, at: usize) -> Self {
        let len = self.len();
        if at > len {
            split_off_out_of_bounds(at, len);
        }
        let mut other = Vec::new_in(self.bump());
        if let Err(e) = other.try_reserve_exact(len - at) {
            grow_failed::<T>("Vec::split_off", 0, len - at, &e);
        }
        other.inner.extend(self.inner.drain(at..));
        other
    }

    /// Resizes to `new_len`, filling with values made by `f`.
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve), and if `f` panics.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::new_in(&bump);
    /// v.resize_with(2, || 5);
    /// assert_eq!(v, [5, 5]);
    /// ```
    pub fn resize_with<F: FnMut() -> T>(&mut self, new_len: usize, f: F) {
        self.reserve_to("Vec::resize_with", new_len);
        self.inner.resize_with(new_len, f);
    }

    /// Makes room for `new_len` elements in all, or panics naming `op`.
    fn reserve_to(&mut self, op: &str, new_len: usize) {
        let additional = new_len.saturating_sub(self.len());
        if let Err(e) = self.try_reserve(additional) {
            grow_failed::<T>(op, self.len(), additional, &e);
        }
    }
}

impl<'bump, T: 'bump + Clone> Vec<'bump, T> {
    /// Resizes to `new_len`, filling with clones of `value`.
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve), and if `clone` panics.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::new_in(&bump);
    /// v.resize(2, 'x');
    /// assert_eq!(v, ['x', 'x']);
    /// ```
    pub fn resize(&mut self, new_len: usize, value: T) {
        self.reserve_to("Vec::resize", new_len);
        self.inner.resize(new_len, value);
    }

    /// Appends clones of `other`'s elements.
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve), and if `clone` panics.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::new_in(&bump);
    /// v.extend_from_slice(&[1, 2]);
    /// assert_eq!(v, [1, 2]);
    /// ```
    pub fn extend_from_slice(&mut self, other: &[T]) {
        if let Err(e) = self.try_reserve(other.len()) {
            grow_failed::<T>("Vec::extend_from_slice", self.len(), other.len(), &e);
        }
        self.inner.extend_from_slice(other);
    }
}

impl<'bump, T: 'bump + Copy> Vec<'bump, T> {
    /// Appends copies of `other`'s elements.
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::new_in(&bump);
    /// v.extend_from_slice_copy(b"ab");
    /// assert_eq!(v, *b"ab");
    /// ```
    #[inline]
    pub fn extend_from_slice_copy(&mut self, other: &[T]) {
        if let Err(e) = self.try_reserve(other.len()) {
            grow_failed::<T>("Vec::extend_from_slice_copy", self.len(), other.len(), &e);
        }
        raw::extend_copy(&mut self.inner, other);
    }

    /// Appends copies of the elements of every slice, reserving once.
    ///
    /// # Panics
    ///
    /// As [`reserve`](Vec::reserve), also when the slices' lengths add up
    /// past `usize::MAX`.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::collections::Vec::new_in(&bump);
    /// v.extend_from_slices_copy(&[b"ab", b"c"]);
    /// assert_eq!(v, *b"abc");
    /// ```
    pub fn extend_from_slices_copy(&mut self, slices: &[&[T]]) {
        let total = slices
            .iter()
            .try_fold(0usize, |n, s| n.checked_add(s.len()))
            .unwrap_or(usize::MAX);
        if let Err(e) = self.try_reserve(total) {
            grow_failed::<T>("Vec::extend_from_slices_copy", self.len(), total, &e);
        }
        for s in slices {
            self.inner.extend_from_slice(s);
        }
    }
}

impl<'bump, T: 'bump + PartialEq> Vec<'bump, T> {
    /// Removes consecutive equal elements.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 1, 2, 1];
    /// v.dedup();
    /// assert_eq!(v, [1, 2, 1]);
    /// ```
    pub fn dedup(&mut self) {
        self.inner.dedup();
    }
}

impl<'bump, T: 'bump> Deref for Vec<'bump, T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        &self.inner
    }
}

impl<'bump, T: 'bump> DerefMut for Vec<'bump, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.inner
    }
}

impl<'bump, T: 'bump, I: SliceIndex<[T]>> Index<I> for Vec<'bump, T> {
    type Output = I::Output;

    fn index(&self, index: I) -> &I::Output {
        &self.inner[index]
    }
}

impl<'bump, T: 'bump, I: SliceIndex<[T]>> IndexMut<I> for Vec<'bump, T> {
    fn index_mut(&mut self, index: I) -> &mut I::Output {
        &mut self.inner[index]
    }
}

/// # Panics
///
/// As [`Vec::with_capacity_in`], and if `clone` panics.
impl<'bump, T: 'bump + Clone> Clone for Vec<'bump, T> {
    fn clone(&self) -> Self {
        let mut v = Vec::new_in(self.bump());
        if let Err(e) = v.try_reserve_exact(self.len()) {
            grow_failed::<T>("Vec::clone", 0, self.len(), &e);
        }
        v.inner.extend_from_slice(self);
        v
    }
}

impl<'bump, T: 'bump + fmt::Debug> fmt::Debug for Vec<'bump, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<'bump, T: 'bump + Hash> Hash for Vec<'bump, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<'a, 'b, A: PartialEq<B>, B> PartialEq<Vec<'b, B>> for Vec<'a, A> {
    fn eq(&self, other: &Vec<'b, B>) -> bool {
        self[..] == other[..]
    }
}

impl<'a, A: PartialEq<B>, B> PartialEq<[B]> for Vec<'a, A> {
    fn eq(&self, other: &[B]) -> bool {
        self[..] == other[..]
    }
}

impl<'a, A: PartialEq<B>, B> PartialEq<&[B]> for Vec<'a, A> {
    fn eq(&self, other: &&[B]) -> bool {
        self[..] == other[..]
    }
}

impl<'a, A: PartialEq<B>, B> PartialEq<&mut [B]> for Vec<'a, A> {
    fn eq(&self, other: &&mut [B]) -> bool {
        self[..] == other[..]
    }
}

impl<'a, A: PartialEq<B>, B, const N: usize> PartialEq<[B; N]> for Vec<'a, A> {
    fn eq(&self, other: &[B; N]) -> bool {
        self[..] == other[..]
    }
}

impl<'a, A: PartialEq<B>, B, const N: usize> PartialEq<&[B; N]> for Vec<'a, A> {
    fn eq(&self, other: &&[B; N]) -> bool {
        self[..] == other[..]
    }
}

impl<'a, A: PartialEq<B>, B, const N: usize> PartialEq<&mut [B; N]> for Vec<'a, A> {
    fn eq(&self, other: &&mut [B; N]) -> bool {
        self[..] == other[..]
    }
}

impl<'bump, T: 'bump + Eq> Eq for Vec<'bump, T> {}

impl<'bump, T: 'bump + PartialOrd> PartialOrd for Vec<'bump, T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<'bump, T: 'bump + Ord> Ord for Vec<'bump, T> {
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

/// # Panics
///
/// As [`Vec::push`], and if the iterator panics.
impl<'bump, T: 'bump> Extend<T> for Vec<'bump, T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        let (lower, _) = iter.size_hint();
        if let Err(e) = self.try_reserve(lower) {
            grow_failed::<T>("Vec::extend", self.len(), lower, &e);
        }
        for x in iter {
            self.push(x);
        }
    }
}

/// # Panics
///
/// As [`Vec::push`], and if the iterator panics.
impl<'a, 'bump, T: 'bump + Copy + 'a> Extend<&'a T> for Vec<'bump, T> {
    fn extend<I: IntoIterator<Item = &'a T>>(&mut self, iter: I) {
        self.extend(iter.into_iter().copied());
    }
}

impl<'bump, T: 'bump> IntoIterator for Vec<'bump, T> {
    type Item = T;
    type IntoIter = IntoIter<'bump, T>;

    fn into_iter(self) -> IntoIter<'bump, T> {
        IntoIter::new(self.inner.into_iter())
    }
}

impl<'a, 'bump, T: 'bump> IntoIterator for &'a Vec<'bump, T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<'a, 'bump, T: 'bump> IntoIterator for &'a mut Vec<'bump, T> {
    type Item = &'a mut T;
    type IntoIter = core::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter_mut()
    }
}

impl<'bump, T: 'bump> AsRef<[T]> for Vec<'bump, T> {
    fn as_ref(&self) -> &[T] {
        self
    }
}

impl<'bump, T: 'bump> AsMut<[T]> for Vec<'bump, T> {
    fn as_mut(&mut self) -> &mut [T] {
        self
    }
}

impl<'bump, T: 'bump> AsRef<Vec<'bump, T>> for Vec<'bump, T> {
    fn as_ref(&self) -> &Vec<'bump, T> {
        self
    }
}

impl<'bump, T: 'bump> AsMut<Vec<'bump, T>> for Vec<'bump, T> {
    fn as_mut(&mut self) -> &mut Vec<'bump, T> {
        self
    }
}

/// The same as [`Vec::into_boxed_slice`].
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, boxed::Box, vec};
///
/// let bump = Bump::new();
/// let b: Box<[u8]> = vec![in &bump; 1, 2].into();
/// assert_eq!(&*b, &[1, 2]);
/// ```
impl<'bump, T: 'bump> From<Vec<'bump, T>> for Box<'bump, [T]> {
    fn from(v: Vec<'bump, T>) -> Self {
        v.into_boxed_slice()
    }
}

impl<'bump, T: 'bump> Borrow<[T]> for Vec<'bump, T> {
    fn borrow(&self) -> &[T] {
        self
    }
}

impl<'bump, T: 'bump> BorrowMut<[T]> for Vec<'bump, T> {
    fn borrow_mut(&mut self) -> &mut [T] {
        self
    }
}

#[cfg(feature = "std")]
impl<'bump> std::io::Write for Vec<'bump, u8> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.extend_from_slice_copy(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cold]
#[inline(never)]
fn insert_out_of_bounds(index: usize, len: usize) -> ! {
    panic!("assertion failed: index <= len (Vec::insert: index {index}, len {len})")
}

#[cold]
#[inline(never)]
fn index_out_of_bounds(op: &str, index: usize, len: usize) -> ! {
    panic!("assertion failed: index < len ({op}: index {index}, len {len})")
}

#[cold]
#[inline(never)]
fn split_off_out_of_bounds(at: usize, len: usize) -> ! {
    panic!("`at` out of bounds: Vec::split_off at {at}, len {len}")
}
