//! The error of [`Slab::get_disjoint_mut`](crate::Slab::get_disjoint_mut) and
//! [`GenSlab::get_disjoint_mut`](crate::GenSlab::get_disjoint_mut).

use core::fmt;

/// Why [`Slab::get_disjoint_mut`](crate::Slab::get_disjoint_mut) or
/// [`GenSlab::get_disjoint_mut`](crate::GenSlab::get_disjoint_mut) could not
/// hand out its references.
///
/// The variants are those of `slab` 0.4.12; the `Display` wording is
/// memkit's own. For a `GenSlab`, a stale key (its slot empty or reused)
/// is `IndexVacant`.
///
/// # Examples
///
/// ```
/// use memkit_slab::{GetDisjointMutError, Slab};
///
/// let mut slab = Slab::new();
/// let a = slab.insert(1);
/// assert_eq!(
///     slab.get_disjoint_mut([a, a]).unwrap_err(),
///     GetDisjointMutError::OverlappingIndices
/// );
/// assert_eq!(
///     slab.get_disjoint_mut([a, 5]).unwrap_err(),
///     GetDisjointMutError::IndexOutOfBounds
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GetDisjointMutError {
    /// A key lies inside the slab, but its entry holds no value.
    IndexVacant,
    /// A key lies past the last entry of the slab.
    IndexOutOfBounds,
    /// The same key was given twice.
    OverlappingIndices,
}

impl fmt::Display for GetDisjointMutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GetDisjointMutError::IndexVacant => "a key names a vacant entry or a stale generation",
            GetDisjointMutError::IndexOutOfBounds => "a key lies past the last entry",
            GetDisjointMutError::OverlappingIndices => "the same key was given twice",
        })
    }
}

#[cfg(feature = "std")]
impl std::error::Error for GetDisjointMutError {}
