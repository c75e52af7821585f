//! [`Drain`]: the draining iterator of a [`Vec`](super::Vec).

use core::fmt;
use core::iter::FusedIterator;

use crate::Bump;

/// A draining iterator over a range of a [`Vec`](super::Vec), from
/// [`Vec::drain`](super::Vec::drain). When it drops, the elements not yet
/// yielded are dropped and the tail slides down.
///
/// Like bumpalo's, it is `Send` when `T` is and `Sync` when `T` is: it
/// moves elements inside the vector's buffer and never uses the arena.
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// let mut v = memkit_arena::vec![in &bump; 1, 2, 3, 4];
/// let mut d = v.drain(1..3);
/// assert_eq!(d.next_back(), Some(3));
/// drop(d);
/// assert_eq!(v, [1, 4]);
/// ```
// No `#[must_use]`: dropping it unused has an effect (as with `std`'s and
// bumpalo's), and `x.drain(..);` must build under `-D warnings`.
pub struct Drain<'a, 'bump, T> {
    inner: allocator_api2::vec::Drain<'a, T, &'bump Bump>,
}

impl<'a, 'bump, T> Drain<'a, 'bump, T> {
    pub(crate) fn new(inner: allocator_api2::vec::Drain<'a, T, &'bump Bump>) -> Self {
        Drain { inner }
    }

    /// The elements not yet yielded.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    /// let mut d = v.drain(..);
    /// d.next();
    /// assert_eq!(d.as_slice(), &[2, 3]);
    /// ```
    pub fn as_slice(&self) -> &[T] {
        self.inner.as_slice()
    }
}

// SAFETY: `allocator_api2`'s `Drain` reads elements out of the buffer and,
// when it drops, drops the rest and moves the tail down with `set_len` and
// a copy: it never allocates, frees or otherwise uses the `&Bump`, so
// sending it sends only the `T`s and the exclusive borrow of the vector.
unsafe impl<T: Send> Send for Drain<'_, '_, T> {}

// SAFETY: `&Drain` gives only `&[T]`.
unsafe impl<T: Sync> Sync for Drain<'_, '_, T> {}

impl<T: fmt::Debug> fmt::Debug for Drain<'_, '_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Drain").field(&self.as_slice()).finish()
    }
}

impl<T> Iterator for Drain<'_, '_, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        self.inner.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<T> DoubleEndedIterator for Drain<'_, '_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        self.inner.next_back()
    }
}

impl<T> ExactSizeIterator for Drain<'_, '_, T> {}

impl<T> FusedIterator for Drain<'_, '_, T> {}
