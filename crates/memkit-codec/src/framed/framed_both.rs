//! [`Framed`]: a stream of decoded frames and a sink of items to encode,
//! over one I/O object.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_sink::Sink;
use memkit_bytes::{BytesMut, BytesPool};
use tokio::io::{AsyncRead, AsyncWrite};

use super::framed_impl::{FramedImpl, INITIAL_CAPACITY, ReadFrame, WriteFrame};
use crate::{Decoder, Encoder};

pin_project_lite::pin_project! {
    /// Decodes frames from an [`AsyncRead`] with a codec's [`Decoder`] half
    /// (a `futures` [`Stream`]) and encodes items to an [`AsyncWrite`] with
    /// its [`Encoder`] half (a `futures` [`Sink`]), as tokio-util's
    /// `Framed`.
    ///
    /// Read buffers can come from a [`BytesPool`]
    /// ([`with_pool`](Framed::with_pool)), so that frames, once dropped,
    /// give their storage back and a steady connection stops allocating.
    /// The sink applies back-pressure: once the write buffer holds
    /// [`backpressure_boundary`](Framed::backpressure_boundary) bytes,
    /// `poll_ready` flushes before accepting more.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::{SinkExt, StreamExt};
    /// use memkit_codec::{Framed, LinesCodec};
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let (a, b) = tokio::io::duplex(64);
    /// let mut a = Framed::new(a, LinesCodec::new());
    /// let mut b = Framed::new(b, LinesCodec::new());
    /// a.send("ping").await.unwrap();
    /// assert_eq!(b.next().await.unwrap().unwrap(), "ping");
    /// # });
    /// ```
    pub struct Framed<T, U> {
        #[pin]
        inner: FramedImpl<T, U>,
    }
}

impl<T, U> Framed<T, U> {
    /// Wraps `inner` with `codec` and 8 KiB buffers.
    ///
    /// # Examples
    ///
    /// ```
    /// let (io, _peer) = tokio::io::duplex(64);
    /// let framed = memkit_codec::Framed::new(io, memkit_codec::BytesCodec::new());
    /// assert!(framed.read_buffer().capacity() >= 8192);
    /// ```
    pub fn new(inner: T, codec: U) -> Framed<T, U> {
        Framed::with_capacity(inner, codec, INITIAL_CAPACITY)
    }

    /// Wraps `inner` with `codec` and a read buffer of `capacity` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let (io, _peer) = tokio::io::duplex(64);
    /// let framed = memkit_codec::Framed::with_capacity(io, memkit_codec::BytesCodec::new(), 512);
    /// assert!(framed.read_buffer().capacity() >= 512);
    /// ```
    pub fn with_capacity(inner: T, codec: U, capacity: usize) -> Framed<T, U> {
        Framed {
            inner: FramedImpl {
                inner,
                codec,
                read: ReadFrame::with_capacity(capacity),
                write: WriteFrame::with_capacity(INITIAL_CAPACITY),
            },
        }
    }

    /// Wraps `inner` with `codec`, reading into buffers of `capacity` bytes
    /// taken from `pool`: when every frame split from a buffer has dropped,
    /// its storage goes back to the pool for a later read.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesPool;
    ///
    /// let (io, _peer) = tokio::io::duplex(64);
    /// let pool = BytesPool::new(16);
    /// let framed = memkit_codec::Framed::with_pool(io, memkit_codec::BytesCodec::new(), pool, 4096);
    /// assert!(framed.read_buffer().capacity() >= 4096);
    /// ```
    pub fn with_pool(inner: T, codec: U, pool: BytesPool, capacity: usize) -> Framed<T, U> {
        Framed {
            inner: FramedImpl {
                inner,
                codec,
                read: ReadFrame::with_pool(pool, capacity),
                write: WriteFrame::with_capacity(INITIAL_CAPACITY),
            },
        }
    }

    /// The I/O object.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Framed::new(std::io::Cursor::new(vec![1]), memkit_codec::BytesCodec::new());
    /// assert_eq!(framed.get_ref().get_ref(), &[1]);
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.inner.inner
    }

    /// The I/O object, mutably; reading or writing it directly can corrupt
    /// the frame stream.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::Framed::new(std::io::Cursor::new(vec![1]), memkit_codec::BytesCodec::new());
    /// framed.get_mut().get_mut().push(2);
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner.inner
    }

    /// The pinned I/O object.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::Framed::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
    /// let _io = std::pin::Pin::new(&mut framed).get_pin_mut();
    /// ```
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().inner.project().inner
    }

    /// The codec.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Framed::new(tokio::io::empty(), memkit_codec::LinesCodec::new());
    /// assert_eq!(framed.codec().max_length(), usize::MAX);
    /// ```
    pub fn codec(&self) -> &U {
        &self.inner.codec
    }

    /// The codec, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::Framed::new(tokio::io::empty(), memkit_codec::LengthDelimitedCodec::new());
    /// framed.codec_mut().set_max_frame_length(16);
    /// assert_eq!(framed.codec().max_frame_length(), 16);
    /// ```
    pub fn codec_mut(&mut self) -> &mut U {
        &mut self.inner.codec
    }

    /// Replaces the codec with `map(codec)`, keeping the buffers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::{BytesCodec, Framed, LinesCodec};
    ///
    /// let framed = Framed::new(tokio::io::empty(), BytesCodec::new());
    /// let framed = framed.map_codec(|_| LinesCodec::new());
    /// assert_eq!(framed.codec().max_length(), usize::MAX);
    /// ```
    pub fn map_codec<C, F: FnOnce(U) -> C>(self, map: F) -> Framed<T, C> {
        let FramedImpl {
            inner,
            codec,
            read,
            write,
        } = self.inner;
        Framed {
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
    /// let framed = memkit_codec::Framed::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
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
    /// let mut framed = memkit_codec::Framed::new(tokio::io::empty(), memkit_codec::BytesCodec::new());
    /// framed.read_buffer_mut().extend_from_slice(b"x");
    /// assert_eq!(framed.read_buffer().len(), 1);
    /// ```
    pub fn read_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.read.buffer
    }

    /// Bytes encoded and not yet written.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Framed::new(tokio::io::sink(), memkit_codec::BytesCodec::new());
    /// assert!(framed.write_buffer().is_empty());
    /// ```
    pub fn write_buffer(&self) -> &BytesMut {
        &self.inner.write.buffer
    }

    /// Bytes encoded and not yet written, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::Framed::new(tokio::io::sink(), memkit_codec::BytesCodec::new());
    /// framed.write_buffer_mut().extend_from_slice(b"raw");
    /// assert_eq!(framed.write_buffer().len(), 3);
    /// ```
    pub fn write_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.write.buffer
    }

    /// The write-buffer length at which `poll_ready` flushes first
    /// (8 KiB by default).
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Framed::new(tokio::io::sink(), memkit_codec::BytesCodec::new());
    /// assert_eq!(framed.backpressure_boundary(), 8192);
    /// ```
    pub fn backpressure_boundary(&self) -> usize {
        self.inner.write.backpressure_boundary
    }

    /// Sets the back-pressure boundary; 0 flushes before every item.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::Framed::new(tokio::io::sink(), memkit_codec::BytesCodec::new());
    /// framed.set_backpressure_boundary(0);
    /// assert_eq!(framed.backpressure_boundary(), 0);
    /// ```
    pub fn set_backpressure_boundary(&mut self, boundary: usize) {
        self.inner.write.backpressure_boundary = boundary;
    }

    /// The I/O object; buffered bytes are dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::Framed::new(std::io::Cursor::new(vec![7]), memkit_codec::BytesCodec::new());
    /// assert_eq!(framed.into_inner().into_inner(), vec![7]);
    /// ```
    pub fn into_inner(self) -> T {
        self.inner.inner
    }
}

impl<T: AsyncRead, U: Decoder> Stream for Framed<T, U> {
    type Item = Result<U::Item, U::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.poll_next_frame(cx)
    }
}

impl<T: AsyncWrite, I, U: Encoder<I>> Sink<I> for Framed<T, U> {
    type Error = U::Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), U::Error>> {
        self.project().inner.poll_ready_to_send(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: I) -> Result<(), U::Error> {
        self.project().inner.encode_item(item)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), U::Error>> {
        self.project().inner.poll_flush_buffer(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), U::Error>> {
        self.project().inner.poll_close_writer(cx)
    }
}

impl<T: fmt::Debug, U: fmt::Debug> fmt::Debug for Framed<T, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Framed")
            .field("io", &self.inner.inner)
            .field("codec", &self.inner.codec)
            .finish()
    }
}
