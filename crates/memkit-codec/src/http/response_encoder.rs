//! [`ResponseEncoder`]: writes responses as HTTP/1.1 bytes.

use memkit_bytes::{BufMut, BytesMut};

use super::body_writer::{self, BodyState};
use super::{Error, ErrorKind, ResponseFrame};
use crate::Encoder;

/// Writes [`ResponseFrame`]s as HTTP/1.1: the head with CRLF line endings,
/// then the body as the head frames it (Content-Length, chunked, or until
/// the connection closes), then the end of the message.
///
/// It refuses field names that are not tokens and values with CR, LF, NUL
/// or other control bytes, a body longer or shorter than the declared
/// Content-Length, and frames out of order, each with an [`Error`].
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Encoder;
/// use memkit_codec::http::{ResponseEncoder, ResponseFrame, ResponseHead};
///
/// let mut encoder = ResponseEncoder::new();
/// let mut out = BytesMut::new();
/// let head = ResponseHead::new(200, &[("Transfer-Encoding", b"chunked")]).unwrap();
/// encoder.encode(ResponseFrame::Head(head), &mut out).unwrap();
/// encoder.encode(ResponseFrame::Data("hello".into()), &mut out).unwrap();
/// encoder.encode(ResponseFrame::End, &mut out).unwrap();
/// assert_eq!(
///     &out[..],
///     b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct ResponseEncoder {
    state: BodyState,
}

impl ResponseEncoder {
    /// An encoder between messages.
    ///
    /// # Examples
    ///
    /// ```
    /// let _encoder = memkit_codec::http::ResponseEncoder::new();
    /// ```
    pub fn new() -> ResponseEncoder {
        ResponseEncoder::default()
    }
}

impl Encoder<ResponseFrame> for ResponseEncoder {
    type Error = Error;

    fn encode(&mut self, frame: ResponseFrame, dst: &mut BytesMut) -> Result<(), Error> {
        match frame {
            ResponseFrame::Head(head) => {
                // A 1xx head ends its own message; anything else after an
                // unfinished message is out of order.
                if self.state != BodyState::Idle {
                    return Err(Error::new(ErrorKind::BodyLengthMismatch, 0));
                }
                let reason = head.reason();
                if !reason
                    .iter()
                    .all(|&b| b == b'\t' || (b >= 0x20 && b != 0x7f))
                {
                    return Err(Error::new(ErrorKind::InvalidStatusLine, 0));
                }
                let mut line = [0u8; 13];
                line[..8].copy_from_slice(head.version().as_str().as_bytes());
                line[8] = b' ';
                let status = head.status();
                line[9] = b'0' + (status / 100 % 10) as u8;
                line[10] = b'0' + (status / 10 % 10) as u8;
                line[11] = b'0' + (status % 10) as u8;
                line[12] = b' ';
                let start = dst.len();
                dst.put_slice(&line);
                dst.put_slice(reason);
                dst.put_slice(b"\r\n");
                if let Err(e) = body_writer::write_fields(head.fields(), dst) {
                    dst.truncate(start);
                    return Err(e);
                }
                dst.put_slice(b"\r\n");
                self.state = BodyState::after_head(head.framing());
                Ok(())
            }
            ResponseFrame::Data(data) => body_writer::write_data(&mut self.state, &data, dst),
            ResponseFrame::Trailers(fields) => {
                body_writer::write_trailers(&mut self.state, &fields, dst)
            }
            ResponseFrame::End => body_writer::write_end(&mut self.state, dst),
        }
    }
}
