//! `allocator_api2::alloc::Allocator` for `&Bump`.

use allocator_api2::alloc::{AllocError, Allocator};
use core::alloc::Layout;
use core::ptr::NonNull;

use crate::Bump;
use crate::raw;

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
        // SAFETY: the `Allocator::grow` contract is `RawBump::grow`'s.
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
        // SAFETY: forwarded contract.
        let p = unsafe { self.grow(ptr, old_layout, new_layout) }?;
        let base = p.cast::<u8>();
        // SAFETY: the block holds `new_layout.size() >= old_layout.size()`
        // bytes; the tail past the old size is ours to write.
        unsafe {
            raw::zero(
                base.add(old_layout.size()),
                new_layout.size() - old_layout.size(),
            )
        };
        Ok(p)
    }

    #[inline]
    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old_layout: Layout,
        new_layout: Layout,
    ) -> Result<NonNull<[u8]>, AllocError> {
        let new = Bump::<MIN_ALIGN>::adjusted(new_layout).ok_or(AllocError)?;
        // SAFETY: the `Allocator::shrink` contract is `RawBump::shrink`'s.
        let p = unsafe { self.raw().shrink(ptr, old_layout, new) }.ok_or(AllocError)?;
        Ok(NonNull::slice_from_raw_parts(p, new_layout.size()))
    }
}
