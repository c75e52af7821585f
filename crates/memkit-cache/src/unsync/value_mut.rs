//! [`ValueMut`]: the guard of [`Cache::get_mut`](crate::Cache::get_mut).

use core::fmt;
use core::ops::{Deref, DerefMut};

use crate::unsync::store::Store;
use crate::weighter::Weighter;

/// A value of a [`Cache`](crate::Cache), lent mutably; the entry is weighed
/// again when the guard drops.
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
pub struct ValueMut<'a, K, V, W: Weighter<K, V>> {
    store: &'a mut Store<K, V>,
    weighter: &'a W,
    index: u32,
}

impl<'a, K, V, W: Weighter<K, V>> ValueMut<'a, K, V, W> {
    pub(crate) fn new(store: &'a mut Store<K, V>, weighter: &'a W, index: u32) -> Self {
        ValueMut {
            store,
            weighter,
            index,
        }
    }
}

impl<K, V, W: Weighter<K, V>> Deref for ValueMut<'_, K, V, W> {
    type Target = V;

    fn deref(&self) -> &V {
        &self.store.slot(self.index).value
    }
}

impl<K, V, W: Weighter<K, V>> DerefMut for ValueMut<'_, K, V, W> {
    fn deref_mut(&mut self) -> &mut V {
        &mut self.store.slot_mut(self.index).value
    }
}

impl<K, V, W: Weighter<K, V>> Drop for ValueMut<'_, K, V, W> {
    fn drop(&mut self) {
        let slot = self.store.slot(self.index);
        let weight = self.weighter.weight(&slot.key, &slot.value);
        let (old, main) = (slot.weight, slot.in_main);
        self.store.slot_mut(self.index).weight = weight;
        let fifo = if main {
            &mut self.store.main
        } else {
            &mut self.store.small
        };
        fifo.weight = fifo.weight - old + weight;
    }
}

impl<K, V: fmt::Debug, W: Weighter<K, V>> fmt::Debug for ValueMut<'_, K, V, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
