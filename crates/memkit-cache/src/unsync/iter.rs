//! [`Iter`]: the entries of a [`Cache`](crate::Cache).

use core::fmt;
use core::iter::FusedIterator;

use crate::raw;
use crate::unsync::store::Slot;

/// An iterator over a [`Cache`](crate::Cache)'s entries, in no particular
/// order. Made by [`Cache::iter`](crate::Cache::iter).
///
/// # Examples
///
/// ```
/// use memkit_cache::Cache;
///
/// let mut cache = Cache::new(4);
/// cache.insert(1, 10);
/// cache.insert(2, 20);
/// let total: i32 = cache.iter().map(|(_, v)| v).sum();
/// assert_eq!(total, 30);
/// ```
#[must_use = "iterators are lazy"]
pub struct Iter<'a, K, V> {
    slots: raw::Iter<'a, Slot<K, V>>,
}

impl<'a, K, V> Iter<'a, K, V> {
    pub(crate) fn new(slots: raw::Iter<'a, Slot<K, V>>) -> Self {
        Iter { slots }
    }
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<(&'a K, &'a V)> {
        self.slots.next().map(|(_, slot)| (&slot.key, &slot.value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}
impl<K, V> FusedIterator for Iter<'_, K, V> {}

impl<K, V> fmt::Debug for Iter<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Iter")
            .field("len", &self.slots.len())
            .finish()
    }
}
