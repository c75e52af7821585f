//! memkit: a Rust memory-management toolkit.
//!
//! Each module is its own crate, re-exported here:
//!
//! * [`bytes`]: zero-copy byte buffers, a drop-in for the `bytes` crate,
//!   with buffer pools.
//! * [`slab`]: a drop-in for the `slab` crate, plus `GenSlab` with 8-byte
//!   generational keys that never return another value.
//! * [`arena`]: bump and typed arenas, a drop-in for `bumpalo` 3 and
//!   `typed-arena` 2, with scopes, checkpoints and a keep-all reset.
//! * [`cache`]: a drop-in for the `lru` crate on a slab with `u32` links,
//!   an S3-FIFO/SIEVE cache and a sharded concurrent one.
//! * [`codec`] (feature `std`): tokio-util's codecs and a strict,
//!   resumable HTTP/1.1 codec, on memkit's buffers.
//! * [`tree`]: trees in one arena, a drop-in for `indextree` 4.9, with
//!   8-byte generation-checked ids and no recursion anywhere.
//! * [`alloc`] (feature `std`): allocation accounting, a counting global
//!   allocator with per-thread counters, peaks and regions.
//!
//! # Examples
//!
//! ```
//! use memkit::bytes::{BufMut, BytesMut};
//!
//! let mut buf = BytesMut::with_capacity(64);
//! buf.put_slice(b"hello");
//! assert_eq!(buf.freeze(), "hello");
//! ```
#![no_std]
#![doc(test(attr(deny(warnings))))]

#[cfg(feature = "std")]
#[doc(inline)]
pub use memkit_alloc as alloc;
#[doc(inline)]
pub use memkit_arena as arena;
#[doc(inline)]
pub use memkit_bytes as bytes;
#[doc(inline)]
pub use memkit_cache as cache;
#[cfg(feature = "std")]
#[doc(inline)]
pub use memkit_codec as codec;
#[doc(inline)]
pub use memkit_slab as slab;
#[doc(inline)]
pub use memkit_tree as tree;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
