//! [`ResponseDecoder`]: the strict, resumable HTTP/1.1 response decoder.

use std::collections::VecDeque;

use memkit_bytes::BytesMut;

use super::core::{Core, Event, RequestKind};
use super::{DecoderBuilder, Error, Fields, ResponseFrame, ResponseHead};
use crate::Decoder;

/// Decodes HTTP/1.1 responses (RFC 9112) into [`ResponseFrame`]s.
///
/// A response's framing depends on the request it answers: tell the
/// decoder each request's method, in order, with
/// [`expect_response_to`](ResponseDecoder::expect_response_to) (a response
/// with no method queued is read as the answer to a GET). Responses to HEAD
/// and 1xx, 204 and 304 responses have no body; a 2xx answer to CONNECT
/// and a 101 end HTTP/1.1 on the stream; a body without Content-Length or
/// chunked framing runs until the stream ends, and `decode_eof` then yields
/// its `End`.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{ResponseDecoder, ResponseFrame};
///
/// let mut decoder = ResponseDecoder::new();
/// decoder.expect_response_to("HEAD");
/// let mut buf = BytesMut::from(&b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"[..]);
/// assert!(matches!(decoder.decode(&mut buf).unwrap(), Some(ResponseFrame::Head(_))));
/// assert_eq!(decoder.decode(&mut buf).unwrap(), Some(ResponseFrame::End));
/// ```
#[derive(Debug, Clone)]
pub struct ResponseDecoder {
    core: Core,
    /// What the queued requests were, oldest first.
    requests: VecDeque<RequestKind>,
}

impl ResponseDecoder {
    /// A strict decoder with the default limits.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(!memkit_codec::http::ResponseDecoder::new().is_failed());
    /// ```
    pub fn new() -> ResponseDecoder {
        DecoderBuilder::new().response_decoder()
    }

    pub(crate) fn from_core(core: Core) -> ResponseDecoder {
        ResponseDecoder {
            core,
            requests: VecDeque::new(),
        }
    }

    /// Queues the method of a request sent on this connection; responses
    /// are matched to requests in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    /// use memkit_codec::Decoder;
    /// use memkit_codec::http::{Framing, ResponseDecoder, ResponseFrame};
    ///
    /// let mut decoder = ResponseDecoder::new();
    /// decoder.expect_response_to("CONNECT");
    /// let mut buf = BytesMut::from(&b"HTTP/1.1 200 OK\r\n\r\ntunnel bytes"[..]);
    /// let Some(ResponseFrame::Head(head)) = decoder.decode(&mut buf).unwrap() else { panic!() };
    /// assert_eq!(head.framing(), Framing::Upgrade);
    /// assert_eq!(decoder.decode(&mut buf).unwrap(), Some(ResponseFrame::End));
    /// assert_eq!(&buf[..], b"tunnel bytes");
    /// ```
    pub fn expect_response_to(&mut self, method: &str) {
        let kind = match method {
            "HEAD" => RequestKind::Head,
            "CONNECT" => RequestKind::Connect,
            _ => RequestKind::Other,
        };
        self.requests.push_back(kind);
    }

    /// Whether an error was found; the decoder then returns it forever.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(!memkit_codec::http::ResponseDecoder::new().is_failed());
    /// ```
    pub fn is_failed(&self) -> bool {
        self.core.is_failed()
    }

    fn frame(&mut self, event: Event) -> ResponseFrame {
        match event {
            Event::Head(bytes) => {
                let parts = self.core.head_parts();
                let fields = Fields::new(bytes, self.core.take_fields());
                let head = ResponseHead::from_parts(parts, fields);
                if !(100..200).contains(&head.status()) || head.status() == 101 {
                    self.requests.pop_front();
                }
                ResponseFrame::Head(head)
            }
            Event::Data(data) => ResponseFrame::Data(data),
            Event::Trailers(bytes) => {
                ResponseFrame::Trailers(Fields::new(bytes, self.core.take_fields()))
            }
            Event::End => ResponseFrame::End,
        }
    }

    fn prepare(&mut self) {
        if self.core.is_idle() {
            self.core.request = self.requests.front().copied().unwrap_or_default();
        }
    }
}

impl Default for ResponseDecoder {
    fn default() -> ResponseDecoder {
        ResponseDecoder::new()
    }
}

impl Decoder for ResponseDecoder {
    type Item = ResponseFrame;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<ResponseFrame>, Error> {
        self.prepare();
        Ok(self.core.decode(src)?.map(|e| self.frame(e)))
    }

    /// As `decode`; a body that runs until the stream ends gets its `End`
    /// here, and a stream that ends inside any other response is
    /// [`ErrorKind::IncompleteMessage`](super::ErrorKind::IncompleteMessage).
    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<ResponseFrame>, Error> {
        self.prepare();
        Ok(self.core.decode_eof(src)?.map(|e| self.frame(e)))
    }
}
