//! [`LineScan`]: where the parts of a request line and of a field line end,
//! as a type, so that the head decoder's line loop can be compiled once
//! per kind of processor.
//!
//! The loop is generic over [`LineScan`]; [`run_with_line_scan`] runs it
//! with [`Avx2`] inside a function compiled for AVX2 when the processor has
//! it, so that the scans are inlined into the loop rather than called once
//! per line, and with [`Baseline`] otherwise.
//!
//! # Invariants
//!
//! * An [`Avx2`] value is made only in `run_avx2`, which runs only after
//!   `is_x86_feature_detected!` reported AVX2 on the running processor
//!   (`scan::avx2_available`); its field is private, so no other code can
//!   make one. Holding one is therefore proof that the AVX2 scans may run.

use super::scan::baseline;

/// Where the parts of a line end; see [`field_line`](LineScan::field_line)
/// and [`request_line_ends`](LineScan::request_line_ends).
pub(crate) trait LineScan: Copy {
    /// Where the parts of the field line at the start of `line` end: its
    /// name (the first byte that is not a `tchar`) and, when that byte is
    /// the colon, its value (the first byte after the colon that may not
    /// appear in a value, or `line.len()`), and the value without its
    /// leading and trailing OWS.
    fn field_line(self, line: &[u8]) -> FieldLine;

    /// Where the request line at the start of `line` has its method end
    /// (the first byte that is not a `tchar`) and, when that byte is SP,
    /// where its target ends (the first byte after the SP that may not
    /// appear in a target, or `line.len()`); without the SP, both are the
    /// method's end.
    fn request_line_ends(self, line: &[u8]) -> (usize, usize);
}

/// Where the parts of the field line at the start of a slice end, as
/// positions in it. Without the colon after the name, every position is
/// the name's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldLine {
    /// The first byte that is not a `tchar`: the colon, when there is one.
    pub(crate) name_end: usize,
    /// The value's first byte that is not OWS (`trimmed_end` when all is).
    pub(crate) value_start: usize,
    /// The first byte after the colon that may not appear in a value (the
    /// CR of the line's end, in a well-formed line), or the slice's end.
    pub(crate) value_end: usize,
    /// The end of the value without its trailing OWS.
    pub(crate) trimmed_end: usize,
}

impl FieldLine {
    /// A line whose name is not followed by a colon.
    #[inline]
    pub(crate) fn without_colon(name_end: usize) -> FieldLine {
        FieldLine {
            name_end,
            value_start: name_end,
            value_end: name_end,
            trimmed_end: name_end,
        }
    }
}

/// Code to run with the best [`LineScan`] of the processor.
pub(crate) trait LineScanUser {
    /// What the code returns.
    type Output;

    /// Runs the code with `scan`.
    fn run<S: LineScan>(self, scan: S) -> Self::Output;
}

/// The scans any processor runs: SSE2 on x86-64, byte by byte elsewhere.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Baseline;

impl LineScan for Baseline {
    #[inline(always)]
    fn field_line(self, line: &[u8]) -> FieldLine {
        baseline::field_line(line)
    }

    #[inline(always)]
    fn request_line_ends(self, line: &[u8]) -> (usize, usize) {
        baseline::request_line_ends(line)
    }
}

/// The AVX2 scans: a line's first thirty-two bytes classed both ways from
/// one load. Only `run_avx2` makes one (invariant above).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Avx2 {
    _detected: (),
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
impl LineScan for Avx2 {
    #[inline(always)]
    fn field_line(self, line: &[u8]) -> FieldLine {
        // SAFETY: an `Avx2` exists only once the processor was found to
        // have AVX2 (the invariant above).
        unsafe { super::scan::avx2::field_line(line) }
    }

    #[inline(always)]
    fn request_line_ends(self, line: &[u8]) -> (usize, usize) {
        // SAFETY: as in `field_line`.
        unsafe { super::scan::avx2::request_line_ends(line) }
    }
}

/// Runs `user` with [`Avx2`], compiled for AVX2, when the processor has
/// it, and with [`Baseline`] otherwise.
#[inline]
pub(crate) fn run_with_line_scan<U: LineScanUser>(user: U) -> U::Output {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if super::scan::avx2_available() {
        // SAFETY: the processor has AVX2.
        return unsafe { run_avx2(user) };
    }
    user.run(Baseline)
}

/// `user` run with [`Avx2`], in a function compiled for AVX2, into which
/// `user`'s code and the scans are inlined.
///
/// # Safety
///
/// The processor must have AVX2. The safe twin is
/// [`run_with_line_scan`], which checks.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "avx2")]
unsafe fn run_avx2<U: LineScanUser>(user: U) -> U::Output {
    user.run(Avx2 { _detected: () })
}
