//! [`Box`]: an owning pointer into a [`Bump`] that runs `Drop`.

use core::fmt;
use core::mem::ManuallyDrop;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;

use crate::Bump;
use crate::raw;

/// An owning pointer to a value in a [`Bump`]. Unlike a plain
/// [`Bump::alloc`], dropping the `Box` drops the value (the memory itself is
/// reclaimed with the arena).
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
pub struct Box<'a, T: ?Sized>(&'a mut T);

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
        Box(a.alloc(x))
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
        // pinned: `Box` only hands it out by reference, and the slot stays
        // valid for 'a.
        unsafe { Pin::new_unchecked(Box::new_in(x, a)) }
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
        // SAFETY: the caller's contract.
        Box(unsafe { raw::from_raw(raw) })
    }

    /// Gives up ownership without dropping, returning the pointer.
    ///
    /// # Examples
    ///
    /// See [`Box::from_raw`].
    pub fn into_raw(b: Box<'a, T>) -> *mut T {
        Box::leak(b)
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
        let mut b = ManuallyDrop::new(b);
        let p: *mut T = &raw mut *b.0;
        // SAFETY: the box is forgotten; its exclusive reference is handed
        // on unchanged.
        unsafe { raw::from_raw(p) }
    }

    /// Wraps an exclusive reference that owns its value.
    pub(crate) fn from_mut(r: &'a mut T) -> Self {
        Box(r)
    }
}

impl<T: ?Sized> Drop for Box<'_, T> {
    fn drop(&mut self) {
        // SAFETY: the box owns the value and is being dropped; nothing uses
        // it afterwards.
        unsafe { raw::drop_value(self.0) }
    }
}

impl<T: ?Sized> Deref for Box<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0
    }
}

impl<T: ?Sized> DerefMut for Box<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.0
    }
}

impl<T: ?Sized> AsRef<T> for Box<'_, T> {
    fn as_ref(&self) -> &T {
        self.0
    }
}

impl<T: ?Sized> AsMut<T> for Box<'_, T> {
    fn as_mut(&mut self) -> &mut T {
        self.0
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

impl<T: ?Sized + PartialEq> PartialEq for Box<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Eq> Eq for Box<'_, T> {}

impl<T: ?Sized + core::hash::Hash> core::hash::Hash for Box<'_, T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl<I: Iterator + ?Sized> Iterator for Box<'_, I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        (**self).next()
    }
}

impl<T: ?Sized> Unpin for Box<'_, T> {}
