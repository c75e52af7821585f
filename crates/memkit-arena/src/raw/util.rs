//! [`dangling`]: the address of zero-sized allocations and of an empty
//! arena's bump pointer.

use core::num::NonZeroUsize;
use core::ptr::NonNull;

/// A dangling, non-null pointer aligned to `align` (a power of two). Never
/// dereferenced for more than zero bytes.
#[inline(always)]
pub(crate) const fn dangling(align: usize) -> NonNull<u8> {
    let Some(a) = NonZeroUsize::new(align) else {
        panic!("alignment is never zero")
    };
    NonNull::without_provenance(a)
}
