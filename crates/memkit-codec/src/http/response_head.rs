//! [`ResponseHead`]: the status line and fields of a response.

use std::fmt;

use memkit_bytes::{Bytes, BytesMut};

use super::core::{HeadParts, StartLine};
use super::field_list::Span;
use super::{Error, ErrorKind, Fields, Framing, ResponseDecoder, ResponseFrame, Version};
use crate::Decoder;

/// The head of a response: version, status, reason and fields, all views
/// of one frozen [`Bytes`], and the body framing they imply for the request
/// the response answers.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{Framing, ResponseDecoder, ResponseFrame};
///
/// let mut buf = BytesMut::from(&b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"[..]);
/// let Some(ResponseFrame::Head(head)) = ResponseDecoder::new().decode(&mut buf).unwrap() else {
///     panic!("no head")
/// };
/// assert_eq!(head.status(), 404);
/// assert_eq!(head.reason(), b"Not Found");
/// assert_eq!(head.framing(), Framing::Empty);
/// ```
#[derive(Clone)]
pub struct ResponseHead {
    fields: Fields,
    status: u16,
    reason: Span,
    version: Version,
    framing: Framing,
    keep_alive: bool,
}

/// Appends `name: value\r\n` for each field and the final empty line,
/// refusing names that are not tokens and values with CR, LF, NUL or other
/// control bytes.
pub(crate) fn write_fields(wire: &mut BytesMut, fields: &[(&str, &[u8])]) -> Result<(), Error> {
    for (index, &(name, value)) in fields.iter().enumerate() {
        let at = index as u64;
        if name.is_empty() || !name.bytes().all(super::chars::is_tchar) {
            return Err(Error::new(ErrorKind::InvalidFieldName, at));
        }
        if !value.iter().all(|&b| super::chars::is_field_value_byte(b)) {
            return Err(Error::new(ErrorKind::InvalidFieldValue, at));
        }
        wire.extend_from_slice(name.as_bytes());
        wire.extend_from_slice(b": ");
        wire.extend_from_slice(value);
        wire.extend_from_slice(b"\r\n");
    }
    wire.extend_from_slice(b"\r\n");
    Ok(())
}

/// The reason phrase RFC 9110 §15 gives `status`, or an empty one.
fn canonical_reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        417 => "Expectation Failed",
        426 => "Upgrade Required",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

impl ResponseHead {
    pub(crate) fn from_parts(parts: HeadParts, fields: Fields) -> ResponseHead {
        let StartLine::Response { status, reason } = parts.line else {
            unreachable!("a response decoder reads status lines")
        };
        ResponseHead {
            fields,
            status,
            reason,
            version: parts.version,
            framing: parts.framing,
            keep_alive: parts.keep_alive,
        }
    }

    /// Builds an HTTP/1.1 response head with the standard reason phrase,
    /// checked by the strict decoder; its framing is read as the answer to a
    /// GET.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidStatusLine`] for a status outside 100–999, and
    /// the decoder's error for the first field that breaks a rule (a name
    /// that is not a token, a value with CR, LF, NUL or another control
    /// byte).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{ErrorKind, ResponseHead};
    ///
    /// let head = ResponseHead::new(200, &[("Content-Length", b"2")]).unwrap();
    /// assert_eq!(&head.as_bytes()[..], b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n");
    /// let err = ResponseHead::new(200, &[("Bad Name", b"x")]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidFieldName);
    /// ```
    pub fn new(status: u16, fields: &[(&str, &[u8])]) -> Result<ResponseHead, Error> {
        if !(100..=999).contains(&status) {
            return Err(Error::new(ErrorKind::InvalidStatusLine, 9));
        }
        let mut wire = BytesMut::new();
        wire.extend_from_slice(b"HTTP/1.1 ");
        let digits = [
            b'0' + (status / 100) as u8,
            b'0' + (status / 10 % 10) as u8,
            b'0' + (status % 10) as u8,
        ];
        wire.extend_from_slice(&digits);
        wire.extend_from_slice(b" ");
        wire.extend_from_slice(canonical_reason(status).as_bytes());
        wire.extend_from_slice(b"\r\n");
        write_fields(&mut wire, fields)?;
        match ResponseDecoder::new().decode(&mut wire)? {
            Some(ResponseFrame::Head(head)) => Ok(head),
            _ => Err(Error::new(ErrorKind::IncompleteMessage, 0)),
        }
    }

    /// The status code, 100 to 999.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::ResponseHead::new(204, &[]).unwrap();
    /// assert_eq!(head.status(), 204);
    /// ```
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The reason phrase (may hold obs-text, so bytes).
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::ResponseHead::new(404, &[]).unwrap();
    /// assert_eq!(head.reason(), b"Not Found");
    /// ```
    pub fn reason(&self) -> &[u8] {
        self.reason.of(self.fields.as_bytes())
    }

    /// The version.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{ResponseHead, Version};
    ///
    /// assert_eq!(ResponseHead::new(200, &[]).unwrap().version(), Version::Http11);
    /// ```
    pub fn version(&self) -> Version {
        self.version
    }

    /// The fields, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::ResponseHead::new(200, &[("A", b"1")]).unwrap();
    /// assert_eq!(head.fields().len(), 1);
    /// ```
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The value of the first field named `name`, ignoring ASCII case.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::ResponseHead::new(200, &[("A", b"1")]).unwrap();
    /// assert_eq!(head.header("a"), Some(&b"1"[..]));
    /// ```
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.fields.get(name)
    }

    /// How the body is delimited.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{Framing, ResponseHead};
    ///
    /// let head = ResponseHead::new(200, &[("Transfer-Encoding", b"chunked")]).unwrap();
    /// assert_eq!(head.framing(), Framing::Chunked);
    /// ```
    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Whether the connection stays open after this response.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::ResponseHead::new(200, &[("Content-Length", b"0")]).unwrap();
    /// assert!(head.keep_alive());
    /// ```
    pub fn keep_alive(&self) -> bool {
        self.keep_alive
    }

    /// The bytes of the whole head as received, empty line included.
    ///
    /// # Examples
    ///
    /// ```
    /// let head = memkit_codec::http::ResponseHead::new(204, &[]).unwrap();
    /// assert_eq!(&head.as_bytes()[..], b"HTTP/1.1 204 No Content\r\n\r\n");
    /// ```
    pub fn as_bytes(&self) -> &Bytes {
        self.fields.as_bytes()
    }
}

impl fmt::Debug for ResponseHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseHead")
            .field("status", &self.status)
            .field("reason", &String::from_utf8_lossy(self.reason()))
            .field("version", &self.version)
            .field("fields", &self.fields)
            .field("framing", &self.framing)
            .finish()
    }
}

impl PartialEq for ResponseHead {
    fn eq(&self, other: &ResponseHead) -> bool {
        self.status == other.status
            && self.reason() == other.reason()
            && self.version == other.version
            && self.fields == other.fields
            && self.framing == other.framing
            && self.keep_alive == other.keep_alive
    }
}

impl Eq for ResponseHead {}
