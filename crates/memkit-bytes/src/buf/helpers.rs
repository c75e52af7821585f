//! Private helpers shared by the `buf` module.
//!
//! Two kinds live here:
//!
//! - the cold panic paths, so every out-of-bounds panic in the module names
//!   the operation and both byte counts in one consistent wording;
//! - the chunk loops that copy bytes out of a possibly non-contiguous [`Buf`].
//!
//! Nothing here is `unsafe`. The module is `pub(crate)` so that the `Buf` and
//! `BufMut` impls of `Bytes` and `BytesMut` can panic with the same wording.

use crate::{Buf, BytesMut, TryGetError};

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

/// Moves `dst.len()` bytes from the front of `buf` into `dst`, chunk by
/// chunk.
///
/// The caller has checked that `buf.remaining() >= dst.len()`.
pub(crate) fn copy_chunks<B: Buf + ?Sized>(op: &str, buf: &mut B, mut dst: &mut [u8]) {
    while !dst.is_empty() {
        let chunk = buf.chunk();
        if chunk.is_empty() {
            panic_empty_chunk(op, dst.len());
        }
        let n = usize::min(chunk.len(), dst.len());
        let (head, tail) = dst.split_at_mut(n);
        head.copy_from_slice(&chunk[..n]);
        buf.advance(n);
        dst = tail;
    }
}

/// Reads exactly `N` bytes from the front of `buf`, or reports how short it
/// is without consuming anything.
///
/// Takes the bytes straight from the first chunk when they all sit there, and
/// falls back to the chunk loop when the value straddles a chunk boundary.
#[inline]
pub(crate) fn read_array<B: Buf + ?Sized, const N: usize>(
    op: &str,
    buf: &mut B,
) -> Result<[u8; N], TryGetError> {
    let available = buf.remaining();
    if available < N {
        return Err(TryGetError {
            requested: N,
            available,
        });
    }
    let mut out = [0u8; N];
    match buf.chunk().get(..N) {
        Some(head) => {
            out.copy_from_slice(head);
            buf.advance(N);
        }
        None => copy_chunks(op, buf, &mut out),
    }
    Ok(out)
}

/// Appends the next `len` bytes of `buf` to `out`, chunk by chunk.
///
/// The caller has checked that `buf.remaining() >= len`.
pub(crate) fn append_chunks<B: Buf + ?Sized>(
    op: &str,
    buf: &mut B,
    out: &mut BytesMut,
    len: usize,
) {
    let mut left = len;
    while left > 0 {
        let chunk = buf.chunk();
        if chunk.is_empty() {
            panic_empty_chunk(op, left);
        }
        let n = usize::min(chunk.len(), left);
        out.extend_from_slice(&chunk[..n]);
        buf.advance(n);
        // `n <= left`, so this cannot underflow.
        left -= n;
    }
}
