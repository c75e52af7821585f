//! [`extend_copy`]: appends a copied slice to a vector with one `memcpy`,
//! for `Vec::extend_from_slice_copy`, instead of the element-wise loop of
//! the generic `extend_from_slice`.

use allocator_api2::alloc::Allocator;
use allocator_api2::vec::Vec;
use core::ptr;

/// Appends copies of `src` to `vec`.
///
/// # Panics
///
/// If `vec` has fewer than `src.len()` free slots: the caller reserves them
/// first.
#[inline]
pub(crate) fn extend_copy<T: Copy, A: Allocator>(vec: &mut Vec<T, A>, src: &[T]) {
    let len = vec.len();
    let dst = vec.spare_capacity_mut()[..src.len()]
        .as_mut_ptr()
        .cast::<T>();
    // SAFETY: 1. `dst` is the first `src.len()` free slots of the buffer
    // (the slicing above checked there are that many), disjoint from `src`,
    // which cannot alias the `&mut` vector; `T: Copy`, so a bitwise copy is
    // a copy. 2. Those slots, right after the `len` initialised elements and
    // within capacity, are then initialised.
    unsafe {
        ptr::copy_nonoverlapping(src.as_ptr(), dst, src.len());
        vec.set_len(len + src.len());
    }
}
