//! [`Checkpoint`]: a position in a [`Bump`](super::Bump) to rewind to.

use crate::raw;

/// A position in a [`Bump`](super::Bump), to rewind to with
/// [`Bump::reset_to`](super::Bump::reset_to).
///
/// # Examples
///
/// ```
/// use memkit_arena::Bump;
///
/// let bump = Bump::new();
/// let cp = bump.checkpoint();
/// bump.alloc([0u8; 64]);
/// // SAFETY: nothing allocated after `cp` is used again.
/// unsafe { bump.reset_to(cp) };
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Checkpoint {
    pub(super) raw: raw::Checkpoint,
}
