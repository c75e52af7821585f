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
pub mod http_request;
pub mod http_response;
pub mod length_delimited;
pub mod lines;
mod ops;
pub mod pieces;
mod raw;
pub mod segments;
pub mod slab;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use crate::ops::{Ops, ops};

/// A target's entry point: runs the operations decoded from its input,
/// panicking when memkit and the model disagree.
pub type Run = fn(&[u8]);

/// Every target, by name: the name of its binary and of its directories under
/// `seeds/` and `regressions/`, and its entry point.
pub const TARGETS: &[(&str, Run)] = &[
    ("arena", arena::run),
    ("bump", bump::run),
    ("bytes", bytes::run),
    ("http_request", http_request::run),
    ("http_response", http_response::run),
    ("length_delimited", length_delimited::run),
    ("lines", lines::run),
    ("slab", slab::run),
];

/// Reduces `value` into `0..=max`: fuzzed sizes and offsets land in range
/// most of the time, so operations do work instead of being skipped.
#[must_use]
pub fn clamp(value: usize, max: usize) -> usize {
    value % (max + 1)
}
