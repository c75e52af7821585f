//! A strict, resumable, zero-copy HTTP/1.1 codec (RFC 9112, RFC 9110).
//!
//! [`RequestDecoder`] and [`ResponseDecoder`] turn bytes into frames
//! (`Head`, `Data`, `Trailers`, `End`); [`RequestEncoder`] and
//! [`ResponseEncoder`] turn frames back into bytes. The decoders are strict
//! by default, with named lenient options and limits on a
//! [`DecoderBuilder`]; every error has an [`ErrorKind`] and a byte offset.
//!
//! # Examples
//!
//! ```
//! use memkit_bytes::BytesMut;
//! use memkit_codec::Decoder;
//! use memkit_codec::http::{RequestDecoder, RequestFrame};
//!
//! let mut decoder = RequestDecoder::new();
//! let mut buf = BytesMut::from(&b"GET /hello HTTP/1.1\r\nHost: example.com\r\n\r\n"[..]);
//! match decoder.decode(&mut buf).unwrap() {
//!     Some(RequestFrame::Head(head)) => assert_eq!(head.target(), "/hello"),
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!(decoder.decode(&mut buf).unwrap(), Some(RequestFrame::End));
//! ```

mod body_writer;
pub(crate) mod chars;
mod core;
mod decoder_builder;
mod error;
mod error_kind;
mod field_list;
mod fields;
mod fields_iter;
mod framing;
mod get_all;
#[cfg(feature = "http")]
mod interop;
mod limits;
mod request_decoder;
mod request_encoder;
mod request_frame;
mod request_head;
mod response_decoder;
mod response_encoder;
mod response_frame;
mod response_head;
mod version;

pub use self::decoder_builder::DecoderBuilder;
pub use self::error::Error;
pub use self::error_kind::ErrorKind;
pub use self::fields::Fields;
pub use self::fields_iter::FieldsIter;
pub use self::framing::Framing;
pub use self::get_all::GetAll;
pub use self::request_decoder::RequestDecoder;
pub use self::request_encoder::RequestEncoder;
pub use self::request_frame::RequestFrame;
pub use self::request_head::RequestHead;
pub use self::response_decoder::ResponseDecoder;
pub use self::response_encoder::ResponseEncoder;
pub use self::response_frame::ResponseFrame;
pub use self::response_head::ResponseHead;
pub use self::version::Version;
