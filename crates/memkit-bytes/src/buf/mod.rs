//! Traits and adapters for reading and writing bytes through a cursor.
//!
//! A *buffer* here is any sequence of bytes with a position in it. The bytes
//! can sit in one block of memory or in several; the traits hide which.
//!
//! # `Buf` and `BufMut`
//!
//! [`Buf`] reads: it hands out the bytes at its cursor and decodes integers
//! and floats in big-, little- or native-endian order. [`BufMut`] writes: it
//! hands out room at its cursor, possibly uninitialized (as an
//! [`UninitSlice`]), and encodes the same types. Both are close to an
//! iterator over bytes, but work a slice at a time, so that copying stays
//! fast. Unlike `std::io::Read` and `std::io::Write`, their operations
//! never fail with an I/O error: a buffer either has the bytes (or the room)
//! or the call panics, and the `try_get_*` readers report a short buffer as a
//! [`TryGetError`](crate::TryGetError).
//!
//! # Adapters
//!
//! - [`Chain`] joins two buffers into one ([`Buf::chain`],
//!   [`BufMut::chain_mut`]).
//! - [`Take`] caps how much can be read ([`Buf::take`]); [`Limit`] caps how
//!   much can be written ([`BufMut::limit`]).
//! - `Reader` and `Writer` bridge to `std::io` (`Buf::reader`,
//!   `BufMut::writer`); they need the `std` feature.
//! - [`IntoIter`] turns a `Buf` into an iterator over its bytes.
//!
//! # Examples
//!
//! ```
//! use memkit_bytes::{Buf, BufMut};
//!
//! let mut out = Vec::new();
//! out.put_u16(3);
//! out.put_slice(b"abc");
//!
//! let mut input = &out[..];
//! let len = usize::from(input.get_u16());
//! assert_eq!(&input.copy_to_bytes(len)[..], b"abc");
//! ```

mod buf_impl;
mod buf_mut;
mod chain;
mod chunks;
mod iter;
mod limit;
#[cfg(feature = "std")]
mod reader;
mod take;
mod uninit_slice;
#[cfg(feature = "std")]
mod writer;

pub use self::buf_impl::Buf;
pub use self::buf_mut::BufMut;
pub use self::chain::Chain;
pub use self::iter::IntoIter;
pub use self::limit::Limit;
pub use self::take::Take;
pub use self::uninit_slice::UninitSlice;

#[cfg(feature = "std")]
pub use self::{reader::Reader, writer::Writer};
