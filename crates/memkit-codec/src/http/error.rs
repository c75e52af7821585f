//! [`Error`]: an HTTP codec error with its position.

use std::{fmt, io};

use super::ErrorKind;

/// An HTTP codec error: what went wrong ([`ErrorKind`]) and the byte offset
/// in the message where it was found, counted from the message's first
/// byte.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{ErrorKind, RequestDecoder};
///
/// let mut buf = BytesMut::from(&b"GET /a b HTTP/1.1\r\n"[..]);
/// let err = RequestDecoder::new().decode(&mut buf).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidVersion);
/// assert_eq!(err.offset(), 7);
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    offset: u64,
    io: Option<io::Error>,
}

impl Error {
    /// An error of `kind` at `offset`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{Error, ErrorKind};
    ///
    /// let err = Error::new(ErrorKind::BareLf, 14);
    /// assert_eq!(err.to_string(), "line ended by a bare LF at byte 14");
    /// ```
    pub fn new(kind: ErrorKind, offset: u64) -> Error {
        Error {
            kind,
            offset,
            io: None,
        }
    }

    /// What went wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{Error, ErrorKind};
    ///
    /// assert_eq!(Error::new(ErrorKind::MissingHost, 0).kind(), ErrorKind::MissingHost);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The byte offset in the message where it went wrong.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::{Error, ErrorKind};
    ///
    /// assert_eq!(Error::new(ErrorKind::BareLf, 3).offset(), 3);
    /// ```
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The I/O error, for [`ErrorKind::Io`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::http::Error;
    ///
    /// let err = Error::from(std::io::Error::other("reset"));
    /// assert_eq!(err.io_error().unwrap().to_string(), "reset");
    /// ```
    pub fn io_error(&self) -> Option<&io::Error> {
        self.io.as_ref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.io {
            Some(io) => write!(f, "{}: {io}", self.kind),
            None => write!(f, "{} at byte {}", self.kind, self.offset),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.io.as_ref().map(|e| e as _)
    }
}

impl From<io::Error> for Error {
    fn from(io: io::Error) -> Error {
        Error {
            kind: ErrorKind::Io,
            offset: 0,
            io: Some(io),
        }
    }
}

impl From<Error> for io::Error {
    fn from(err: Error) -> io::Error {
        match err.io {
            Some(io) => io,
            None => io::Error::new(io::ErrorKind::InvalidData, err),
        }
    }
}
