//! [`LengthDelimitedCodec`]: frames prefixed by their length.

use std::io;

use memkit_bytes::{Buf, BufMut, Bytes, BytesMut};

use crate::{Builder, Decoder, Encoder, LengthDelimitedCodecError};

/// A codec for frames that carry their length in a header field.
///
/// Configure it with a [`Builder`]: by default the header is a 4-byte
/// big-endian length at offset 0, removed from the frame, and frames are at
/// most 8 MiB. Decoded frames are zero-copy views of the read buffer.
///
/// Unlike tokio-util, the codec never reserves room for a declared length
/// before its bytes arrive: a peer that announces 8 MiB and sends 10 bytes
/// costs 10 bytes of buffer, not 8 MiB (tokio-util issue 333).
///
/// # Examples
///
/// ```
/// use memkit_bytes::{Bytes, BytesMut};
/// use memkit_codec::{Decoder, Encoder, LengthDelimitedCodec};
///
/// let mut codec = LengthDelimitedCodec::new();
/// let mut buf = BytesMut::new();
/// codec.encode(Bytes::from_static(b"hello"), &mut buf).unwrap();
/// assert_eq!(&buf[..], b"\0\0\0\x05hello");
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"hello");
/// ```
#[derive(Debug, Clone)]
pub struct LengthDelimitedCodec {
    /// The configuration; `max_frame_len` already capped to what the length
    /// field can express.
    builder: Builder,
    state: DecodeState,
}

/// Where the decoder is within a frame.
#[derive(Debug, Clone, Copy)]
enum DecodeState {
    /// Waiting for the header.
    Head,
    /// The header is consumed; the payload has this many bytes.
    Data(usize),
}

impl LengthDelimitedCodec {
    /// A codec with the default configuration (see [`Builder::new`]).
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::LengthDelimitedCodec::new();
    /// assert_eq!(codec.max_frame_length(), 8 * 1024 * 1024);
    /// ```
    pub fn new() -> LengthDelimitedCodec {
        Builder::new().new_codec()
    }

    /// A [`Builder`] with the default configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::LengthDelimitedCodec::builder()
    ///     .length_field_length(2)
    ///     .new_codec();
    /// assert_eq!(codec.max_frame_length(), 65535);
    /// ```
    pub fn builder() -> Builder {
        Builder::new()
    }

    /// The largest frame this codec decodes or encodes.
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::LengthDelimitedCodec::builder().max_frame_length(9).new_codec();
    /// assert_eq!(codec.max_frame_length(), 9);
    /// ```
    pub fn max_frame_length(&self) -> usize {
        self.builder.max_frame_len
    }

    /// Changes the largest frame, capped to what the length field can
    /// express.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut codec = memkit_codec::LengthDelimitedCodec::new();
    /// codec.set_max_frame_length(1024);
    /// assert_eq!(codec.max_frame_length(), 1024);
    /// ```
    pub fn set_max_frame_length(&mut self, val: usize) {
        self.builder.max_frame_length(val);
        self.builder.adjust_max_frame_len();
    }

    pub(crate) fn from_builder(builder: Builder) -> LengthDelimitedCodec {
        LengthDelimitedCodec {
            builder,
            state: DecodeState::Head,
        }
    }

    /// Reads the header once it has arrived and returns the payload length.
    fn decode_head(&self, src: &mut BytesMut) -> io::Result<Option<usize>> {
        let b = &self.builder;
        if src.len() < b.num_head_bytes() {
            return Ok(None);
        }
        let mut field = &src[b.length_field_offset..];
        let declared = if b.length_field_is_big_endian {
            field.get_uint(b.length_field_len)
        } else {
            field.get_uint_le(b.length_field_len)
        };
        if declared > b.max_frame_len as u64 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                LengthDelimitedCodecError::new(),
            ));
        }
        let declared = declared as usize;
        let len = if b.length_adjustment < 0 {
            declared.checked_sub(b.length_adjustment.unsigned_abs())
        } else {
            declared.checked_add(b.length_adjustment.unsigned_abs())
        };
        let Some(len) = len else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "provided length would overflow after adjustment",
            ));
        };
        src.advance(b.get_num_skip());
        Ok(Some(len))
    }
}

impl Default for LengthDelimitedCodec {
    fn default() -> LengthDelimitedCodec {
        LengthDelimitedCodec::new()
    }
}

impl Decoder for LengthDelimitedCodec {
    type Item = BytesMut;
    type Error = io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> io::Result<Option<BytesMut>> {
        let len = match self.state {
            DecodeState::Head => match self.decode_head(src)? {
                Some(len) => {
                    self.state = DecodeState::Data(len);
                    len
                }
                None => return Ok(None),
            },
            DecodeState::Data(len) => len,
        };
        if src.len() < len {
            return Ok(None);
        }
        self.state = DecodeState::Head;
        Ok(Some(src.split_to(len)))
    }
}

impl Encoder<&[u8]> for LengthDelimitedCodec {
    type Error = io::Error;

    fn encode(&mut self, data: &[u8], dst: &mut BytesMut) -> io::Result<()> {
        let b = &self.builder;
        if data.len() > b.max_frame_len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                LengthDelimitedCodecError::new(),
            ));
        }
        let field = if b.length_adjustment < 0 {
            data.len().checked_add(b.length_adjustment.unsigned_abs())
        } else {
            data.len().checked_sub(b.length_adjustment.unsigned_abs())
        };
        let Some(field) = field else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "provided length would overflow after adjustment",
            ));
        };
        dst.reserve(b.length_field_len.saturating_add(data.len()));
        if b.length_field_is_big_endian {
            dst.put_uint(field as u64, b.length_field_len);
        } else {
            dst.put_uint_le(field as u64, b.length_field_len);
        }
        dst.extend_from_slice(data);
        Ok(())
    }
}

impl Encoder<Bytes> for LengthDelimitedCodec {
    type Error = io::Error;

    fn encode(&mut self, data: Bytes, dst: &mut BytesMut) -> io::Result<()> {
        Encoder::<&[u8]>::encode(self, &data, dst)
    }
}
