//! `allocator_api2::alloc::Allocator` for `&Bump`, and with the
//! `allocator_api` feature on nightly Rust (built with
//! `--cfg memkit_nightly`), the standard library's unstable
//! `core::alloc::Allocator` too.

use allocator_api2::alloc::{AllocError, Allocator};
use core::alloc::Layout;
use core::ptr::NonNull;

use crate::Bump;

// SAFETY: 1. blocks come from `Bump::try_alloc_layout` and stay valid until
// the `Bump` is reset or dropped, which needs `&mut Bump` and so cannot
// happen while a `&Bump` (this allocator) is alive; 2. copies of a `&Bump`
// are the same allocator; 3. `grow`/`shrink` keep the contents (in place, or
// copied by `RawBump`) and return blocks that fit the new layout.
unsafe impl<const MIN_ALIGN: usize> Allocator for &Bump<MIN_ALIGN> {
    #[inline(always)]
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
        match self.try_alloc_layout(layout) {
            Ok(p) => Ok(NonNull::slice_from_raw_parts(p, layout.size())),
            Err(_) => Err(AllocError),
        }
    }

    #[inline]
    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        self.raw().dealloc(ptr, layout.size());
    }

    #[inline]
    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let new = Bump::<MIN_ALIGN>::adjusted(new_layout).ok_or(AllocError)?;
        // SAFETY: `Allocator::grow`'s caller promises that `ptr` is a live
        // block of this allocator (so of this `RawBump`, every `&Bump`
        // being the same allocator) for `old_layout`, and that
        // `new_layout.size() >= old_layout.size()`: `RawBump::grow`'s
        // contract. `new` differs from `new_layout` only in alignment.
        let p = unsafe { self.raw().grow(ptr, old_layout, new) }.ok_or(AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, new_layout.size()))
    }

    #[inline]
    unsafe fn grow_zeroed(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let new = Bump::<MIN_ALIGN>::adjusted(new_layout).ok_or(AllocError)?;
        // SAFETY: as in `grow`: `Allocator::grow_zeroed`'s caller makes the
        // same promises, which are `RawBump::grow_zeroed`'s contract.
        let p = unsafe { self.raw().grow_zeroed(ptr, old_layout, new) }.ok_or(AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, new_layout.size()))
    }

    #[inline]
    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let new = Bump::<MIN_ALIGN>::adjusted(new_layout).ok_or(AllocError)?;
        // SAFETY: `Allocator::shrink`'s caller promises that `ptr` is a live
        // block of this allocator (so of this `RawBump`) for `old_layout`,
        // and that `new_layout.size() <= old_layout.size()`:
        // `RawBump::shrink`'s contract. `new` differs from `new_layout` only
        // in alignment.
        let p = unsafe { self.raw().shrink(ptr, old_layout, new) }.ok_or(AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, new_layout.size()))
    }
}

/// The standard library's unstable `Allocator` trait for `&Bump`, as
/// bumpalo's `allocator_api` feature provides. Needs nightly Rust, the
/// `allocator_api` feature and `RUSTFLAGS="--cfg memkit_nightly"`.
///
/// # Examples
///
/// ```
/// # #![allow(stable_features, reason = "once `allocator_api` is stabilised, nightly warns that the gate is no longer needed")]
/// #![feature(allocator_api)]
///
/// let bump = memkit_arena::Bump::new();
/// let mut v: Vec<u32, &memkit_arena::Bump> = Vec::new_in(&bump);
/// v.extend([1, 2, 3]);
/// let b: Box<[u32], _> = v.into_boxed_slice();
/// assert_eq!(&*b, &[1, 2, 3]);
/// ```
#[cfg(all(feature = "allocator_api", memkit_nightly))]
mod nightly {
    use allocator_api2::alloc::Allocator as Api2;
    use core::alloc::{AllocError, Allocator, Layout};
    use core::ptr::NonNull;

    use crate::Bump;

    // SAFETY: every method forwards to the `allocator_api2` impl above,
    // whose trait has the same contract, method for method, as
    // `core::alloc::Allocator`; only the error type differs.
    unsafe impl<const MIN_ALIGN: usize> Allocator for &Bump<MIN_ALIGN> {
        #[inline(always)]
        fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, AllocError> {
            Api2::allocate(self, layout).map_err(|_| AllocError)
        }

        #[inline]
        unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
            // SAFETY: `core::alloc::Allocator::deallocate`'s caller makes the
            // promises `allocator_api2`'s `deallocate` asks for: the two traits'
            // contracts are the same, method for method.
            unsafe { Api2::deallocate(self, ptr, layout) }
        }

        #[inline]
        unsafe fn grow(
            &self,
            ptr: NonNull<u8>,
            old_layout: Layout,
            new_layout: Layout,
        ) -> Result<NonNull<[u8]>, AllocError> {
            // SAFETY: `core::alloc::Allocator::grow`'s caller makes the
            // promises `allocator_api2`'s `grow` asks for: the two traits'
            // contracts are the same, method for method.
            unsafe { Api2::grow(self, ptr, old_layout, new_layout) }.map_err(|_| AllocError)
        }

        #[inline]
        unsafe fn grow_zeroed(
            &self,
            ptr: NonNull<u8>,
            old_layout: Layout,
            new_layout: Layout,
        ) -> Result<NonNull<[u8]>, AllocError> {
            // SAFETY: `core::alloc::Allocator::grow_zeroed`'s caller makes the
            // promises `allocator_api2`'s `grow_zeroed` asks for: the two traits'
            // contracts are the same, method for method.
            unsafe { Api2::grow_zeroed(self, ptr, old_layout, new_layout) }.map_err(|_| AllocError)
        }

        #[inline]
        unsafe fn shrink(
            &self,
            ptr: NonNull<u8>,
            old_layout: Layout,
            new_layout: Layout,
        ) -> Result<NonNull<[u8]>, AllocError> {
            // SAFETY: `core::alloc::Allocator::shrink`'s caller makes the
            // promises `allocator_api2`'s `shrink` asks for: the two traits'
            // contracts are the same, method for method.
            unsafe { Api2::shrink(self, ptr, old_layout, new_layout) }.map_err(|_| AllocError)
        }
    }
}
