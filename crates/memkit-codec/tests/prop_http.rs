//! Random inputs through the split-independence harness: valid requests
//! and responses with random bytes changed, inserted or removed. No input
//! may panic, every split must agree with the whole, and the decoder never
//! holds more unparsed head bytes than its limits allow.

mod support;

use memkit_bytes::BytesMut;
use memkit_codec::Decoder;
use memkit_codec::http::{DecoderBuilder, RequestDecoder, ResponseDecoder};
use proptest::prelude::*;

const SEEDS: &[&[u8]] = &[
    b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
    b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
    b"POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;e=\"v\"\r\nabc\r\n0\r\nT: 1\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
];

/// A seed (or two pipelined) with random edits.
fn input() -> impl Strategy<Value = Vec<u8>> {
    let edit = (
        any::<prop::sample::Index>(),
        0u8..3,
        prop_oneof![
            Just(b'\r'),
            Just(b'\n'),
            Just(b' '),
            Just(b':'),
            Just(b'0'),
            Just(b';'),
            Just(b'\t'),
            any::<u8>()
        ],
    );
    (
        0..SEEDS.len(),
        0..SEEDS.len(),
        any::<bool>(),
        proptest::collection::vec(edit, 0..4),
    )
        .prop_map(|(a, b, two, edits)| {
            let mut v = SEEDS[a].to_vec();
            if two {
                v.extend_from_slice(SEEDS[b]);
            }
            for (at, op, byte) in edits {
                let i = at.index(v.len() + 1);
                match op {
                    0 if i < v.len() => v[i] = byte,
                    1 => v.insert(i, byte),
                    _ if i < v.len() => {
                        v.remove(i);
                    }
                    _ => v.push(byte),
                }
            }
            v
        })
}

fn small_request() -> RequestDecoder {
    DecoderBuilder::new()
        .max_head_bytes(64)
        .max_line_bytes(40)
        .max_fields(3)
        .max_chunk_extension_bytes(8)
        .max_trailer_bytes(16)
        .request_decoder()
}

proptest! {
    #[test]
    fn requests_agree_however_split(input in input()) {
        support::check(RequestDecoder::new, &input);
        support::check(small_request, &input);
        let lenient = || DecoderBuilder::new().allow_bare_lf(true).allow_obs_fold(true).allow_repeated_content_length(true).request_decoder();
        support::check(lenient, &input);
    }

    #[test]
    fn responses_agree_however_split(input in input()) {
        support::check(ResponseDecoder::new, &input);
        support::check(|| { let mut d = ResponseDecoder::new(); d.expect_response_to("HEAD"); d }, &input);
    }

    /// Fed one byte at a time, the decoder never holds more unparsed bytes
    /// than the head limit (plus the byte that crossed it).
    #[test]
    fn buffered_bytes_stay_within_the_limits(input in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut decoder = small_request();
        let mut buf = BytesMut::new();
        for &b in &input {
            buf.extend_from_slice(&[b]);
            loop {
                match decoder.decode(&mut buf) {
                    Ok(Some(_)) => continue,
                    Ok(None) => break,
                    Err(_) => return Ok(()),
                }
            }
            prop_assert!(buf.len() <= 64 + 1, "{} bytes buffered", buf.len());
        }
    }
}
