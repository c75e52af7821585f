//! Operation-sequence fuzz targets for memkit (DESIGN.md, verification item
//! 7; STYLE.md rule 10).
//!
//! Every target follows one pattern. Its module defines an `Op` enum that
//! derives [`arbitrary::Arbitrary`], and a `run(data)` function that decodes
//! `data` into operations one at a time ([`ops`]), applies each to memkit and
//! to a naive model, and asserts after every step that the two agree. The
//! binaries under `fuzz_targets/` only call `run`; `tests/replay.rs` calls the
//! same `run` on every kept input, so a failure found once stays a plain
//! `cargo test` failure. [`TARGETS`] lists them all.

pub mod arena;
pub mod bump;
pub mod bytes;
pub mod slab;

mod raw;

use core::fmt::Debug;

use arbitrary::{Arbitrary, Unstructured};

/// A target's entry point: runs the operations decoded from its input,
/// panicking when memkit and the model disagree.
pub type Run = fn(&[u8]);

/// Every target, by name: the name of its binary and of its directories under
/// `seeds/` and `regressions/`, and its entry point.
pub const TARGETS: &[(&str, Run)] = &[
    ("arena", arena::run),
    ("bump", bump::run),
    ("bytes", bytes::run),
    ("slab", slab::run),
];

/// Decodes `data` into operations, lazily, each with its step number. Stops
/// when the data runs out or no longer decodes. With the environment
/// variable `MEMKIT_FUZZ_TRACE` set, prints each operation to stderr first.
///
/// # Examples
///
/// ```
/// let ops: Vec<(usize, u8)> = memkit_fuzz::ops(&[7, 9]).collect();
/// assert_eq!(ops, [(0, 7), (1, 9)]);
/// ```
pub fn ops<'a, Op: Arbitrary<'a> + Debug>(data: &'a [u8]) -> Ops<'a, Op> {
    Ops {
        input: Unstructured::new(data),
        step: 0,
        trace: std::env::var_os("MEMKIT_FUZZ_TRACE").is_some(),
        op: core::marker::PhantomData,
    }
}

/// The iterator of [`ops`].
#[derive(Debug)]
pub struct Ops<'a, Op> {
    input: Unstructured<'a>,
    step: usize,
    trace: bool,
    op: core::marker::PhantomData<Op>,
}

impl<'a, Op: Arbitrary<'a> + Debug> Iterator for Ops<'a, Op> {
    type Item = (usize, Op);

    fn next(&mut self) -> Option<(usize, Op)> {
        if self.input.is_empty() {
            return None;
        }
        let op = Op::arbitrary(&mut self.input).ok()?;
        let step = self.step;
        self.step += 1;
        if self.trace {
            eprintln!("step {step}: {op:?}");
        }
        Some((step, op))
    }
}

/// Reduces `value` into `0..=max`: fuzzed sizes and offsets land in range
/// most of the time, so operations do work instead of being skipped.
#[must_use]
pub fn clamp(value: usize, max: usize) -> usize {
    value % (max + 1)
}
