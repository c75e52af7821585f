//! `chunks_vectored` through `Chain` and `Take`, drained as a writer drains a
//! buffer: expose the chunks, write some prefix of them, `advance` by what was
//! written. The bytes written must be the buffer's bytes, in order, with none
//! lost or repeated, whatever the nesting and however many chunks each user
//! buffer exposes at once.
//!
//! The user buffers here are multi-segment and keep the default, one-chunk
//! `chunks_vectored`, so a `Chain` over them sees a first half that exposes
//! only part of what it holds.
#![cfg(feature = "std")]

use std::io::IoSlice;

use memkit_bytes::Buf;
use proptest::prelude::*;

/// A user `Buf` made of segments, read one segment at a time. It does not
/// override `chunks_vectored`, so only the current segment is ever exposed.
#[derive(Debug)]
struct Segmented {
    segments: Vec<Vec<u8>>,
    /// Index of the segment being read.
    seg: usize,
    /// Position inside that segment.
    pos: usize,
}

impl Segmented {
    fn new(segments: Vec<Vec<u8>>) -> Segmented {
        let mut buf = Segmented {
            segments,
            seg: 0,
            pos: 0,
        };
        buf.skip_empty();
        buf
    }

    /// Moves past exhausted or empty segments, so `chunk` is non-empty while
    /// bytes remain.
    fn skip_empty(&mut self) {
        while self.seg < self.segments.len() && self.pos == self.segments[self.seg].len() {
            self.seg += 1;
            self.pos = 0;
        }
    }
}

impl Buf for Segmented {
    fn remaining(&self) -> usize {
        let rest: usize = self.segments[self.seg..].iter().map(Vec::len).sum();
        rest - self.pos
    }

    fn chunk(&self) -> &[u8] {
        match self.segments.get(self.seg) {
            Some(segment) => &segment[self.pos..],
            None => &[],
        }
    }

    fn advance(&mut self, mut cnt: usize) {
        assert!(cnt <= self.remaining(), "Segmented::advance past the end");
        while cnt > 0 {
            let here = self.segments[self.seg].len() - self.pos;
            let step = cnt.min(here);
            self.pos += step;
            cnt -= step;
            self.skip_empty();
        }
    }
}

/// The shape of a buffer: user buffers joined by `Chain` (nested either
/// way) and cut by `Take`.
#[derive(Debug, Clone)]
enum Shape {
    Segments(Vec<Vec<u8>>),
    /// A plain slice, whose `chunks_vectored` exposes everything at once.
    Slice(Vec<u8>),
    Chain(Box<Shape>, Box<Shape>),
    Take(Box<Shape>, usize),
}

impl Shape {
    /// The buffer under test, as memkit builds it.
    fn build(&self) -> Box<dyn Buf + '_> {
        match self {
            Shape::Segments(segments) => Box::new(Segmented::new(segments.clone())),
            Shape::Slice(bytes) => Box::new(&bytes[..]),
            Shape::Chain(first, last) => Box::new(first.build().chain(last.build())),
            Shape::Take(inner, limit) => Box::new(inner.build().take(*limit)),
        }
    }

    /// The model: the bytes the buffer holds, in order.
    fn model(&self) -> Vec<u8> {
        match self {
            Shape::Segments(segments) => segments.concat(),
            Shape::Slice(bytes) => bytes.clone(),
            Shape::Chain(first, last) => [first.model(), last.model()].concat(),
            Shape::Take(inner, limit) => {
                let mut bytes = inner.model();
                bytes.truncate(*limit);
                bytes
            }
        }
    }
}

fn shape_strategy() -> impl Strategy<Value = Shape> {
    let segment = proptest::collection::vec(any::<u8>(), 0..6);
    let leaf = prop_oneof![
        proptest::collection::vec(segment.clone(), 0..4).prop_map(Shape::Segments),
        segment.prop_map(Shape::Slice),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone())
                .prop_map(|(first, last)| Shape::Chain(Box::new(first), Box::new(last))),
            (inner, 0usize..24).prop_map(|(shape, limit)| Shape::Take(Box::new(shape), limit)),
        ]
    })
}

/// What `dst` entries hold before a call: the trait says the entries past
/// the returned count keep it.
static UNTOUCHED: [u8; 1] = [0xEE];

/// One writer step: `chunks_vectored` into `slots` entries, then a write of
/// `want` bytes or fewer. Returns the bytes written, after checking the
/// entries past the count were left alone.
fn write_once(buf: &dyn Buf, slots: usize, want: usize) -> Vec<u8> {
    let mut dst = vec![IoSlice::new(&UNTOUCHED); slots];
    let n = buf.chunks_vectored(&mut dst);
    assert!(n <= slots, "count {n} past dst length {slots}");
    for (i, entry) in dst[n..].iter().enumerate() {
        assert!(
            std::ptr::eq(entry.as_ptr(), UNTOUCHED.as_ptr()) && entry.len() == 1,
            "dst entry {} past the count {n} was written",
            n + i
        );
    }
    let exposed: Vec<u8> = dst[..n].iter().flat_map(|s| s.iter().copied()).collect();
    assert!(
        exposed.len() <= buf.remaining(),
        "exposed more than remains"
    );
    if buf.has_remaining() {
        assert!(!exposed.is_empty(), "bytes remain but none were exposed");
    }
    let written = want.clamp(1, exposed.len().max(1)).min(exposed.len());
    exposed[..written].to_vec()
}

/// Drains `shape` as a writer does and returns what it wrote.
fn drain(shape: &Shape, slots: &[usize], writes: &[usize]) -> Vec<u8> {
    let mut buf = shape.build();
    let mut out = Vec::new();
    let mut step = 0;
    while buf.has_remaining() {
        let slot_count = slots[step % slots.len()];
        let want = writes[step % writes.len()];
        let written = write_once(&*buf, slot_count, want);
        buf.advance(written.len());
        out.extend_from_slice(&written);
        step += 1;
    }
    out
}

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = if cfg!(miri) { 8 } else { 512 };
    }
    if cfg!(miri) {
        config.failure_persistence = None;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    /// memkit against the model: a writer's output is the buffer's bytes.
    #[test]
    fn writer_drain_matches_model(
        shape in shape_strategy(),
        slots in proptest::collection::vec(1usize..6, 1..4),
        writes in proptest::collection::vec(1usize..40, 1..4),
    ) {
        prop_assert_eq!(drain(&shape, &slots, &writes), shape.model());
    }
}

fn seg(parts: &[&[u8]]) -> Segmented {
    Segmented::new(parts.iter().map(|p| p.to_vec()).collect())
}

/// Collects what one `chunks_vectored` call with `slots` entries exposes.
fn exposed(buf: &dyn Buf, slots: usize) -> Vec<u8> {
    let mut dst = vec![IoSlice::new(&UNTOUCHED); slots];
    let n = buf.chunks_vectored(&mut dst);
    dst[..n].iter().flat_map(|s| s.iter().copied()).collect()
}

#[test]
fn chain_after_a_partly_exposed_first_loses_nothing() {
    // The case: AAAA+BBBB in a user buffer, chained with CCCC.
    let buf = seg(&[b"AAAA", b"BBBB"]).chain(&b"CCCC"[..]);
    assert_eq!(exposed(&buf, 4), b"AAAA");
    let shape = Shape::Chain(
        Box::new(Shape::Segments(vec![b"AAAA".to_vec(), b"BBBB".to_vec()])),
        Box::new(Shape::Slice(b"CCCC".to_vec())),
    );
    assert_eq!(drain(&shape, &[4], &[usize::MAX]), b"AAAABBBBCCCC");
}

#[test]
fn chain_exposes_last_once_first_is_whole() {
    let buf = (&b"ab"[..]).chain(&b"cd"[..]);
    assert_eq!(exposed(&buf, 4), b"abcd");
    // A full `dst` stops at the first half too.
    assert_eq!(exposed(&buf, 1), b"ab");
    // An empty first half lets the second through.
    let buf = (&b""[..]).chain(&b"cd"[..]);
    assert_eq!(exposed(&buf, 2), b"cd");
}

#[test]
fn nested_chains_stop_at_a_partly_exposed_part() {
    // Left-nested: the inner chain's second half is partial.
    let buf = (&b"ab"[..]).chain(seg(&[b"c", b"d"])).chain(&b"ef"[..]);
    assert_eq!(exposed(&buf, 8), b"abc");
    // Right-nested: the inner chain's first half is partial.
    let buf = (&b"ab"[..]).chain(seg(&[b"c", b"d"]).chain(&b"ef"[..]));
    assert_eq!(exposed(&buf, 8), b"abc");
}

#[test]
fn take_over_chains_cuts_at_the_limit() {
    let buf = (&b"ab"[..]).chain((&b"cd"[..]).chain(&b"ef"[..]));
    assert_eq!(exposed(&buf.take(5), 8), b"abcde");
    let buf = (&b"ab"[..]).chain(seg(&[b"c", b"d"]).chain(&b"ef"[..]));
    assert_eq!(exposed(&buf.take(5), 8), b"abc");
    // A `Take` that exposes only part of itself stops an outer chain.
    let buf = seg(&[b"ab", b"cd"]).take(3).chain(&b"ef"[..]);
    assert_eq!(exposed(&buf, 8), b"ab");
}

#[test]
fn take_leaves_dst_past_the_count_alone() {
    let inner = (&b"ab"[..]).chain(&b"cd"[..]).chain(&b"ef"[..]);
    let take = inner.take(3);
    let mut dst = [IoSlice::new(&UNTOUCHED); 4];
    let n = take.chunks_vectored(&mut dst);
    assert_eq!(n, 2);
    assert_eq!((&*dst[0], &*dst[1]), (&b"ab"[..], &b"c"[..]));
    for entry in &dst[n..] {
        assert!(std::ptr::eq(entry.as_ptr(), UNTOUCHED.as_ptr()));
    }
}

#[test]
fn take_with_a_long_dst_exposes_the_inner_chunks() {
    // More entries than `Take` asks of its inner buffer in one call: it
    // still exposes a prefix, and a writer draining it gets every byte.
    let parts: Vec<Vec<u8>> = (0..100u8).map(|i| vec![i]).collect();
    let mut shape = Shape::Slice(parts[0].clone());
    for part in &parts[1..] {
        shape = Shape::Chain(Box::new(shape), Box::new(Shape::Slice(part.clone())));
    }
    let shape = Shape::Take(Box::new(shape), 90);
    let expected: Vec<u8> = (0..90).collect();
    assert_eq!(drain(&shape, &[200], &[usize::MAX]), expected);
}
