//! [`RequestHead`]: the start line and fields of a request.

use std::fmt;

use memkit_bytes::Bytes;

use super::core::{HeadParts, StartLine};
use super::field_list::Span;
use super::{Error, Fields, Framing, RequestDecoder, RequestFrame, Version};
use crate::Decoder;

/// The head of a request: method, target, version and fields, all views of
/// one frozen [`Bytes`], and what they imply for the body and the
/// connection.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{RequestDecoder, RequestFrame, Version};
///
/// let mut buf = BytesMut::from(&b"GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n"[..]);
/// let Some(RequestFrame::Head(head)) = RequestDecoder::new().decode(&mut buf).unwrap() else {
///     panic!("no head")
/// };
/// assert_eq!(head.method(), "GET");
/// assert_eq!(head.target(), "/index.html");
/// assert_eq!(head.version(), Version::Http11);
/// assert_eq!(head.header("HOST"), Some(&b"example.com"[..]));
/// assert!(head.keep_alive());
/// ```
#[derive(Clone)]
pub struct RequestHead {
    fields: Fields,
    method: Span,
    target: Span,
    version: Version,
    framing: Framing,
    keep_alive: bool,
    expect_continue: bool,
}

impl RequestHead {
    #[inline]
    pub(crate) fn from_parts(parts: HeadParts, fields: Fields) -> RequestHead {
        let StartLine::Request { method, target } = parts.line else {
            unreachable!("a request decoder reads request lines")
        };
        RequestHead {
            fields,
            method,
            target,
            version: parts.version,
            framing: parts.framing,
            keep_alive: parts.keep_alive,
            expect_continue: parts.expect_continue,
        }
    }

    /// Builds an HTTP/1.1 request head from its parts, checked by the
    /// strict decoder: the method must be a token, the target visible
    /// ASCII ([`ErrorKind::InvalidMethod`](super::ErrorKind::InvalidMethod),
    /// [`ErrorKind::InvalidTarget`](super::ErrorKind::InvalidTarget)), each name a token and each value free of CR, LF, NUL and other
    /// control bytes, and a Host field is required.
    ///
    /// # Errors
    ///
    /// The decoder's error for the first part that breaks a rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{ErrorKind, RequestHead};
    ///
    /// let head = RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.method(), "GET");
    /// let err = RequestHead::new("GET", "/", &[("Host", b"a\r\nX: y")]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidFieldValue);
    /// ```
    pub fn new(method: &str, target: &str, fields: &[(&str, &[u8])]) -> Result<RequestHead, Error> {
        if method.is_empty() || !method.bytes().all(super::chars::is_tchar) {
            return Err(Error::new(super::ErrorKind::InvalidMethod, 0));
        }
        if target.is_empty() || !target.bytes().all(super::chars::is_target_byte) {
            return Err(Error::new(
                super::ErrorKind::InvalidTarget,
                method.len() as u64 + 1,
            ));
        }
        let mut wire = memkit_bytes::BytesMut::new();
        wire.extend_from_slice(method.as_bytes());
        wire.extend_from_slice(b" ");
        wire.extend_from_slice(target.as_bytes());
        wire.extend_from_slice(b" HTTP/1.1\r\n");
        super::response_head::write_fields(&mut wire, fields)?;
        let mut decoder = RequestDecoder::new();
        match decoder.decode(&mut wire)? {
            Some(RequestFrame::Head(head)) => Ok(head),
            _ => Err(Error::new(super::ErrorKind::IncompleteMessage, 0)),
        }
    }

    /// The method, a token.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::RequestHead::new("PATCH", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.method(), "PATCH");
    /// ```
    #[inline]
    pub fn method(&self) -> &str {
        self.ascii(self.method)
    }

    /// The request target, visible ASCII.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::RequestHead::new("GET", "/a?b=c", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.target(), "/a?b=c");
    /// ```
    #[inline]
    pub fn target(&self) -> &str {
        self.ascii(self.target)
    }

    /// The version.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{RequestHead, Version};
    ///
    /// let head = RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.version(), Version::Http11);
    /// ```
    pub fn version(&self) -> Version {
        self.version
    }

    /// The fields, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.fields().len(), 1);
    /// ```
    #[inline]
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The value of the first field named `name`, ignoring ASCII case.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.header("host"), Some(&b"a"[..]));
    /// ```
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.fields.get(name)
    }

    /// How the body is delimited.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{Framing, RequestHead};
    ///
    /// let head = RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(head.framing(), Framing::Empty);
    /// ```
    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Whether the connection stays open after this request (HTTP/1.1
    /// without `Connection: close`, or HTTP/1.0 with
    /// `Connection: keep-alive`).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::RequestHead;
    ///
    /// let head = RequestHead::new("GET", "/", &[("Host", b"a"), ("Connection", b"close")]).unwrap();
    /// assert!(!head.keep_alive());
    /// ```
    pub fn keep_alive(&self) -> bool {
        self.keep_alive
    }

    /// Whether the client waits for `100 Continue` before sending the body
    /// (`Expect: 100-continue`).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::RequestHead;
    ///
    /// let head = RequestHead::new("PUT", "/", &[("Host", b"a"), ("Expect", b"100-continue")]).unwrap();
    /// assert!(head.expects_continue());
    /// ```
    pub fn expects_continue(&self) -> bool {
        self.expect_continue
    }

    /// The bytes of the whole head as received, empty line included.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    /// assert_eq!(&head.as_bytes()[..], b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    /// ```
    pub fn as_bytes(&self) -> &Bytes {
        self.fields.as_bytes()
    }

    /// A span of the head that the decoder checked to be ASCII.
    #[inline]
    fn ascii(&self, span: Span) -> &str {
        crate::raw::ascii_str(span.of(self.fields.as_bytes())).unwrap_or_default()
    }
}

impl fmt::Debug for RequestHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestHead")
            .field("method", &self.method())
            .field("target", &self.target())
            .field("version", &self.version)
            .field("fields", &self.fields)
            .field("framing", &self.framing)
            .finish()
    }
}

impl PartialEq for RequestHead {
    fn eq(&self, other: &RequestHead) -> bool {
        self.method() == other.method()
            && self.target() == other.target()
            && self.version == other.version
            && self.fields == other.fields
            && self.framing == other.framing
            && self.keep_alive == other.keep_alive
    }
}

impl Eq for RequestHead {}
