//! The iterators of [`LruCache`].

use core::fmt;
use core::hash::{BuildHasher, Hash};
use core::iter::FusedIterator;

use crate::DefaultHasher;
use crate::lru::list::List;
use crate::lru::lru_cache::LruCache;
use crate::node::Node;
use crate::raw::WalkMut;

/// An iterator over a cache's entries, from the most to the least recently
/// used. Made by [`LruCache::iter`].
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
/// cache.put(1, 'a');
/// cache.put(2, 'b');
/// assert_eq!(cache.iter().next_back(), Some((&1, &'a')));
/// ```
#[must_use = "iterators are lazy"]
pub struct Iter<'a, K, V> {
    list: &'a List<K, V>,
    front: u32,
    back: u32,
    len: usize,
}

impl<'a, K, V> Iter<'a, K, V> {
    pub(crate) fn new(list: &'a List<K, V>) -> Self {
        let front = list.head().unwrap_or(0);
        let back = list.tail().map_or(0, |(tail, _)| tail);
        Iter {
            list,
            front,
            back,
            len: list.len(),
        }
    }
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);

    fn next(&mut self) -> Option<(&'a K, &'a V)> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        let node = self.list.node(self.front);
        self.front = self.list.next(self.front);
        Some((&node.key, &node.value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, Some(self.len))
    }

    fn count(self) -> usize {
        self.len
    }
}

impl<'a, K, V> DoubleEndedIterator for Iter<'a, K, V> {
    fn next_back(&mut self) -> Option<(&'a K, &'a V)> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        let node = self.list.node(self.back);
        self.back = self.list.prev(self.back);
        Some((&node.key, &node.value))
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}
impl<K, V> FusedIterator for Iter<'_, K, V> {}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Iter {
            list: self.list,
            front: self.front,
            back: self.back,
            len: self.len,
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for Iter<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// A mutable iterator over a cache's entries, from the most to the least
/// recently used. Made by [`LruCache::iter_mut`]; it allocates nothing.
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
/// cache.put(1, 10);
/// if let Some((_, v)) = cache.iter_mut().next() {
///     *v += 1;
/// }
/// assert_eq!(cache.peek(&1), Some(&11));
/// ```
#[must_use = "iterators are lazy"]
pub struct IterMut<'a, K, V> {
    nodes: WalkMut<'a, Node<K, V>>,
}

impl<'a, K, V> IterMut<'a, K, V> {
    pub(crate) fn new(list: &'a mut List<K, V>) -> Self {
        IterMut {
            nodes: list.nodes.walk_mut(),
        }
    }
}

impl<'a, K, V> Iterator for IterMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);

    fn next(&mut self) -> Option<(&'a K, &'a mut V)> {
        let node = self.nodes.next()?;
        Some((&node.key, &mut node.value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.nodes.size_hint()
    }

    fn count(self) -> usize {
        self.nodes.len()
    }
}

impl<'a, K, V> DoubleEndedIterator for IterMut<'a, K, V> {
    fn next_back(&mut self) -> Option<(&'a K, &'a mut V)> {
        let node = self.nodes.next_back()?;
        Some((&node.key, &mut node.value))
    }
}

impl<K, V> ExactSizeIterator for IterMut<'_, K, V> {}
impl<K, V> FusedIterator for IterMut<'_, K, V> {}

impl<K, V> fmt::Debug for IterMut<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IterMut")
            .field("len", &self.nodes.len())
            .finish()
    }
}

/// An owning iterator over a cache's entries, from the least to the most
/// recently used (each step is a [`LruCache::pop_lru`]).
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
/// cache.put(1, 'a');
/// cache.put(2, 'b');
/// let pairs: Vec<_> = cache.into_iter().collect();
/// assert_eq!(pairs, [(1, 'a'), (2, 'b')]);
/// ```
#[must_use = "iterators are lazy"]
pub struct IntoIter<K, V, S = DefaultHasher>
where
    K: Hash + Eq,
    S: BuildHasher,
{
    cache: LruCache<K, V, S>,
}

impl<K: Hash + Eq, V, S: BuildHasher> IntoIter<K, V, S> {
    pub(crate) fn new(cache: LruCache<K, V, S>) -> Self {
        IntoIter { cache }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> Iterator for IntoIter<K, V, S> {
    type Item = (K, V);

    fn next(&mut self) -> Option<(K, V)> {
        self.cache.pop_lru()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.cache.len(), Some(self.cache.len()))
    }

    fn count(self) -> usize {
        self.cache.len()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> DoubleEndedIterator for IntoIter<K, V, S> {
    fn next_back(&mut self) -> Option<(K, V)> {
        self.cache.pop_mru()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> ExactSizeIterator for IntoIter<K, V, S> {}
impl<K: Hash + Eq, V, S: BuildHasher> FusedIterator for IntoIter<K, V, S> {}

impl<K: Hash + Eq, V, S: BuildHasher> fmt::Debug for IntoIter<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntoIter")
            .field("len", &self.cache.len())
            .finish()
    }
}
