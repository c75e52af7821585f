//! The state machine shared by `FramedRead`, `FramedWrite` and `Framed`.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use memkit_bytes::{Buf, BytesMut, BytesPool};
use tokio::io::{AsyncRead, AsyncWrite};

use crate::raw::poll_read_buf;
use crate::{Decoder, Encoder};

/// Capacity of a fresh read or write buffer, and the default
/// back-pressure boundary.
pub(crate) const INITIAL_CAPACITY: usize = 8 * 1024;

pin_project_lite::pin_project! {
    /// An I/O object, a codec, and the read and write halves' state.
    #[derive(Debug)]
    pub(crate) struct FramedImpl<T, U> {
        #[pin]
        pub(crate) inner: T,
        pub(crate) codec: U,
        pub(crate) read: ReadFrame,
        pub(crate) write: WriteFrame,
    }
}

/// The read half: a buffer and where the stream stands.
#[derive(Debug)]
pub(crate) struct ReadFrame {
    pub(crate) buffer: BytesMut,
    /// Bytes arrived since the decoder last returned `None`.
    pub(crate) is_readable: bool,
    /// The last read returned 0 bytes.
    pub(crate) eof: bool,
    /// The decoder or the reader failed; the stream ends next poll.
    pub(crate) has_errored: bool,
    /// Where fresh read buffers come from, and their capacity.
    pub(crate) pool: Option<(BytesPool, usize)>,
}

/// The write half: encoded bytes not yet written.
#[derive(Debug)]
pub(crate) struct WriteFrame {
    pub(crate) buffer: BytesMut,
    /// `poll_ready` flushes once this many bytes are buffered.
    pub(crate) backpressure_boundary: usize,
}

impl ReadFrame {
    pub(crate) fn with_capacity(capacity: usize) -> ReadFrame {
        ReadFrame {
            buffer: BytesMut::with_capacity(capacity),
            is_readable: false,
            eof: false,
            has_errored: false,
            pool: None,
        }
    }

    pub(crate) fn with_pool(pool: BytesPool, capacity: usize) -> ReadFrame {
        ReadFrame {
            buffer: pool.get(capacity),
            pool: Some((pool, capacity.max(1))),
            ..ReadFrame::with_capacity(0)
        }
    }

    /// Makes room for one read: a pooled buffer when the current one is
    /// empty and full, otherwise the buffer grows as `BytesMut` does.
    fn make_room(&mut self) {
        if self.buffer.len() < self.buffer.capacity() {
            return;
        }
        match &self.pool {
            Some((pool, capacity)) if self.buffer.is_empty() => {
                self.buffer = pool.get(*capacity);
            }
            Some((_, capacity)) => self.buffer.reserve(*capacity),
            None => self.buffer.reserve(1),
        }
    }
}

impl WriteFrame {
    pub(crate) fn with_capacity(capacity: usize) -> WriteFrame {
        WriteFrame {
            buffer: BytesMut::with_capacity(capacity),
            backpressure_boundary: INITIAL_CAPACITY,
        }
    }
}

impl<T: AsyncRead, U: Decoder> FramedImpl<T, U> {
    /// The next frame, tokio-util's read state machine: decode while bytes
    /// are buffered, read when the decoder needs more, `decode_eof` until
    /// `None` at the end, and end the stream after an error.
    pub(crate) fn poll_next_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<U::Item, U::Error>>> {
        let mut this = self.project();
        let state = this.read;
        loop {
            if state.has_errored {
                state.is_readable = false;
                state.has_errored = false;
                return Poll::Ready(None);
            }
            if state.is_readable {
                if state.eof {
                    return match this.codec.decode_eof(&mut state.buffer) {
                        Ok(None) => {
                            state.is_readable = false;
                            Poll::Ready(None)
                        }
                        Ok(Some(frame)) => Poll::Ready(Some(Ok(frame))),
                        Err(e) => {
                            state.has_errored = true;
                            Poll::Ready(Some(Err(e)))
                        }
                    };
                }
                match this.codec.decode(&mut state.buffer) {
                    Ok(Some(frame)) => return Poll::Ready(Some(Ok(frame))),
                    Ok(None) => state.is_readable = false,
                    Err(e) => {
                        state.has_errored = true;
                        return Poll::Ready(Some(Err(e)));
                    }
                }
            }
            state.make_room();
            let n = match poll_read_buf(this.inner.as_mut(), cx, &mut state.buffer) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Ok(n)) => n,
                Poll::Ready(Err(e)) => {
                    state.has_errored = true;
                    return Poll::Ready(Some(Err(e.into())));
                }
            };
            if n == 0 {
                if state.eof {
                    return Poll::Ready(None);
                }
                state.eof = true;
            } else {
                state.eof = false;
            }
            state.is_readable = true;
        }
    }
}

impl<T: AsyncWrite, U> FramedImpl<T, U> {
    /// Flushes first when the write buffer has reached the back-pressure
    /// boundary.
    pub(crate) fn poll_ready_to_send<E: From<io::Error>>(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Result<(), E>> {
        if self.write.buffer.len() >= self.write.backpressure_boundary {
            self.poll_flush_buffer(cx)
        } else {
            Poll::Ready(Ok(()))
        }
    }

    /// Encodes `item` into the write buffer.
    pub(crate) fn encode_item<I>(self: Pin<&mut Self>, item: I) -> Result<(), U::Error>
    where
        U: Encoder<I>,
    {
        let this = self.project();
        this.codec.encode(item, &mut this.write.buffer)
    }

    /// Writes the whole write buffer, then flushes the writer.
    pub(crate) fn poll_flush_buffer<E: From<io::Error>>(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Result<(), E>> {
        let mut this = self.project();
        while !this.write.buffer.is_empty() {
            let n = ready!(this.inner.as_mut().poll_write(cx, &this.write.buffer))?;
            if n == 0 {
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::WriteZero,
                    "failed to write frame to transport",
                )
                .into()));
            }
            this.write.buffer.advance(n);
        }
        ready!(this.inner.poll_flush(cx))?;
        Poll::Ready(Ok(()))
    }

    /// Flushes, then shuts the writer down.
    pub(crate) fn poll_close_writer<E: From<io::Error>>(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Result<(), E>> {
        ready!(self.as_mut().poll_flush_buffer::<E>(cx))?;
        ready!(self.project().inner.poll_shutdown(cx))?;
        Poll::Ready(Ok(()))
    }
}
