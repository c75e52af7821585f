//! The chunk loops that copy bytes out of a possibly non-contiguous [`Buf`].
//!
//! Nothing here is `unsafe`. The panics they raise come from
//! [`crate::panics`].

use crate::panics::panic_empty_chunk;
use crate::{Buf, BytesMut, TryGetError};

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
