//! [`Cache::entry`](crate::Cache::entry)'s entries.

use core::fmt;
use core::hash::{BuildHasher, Hash};

use crate::policy::Policy;
use crate::unsync::cache::Cache;
use crate::weighter::Weighter;

/// The entry of one key in a [`Cache`], found with one hash of the key.
///
/// # Examples
///
/// ```
/// use memkit_cache::Cache;
/// use memkit_cache::unsync::Entry;
///
/// let mut cache = Cache::new(4);
/// match cache.entry(1) {
///     Entry::Occupied(_) => unreachable!(),
///     Entry::Vacant(vacant) => {
///         vacant.insert('a').unwrap();
///     }
/// }
/// assert!(matches!(cache.entry(1), Entry::Occupied(_)));
/// ```
pub enum Entry<'a, K, V, W, P, S> {
    /// The key is in the cache.
    Occupied(OccupiedEntry<'a, K, V, W, P, S>),
    /// The key is not in the cache.
    Vacant(VacantEntry<'a, K, V, W, P, S>),
}

impl<'a, K, V, W, P, S> Entry<'a, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    /// The value, after storing `make()` if the key was absent.
    ///
    /// # Errors
    ///
    /// `Err((key, value))` when the new pair weighs more than the capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Cache;
    ///
    /// let mut cache = Cache::new(4);
    /// assert_eq!(cache.entry(1).or_insert_with(|| 'a'), Ok(&'a'));
    /// assert_eq!(cache.entry(1).or_insert_with(|| 'b'), Ok(&'a'));
    /// ```
    pub fn or_insert_with(self, make: impl FnOnce() -> V) -> Result<&'a V, (K, V)> {
        match self {
            Entry::Occupied(occupied) => Ok(occupied.into_ref()),
            Entry::Vacant(vacant) => vacant.insert(make()),
        }
    }
}

impl<K: fmt::Debug, V, W, P, S> fmt::Debug for Entry<'_, K, V, W, P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Occupied(_) => f.write_str("Occupied"),
            Entry::Vacant(vacant) => f.debug_tuple("Vacant").field(&vacant.key).finish(),
        }
    }
}

/// An entry whose key is in the cache; it has been marked as read.
///
/// # Examples
///
/// ```
/// use memkit_cache::Cache;
/// use memkit_cache::unsync::Entry;
///
/// let mut cache = Cache::new(4);
/// cache.insert(1, 10);
/// if let Entry::Occupied(mut occupied) = cache.entry(1) {
///     assert_eq!(occupied.get(), &10);
///     assert_eq!(occupied.insert(11), 10);
/// }
/// assert_eq!(cache.peek(&1), Some(&11));
/// ```
pub struct OccupiedEntry<'a, K, V, W, P, S> {
    cache: &'a mut Cache<K, V, W, P, S>,
    index: u32,
    hash: u64,
}

impl<'a, K, V, W, P, S> OccupiedEntry<'a, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    pub(crate) fn new(cache: &'a mut Cache<K, V, W, P, S>, index: u32, hash: u64) -> Self {
        OccupiedEntry { cache, index, hash }
    }

    /// The value.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Cache;
    /// use memkit_cache::unsync::Entry;
    ///
    /// let mut cache = Cache::new(4);
    /// cache.insert(1, 10);
    /// if let Entry::Occupied(occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.get(), &10);
    /// }
    /// ```
    pub fn get(&self) -> &V {
        self.cache.value(self.index)
    }

    fn into_ref(self) -> &'a V {
        let OccupiedEntry { cache, index, .. } = self;
        cache.value(index)
    }

    /// Replaces the value and returns the old one; the entry is weighed
    /// again, and the policy evicts down to the capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Cache;
    /// use memkit_cache::unsync::Entry;
    ///
    /// let mut cache = Cache::new(4);
    /// cache.insert(1, 10);
    /// if let Entry::Occupied(mut occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.insert(20), 10);
    /// }
    /// ```
    pub fn insert(&mut self, value: V) -> V {
        let old = core::mem::replace(self.cache.value_mut(self.index), value);
        self.cache.reweigh(self.index);
        old
    }

    /// Removes the entry and returns it, without hashing the key again.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Cache;
    /// use memkit_cache::unsync::Entry;
    ///
    /// let mut cache = Cache::new(4);
    /// cache.insert(1, 10);
    /// if let Entry::Occupied(occupied) = cache.entry(1) {
    ///     assert_eq!(occupied.remove(), (1, 10));
    /// }
    /// assert!(cache.is_empty());
    /// ```
    pub fn remove(self) -> (K, V) {
        self.cache.take_at(self.hash, self.index)
    }
}

impl<K, V, W, P, S> fmt::Debug for OccupiedEntry<'_, K, V, W, P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OccupiedEntry")
            .field("slot", &self.index)
            .finish()
    }
}

/// An entry whose key is not in the cache.
///
/// # Examples
///
/// ```
/// use memkit_cache::Cache;
/// use memkit_cache::unsync::Entry;
///
/// let mut cache = Cache::new(4);
/// if let Entry::Vacant(vacant) = cache.entry(1) {
///     assert_eq!(vacant.key(), &1);
///     vacant.insert('a').unwrap();
/// }
/// ```
pub struct VacantEntry<'a, K, V, W, P, S> {
    cache: &'a mut Cache<K, V, W, P, S>,
    key: K,
    hash: u64,
}

impl<'a, K, V, W, P, S> VacantEntry<'a, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    pub(crate) fn new(cache: &'a mut Cache<K, V, W, P, S>, key: K, hash: u64) -> Self {
        VacantEntry { cache, key, hash }
    }

    /// The key that would be stored.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Cache;
    /// use memkit_cache::unsync::Entry;
    ///
    /// let mut cache: Cache<u8, u8> = Cache::new(4);
    /// if let Entry::Vacant(vacant) = cache.entry(7) {
    ///     assert_eq!(vacant.key(), &7);
    /// }
    /// ```
    pub fn key(&self) -> &K {
        &self.key
    }

    /// Stores `value` (evicting as the policy says) and returns it.
    ///
    /// # Errors
    ///
    /// `Err((key, value))` when the pair weighs more than the capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Cache;
    /// use memkit_cache::unsync::Entry;
    ///
    /// let mut cache = Cache::new(4);
    /// if let Entry::Vacant(vacant) = cache.entry(1) {
    ///     assert_eq!(vacant.insert('a'), Ok(&'a'));
    /// }
    /// ```
    pub fn insert(self, value: V) -> Result<&'a V, (K, V)> {
        let VacantEntry { cache, key, hash } = self;
        let index = cache.insert_new_hashed(hash, key, value)?;
        Ok(cache.value(index))
    }
}

impl<K: fmt::Debug, V, W, P, S> fmt::Debug for VacantEntry<'_, K, V, W, P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VacantEntry").field(&self.key).finish()
    }
}
