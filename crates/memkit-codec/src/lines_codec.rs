//! [`LinesCodec`]: newline-terminated UTF-8 lines.

use std::{io, str};

use memkit_bytes::{Buf, BufMut, BytesMut};

use crate::{Decoder, Encoder, LinesCodecError};

/// A codec for lines ended by `\n` (a `\r` before it is dropped too), with
/// an optional maximum length.
///
/// The scan for the newline resumes where the previous `decode` stopped, so
/// a line that arrives one byte at a time costs O(n) in total. A line longer
/// than `max_length` yields [`LinesCodecError::MaxLineLengthExceeded`] once;
/// the codec then discards bytes up to the next newline and goes on.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{Decoder, LinesCodec};
///
/// let mut codec = LinesCodec::new();
/// let mut buf = BytesMut::from(&b"one\r\ntwo\nthr"[..]);
/// assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("one"));
/// assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("two"));
/// assert_eq!(codec.decode(&mut buf).unwrap(), None);
/// assert_eq!(codec.decode_eof(&mut buf).unwrap().as_deref(), Some("thr"));
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash)]
pub struct LinesCodec {
    /// Bytes at the front of the buffer already known to hold no newline.
    /// Never more than `max_length + 1`.
    next_index: usize,
    max_length: usize,
    /// Set after an over-long line: bytes are dropped up to the next `\n`.
    is_discarding: bool,
}

impl LinesCodec {
    /// A codec with no limit on the line length.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::LinesCodec::new().max_length(), usize::MAX);
    /// ```
    pub fn new() -> LinesCodec {
        LinesCodec {
            next_index: 0,
            max_length: usize::MAX,
            is_discarding: false,
        }
    }

    /// A codec that refuses lines longer than `max_length` bytes (without
    /// the newline).
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::LinesCodec::new_with_max_length(256);
    /// assert_eq!(codec.max_length(), 256);
    /// ```
    pub fn new_with_max_length(max_length: usize) -> LinesCodec {
        LinesCodec {
            max_length,
            ..LinesCodec::new()
        }
    }

    /// The longest line this codec accepts.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::LinesCodec::new_with_max_length(8).max_length(), 8);
    /// ```
    pub fn max_length(&self) -> usize {
        self.max_length
    }
}

impl Default for LinesCodec {
    fn default() -> LinesCodec {
        LinesCodec::new()
    }
}

/// `line` without one trailing `\r`, as UTF-8.
fn line_text(line: &[u8]) -> Result<String, io::Error> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    match str::from_utf8(line) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "Unable to decode input as UTF8",
        )),
    }
}

impl Decoder for LinesCodec {
    type Item = String;
    type Error = LinesCodecError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LinesCodecError> {
        loop {
            let end = buf.len().min(self.max_length.saturating_add(1));
            let start = self.next_index.min(end);
            let newline = memchr::memchr(b'\n', &buf[start..end]).map(|i| start + i);
            match (self.is_discarding, newline) {
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
                    // The text is copied out and the line skipped in place:
                    // splitting it off would share the buffer's storage
                    // only to drop the share again, two atomic operations
                    // per line.
                    let text = line_text(&buf[..at]);
                    buf.advance(at + 1);
                    return text.map(Some).map_err(Into::into);
                }
                (false, None) if buf.len() > self.max_length => {
                    self.is_discarding = true;
                    return Err(LinesCodecError::MaxLineLengthExceeded);
                }
                (false, None) => {
                    self.next_index = end;
                    return Ok(None);
                }
            }
        }
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LinesCodecError> {
        if let Some(line) = self.decode(buf)? {
            return Ok(Some(line));
        }
        self.next_index = 0;
        if buf.is_empty() || &buf[..] == b"\r" {
            return Ok(None);
        }
        let text = line_text(buf);
        buf.clear();
        text.map(Some).map_err(Into::into)
    }
}

impl<T: AsRef<str>> Encoder<T> for LinesCodec {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        let line = line.as_ref().as_bytes();
        buf.reserve(line.len().saturating_add(1));
        buf.put_slice(line);
        buf.put_u8(b'\n');
        Ok(())
    }
}
