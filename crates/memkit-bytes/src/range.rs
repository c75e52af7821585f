//! Bounds checks shared by `Bytes` and `BytesMut`, with panic messages that
//! name the operation and the numbers.

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
