//! [`IntoIter`]: the owning iterator of a [`Vec`](super::Vec).

use core::fmt;
use core::iter::FusedIterator;
use core::mem::ManuallyDrop;

use crate::Bump;

/// The owning iterator of a [`Vec`](super::Vec), from `into_iter`.
///
/// Like bumpalo's, it is `Send` when `T` is and `Sync` when `T` is: it never
/// uses the arena. When it drops, it drops the elements not yet yielded and
/// leaves the buffer to the arena, which frees it with everything else.
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// let mut it = memkit_arena::vec![in &bump; 'a', 'b', 'c'].into_iter();
/// assert_eq!(it.next(), Some('a'));
/// assert_eq!(it.as_slice(), &['b', 'c']);
/// ```
#[must_use = "iterators are lazy"]
pub struct IntoIter<'bump, T> {
    /// Never dropped: its `Drop` would give the buffer back through the
    /// `&Bump`, possibly from another thread. Only its elements are used.
    inner: ManuallyDrop<allocator_api2::vec::IntoIter<T, &'bump Bump>>,
}

impl<'bump, T> IntoIter<'bump, T> {
    pub(crate) fn new(inner: allocator_api2::vec::IntoIter<T, &'bump Bump>) -> Self {
        IntoIter {
            inner: ManuallyDrop::new(inner),
        }
    }

    /// The elements not yet yielded.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut it = memkit_arena::vec![in &bump; 1, 2].into_iter();
    /// it.next_back();
    /// assert_eq!(it.as_slice(), &[1]);
    /// ```
    pub fn as_slice(&self) -> &[T] {
        self.inner.as_slice()
    }

    /// The elements not yet yielded, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut it = memkit_arena::vec![in &bump; 1, 2].into_iter();
    /// it.as_mut_slice()[1] = 5;
    /// assert_eq!(it.collect::<Vec<_>>(), [1, 5]);
    /// ```
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self.inner.as_mut_slice()
    }
}

/// Drops the items an iterator has left, also when one of their `Drop`s
/// panics (a second panic aborts, as for `drop_in_place` on a slice).
struct DropRest<'x, I: Iterator>(&'x mut I);

impl<I: Iterator> Drop for DropRest<'_, I> {
    fn drop(&mut self) {
        self.0.for_each(drop);
    }
}

impl<T> Drop for IntoIter<'_, T> {
    fn drop(&mut self) {
        // The elements not yet yielded are dropped here, each once; the
        // inner iterator itself is never dropped (see `inner`).
        if core::mem::needs_drop::<T>() {
            let rest = DropRest(&mut *self.inner);
            rest.0.by_ref().for_each(drop);
        }
    }
}

// SAFETY: the iterator owns its `T`s and never uses the `&Bump` it carries
// (the inner iterator's `Drop`, the only user, never runs), so sending it
// sends only the `T`s.
unsafe impl<T: Send> Send for IntoIter<'_, T> {}

// SAFETY: `&IntoIter` gives only `&[T]`.
unsafe impl<T: Sync> Sync for IntoIter<'_, T> {}

impl<T: fmt::Debug> fmt::Debug for IntoIter<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IntoIter").field(&self.as_slice()).finish()
    }
}

impl<T> Iterator for IntoIter<'_, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        self.inner.next()
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }

    #[inline]
    fn count(self) -> usize {
        self.len()
    }
}

impl<T> DoubleEndedIterator for IntoIter<'_, T> {
    #[inline]
    fn next_back(&mut self) -> Option<T> {
        self.inner.next_back()
    }
}

impl<T> ExactSizeIterator for IntoIter<'_, T> {}

impl<T> FusedIterator for IntoIter<'_, T> {}
