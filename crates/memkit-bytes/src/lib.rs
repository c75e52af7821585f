//! Zero-copy byte buffers: a drop-in for [`bytes`] 1.x that allocates less
//! and pools its buffers.
//!
//! * [`Bytes`]: cheaply cloneable, sliceable, immutable bytes.
//! * [`BytesMut`]: a unique, growable buffer that splits and freezes into
//!   `Bytes` without copying.
//! * [`Buf`] and [`BufMut`]: reading and writing through cursors, with every
//!   integer and float in both byte orders.
//! * [`BytesPool`]: a bounded pool whose buffers come back when their last
//!   handle drops (feature `std`).
//! * With feature `bytes1`, zero-copy conversions between [`Bytes`] and
//!   `bytes::Bytes`, for crates whose API takes the latter.
//!
//! Switch an existing project over with one line of `Cargo.toml`:
//!
//! ```toml
//! bytes = { package = "memkit-bytes", version = "0.1" }
//! ```
//!
//! # Examples
//!
//! ```
//! use memkit_bytes::{Buf, BufMut, BytesMut};
//!
//! let mut buf = BytesMut::with_capacity(1024);
//! buf.put_u32(7);
//! buf.put_slice(b"payload");
//! let mut frame = buf.split().freeze();
//! assert_eq!(frame.get_u32(), 7);
//! assert_eq!(frame, "payload");
//! ```
//!
//! [`bytes`]: https://docs.rs/bytes/1
#![no_std]
#![doc(test(attr(deny(warnings))))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod buf;
mod bytes;
#[cfg(feature = "bytes1")]
mod bytes1;
mod bytes_mut;
mod cmp;
mod fmt;
mod panics;
#[cfg(feature = "std")]
mod pool;
mod raw;
#[cfg(feature = "serde")]
mod serde;
mod sync;
mod try_get_error;
mod try_reserve_error;

pub use crate::buf::{Buf, BufMut};
pub use crate::bytes::Bytes;
pub use crate::bytes_mut::BytesMut;
#[cfg(feature = "std")]
pub use crate::pool::BytesPool;
pub use crate::try_get_error::TryGetError;
pub use crate::try_reserve_error::TryReserveError;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
