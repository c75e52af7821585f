//! Target `http_request`: [`RequestDecoder`] fed whole and in the reads the
//! fuzzer chose must give the same frames and verdict, holding no more
//! bytes than its limits between calls.
//!
//! The configuration byte turns the lenient options on or off; the limits
//! are small, so inputs reach them.

use memkit_codec::http::{DecoderBuilder, Framing, RequestDecoder, RequestFrame};

use crate::pieces::{Shown, Subject, check, push_data};

/// The limits every run uses.
pub const MAX_HEAD_BYTES: usize = 512;
/// Longest line.
pub const MAX_LINE_BYTES: usize = 256;
/// Most fields.
pub const MAX_FIELDS: usize = 8;
/// Most chunk-extension bytes per message.
pub const MAX_CHUNK_EXTENSION_BYTES: usize = 64;
/// Most trailer bytes.
pub const MAX_TRAILER_BYTES: usize = 256;

/// A decoder builder with the small limits and the lenient options that
/// `config`'s low three bits choose.
#[must_use]
pub fn builder(config: u8) -> DecoderBuilder {
    DecoderBuilder::new()
        .allow_bare_lf(config & 1 != 0)
        .allow_obs_fold(config & 2 != 0)
        .allow_repeated_content_length(config & 4 != 0)
        .max_head_bytes(MAX_HEAD_BYTES)
        .max_line_bytes(MAX_LINE_BYTES)
        .max_fields(MAX_FIELDS)
        .max_chunk_extension_bytes(MAX_CHUNK_EXTENSION_BYTES)
        .max_trailer_bytes(MAX_TRAILER_BYTES)
}

/// The most bytes an HTTP decoder may hold between calls while the stream
/// is HTTP: a partial head, chunk-size line or trailer section.
#[must_use]
pub fn http_bound() -> usize {
    MAX_HEAD_BYTES.max(MAX_LINE_BYTES).max(MAX_TRAILER_BYTES)
}

struct Requests {
    decoder: RequestDecoder,
    left_http: bool,
}

impl Subject for Requests {
    type Codec = RequestDecoder;

    fn codec(&mut self) -> &mut RequestDecoder {
        &mut self.decoder
    }

    fn show(&mut self, frame: RequestFrame, out: &mut Vec<Shown>) {
        match frame {
            RequestFrame::Data(data) => push_data(out, &data),
            RequestFrame::Head(head) => {
                self.left_http |= head.framing() == Framing::Upgrade;
                let shown = format!(
                    "{head:?} keep-alive {} continue {}",
                    head.keep_alive(),
                    head.expects_continue()
                );
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
    check(data, |config| Requests {
        decoder: builder(config).request_decoder(),
        left_http: false,
    });
}
