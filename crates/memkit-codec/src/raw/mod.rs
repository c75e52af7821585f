//! The codec's only unsafe code, kept in one place.
//!
//! * [`scan`]: the HTTP head's byte-class scans, sixteen bytes per step with
//!   SSE2, and `&str` views of bytes checked to be ASCII.
//! * `read` (feature `tokio`): one read from an `AsyncRead` straight into a
//!   buffer's spare capacity, without zeroing it first.
//!
//! Each file states its invariants at its top. Neither trusts its caller:
//! every function here is sound for any input a safe caller can give, and
//! CI runs their tests under Miri with both borrow models.

#[cfg(feature = "tokio")]
mod read;
mod scan;

#[cfg(feature = "tokio")]
pub(crate) use read::poll_read_buf;
pub(crate) use scan::{
    ascii_str, field_line_ends, field_value_end, request_line_ends, target_end, token_end,
};
