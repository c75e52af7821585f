//! [`FramedWrite`]: a sink of items encoded to an `AsyncWrite`.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_sink::Sink;
use memkit_bytes::BytesMut;
use tokio::io::AsyncWrite;

use super::framed_impl::{FramedImpl, INITIAL_CAPACITY, ReadFrame, WriteFrame};
use crate::Encoder;

pin_project_lite::pin_project! {
    /// Encodes items to an [`AsyncWrite`] with an [`Encoder`], as a
    /// `futures` [`Sink`] with back-pressure: tokio-util's `FramedWrite`.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::SinkExt;
    /// use memkit_codec::{FramedWrite, LinesCodec};
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let mut sink = FramedWrite::new(Vec::<u8>::new(), LinesCodec::new());
    /// sink.send("hi").await.unwrap();
    /// assert_eq!(sink.get_ref(), b"hi\n");
    /// # });
    /// ```
    pub struct FramedWrite<T, E> {
        #[pin]
        inner: FramedImpl<T, E>,
    }
}

impl<T, E> FramedWrite<T, E> {
    /// Wraps `inner` with `encoder` and an 8 KiB write buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
    /// assert!(framed.write_buffer().is_empty());
    /// ```
    pub fn new(inner: T, encoder: E) -> FramedWrite<T, E> {
        FramedWrite::with_capacity(inner, encoder, INITIAL_CAPACITY)
    }

    /// Wraps `inner` with `encoder` and a write buffer of `capacity` bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedWrite::with_capacity(Vec::<u8>::new(), memkit_codec::BytesCodec::new(), 64);
    /// assert!(framed.write_buffer().capacity() >= 64);
    /// ```
    pub fn with_capacity(inner: T, encoder: E, capacity: usize) -> FramedWrite<T, E> {
        FramedWrite {
            inner: FramedImpl {
                inner,
                codec: encoder,
                read: ReadFrame::with_capacity(0),
                write: WriteFrame::with_capacity(capacity),
            },
        }
    }

    /// The writer.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
    /// assert!(framed.get_ref().is_empty());
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.inner.inner
    }

    /// The writer, mutably; writing to it directly can corrupt the frames.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
    /// framed.get_mut().push(1);
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner.inner
    }

    /// The pinned writer.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::FramedWrite::new(tokio::io::sink(), memkit_codec::BytesCodec::new());
    /// let _io = std::pin::Pin::new(&mut framed).get_pin_mut();
    /// ```
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().inner.project().inner
    }

    /// The writer; bytes not yet written are dropped.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedWrite::new(vec![1u8], memkit_codec::BytesCodec::new());
    /// assert_eq!(framed.into_inner(), vec![1]);
    /// ```
    pub fn into_inner(self) -> T {
        self.inner.inner
    }

    /// The encoder.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::LinesCodec::new());
    /// assert_eq!(framed.encoder().max_length(), usize::MAX);
    /// ```
    pub fn encoder(&self) -> &E {
        &self.inner.codec
    }

    /// The encoder, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::LengthDelimitedCodec::new());
    /// framed.encoder_mut().set_max_frame_length(8);
    /// ```
    pub fn encoder_mut(&mut self) -> &mut E {
        &mut self.inner.codec
    }

    /// Replaces the encoder with `map(encoder)`, keeping the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_codec::{BytesCodec, FramedWrite, LinesCodec};
    ///
    /// let framed = FramedWrite::new(Vec::<u8>::new(), BytesCodec::new()).map_encoder(|_| LinesCodec::new());
    /// assert_eq!(framed.encoder().max_length(), usize::MAX);
    /// ```
    pub fn map_encoder<C, F: FnOnce(E) -> C>(self, map: F) -> FramedWrite<T, C> {
        let FramedImpl {
            inner,
            codec,
            read,
            write,
        } = self.inner;
        FramedWrite {
            inner: FramedImpl {
                inner,
                codec: map(codec),
                read,
                write,
            },
        }
    }

    /// Bytes encoded and not yet written.
    ///
    /// # Examples
    ///
    /// ```
    /// let framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
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
    /// let mut framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
    /// framed.write_buffer_mut().extend_from_slice(b"raw");
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
    /// let framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
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
    /// let mut framed = memkit_codec::FramedWrite::new(Vec::<u8>::new(), memkit_codec::BytesCodec::new());
    /// framed.set_backpressure_boundary(1);
    /// assert_eq!(framed.backpressure_boundary(), 1);
    /// ```
    pub fn set_backpressure_boundary(&mut self, boundary: usize) {
        self.inner.write.backpressure_boundary = boundary;
    }
}

impl<T: AsyncWrite, I, E: Encoder<I>> Sink<I> for FramedWrite<T, E> {
    type Error = E::Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E::Error>> {
        self.project().inner.poll_ready_to_send(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: I) -> Result<(), E::Error> {
        self.project().inner.encode_item(item)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E::Error>> {
        self.project().inner.poll_flush_buffer(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E::Error>> {
        self.project().inner.poll_close_writer(cx)
    }
}

impl<T: fmt::Debug, E: fmt::Debug> fmt::Debug for FramedWrite<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FramedWrite")
            .field("io", &self.inner.inner)
            .field("encoder", &self.inner.codec)
            .field("buffered", &self.inner.write.buffer.len())
            .finish()
    }
}
