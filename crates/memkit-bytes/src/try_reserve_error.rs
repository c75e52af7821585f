//! [`TryReserveError`]: why `BytesMut::try_reserve` or
//! `BytesMut::try_with_capacity` could not make room.

use core::fmt;

use crate::raw::AllocFailure;

/// The error of [`BytesMut::try_reserve`](crate::BytesMut::try_reserve) and
/// [`BytesMut::try_with_capacity`](crate::BytesMut::try_with_capacity). Not
/// part of `bytes`.
///
/// The buffer is left exactly as it was.
///
/// # Examples
///
/// ```
/// use memkit_bytes::{BytesMut, TryReserveError};
///
/// let mut buf = BytesMut::from(&b"abc"[..]);
/// let err = buf.try_reserve(usize::MAX).unwrap_err();
/// assert_eq!(err, TryReserveError::CapacityOverflow { len: 3, additional: usize::MAX });
/// assert_eq!(buf, "abc");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TryReserveError {
    /// `len + additional` bytes would pass the largest buffer
    /// (`isize::MAX` less a small header).
    CapacityOverflow {
        /// The length when the request was made.
        len: usize,
        /// The extra room requested.
        additional: usize,
    },
    /// The allocator could not provide a block of `size` bytes.
    AllocError {
        /// The size of the block requested, header included.
        size: usize,
    },
}

impl TryReserveError {
    pub(crate) fn new(failure: AllocFailure, len: usize, additional: usize) -> TryReserveError {
        match failure {
            AllocFailure::CapacityOverflow => TryReserveError::CapacityOverflow { len, additional },
            AllocFailure::Allocator(layout) => TryReserveError::AllocError {
                size: layout.size(),
            },
        }
    }
}

impl fmt::Display for TryReserveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TryReserveError::CapacityOverflow { len, additional } => write!(
                f,
                "capacity overflow: {len} + {additional} bytes exceeds the largest buffer"
            ),
            TryReserveError::AllocError { size } => {
                write!(f, "the allocator could not provide {size} bytes")
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for TryReserveError {}
