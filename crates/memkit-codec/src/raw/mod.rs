//! The codec's only unsafe code, kept in one place.
//!
//! * [`scan`]: the HTTP head's byte-class scans, sixteen bytes per step with
//!   SSE2 and thirty-two with AVX2 where the processor has it, and `&str`
//!   views of bytes checked to be ASCII.
//! * [`line_scan`]: those scans as a type, so that the head decoder's line
//!   loop runs compiled for AVX2 where the processor has it.
//! * `read` (feature `tokio`): one read from an `AsyncRead` straight into a
//!   buffer's spare capacity, without zeroing it first.
//!
//! Each file states its invariants at its top. None trusts its caller:
//! every function here is sound for any input a safe caller can give, and
//! CI runs their tests under Miri with both borrow models.

mod line_scan;
#[cfg(feature = "tokio")]
mod read;
mod scan;

pub(crate) use line_scan::{FieldLine, LineScan, LineScanUser, run_with_line_scan};
#[cfg(feature = "tokio")]
pub(crate) use read::poll_read_buf;
pub(crate) use scan::{ascii_str, field_value_end, target_end, token_end};
