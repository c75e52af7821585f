//! [`Reader`]: a [`Buf`] seen as a [`std::io::Read`].

use super::Buf;
use std::io;

/// Adapts a [`Buf`] to [`io::Read`] and [`io::BufRead`].
///
/// Built by [`Buf::reader`]. Reads never fail: they return however many
/// bytes the buffer still has, and 0 at its end.
///
/// # Examples
///
/// ```
/// use memkit_bytes::Buf;
/// use std::io::BufRead;
///
/// let reader = (&b"line one\nline two\n"[..]).reader();
/// let lines: Vec<String> = reader.lines().map(Result::unwrap).collect();
/// assert_eq!(lines, ["line one", "line two"]);
/// ```
#[derive(Debug)]
pub struct Reader<B> {
    buf: B,
}

impl<B> Reader<B> {
    /// Wraps `buf`.
    pub(crate) fn new(buf: B) -> Reader<B> {
        Reader { buf }
    }
}

impl<B: Buf> Reader<B> {
    /// Returns a shared reference to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let reader = (&b"abc"[..]).reader();
    /// assert_eq!(reader.get_ref().remaining(), 3);
    /// ```
    pub fn get_ref(&self) -> &B {
        &self.buf
    }

    /// Returns a mutable reference to the buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut reader = (&b"abc"[..]).reader();
    /// reader.get_mut().advance(1);
    /// assert_eq!(reader.get_ref().chunk(), b"bc");
    /// ```
    pub fn get_mut(&mut self) -> &mut B {
        &mut self.buf
    }

    /// Unwraps the buffer, with whatever has not been read.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    /// use std::io::Read;
    ///
    /// let mut reader = (&b"abc"[..]).reader();
    /// let mut one = [0u8; 1];
    /// reader.read_exact(&mut one).unwrap();
    /// assert_eq!(reader.into_inner(), &b"bc"[..]);
    /// ```
    pub fn into_inner(self) -> B {
        self.buf
    }
}

impl<B: Buf> io::Read for Reader<B> {
    fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
        let n = usize::min(self.buf.remaining(), dst.len());
        self.buf.copy_to_slice(&mut dst[..n]);
        Ok(n)
    }
}

impl<B: Buf> io::BufRead for Reader<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        Ok(self.buf.chunk())
    }

    fn consume(&mut self, amt: usize) {
        self.buf.advance(amt);
    }
}
