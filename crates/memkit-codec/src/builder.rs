//! [`Builder`]: the configuration of a
//! [`LengthDelimitedCodec`].

use crate::LengthDelimitedCodec;

/// Configures a [`LengthDelimitedCodec`]: where the length field sits, how
/// wide it is, its byte order, how it relates to the payload length, how
/// many header bytes to drop, and the largest frame.
///
/// The defaults are tokio-util's: a 4-byte big-endian field at offset 0, no
/// adjustment, the header removed, frames up to 8 MiB.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::{Decoder, LengthDelimitedCodec};
///
/// // A 1-byte tag, a 2-byte little-endian length, then the payload; keep the whole frame.
/// let mut codec = LengthDelimitedCodec::builder()
///     .length_field_offset(1)
///     .length_field_length(2)
///     .little_endian()
///     .length_adjustment(3)
///     .num_skip(0)
///     .new_codec();
/// let mut buf = BytesMut::from(&b"\x07\x02\x00hi"[..]);
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"\x07\x02\x00hi");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Builder {
    pub(crate) max_frame_len: usize,
    /// 1 to 8.
    pub(crate) length_field_len: usize,
    pub(crate) length_field_offset: usize,
    pub(crate) length_adjustment: isize,
    /// `None`: skip exactly the header (`offset + len`).
    pub(crate) num_skip: Option<usize>,
    pub(crate) length_field_is_big_endian: bool,
}

mod sealed {
    /// The integer types whose width can name a length field.
    pub trait LengthFieldType {}

    impl LengthFieldType for u8 {}
    impl LengthFieldType for u16 {}
    impl LengthFieldType for u32 {}
    impl LengthFieldType for u64 {}
    impl LengthFieldType for usize {}
}

impl Builder {
    /// The default configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::Builder::new().new_codec();
    /// assert_eq!(codec.max_frame_length(), 8 * 1024 * 1024);
    /// ```
    pub fn new() -> Builder {
        Builder {
            max_frame_len: 8 * 1024 * 1024,
            length_field_len: 4,
            length_field_offset: 0,
            length_adjustment: 0,
            num_skip: None,
            length_field_is_big_endian: true,
        }
    }

    /// Reads and writes the length field big-endian (the default).
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::Builder::new().big_endian().new_codec();
    /// ```
    pub fn big_endian(&mut self) -> &mut Builder {
        self.length_field_is_big_endian = true;
        self
    }

    /// Reads and writes the length field little-endian.
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::Builder::new().little_endian().new_codec();
    /// ```
    pub fn little_endian(&mut self) -> &mut Builder {
        self.length_field_is_big_endian = false;
        self
    }

    /// Reads and writes the length field in the target's byte order.
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::Builder::new().native_endian().new_codec();
    /// ```
    pub fn native_endian(&mut self) -> &mut Builder {
        if cfg!(target_endian = "big") {
            self.big_endian()
        } else {
            self.little_endian()
        }
    }

    /// Sets the largest frame; longer ones are errors. It is capped to what
    /// the length field can express when the codec is made.
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::Builder::new().max_frame_length(100).new_codec();
    /// assert_eq!(codec.max_frame_length(), 100);
    /// ```
    pub fn max_frame_length(&mut self, val: usize) -> &mut Builder {
        self.max_frame_len = val;
        self
    }

    /// Sets the width of the length field to the size of `T` (`u8`, `u16`,
    /// `u32`, `u64` or `usize`).
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::Builder::new().length_field_type::<u16>().new_codec();
    /// assert_eq!(codec.max_frame_length(), 65535);
    /// ```
    pub fn length_field_type<T: sealed::LengthFieldType>(&mut self) -> &mut Builder {
        self.length_field_length(size_of::<T>())
    }

    /// Sets the width of the length field in bytes, 1 to 8.
    ///
    /// # Panics
    ///
    /// If `val` is 0 or more than 8; [`try_length_field_length`] returns
    /// the value instead.
    ///
    /// [`try_length_field_length`]: Builder::try_length_field_length
    ///
    /// # Examples
    ///
    /// ```
    /// let codec = memkit_codec::Builder::new().length_field_length(1).new_codec();
    /// assert_eq!(codec.max_frame_length(), 255);
    /// ```
    pub fn length_field_length(&mut self, val: usize) -> &mut Builder {
        match self.try_length_field_length(val) {
            Ok(builder) => builder,
            Err(val) => panic!(
                "invalid length field length: Builder::length_field_length({val}), a length field is 1 to 8 bytes"
            ),
        }
    }

    /// Sets the width of the length field in bytes, or hands `val` back if
    /// it is not 1 to 8.
    ///
    /// # Errors
    ///
    /// `Err(val)` when `val` is 0 or more than 8; the builder is unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut builder = memkit_codec::Builder::new();
    /// assert_eq!(builder.try_length_field_length(9).unwrap_err(), 9);
    /// assert!(builder.try_length_field_length(8).is_ok());
    /// ```
    pub fn try_length_field_length(&mut self, val: usize) -> Result<&mut Builder, usize> {
        if (1..=8).contains(&val) {
            self.length_field_len = val;
            Ok(self)
        } else {
            Err(val)
        }
    }

    /// Sets how many bytes precede the length field.
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::Builder::new().length_field_offset(2).new_codec();
    /// ```
    pub fn length_field_offset(&mut self, val: usize) -> &mut Builder {
        self.length_field_offset = val;
        self
    }

    /// Sets the number added to the length field's value to get the number
    /// of bytes that follow the skipped header (subtracted when encoding).
    ///
    /// # Examples
    ///
    /// ```
    /// // The length counts its own 4 bytes.
    /// let _codec = memkit_codec::Builder::new().length_adjustment(-4).new_codec();
    /// ```
    pub fn length_adjustment(&mut self, val: isize) -> &mut Builder {
        self.length_adjustment = val;
        self
    }

    /// Sets how many bytes to drop from the front of each frame, by default
    /// the offset plus the field width.
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::Builder::new().num_skip(0).new_codec();
    /// ```
    pub fn num_skip(&mut self, val: usize) -> &mut Builder {
        self.num_skip = Some(val);
        self
    }

    /// Makes a codec with this configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// let _codec = memkit_codec::Builder::new().new_codec();
    /// ```
    pub fn new_codec(&self) -> LengthDelimitedCodec {
        let mut builder = *self;
        builder.adjust_max_frame_len();
        LengthDelimitedCodec::from_builder(builder)
    }

    /// Wraps `upstream` in a [`FramedRead`](crate::FramedRead) with a codec
    /// of this configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Builder::new().new_read(tokio::io::empty());
    /// assert!(framed.read_buffer().is_empty());
    /// ```
    #[cfg(feature = "tokio")]
    pub fn new_read<T: tokio::io::AsyncRead>(
        &self,
        upstream: T,
    ) -> crate::FramedRead<T, LengthDelimitedCodec> {
        crate::FramedRead::new(upstream, self.new_codec())
    }

    /// Wraps `inner` in a [`FramedWrite`](crate::FramedWrite) with a codec
    /// of this configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Builder::new().new_write(tokio::io::sink());
    /// assert!(framed.write_buffer().is_empty());
    /// ```
    #[cfg(feature = "tokio")]
    pub fn new_write<T: tokio::io::AsyncWrite>(
        &self,
        inner: T,
    ) -> crate::FramedWrite<T, LengthDelimitedCodec> {
        crate::FramedWrite::new(inner, self.new_codec())
    }

    /// Wraps `inner` in a [`Framed`](crate::Framed) with a codec of this
    /// configuration.
    ///
    /// # Examples
    ///
    /// ```
    /// let (io, _peer) = tokio::io::duplex(64);
    /// let framed = memkit_codec::Builder::new().new_framed(io);
    /// assert!(framed.read_buffer().is_empty());
    /// ```
    #[cfg(feature = "tokio")]
    pub fn new_framed<T: tokio::io::AsyncRead + tokio::io::AsyncWrite>(
        &self,
        inner: T,
    ) -> crate::Framed<T, LengthDelimitedCodec> {
        crate::Framed::new(inner, self.new_codec())
    }

    /// Header bytes needed before the length can be read and skipped.
    pub(crate) fn num_head_bytes(&self) -> usize {
        let field_end = self
            .length_field_offset
            .saturating_add(self.length_field_len);
        field_end.max(self.num_skip.unwrap_or(0))
    }

    /// Bytes dropped from the front of each frame.
    pub(crate) fn get_num_skip(&self) -> usize {
        self.num_skip.unwrap_or_else(|| {
            self.length_field_offset
                .saturating_add(self.length_field_len)
        })
    }

    /// Caps `max_frame_len` to the largest adjusted length the field can
    /// express.
    pub(crate) fn adjust_max_frame_len(&mut self) {
        let field_max = match 1u64.checked_shl(8 * self.length_field_len as u32) {
            Some(limit) => limit - 1,
            None => u64::MAX,
        };
        let allowed = field_max.saturating_add_signed(self.length_adjustment as i64);
        let allowed = usize::try_from(allowed).unwrap_or(usize::MAX);
        self.max_frame_len = self.max_frame_len.min(allowed);
    }
}

impl Default for Builder {
    fn default() -> Builder {
        Builder::new()
    }
}
