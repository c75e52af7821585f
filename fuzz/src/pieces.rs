//! The split-independence check shared by the codec targets: one input fed
//! whole and fed in the pieces the fuzzer chose must give the same frames
//! and the same verdict, and between calls the decoder may hold no more
//! bytes than its limits allow.

use memkit_bytes::BytesMut;
use memkit_codec::Decoder;

/// Most cut points read from an input.
pub const MAX_CUTS: usize = 16;

/// An input taken apart: a configuration byte, the payload, and where the
/// payload is cut into reads.
#[derive(Debug)]
pub struct Pieces<'a> {
    /// Chooses the decoder's options.
    pub config: u8,
    /// The bytes the decoder reads.
    pub payload: &'a [u8],
    /// Sorted cut positions, each in `0..=payload.len()`.
    pub cuts: Vec<usize>,
}

impl<'a> Pieces<'a> {
    /// Byte 0 is the configuration, byte 1 the number of cuts (modulo
    /// [`MAX_CUTS`] + 1), then two bytes per cut; the rest is the payload.
    #[must_use]
    pub fn parse(data: &'a [u8]) -> Pieces<'a> {
        let config = data.first().copied().unwrap_or(0);
        let count = usize::from(data.get(1).copied().unwrap_or(0)) % (MAX_CUTS + 1);
        let header = (2 + 2 * count).min(data.len());
        let payload = &data[header..];
        let mut cuts: Vec<usize> = data[2.min(data.len())..header]
            .chunks_exact(2)
            .map(|c| usize::from(u16::from_le_bytes([c[0], c[1]])) % (payload.len() + 1))
            .collect();
        cuts.sort_unstable();
        Pieces {
            config,
            payload,
            cuts,
        }
    }

    /// The payload as reads, cut at `cuts` (empty reads included).
    #[must_use]
    pub fn reads(&self) -> Vec<&'a [u8]> {
        let mut reads = Vec::with_capacity(self.cuts.len() + 1);
        let mut at = 0;
        for &cut in &self.cuts {
            reads.push(&self.payload[at..cut]);
            at = cut;
        }
        reads.push(&self.payload[at..]);
        reads
    }
}

/// One thing a decoder yielded, in a form two runs can compare. Body
/// bytes arrive in as many frames as there were reads, so adjacent
/// [`Shown::Data`] are merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    /// Body bytes.
    Data(Vec<u8>),
    /// Any other frame or a non-sticky error, as text.
    Other(String),
}

/// A decoder under test, wrapped with what the check needs to know.
pub trait Subject {
    /// The decoder.
    type Codec: Decoder;

    /// The decoder.
    fn codec(&mut self) -> &mut Self::Codec;

    /// Records `item` in `out`, merging body bytes into the last
    /// [`Shown::Data`].
    fn show(&mut self, item: <Self::Codec as Decoder>::Item, out: &mut Vec<Shown>);

    /// The most bytes the decoder may leave in its buffer when it asks for
    /// more input, or `None` when there is no bound (the stream has left
    /// HTTP, say).
    fn bound(&self) -> Option<usize>;

    /// Whether decoding goes on after an error (tokio-util's line codec
    /// resumes after an over-long line); otherwise an error ends the run.
    fn resumes_after_error(&self) -> bool;
}

/// What one run produced.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The frames, and resumable errors, in order.
    pub frames: Vec<Shown>,
    /// The error that ended the run, if one did.
    pub verdict: Option<String>,
}

/// Appends `data` to the last frame if it is body bytes too.
pub fn push_data(out: &mut Vec<Shown>, data: &[u8]) {
    if let Some(Shown::Data(last)) = out.last_mut() {
        last.extend_from_slice(data);
    } else {
        out.push(Shown::Data(data.to_vec()));
    }
}

/// Feeds `reads` to `subject`, decoding after each until it asks for more,
/// then decodes to the end of the stream. Panics when the buffer holds more
/// than the subject's bound after a call that asked for more input.
pub fn decode_reads<S: Subject>(subject: &mut S, reads: &[&[u8]]) -> Outcome
where
    <S::Codec as Decoder>::Error: std::fmt::Debug,
{
    let mut buf = BytesMut::new();
    let mut frames = Vec::new();
    let total: usize = reads.iter().map(|r| r.len()).sum();
    // Every frame or error consumes input or ends a message; more calls
    // than this means the decoder stopped making progress.
    let mut budget = 4 * total + 64;
    for (eof, read) in reads
        .iter()
        .map(|r| (false, *r))
        .chain(std::iter::once((true, &[][..])))
    {
        buf.extend_from_slice(read);
        loop {
            budget = budget.checked_sub(1).expect("the decoder makes progress");
            let result = if eof {
                subject.codec().decode_eof(&mut buf)
            } else {
                subject.codec().decode(&mut buf)
            };
            match result {
                Ok(Some(item)) => subject.show(item, &mut frames),
                Ok(None) => break,
                Err(e) if subject.resumes_after_error() => {
                    frames.push(Shown::Other(format!("error {e:?}")));
                    if eof {
                        break;
                    }
                }
                Err(e) => {
                    return Outcome {
                        frames,
                        verdict: Some(format!("{e:?}")),
                    };
                }
            }
        }
        if let Some(bound) = subject.bound() {
            assert!(
                buf.len() <= bound,
                "{} bytes buffered, more than the limits allow ({bound})",
                buf.len()
            );
        }
    }
    Outcome {
        frames,
        verdict: None,
    }
}

/// Decodes `data`'s payload whole and in its reads with fresh subjects from
/// `make`, and asserts the two outcomes are the same.
pub fn check<S: Subject>(data: &[u8], make: impl Fn(u8) -> S)
where
    <S::Codec as Decoder>::Error: std::fmt::Debug,
{
    let pieces = Pieces::parse(data);
    let whole = decode_reads(&mut make(pieces.config), &[pieces.payload]);
    let split = decode_reads(&mut make(pieces.config), &pieces.reads());
    assert_eq!(whole, split, "cut at {:?}", pieces.cuts);
}
