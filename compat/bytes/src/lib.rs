//! memkit-bytes under the name `bytes`.
//!
//! Cargo's `[patch]` matches a dependency by package name, so a graph that
//! depends on `bytes` (tokio, hyper, http, h2, tonic, …) can only be moved
//! onto memkit-bytes by a package named `bytes`. This is that package: it
//! re-exports all of [`memkit_bytes`] and passes its features through.
//!
//! ```toml
//! [patch.crates-io]
//! bytes = { git = "https://github.com/memkit-rs/memkit" }
//! ```
//!
//! See the "Run your whole dependency graph on memkit-bytes" section of the
//! memkit README.
//!
//! # Examples
//!
//! ```
//! use bytes::{Buf, BufMut, BytesMut};
//!
//! let mut buf = BytesMut::new();
//! buf.put_u16(0xcafe);
//! buf.put_slice(b"memkit");
//! let mut frame = buf.freeze();
//! assert_eq!(frame.get_u16(), 0xcafe);
//! assert_eq!(frame, "memkit");
//! ```
#![no_std]
#![doc(test(attr(deny(warnings))))]

pub use memkit_bytes::*;
