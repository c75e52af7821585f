//! [`ValueMut`]: the guard of [`Cache::get_mut`](crate::Cache::get_mut).

use core::fmt;
use core::hash::{BuildHasher, Hash};
use core::ops::{Deref, DerefMut};

use crate::policy::Policy;
use crate::unsync::cache::Cache;
use crate::weighter::Weighter;

/// A value of a [`Cache`](crate::Cache), lent mutably. When the guard
/// drops, the entry is weighed again, and if the cache is now over its
/// capacity the policy evicts (through the listener) until it fits.
///
/// # Examples
///
/// ```
/// use memkit_cache::Cache;
///
/// let mut cache = Cache::new(2);
/// cache.insert(1, String::from("a"));
/// if let Some(mut value) = cache.get_mut(&1) {
///     value.push('b');
/// }
/// assert_eq!(cache.peek(&1).map(String::as_str), Some("ab"));
/// ```
pub struct ValueMut<'a, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    cache: &'a mut Cache<K, V, W, P, S>,
    index: u32,
}

impl<'a, K, V, W, P, S> ValueMut<'a, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    pub(crate) fn new(cache: &'a mut Cache<K, V, W, P, S>, index: u32) -> Self {
        ValueMut { cache, index }
    }
}

impl<K, V, W, P, S> Deref for ValueMut<'_, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    type Target = V;

    fn deref(&self) -> &V {
        self.cache.value(self.index)
    }
}

impl<K, V, W, P, S> DerefMut for ValueMut<'_, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    fn deref_mut(&mut self) -> &mut V {
        self.cache.value_mut(self.index)
    }
}

impl<K, V, W, P, S> Drop for ValueMut<'_, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    fn drop(&mut self) {
        self.cache.reweigh(self.index);
    }
}

impl<K, V: fmt::Debug, W, P, S> fmt::Debug for ValueMut<'_, K, V, W, P, S>
where
    K: Hash + Eq,
    W: Weighter<K, V>,
    P: Policy,
    S: BuildHasher,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
