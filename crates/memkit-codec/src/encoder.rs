//! The [`Encoder`] trait.

use std::io;

use memkit_bytes::BytesMut;

/// Encodes items of type `Item` into a buffer of bytes to be written to a
/// stream: tokio-util 0.7's contract.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{Encoder, LinesCodec};
///
/// let mut dst = BytesMut::new();
/// LinesCodec::new().encode("hello", &mut dst).unwrap();
/// assert_eq!(&dst[..], b"hello\n");
/// ```
pub trait Encoder<Item> {
    /// The error this encoder reports; I/O errors of the stream convert
    /// into it.
    type Error: From<io::Error>;

    /// Appends the encoding of `item` to `dst`.
    ///
    /// # Errors
    ///
    /// The encoder's own error when `item` cannot be encoded.
    fn encode(&mut self, item: Item, dst: &mut BytesMut) -> Result<(), Self::Error>;
}
