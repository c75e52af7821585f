//! [`Writer`]: a [`BufMut`] seen as a [`std::io::Write`].

use super::BufMut;
use std::io;

/// Adapts a [`BufMut`] to [`io::Write`].
///
/// Built by [`BufMut::writer`]. Writes never fail: each takes as many bytes
/// as the buffer has room for, and returns `Ok(0)` once it is full. Flushing
/// does nothing.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BufMut;
/// use std::io::Write;
///
/// let mut storage = [0u8; 4];
/// let mut writer = (&mut storage[..]).writer();
/// assert_eq!(writer.write(b"abcdef").unwrap(), 4);
/// assert_eq!(writer.write(b"g").unwrap(), 0);
/// assert_eq!(&storage, b"abcd");
/// ```
#[derive(Debug)]
pub struct Writer<B> {
    buf: B,
}

impl<B> Writer<B> {
    /// Wraps `buf`.
    pub(crate) fn new(buf: B) -> Writer<B> {
        Writer { buf }
    }
}

impl<B: BufMut> Writer<B> {
    /// Returns a shared reference to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    /// use std::io::Write;
    ///
    /// let mut writer = Vec::new().writer();
    /// writer.write_all(b"hi").unwrap();
    /// assert_eq!(writer.get_ref(), b"hi");
    /// ```
    pub fn get_ref(&self) -> &B {
        &self.buf
    }

    /// Returns a mutable reference to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut writer = Vec::new().writer();
    /// writer.get_mut().put_u8(b'!');
    /// assert_eq!(writer.get_ref(), b"!");
    /// ```
    pub fn get_mut(&mut self) -> &mut B {
        &mut self.buf
    }

    /// Unwraps the buffer, with everything written so far.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    /// use std::io::Write;
    ///
    /// let mut writer = Vec::new().writer();
    /// writer.write_all(b"done").unwrap();
    /// assert_eq!(writer.into_inner(), b"done");
    /// ```
    pub fn into_inner(self) -> B {
        self.buf
    }
}

impl<B: BufMut> io::Write for Writer<B> {
    fn write(&mut self, src: &[u8]) -> io::Result<usize> {
        let n = usize::min(self.buf.remaining_mut(), src.len());
        self.buf.put_slice(&src[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
