//! Target `lines`: [`LinesCodec`] with a small `max_length`, fed whole and
//! in the reads the fuzzer chose, must give the same lines and errors, and
//! never hold more than `max_length` bytes when it asks for more input.

use memkit_codec::LinesCodec;

use crate::pieces::{Shown, Subject, check};

struct Lines {
    codec: LinesCodec,
}

impl Subject for Lines {
    type Codec = LinesCodec;

    fn codec(&mut self) -> &mut LinesCodec {
        &mut self.codec
    }

    fn show(&mut self, line: String, out: &mut Vec<Shown>) {
        out.push(Shown::Other(line));
    }

    fn bound(&self) -> Option<usize> {
        Some(self.codec.max_length())
    }

    fn resumes_after_error(&self) -> bool {
        true
    }
}

/// Runs the check on one input; the configuration byte is `max_length`
/// (0 means none).
pub fn run(data: &[u8]) {
    check(data, |config| Lines {
        codec: if config == 0 {
            LinesCodec::new()
        } else {
            LinesCodec::new_with_max_length(usize::from(config))
        },
    });
}
