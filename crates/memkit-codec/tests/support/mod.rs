//! The split-independence harness every HTTP conformance test goes
//! through: the input is fed whole, split at every point, and one byte at a
//! time; each run must give the same frames (adjacent body chunks joined)
//! and the same verdict, and a failed decoder must stay failed.
// Each test binary uses a part of this module.
#![allow(dead_code)]

use memkit_bytes::BytesMut;
use memkit_codec::Decoder;
use memkit_codec::http::{
    Error, Fields, RequestDecoder, RequestFrame, ResponseDecoder, ResponseFrame,
};

/// A frame as the tests spell it.
pub(crate) fn show_fields(fields: &Fields) -> String {
    fields
        .iter()
        .map(|(n, v)| format!("{n}={}", String::from_utf8_lossy(v)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One decoder kind, its frames shown as strings.
pub(crate) trait Subject: Decoder<Error = Error> {
    fn show(frame: Self::Item) -> Shown;
}

/// A frame shown: body bytes kept apart so adjacent ones can be joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shown {
    Line(String),
    Data(Vec<u8>),
}

impl Subject for RequestDecoder {
    fn show(frame: RequestFrame) -> Shown {
        match frame {
            RequestFrame::Head(h) => {
                let mut s = format!("HEAD {} {} {}", h.method(), h.target(), h.version());
                if !h.fields().is_empty() {
                    s.push(' ');
                    s.push_str(&show_fields(h.fields()));
                }
                Shown::Line(s)
            }
            RequestFrame::Data(d) => Shown::Data(d.to_vec()),
            RequestFrame::Trailers(t) => Shown::Line(format!("TRAILERS {}", show_fields(&t))),
            RequestFrame::End => Shown::Line("END".into()),
        }
    }
}

impl Subject for ResponseDecoder {
    fn show(frame: ResponseFrame) -> Shown {
        match frame {
            ResponseFrame::Head(h) => {
                let mut s = format!(
                    "HEAD {} {} {}",
                    h.version(),
                    h.status(),
                    String::from_utf8_lossy(h.reason())
                );
                if !h.fields().is_empty() {
                    s.push(' ');
                    s.push_str(&show_fields(h.fields()));
                }
                Shown::Line(s)
            }
            ResponseFrame::Data(d) => Shown::Data(d.to_vec()),
            ResponseFrame::Trailers(t) => Shown::Line(format!("TRAILERS {}", show_fields(&t))),
            ResponseFrame::End => Shown::Line("END".into()),
        }
    }
}

/// What one run saw: frames as strings (body bytes joined into one
/// `DATA ...`), and the verdict: `ok` or `err Kind@offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) frames: Vec<String>,
    pub(crate) verdict: String,
}

fn run<D: Subject>(decoder: &mut D, chunks: &[&[u8]]) -> Outcome {
    let mut buf = BytesMut::new();
    let mut shown: Vec<Shown> = Vec::new();
    let mut verdict = "ok".to_string();
    let mut error = None;
    'feed: for chunk in chunks {
        buf.extend_from_slice(chunk);
        loop {
            match decoder.decode(&mut buf) {
                Ok(Some(frame)) => shown.push(D::show(frame)),
                Ok(None) => break,
                Err(e) => {
                    error = Some(e);
                    break 'feed;
                }
            }
        }
    }
    if error.is_none() {
        loop {
            match decoder.decode_eof(&mut buf) {
                Ok(Some(frame)) => shown.push(D::show(frame)),
                Ok(None) => break,
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
    }
    if let Some(e) = error {
        verdict = format!("err {:?}@{}", e.kind(), e.offset());
        // Sticky: the same error again, whatever comes next.
        buf.extend_from_slice(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        match decoder.decode(&mut buf) {
            Err(again) => assert_eq!((again.kind(), again.offset()), (e.kind(), e.offset())),
            Ok(_) => panic!("a failed decoder must stay failed"),
        }
    }
    let mut frames = Vec::new();
    let mut data: Option<Vec<u8>> = None;
    for s in shown {
        match s {
            Shown::Data(d) => data.get_or_insert_with(Vec::new).extend_from_slice(&d),
            Shown::Line(l) => {
                if let Some(d) = data.take() {
                    frames.push(format!("DATA {}", String::from_utf8_lossy(&d)));
                }
                frames.push(l);
            }
        }
    }
    if let Some(d) = data.take() {
        frames.push(format!("DATA {}", String::from_utf8_lossy(&d)));
    }
    Outcome { frames, verdict }
}

/// Feeds `input` whole, at every split point, and one byte at a time, to
/// fresh decoders from `make`; asserts every run agrees and returns the
/// outcome.
pub(crate) fn check<D: Subject>(make: impl Fn() -> D, input: &[u8]) -> Outcome {
    let whole = run(&mut make(), &[input]);
    for at in 0..=input.len() {
        let (a, b) = input.split_at(at);
        let split = run(&mut make(), &[a, b]);
        assert_eq!(
            split, whole,
            "split at {at} differs from whole for {input:?}"
        );
    }
    let bytes: Vec<&[u8]> = input.chunks(1).collect();
    let one = run(&mut make(), &bytes);
    assert_eq!(one, whole, "1-byte reads differ from whole for {input:?}");
    whole
}

/// Checks a request through the harness against the expected frames and
/// verdict.
#[track_caller]
pub(crate) fn request_with(
    make: impl Fn() -> RequestDecoder,
    input: &[u8],
    frames: &[&str],
    verdict: &str,
) {
    let outcome = check(make, input);
    assert_eq!(
        (outcome.frames.as_slice(), outcome.verdict.as_str()),
        (frames_vec(frames).as_slice(), verdict),
        "input {:?}",
        String::from_utf8_lossy(input)
    );
}

/// [`request_with`] the strict decoder.
#[track_caller]
pub(crate) fn request(input: &[u8], frames: &[&str], verdict: &str) {
    request_with(RequestDecoder::new, input, frames, verdict);
}

/// Checks a response through the harness.
#[track_caller]
pub(crate) fn response_with(
    make: impl Fn() -> ResponseDecoder,
    input: &[u8],
    frames: &[&str],
    verdict: &str,
) {
    let outcome = check(make, input);
    assert_eq!(
        (outcome.frames.as_slice(), outcome.verdict.as_str()),
        (frames_vec(frames).as_slice(), verdict),
        "input {:?}",
        String::from_utf8_lossy(input)
    );
}

fn frames_vec(frames: &[&str]) -> Vec<String> {
    frames.iter().map(|s| s.to_string()).collect()
}
