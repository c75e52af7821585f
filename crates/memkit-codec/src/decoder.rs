//! The [`Decoder`] trait.

use std::io;

use memkit_bytes::BytesMut;

/// Decodes frames from a buffer of bytes that arrived from a stream.
///
/// The contract is tokio-util 0.7's: [`decode`](Decoder::decode) is called
/// whenever more bytes arrive and returns `Ok(None)` until a whole frame is
/// there; it removes the bytes of each frame it returns from the buffer. At
/// the end of the stream, [`decode_eof`](Decoder::decode_eof) is called until
/// it returns `Ok(None)`. After an error the caller stops decoding.
///
/// # Examples
///
/// ```
/// use memkit_bytes::{Buf, BytesMut};
/// use memkit_codec::Decoder;
///
/// /// Frames of one byte each.
/// struct OneByte;
///
/// impl Decoder for OneByte {
///     type Item = u8;
///     type Error = std::io::Error;
///
///     fn decode(&mut self, src: &mut BytesMut) -> Result<Option<u8>, Self::Error> {
///         Ok(if src.is_empty() { None } else { Some(src.get_u8()) })
///     }
/// }
///
/// let mut buf = BytesMut::from(&b"ab"[..]);
/// assert_eq!(OneByte.decode(&mut buf).unwrap(), Some(b'a'));
/// assert_eq!(OneByte.decode_eof(&mut buf).unwrap(), Some(b'b'));
/// assert_eq!(OneByte.decode_eof(&mut buf).unwrap(), None);
/// ```
pub trait Decoder {
    /// The frame this decoder yields.
    type Item;
    /// The error this decoder reports; I/O errors of the stream convert
    /// into it.
    type Error: From<io::Error>;

    /// Decodes one frame from `src`, or returns `Ok(None)` when more bytes
    /// are needed.
    ///
    /// # Errors
    ///
    /// The decoder's own error when the bytes are not a valid frame.
    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Self::Item>, Self::Error>;

    /// Decodes one frame once the stream has ended; called until it returns
    /// `Ok(None)`.
    ///
    /// The default calls [`decode`](Decoder::decode), and when that needs
    /// more bytes while some remain, fails with an
    /// [`io::ErrorKind::Other`] error "bytes remaining on stream".
    ///
    /// # Errors
    ///
    /// As `decode`, plus the error above.
    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Self::Item>, Self::Error> {
        match self.decode(buf)? {
            Some(frame) => Ok(Some(frame)),
            None if buf.is_empty() => Ok(None),
            None => Err(io::Error::other("bytes remaining on stream").into()),
        }
    }

    /// Wraps `io` in a [`Framed`](crate::Framed) that decodes with this
    /// decoder and encodes with it too.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::{Decoder, LinesCodec};
    ///
    /// let (client, _server) = tokio::io::duplex(64);
    /// let framed = LinesCodec::new().framed(client);
    /// assert!(framed.read_buffer().is_empty());
    /// ```
    #[cfg(feature = "tokio")]
    fn framed<T>(self, io: T) -> crate::Framed<T, Self>
    where
        T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Sized,
        Self: Sized,
    {
        crate::Framed::new(io, self)
    }
}
