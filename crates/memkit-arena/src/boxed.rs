//! [`Box`]: an owning pointer into a [`Bump`] that runs `Drop`.

use core::any::Any;
use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::fmt;
use core::future::Future;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::Bump;
use crate::collections::Vec;
use crate::raw::RawBox;

/// An owning pointer to a value in a [`Bump`]. Unlike a plain
/// [`Bump::alloc`], dropping the `Box` drops the value (the memory itself is
/// reclaimed with the arena).
///
/// # Pinning
///
/// A pinned box ([`Box::pin_in`], or `Pin::from(box)`) keeps `Pin`'s drop
/// guarantee: the value's memory is not reused before its `Drop` runs. If
/// a pinned box is forgotten (`mem::forget`), the arena cannot run that
/// `Drop` later (the value may borrow data that is gone), so it never
/// reuses the value's memory: leaving a scope or `reset_to` then frees
/// nothing, and `reset` or dropping the `Bump` leaks the chunk that
/// holds the value, as `std` leaks a forgotten `Box`. A box of a value with drop glue
/// carries a registration for this, two words in the arena (see the
/// crate README).
///
/// Like `std`'s `Box` (and bumpalo's), it is covariant in `T`: a
/// `Box<'a, &'static str>` is a `Box<'a, &'b str>`. Stable Rust has no
/// unsizing coercion for user types, so `Box<'a, [T; N]>` becomes
/// `Box<'a, [T]>` through [`From`], and a `Box<'a, dyn Trait>` is made with
/// [`Box::into_raw`] and [`Box::from_raw`].
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, boxed::Box};
///
/// let bump = Bump::new();
/// let b = Box::new_in(String::from("dropped"), &bump);
/// assert_eq!(b.len(), 7);
/// drop(b); // the String's heap buffer is freed here
/// ```
pub struct Box<'a, T: ?Sized> {
    /// The value, owned, with its pin registry node (`raw/boxed.rs`).
    raw: RawBox<'a, T>,
}

impl<'a, T> Box<'a, T> {
    /// Moves `x` into `a`.
    ///
    /// # Panics
    ///
    /// If the arena cannot allocate.
    ///
    /// # Examples
    ///
    /// See [`Box`].
    #[inline]
    pub fn new_in(x: T, a: &'a Bump) -> Box<'a, T> {
        Box::with_node(x, a, false)
    }

    /// Moves `x` into `a`, with a pin registry node in front if it needs
    /// one, registered as `pinned`.
    ///
    /// # Panics
    ///
    /// As [`Bump::alloc`], if the arena cannot allocate.
    #[inline]
    fn with_node(x: T, a: &'a Bump, pinned: bool) -> Box<'a, T> {
        Box {
            raw: RawBox::new(a, x, pinned),
        }
    }

    /// Moves `x` into `a`, pinned.
    ///
    /// # Panics
    ///
    /// If the arena cannot allocate.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let p = memkit_arena::boxed::Box::pin_in(5, &bump);
    /// assert_eq!(*p, 5);
    /// ```
    pub fn pin_in(x: T, a: &'a Bump) -> Pin<Box<'a, T>> {
        // SAFETY: the value is never moved out of its arena slot while
        // pinned: `Box` only hands it out by reference. The slot is not
        // reused before the value is dropped: the node registered as pinned
        // makes the arena keep it if the box is forgotten (`raw/pins.rs`).
        unsafe { Pin::new_unchecked(Box::with_node(x, a, true)) }
    }

    /// Moves the value out.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::boxed::Box;
    ///
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(Box::into_inner(Box::new_in(3, &bump)), 3);
    /// ```
    pub fn into_inner(b: Box<'a, T>) -> T {
        b.raw.into_inner()
    }
}

impl<'a, T: ?Sized> Box<'a, T> {
    /// Takes ownership of a value in an arena.
    ///
    /// # Safety
    ///
    /// * `raw` points to a valid, initialised `T` in a `Bump` that lives for
    ///   `'a`, that nothing else owns or uses (for example from
    ///   [`Box::into_raw`] or `Bump::alloc`).
    /// * If the box is pinned later (`Pin::from`), the `T` has no drop glue,
    ///   or its memory is not reused before it is dropped, even if the
    ///   pinned box is forgotten: a box made here does not know its arena,
    ///   so the arena cannot keep that memory for it (see
    ///   [Pinning](Box#pinning)).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::boxed::Box;
    ///
    /// let bump = memkit_arena::Bump::new();
    /// let p = Box::into_raw(Box::new_in(1, &bump));
    /// // SAFETY: `p` came from `into_raw`.
    /// let b = unsafe { Box::from_raw(p) };
    /// assert_eq!(*b, 1);
    /// ```
    pub unsafe fn from_raw(raw: *mut T) -> Self {
        Box {
            // SAFETY: this function's own contract (above) is
            // `RawBox::from_raw`'s: a valid `T`, allocated for `'a`, that
            // nothing else owns or uses.
            raw: unsafe { RawBox::from_raw(raw) },
        }
    }

    /// Gives up ownership without dropping, returning the pointer.
    ///
    /// # Examples
    ///
    /// See [`Box::from_raw`].
    pub fn into_raw(b: Box<'a, T>) -> *mut T {
        b.raw.into_raw()
    }

    /// Gives up ownership without dropping, returning a reference that
    /// lives as long as the arena.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::boxed::Box;
    ///
    /// let bump = memkit_arena::Bump::new();
    /// let r: &mut i32 = Box::leak(Box::new_in(1, &bump));
    /// *r += 1;
    /// assert_eq!(*r, 2);
    /// ```
    pub fn leak(b: Box<'a, T>) -> &'a mut T {
        b.raw.leak()
    }
}

impl<'a> Box<'a, dyn Any> {
    /// Recovers the concrete type of a `Box<dyn Any>`, or gives the box
    /// back if the value is of another type.
    ///
    /// # Errors
    ///
    /// The box itself, unchanged, if the value is not a `T`.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::any::Any;
    /// use memkit_arena::{Bump, boxed::Box};
    ///
    /// let bump = Bump::new();
    /// let p = Box::into_raw(Box::new_in(7u32, &bump)) as *mut dyn Any;
    /// // SAFETY: `p` came from `into_raw`.
    /// let any: Box<dyn Any> = unsafe { Box::from_raw(p) };
    /// let any = any.downcast::<i64>().unwrap_err();
    /// assert_eq!(*any.downcast::<u32>().unwrap(), 7);
    /// ```
    pub fn downcast<T: Any>(self) -> Result<Box<'a, T>, Box<'a, dyn Any>> {
        self.raw
            .downcast()
            .map(|raw| Box { raw })
            .map_err(|raw| Box { raw })
    }
}

impl<'a> Box<'a, dyn Any + Send> {
    /// [`downcast`](Box::downcast) for a `Box<dyn Any + Send>`.
    ///
    /// # Errors
    ///
    /// The box itself, unchanged, if the value is not a `T`.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::any::Any;
    /// use memkit_arena::{Bump, boxed::Box};
    ///
    /// let bump = Bump::new();
    /// let p = Box::into_raw(Box::new_in('x', &bump)) as *mut (dyn Any + Send);
    /// // SAFETY: `p` came from `into_raw`.
    /// let any: Box<dyn Any + Send> = unsafe { Box::from_raw(p) };
    /// assert_eq!(*any.downcast::<char>().unwrap(), 'x');
    /// ```
    pub fn downcast<T: Any>(self) -> Result<Box<'a, T>, Box<'a, dyn Any + Send>> {
        self.raw
            .downcast()
            .map(|raw| Box { raw })
            .map_err(|raw| Box { raw })
    }
}

impl<'a, A> Box<'a, [A]> {
    /// Collects `iter` into a boxed slice in `a`.
    ///
    /// # Panics
    ///
    /// If the arena cannot allocate.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{Bump, boxed::Box};
    ///
    /// let bump = Bump::new();
    /// let b = Box::from_iter_in((1..4).map(|i| i * i), &bump);
    /// assert_eq!(&*b, &[1, 4, 9]);
    /// ```
    pub fn from_iter_in<I: IntoIterator<Item = A>>(iter: I, a: &'a Bump) -> Self {
        Vec::from_iter_in(iter, a).into_boxed_slice()
    }

    /// The elements of `v`, which stay where they are.
    ///
    /// # Panics
    ///
    /// As [`Bump::alloc`], if the arena cannot allocate the pin registry
    /// node the elements need; they are then dropped.
    pub(crate) fn from_vec(v: allocator_api2::vec::Vec<A, &'a Bump>) -> Self {
        Box {
            raw: RawBox::from_vec(v),
        }
    }
}

impl<T: ?Sized> Deref for Box<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        self.raw.get()
    }
}

impl<T: ?Sized> DerefMut for Box<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        self.raw.get_mut()
    }
}

/// An empty boxed slice; allocates nothing.
///
/// # Examples
///
/// ```
/// let b: memkit_arena::boxed::Box<[u8]> = Default::default();
/// assert!(b.is_empty());
/// ```
impl<T> Default for Box<'_, [T]> {
    fn default() -> Self {
        Box {
            raw: RawBox::<[T]>::empty(),
        }
    }
}

/// An empty boxed `str`; allocates nothing.
///
/// # Examples
///
/// ```
/// let b: memkit_arena::boxed::Box<str> = Default::default();
/// assert_eq!(&*b, "");
/// ```
impl Default for Box<'_, str> {
    fn default() -> Self {
        Box {
            raw: RawBox::<str>::empty(),
        }
    }
}

/// Pins the value where it is; allocates nothing. If the box is
/// forgotten, the arena keeps the value's memory (see
/// [Pinning](Box#pinning)).
///
/// # Examples
///
/// ```
/// use core::pin::Pin;
/// use memkit_arena::{Bump, boxed::Box};
///
/// let bump = Bump::new();
/// let p: Pin<Box<u8>> = Box::new_in(1, &bump).into();
/// assert_eq!(*p, 1);
/// ```
impl<'a, T: ?Sized> From<Box<'a, T>> for Pin<Box<'a, T>> {
    fn from(b: Box<'a, T>) -> Self {
        b.raw.pin();
        // SAFETY: the value stays in its arena slot until it is dropped:
        // `Box` hands it out only by reference, and a `Pin<Box<T>>` gives
        // `&mut T` only when `T: Unpin`. The slot is not reused before the
        // drop: the pinned node makes the arena keep it if the box is
        // forgotten; a value without a node has no drop glue or no memory,
        // or came from `from_raw`, whose contract covers this.
        unsafe { Pin::new_unchecked(b) }
    }
}

/// The same slice without its length in the type; no copy.
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, boxed::Box};
///
/// let bump = Bump::new();
/// let b: Box<[u8]> = Box::new_in([1, 2, 3], &bump).into();
/// assert_eq!(&*b, &[1, 2, 3]);
/// ```
impl<'a, T, const N: usize> From<Box<'a, [T; N]>> for Box<'a, [T]> {
    fn from(b: Box<'a, [T; N]>) -> Self {
        Box {
            raw: b.raw.into_slice(),
        }
    }
}

/// Puts the length back into the type if it is `N`; no copy.
///
/// # Errors
///
/// The boxed slice, unchanged, if its length is not `N`.
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, boxed::Box};
///
/// let bump = Bump::new();
/// let b: Box<[u8]> = Box::from_iter_in([1, 2], &bump);
/// let b = <Box<[u8; 3]>>::try_from(b).unwrap_err();
/// let a: Box<[u8; 2]> = b.try_into().unwrap();
/// assert_eq!(*a, [1, 2]);
/// ```
impl<'a, T, const N: usize> TryFrom<Box<'a, [T]>> for Box<'a, [T; N]> {
    type Error = Box<'a, [T]>;

    fn try_from(b: Box<'a, [T]>) -> Result<Self, Box<'a, [T]>> {
        b.raw
            .into_array()
            .map(|raw| Box { raw })
            .map_err(|raw| Box { raw })
    }
}

impl<T: ?Sized> AsRef<T> for Box<'_, T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: ?Sized> AsMut<T> for Box<'_, T> {
    fn as_mut(&mut self) -> &mut T {
        self
    }
}

impl<T: ?Sized> Borrow<T> for Box<'_, T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: ?Sized> BorrowMut<T> for Box<'_, T> {
    fn borrow_mut(&mut self) -> &mut T {
        self
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Box<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: ?Sized + fmt::Display> fmt::Display for Box<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// The address of the value.
impl<T: ?Sized> fmt::Pointer for Box<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&self.raw.as_ptr(), f)
    }
}

impl<'b, T: ?Sized + PartialEq> PartialEq<Box<'b, T>> for Box<'_, T> {
    fn eq(&self, other: &Box<'b, T>) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Eq> Eq for Box<'_, T> {}

impl<'b, T: ?Sized + PartialOrd> PartialOrd<Box<'b, T>> for Box<'_, T> {
    fn partial_cmp(&self, other: &Box<'b, T>) -> Option<Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Ord> Ord for Box<'_, T> {
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + Hash> Hash for Box<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

/// Forwards every method, so a boxed hasher behaves as the hasher itself.
impl<T: ?Sized + Hasher> Hasher for Box<'_, T> {
    fn finish(&self) -> u64 {
        (**self).finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        (**self).write(bytes);
    }
    fn write_u8(&mut self, i: u8) {
        (**self).write_u8(i);
    }
    fn write_u16(&mut self, i: u16) {
        (**self).write_u16(i);
    }
    fn write_u32(&mut self, i: u32) {
        (**self).write_u32(i);
    }
    fn write_u64(&mut self, i: u64) {
        (**self).write_u64(i);
    }
    fn write_u128(&mut self, i: u128) {
        (**self).write_u128(i);
    }
    fn write_usize(&mut self, i: usize) {
        (**self).write_usize(i);
    }
    fn write_i8(&mut self, i: i8) {
        (**self).write_i8(i);
    }
    fn write_i16(&mut self, i: i16) {
        (**self).write_i16(i);
    }
    fn write_i32(&mut self, i: i32) {
        (**self).write_i32(i);
    }
    fn write_i64(&mut self, i: i64) {
        (**self).write_i64(i);
    }
    fn write_i128(&mut self, i: i128) {
        (**self).write_i128(i);
    }
    fn write_isize(&mut self, i: isize) {
        (**self).write_isize(i);
    }
}

impl<I: Iterator + ?Sized> Iterator for Box<'_, I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        (**self).next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<I::Item> {
        (**self).nth(n)
    }

    fn last(self) -> Option<I::Item> {
        self.fold(None, |_, x| Some(x))
    }
}

impl<I: DoubleEndedIterator + ?Sized> DoubleEndedIterator for Box<'_, I> {
    fn next_back(&mut self) -> Option<I::Item> {
        (**self).next_back()
    }

    fn nth_back(&mut self, n: usize) -> Option<I::Item> {
        (**self).nth_back(n)
    }
}

impl<I: ExactSizeIterator + ?Sized> ExactSizeIterator for Box<'_, I> {
    fn len(&self) -> usize {
        (**self).len()
    }
}

impl<I: FusedIterator + ?Sized> FusedIterator for Box<'_, I> {}

impl<F: Future + Unpin + ?Sized> Future for Box<'_, F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        Pin::new(&mut **self).poll(cx)
    }
}

impl<T: ?Sized> Unpin for Box<'_, T> {}
