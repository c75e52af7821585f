//! The iterators of [`Slab`](crate::Slab): [`Iter`], [`IterMut`],
//! [`IntoIter`] and [`Drain`].
//!
//! Each walks the entries from both ends and counts the values it has left,
//! so it is exact-size, double-ended and fused.

use alloc::vec;
use core::iter::{Enumerate, FusedIterator};
use core::{fmt, slice};

use super::Entry;

/// Implements `Iterator`, `DoubleEndedIterator`, `ExactSizeIterator` and
/// `FusedIterator` for an iterator with fields `entries` (yielding
/// entries, possibly with their keys) and `left`; `$pick` turns one item of
/// `entries` into `Option<Item>`.
macro_rules! walk {
    ([$($gen:tt)*] $ty:ty, $item:ty, $pick:expr) => {
        impl<$($gen)*> Iterator for $ty {
            type Item = $item;

            #[inline]
            fn next(&mut self) -> Option<$item> {
                for raw in self.entries.by_ref() {
                    if let Some(item) = $pick(raw) {
                        self.left -= 1;
                        return Some(item);
                    }
                }
                None
            }

            #[inline]
            fn size_hint(&self) -> (usize, Option<usize>) {
                (self.left, Some(self.left))
            }
        }

        impl<$($gen)*> DoubleEndedIterator for $ty {
            #[inline]
            fn next_back(&mut self) -> Option<$item> {
                while let Some(raw) = self.entries.next_back() {
                    if let Some(item) = $pick(raw) {
                        self.left -= 1;
                        return Some(item);
                    }
                }
                None
            }
        }

        impl<$($gen)*> ExactSizeIterator for $ty {
            fn len(&self) -> usize {
                self.left
            }
        }

        impl<$($gen)*> FusedIterator for $ty {}
    };
}

/// Iterator over `(key, &value)`, from [`Slab::iter`](crate::Slab::iter).
///
/// # Examples
///
/// ```
/// let slab: memkit_slab::Slab<u8> = [(0, 7), (3, 9)].into_iter().collect();
/// let mut iter = slab.iter();
/// assert_eq!(iter.len(), 2);
/// assert_eq!(iter.next_back(), Some((3, &9)));
/// ```
#[must_use = "iterators are lazy"]
pub struct Iter<'a, T> {
    entries: Enumerate<slice::Iter<'a, Entry<T>>>,
    /// Values not yet yielded.
    left: usize,
}

impl<'a, T> Iter<'a, T> {
    pub(super) fn new(entries: slice::Iter<'a, Entry<T>>, len: usize) -> Self {
        Iter {
            entries: entries.enumerate(),
            left: len,
        }
    }
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Iter {
            entries: self.entries.clone(),
            left: self.left,
        }
    }
}

walk!(['a, T] Iter<'a, T>, (usize, &'a T), |(key, entry): (usize, &'a Entry<T>)| match entry {
    Entry::Occupied(value) => Some((key, value)),
    Entry::Vacant(_) => None,
});

/// Iterator over `(key, &mut value)`, from
/// [`Slab::iter_mut`](crate::Slab::iter_mut).
///
/// # Examples
///
/// ```
/// let mut slab: memkit_slab::Slab<u8> = [(0, 7), (3, 9)].into_iter().collect();
/// for (_, v) in slab.iter_mut() {
///     *v += 1;
/// }
/// assert_eq!(slab[3], 10);
/// ```
#[must_use = "iterators are lazy"]
pub struct IterMut<'a, T> {
    entries: Enumerate<slice::IterMut<'a, Entry<T>>>,
    /// Values not yet yielded.
    left: usize,
}

impl<'a, T> IterMut<'a, T> {
    pub(super) fn new(entries: slice::IterMut<'a, Entry<T>>, len: usize) -> Self {
        IterMut {
            entries: entries.enumerate(),
            left: len,
        }
    }
}

walk!(['a, T] IterMut<'a, T>, (usize, &'a mut T), |(key, entry): (usize, &'a mut Entry<T>)| match entry {
    Entry::Occupied(value) => Some((key, value)),
    Entry::Vacant(_) => None,
});

/// Owning iterator over `(key, value)`, from `Slab::into_iter`.
///
/// # Examples
///
/// ```
/// let slab: memkit_slab::Slab<char> = [(1, 'b'), (0, 'a')].into_iter().collect();
/// let pairs: Vec<(usize, char)> = slab.into_iter().collect();
/// assert_eq!(pairs, [(0, 'a'), (1, 'b')]);
/// ```
#[must_use = "iterators are lazy"]
pub struct IntoIter<T> {
    entries: Enumerate<vec::IntoIter<Entry<T>>>,
    /// Values not yet yielded.
    left: usize,
}

impl<T> IntoIter<T> {
    pub(super) fn new(entries: vec::IntoIter<Entry<T>>, len: usize) -> Self {
        IntoIter {
            entries: entries.enumerate(),
            left: len,
        }
    }
}

walk!([T] IntoIter<T>, (usize, T), |(key, entry): (usize, Entry<T>)| match entry {
    Entry::Occupied(value) => Some((key, value)),
    Entry::Vacant(_) => None,
});

/// Draining iterator over the values, in key order, from
/// [`Slab::drain`](crate::Slab::drain).
///
/// # Examples
///
/// ```
/// let mut slab = memkit_slab::Slab::new();
/// slab.insert(1);
/// slab.insert(2);
/// let mut drain = slab.drain();
/// assert_eq!(drain.next_back(), Some(2));
/// drop(drain);
/// assert!(slab.is_empty());
/// ```
// No `#[must_use]`: dropping a `Drain` unused clears the slab, and
// `slab.drain();` builds under `-D warnings`, as with slab.
pub struct Drain<'a, T> {
    entries: vec::Drain<'a, Entry<T>>,
    /// Values not yet yielded.
    left: usize,
}

impl<'a, T> Drain<'a, T> {
    pub(super) fn new(entries: vec::Drain<'a, Entry<T>>, len: usize) -> Self {
        Drain { entries, left: len }
    }
}

walk!([T] Drain<'_, T>, T, |entry: Entry<T>| match entry {
    Entry::Occupied(value) => Some(value),
    Entry::Vacant(_) => None,
});

impl<T> fmt::Debug for Iter<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Iter")
            .field("remaining", &self.left)
            .finish()
    }
}

impl<T> fmt::Debug for IterMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IterMut")
            .field("remaining", &self.left)
            .finish()
    }
}

impl<T> fmt::Debug for IntoIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntoIter")
            .field("remaining", &self.left)
            .finish()
    }
}

impl<T> fmt::Debug for Drain<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Drain").finish()
    }
}
