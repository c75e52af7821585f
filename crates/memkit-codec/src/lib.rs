//! Zero-copy framing on [`memkit_bytes`]: tokio-util's codecs, and a strict,
//! resumable HTTP/1.1 codec.
//!
//! * [`Decoder`] and [`Encoder`] with tokio-util 0.7's contract, over
//!   memkit's [`BytesMut`](memkit_bytes::BytesMut).
//! * [`BytesCodec`], [`LinesCodec`], [`AnyDelimiterCodec`] and
//!   [`LengthDelimitedCodec`] with its [`Builder`]: tokio-util's names,
//!   defaults and errors. Every scan resumes where it stopped, so the cost
//!   does not depend on how the bytes arrived, and a declared length is never
//!   reserved before its bytes arrive.
//! * [`http`]: a strict RFC 9112 request and response codec.
//! * With feature `tokio`: `FramedRead`, `FramedWrite` and `Framed`, as
//!   `futures` `Stream` and `Sink`.
//!
//! # Examples
//!
//! ```
//! use memkit_bytes::BytesMut;
//! use memkit_codec::{Decoder, LinesCodec};
//!
//! let mut codec = LinesCodec::new();
//! let mut buf = BytesMut::new();
//! buf.extend_from_slice(b"hel");
//! assert_eq!(codec.decode(&mut buf).unwrap(), None);
//! buf.extend_from_slice(b"lo\n");
//! assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("hello"));
//! ```
#![doc(test(attr(deny(warnings))))]
// The one exception is the private `raw` module.
#![deny(unsafe_code)]

mod any_delimiter_codec;
mod any_delimiter_codec_error;
mod builder;
mod bytes_codec;
mod decoder;
mod encoder;
#[cfg(feature = "tokio")]
mod framed;
pub mod http;
mod length_delimited_codec;
mod length_delimited_codec_error;
mod lines_codec;
mod lines_codec_error;
#[allow(unsafe_code)]
mod raw;

pub use crate::any_delimiter_codec::AnyDelimiterCodec;
pub use crate::any_delimiter_codec_error::AnyDelimiterCodecError;
pub use crate::builder::Builder;
pub use crate::bytes_codec::BytesCodec;
pub use crate::decoder::Decoder;
pub use crate::encoder::Encoder;
#[cfg(feature = "tokio")]
pub use crate::framed::{Framed, FramedRead, FramedWrite};
pub use crate::length_delimited_codec::LengthDelimitedCodec;
pub use crate::length_delimited_codec_error::LengthDelimitedCodecError;
pub use crate::lines_codec::LinesCodec;
pub use crate::lines_codec_error::LinesCodecError;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
