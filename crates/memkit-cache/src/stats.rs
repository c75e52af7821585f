//! [`Stats`].

/// What a [`Cache`](crate::Cache) has counted since it was made or since
/// [`Cache::reset_stats`](crate::Cache::reset_stats).
///
/// # Examples
///
/// ```
/// use memkit_cache::Cache;
///
/// let mut cache = Cache::new(1);
/// cache.insert(1, 'a');
/// cache.insert(2, 'b');
/// assert_eq!(cache.get(&1), None);
/// let stats = cache.stats();
/// assert_eq!((stats.insertions, stats.evictions, stats.misses), (2, 1, 1));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Lookups that found their key (`get`, `get_mut`, `get_or_insert_with`).
    pub hits: u64,
    /// Lookups that did not.
    pub misses: u64,
    /// Entries the policy pushed out to make room.
    pub evictions: u64,
    /// New entries stored.
    pub insertions: u64,
}

impl Stats {
    /// Hits over lookups, from 0 to 1; 0 before any lookup.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_cache::Stats;
    ///
    /// let stats = Stats { hits: 3, misses: 1, ..Stats::default() };
    /// assert_eq!(stats.hit_ratio(), 0.75);
    /// ```
    #[must_use]
    pub fn hit_ratio(&self) -> f64 {
        let lookups = self.hits + self.misses;
        if lookups == 0 {
            0.0
        } else {
            self.hits as f64 / lookups as f64
        }
    }
}
