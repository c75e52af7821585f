//! One read from an `AsyncRead` into a buffer's spare capacity, which the
//! reader may write without it being zeroed first.
//!
//! # Invariants
//!
//! * The reader gets a `ReadBuf` over exactly the spare capacity of the
//!   buffer, uninitialised. `ReadBuf` promises that its first
//!   `filled().len()` bytes are initialised.
//! * Those bytes are ours only if the `ReadBuf` still points at our spare
//!   capacity after the poll: a reader can replace the whole `ReadBuf`
//!   through its `&mut` with one over memory of its own. So the start and
//!   length of the filled part are checked before the buffer's length grows
//!   over it, and a reader that swapped the `ReadBuf` makes this panic
//!   instead.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use memkit_bytes::BytesMut;
use tokio::io::{AsyncRead, ReadBuf};

/// Reads once from `io` into the spare capacity of `buf` and returns how
/// many bytes arrived (0 at the end of the stream, or when `buf` has no
/// spare capacity).
///
/// The safe way, zeroing the spare room before every read so that it can
/// be handed out as `&mut [u8]`, costs a write of the whole spare capacity
/// per read.
///
/// # Panics
///
/// If the reader replaced the `ReadBuf` it was given with one over other
/// memory, naming the positions.
pub(crate) fn poll_read_buf<T: AsyncRead>(
    io: Pin<&mut T>,
    cx: &mut Context<'_>,
    buf: &mut BytesMut,
) -> Poll<io::Result<usize>> {
    let start = buf.len();
    let spare = buf.spare_capacity_mut();
    let room = spare.len();
    let spare_at = spare.as_ptr().cast::<u8>();
    let mut read_buf = ReadBuf::uninit(spare);
    let polled = io.poll_read(cx, &mut read_buf);
    let filled = read_buf.filled();
    let n = filled.len();
    assert!(
        filled.as_ptr() == spare_at && n <= room,
        "Framed read: the reader swapped its ReadBuf (filled {n} bytes at {:p}, expected at most {room} at {spare_at:p})",
        filled.as_ptr(),
    );
    // SAFETY: the filled part starts at our spare capacity and is no longer
    // than it (just checked), and `ReadBuf` guarantees its filled bytes are
    // initialised; so the first `start + n <= capacity()` bytes of `buf`
    // are initialised.
    unsafe { buf.set_len(start + n) };
    match polled {
        Poll::Ready(Ok(())) => Poll::Ready(Ok(n)),
        Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
        Poll::Pending => Poll::Pending,
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll, Waker};

    use memkit_bytes::BytesMut;
    use tokio::io::{AsyncRead, ReadBuf};

    use super::poll_read_buf;

    fn read_once<T: AsyncRead + Unpin>(io: &mut T, buf: &mut BytesMut) -> Poll<io::Result<usize>> {
        let mut cx = Context::from_waker(Waker::noop());
        poll_read_buf(Pin::new(io), &mut cx, buf)
    }

    #[test]
    fn reads_append_after_what_is_buffered() {
        let mut buf = BytesMut::with_capacity(8);
        buf.extend_from_slice(b"ab");
        let mut input: &[u8] = b"cdefghijkl";
        let room = buf.capacity() - 2;
        assert!(matches!(read_once(&mut input, &mut buf), Poll::Ready(Ok(n)) if n == room));
        assert_eq!(&buf[..], &b"abcdefghijkl"[..2 + room]);
        assert_eq!(buf.len(), buf.capacity());
        // No spare capacity: nothing is read.
        assert!(matches!(
            read_once(&mut input, &mut buf),
            Poll::Ready(Ok(0))
        ));
        buf.reserve(16);
        let before = buf.len();
        assert!(matches!(read_once(&mut input, &mut buf), Poll::Ready(Ok(n)) if n == 10 - room));
        assert_eq!(&buf[before..], &b"cdefghijkl"[room..]);
        // The end of the stream.
        assert!(matches!(
            read_once(&mut input, &mut buf),
            Poll::Ready(Ok(0))
        ));
        assert_eq!(&buf[..], b"abcdefghijkl");
    }

    /// Fills part of the buffer and then returns what it was told to.
    struct Scripted {
        fill: usize,
        result: Option<io::ErrorKind>,
        pending: bool,
    }

    impl AsyncRead for Scripted {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            buf.put_slice(&vec![b'x'; self.fill]);
            match (self.pending, self.result) {
                (true, _) => Poll::Pending,
                (false, Some(kind)) => Poll::Ready(Err(io::Error::from(kind))),
                (false, None) => Poll::Ready(Ok(())),
            }
        }
    }

    #[test]
    fn bytes_filled_before_an_error_or_pending_are_kept() {
        let mut buf = BytesMut::with_capacity(16);
        let mut reader = Scripted {
            fill: 3,
            result: Some(io::ErrorKind::ConnectionReset),
            pending: false,
        };
        let polled = read_once(&mut reader, &mut buf);
        assert!(
            matches!(polled, Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::ConnectionReset)
        );
        assert_eq!(&buf[..], b"xxx");
        reader.pending = true;
        assert!(read_once(&mut reader, &mut buf).is_pending());
        assert_eq!(&buf[..], b"xxxxxx");
    }

    /// Replaces the `ReadBuf` with one over other memory (an empty static
    /// array, the one `&'static mut` safe code can make without a leak).
    struct Swapper;

    impl AsyncRead for Swapper {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            *buf = ReadBuf::new(&mut []);
            Poll::Ready(Ok(()))
        }
    }

    #[test]
    #[should_panic(expected = "Framed read: the reader swapped its ReadBuf")]
    fn a_swapped_read_buf_panics_instead_of_exposing_memory() {
        let mut buf = BytesMut::with_capacity(16);
        let _ = read_once(&mut Swapper, &mut buf);
    }
}
