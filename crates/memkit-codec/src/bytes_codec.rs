//! [`BytesCodec`]: every byte that arrives, as it arrives.

use std::io;

use memkit_bytes::{Bytes, BytesMut};

use crate::{Decoder, Encoder};

/// A codec that passes bytes through: each `decode` returns everything
/// buffered, without copying; encoding appends the bytes.
///
/// # Examples
///
/// ```
/// use memkit_bytes::{Bytes, BytesMut};
/// use memkit_codec::{BytesCodec, Decoder, Encoder};
///
/// let mut codec = BytesCodec::new();
/// let mut buf = BytesMut::new();
/// codec.encode(Bytes::from_static(b"abc"), &mut buf).unwrap();
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"abc");
/// assert_eq!(codec.decode(&mut buf).unwrap(), None);
/// ```
#[derive(Copy, Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash, Default)]
pub struct BytesCodec(());

impl BytesCodec {
    /// Creates a `BytesCodec`.
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::BytesCodec::new();
    /// ```
    pub fn new() -> BytesCodec {
        BytesCodec(())
    }
}

impl Decoder for BytesCodec {
    type Item = BytesMut;
    type Error = io::Error;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<BytesMut>, io::Error> {
        if buf.is_empty() {
            Ok(None)
        } else {
            Ok(Some(buf.split()))
        }
    }
}

impl Encoder<Bytes> for BytesCodec {
    type Error = io::Error;

    fn encode(&mut self, data: Bytes, buf: &mut BytesMut) -> Result<(), io::Error> {
        buf.extend_from_slice(&data);
        Ok(())
    }
}

impl Encoder<BytesMut> for BytesCodec {
    type Error = io::Error;

    fn encode(&mut self, data: BytesMut, buf: &mut BytesMut) -> Result<(), io::Error> {
        buf.extend_from_slice(&data);
        Ok(())
    }
}
