//! [`ErrorKind`]: why an HTTP message was refused.

use std::fmt;

/// Why an HTTP message was refused. Each limit has its own kind.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{ErrorKind, RequestDecoder};
///
/// let mut buf = BytesMut::from(&b"GET / HTTP/1.1\r\nHost : x\r\n\r\n"[..]);
/// let err = RequestDecoder::new().decode(&mut buf).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::WhitespaceBeforeColon);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The stream failed.
    Io,
    /// The stream ended inside a message.
    IncompleteMessage,
    /// The head (start line and fields) is longer than the limit.
    HeadTooLarge,
    /// One line of the head, a chunk-size line or a trailer line is longer
    /// than the limit.
    LineTooLong,
    /// More fields than the limit.
    TooManyFields,
    /// The chunk extensions of one message add up to more than the limit.
    ChunkExtensionsTooLarge,
    /// The trailer section is longer than the limit.
    TrailersTooLarge,
    /// A line ended with LF alone, not CRLF.
    BareLf,
    /// A method that is not a token.
    InvalidMethod,
    /// A request target that is empty or holds whitespace, a control byte
    /// or a non-ASCII byte.
    InvalidTarget,
    /// A request line that is not `method SP target SP version`.
    InvalidRequestLine,
    /// A version that is not `HTTP/DIGIT.DIGIT`.
    InvalidVersion,
    /// A major version other than 1.
    VersionNotSupported,
    /// A status line that is not `version SP 3DIGIT SP reason`.
    InvalidStatusLine,
    /// A field name that is empty or not a token.
    InvalidFieldName,
    /// Whitespace between a field name and its colon.
    WhitespaceBeforeColon,
    /// A field line folded onto the next (obs-fold).
    ObsFold,
    /// A field value with a control byte other than HTAB.
    InvalidFieldValue,
    /// A Content-Length that is not `1*DIGIT`, or does not fit in a `u64`.
    InvalidContentLength,
    /// More than one Content-Length line.
    MultipleContentLength,
    /// Transfer-Encoding together with Content-Length.
    TransferEncodingWithContentLength,
    /// Transfer-Encoding in an HTTP/1.0 message.
    TransferEncodingOnHttp10,
    /// A Transfer-Encoding list that is malformed, applies chunked twice,
    /// or (in a request) does not end with chunked.
    InvalidTransferEncoding,
    /// An HTTP/1.1 request without Host.
    MissingHost,
    /// More than one Host line.
    MultipleHost,
    /// A chunk size that is not `1*HEXDIG`, or does not fit in a `u64`.
    InvalidChunkSize,
    /// A chunk extension that does not follow the grammar.
    InvalidChunkExtension,
    /// Chunk data not followed by exactly CRLF.
    InvalidChunkEnd,
    /// A framing field (Content-Length, Transfer-Encoding, Host) in the
    /// trailers.
    ForbiddenTrailer,
    /// An encoder was given a body longer or shorter than its head
    /// declared, or a body where the head allows none.
    BodyLengthMismatch,
}

impl ErrorKind {
    /// A short description.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::ErrorKind;
    ///
    /// assert_eq!(ErrorKind::BareLf.description(), "line ended by a bare LF");
    /// ```
    pub fn description(self) -> &'static str {
        match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::IncompleteMessage => "stream ended inside a message",
            ErrorKind::HeadTooLarge => "head too large",
            ErrorKind::LineTooLong => "line too long",
            ErrorKind::TooManyFields => "too many fields",
            ErrorKind::ChunkExtensionsTooLarge => "chunk extensions too large",
            ErrorKind::TrailersTooLarge => "trailers too large",
            ErrorKind::BareLf => "line ended by a bare LF",
            ErrorKind::InvalidMethod => "invalid method",
            ErrorKind::InvalidTarget => "invalid request target",
            ErrorKind::InvalidRequestLine => "invalid request line",
            ErrorKind::InvalidVersion => "invalid HTTP version",
            ErrorKind::VersionNotSupported => "HTTP version not supported",
            ErrorKind::InvalidStatusLine => "invalid status line",
            ErrorKind::InvalidFieldName => "invalid field name",
            ErrorKind::WhitespaceBeforeColon => "whitespace before a field's colon",
            ErrorKind::ObsFold => "folded field line",
            ErrorKind::InvalidFieldValue => "invalid field value",
            ErrorKind::InvalidContentLength => "invalid Content-Length",
            ErrorKind::MultipleContentLength => "more than one Content-Length",
            ErrorKind::TransferEncodingWithContentLength => "Transfer-Encoding with Content-Length",
            ErrorKind::TransferEncodingOnHttp10 => "Transfer-Encoding in HTTP/1.0",
            ErrorKind::InvalidTransferEncoding => "invalid Transfer-Encoding",
            ErrorKind::MissingHost => "HTTP/1.1 request without Host",
            ErrorKind::MultipleHost => "more than one Host",
            ErrorKind::InvalidChunkSize => "invalid chunk size",
            ErrorKind::InvalidChunkExtension => "invalid chunk extension",
            ErrorKind::InvalidChunkEnd => "chunk data not followed by CRLF",
            ErrorKind::ForbiddenTrailer => "framing field in trailers",
            ErrorKind::BodyLengthMismatch => "body length does not match the head",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}
