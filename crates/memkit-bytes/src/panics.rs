//! Every bounds check and cold panic path of the crate, in one place.
//!
//! Each message names the operation and the numbers involved. Several also
//! carry the phrase `bytes` 1.x panics with (for example "advance out of
//! bounds" and "cnt <= self.limit"), because its test suite, and code ported
//! from it, match on those phrases: keep them word for word.
//!
//! Nothing here is `unsafe`.

use core::ops::{Bound, RangeBounds};

/// Resolves `range` against `len` into `(begin, end)` with
/// `begin <= end <= len`.
///
/// # Panics
///
/// If the range is inverted, ends past `len`, or an inclusive bound is
/// `usize::MAX`.
#[inline]
#[track_caller]
pub(crate) fn checked(op: &str, range: impl RangeBounds<usize>, len: usize) -> (usize, usize) {
    let begin = match range.start_bound() {
        Bound::Included(&n) => n,
        Bound::Excluded(&n) => n.checked_add(1).unwrap_or_else(|| overflow(op)),
        Bound::Unbounded => 0,
    };
    let end = match range.end_bound() {
        Bound::Included(&n) => n.checked_add(1).unwrap_or_else(|| overflow(op)),
        Bound::Excluded(&n) => n,
        Bound::Unbounded => len,
    };
    if begin > end {
        inverted(op, begin, end);
    }
    if end > len {
        past_end(op, end, len);
    }
    (begin, end)
}

/// Checks a split index: `at <= bound`, where `bound_name` says what the
/// bound is (`len` or `capacity`).
#[inline]
#[track_caller]
pub(crate) fn check_at(op: &str, at: usize, bound_name: &str, bound: usize) {
    if at > bound {
        split_out_of_bounds(op, at, bound_name, bound);
    }
}

/// Checks an advance: `cnt <= remaining`.
#[inline]
#[track_caller]
pub(crate) fn check_advance(cnt: usize, remaining: usize) {
    if cnt > remaining {
        advance_out_of_bounds(cnt, remaining);
    }
}

#[cold]
#[track_caller]
fn overflow(op: &str) -> ! {
    panic!("{op}: range bound out of range: usize::MAX cannot be made exclusive")
}

#[cold]
#[track_caller]
fn inverted(op: &str, begin: usize, end: usize) -> ! {
    panic!("{op}: range start must not be greater than end: {begin} > {end}")
}

#[cold]
#[track_caller]
fn past_end(op: &str, end: usize, len: usize) -> ! {
    panic!("{op}: range end out of bounds: {end} > {len}")
}

#[cold]
#[track_caller]
fn split_out_of_bounds(op: &str, at: usize, bound_name: &str, bound: usize) -> ! {
    panic!("{op} out of bounds: at {at} > {bound_name} {bound}")
}

#[cold]
#[track_caller]
fn advance_out_of_bounds(cnt: usize, remaining: usize) -> ! {
    panic!("cannot advance past `remaining`: advancing by {cnt} but only {remaining} remain")
}

/// Panics because `op` needed `requested` bytes (or bytes of room) and only
/// `available` were left.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn panic_out_of_bounds(op: &str, requested: usize, available: usize) -> ! {
    panic!("{op} out of bounds: {requested} bytes requested but only {available} remaining")
}

/// Panics because `op` was asked to move `cnt` bytes past its position and
/// only `len` were left. The message carries bytes' phrase, so code that
/// matches on it keeps working.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn panic_advance(op: &str, cnt: usize, len: usize) -> ! {
    panic!("{op}: advance out of bounds: the len is {len} but advancing by {cnt}")
}

/// Panics because `op` was asked to move `cnt` bytes past a limit of `limit`
/// (`Take` and `Limit`). The message carries the assertion bytes fails with.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn panic_past_limit(op: &str, cnt: usize, limit: usize) -> ! {
    panic!("{op}: cnt <= self.limit failed: cnt is {cnt} but the limit is {limit}")
}

/// Panics because a variable-width integer operation was asked for more
/// bytes than its integer type holds.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn panic_nbytes_too_large(op: &str, nbytes: usize, width: usize) -> ! {
    panic!("{op}: nbytes is {nbytes} but the integer type holds only {width} bytes")
}

/// Panics because a buffer broke the `chunk`/`remaining` contract: it
/// reported bytes left but handed out an empty chunk. Looping on would never
/// end, so stop with a clear message instead.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn panic_empty_chunk(op: &str, left: usize) -> ! {
    panic!("{op}: the buffer returned an empty chunk while {left} bytes were still expected")
}

/// Panics with the message every capacity overflow shares.
#[cold]
#[inline(never)]
#[track_caller]
pub(crate) fn capacity_overflow(operation: &str, len: usize, additional: usize) -> ! {
    panic!(
        "{operation}: capacity overflow: {len} + {additional} bytes exceeds isize::MAX ({})",
        isize::MAX
    )
}
