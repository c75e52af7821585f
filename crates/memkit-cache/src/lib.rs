//! Caches built on one slab with `u32` links and a `HashTable<u32>` index
//! that stores each key once.
//!
//! * [`LruCache`]: a drop-in for `lru` 0.19.1, at about half its heap per
//!   entry, with an [`entry`](LruCache::entry) API that hashes once.
//! * [`Cache`]: a weighted cache with the S3-FIFO policy (or SIEVE), whose
//!   hit ratio beats LRU's; method names follow quick_cache's
//!   `unsync::Cache`.
//! * [`sync::Cache`]: the same cache in shards behind `parking_lot`
//!   mutexes, `Send + Sync`, with a loader that runs once per key.
#![no_std]
#![doc(test(attr(deny(warnings))))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod ghost;
pub mod lru;
mod node;
mod policy;
mod raw;
#[cfg(feature = "std")]
mod shim;
mod stats;
#[cfg(feature = "std")]
pub mod sync;
pub mod unsync;
mod weighter;

pub use crate::lru::iter::{IntoIter, Iter, IterMut};
pub use crate::lru::lru_cache::LruCache;
pub use crate::policy::{Policy, S3Fifo, Sieve};
pub use crate::stats::Stats;
pub use crate::unsync::Cache;
pub use crate::weighter::{UnitWeighter, Weighter};

/// The hasher [`LruCache`] uses unless told otherwise: hashbrown's default,
/// as lru's with its default `hashbrown` feature.
pub type DefaultHasher = hashbrown::DefaultHashBuilder;

/// Another name for [`DefaultHasher`].
pub type DefaultHashBuilder = hashbrown::DefaultHashBuilder;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
