//! [`FramedRead`]: a stream of frames decoded from an `AsyncRead`.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use memkit_bytes::{BytesMut, BytesPool};
use tokio::io::AsyncRead;

use super::framed_impl::{FramedImpl, INITIAL_CAPACITY, ReadFrame, WriteFrame};
use crate::Decoder;

pin_project_lite::pin_project! {
    /// Decodes frames from an [`AsyncRead`] with a [`Decoder`], as a
    /// `futures` [`Stream`]: tokio-util's `FramedRead`, optionally reading
    /// into [`BytesPool`] buffers.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::StreamExt;
    /// use memkit_codec::{FramedRead, LinesCodec};
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let mut lines = FramedRead::new(&b"a\nb\n"[..], LinesCodec::new());
    /// assert_eq!(lines.next().await.unwrap().unwrap(), "a");
    /// assert_eq!(lines.next().await.unwrap().unwrap(), "b");
    /// assert!(lines.next().await.is_none());
    /// # });
    /// ```
    pub struct FramedRead<T, D> {
        #[pin]
        inner: FramedImpl<T, D>,
    }
}

impl<T, D> FramedRead<T, D> {
    /// Wraps `inner` with `decoder` and an 8 KiB read buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedRead::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
    /// assert!(framed.read_buffer().capacity() >= 8192);
    /// ```
    pub fn new(inner: T, decoder: D) -> FramedRead<T, D> {
        FramedRead::with_capacity(inner, decoder, INITIAL_CAPACITY)
    }

    /// Wraps `inner` with `decoder` and a read buffer of `capacity` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed =
    ///     memkit_codec::FramedRead::with_capacity(tokio::io::empty(), memkit_codec::BytesCodec::new(), 64);
    /// assert!(framed.read_buffer().capacity() >= 64);
    /// ```
    pub fn with_capacity(inner: T, decoder: D, capacity: usize) -> FramedRead<T, D> {
        FramedRead {
            inner: FramedImpl {
                inner,
                codec: decoder,
                read: ReadFrame::with_capacity(capacity),
                write: WriteFrame::with_capacity(0),
            },
        }
    }

    /// Wraps `inner` with `decoder`, reading into buffers of `capacity`
    /// bytes from `pool`.
    ///
    /// # Examples
    ///
    /// ```
    /// let pool = memkit_bytes::BytesPool::new(4);
    /// let framed =
    ///     memkit_codec::FramedRead::with_pool(tokio::io::empty(), memkit_codec::BytesCodec::new(), pool, 256);
    /// assert!(framed.read_buffer().capacity() >= 256);
    /// ```
    pub fn with_pool(inner: T, decoder: D, pool: BytesPool, capacity: usize) -> FramedRead<T, D> {
        FramedRead {
            inner: FramedImpl {
                inner,
                codec: decoder,
                read: ReadFrame::with_pool(pool, capacity),
                write: WriteFrame::with_capacity(0),
            },
        }
    }

    /// The reader.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedRead::new(&b"ab"[..], memkit_codec::BytesCodec::new());
    /// assert_eq!(*framed.get_ref(), b"ab");
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.inner.inner
    }

    /// The reader, mutably; reading it directly can corrupt the frames.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::FramedRead::new(&b"ab"[..], memkit_codec::BytesCodec::new());
    /// *framed.get_mut() = b"c";
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner.inner
    }

    /// The pinned reader.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::FramedRead::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
    /// let _io = std::pin::Pin::new(&mut framed).get_pin_mut();
    /// ```
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().inner.project().inner
    }

    /// The reader; buffered bytes are dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedRead::new(&b"ab"[..], memkit_codec::BytesCodec::new());
    /// assert_eq!(framed.into_inner(), b"ab");
    /// ```
    pub fn into_inner(self) -> T {
        self.inner.inner
    }

    /// The decoder.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedRead::new(tokio::io::empty(), memkit_codec::LinesCodec::new());
    /// assert_eq!(framed.decoder().max_length(), usize::MAX);
    /// ```
    pub fn decoder(&self) -> &D {
        &self.inner.codec
    }

    /// The decoder, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed =
    ///     memkit_codec::FramedRead::new(tokio::io::empty(), memkit_codec::LengthDelimitedCodec::new());
    /// framed.decoder_mut().set_max_frame_length(8);
    /// ```
    pub fn decoder_mut(&mut self) -> &mut D {
        &mut self.inner.codec
    }

    /// Replaces the decoder with `map(decoder)`, keeping the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::{BytesCodec, FramedRead, LinesCodec};
    ///
    /// let framed = FramedRead::new(tokio::io::empty(), BytesCodec::new()).map_decoder(|_| LinesCodec::new());
    /// assert_eq!(framed.decoder().max_length(), usize::MAX);
    /// ```
    pub fn map_decoder<C, F: FnOnce(D) -> C>(self, map: F) -> FramedRead<T, C> {
        let FramedImpl {
            inner,
            codec,
            read,
            write,
        } = self.inner;
        FramedRead {
            inner: FramedImpl {
                inner,
                codec: map(codec),
                read,
                write,
            },
        }
    }

    /// Bytes read and not yet decoded.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedRead::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
    /// assert!(framed.read_buffer().is_empty());
    /// ```
    pub fn read_buffer(&self) -> &BytesMut {
        &self.inner.read.buffer
    }

    /// Bytes read and not yet decoded, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::FramedRead::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
    /// framed.read_buffer_mut().extend_from_slice(b"x");
    /// ```
    pub fn read_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.read.buffer
    }
}

impl<T: AsyncRead, D: Decoder> Stream for FramedRead<T, D> {
    type Item = Result<D::Item, D::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.poll_next_frame(cx)
    }
}

impl<T: fmt::Debug, D: fmt::Debug> fmt::Debug for FramedRead<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FramedRead")
            .field("io", &self.inner.inner)
            .field("decoder", &self.inner.codec)
            .field("buffered", &self.inner.read.buffer.len())
            .finish()
    }
}
