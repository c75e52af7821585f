//! The parts of [`LruCache`](crate::LruCache) beyond lru's API: its
//! [`entry`](crate::LruCache::entry) types.

mod entry;
pub(crate) mod iter;
pub(crate) mod list;
pub(crate) mod lru_cache;

pub use entry::{Entry, OccupiedEntry, VacantEntry};
