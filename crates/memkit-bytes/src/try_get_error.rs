//! The error returned by the fallible `try_get_*` readers of [`Buf`].
//!
//! [`Buf`]: crate::Buf

use core::fmt;

/// A read from a [`Buf`] asked for more bytes than the buffer still holds.
///
/// Every `try_get_*` method of [`Buf`], and [`Buf::try_copy_to_slice`],
/// returns this error instead of panicking. When it is returned the buffer
/// has not been advanced: the bytes that were there are still there.
///
/// [`Buf`]: crate::Buf
/// [`Buf::try_copy_to_slice`]: crate::Buf::try_copy_to_slice
///
/// # Examples
///
/// ```
/// use memkit_bytes::{Buf, TryGetError};
///
/// let mut buf: &[u8] = &[0xAB, 0xCD];
/// let err = buf.try_get_u32().unwrap_err();
/// assert_eq!(err, TryGetError { requested: 4, available: 2 });
/// // Nothing was consumed.
/// assert_eq!(buf.remaining(), 2);
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct TryGetError {
    /// How many bytes the read needed.
    pub requested: usize,

    /// How many bytes the buffer held when the read was attempted.
    pub available: usize,
}

impl fmt::Display for TryGetError {
    /// Formats the error with both byte counts.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::TryGetError;
    ///
    /// let err = TryGetError { requested: 8, available: 3 };
    /// let text = err.to_string();
    /// assert!(text.contains('8') && text.contains('3'));
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "buffer too short for the read: {} bytes requested, {} available",
            self.requested, self.available
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for TryGetError {}

#[cfg(feature = "std")]
impl From<TryGetError> for std::io::Error {
    /// Wraps the error in an [`std::io::Error`] of kind
    /// [`std::io::ErrorKind::Other`], the kind `bytes` uses.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::TryGetError;
    /// use std::io;
    ///
    /// let err: io::Error = TryGetError { requested: 2, available: 0 }.into();
    /// assert_eq!(err.kind(), io::ErrorKind::Other);
    /// ```
    fn from(error: TryGetError) -> Self {
        std::io::Error::other(error)
    }
}
