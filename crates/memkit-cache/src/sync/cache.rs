//! [`Cache`]: a sharded, thread-safe policy cache.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::borrow::Borrow;
use core::fmt;
use core::hash::{BuildHasher, Hash};

use parking_lot::Mutex;

use crate::DefaultHasher;
use crate::policy::{Policy, S3Fifo};
use crate::shim::Arc;
use crate::stats::Stats;
use crate::sync::once::{Pending, Probe, get_or_load};
use crate::unsync;
use crate::weighter::{UnitWeighter, Weighter};

/// Multiplies a key's hash before its shard is picked (2^64 divided by
/// the golden ratio, odd): the top bits of the product depend on every bit
/// of the hash. A hash's own bits are laid out for hashbrown, which reads
/// the low ones and the top seven, and foldhash's fast hash leaves some
/// bits in between nearly constant for runs of small integer keys under
/// some seeds; bits 40 to 42 alone once put 2,000 keys in four of eight
/// shards, which then evicted with the cache half full.
const SHARD_MIX: u64 = 0x9e37_79b9_7f4a_7c15;
/// The most shards.
const MAX_SHARDS: usize = 1 << 16;

/// One shard: a policy cache and the loads in progress for its keys.
struct Shard<K, V, W, P, S> {
    cache: unsync::Cache<K, V, W, P, S>,
    loading: Vec<(u64, Arc<Pending>)>,
}

/// The shards, each behind its lock.
type Shards<K, V, W, P, S> = Box<[Mutex<Shard<K, V, W, P, S>>]>;

/// A thread-safe cache, shared by reference or `Arc`: a boxed slice of
/// shards, each an [`unsync::Cache`] behind a `parking_lot::Mutex`, chosen
/// by bits of the key's hash (hashed once).
///
/// [`get`](Cache::get) returns a clone of the value: use cheap clones such
/// as `Arc<T>` or `Bytes`. [`get_or_insert_with`](Cache::get_or_insert_with)
/// runs its loader once per key however many threads miss it together.
///
/// # Examples
///
/// ```
/// use memkit_cache::sync::Cache;
/// use std::sync::Arc;
///
/// let cache: Arc<Cache<u32, Arc<str>>> = Arc::new(Cache::new(100));
/// let handles: Vec<_> = (0..4)
///     .map(|t| {
///         let cache = Arc::clone(&cache);
///         std::thread::spawn(move || {
///             cache.insert(t, Arc::from(format!("value {t}")));
///             cache.get(&t)
///         })
///     })
///     .collect();
/// for handle in handles {
///     assert!(handle.join().unwrap().is_some());
/// }
/// ```
pub struct Cache<K, V, W = UnitWeighter, P = S3Fifo, S = DefaultHasher> {
    shards: Shards<K, V, W, P, S>,
    hash_builder: S,
    capacity: u64,
}

impl<K: Hash + Eq, V: Clone> Cache<K, V> {
    /// A cache of at most about `capacity` entries, S3-FIFO, with a shard
    /// count fit for this machine's threads.
    ///
    /// The capacity is split evenly between shards, so one shard may evict
    /// while others have room.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache: Cache<u64, u64> = Cache::new(1000);
    /// assert!(cache.capacity() >= 1000);
    /// ```
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Cache::with(
            capacity,
            capacity as u64,
            UnitWeighter,
            DefaultHasher::default(),
        )
    }
}

impl<K: Hash + Eq, V: Clone, W: Weighter<K, V> + Clone> Cache<K, V, W> {
    /// A weighted cache: total weight at most about `weight_capacity`, room
    /// for `estimated_items` entries allocated now.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    /// use memkit_cache::Weighter;
    ///
    /// #[derive(Clone)]
    /// struct Len;
    /// impl Weighter<u32, String> for Len {
    ///     fn weight(&self, _: &u32, v: &String) -> u64 {
    ///         v.len() as u64
    ///     }
    /// }
    ///
    /// let cache = Cache::with_weighter(100, 10_000, Len);
    /// cache.insert(1, String::from("abc"));
    /// assert_eq!(cache.weight(), 3);
    /// ```
    pub fn with_weighter(estimated_items: usize, weight_capacity: u64, weighter: W) -> Self {
        Cache::with(
            estimated_items,
            weight_capacity,
            weighter,
            DefaultHasher::default(),
        )
    }
}

impl<K, V, W, P, S> Cache<K, V, W, P, S>
where
    K: Hash + Eq,
    V: Clone,
    W: Weighter<K, V> + Clone,
    P: Policy,
    S: BuildHasher + Clone,
{
    /// A cache with every part given. The shard count is a power of two,
    /// sixteen per available thread, fewer if the shards would hold fewer
    /// than 32 entries each.
    ///
    /// Sixteen rather than quick_cache's four, because a read locks its
    /// shard's `Mutex` exclusively (it marks the entry read): more shards
    /// make two threads less likely to want the same one. On the bench's
    /// two-thread Zipf mix (`cache/sync_zipf_2t_quick_cache`) that took
    /// the time per request from about 1.25 to about 0.9 of quick_cache's,
    /// and the hit ratio moved by less than 0.0002.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    /// use memkit_cache::{DefaultHasher, Sieve, UnitWeighter};
    ///
    /// let cache: Cache<u8, u8, UnitWeighter, Sieve> =
    ///     Cache::with(64, 64, UnitWeighter, DefaultHasher::default());
    /// assert!(cache.is_empty());
    /// ```
    pub fn with(
        estimated_items: usize,
        weight_capacity: u64,
        weighter: W,
        hash_builder: S,
    ) -> Self {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let by_threads = threads.saturating_mul(16).next_power_of_two();
        let by_size = (estimated_items / 32).max(1).next_power_of_two();
        let count = by_threads.min(by_size).min(MAX_SHARDS);
        let items = estimated_items.div_ceil(count);
        let weight = weight_capacity.div_ceil(count as u64);
        let shards = (0..count)
            .map(|_| {
                Mutex::new(Shard {
                    cache: unsync::Cache::with(
                        items,
                        weight,
                        weighter.clone(),
                        hash_builder.clone(),
                    ),
                    loading: Vec::new(),
                })
            })
            .collect();
        Cache {
            shards,
            hash_builder,
            capacity: weight * count as u64,
        }
    }

    /// Sets a listener that receives every entry the policy evicts, and
    /// every entry [`insert`](Cache::insert) refuses as heavier than a
    /// shard's capacity. Without one they are dropped.
    ///
    /// The listener runs on the thread that caused the eviction, while
    /// that entry's shard is locked: it must not call back into this cache
    /// for a key of the same shard. If it panics, the entry it was given is
    /// dropped, the lock is released and the cache stays whole.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    /// use std::sync::atomic::{AtomicU64, Ordering};
    /// use std::sync::Arc;
    ///
    /// let evicted = Arc::new(AtomicU64::new(0));
    /// let seen = Arc::clone(&evicted);
    /// let cache = Cache::new(100).with_eviction_listener(move |_: u64, _: u64| {
    ///     seen.fetch_add(1, Ordering::Relaxed);
    /// });
    /// for k in 0..1000 {
    ///     cache.insert(k, k);
    /// }
    /// assert_eq!(evicted.load(Ordering::Relaxed) as usize + cache.len(), 1000);
    /// ```
    #[must_use]
    pub fn with_eviction_listener(
        mut self,
        listener: impl Fn(K, V) + Send + Sync + 'static,
    ) -> Self {
        let listener = alloc::sync::Arc::new(listener);
        for shard in &mut *self.shards {
            let listener = alloc::sync::Arc::clone(&listener);
            shard
                .get_mut()
                .cache
                .set_eviction_listener(Box::new(move |k, v| listener(k, v)));
        }
        self
    }

    /// The shard of a key with hash `hash`: the top 32 bits of the mixed
    /// hash, scaled to the shard count (a power of two, so these are the
    /// product's top bits).
    #[inline]
    fn shard(&self, hash: u64) -> &Mutex<Shard<K, V, W, P, S>> {
        let top = hash.wrapping_mul(SHARD_MIX) >> 32;
        let index = ((top * self.shards.len() as u64) >> 32) as usize;
        &self.shards[index]
    }

    /// A clone of the value under `key`, marked as read.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert("a", 1);
    /// assert_eq!(cache.get(&"a"), Some(1));
    /// ```
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash_builder.hash_one(key);
        self.shard(hash).lock().cache.get_hashed(hash, key).cloned()
    }

    /// A clone of the value under `key`, without marking it as read or
    /// counting the lookup.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert("a", 1);
    /// assert_eq!(cache.peek(&"a"), Some(1));
    /// assert_eq!(cache.stats().hits, 0);
    /// ```
    pub fn peek<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash_builder.hash_one(key);
        self.shard(hash)
            .lock()
            .cache
            .peek_hashed(hash, key)
            .cloned()
    }

    /// Keeps only the entries for which `keep` returns true, one shard at a
    /// time (each locked while `keep` runs on its entries: `keep` must not
    /// call back into this cache).
    ///
    /// A panic in `keep`, `Hash` or a destructor leaves the cache whole:
    /// the entries removed so far are gone, the others stay, and every lock
    /// is released.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(100);
    /// for i in 0..10 {
    ///     cache.insert(i, i);
    /// }
    /// cache.retain(|k, _| k % 2 == 0);
    /// assert_eq!(cache.len(), 5);
    /// assert_eq!(cache.peek(&3), None);
    /// ```
    pub fn retain(&self, mut keep: impl FnMut(&K, &V) -> bool) {
        for shard in &*self.shards {
            shard.lock().cache.retain(&mut keep);
        }
    }

    /// Stores `value` under `key`; a value heavier than a shard's capacity
    /// is dropped (see [`try_insert`](Cache::try_insert)).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.get(&1), Some('a'));
    /// ```
    pub fn insert(&self, key: K, value: V) {
        drop(self.try_insert(key, value));
    }

    /// Stores `value` under `key`, or hands the pair back when it weighs
    /// more than a shard's capacity.
    ///
    /// # Errors
    ///
    /// `Err((key, value))` when the pair is too heavy.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// assert_eq!(cache.try_insert(1, 'a'), Ok(()));
    /// ```
    pub fn try_insert(&self, key: K, value: V) -> Result<(), (K, V)> {
        let hash = self.hash_builder.hash_one(&key);
        self.shard(hash)
            .lock()
            .cache
            .try_insert_hashed(hash, key, value)
    }

    /// Removes the entry under `key` and returns it.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.remove(&1), Some((1, 'a')));
    /// ```
    pub fn remove<Q>(&self, key: &Q) -> Option<(K, V)>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let hash = self.hash_builder.hash_one(key);
        self.shard(hash).lock().cache.remove_hashed(hash, key)
    }

    /// The value under `key`; on a miss, `loader` makes it and it is
    /// stored. When several threads miss the same key together, one runs
    /// its loader and the others wait for its value; if that loader fails
    /// or panics, they wake and one of them loads in turn.
    ///
    /// # Errors
    ///
    /// The error of this thread's loader; nothing is stored then.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache: Cache<String, u64> = Cache::new(10);
    /// assert_eq!(cache.get_or_insert_with("k", || Ok::<_, ()>(7)), Ok(7));
    /// assert_eq!(cache.get_or_insert_with("k", || Err(())), Ok(7));
    /// ```
    pub fn get_or_insert_with<Q, E>(
        &self,
        key: &Q,
        loader: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized + ToOwned<Owned = K>,
    {
        let hash = self.hash_builder.hash_one(key);
        let shard = self.shard(hash);
        get_or_load(
            || {
                let mut shard = shard.lock();
                if let Some(value) = shard.cache.get_hashed(hash, key) {
                    return Probe::Hit(value.clone());
                }
                if let Some((_, pending)) = shard.loading.iter().find(|(h, _)| *h == hash) {
                    return Probe::Wait(Arc::clone(pending));
                }
                let pending = Pending::new();
                shard.loading.push((hash, Arc::clone(&pending)));
                Probe::Load(pending)
            },
            |mine, value| {
                let mut shard = shard.lock();
                if let Some(at) = shard.loading.iter().position(|(_, p)| Arc::ptr_eq(p, mine)) {
                    shard.loading.swap_remove(at);
                }
                if let Some(value) = value {
                    drop(shard.cache.try_insert_hashed(hash, key.to_owned(), value));
                }
            },
            loader,
        )
    }

    /// The number of entries.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|shard| shard.lock().cache.len())
            .sum()
    }

    /// Whether the cache holds no entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache: Cache<u8, u8> = Cache::new(10);
    /// assert!(cache.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.shards
            .iter()
            .all(|shard| shard.lock().cache.is_empty())
    }

    /// The total weight of the entries, at most `u64::MAX`: each shard
    /// holds a share of the capacity rounded up, so with a capacity near
    /// `u64::MAX` the shares may sum past it.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert(1, 'a');
    /// assert_eq!(cache.weight(), 1);
    /// ```
    pub fn weight(&self) -> u64 {
        self.shards
            .iter()
            .map(|shard| shard.lock().cache.weight())
            .fold(0, u64::saturating_add)
    }

    /// The total capacity: the shard capacity times the shard count, at
    /// least what was asked for.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache: Cache<u8, u8> = Cache::new(10);
    /// assert!(cache.capacity() >= 10);
    /// ```
    pub fn capacity(&self) -> u64 {
        self.capacity
    }

    /// Removes every entry.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert(1, 'a');
    /// cache.clear();
    /// assert!(cache.is_empty());
    /// ```
    pub fn clear(&self) {
        for shard in &*self.shards {
            shard.lock().cache.clear();
        }
    }

    /// The counts of every shard, added up.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::sync::Cache;
    ///
    /// let cache = Cache::new(10);
    /// cache.insert(1, 'a');
    /// cache.get(&1);
    /// cache.get(&2);
    /// let stats = cache.stats();
    /// assert_eq!((stats.hits, stats.misses, stats.insertions), (1, 1, 1));
    /// ```
    pub fn stats(&self) -> Stats {
        self.shards.iter().fold(Stats::default(), |sum, shard| {
            let stats = shard.lock().cache.stats();
            Stats {
                hits: sum.hits + stats.hits,
                misses: sum.misses + stats.misses,
                evictions: sum.evictions + stats.evictions,
                insertions: sum.insertions + stats.insertions,
            }
        })
    }
}

impl<K, V, W, P, S> fmt::Debug for Cache<K, V, W, P, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cache")
            .field("shards", &self.shards.len())
            .field("capacity", &self.capacity)
            .finish()
    }
}
