//! Caches built on one slab with `u32` links and a `HashTable<u32>` index
//! that stores each key once.
//!
//! * [`LruCache`]: a drop-in for `lru` 0.19.1, at about half its heap per
//!   entry, with an [`entry`](LruCache::entry) API that hashes once.
#![no_std]
#![doc(test(attr(deny(warnings))))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod lru;
mod node;

pub use crate::lru::iter::{IntoIter, Iter, IterMut};
pub use crate::lru::lru_cache::LruCache;

/// The hasher [`LruCache`] uses unless told otherwise: hashbrown's default,
/// as lru's with its default `hashbrown` feature.
pub type DefaultHasher = hashbrown::DefaultHashBuilder;

/// Another name for [`DefaultHasher`].
pub type DefaultHashBuilder = hashbrown::DefaultHashBuilder;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
