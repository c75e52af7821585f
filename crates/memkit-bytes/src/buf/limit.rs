//! [`Limit`]: a [`BufMut`] that stops after a set number of bytes.

use super::{BufMut, UninitSlice};
use crate::panics::panic_past_limit;

/// A [`BufMut`] that lets at most `limit` bytes be written into an inner
/// buffer.
///
/// Built by [`BufMut::limit`]. Useful to cap a growable buffer such as
/// `Vec<u8>`, whose own room is practically unbounded.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BufMut;
///
/// let mut capped = Vec::new().limit(4);
/// capped.put_u16(7);
/// assert_eq!(capped.remaining_mut(), 2);
/// assert_eq!(capped.into_inner(), [0, 7]);
/// ```
#[derive(Debug)]
pub struct Limit<T> {
    inner: T,
    /// Bytes that may still be written; `remaining_mut()` is the smaller of
    /// this and the inner buffer's `remaining_mut()`.
    limit: usize,
}

impl<T> Limit<T> {
    /// Wraps `inner`, allowing `limit` bytes to be written.
    pub(crate) fn new(inner: T, limit: usize) -> Limit<T> {
        Limit { inner, limit }
    }

    /// Unwraps the inner buffer, with everything written so far.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut capped = Vec::new().limit(8);
    /// capped.put_slice(b"ok");
    /// assert_eq!(capped.into_inner(), b"ok");
    /// ```
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// Returns a shared reference to the inner buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut capped = Vec::new().limit(8);
    /// capped.put_u8(1);
    /// assert_eq!(capped.get_ref().len(), 1);
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.inner
    }

    /// Returns a mutable reference to the inner buffer.
    ///
    /// Writing through it does not lower the limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    /// use memkit_bytes::buf::Limit;
    ///
    /// let mut capped = Vec::new().limit(1);
    /// capped.get_mut().put_slice(b"bypass");
    /// assert_eq!(Limit::limit(&capped), 1);
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }

    /// Returns how many more bytes may be written, at most.
    ///
    /// Method-call syntax on a `Limit` value picks [`BufMut::limit`], which
    /// takes `self` by value; call this one as `Limit::limit(&x)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    /// use memkit_bytes::buf::Limit;
    ///
    /// let mut capped = Vec::new().limit(5);
    /// capped.put_u8(0);
    /// assert_eq!(Limit::limit(&capped), 4);
    /// ```
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Replaces the limit. Bytes already written do not count against the
    /// new value.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut capped = Vec::new().limit(0);
    /// assert!(!capped.has_remaining_mut());
    /// capped.set_limit(2);
    /// capped.put_u16(1);
    /// assert_eq!(capped.into_inner(), [0, 1]);
    /// ```
    pub fn set_limit(&mut self, lim: usize) {
        self.limit = lim;
    }
}

// SAFETY: `chunk_mut` returns a prefix of the inner buffer's room, and
// `advance_mut` forwards to the inner buffer after checking the limit, so the
// inner buffer's promises carry over.
unsafe impl<T: BufMut> BufMut for Limit<T> {
    fn remaining_mut(&self) -> usize {
        usize::min(self.inner.remaining_mut(), self.limit)
    }

    fn chunk_mut(&mut self) -> &mut UninitSlice {
        let limit = self.limit;
        let room = self.inner.chunk_mut();
        let end = usize::min(room.len(), limit);
        &mut room[..end]
    }

    unsafe fn advance_mut(&mut self, cnt: usize) {
        if cnt > self.limit {
            panic_past_limit("Limit::advance_mut", cnt, self.limit);
        }
        // SAFETY: the caller initialized the next `cnt` bytes; they lie in
        // the inner buffer's room, of which `chunk_mut` handed out a prefix.
        unsafe { self.inner.advance_mut(cnt) };
        // `cnt <= limit` (checked above).
        self.limit -= cnt;
    }
}
