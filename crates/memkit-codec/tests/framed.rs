//! `FramedRead`, `FramedWrite` and `Framed` over real tokio I/O.
#![cfg(feature = "tokio")]

use futures::{SinkExt, StreamExt};
use memkit_bytes::BytesPool;
use memkit_codec::{Framed, FramedRead, FramedWrite, LengthDelimitedCodec, LinesCodec};
use tokio::io::AsyncWriteExt;

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

#[test]
fn stream_ends_with_the_decode_eof_tail() {
    block_on(async {
        let lines: Vec<String> = FramedRead::new(&b"a\r\nb\nc"[..], LinesCodec::new())
            .map(Result::unwrap)
            .collect()
            .await;
        assert_eq!(lines, ["a", "b", "c"]);
    });
}

#[test]
fn an_error_ends_the_stream() {
    block_on(async {
        let wire = [0u8, 0, 0, 9, 1, 2, 3];
        let codec = LengthDelimitedCodec::builder()
            .max_frame_length(4)
            .new_codec();
        let mut frames = FramedRead::new(&wire[..], codec);
        let err = frames.next().await.unwrap().unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        assert!(frames.next().await.is_none());
    });
}

#[test]
fn pooled_read_buffers_go_back_to_the_pool() {
    block_on(async {
        let pool = BytesPool::new(8);
        let (mut tx, rx) = tokio::io::duplex(64);
        let mut frames = FramedRead::with_pool(rx, LengthDelimitedCodec::new(), pool.clone(), 256);
        for round in 0..20u8 {
            tx.write_all(&[0, 0, 0, 3, round, round, round])
                .await
                .unwrap();
            let frame = frames.next().await.unwrap().unwrap();
            assert_eq!(&frame[..], [round; 3]);
        }
        drop(frames);
        assert!(pool.pooled() >= 1, "storage returned: {pool:?}");
    });
}

#[test]
fn sink_flushes_at_the_backpressure_boundary() {
    block_on(async {
        let mut sink = FramedWrite::new(Vec::<u8>::new(), LinesCodec::new());
        sink.set_backpressure_boundary(4);
        sink.feed("ab").await.unwrap();
        assert!(sink.get_ref().is_empty());
        sink.feed("cd").await.unwrap();
        assert!(
            sink.get_ref().is_empty(),
            "3 bytes buffered: below the boundary"
        );
        sink.feed("ef").await.unwrap();
        assert_eq!(
            sink.get_ref(),
            b"ab\ncd\n",
            "6 bytes buffered: flushed first"
        );
        SinkExt::<&str>::flush(&mut sink).await.unwrap();
        assert_eq!(sink.get_ref(), b"ab\ncd\nef\n");
    });
}

#[test]
fn framed_both_ways() {
    block_on(async {
        let (a, b) = tokio::io::duplex(16);
        let mut a = Framed::new(a, LengthDelimitedCodec::new());
        let mut b = Framed::new(b, LengthDelimitedCodec::new());
        let big = vec![5u8; 1000];
        let send = async {
            a.send(memkit_bytes::Bytes::from(big.clone()))
                .await
                .unwrap();
            SinkExt::<memkit_bytes::Bytes>::close(&mut a).await.unwrap();
        };
        let receive = async { b.next().await.unwrap().unwrap() };
        let ((), frame) = futures::join!(send, receive);
        assert_eq!(&frame[..], &big[..]);
        assert!(b.next().await.is_none());
    });
}
