//! Error types.

use core::fmt;

/// An allocation failed: the global allocator refused, the allocation limit
/// was reached, or the requested size overflowed.
///
/// # Examples
///
/// ```
/// use memkit_arena::{AllocErr, Bump};
///
/// let bump = Bump::new();
/// bump.set_allocation_limit(Some(0));
/// assert_eq!(bump.try_alloc(1u8), Err(AllocErr));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct AllocErr;

impl fmt::Display for AllocErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("memory allocation failed")
    }
}

impl core::error::Error for AllocErr {}

/// The error of [`Bump::try_alloc_try_with`](crate::Bump::try_alloc_try_with):
/// either the allocation or the initializer failed.
///
/// # Examples
///
/// ```
/// use memkit_arena::{AllocOrInitError, Bump};
///
/// let bump = Bump::new();
/// let r = bump.try_alloc_try_with(|| Err::<u8, &str>("bad"));
/// assert_eq!(r, Err(AllocOrInitError::Init("bad")));
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum AllocOrInitError<E> {
    /// Reserving memory failed.
    Alloc(AllocErr),
    /// The initializer returned this error.
    Init(E),
}

impl<E> From<AllocErr> for AllocOrInitError<E> {
    fn from(e: AllocErr) -> Self {
        AllocOrInitError::Alloc(e)
    }
}

impl<E: fmt::Display> fmt::Display for AllocOrInitError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocOrInitError::Alloc(e) => e.fmt(f),
            AllocOrInitError::Init(e) => write!(f, "initialization failed: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> core::error::Error for AllocOrInitError<E> {}
