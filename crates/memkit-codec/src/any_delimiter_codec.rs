//! [`AnyDelimiterCodec`]: chunks ended by any of a set of bytes.

use memkit_bytes::{Buf, BufMut, Bytes, BytesMut};

use crate::{AnyDelimiterCodecError, Decoder, Encoder};

/// A codec for chunks ended by any one of a set of delimiter bytes, with an
/// optional maximum length; chunks are zero-copy [`Bytes`].
///
/// Encoding writes the chunk and then the `sequence_writer` bytes. The scan
/// resumes where the previous `decode` stopped. The default delimiters are
/// `,`, `;`, `\n` and `\r`, and the default writer is `,`.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{AnyDelimiterCodec, Decoder};
///
/// let mut codec = AnyDelimiterCodec::new(b",;".to_vec(), b";".to_vec());
/// let mut buf = BytesMut::from(&b"a,b;c"[..]);
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "a");
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "b");
/// assert_eq!(codec.decode_eof(&mut buf).unwrap().unwrap(), "c");
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash)]
pub struct AnyDelimiterCodec {
    /// Bytes at the front of the buffer already known to hold no
    /// delimiter. Never more than `max_length + 1`.
    next_index: usize,
    max_length: usize,
    /// Set after an over-long chunk: bytes are dropped up to the next
    /// delimiter.
    is_discarding: bool,
    seek_delimiters: Vec<u8>,
    sequence_writer: Vec<u8>,
}

impl AnyDelimiterCodec {
    /// A codec that splits at any byte of `seek_delimiters` and ends each
    /// encoded chunk with `sequence_writer`, with no length limit.
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::AnyDelimiterCodec::new(b"\n".to_vec(), b"\n".to_vec());
    /// assert_eq!(codec.max_length(), usize::MAX);
    /// ```
    pub fn new(seek_delimiters: Vec<u8>, sequence_writer: Vec<u8>) -> AnyDelimiterCodec {
        AnyDelimiterCodec {
            next_index: 0,
            max_length: usize::MAX,
            is_discarding: false,
            seek_delimiters,
            sequence_writer,
        }
    }

    /// As [`new`](AnyDelimiterCodec::new), refusing chunks longer than
    /// `max_length` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let codec =
    ///     memkit_codec::AnyDelimiterCodec::new_with_max_length(b",".to_vec(), b",".to_vec(), 9);
    /// assert_eq!(codec.max_length(), 9);
    /// ```
    pub fn new_with_max_length(
        seek_delimiters: Vec<u8>,
        sequence_writer: Vec<u8>,
        max_length: usize,
    ) -> AnyDelimiterCodec {
        AnyDelimiterCodec {
            max_length,
            ..AnyDelimiterCodec::new(seek_delimiters, sequence_writer)
        }
    }

    /// The longest chunk this codec accepts.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::AnyDelimiterCodec::default().max_length(), usize::MAX);
    /// ```
    pub fn max_length(&self) -> usize {
        self.max_length
    }

    /// The position of the first delimiter in `bytes`.
    fn find(&self, bytes: &[u8]) -> Option<usize> {
        match *self.seek_delimiters.as_slice() {
            [] => None,
            [a] => memchr::memchr(a, bytes),
            [a, b] => memchr::memchr2(a, b, bytes),
            [a, b, c] => memchr::memchr3(a, b, c, bytes),
            ref set => bytes.iter().position(|b| set.contains(b)),
        }
    }
}

impl Default for AnyDelimiterCodec {
    fn default() -> AnyDelimiterCodec {
        AnyDelimiterCodec::new(b",;\n\r".to_vec(), b",".to_vec())
    }
}

impl Decoder for AnyDelimiterCodec {
    type Item = Bytes;
    type Error = AnyDelimiterCodecError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, AnyDelimiterCodecError> {
        loop {
            let end = buf.len().min(self.max_length.saturating_add(1));
            let start = self.next_index.min(end);
            let delimiter = self.find(&buf[start..end]).map(|i| start + i);
            match (self.is_discarding, delimiter) {
                (true, Some(at)) => {
                    buf.advance(at + 1);
                    self.is_discarding = false;
                    self.next_index = 0;
                }
                (true, None) => {
                    buf.advance(end);
                    self.next_index = 0;
                    if buf.is_empty() {
                        return Ok(None);
                    }
                }
                (false, Some(at)) => {
                    self.next_index = 0;
                    let mut chunk = buf.split_to(at + 1);
                    chunk.truncate(at);
                    return Ok(Some(chunk.freeze()));
                }
                (false, None) if buf.len() > self.max_length => {
                    self.is_discarding = true;
                    return Err(AnyDelimiterCodecError::MaxChunkLengthExceeded);
                }
                (false, None) => {
                    self.next_index = end;
                    return Ok(None);
                }
            }
        }
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, AnyDelimiterCodecError> {
        if let Some(chunk) = self.decode(buf)? {
            return Ok(Some(chunk));
        }
        if buf.is_empty() {
            return Ok(None);
        }
        self.next_index = 0;
        Ok(Some(buf.split().freeze()))
    }
}

impl<T: AsRef<str>> Encoder<T> for AnyDelimiterCodec {
    type Error = AnyDelimiterCodecError;

    fn encode(&mut self, chunk: T, buf: &mut BytesMut) -> Result<(), AnyDelimiterCodecError> {
        let chunk = chunk.as_ref().as_bytes();
        buf.reserve(chunk.len().saturating_add(self.sequence_writer.len()));
        buf.put_slice(chunk);
        buf.put_slice(&self.sequence_writer);
        Ok(())
    }
}
