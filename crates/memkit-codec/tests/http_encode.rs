//! Encoders: what they write, what they refuse, and a round trip through
//! the decoders (`memkit` encode, then decode, against the frames as a
//! `model`).

use memkit_bytes::{Bytes, BytesMut};
use memkit_codec::http::{
    ErrorKind, Fields, RequestDecoder, RequestEncoder, RequestFrame, RequestHead, ResponseDecoder,
    ResponseEncoder, ResponseFrame, ResponseHead,
};
use memkit_codec::{Decoder, Encoder};
use proptest::prelude::*;

fn decode_all<D: Decoder>(decoder: &mut D, mut buf: BytesMut) -> Vec<D::Item>
where
    D::Error: std::fmt::Debug,
{
    let mut frames = Vec::new();
    while let Some(f) = decoder.decode(&mut buf).unwrap() {
        frames.push(f);
    }
    while let Some(f) = decoder.decode_eof(&mut buf).unwrap() {
        frames.push(f);
    }
    frames
}

fn trailers(fields: &[(&str, &[u8])]) -> Fields {
    // Trailers are made by decoding a chunked body's trailer section.
    let mut wire =
        BytesMut::from(&b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"[..]);
    for (n, v) in fields {
        wire.extend_from_slice(n.as_bytes());
        wire.extend_from_slice(b": ");
        wire.extend_from_slice(v);
        wire.extend_from_slice(b"\r\n");
    }
    wire.extend_from_slice(b"\r\n");
    let frames = decode_all(&mut ResponseDecoder::new(), wire);
    match &frames[1] {
        ResponseFrame::Trailers(t) => t.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn heads_refuse_bytes_that_split_a_message() {
    for value in [&b"a\rb"[..], b"a\nb", b"a\0b", b"a\x7f"] {
        let err = ResponseHead::new(200, &[("X", value)]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidFieldValue, "{value:?}");
        let err = RequestHead::new("GET", "/", &[("Host", b"a"), ("X", value)]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidFieldValue, "{value:?}");
    }
    for name in ["", "A B", "A\r\nB", "A:B", "A\0"] {
        let err = ResponseHead::new(200, &[(name, b"v")]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidFieldName, "{name:?}");
    }
    assert_eq!(
        RequestHead::new("GET", "/a b", &[("Host", b"a")])
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidTarget
    );
    assert_eq!(
        RequestHead::new("GET", "/a\r\n", &[("Host", b"a")])
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidTarget
    );
    assert_eq!(
        RequestHead::new("G T", "/", &[("Host", b"a")])
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidMethod
    );
    assert_eq!(
        ResponseHead::new(1000, &[]).unwrap_err().kind(),
        ErrorKind::InvalidStatusLine
    );
}

#[test]
fn content_length_is_enforced() {
    let mut encoder = ResponseEncoder::new();
    let mut out = BytesMut::new();
    let head = ResponseHead::new(200, &[("Content-Length", b"3")]).unwrap();
    encoder
        .encode(ResponseFrame::Head(head.clone()), &mut out)
        .unwrap();
    let err = encoder
        .encode(ResponseFrame::Data("abcd".into()), &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyLengthMismatch);
    encoder
        .encode(ResponseFrame::Data("ab".into()), &mut out)
        .unwrap();
    assert_eq!(
        encoder
            .encode(ResponseFrame::End, &mut out)
            .unwrap_err()
            .kind(),
        ErrorKind::BodyLengthMismatch
    );
    encoder
        .encode(ResponseFrame::Data("c".into()), &mut out)
        .unwrap();
    encoder.encode(ResponseFrame::End, &mut out).unwrap();
    assert_eq!(&out[..], b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
}

#[test]
fn no_body_where_the_head_allows_none() {
    let mut encoder = RequestEncoder::new();
    let mut out = BytesMut::new();
    let head = RequestHead::new("GET", "/", &[("Host", b"a")]).unwrap();
    encoder.encode(RequestFrame::Head(head), &mut out).unwrap();
    let err = encoder
        .encode(RequestFrame::Data("x".into()), &mut out)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyLengthMismatch);
    encoder.encode(RequestFrame::End, &mut out).unwrap();
    assert_eq!(&out[..], b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
}

#[test]
fn framing_fields_are_refused_in_trailers() {
    let mut encoder = ResponseEncoder::new();
    let mut out = BytesMut::new();
    let head = ResponseHead::new(200, &[("Transfer-Encoding", b"chunked")]).unwrap();
    encoder.encode(ResponseFrame::Head(head), &mut out).unwrap();
    let mut fields = trailers(&[("X", b"1")]);
    encoder
        .encode(ResponseFrame::Trailers(fields.clone()), &mut out)
        .unwrap();
    encoder.encode(ResponseFrame::End, &mut out).unwrap();
    assert!(out.ends_with(b"0\r\nX: 1\r\n\r\n"));
    fields = trailers(&[("Server-Timing", b"x")]);
    let mut encoder = ResponseEncoder::new();
    let head = ResponseHead::new(200, &[("Transfer-Encoding", b"chunked")]).unwrap();
    encoder.encode(ResponseFrame::Head(head), &mut out).unwrap();
    encoder
        .encode(ResponseFrame::Trailers(fields), &mut out)
        .unwrap();
}

#[test]
fn lenient_heads_are_written_strictly() {
    // A head read leniently (bare LF, obs-fold) is written with CRLF and
    // no fold, so a proxy never forwards what a strict peer would refuse.
    let mut decoder = memkit_codec::http::DecoderBuilder::new()
        .allow_bare_lf(true)
        .allow_obs_fold(true)
        .request_decoder();
    let frames = decode_all(
        &mut decoder,
        BytesMut::from(&b"GET / HTTP/1.1\nHost: a\nX: b\n c\n\n"[..]),
    );
    let mut out = BytesMut::new();
    let mut encoder = RequestEncoder::new();
    for f in frames {
        encoder.encode(f, &mut out).unwrap();
    }
    assert_eq!(&out[..], b"GET / HTTP/1.1\r\nHost: a\r\nX: b  c\r\n\r\n");
}

#[derive(Debug, Clone)]
enum Body {
    Length(Vec<Vec<u8>>),
    Chunked(Vec<Vec<u8>>, bool),
}

fn body() -> impl Strategy<Value = Body> {
    let pieces = proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..20), 0..5);
    prop_oneof![
        pieces.clone().prop_map(Body::Length),
        (pieces, any::<bool>()).prop_map(|(p, t)| Body::Chunked(p, t)),
    ]
}

proptest! {
    /// Frames encoded by `memkit` decode to the same frames (body bytes
    /// joined: the `model` is the concatenated body).
    #[test]
    fn request_round_trip(bodies in proptest::collection::vec(body(), 1..4), cut in any::<usize>()) {
        let mut wire = BytesMut::new();
        let mut encoder = RequestEncoder::new();
        let mut model: Vec<(Vec<u8>, bool)> = Vec::new();
        for b in &bodies {
            let (pieces, head) = match b {
                Body::Length(p) => {
                    let len = p.iter().map(Vec::len).sum::<usize>().to_string();
                    (p, RequestHead::new("POST", "/", &[("Host", b"h"), ("Content-Length", len.as_bytes())]).unwrap())
                }
                Body::Chunked(p, _) => (p, RequestHead::new("POST", "/", &[("Host", b"h"), ("Transfer-Encoding", b"chunked")]).unwrap()),
            };
            encoder.encode(RequestFrame::Head(head), &mut wire).unwrap();
            for p in pieces {
                encoder.encode(RequestFrame::Data(Bytes::copy_from_slice(p)), &mut wire).unwrap();
            }
            let with_trailers = matches!(b, Body::Chunked(_, true));
            if with_trailers {
                encoder.encode(RequestFrame::Trailers(trailers(&[("T", b"v")])), &mut wire).unwrap();
            }
            encoder.encode(RequestFrame::End, &mut wire).unwrap();
            model.push((pieces.concat(), with_trailers));
        }
        let cut = cut % (wire.len() + 1);
        let mut decoder = RequestDecoder::new();
        let mut buf = BytesMut::new();
        let mut frames = Vec::new();
        for part in [&wire[..cut], &wire[cut..]] {
            buf.extend_from_slice(part);
            while let Some(f) = decoder.decode(&mut buf).unwrap() {
                frames.push(f);
            }
        }
        prop_assert!(decoder.decode_eof(&mut buf).unwrap().is_none());
        let mut seen: Vec<(Vec<u8>, bool)> = Vec::new();
        for f in frames {
            match f {
                RequestFrame::Head(_) => seen.push((Vec::new(), false)),
                RequestFrame::Data(d) => seen.last_mut().unwrap().0.extend_from_slice(&d),
                RequestFrame::Trailers(t) => {
                    prop_assert_eq!(t.get("t"), Some(&b"v"[..]));
                    seen.last_mut().unwrap().1 = true;
                }
                RequestFrame::End => {}
            }
        }
        prop_assert_eq!(seen, model);
    }
}
