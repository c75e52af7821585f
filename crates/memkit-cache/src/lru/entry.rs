//! [`LruCache::entry`](crate::LruCache::entry)'s entries.

use core::fmt;
use core::hash::{BuildHasher, Hash};

use crate::lru::lru_cache::LruCache;

/// The entry of one key in an [`LruCache`], found with one hash.
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use memkit_cache::lru::Entry;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
/// match cache.entry(1) {
///     Entry::Occupied(_) => unreachable!(),
///     Entry::Vacant(vacant) => {
///         vacant.insert("one");
///     }
/// }
/// assert_eq!(cache.peek(&1), Some(&"one"));
/// ```
pub enum Entry<'a, K, V, S> {
    /// The key is in the cache.
    Occupied(OccupiedEntry<'a, K, V, S>),
    /// The key is not in the cache.
    Vacant(VacantEntry<'a, K, V, S>),
}

impl<'a, K: Hash + Eq, V, S: BuildHasher> Entry<'a, K, V, S> {
    /// The value, after storing `default` if the key was absent.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(*cache.entry(1).or_insert(5), 5);
    /// assert_eq!(*cache.entry(1).or_insert(6), 5);
    /// ```
    pub fn or_insert(self, default: V) -> &'a mut V {
        self.or_insert_with(|| default)
    }

    /// The value, after storing `make()` if the key was absent.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(*cache.entry(1).or_insert_with(|| 5), 5);
    /// ```
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> &'a mut V {
        match self {
            Entry::Occupied(occupied) => occupied.into_mut(),
            Entry::Vacant(vacant) => vacant.insert(make()),
        }
    }

    /// The entry's key.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<u8, u8> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.entry(3).key(), &3);
    /// ```
    pub fn key(&self) -> &K {
        match self {
            Entry::Occupied(occupied) => occupied.key(),
            Entry::Vacant(vacant) => vacant.key(),
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for Entry<'_, K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Occupied(occupied) => f.debug_tuple("Occupied").field(occupied).finish(),
            Entry::Vacant(vacant) => f.debug_tuple("Vacant").field(vacant).finish(),
        }
    }
}

/// An entry whose key is in the cache; it is already the most recently
/// used.
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use memkit_cache::lru::Entry;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
/// cache.put(1, 10);
/// if let Entry::Occupied(mut occupied) = cache.entry(1) {
///     *occupied.get_mut() += 1;
/// }
/// assert_eq!(cache.peek(&1), Some(&11));
/// ```
pub struct OccupiedEntry<'a, K, V, S> {
    cache: &'a mut LruCache<K, V, S>,
    index: u32,
    hash: u64,
}

impl<'a, K, V, S> OccupiedEntry<'a, K, V, S> {
    pub(crate) fn new(cache: &'a mut LruCache<K, V, S>, index: u32, hash: u64) -> Self {
        OccupiedEntry { cache, index, hash }
    }

    /// The stored key.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// if let Entry::Occupied(occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.key(), &1);
    /// }
    /// ```
    pub fn key(&self) -> &K {
        &self.cache.list.node(self.index).key
    }

    /// The value.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// if let Entry::Occupied(occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.get(), &10);
    /// }
    /// ```
    pub fn get(&self) -> &V {
        &self.cache.list.node(self.index).value
    }

    /// The value, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// if let Entry::Occupied(mut occupied) = cache.entry(1) {
    ///     *occupied.get_mut() = 3;
    /// }
    /// assert_eq!(cache.peek(&1), Some(&3));
    /// ```
    pub fn get_mut(&mut self) -> &mut V {
        &mut self.cache.list.node_mut(self.index).value
    }

    /// The value, mutably, for as long as the cache was borrowed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// if let Entry::Occupied(occupied) = cache.entry(1) {
    ///     *occupied.into_mut() = 4;
    /// }
    /// assert_eq!(cache.peek(&1), Some(&4));
    /// ```
    pub fn into_mut(self) -> &'a mut V {
        &mut self.cache.list.node_mut(self.index).value
    }

    /// Replaces the value and returns the old one.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// if let Entry::Occupied(mut occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.insert(20), 10);
    /// }
    /// ```
    pub fn insert(&mut self, value: V) -> V {
        core::mem::replace(self.get_mut(), value)
    }

    /// Removes the entry and returns it, without hashing the key again.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// if let Entry::Occupied(occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.remove(), (1, 10));
    /// }
    /// assert!(cache.is_empty());
    /// ```
    pub fn remove(self) -> (K, V) {
        let node = self.cache.list.take(self.hash, self.index);
        (node.key, node.value)
    }
}

impl<K: fmt::Debug, V: fmt::Debug, S> fmt::Debug for OccupiedEntry<'_, K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OccupiedEntry")
            .field("key", self.key())
            .field("value", self.get())
            .finish()
    }
}

/// An entry whose key is not in the cache.
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use memkit_cache::lru::Entry;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(1).unwrap());
/// if let Entry::Vacant(vacant) = cache.entry(1) {
///     vacant.insert('a');
/// }
/// assert_eq!(cache.peek(&1), Some(&'a'));
/// ```
pub struct VacantEntry<'a, K, V, S> {
    cache: &'a mut LruCache<K, V, S>,
    key: K,
    hash: u64,
}

impl<'a, K, V, S> VacantEntry<'a, K, V, S> {
    pub(crate) fn new(cache: &'a mut LruCache<K, V, S>, key: K, hash: u64) -> Self {
        VacantEntry { cache, key, hash }
    }

    /// The key that would be stored.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<u8, u8> = LruCache::new(NonZeroUsize::new(1).unwrap());
    /// if let Entry::Vacant(vacant) = cache.entry(7) {
    ///     assert_eq!(vacant.key(), &7);
    /// }
    /// ```
    pub fn key(&self) -> &K {
        &self.key
    }

    /// Gives the key back without storing anything.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<u8, u8> = LruCache::new(NonZeroUsize::new(1).unwrap());
    /// if let Entry::Vacant(vacant) = cache.entry(7) {
    ///     assert_eq!(vacant.into_key(), 7);
    /// }
    /// ```
    pub fn into_key(self) -> K {
        self.key
    }
}

impl<'a, K: Hash + Eq, V, S: BuildHasher> VacantEntry<'a, K, V, S> {
    /// Stores `value` as the most recently used entry, evicting the least
    /// recently used one if the cache is full, and returns the value.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use memkit_cache::lru::Entry;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(1).unwrap());
    /// cache.put(0, 'z');
    /// if let Entry::Vacant(vacant) = cache.entry(1) {
    ///     *vacant.insert('a') = 'b';
    /// }
    /// assert_eq!(cache.peek(&1), Some(&'b'));
    /// assert!(!cache.contains(&0));
    /// ```
    pub fn insert(self, value: V) -> &'a mut V {
        let (index, evicted) = self.cache.insert_absent(self.hash, self.key, value);
        drop(evicted);
        &mut self.cache.list.node_mut(index).value
    }
}

impl<K: fmt::Debug, V, S> fmt::Debug for VacantEntry<'_, K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VacantEntry").field(&self.key).finish()
    }
}
