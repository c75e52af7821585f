//! [`Weighter`] and [`UnitWeighter`].

/// How much of a [`Cache`](crate::Cache)'s capacity one entry takes.
///
/// The cache weighs an entry when it is stored and again after
/// [`Cache::get_mut`](crate::Cache::get_mut) hands the value out.
///
/// # Examples
///
/// ```
/// use memkit_cache::{Cache, Weighter};
///
/// #[derive(Clone)]
/// struct ByLen;
///
/// impl Weighter<u32, String> for ByLen {
///     fn weight(&self, _key: &u32, value: &String) -> u64 {
///         value.len() as u64
///     }
/// }
///
/// let mut cache = Cache::with_weighter(4, 10, ByLen);
/// cache.insert(1, String::from("hello"));
/// assert_eq!(cache.weight(), 5);
/// ```
pub trait Weighter<K, V> {
    /// The weight of one entry.
    fn weight(&self, key: &K, value: &V) -> u64;
}

/// Every entry weighs 1: the capacity counts entries.
///
/// # Examples
///
/// ```
/// use memkit_cache::{UnitWeighter, Weighter};
///
/// assert_eq!(UnitWeighter.weight(&"key", &"value"), 1);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct UnitWeighter;

impl<K, V> Weighter<K, V> for UnitWeighter {
    #[inline]
    fn weight(&self, _key: &K, _value: &V) -> u64 {
        1
    }
}
