//! [`DecoderBuilder`]: limits and lenient options of the HTTP decoders.

use super::core::{Core, Role};
use super::limits::{Lenient, Limits};
use super::{RequestDecoder, ResponseDecoder};

/// Limits and lenient options for [`RequestDecoder`] and
/// [`ResponseDecoder`].
///
/// Every lenient option is off by default: the decoders follow RFC 9112 and
/// RFC 9110 strictly. Each limit has a default and its own
/// [`ErrorKind`](super::ErrorKind), reported as soon as the buffered bytes
/// pass it.
///
/// | limit | default | error |
/// |---|---|---|
/// | head bytes | 64 KiB | `HeadTooLarge` |
/// | line bytes (CRLF included) | 8 KiB | `LineTooLong` |
/// | fields | 100 | `TooManyFields` |
/// | chunk-extension bytes per message | 16 KiB | `ChunkExtensionsTooLarge` |
/// | trailer bytes | 16 KiB | `TrailersTooLarge` |
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{DecoderBuilder, ErrorKind, RequestFrame};
///
/// let mut lenient = DecoderBuilder::new().allow_bare_lf(true).request_decoder();
/// let mut buf = BytesMut::from(&b"GET / HTTP/1.1\nHost: a\n\n"[..]);
/// assert!(matches!(lenient.decode(&mut buf).unwrap(), Some(RequestFrame::Head(_))));
///
/// let mut small = DecoderBuilder::new().max_fields(1).request_decoder();
/// let mut buf = BytesMut::from(&b"GET / HTTP/1.1\r\nHost: a\r\nX: y\r\n\r\n"[..]);
/// assert_eq!(small.decode(&mut buf).unwrap_err().kind(), ErrorKind::TooManyFields);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct DecoderBuilder {
    limits: Limits,
    lenient: Lenient,
}

impl DecoderBuilder {
    /// The strict profile with the default limits.
    ///
    /// # Examples
    ///
    /// ```
    /// let _decoder = memkit_codec::http::DecoderBuilder::new().request_decoder();
    /// ```
    pub fn new() -> DecoderBuilder {
        DecoderBuilder::default()
    }

    /// Accepts lines ended by LF alone (RFC 9112 §2.2 allows a recipient
    /// to; the strict profile does not).
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().allow_bare_lf(true);
    /// ```
    pub fn allow_bare_lf(mut self, allow: bool) -> DecoderBuilder {
        self.lenient.bare_lf = allow;
        self
    }

    /// Accepts obs-fold in field values and replaces each fold with spaces
    /// (RFC 9112 §5.2), except in framing fields.
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().allow_obs_fold(true);
    /// ```
    pub fn allow_obs_fold(mut self, allow: bool) -> DecoderBuilder {
        self.lenient.obs_fold = allow;
        self
    }

    /// Accepts several Content-Length lines when they hold the same value
    /// (RFC 9110 §8.6 allows a recipient to).
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().allow_repeated_content_length(true);
    /// ```
    pub fn allow_repeated_content_length(mut self, allow: bool) -> DecoderBuilder {
        self.lenient.repeated_content_length = allow;
        self
    }

    /// The most bytes a head may have, empty line included (below 4 GiB).
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().max_head_bytes(16 * 1024);
    /// ```
    pub fn max_head_bytes(mut self, max: usize) -> DecoderBuilder {
        self.limits.max_head_bytes = max;
        self
    }

    /// The most bytes one line may have, CRLF included.
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().max_line_bytes(1024);
    /// ```
    pub fn max_line_bytes(mut self, max: usize) -> DecoderBuilder {
        self.limits.max_line_bytes = max;
        self
    }

    /// The most fields a head or trailer section may have.
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().max_fields(32);
    /// ```
    pub fn max_fields(mut self, max: usize) -> DecoderBuilder {
        self.limits.max_fields = max;
        self
    }

    /// The most chunk-extension bytes one message may carry, all chunks
    /// together.
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().max_chunk_extension_bytes(0);
    /// ```
    pub fn max_chunk_extension_bytes(mut self, max: usize) -> DecoderBuilder {
        self.limits.max_chunk_extension_bytes = max;
        self
    }

    /// The most bytes a trailer section may have.
    ///
    /// # Examples
    ///
    /// ```
    /// let _ = memkit_codec::http::DecoderBuilder::new().max_trailer_bytes(1024);
    /// ```
    pub fn max_trailer_bytes(mut self, max: usize) -> DecoderBuilder {
        self.limits.max_trailer_bytes = max;
        self
    }

    /// A request decoder with these settings.
    ///
    /// # Examples
    ///
    /// ```
    /// let _decoder = memkit_codec::http::DecoderBuilder::new().request_decoder();
    /// ```
    pub fn request_decoder(self) -> RequestDecoder {
        RequestDecoder::from_core(Core::new(Role::Request, self.limits, self.lenient))
    }

    /// A response decoder with these settings.
    ///
    /// # Examples
    ///
    /// ```
    /// let _decoder = memkit_codec::http::DecoderBuilder::new().response_decoder();
    /// ```
    pub fn response_decoder(self) -> ResponseDecoder {
        ResponseDecoder::from_core(Core::new(Role::Response, self.limits, self.lenient))
    }
}
