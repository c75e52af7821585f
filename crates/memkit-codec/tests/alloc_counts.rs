//! Allocation counts, measured with memkit-alloc in a test binary of its
//! own: decoding a request head of up to 16 fields from a pooled buffer
//! allocates nothing once the pool is warm, and framing codecs allocate
//! nothing per frame.

use memkit_alloc::{CountingAlloc, measure};
use memkit_bytes::{BytesMut, BytesPool};
use memkit_codec::http::{RequestDecoder, RequestFrame};
use memkit_codec::{Decoder, LengthDelimitedCodec};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// A head with `fields` fields and a short body.
fn request(fields: usize) -> Vec<u8> {
    let mut r = b"POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 4\r\n".to_vec();
    for i in 2..fields {
        r.extend_from_slice(format!("X-Field-{i}: value {i}\r\n").as_bytes());
    }
    r.extend_from_slice(b"\r\nbody");
    r
}

/// Reads `req` from a pooled buffer, in `step`-byte reads, and visits the
/// head; returns the body bytes and the frames other than body data.
fn serve(
    pool: &BytesPool,
    decoder: &mut RequestDecoder,
    req: &[u8],
    step: usize,
) -> (usize, usize) {
    let mut buf = pool.get(2048);
    let (mut body, mut frames) = (0, 0);
    for chunk in req.chunks(step) {
        buf.extend_from_slice(chunk);
        while let Some(frame) = decoder.decode(&mut buf).unwrap() {
            match &frame {
                RequestFrame::Head(head) => {
                    assert_eq!(head.header("host"), Some(&b"example.com"[..]));
                    assert_eq!(head.fields().iter().count(), head.fields().len());
                }
                RequestFrame::Data(data) => body += data.len(),
                _ => {}
            }
            if !matches!(frame, RequestFrame::Data(_)) {
                frames += 1;
            }
        }
    }
    (body, frames)
}

#[test]
fn request_head_with_16_fields_from_a_pool_allocates_nothing() {
    let pool = BytesPool::new(4);
    let mut decoder = RequestDecoder::new();
    let req = request(16);
    // Warm-up: the pool's first buffer.
    assert_eq!(serve(&pool, &mut decoder, &req, usize::MAX), (4, 2));
    for step in [usize::MAX, 64, 1] {
        let (frames, stats) = measure(|| serve(&pool, &mut decoder, &req, step));
        assert_eq!(frames, (4, 2));
        assert_eq!(stats.allocs + stats.reallocs, 0, "step {step}: {stats:?}");
    }
}

#[test]
fn a_17th_field_spills_to_the_heap_once() {
    let pool = BytesPool::new(4);
    let mut decoder = RequestDecoder::new();
    let req = request(17);
    serve(&pool, &mut decoder, &req, usize::MAX);
    let (_, stats) = measure(|| serve(&pool, &mut decoder, &req, usize::MAX));
    assert_eq!(stats.allocs + stats.reallocs, 1, "{stats:?}");
}

#[test]
fn length_delimited_frames_allocate_nothing() {
    let mut wire = Vec::new();
    for i in 0..50u32 {
        wire.extend_from_slice(&i.to_be_bytes());
        wire.extend(std::iter::repeat_n(7u8, i as usize));
    }
    let mut codec = LengthDelimitedCodec::new();
    let mut buf = BytesMut::with_capacity(4096);
    let (frames, stats) = measure(|| {
        buf.extend_from_slice(&wire);
        let mut frames = 0;
        while let Some(frame) = codec.decode(&mut buf).unwrap() {
            assert_eq!(frame.len(), frames);
            frames += 1;
        }
        frames
    });
    assert_eq!(frames, 50);
    assert_eq!(stats.allocs + stats.reallocs, 0, "{stats:?}");
}

/// The next frame of `decoder` from `buf`, which must hold one.
fn next_frame(decoder: &mut RequestDecoder, buf: &mut BytesMut) -> RequestFrame {
    decoder
        .decode(buf)
        .unwrap()
        .expect("the buffer holds another frame")
}

#[test]
fn a_head_kept_while_the_next_is_decoded_costs_one_field_list() {
    let pool = BytesPool::new(4);
    let mut decoder = RequestDecoder::new();
    let req = request(4);
    serve(&pool, &mut decoder, &req, usize::MAX);

    // Two pipelined requests in one read; the first head is kept.
    let mut buf = pool.get(4096);
    buf.extend_from_slice(&req);
    buf.extend_from_slice(&req);
    let kept = next_frame(&mut decoder, &mut buf);
    assert!(matches!(
        next_frame(&mut decoder, &mut buf),
        RequestFrame::Data(_)
    ));
    assert_eq!(next_frame(&mut decoder, &mut buf), RequestFrame::End);
    let (second, stats) = measure(|| next_frame(&mut decoder, &mut buf));
    assert_eq!(stats.allocs + stats.reallocs, 1, "{stats:?}");
    let (RequestFrame::Head(kept), RequestFrame::Head(second)) = (kept, second) else {
        panic!("two heads expected")
    };
    assert_eq!(kept.fields(), second.fields());
    assert_eq!(second.fields().len(), 4);
    drop((kept, second));
    assert!(matches!(
        next_frame(&mut decoder, &mut buf),
        RequestFrame::Data(_)
    ));
    assert_eq!(next_frame(&mut decoder, &mut buf), RequestFrame::End);

    // Once no head is kept, the decoder reuses its list again.
    let (frames, stats) = measure(|| serve(&pool, &mut decoder, &req, usize::MAX));
    assert_eq!(frames, (4, 2));
    assert_eq!(stats.allocs + stats.reallocs, 0, "{stats:?}");
}
