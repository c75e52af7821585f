//! Group `codec`: `memkit_codec` against `httparse` 1.10.1 (request heads)
//! and `tokio-util` 0.7.20 (line and length-delimited framing).
//!
//! The requests are those of httparse's own benchmark: "kittyhell" (a
//! 720-byte browser request with 10 fields) and its 68-byte short request.
//!
//! Each op copies the request into the side's read buffer (one buffer per
//! side, reused by every op, as a connection reuses its read buffer), as a
//! socket read would, then parses the head and visits every field. memkit's
//! decoder consumes its buffer (the head is split off and frozen), so the
//! copy is part of every op, on both sides alike. In the `_64b` and `_1b`
//! cases the bytes arrive 64 or 1 at a time and each side is asked for the
//! head after every read: memkit's decoder resumes where it stopped, while
//! httparse, having no state, parses again from the start each time.

use std::hint::black_box;

use crate::harness::{Case, Runner, runner};

const GROUP: &str = "codec";

/// httparse's benchmark request "kittyhell" (720 bytes).
const KITTYHELL: &[u8] = b"\
GET /wp-content/uploads/2010/03/hello-kitty-darth-vader-pink.jpg HTTP/1.1\r\n\
Host: www.kittyhell.com\r\n\
User-Agent: Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10.6; ja-JP-mac; rv:1.9.2.3) Gecko/20100401 Firefox/3.6.3 Pathtraq/0.9\r\n\
Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n\
Accept-Language: ja,en-us;q=0.7,en;q=0.3\r\n\
Accept-Encoding: gzip,deflate\r\n\
Accept-Charset: Shift_JIS,utf-8;q=0.7,*;q=0.7\r\n\
Keep-Alive: 115\r\n\
Connection: keep-alive\r\n\
Cookie: wp_ozh_wsa_visits=2; wp_ozh_wsa_visit_lasttime=xxxxxxxxxx; __utma=xxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.x; __utmz=xxxxxxxxx.xxxxxxxxxx.x.x.utmccn=(referral)|utmcsr=reader.livedoor.com|utmcct=/reader/|utmcmd=referral|padding=under256\r\n\r\n";

/// httparse's benchmark short request (68 bytes).
const SHORT: &[u8] = b"\
GET / HTTP/1.0\r\n\
Host: example.com\r\n\
Cookie: session=60; user_id=1\r\n\r\n";

const _: () = assert!(KITTYHELL.len() == 720 && SHORT.len() == 68);

/// memkit: the head of `req`, fed `step` bytes at a time into one reused
/// read buffer, decoded and every field visited; returns the field count.
///
/// The decoder splits each head off the buffer; once the head is dropped
/// the buffer owns its storage alone again, and the next request's bytes
/// reuse it from the start, so no op allocates (as httparse's reused
/// `Vec`).
fn memkit_head(req: &'static [u8], step: usize) -> Runner {
    use memkit_bytes::BytesMut;
    use memkit_codec::Decoder;
    use memkit_codec::http::{RequestDecoder, RequestFrame};

    let mut decoder = RequestDecoder::new();
    let mut buf = BytesMut::with_capacity(1024);
    runner(move |n| {
        let mut fields = 0;
        for _ in 0..n {
            for chunk in req.chunks(step) {
                buf.extend_from_slice(chunk);
                if let Some(RequestFrame::Head(head)) = decoder.decode(&mut buf).unwrap() {
                    black_box(head.method());
                    black_box(head.target());
                    for (name, value) in head.fields() {
                        black_box((name, value));
                        fields += 1;
                    }
                }
            }
            assert_eq!(decoder.decode(&mut buf).unwrap(), Some(RequestFrame::End));
        }
        fields
    })
}

/// httparse: the same bytes into a reused buffer, parsed after every read
/// until complete, every field visited.
fn httparse_head(req: &'static [u8], step: usize) -> Runner {
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    runner(move |n| {
        let mut fields = 0;
        for _ in 0..n {
            buf.clear();
            for chunk in req.chunks(step) {
                buf.extend_from_slice(chunk);
                let mut headers = [httparse::EMPTY_HEADER; 16];
                let mut parsed = httparse::Request::new(&mut headers);
                if parsed.parse(&buf).unwrap().is_complete() {
                    black_box(parsed.method);
                    black_box(parsed.path);
                    for h in parsed.headers.iter() {
                        black_box((h.name, h.value));
                        fields += 1;
                    }
                }
            }
        }
        fields
    })
}

/// httparse as a server on `bytes` uses it (as hyper's HTTP/1 parser
/// does): the request read into a reused `bytes::BytesMut`, parsed, every
/// field visited, and the head then split off the buffer and frozen, so that
/// it is owned, as memkit's decoder hands it out. The `_owned` cases compare
/// memkit with this, the same job as its own; the other cases compare it
/// with httparse's parse alone, as the issue asks.
fn httparse_owned_head(req: &'static [u8]) -> Runner {
    let mut buf = bytes::BytesMut::with_capacity(1024);
    runner(move |n| {
        let mut fields = 0;
        for _ in 0..n {
            buf.extend_from_slice(req);
            let mut headers = [httparse::EMPTY_HEADER; 16];
            let mut parsed = httparse::Request::new(&mut headers);
            let httparse::Status::Complete(len) = parsed.parse(&buf).unwrap() else {
                unreachable!("the request is whole");
            };
            black_box(parsed.method);
            black_box(parsed.path);
            for h in parsed.headers.iter() {
                black_box((h.name, h.value));
                fields += 1;
            }
            black_box(buf.split_to(len).freeze());
        }
        fields
    })
}

macro_rules! head_bodies {
    ($($name:ident: $req:ident, $step:expr;)*) => {
        $(
            mod $name {
                use crate::harness::Runner;

                pub(super) fn memkit() -> Runner {
                    super::memkit_head(super::$req, $step)
                }

                pub(super) fn peer() -> Runner {
                    super::httparse_head(super::$req, $step)
                }
            }
        )*
    };
}

mod head_kittyhell_owned {
    use crate::harness::Runner;

    pub(super) fn peer() -> Runner {
        super::httparse_owned_head(super::KITTYHELL)
    }
}

mod head_short_owned {
    use crate::harness::Runner;

    pub(super) fn peer() -> Runner {
        super::httparse_owned_head(super::SHORT)
    }
}

head_bodies! {
    head_kittyhell: KITTYHELL, usize::MAX;
    head_short: SHORT, usize::MAX;
    head_kittyhell_64b: KITTYHELL, 64;
    head_short_64b: SHORT, 64;
    head_kittyhell_1b: KITTYHELL, 1;
    head_short_1b: SHORT, 1;
}

/// 100 lines of 10 to 70 bytes, and 100 length-delimited frames of the
/// same sizes.
fn lines_input() -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..100 {
        out.extend(std::iter::repeat_n(
            b'a' + (i % 26) as u8,
            10 + (i * 7) % 61,
        ));
        out.push(b'\n');
    }
    out
}

fn frames_input() -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..100u32 {
        let len = 10 + (i * 7) % 61;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend(std::iter::repeat_n(b'a' + (i % 26) as u8, len as usize));
    }
    out
}

/// Case bodies over one framing crate: the input copied into the buffer
/// in 512-byte reads, every frame decoded after each read.
macro_rules! framing_bodies {
    ($module:ident, $buf:path, $codec:path) => {
        mod $module {
            use std::hint::black_box;

            use $codec as codec;

            use crate::harness::{Runner, runner};

            fn drive<D: codec::Decoder + 'static>(mut decoder: D, input: Vec<u8>) -> Runner
            where
                D::Error: std::fmt::Debug,
            {
                runner(move |n| {
                    let mut frames = 0;
                    for _ in 0..n {
                        let mut buf = <$buf>::with_capacity(1024);
                        for chunk in input.chunks(512) {
                            buf.extend_from_slice(chunk);
                            while let Some(frame) = decoder.decode(&mut buf).unwrap() {
                                black_box(frame);
                                frames += 1;
                            }
                        }
                    }
                    frames
                })
            }

            pub(super) fn lines() -> Runner {
                drive(codec::LinesCodec::new(), super::lines_input())
            }

            pub(super) fn lines_max_length() -> Runner {
                drive(
                    codec::LinesCodec::new_with_max_length(80),
                    super::lines_input(),
                )
            }

            pub(super) fn length_delimited() -> Runner {
                drive(codec::LengthDelimitedCodec::new(), super::frames_input())
            }
        }
    };
}

framing_bodies!(memkit_framing, memkit_bytes::BytesMut, memkit_codec);
framing_bodies!(peer_framing, bytes::BytesMut, tokio_util::codec);

/// The `codec` group's cases.
pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        head_kittyhell => head_kittyhell::memkit, head_kittyhell::peer, "httparse";
        head_short => head_short::memkit, head_short::peer, "httparse";
        head_kittyhell_64b => head_kittyhell_64b::memkit, head_kittyhell_64b::peer, "httparse";
        head_short_64b => head_short_64b::memkit, head_short_64b::peer, "httparse";
        head_kittyhell_1b => head_kittyhell_1b::memkit, head_kittyhell_1b::peer, "httparse";
        head_short_1b => head_short_1b::memkit, head_short_1b::peer, "httparse";
        head_kittyhell_owned =>
            head_kittyhell::memkit, head_kittyhell_owned::peer, "httparse+bytes";
        head_short_owned => head_short::memkit, head_short_owned::peer, "httparse+bytes";
        lines_100 => memkit_framing::lines, peer_framing::lines, "tokio-util";
        lines_100_max_length =>
            memkit_framing::lines_max_length, peer_framing::lines_max_length, "tokio-util";
        length_delimited_100 =>
            memkit_framing::length_delimited, peer_framing::length_delimited, "tokio-util";
    ]
}
