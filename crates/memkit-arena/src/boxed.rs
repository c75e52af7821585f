//! [`Box`]: an owning pointer into a [`Bump`] that runs `Drop`.

use core::any::Any;
use core::borrow::{Borrow, BorrowMut};
use core::cmp::Ordering;
use core::fmt;
use core::future::Future;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::ptr::{self, NonNull};
use core::task::{Context, Poll};

use crate::Bump;
use crate::collections::Vec;
use crate::raw;

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
    /// Points to a valid `T` in an arena that lives for `'a`. The box owns
    /// that value: nothing else reads, writes or drops it while the box
    /// lives, and the box drops it exactly once.
    ptr: NonNull<T>,
    /// The box's node on its arena's pin registry, if the value has drop
    /// glue and takes memory (`raw/pins.rs`). Lives as long as the value.
    node: Option<NonNull<raw::PinNode>>,
    /// Covariant in `'a` and `T`, as an owning `&'a T` would be.
    _arena: PhantomData<&'a T>,
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
    #[inline]
    fn with_node(x: T, a: &'a Bump, pinned: bool) -> Box<'a, T> {
        if !raw::needs_node(&x) {
            return Box::from_mut(a.alloc(x));
        }
        let raw = a.raw();
        let slot = a.alloc(raw::WithNode {
            node: raw::PinNode::new(raw.pins_head(), pinned),
            value: x,
        });
        let raw::WithNode { node, value } = slot;
        let node = NonNull::from(node);
        raw.register(node);
        Box {
            ptr: NonNull::from(value),
            node: Some(node),
            _arena: PhantomData,
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
        let r: &'a mut T = Box::leak(b);
        // SAFETY: the box is leaked, so the value is read exactly once and
        // never dropped in place.
        unsafe { raw::take(r) }
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
        // SAFETY: the caller's contract: a valid, unused `T` for `'a`.
        Box::from_mut(unsafe { raw::from_raw(raw) })
    }

    /// Gives up ownership without dropping, returning the pointer.
    ///
    /// # Examples
    ///
    /// See [`Box::from_raw`].
    pub fn into_raw(b: Box<'a, T>) -> *mut T {
        let b = ManuallyDrop::new(b);
        b.unpin();
        b.ptr.as_ptr()
    }

    /// Marks the value as no longer pinned: it is about to be dropped,
    /// moved out or handed over.
    #[inline]
    fn unpin(&self) {
        if let Some(node) = self.node {
            // SAFETY: the node is this box's and lives as long as the value.
            unsafe { raw::set_pinned(node, false) }
        }
    }

    /// The same box with its pointer changed by `f`, keeping its node.
    ///
    /// # Safety
    ///
    /// * `f` returns a pointer to the same value, as a `U` (a cast or a
    ///   change of pointer metadata that `U` allows).
    unsafe fn map_ptr<U: ?Sized>(b: Box<'a, T>, f: impl FnOnce(*mut T) -> *mut U) -> Box<'a, U> {
        let b = ManuallyDrop::new(b);
        let p = f(b.ptr.as_ptr());
        Box {
            // SAFETY: `p` points to the same value as `b.ptr` (the
            // caller), which is non-null.
            ptr: unsafe { NonNull::new_unchecked(p) },
            node: b.node,
            _arena: PhantomData,
        }
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
        let p = Box::into_raw(b);
        // SAFETY: the box owned the value for `'a` and was forgotten by
        // `into_raw`, so this reference is now the only way to it.
        unsafe { raw::from_raw(p) }
    }

    /// Wraps an exclusive reference that owns its value, with no node: the
    /// value has no drop glue, takes no memory, or the caller registers
    /// one with [`Box::register`].
    pub(crate) fn from_mut(r: &'a mut T) -> Self {
        Box {
            ptr: NonNull::from(r),
            node: None,
            _arena: PhantomData,
        }
    }

    /// Gives a node-less box in `a` a pin registry node if its value
    /// needs one.
    pub(crate) fn register(mut b: Box<'a, T>, a: &'a Bump) -> Self {
        if b.node.is_some() || !raw::needs_node::<T>(&b) {
            return b;
        }
        let raw = a.raw();
        let value = b.ptr.cast::<u8>();
        // The pointer to the whole `SideNode` is the node's pointer, so the
        // arena can read the value's address through it.
        let node = NonNull::from(a.alloc(raw::SideNode::new(raw.pins_head(), value)));
        let node = node.cast::<raw::PinNode>();
        raw.register(node);
        b.node = Some(node);
        b
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
        if self.is::<T>() {
            // SAFETY: `is::<T>()` proved the value is a `T`.
            Ok(unsafe { Box::map_ptr(self, |p| p.cast::<T>()) })
        } else {
            Err(self)
        }
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
        if self.is::<T>() {
            // SAFETY: `is::<T>()` proved the value is a `T`.
            Ok(unsafe { Box::map_ptr(self, |p| p.cast::<T>()) })
        } else {
            Err(self)
        }
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
}

impl<T: ?Sized> Drop for Box<'_, T> {
    fn drop(&mut self) {
        // The drop runs now (even if it panics), which is all `Pin` asks.
        self.unpin();
        // SAFETY: the box owns the value and is being dropped; nothing uses
        // it afterwards.
        unsafe { raw::drop_value(&mut **self) }
    }
}

impl<T: ?Sized> Deref for Box<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: `ptr` points to a valid `T` owned by the box; `&self`
        // rules out a live `&mut` to it.
        unsafe { raw::from_raw_ref(self.ptr.as_ptr()) }
    }
}

impl<T: ?Sized> DerefMut for Box<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: `ptr` points to a valid `T` owned by the box; `&mut self`
        // rules out any other reference to it.
        unsafe { raw::from_raw(self.ptr.as_ptr()) }
    }
}

// SAFETY: the box owns its `T` as `std`'s `Box` does. It never touches the
// arena's state: its `Drop` drops the value in place and writes only its own
// pin node, which the arena reads only after the box's borrow of it has
// ended (`raw/pins.rs`, invariant 2). So sending it sends only the `T`.
unsafe impl<T: ?Sized + Send> Send for Box<'_, T> {}

// SAFETY: `&Box<T>` gives only `&T`.
unsafe impl<T: ?Sized + Sync> Sync for Box<'_, T> {}

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
        let empty: &mut [T] = &mut [];
        Box::from_mut(empty)
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
        let empty: &mut str = Default::default();
        Box::from_mut(empty)
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
        if let Some(node) = b.node {
            // SAFETY: the node is this box's and lives as long as the value.
            unsafe { raw::set_pinned(node, true) }
        }
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
        // SAFETY: an array of `N` `T`s is a slice of `N` `T`s at the same
        // address.
        unsafe { Box::map_ptr(b, |p| ptr::slice_from_raw_parts_mut(p.cast::<T>(), N)) }
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
        if b.len() != N {
            return Err(b);
        }
        // SAFETY: the slice holds exactly `N` `T`s (checked), which is an
        // array `[T; N]` at the same address.
        Ok(unsafe { Box::map_ptr(b, |p| p.cast::<[T; N]>()) })
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
        fmt::Pointer::fmt(&self.ptr, f)
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
