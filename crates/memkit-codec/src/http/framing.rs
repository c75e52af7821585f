//! [`Framing`]: how a message's body is delimited.

/// How the body of a message is delimited (RFC 9112 §6.3).
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{Framing, RequestDecoder, RequestFrame};
///
/// let mut buf = BytesMut::from(&b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"[..]);
/// let Some(RequestFrame::Head(head)) = RequestDecoder::new().decode(&mut buf).unwrap() else {
///     panic!("no head")
/// };
/// assert_eq!(head.framing(), Framing::Length(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Framing {
    /// No body.
    Empty,
    /// A body of exactly this many bytes (Content-Length).
    Length(u64),
    /// A chunked body (Transfer-Encoding ending in chunked).
    Chunked,
    /// A response body that ends when the connection closes.
    UntilClose,
    /// No body, and the connection stops speaking HTTP/1.1 after this
    /// message (a 2xx response to CONNECT, or 101 Switching Protocols).
    Upgrade,
}
