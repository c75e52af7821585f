//! Target `length_delimited`: [`LengthDelimitedCodec`] in the layout the
//! configuration byte chooses, fed whole and in the reads the fuzzer chose,
//! must give the same frames and verdict, and never hold more than one
//! length field and one largest frame when it asks for more input.

use memkit_bytes::BytesMut;
use memkit_codec::{Builder, LengthDelimitedCodec};

use crate::pieces::{Shown, Subject, check};

/// The largest frame every run allows.
pub const MAX_FRAME_LENGTH: usize = 64;

/// The length adjustments the configuration chooses from.
const ADJUSTMENTS: [isize; 4] = [0, 2, -1, -4];

struct Frames {
    codec: LengthDelimitedCodec,
    bound: usize,
}

impl Subject for Frames {
    type Codec = LengthDelimitedCodec;

    fn codec(&mut self) -> &mut LengthDelimitedCodec {
        &mut self.codec
    }

    fn show(&mut self, frame: BytesMut, out: &mut Vec<Shown>) {
        out.push(Shown::Other(format!("{:?}", &frame[..])));
    }

    fn bound(&self) -> Option<usize> {
        Some(self.bound)
    }

    fn resumes_after_error(&self) -> bool {
        false
    }
}

/// Runs the check on one input. The configuration byte chooses the length
/// field's size (bits 0-1: 1 to 4 bytes), its byte order (bit 2), its
/// offset (bits 3-4: 0 to 3 bytes) and the length adjustment (bits 5-6).
pub fn run(data: &[u8]) {
    check(data, |config| {
        let field = 1 + usize::from(config & 3);
        let offset = usize::from((config >> 3) & 3);
        let adjustment = ADJUSTMENTS[usize::from((config >> 5) & 3)];
        let mut builder = Builder::new();
        builder
            .length_field_length(field)
            .length_field_offset(offset)
            .length_adjustment(adjustment)
            .max_frame_length(MAX_FRAME_LENGTH);
        if config & 4 != 0 {
            builder.little_endian();
        }
        Frames {
            codec: builder.new_codec(),
            // A partial length field and what precedes it, or one frame of
            // the largest declared length plus the adjustment.
            bound: (offset + field).max(MAX_FRAME_LENGTH + 2),
        }
    });
}
