//! [`LruCache`]: a drop-in for `lru::LruCache` 0.19.1.

use alloc::borrow::ToOwned;
use core::borrow::Borrow;
use core::fmt;
use core::hash::{BuildHasher, Hash};
use core::num::NonZeroUsize;

use crate::DefaultHasher;
use crate::lru::entry::{Entry, OccupiedEntry, VacantEntry};
use crate::lru::iter::{IntoIter, Iter, IterMut};
use crate::lru::list::List;
use crate::node::Node;

/// A least-recently-used cache: once it holds `cap` entries, a new one
/// replaces the entry used longest ago.
///
/// The same API as `lru::LruCache` 0.19.1. Entries live in one slab linked
/// by `u32` indices, and a `HashTable<u32>` finds them: no allocation per
/// entry, and, after [`new`](LruCache::new), none at all.
///
/// # Examples
///
/// ```
/// use memkit_cache::LruCache;
/// use std::num::NonZeroUsize;
///
/// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
/// cache.put("apple", 3);
/// cache.put("banana", 2);
/// assert_eq!(cache.get(&"apple"), Some(&3));
/// cache.put("pear", 4); // evicts "banana", used longest ago
/// assert!(!cache.contains(&"banana"));
/// ```
pub struct LruCache<K, V, S = DefaultHasher> {
    pub(crate) list: List<K, V>,
    pub(crate) hash_builder: S,
    cap: NonZeroUsize,
}

impl<K, V, S: Clone> Clone for LruCache<K, V, S>
where
    K: Hash + Eq + Clone,
    V: Clone,
{
    fn clone(&self) -> Self {
        LruCache {
            list: self.list.clone(),
            hash_builder: self.hash_builder.clone(),
            cap: self.cap,
        }
    }
}

impl<K: Hash + Eq, V> LruCache<K, V> {
    /// Creates a cache that holds at most `cap` entries, with room for all
    /// of them allocated now.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let cache: LruCache<u32, &str> = LruCache::new(NonZeroUsize::new(10).unwrap());
    /// assert_eq!(cache.cap().get(), 10);
    /// ```
    #[must_use]
    pub fn new(cap: NonZeroUsize) -> LruCache<K, V> {
        LruCache::with_hasher(cap, DefaultHasher::default())
    }

    /// Creates a cache that holds at most `cap` entries and allocates as it
    /// fills.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let cache: LruCache<u32, u32> = LruCache::sparse(NonZeroUsize::new(1 << 20).unwrap());
    /// assert!(cache.is_empty());
    /// ```
    #[must_use]
    pub fn sparse(cap: NonZeroUsize) -> LruCache<K, V> {
        LruCache {
            list: List::new(),
            hash_builder: DefaultHasher::default(),
            cap,
        }
    }

    /// Creates a cache without a bound: it never evicts.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    ///
    /// let mut cache = LruCache::unbounded();
    /// for i in 0..1000 {
    ///     cache.put(i, i);
    /// }
    /// assert_eq!(cache.len(), 1000);
    /// ```
    #[must_use]
    pub fn unbounded() -> LruCache<K, V> {
        LruCache::unbounded_with_hasher(DefaultHasher::default())
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> LruCache<K, V, S> {
    /// Creates a cache of at most `cap` entries that hashes with
    /// `hash_builder`, with room for all of them allocated now.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::{DefaultHasher, LruCache};
    /// use std::num::NonZeroUsize;
    ///
    /// let cache: LruCache<u8, u8> =
    ///     LruCache::with_hasher(NonZeroUsize::new(3).unwrap(), DefaultHasher::default());
    /// assert_eq!(cache.cap().get(), 3);
    /// ```
    pub fn with_hasher(cap: NonZeroUsize, hash_builder: S) -> LruCache<K, V, S> {
        LruCache {
            list: List::with_capacity(cap.get()),
            hash_builder,
            cap,
        }
    }

    /// Creates a cache without a bound that hashes with `hash_builder`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::{DefaultHasher, LruCache};
    ///
    /// let mut cache = LruCache::unbounded_with_hasher(DefaultHasher::default());
    /// cache.put(1, "one");
    /// assert_eq!(cache.cap().get(), usize::MAX);
    /// ```
    pub fn unbounded_with_hasher(hash_builder: S) -> LruCache<K, V, S> {
        LruCache {
            list: List::new(),
            hash_builder,
            cap: NonZeroUsize::MAX,
        }
    }

    #[inline]
    fn hash<Q: Hash + ?Sized>(&self, key: &Q) -> u64 {
        self.hash_builder.hash_one(key)
    }

    #[inline]
    fn find<Q>(&self, key: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.list.find(self.hash(key), key)
    }

    #[inline]
    fn find_and_touch<Q>(&mut self, key: &Q) -> Option<&mut Node<K, V>>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash(key);
        Some(self.list.find_promote(hash, key)?.1)
    }

    /// Stores a key known to be absent, hashed to `hash`, as the most
    /// recently used entry; returns its slot and the entry it evicted.
    ///
    /// A full cache reuses the least recently used entry's slot: the new
    /// pair takes its place and the circle turns, so that it becomes the
    /// head without a link changing.
    pub(crate) fn insert_absent(&mut self, hash: u64, key: K, value: V) -> (u32, Option<(K, V)>) {
        let mut node = Node { key, value };
        if self.list.len() >= self.cap.get()
            && let Some((_, tail)) = self.list.tail()
        {
            // User code (`Hash`) runs first, while nothing has moved.
            let old_hash = self.hash(&tail.key);
            // The refill touches only the index (or unwinds), so the tail
            // stays.
            crate::raw::reserve_one(&mut self.list, &self.hash_builder);
            match self.list.replace_tail(old_hash, hash, node) {
                Ok((slot, old)) => return (slot, Some((old.key, old.value))),
                Err(back) => node = back,
            }
        } else {
            crate::raw::reserve_one(&mut self.list, &self.hash_builder);
        }
        (self.list.insert_new(hash, node.key, node.value), None)
    }

    /// Stores `v` under `k` as the most recently used entry, and returns the
    /// value it replaced under the same key. A full cache drops its least
    /// recently used entry to make room.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.put(1, "a"), None);
    /// assert_eq!(cache.put(1, "b"), Some("a"));
    /// ```
    #[inline]
    pub fn put(&mut self, k: K, v: V) -> Option<V> {
        match self.store(k, v) {
            Stored::Replaced(_, old) => Some(old),
            Stored::Evicted(..) | Stored::New => None,
        }
    }

    /// Stores `v` under `k` as the most recently used entry, and returns
    /// what left: `(k, old value)` if `k` was present, else the evicted
    /// least recently used pair if the cache was full.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(1).unwrap());
    /// assert_eq!(cache.push(1, "a"), None);
    /// assert_eq!(cache.push(1, "b"), Some((1, "a")));
    /// assert_eq!(cache.push(2, "c"), Some((1, "b")));
    /// ```
    pub fn push(&mut self, k: K, v: V) -> Option<(K, V)> {
        match self.store(k, v) {
            Stored::Replaced(key, value) | Stored::Evicted(key, value) => Some((key, value)),
            Stored::New => None,
        }
    }

    #[inline]
    fn store(&mut self, k: K, mut v: V) -> Stored<K, V> {
        let hash = self.hash(&k);
        if let Some((_, node)) = self.list.find_promote(hash, &k) {
            core::mem::swap(&mut v, &mut node.value);
            return Stored::Replaced(k, v);
        }
        match self.insert_absent(hash, k, v).1 {
            Some((key, value)) => Stored::Evicted(key, value),
            None => Stored::New,
        }
    }

    /// Returns the value under `k` and makes it the most recently used.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(String::from("a"), 1);
    /// assert_eq!(cache.get("a"), Some(&1));
    /// assert_eq!(cache.get("b"), None);
    /// ```
    #[inline]
    pub fn get<'a, Q>(&'a mut self, k: &Q) -> Option<&'a V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        Some(&self.find_and_touch(k)?.value)
    }

    /// Returns the value under `k` mutably and makes it the most recently
    /// used.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put("a", 1);
    /// *cache.get_mut(&"a").unwrap() += 1;
    /// assert_eq!(cache.peek(&"a"), Some(&2));
    /// ```
    #[inline]
    pub fn get_mut<'a, Q>(&'a mut self, k: &Q) -> Option<&'a mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        Some(&mut self.find_and_touch(k)?.value)
    }

    /// Returns the stored key and value under `k` and makes them the most
    /// recently used.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(String::from("a"), 1);
    /// assert_eq!(cache.get_key_value("a"), Some((&String::from("a"), &1)));
    /// ```
    pub fn get_key_value<'a, Q>(&'a mut self, k: &Q) -> Option<(&'a K, &'a V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let node = self.find_and_touch(k)?;
        Some((&node.key, &node.value))
    }

    /// Returns the stored key and the value (mutably) under `k`, and makes
    /// them the most recently used.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put("a", 1);
    /// let (_, value) = cache.get_key_value_mut(&"a").unwrap();
    /// *value = 5;
    /// assert_eq!(cache.peek(&"a"), Some(&5));
    /// ```
    pub fn get_key_value_mut<'a, Q>(&'a mut self, k: &Q) -> Option<(&'a K, &'a mut V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let node = self.find_and_touch(k)?;
        Some((&node.key, &mut node.value))
    }

    /// The slot of `k`, made the most recently used; if absent, `make`
    /// builds its value first and the new entry is stored, evicting the
    /// least recently used one when full.
    fn slot_or_insert<E>(&mut self, k: K, make: impl FnOnce(&K) -> Result<V, E>) -> Result<u32, E> {
        let hash = self.hash(&k);
        if let Some((index, _)) = self.list.find_promote(hash, &k) {
            return Ok(index);
        }
        let value = make(&k)?;
        Ok(self.insert_absent(hash, k, value).0)
    }

    /// Like [`slot_or_insert`](Self::slot_or_insert), from a borrowed key
    /// that is cloned into an owned one only when it is inserted.
    fn slot_or_insert_ref<Q, E>(
        &mut self,
        k: &Q,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<u32, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
    {
        let hash = self.hash(k);
        if let Some((index, _)) = self.list.find_promote(hash, k) {
            return Ok(index);
        }
        let value = make()?;
        Ok(self.insert_absent(hash, k.to_owned(), value).0)
    }

    /// Returns the value under `k`, made the most recently used; if absent,
    /// stores `f()` first, evicting the least recently used entry when full.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.get_or_insert(1, || "a"), &"a");
    /// assert_eq!(cache.get_or_insert(1, || "b"), &"a");
    /// ```
    pub fn get_or_insert<F>(&mut self, k: K, f: F) -> &V
    where
        F: FnOnce() -> V,
    {
        self.get_or_insert_with_key(k, |_| f())
    }

    /// Like [`get_or_insert`](Self::get_or_insert), with the key passed to
    /// `f`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.get_or_insert_with_key(3, |k| k * 10), &30);
    /// ```
    pub fn get_or_insert_with_key<F>(&mut self, k: K, f: F) -> &V
    where
        F: FnOnce(&K) -> V,
    {
        let Ok(index) = self.slot_or_insert::<core::convert::Infallible>(k, |k| Ok(f(k)));
        &self.list.node(index).value
    }

    /// Like [`get_or_insert`](Self::get_or_insert), from a borrowed key,
    /// cloned only when it is inserted.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<String, usize> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.get_or_insert_ref("key", || 1), &1);
    /// ```
    pub fn get_or_insert_ref<'a, Q, F>(&'a mut self, k: &'_ Q, f: F) -> &'a V
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
        F: FnOnce() -> V,
    {
        let Ok(index) = self.slot_or_insert_ref::<Q, core::convert::Infallible>(k, || Ok(f()));
        &self.list.node(index).value
    }

    /// Like [`get_or_insert`](Self::get_or_insert), with a fallible `f`:
    /// on `Err` nothing is stored and the error is returned.
    ///
    /// # Errors
    ///
    /// The error of `f`, when the key is absent and `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.try_get_or_insert(1, || Err::<u8, _>("no")), Err("no"));
    /// assert_eq!(cache.try_get_or_insert(1, || Ok::<_, ()>(7)), Ok(&7));
    /// ```
    pub fn try_get_or_insert<F, E>(&mut self, k: K, f: F) -> Result<&V, E>
    where
        F: FnOnce() -> Result<V, E>,
    {
        self.try_get_or_insert_with_key(k, |_| f())
    }

    /// Like [`try_get_or_insert`](Self::try_get_or_insert), with the key
    /// passed to `f`.
    ///
    /// # Errors
    ///
    /// The error of `f`, when the key is absent and `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.try_get_or_insert_with_key(2, |k| Ok::<_, ()>(k + 1)), Ok(&3));
    /// ```
    pub fn try_get_or_insert_with_key<F, E>(&mut self, k: K, f: F) -> Result<&V, E>
    where
        F: FnOnce(&K) -> Result<V, E>,
    {
        let index = self.slot_or_insert(k, f)?;
        Ok(&self.list.node(index).value)
    }

    /// Like [`try_get_or_insert`](Self::try_get_or_insert), from a borrowed
    /// key, cloned only when it is inserted.
    ///
    /// # Errors
    ///
    /// The error of `f`, when the key is absent and `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<String, u8> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.try_get_or_insert_ref("k", || Ok::<_, ()>(1)), Ok(&1));
    /// ```
    pub fn try_get_or_insert_ref<'a, Q, F, E>(&'a mut self, k: &'_ Q, f: F) -> Result<&'a V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
        F: FnOnce() -> Result<V, E>,
    {
        let index = self.slot_or_insert_ref(k, f)?;
        Ok(&self.list.node(index).value)
    }

    /// Like [`get_or_insert`](Self::get_or_insert), returning the value
    /// mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// *cache.get_or_insert_mut(1, || 0) += 5;
    /// assert_eq!(cache.peek(&1), Some(&5));
    /// ```
    pub fn get_or_insert_mut<F>(&mut self, k: K, f: F) -> &mut V
    where
        F: FnOnce() -> V,
    {
        self.get_or_insert_mut_with_key(k, |_| f())
    }

    /// Like [`get_or_insert_mut`](Self::get_or_insert_mut), with the key
    /// passed to `f`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// *cache.get_or_insert_mut_with_key(2, |k| *k) += 1;
    /// assert_eq!(cache.peek(&2), Some(&3));
    /// ```
    pub fn get_or_insert_mut_with_key<F>(&mut self, k: K, f: F) -> &mut V
    where
        F: FnOnce(&K) -> V,
    {
        let Ok(index) = self.slot_or_insert::<core::convert::Infallible>(k, |k| Ok(f(k)));
        &mut self.list.node_mut(index).value
    }

    /// Like [`get_or_insert_ref`](Self::get_or_insert_ref), returning the
    /// value mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<String, u8> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// *cache.get_or_insert_mut_ref("k", || 1) += 1;
    /// assert_eq!(cache.peek("k"), Some(&2));
    /// ```
    pub fn get_or_insert_mut_ref<'a, Q, F>(&'a mut self, k: &'_ Q, f: F) -> &'a mut V
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
        F: FnOnce() -> V,
    {
        let Ok(index) = self.slot_or_insert_ref::<Q, core::convert::Infallible>(k, || Ok(f()));
        &mut self.list.node_mut(index).value
    }

    /// Like [`try_get_or_insert`](Self::try_get_or_insert), returning the
    /// value mutably.
    ///
    /// # Errors
    ///
    /// The error of `f`, when the key is absent and `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// *cache.try_get_or_insert_mut(1, || Ok::<_, ()>(1)).unwrap() += 1;
    /// assert_eq!(cache.peek(&1), Some(&2));
    /// ```
    pub fn try_get_or_insert_mut<F, E>(&mut self, k: K, f: F) -> Result<&mut V, E>
    where
        F: FnOnce() -> Result<V, E>,
    {
        self.try_get_or_insert_mut_with_key(k, |_| f())
    }

    /// Like [`try_get_or_insert_mut`](Self::try_get_or_insert_mut), with
    /// the key passed to `f`.
    ///
    /// # Errors
    ///
    /// The error of `f`, when the key is absent and `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.try_get_or_insert_mut_with_key(4, |k| Ok::<_, ()>(*k)), Ok(&mut 4));
    /// ```
    pub fn try_get_or_insert_mut_with_key<F, E>(&mut self, k: K, f: F) -> Result<&mut V, E>
    where
        F: FnOnce(&K) -> Result<V, E>,
    {
        let index = self.slot_or_insert(k, f)?;
        Ok(&mut self.list.node_mut(index).value)
    }

    /// Like [`try_get_or_insert_ref`](Self::try_get_or_insert_ref),
    /// returning the value mutably.
    ///
    /// # Errors
    ///
    /// The error of `f`, when the key is absent and `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache: LruCache<String, u8> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.try_get_or_insert_mut_ref("k", || Ok::<_, ()>(1)), Ok(&mut 1));
    /// ```
    pub fn try_get_or_insert_mut_ref<'a, Q, F, E>(
        &'a mut self,
        k: &'_ Q,
        f: F,
    ) -> Result<&'a mut V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
        F: FnOnce() -> Result<V, E>,
    {
        let index = self.slot_or_insert_ref(k, f)?;
        Ok(&mut self.list.node_mut(index).value)
    }

    /// Returns the value under `k` without changing its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert_eq!(cache.peek(&1), Some(&"a"));
    /// assert_eq!(cache.peek_lru(), Some((&1, &"a")));
    /// ```
    pub fn peek<'a, Q>(&'a self, k: &Q) -> Option<&'a V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.find(k).map(|index| &self.list.node(index).value)
    }

    /// Returns the value under `k` mutably, without changing its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, 10);
    /// *cache.peek_mut(&1).unwrap() += 1;
    /// assert_eq!(cache.peek(&1), Some(&11));
    /// ```
    pub fn peek_mut<'a, Q>(&'a mut self, k: &Q) -> Option<&'a mut V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let index = self.find(k)?;
        Some(&mut self.list.node_mut(index).value)
    }

    /// Returns the least recently used entry without changing its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert_eq!(cache.peek_lru(), Some((&1, &"a")));
    /// ```
    pub fn peek_lru(&self) -> Option<(&K, &V)> {
        let (_, node) = self.list.tail()?;
        Some((&node.key, &node.value))
    }

    /// Returns the most recently used entry without changing its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert_eq!(cache.peek_mru(), Some((&2, &"b")));
    /// ```
    pub fn peek_mru(&self) -> Option<(&K, &V)> {
        let node = self.list.node(self.list.head()?);
        Some((&node.key, &node.value))
    }

    /// Whether `k` is in the cache; its position does not change.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(1).unwrap());
    /// cache.put(1, "a");
    /// assert!(cache.contains(&1));
    /// assert!(!cache.contains(&2));
    /// ```
    pub fn contains<Q>(&self, k: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.find(k).is_some()
    }

    fn take<Q>(&mut self, k: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash(k);
        let index = self.list.find(hash, k)?;
        let node = self.list.take(hash, index);
        Some((node.key, node.value))
    }

    /// Removes the entry under `k` and returns its value. The stored key is
    /// dropped after the entry has left the cache, so a key whose `Drop`
    /// panics leaves the cache whole.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// assert_eq!(cache.pop(&1), Some("a"));
    /// assert_eq!(cache.pop(&1), None);
    /// ```
    pub fn pop<Q>(&mut self, k: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.take(k).map(|(_, value)| value)
    }

    /// Removes the entry under `k` and returns it.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// assert_eq!(cache.pop_entry(&1), Some((1, "a")));
    /// ```
    pub fn pop_entry<Q>(&mut self, k: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.take(k)
    }

    fn take_at(&mut self, index: u32) -> (K, V) {
        let hash = self.hash(&self.list.node(index).key);
        let node = self.list.take(hash, index);
        (node.key, node.value)
    }

    /// Removes and returns the least recently used entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert_eq!(cache.pop_lru(), Some((1, "a")));
    /// ```
    pub fn pop_lru(&mut self) -> Option<(K, V)> {
        let (tail, _) = self.list.tail()?;
        Some(self.take_at(tail))
    }

    /// Removes and returns the most recently used entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert_eq!(cache.pop_mru(), Some((2, "b")));
    /// ```
    pub fn pop_mru(&mut self) -> Option<(K, V)> {
        let head = self.list.head()?;
        Some(self.take_at(head))
    }

    /// Makes `k` the most recently used entry; returns whether it was
    /// present.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert!(cache.promote(&1));
    /// assert_eq!(cache.peek_mru(), Some((&1, &"a")));
    /// ```
    pub fn promote<Q>(&mut self, k: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.find_and_touch(k).is_some()
    }

    /// Makes `k` the least recently used entry; returns whether it was
    /// present.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// assert!(cache.demote(&2));
    /// assert_eq!(cache.peek_lru(), Some((&2, &"b")));
    /// ```
    pub fn demote<Q>(&mut self, k: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        match self.find(k) {
            Some(index) => {
                self.list.demote(index);
                true
            }
            None => false,
        }
    }

    /// Walks from the most to the least recently used entry, and makes the
    /// first one that `predicate` accepts the most recently used.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(3).unwrap());
    /// cache.put(1, "a");
    /// cache.put(2, "b");
    /// cache.put(3, "c");
    /// assert_eq!(cache.find_and_promote(|(k, _)| *k < 3), Some((&2, &"b")));
    /// assert_eq!(cache.peek_mru(), Some((&2, &"b")));
    /// ```
    pub fn find_and_promote<F>(&mut self, mut predicate: F) -> Option<(&K, &V)>
    where
        F: FnMut((&K, &V)) -> bool,
    {
        let mut at = self.list.head()?;
        for _ in 0..self.list.len() {
            let node = self.list.node(at);
            if predicate((&node.key, &node.value)) {
                let node = self.list.promote(at);
                return Some((&node.key, &node.value));
            }
            at = self.list.next(at);
        }
        None
    }

    /// Keeps only the entries for which `f` returns true, visiting them
    /// from the most to the least recently used.
    ///
    /// A panic in `f` or in a destructor leaves the cache whole: the
    /// entries removed so far are gone, the others stay.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(4).unwrap());
    /// for i in 0..4 {
    ///     cache.put(i, i);
    /// }
    /// cache.retain(|k, _| k % 2 == 0);
    /// assert_eq!(cache.len(), 2);
    /// ```
    pub fn retain<F>(&mut self, mut f: F)
    where
        F: FnMut(&K, &mut V) -> bool,
    {
        let Some(mut at) = self.list.head() else {
            return;
        };
        for _ in 0..self.list.len() {
            let next = self.list.next(at);
            let node = self.list.node_mut(at);
            if !f(&node.key, &mut node.value) {
                drop(self.take_at(at));
            }
            at = next;
        }
    }

    /// The number of entries.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the cache holds no entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let cache: LruCache<u8, u8> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert!(cache.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.list.len() == 0
    }

    /// The most entries the cache holds.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let cache: LruCache<u8, u8> = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// assert_eq!(cache.cap().get(), 2);
    /// ```
    pub fn cap(&self) -> NonZeroUsize {
        self.cap
    }

    /// Sets the capacity to `cap`; when it shrinks, the least recently used
    /// entries leave first, and the index gives memory back.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(3).unwrap());
    /// for i in 0..3 {
    ///     cache.put(i, i);
    /// }
    /// cache.resize(NonZeroUsize::new(1).unwrap());
    /// assert_eq!(cache.peek_mru(), Some((&2, &2)));
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn resize(&mut self, cap: NonZeroUsize) {
        if cap == self.cap {
            return;
        }
        while self.list.len() > cap.get() {
            self.pop_lru();
        }
        self.cap = cap;
        let hash_builder = &self.hash_builder;
        self.list
            .nodes
            .shrink_to_fit(|node| hash_builder.hash_one(&node.key));
    }

    /// Removes every entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// cache.put(1, "a");
    /// cache.clear();
    /// assert!(cache.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.list.clear();
    }

    /// Iterates from the most to the least recently used entry, without
    /// changing the order.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(3).unwrap());
    /// cache.put("a", 1);
    /// cache.put("b", 2);
    /// let keys: Vec<_> = cache.iter().map(|(k, _)| *k).collect();
    /// assert_eq!(keys, ["b", "a"]);
    /// ```
    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter::new(&self.list)
    }

    /// Iterates mutably from the most to the least recently used entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(3).unwrap());
    /// cache.put("a", 1);
    /// cache.put("b", 2);
    /// for (_, value) in cache.iter_mut() {
    ///     *value *= 10;
    /// }
    /// assert_eq!(cache.peek(&"a"), Some(&10));
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, K, V> {
        IterMut::new(&mut self.list)
    }

    /// The entry of `key`, found with one hash of it: read, change or fill
    /// it in place. An occupied entry becomes the most recently used.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::LruCache;
    /// use std::num::NonZeroUsize;
    ///
    /// let mut cache = LruCache::new(NonZeroUsize::new(2).unwrap());
    /// *cache.entry("hits").or_insert(0) += 1;
    /// *cache.entry("hits").or_insert(0) += 1;
    /// assert_eq!(cache.peek(&"hits"), Some(&2));
    /// ```
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V, S> {
        let hash = self.hash(&key);
        match self.list.find_promote(hash, &key) {
            Some((index, _)) => Entry::Occupied(OccupiedEntry::new(self, index, hash)),
            None => Entry::Vacant(VacantEntry::new(self, key, hash)),
        }
    }
}

/// What [`LruCache::store`] did.
enum Stored<K, V> {
    /// The key was present: the new key given back, and the old value.
    Replaced(K, V),
    /// A new entry evicted this one.
    Evicted(K, V),
    /// A new entry, nothing evicted.
    New,
}

impl<'a, K: Hash + Eq, V, S: BuildHasher> IntoIterator for &'a LruCache<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;

    fn into_iter(self) -> Iter<'a, K, V> {
        self.iter()
    }
}

impl<'a, K: Hash + Eq, V, S: BuildHasher> IntoIterator for &'a mut LruCache<K, V, S> {
    type Item = (&'a K, &'a mut V);
    type IntoIter = IterMut<'a, K, V>;

    fn into_iter(self) -> IterMut<'a, K, V> {
        self.iter_mut()
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> IntoIterator for LruCache<K, V, S> {
    type Item = (K, V);
    type IntoIter = IntoIter<K, V, S>;

    /// Yields the entries from the least to the most recently used, as
    /// `pop_lru` would.
    fn into_iter(self) -> IntoIter<K, V, S> {
        IntoIter::new(self)
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> fmt::Debug for LruCache<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LruCache")
            .field("len", &self.len())
            .field("cap", &self.cap())
            .finish()
    }
}
