//! [`LinesCodecError`].

use std::{fmt, io};

/// The error of [`LinesCodec`](crate::LinesCodec).
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{Decoder, LinesCodec, LinesCodecError};
///
/// let mut codec = LinesCodec::new_with_max_length(2);
/// let mut buf = BytesMut::from(&b"long line\n"[..]);
/// assert!(matches!(codec.decode(&mut buf), Err(LinesCodecError::MaxLineLengthExceeded)));
/// ```
#[derive(Debug)]
pub enum LinesCodecError {
    /// A line was longer than the codec's `max_length`; the codec skips the
    /// rest of it and goes on with the next line.
    MaxLineLengthExceeded,
    /// An I/O error, or a line that is not UTF-8
    /// ([`io::ErrorKind::InvalidData`]).
    Io(io::Error),
}

impl fmt::Display for LinesCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinesCodecError::MaxLineLengthExceeded => f.write_str("max line length exceeded"),
            LinesCodecError::Io(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl From<io::Error> for LinesCodecError {
    fn from(e: io::Error) -> LinesCodecError {
        LinesCodecError::Io(e)
    }
}

impl std::error::Error for LinesCodecError {}
