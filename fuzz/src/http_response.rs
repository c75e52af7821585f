//! Target `http_response`: [`ResponseDecoder`] fed whole and in the reads
//! the fuzzer chose must give the same frames and verdict, holding no more
//! bytes than its limits between calls while the stream is HTTP.
//!
//! The configuration byte sets the lenient options (low three bits) and
//! the method of the first request answered (GET, HEAD, CONNECT); the
//! responses after it answer GET, HEAD, CONNECT, GET, ... in turn.

use memkit_codec::http::{Framing, ResponseDecoder, ResponseFrame};

use crate::http_request::{builder, http_bound};
use crate::pieces::{Shown, Subject, check, push_data};

/// Requests queued for the responses of one run.
pub const REQUESTS: usize = 16;

const METHODS: [&str; 3] = ["GET", "HEAD", "CONNECT"];

struct Responses {
    decoder: ResponseDecoder,
    left_http: bool,
}

impl Subject for Responses {
    type Codec = ResponseDecoder;

    fn codec(&mut self) -> &mut ResponseDecoder {
        &mut self.decoder
    }

    fn show(&mut self, frame: ResponseFrame, out: &mut Vec<Shown>) {
        match frame {
            ResponseFrame::Data(data) => push_data(out, &data),
            ResponseFrame::Head(head) => {
                self.left_http |= head.framing() == Framing::Upgrade;
                let shown = format!("{head:?} keep-alive {}", head.keep_alive());
                out.push(Shown::Other(shown));
            }
            other => out.push(Shown::Other(format!("{other:?}"))),
        }
    }

    fn bound(&self) -> Option<usize> {
        (!self.left_http).then(http_bound)
    }

    fn resumes_after_error(&self) -> bool {
        false
    }
}

/// Runs the check on one input.
pub fn run(data: &[u8]) {
    check(data, |config| {
        let mut decoder = builder(config).response_decoder();
        let first = usize::from(config >> 3);
        for i in 0..REQUESTS {
            decoder.expect_response_to(METHODS[(first + i) % METHODS.len()]);
        }
        Responses {
            decoder,
            left_http: false,
        }
    });
}
