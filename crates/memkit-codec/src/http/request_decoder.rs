//! [`RequestDecoder`]: the strict, resumable HTTP/1.1 request decoder.

use memkit_bytes::BytesMut;

use super::core::{Core, Event};
use super::{DecoderBuilder, Error, Fields, RequestFrame, RequestHead};
use crate::Decoder;

/// Decodes HTTP/1.1 requests (RFC 9112) into [`RequestFrame`]s, one
/// message after another on the same stream (keep-alive and pipelining).
///
/// [`new`](RequestDecoder::new) is the strict profile; lenient options and
/// limits are set on a [`DecoderBuilder`]. The decoder never scans a byte
/// twice, so a request that arrives one byte at a time costs O(n); its
/// frames and its verdict do not depend on how the input was split. After
/// any error it stays failed and returns the same error.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{RequestDecoder, RequestFrame};
///
/// let mut decoder = RequestDecoder::new();
/// let mut buf = BytesMut::new();
/// let mut frames = Vec::new();
/// for byte in b"POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" {
///     buf.extend_from_slice(&[*byte]);
///     while let Some(frame) = decoder.decode(&mut buf).unwrap() {
///         frames.push(frame);
///     }
/// }
/// assert!(matches!(&frames[0], RequestFrame::Head(h) if h.target() == "/x"));
/// assert_eq!(frames[1..4], [
///     RequestFrame::Data("a".into()),
///     RequestFrame::Data("b".into()),
///     RequestFrame::Data("c".into()),
/// ]);
/// assert_eq!(frames.last(), Some(&RequestFrame::End));
/// ```
#[derive(Debug, Clone)]
pub struct RequestDecoder {
    core: Core,
}

impl RequestDecoder {
    /// A strict decoder with the default limits.
    ///
    /// # Examples
    ///
    /// ```
    /// let decoder = memkit_codec::http::RequestDecoder::new();
    /// assert!(!decoder.is_failed());
    /// ```
    pub fn new() -> RequestDecoder {
        DecoderBuilder::new().request_decoder()
    }

    /// A [`DecoderBuilder`] for limits and lenient options.
    ///
    /// # Examples
    ///
    /// ```
    /// let decoder = memkit_codec::http::RequestDecoder::builder().allow_bare_lf(true).request_decoder();
    /// assert!(!decoder.is_failed());
    /// ```
    pub fn builder() -> DecoderBuilder {
        DecoderBuilder::new()
    }

    pub(crate) fn from_core(core: Core) -> RequestDecoder {
        RequestDecoder { core }
    }

    /// Whether an error was found; the decoder then returns it forever.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    /// use memkit_codec::Decoder;
    /// use memkit_codec::http::RequestDecoder;
    ///
    /// let mut decoder = RequestDecoder::new();
    /// assert!(decoder.decode(&mut BytesMut::from(&b"GET\n"[..])).is_err());
    /// assert!(decoder.is_failed());
    /// ```
    pub fn is_failed(&self) -> bool {
        self.core.is_failed()
    }

    /// Whether the decoder is between messages (nothing of the next one
    /// read yet).
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(memkit_codec::http::RequestDecoder::new().is_idle());
    /// ```
    pub fn is_idle(&self) -> bool {
        self.core.is_idle()
    }
}

impl Default for RequestDecoder {
    fn default() -> RequestDecoder {
        RequestDecoder::new()
    }
}

impl RequestDecoder {
    fn frame(&mut self, event: Event) -> RequestFrame {
        match event {
            Event::Head(bytes) => {
                let parts = self.core.head_parts();
                let fields = Fields::new(bytes, self.core.take_fields());
                RequestFrame::Head(RequestHead::from_parts(parts, fields))
            }
            Event::Data(data) => RequestFrame::Data(data),
            Event::Trailers(bytes) => {
                RequestFrame::Trailers(Fields::new(bytes, self.core.take_fields()))
            }
            Event::End => RequestFrame::End,
        }
    }
}

impl Decoder for RequestDecoder {
    type Item = RequestFrame;
    type Error = Error;

    #[inline]
    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<RequestFrame>, Error> {
        match self.core.decode(src)? {
            Some(event) => Ok(Some(self.frame(event))),
            None => Ok(None),
        }
    }

    /// As `decode`; a stream that ends inside a request is
    /// [`ErrorKind::IncompleteMessage`](super::ErrorKind::IncompleteMessage).
    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<RequestFrame>, Error> {
        match self.core.decode_eof(src)? {
            Some(event) => Ok(Some(self.frame(event))),
            None => Ok(None),
        }
    }
}
