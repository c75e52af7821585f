//! [`Take`]: a [`Buf`] that stops after a set number of bytes.

use super::Buf;
use crate::Bytes;
use crate::panics::{panic_out_of_bounds, panic_past_limit};
#[cfg(feature = "std")]
use std::io::IoSlice;

/// The most `IoSlice`s [`Take::chunks_vectored`](Buf::chunks_vectored) asks
/// of its inner buffer in one call (a writer sends at most `IOV_MAX`, 1024 on
/// Linux, per call, and rarely gets near it).
#[cfg(feature = "std")]
const VECTORED_SCRATCH: usize = 64;

/// A [`Buf`] that lets at most `limit` bytes of an inner buffer be read.
///
/// Built by [`Buf::take`]. Reading through it consumes the inner buffer and
/// lowers the limit; the bytes past the limit stay in the inner buffer.
///
/// # Examples
///
/// ```
/// use memkit_bytes::Buf;
///
/// let mut first_two = (&b"abcd"[..]).take(2);
/// assert_eq!(first_two.chunk(), b"ab");
/// first_two.advance(2);
/// assert!(!first_two.has_remaining());
/// assert_eq!(first_two.into_inner(), &b"cd"[..]);
/// ```
#[derive(Debug)]
pub struct Take<T> {
    inner: T,
    /// Bytes that may still be read; `remaining()` is the smaller of this
    /// and the inner buffer's `remaining()`.
    limit: usize,
}

impl<T> Take<T> {
    /// Wraps `inner`, allowing `limit` bytes to be read.
    pub(crate) fn new(inner: T, limit: usize) -> Take<T> {
        Take { inner, limit }
    }

    /// Unwraps the inner buffer, with whatever has not been read.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut part = (&b"xyz"[..]).take(1);
    /// part.advance(1);
    /// assert_eq!(part.into_inner(), &b"yz"[..]);
    /// ```
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// Returns a shared reference to the inner buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let part = (&b"xyz"[..]).take(1);
    /// assert_eq!(part.get_ref().remaining(), 3);
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.inner
    }

    /// Returns a mutable reference to the inner buffer.
    ///
    /// Reading through it does not lower the limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut part = (&b"xyz"[..]).take(2);
    /// part.get_mut().advance(2);
    /// assert_eq!(part.limit(), 2);
    /// assert_eq!(part.remaining(), 1);
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }

    /// Returns how many more bytes may be read, at most.
    ///
    /// The inner buffer may hold fewer; [`Buf::remaining`] gives the real
    /// count.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut part = (&b"abc"[..]).take(10);
    /// assert_eq!(part.limit(), 10);
    /// assert_eq!(part.remaining(), 3);
    /// part.advance(1);
    /// assert_eq!(part.limit(), 9);
    /// ```
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Replaces the limit. Bytes already read do not count against the new
    /// value.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut part = (&b"abcdef"[..]).take(2);
    /// part.advance(2);
    /// part.set_limit(3);
    /// assert_eq!(part.chunk(), b"cde");
    /// ```
    pub fn set_limit(&mut self, lim: usize) {
        self.limit = lim;
    }
}

impl<T: Buf> Buf for Take<T> {
    fn remaining(&self) -> usize {
        usize::min(self.inner.remaining(), self.limit)
    }

    fn chunk(&self) -> &[u8] {
        let chunk = self.inner.chunk();
        &chunk[..usize::min(chunk.len(), self.limit)]
    }

    fn advance(&mut self, cnt: usize) {
        if cnt > self.limit {
            panic_past_limit("Take::advance", cnt, self.limit);
        }
        self.inner.advance(cnt);
        // `cnt <= limit` (checked above).
        self.limit -= cnt;
    }

    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        let left = self.remaining();
        if len > left {
            panic_out_of_bounds("Take::copy_to_bytes", len, left);
        }
        // Delegate so an inner `Bytes` can hand out a slice without copying.
        let out = self.inner.copy_to_bytes(len);
        // `len <= remaining() <= limit` (checked above).
        self.limit -= len;
        out
    }

    #[cfg(feature = "std")]
    fn chunks_vectored<'a>(&'a self, dst: &mut [IoSlice<'a>]) -> usize {
        if self.limit == 0 || dst.is_empty() {
            return 0;
        }
        // The inner buffer fills a scratch array, not `dst`: it may expose
        // more entries than the limit reaches, and the trait promises that
        // `dst` entries past the returned count stay as they were.
        let mut scratch = [IoSlice::new(&[]); VECTORED_SCRATCH];
        let want = usize::min(dst.len(), VECTORED_SCRATCH);
        let filled = self.inner.chunks_vectored(&mut scratch[..want]);
        let mut budget = self.limit;
        for (i, (slot, &slice)) in dst.iter_mut().zip(&scratch[..filled]).enumerate() {
            let len = slice.len();
            if len < budget {
                *slot = slice;
                // `len < budget`, so this cannot underflow.
                budget -= len;
                continue;
            }
            *slot = if len == budget {
                slice
            } else {
                // SAFETY: 1. `slice` is an `IoSlice<'a>`, so its bytes stay
                // valid and unmodified for `'a`; 2. `budget < len`, so the
                // prefix lies inside those bytes.
                let prefix: &'a [u8] =
                    unsafe { core::slice::from_raw_parts(slice.as_ptr(), budget) };
                IoSlice::new(prefix)
            };
            // This entry reaches the limit: the later ones are out of reach.
            return i + 1;
        }
        filled
    }
}
