//! [`ResponseFrame`]: one piece of a decoded response.

use memkit_bytes::Bytes;

use super::{Fields, ResponseHead};

/// One piece of a response, in the order they arrive: `Head`, any number
/// of `Data`, at most one `Trailers`, then `End`. An interim (1xx) response
/// is a `Head` and an `End` of its own, followed by the final response.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{ResponseDecoder, ResponseFrame};
///
/// let mut decoder = ResponseDecoder::new();
/// let mut buf = BytesMut::from(&b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"[..]);
/// assert!(matches!(decoder.decode(&mut buf).unwrap(), Some(ResponseFrame::Head(_))));
/// assert_eq!(decoder.decode(&mut buf).unwrap(), Some(ResponseFrame::Data("hi".into())));
/// assert_eq!(decoder.decode(&mut buf).unwrap(), Some(ResponseFrame::End));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseFrame {
    /// The status line and fields.
    Head(ResponseHead),
    /// Body bytes, already de-chunked; a view of the read buffer.
    Data(Bytes),
    /// The trailer fields of a chunked body.
    Trailers(Fields),
    /// The end of the response.
    End,
}
