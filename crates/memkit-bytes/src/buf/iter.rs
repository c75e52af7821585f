//! [`IntoIter`]: the bytes of a [`Buf`] as an [`Iterator`].

use super::Buf;

/// An iterator that yields the bytes of a [`Buf`] one at a time, consuming
/// them.
///
/// `Bytes`, `BytesMut` and [`Chain`](super::Chain) return one from
/// `into_iter`; [`IntoIter::new`] wraps any other buffer.
///
/// # Examples
///
/// ```
/// use memkit_bytes::buf::IntoIter;
///
/// let iter = IntoIter::new(&b"abc"[..]);
/// assert_eq!(iter.len(), 3);
/// assert_eq!(iter.collect::<Vec<u8>>(), b"abc");
/// ```
#[derive(Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct IntoIter<T> {
    inner: T,
}

impl<T> IntoIter<T> {
    /// Wraps `inner` in an iterator over its bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::IntoIter;
    ///
    /// let mut iter = IntoIter::new(&[1u8, 2][..]);
    /// assert_eq!(iter.next(), Some(1));
    /// assert_eq!(iter.next(), Some(2));
    /// assert_eq!(iter.next(), None);
    /// ```
    pub fn new(inner: T) -> IntoIter<T> {
        IntoIter { inner }
    }

    /// Unwraps the buffer, with the bytes not yet yielded.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::IntoIter;
    ///
    /// let mut iter = IntoIter::new(&b"xyz"[..]);
    /// iter.next();
    /// assert_eq!(iter.into_inner(), &b"yz"[..]);
    /// ```
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// Returns a shared reference to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    /// use memkit_bytes::buf::IntoIter;
    ///
    /// let iter = IntoIter::new(&b"xyz"[..]);
    /// assert_eq!(iter.get_ref().remaining(), 3);
    /// ```
    pub fn get_ref(&self) -> &T {
        &self.inner
    }

    /// Returns a mutable reference to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    /// use memkit_bytes::buf::IntoIter;
    ///
    /// let mut iter = IntoIter::new(&b"xyz"[..]);
    /// iter.get_mut().advance(2);
    /// assert_eq!(iter.next(), Some(b'z'));
    /// ```
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

impl<T: Buf> Iterator for IntoIter<T> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        let byte = *self.inner.chunk().first()?;
        self.inner.advance(1);
        Some(byte)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.inner.remaining();
        (left, Some(left))
    }
}

impl<T: Buf> ExactSizeIterator for IntoIter<T> {}
