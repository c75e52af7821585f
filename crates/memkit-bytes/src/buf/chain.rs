//! [`Chain`]: two buffers read or written one after the other.

use super::chunks;
use super::{Buf, BufMut, IntoIter, UninitSlice};
use crate::panics::panic_out_of_bounds;
use crate::{Bytes, BytesMut};
#[cfg(feature = "std")]
use std::io::IoSlice;

/// Two buffers joined end to end.
///
/// Reading a `Chain` reads all of the first buffer, then the second; writing
/// one fills the first, then the second. Reads and writes may straddle the
/// seam. Built by [`Buf::chain`] or [`BufMut::chain_mut`].
///
/// # Examples
///
/// ```
/// use memkit_bytes::Buf;
///
/// let mut msg = (&b"Hello, "[..]).chain(&b"world"[..]);
/// assert_eq!(msg.remaining(), 12);
/// let mut all = [0u8; 12];
/// msg.copy_to_slice(&mut all);
/// assert_eq!(&all, b"Hello, world");
/// ```
#[derive(Debug)]
pub struct Chain<T, U> {
    /// Read or written first.
    first: T,
    /// Read or written once `first` has nothing left.
    last: U,
}

impl<T, U> Chain<T, U> {
    /// Joins `first` and `last`.
    pub(crate) fn new(first: T, last: U) -> Chain<T, U> {
        Chain { first, last }
    }

    /// Returns a shared reference to the first buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let both = (&b"ab"[..]).chain(&b"cd"[..]);
    /// assert_eq!(both.first_ref(), &&b"ab"[..]);
    /// ```
    pub fn first_ref(&self) -> &T {
        &self.first
    }

    /// Returns a mutable reference to the first buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut both = (&b"ab"[..]).chain(&b"cd"[..]);
    /// both.first_mut().advance(1);
    /// assert_eq!(both.remaining(), 3);
    /// ```
    pub fn first_mut(&mut self) -> &mut T {
        &mut self.first
    }

    /// Returns a shared reference to the second buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let both = (&b"ab"[..]).chain(&b"cd"[..]);
    /// assert_eq!(both.last_ref(), &&b"cd"[..]);
    /// ```
    pub fn last_ref(&self) -> &U {
        &self.last
    }

    /// Returns a mutable reference to the second buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut both = (&b"ab"[..]).chain(&b"cd"[..]);
    /// both.last_mut().advance(2);
    /// assert_eq!(both.remaining(), 2);
    /// ```
    pub fn last_mut(&mut self) -> &mut U {
        &mut self.last
    }

    /// Splits the chain back into its two buffers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut both = (&b"ab"[..]).chain(&b"cd"[..]);
    /// both.advance(3);
    /// let (first, last) = both.into_inner();
    /// assert_eq!((first, last), (&b""[..], &b"d"[..]));
    /// ```
    pub fn into_inner(self) -> (T, U) {
        (self.first, self.last)
    }
}

impl<T: Buf, U: Buf> Buf for Chain<T, U> {
    fn remaining(&self) -> usize {
        // Saturate: two huge buffers may together exceed `usize::MAX`.
        self.first.remaining().saturating_add(self.last.remaining())
    }

    fn chunk(&self) -> &[u8] {
        if self.first.has_remaining() {
            self.first.chunk()
        } else {
            self.last.chunk()
        }
    }

    fn advance(&mut self, cnt: usize) {
        let in_first = self.first.remaining();
        if cnt <= in_first {
            self.first.advance(cnt);
            return;
        }
        if in_first > 0 {
            self.first.advance(in_first);
        }
        // `cnt > in_first` here, so this cannot underflow.
        self.last.advance(cnt - in_first);
    }

    #[cfg(feature = "std")]
    fn chunks_vectored<'a>(&'a self, dst: &mut [IoSlice<'a>]) -> usize {
        let from_first = self.first.chunks_vectored(dst);
        // `last`'s bytes may follow only once every byte of `first` is in
        // `dst`: a `first` that exposes part of itself (a full `dst`, or the
        // default one-chunk `chunks_vectored` of a multi-segment buffer)
        // would otherwise have a writer send `last`'s bytes in the middle of
        // `first`'s. Saturate: the slices may overlap and sum past `usize`.
        let exposed = dst[..from_first]
            .iter()
            .fold(0usize, |sum, slice| sum.saturating_add(slice.len()));
        if exposed != self.first.remaining() {
            return from_first;
        }
        // `from_first <= dst.len()`, so the slice is in range and the sum
        // cannot exceed `dst.len()`.
        let from_last = self.last.chunks_vectored(&mut dst[from_first..]);
        from_first + from_last
    }

    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        const OP: &str = "Chain::copy_to_bytes";
        let in_first = self.first.remaining();
        if len <= in_first {
            // All from the first buffer: let it avoid the copy if it can.
            return self.first.copy_to_bytes(len);
        }
        if in_first == 0 {
            return self.last.copy_to_bytes(len);
        }
        // `len > in_first` here, so this cannot underflow.
        let from_last = len - in_first;
        let in_last = self.last.remaining();
        if from_last > in_last {
            panic_out_of_bounds(OP, len, in_first.saturating_add(in_last));
        }
        let mut out = BytesMut::with_capacity(len);
        chunks::append_chunks(OP, &mut self.first, &mut out, in_first);
        chunks::append_chunks(OP, &mut self.last, &mut out, from_last);
        out.freeze()
    }
}

// SAFETY: `chunk_mut` returns the room of one of the two inner buffers, which
// uphold the trait's promises; `advance_mut` forwards to the same buffer whose
// room `chunk_mut` handed out, moving to the second only once the first is
// full.
unsafe impl<T: BufMut, U: BufMut> BufMut for Chain<T, U> {
    fn remaining_mut(&self) -> usize {
        // Saturate: two growable buffers may each report `isize::MAX`.
        self.first
            .remaining_mut()
            .saturating_add(self.last.remaining_mut())
    }

    fn chunk_mut(&mut self) -> &mut UninitSlice {
        if self.first.has_remaining_mut() {
            self.first.chunk_mut()
        } else {
            self.last.chunk_mut()
        }
    }

    unsafe fn advance_mut(&mut self, cnt: usize) {
        let in_first = self.first.remaining_mut();
        if cnt <= in_first {
            // SAFETY: the caller initialized the next `cnt` bytes, which all
            // lie in the first buffer's room.
            unsafe { self.first.advance_mut(cnt) };
            return;
        }
        if in_first > 0 {
            // SAFETY: the caller initialized the next `cnt > in_first` bytes,
            // which include all of the first buffer's room.
            unsafe { self.first.advance_mut(in_first) };
        }
        // SAFETY: the caller initialized the next `cnt` bytes; the ones past
        // the first buffer are the first `cnt - in_first` of the second
        // buffer's room (no underflow: `cnt > in_first`).
        unsafe { self.last.advance_mut(cnt - in_first) };
    }
}

impl<T: Buf, U: Buf> IntoIterator for Chain<T, U> {
    type Item = u8;
    type IntoIter = IntoIter<Chain<T, U>>;

    /// Iterates over the bytes of both buffers, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let both = (&b"ab"[..]).chain(&b"c"[..]);
    /// assert_eq!(both.into_iter().collect::<Vec<u8>>(), b"abc");
    /// ```
    fn into_iter(self) -> Self::IntoIter {
        IntoIter::new(self)
    }
}
