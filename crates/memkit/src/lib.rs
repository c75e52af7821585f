//! memkit: a Rust memory-management toolkit.
//!
//! Each module is its own crate, re-exported here:
//!
//! * [`bytes`]: zero-copy byte buffers, a drop-in for the `bytes` crate,
//!   with buffer pools.
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

#[doc(inline)]
pub use memkit_bytes as bytes;

#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
