//! [`RequestEncoder`]: writes requests as HTTP/1.1 bytes.

use memkit_bytes::{BufMut, BytesMut};

use super::body_writer::{self, BodyState};
use super::{Error, ErrorKind, RequestFrame};
use crate::Encoder;

/// Writes [`RequestFrame`]s as HTTP/1.1: the request line and fields with
/// CRLF line endings, then the body as the head frames it (Content-Length
/// or chunked), then the end of the message.
///
/// It refuses field names that are not tokens and values with CR, LF, NUL
/// or other control bytes, a body longer or shorter than the declared
/// Content-Length, and frames out of order.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Encoder;
/// use memkit_codec::http::{RequestEncoder, RequestFrame, RequestHead};
///
/// let mut encoder = RequestEncoder::new();
/// let mut out = BytesMut::new();
/// let head = RequestHead::new("POST", "/", &[("Host", b"a"), ("Content-Length", b"2")]).unwrap();
/// encoder.encode(RequestFrame::Head(head), &mut out).unwrap();
/// encoder.encode(RequestFrame::Data("hi".into()), &mut out).unwrap();
/// encoder.encode(RequestFrame::End, &mut out).unwrap();
/// assert_eq!(&out[..], b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi");
/// ```
#[derive(Debug, Clone, Default)]
pub struct RequestEncoder {
    state: BodyState,
}

impl RequestEncoder {
    /// An encoder between messages.
    ///
    /// # Examples
    ///
    /// ```
    /// let _encoder = memkit_codec::http::RequestEncoder::new();
    /// ```
    pub fn new() -> RequestEncoder {
        RequestEncoder::default()
    }
}

impl Encoder<RequestFrame> for RequestEncoder {
    type Error = Error;

    fn encode(&mut self, frame: RequestFrame, dst: &mut BytesMut) -> Result<(), Error> {
        match frame {
            RequestFrame::Head(head) => {
                if self.state != BodyState::Idle {
                    return Err(Error::new(ErrorKind::BodyLengthMismatch, 0));
                }
                let start = dst.len();
                dst.put_slice(head.method().as_bytes());
                dst.put_slice(b" ");
                dst.put_slice(head.target().as_bytes());
                dst.put_slice(b" ");
                dst.put_slice(head.version().as_str().as_bytes());
                dst.put_slice(b"\r\n");
                if let Err(e) = body_writer::write_fields(head.fields(), dst) {
                    dst.truncate(start);
                    return Err(e);
                }
                dst.put_slice(b"\r\n");
                self.state = BodyState::after_head(head.framing());
                Ok(())
            }
            RequestFrame::Data(data) => body_writer::write_data(&mut self.state, &data, dst),
            RequestFrame::Trailers(fields) => {
                body_writer::write_trailers(&mut self.state, &fields, dst)
            }
            RequestFrame::End => body_writer::write_end(&mut self.state, dst),
        }
    }
}
