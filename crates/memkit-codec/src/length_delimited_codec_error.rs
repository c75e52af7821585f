//! [`LengthDelimitedCodecError`].

use std::fmt;

/// The frame-too-big error of
/// [`LengthDelimitedCodec`](crate::LengthDelimitedCodec), carried inside the
/// [`io::Error`](std::io::Error) it returns (kind `InvalidData` when
/// decoding, `InvalidInput` when encoding).
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{Decoder, LengthDelimitedCodec, LengthDelimitedCodecError};
///
/// let mut codec = LengthDelimitedCodec::builder().max_frame_length(4).new_codec();
/// let mut buf = BytesMut::from(&[0, 0, 0, 9][..]);
/// let err = codec.decode(&mut buf).unwrap_err();
/// assert!(err.get_ref().unwrap().is::<LengthDelimitedCodecError>());
/// ```
pub struct LengthDelimitedCodecError {
    _private: (),
}

impl LengthDelimitedCodecError {
    pub(crate) fn new() -> LengthDelimitedCodecError {
        LengthDelimitedCodecError { _private: () }
    }
}

impl fmt::Debug for LengthDelimitedCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LengthDelimitedCodecError").finish()
    }
}

impl fmt::Display for LengthDelimitedCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("frame size too big")
    }
}

impl std::error::Error for LengthDelimitedCodecError {}
