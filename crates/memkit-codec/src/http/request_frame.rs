//! [`RequestFrame`]: one piece of a decoded request.

use memkit_bytes::Bytes;

use super::{Fields, RequestHead};

/// One piece of a request, in the order they arrive: `Head`, any number of
/// `Data`, at most one `Trailers`, then `End` (also for a request without a
/// body).
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{RequestDecoder, RequestFrame};
///
/// let mut decoder = RequestDecoder::new();
/// let mut buf = BytesMut::from(&b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"[..]);
/// assert!(matches!(decoder.decode(&mut buf).unwrap(), Some(RequestFrame::Head(_))));
/// assert_eq!(decoder.decode(&mut buf).unwrap(), Some(RequestFrame::End));
/// assert_eq!(decoder.decode(&mut buf).unwrap(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestFrame {
    /// The request line and fields.
    Head(RequestHead),
    /// Body bytes, already de-chunked; a view of the read buffer.
    Data(Bytes),
    /// The trailer fields of a chunked body.
    Trailers(Fields),
    /// The end of the request.
    End,
}
