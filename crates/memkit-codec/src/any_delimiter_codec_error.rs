//! [`AnyDelimiterCodecError`].

use std::{fmt, io};

/// The error of [`AnyDelimiterCodec`](crate::AnyDelimiterCodec).
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{AnyDelimiterCodec, AnyDelimiterCodecError, Decoder};
///
/// let mut codec = AnyDelimiterCodec::new_with_max_length(b",".to_vec(), b",".to_vec(), 2);
/// let mut buf = BytesMut::from(&b"abcdef,"[..]);
/// assert!(matches!(
///     codec.decode(&mut buf),
///     Err(AnyDelimiterCodecError::MaxChunkLengthExceeded)
/// ));
/// ```
#[derive(Debug)]
pub enum AnyDelimiterCodecError {
    /// A chunk was longer than the codec's `max_length`; the codec skips the
    /// rest of it and goes on with the next chunk.
    MaxChunkLengthExceeded,
    /// An I/O error.
    Io(io::Error),
}

impl fmt::Display for AnyDelimiterCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyDelimiterCodecError::MaxChunkLengthExceeded => {
                f.write_str("max chunk length exceeded")
            }
            AnyDelimiterCodecError::Io(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl From<io::Error> for AnyDelimiterCodecError {
    fn from(e: io::Error) -> AnyDelimiterCodecError {
        AnyDelimiterCodecError::Io(e)
    }
}

impl std::error::Error for AnyDelimiterCodecError {}
