//! The reference-counted header that owns every heap buffer, and its handle.

use alloc::alloc::{Layout, alloc, dealloc, realloc};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::mem::{ManuallyDrop, align_of, size_of};
use core::ptr::{self, NonNull};

use super::AllocFailure;
#[cfg(feature = "std")]
use super::pool::PoolHandle;
use crate::sync::{AtomicUsize, Ordering, fence};

/// The header of one heap buffer. See the module invariants 1–3.
#[repr(C)]
pub(super) struct Shared {
    /// Number of live [`SharedRef`]s; not read while parked in a pool.
    pub(super) ref_cnt: AtomicUsize,
    /// How the data region is freed.
    pub(super) storage: Storage,
    /// Start of the data region.
    pub(super) buf: NonNull<u8>,
    /// Length of the data region in bytes, `<= isize::MAX`.
    pub(super) cap: usize,
}

/// Where a header's data region lives and how it is freed.
pub(super) enum Storage {
    /// Right after the header, in the header's own allocation.
    Inline,
    /// Inline, and owned by a pool it returns to.
    #[cfg(feature = "std")]
    Pooled(PoolHandle),
    /// A `Vec<u8>` buffer of capacity `cap`; the header is a `Box<Shared>`.
    Vec,
    /// A user value boxed with the header; the function drops the box.
    Owner(unsafe fn(NonNull<Shared>)),
}

/// Size of the header in front of inline data. A multiple of its alignment,
/// so the data starts right after it.
const HEADER: usize = size_of::<Shared>();
const HEADER_ALIGN: usize = align_of::<Shared>();
const _: () = assert!(HEADER.is_multiple_of(HEADER_ALIGN));
/// The largest inline capacity whose layout size stays within `isize::MAX`.
pub(super) const MAX_INLINE_CAP: usize = isize::MAX as usize - HEADER;

/// The layout of an inline block with `cap` data bytes.
///
/// The caller checked `cap <= MAX_INLINE_CAP` (every live block's `cap` is).
#[inline]
fn inline_layout(cap: usize) -> Layout {
    debug_assert!(cap <= MAX_INLINE_CAP);
    // SAFETY: 1. `HEADER + cap <= isize::MAX` because `cap <= MAX_INLINE_CAP`;
    // 2. the alignment of a type is a non-zero power of two. This runs on
    // every allocation and free, so it skips `from_size_align`'s re-checks.
    unsafe { Layout::from_size_align_unchecked(HEADER + cap, HEADER_ALIGN) }
}

/// One counted reference to a [`Shared`] header (invariant 1).
pub(crate) struct SharedRef(NonNull<Shared>);

// SAFETY: the count is atomic, the data region is only written through a
// handle that proves exclusive access (invariants 3, 4, 7), and `Owner` values
// are `Send`, so handles may move and be shared across threads.
unsafe impl Send for SharedRef {}
// SAFETY: see `Send`; `&SharedRef` only reads the header or bumps the count.
unsafe impl Sync for SharedRef {}

impl SharedRef {
    /// Allocates an inline block with `cap` data bytes, zeroed if asked.
    /// Returns the handle, count 1.
    ///
    /// # Panics
    ///
    /// If `cap > MAX_INLINE_CAP`; aborts through `handle_alloc_error` when
    /// the allocator fails.
    #[inline]
    pub(super) fn new_inline(cap: usize, zeroed: bool) -> SharedRef {
        Self::new_block(cap, zeroed, Storage::Inline)
    }

    /// Allocates an inline block whose storage kind is `storage`
    /// (`Inline` or `Pooled`). Panics or aborts as `new_inline`.
    #[inline]
    pub(super) fn new_block(cap: usize, zeroed: bool, storage: Storage) -> SharedRef {
        match Self::try_new_block(cap, zeroed, storage) {
            Ok(block) => block,
            Err(failure) => failure.raise("BytesMut::with_capacity", 0, cap),
        }
    }

    /// Allocates an inline block, reporting failure instead of panicking.
    #[inline]
    pub(super) fn try_new_block(
        cap: usize,
        zeroed: bool,
        storage: Storage,
    ) -> Result<SharedRef, AllocFailure> {
        if cap > MAX_INLINE_CAP {
            return Err(AllocFailure::CapacityOverflow);
        }
        let layout = inline_layout(cap);
        // SAFETY: the layout has a non-zero size (it holds the header).
        let block = unsafe {
            if zeroed {
                alloc::alloc::alloc_zeroed(layout)
            } else {
                alloc(layout)
            }
        };
        let Some(block) = NonNull::new(block) else {
            return Err(AllocFailure::Allocator(layout));
        };
        // SAFETY: 1. the block is `HEADER + cap` bytes, so `block + HEADER` is
        // in bounds or one past the end; 2. the block is aligned for `Shared`.
        unsafe {
            let header = block.cast::<Shared>();
            header.write(Shared {
                ref_cnt: AtomicUsize::new(1),
                storage,
                buf: block.add(HEADER),
                cap,
            });
            Ok(SharedRef(header))
        }
    }

    /// Adopts a `Vec<u8>`'s buffer without copying. Allocates the header.
    /// Returns `None` for a vector with no allocation.
    pub(super) fn from_vec(vec: Vec<u8>) -> Option<(SharedRef, NonNull<u8>, usize)> {
        if vec.capacity() == 0 {
            return None;
        }
        let mut vec = ManuallyDrop::new(vec);
        let len = vec.len();
        let cap = vec.capacity();
        let buf = NonNull::new(vec.as_mut_ptr())?;
        let header = Box::new(Shared {
            ref_cnt: AtomicUsize::new(1),
            storage: Storage::Vec,
            buf,
            cap,
        });
        Some((SharedRef(NonNull::from(Box::leak(header))), buf, len))
    }

    /// Boxes `owner` with a header. The data region is set by `set_owner_region`.
    pub(super) fn from_owner<T: AsRef<[u8]> + Send + 'static>(owner: T) -> SharedRef {
        #[repr(C)]
        struct OwnerBox<T> {
            header: Shared,
            owner: T,
        }
        /// # Safety
        ///
        /// * `header` is the first field of a leaked `Box<OwnerBox<T>>`
        ///   whose last handle is gone.
        unsafe fn drop_owner<T>(header: NonNull<Shared>) {
            // SAFETY: by the contract above, this rebuilds the leaked box.
            drop(unsafe { Box::from_raw(header.cast::<OwnerBox<T>>().as_ptr()) });
        }
        let boxed = Box::new(OwnerBox {
            header: Shared {
                ref_cnt: AtomicUsize::new(1),
                storage: Storage::Owner(drop_owner::<T>),
                buf: NonNull::dangling(),
                cap: 0,
            },
            owner,
        });
        let raw = NonNull::from(Box::leak(boxed));
        // The handle owns the box from here, so a panicking `as_ref` frees it.
        let handle = SharedRef(raw.cast::<Shared>());
        // SAFETY: 1. `raw` is live until `handle` drops; 2. the owner is never
        // moved again, so the slice it returns stays valid while it lives;
        // 3. `as_ref` is called exactly once, before any other handle exists.
        let region: &[u8] = unsafe { (*raw.as_ptr()).owner.as_ref() };
        let (buf, cap) = (NonNull::from(region).cast::<u8>(), region.len());
        // SAFETY: count is 1 (invariant 3) and the region is the owner's slice.
        unsafe {
            (*handle.0.as_ptr()).buf = buf;
            (*handle.0.as_ptr()).cap = cap;
        }
        handle
    }

    /// Start of the data region.
    #[inline]
    pub(super) fn buf(&self) -> NonNull<u8> {
        // SAFETY: the header is live while this handle exists (invariant 1).
        unsafe { (*self.0.as_ptr()).buf }
    }

    /// Length of the data region.
    #[inline]
    pub(super) fn cap(&self) -> usize {
        // SAFETY: the header is live while this handle exists (invariant 1).
        unsafe { (*self.0.as_ptr()).cap }
    }

    #[inline]
    fn ref_cnt(&self) -> &AtomicUsize {
        // SAFETY: the header is live while this handle exists, and the count
        // is only ever accessed atomically.
        unsafe { &(*self.0.as_ptr()).ref_cnt }
    }

    /// Whether this is the only handle. The acquire load pairs with the
    /// release decrement of every other handle that was dropped, so their
    /// reads and writes of the data happen before ours.
    #[inline]
    pub(super) fn is_unique(&self) -> bool {
        self.ref_cnt().load(Ordering::Acquire) == 1
    }

    /// Whether the data region may be written (it is not a user's owner).
    #[inline]
    pub(super) fn is_mutable(&self) -> bool {
        // SAFETY: the header is live; `storage` never changes after creation.
        !matches!(unsafe { &(*self.0.as_ptr()).storage }, Storage::Owner(_))
    }

    /// Whether the storage is a plain inline block that `realloc` may move.
    #[inline]
    fn is_plain_inline(&self) -> bool {
        // SAFETY: the header is live; `storage` never changes after creation.
        matches!(unsafe { &(*self.0.as_ptr()).storage }, Storage::Inline)
    }

    /// Whether both handles own the same header.
    #[inline]
    pub(super) fn same(&self, other: &SharedRef) -> bool {
        self.0 == other.0
    }

    /// Grows a unique, plain inline block to `new_cap` data bytes with
    /// `realloc`, keeping its contents. Returns `Ok(false)` (changing
    /// nothing) when the block is shared or not plain inline, and an error
    /// (the block unchanged) when the allocator refuses.
    pub(super) fn try_grow_in_place(&mut self, new_cap: usize) -> Result<bool, AllocFailure> {
        if !self.is_plain_inline() || !self.is_unique() || new_cap > MAX_INLINE_CAP {
            return Ok(false);
        }
        let old_layout = inline_layout(self.cap());
        let new_layout = inline_layout(new_cap);
        // SAFETY: 1. the block was allocated with `old_layout` by
        // `new_block` (Storage::Inline); 2. the new size is non-zero and
        // within isize::MAX; 3. this handle is the only one (count 1,
        // invariant 3), so nothing else points into the old block.
        let block = unsafe { realloc(self.0.as_ptr().cast::<u8>(), old_layout, new_layout.size()) };
        let Some(block) = NonNull::new(block) else {
            // A failed realloc leaves the old block as it was.
            return Err(AllocFailure::Allocator(new_layout));
        };
        // SAFETY: the header moved with the block, still initialized; the
        // data starts `HEADER` bytes in, within the new block.
        unsafe {
            let header = block.cast::<Shared>();
            (*header.as_ptr()).buf = block.add(HEADER);
            (*header.as_ptr()).cap = new_cap;
            self.0 = header;
        }
        Ok(true)
    }

    /// Takes the `Vec` back out of a unique `Vec` header, freeing the header.
    /// Otherwise hands the handle back.
    pub(super) fn try_into_vec(self) -> Result<Vec<u8>, SharedRef> {
        // SAFETY: the header is live; `storage` never changes after creation.
        let is_vec = matches!(unsafe { &(*self.0.as_ptr()).storage }, Storage::Vec);
        if !is_vec || !self.is_unique() {
            return Err(self);
        }
        let this = ManuallyDrop::new(self);
        // SAFETY: 1. count is 1, so this handle owns header and buffer;
        // 2. a `Vec` header is a leaked `Box<Shared>` (from_vec) whose buffer
        // came from a `Vec<u8>` of capacity `cap`.
        unsafe {
            let header = Box::from_raw(this.0.as_ptr());
            Ok(Vec::from_raw_parts(header.buf.as_ptr(), 0, header.cap))
        }
    }

    /// Wraps a parked pool block in a handle with count 1.
    ///
    /// # Safety
    ///
    /// * `header` is a parked pool block (no handle exists) that the caller took
    ///   out of the free list, so nothing else refers to it.
    #[cfg(feature = "std")]
    pub(super) unsafe fn unpark(header: NonNull<Shared>) -> SharedRef {
        // SAFETY: the caller owns the parked header exclusively.
        unsafe { (*header.as_ptr()).ref_cnt.store(1, Ordering::Relaxed) };
        SharedRef(header)
    }

    /// Frees a header whose last handle is going away, or parks it in its pool.
    ///
    /// # Safety
    ///
    /// * The caller held the last handle to `header` (its count is 0, or 1
    ///   held by that very handle) and nothing else refers to it.
    #[cold]
    unsafe fn release(header: NonNull<Shared>) {
        let p = header.as_ptr();
        // SAFETY: the caller owns the header exclusively (no handle is left).
        match unsafe { &(*p).storage } {
            // SAFETY: an inline block of `cap` data bytes, no handle left.
            Storage::Inline => unsafe { free_block(header) },
            #[cfg(feature = "std")]
            // SAFETY: a pooled inline block with no handle left.
            Storage::Pooled(_) => unsafe { super::pool::give_back(header) },
            Storage::Vec => {
                // SAFETY: a `Vec` header is a leaked `Box<Shared>` whose buffer
                // came from a `Vec<u8>` of capacity `cap`.
                unsafe {
                    let boxed = Box::from_raw(p);
                    drop(Vec::from_raw_parts(boxed.buf.as_ptr(), 0, boxed.cap));
                }
            }
            // SAFETY: `drop_owner::<T>` for the `OwnerBox<T>` this header
            // heads, with no handle left.
            Storage::Owner(drop_owner) => unsafe { drop_owner(header) },
        }
    }
    /// Checks invariants 1 and 2, and the storage kind's own layout, for this
    /// handle's header.
    ///
    /// # Panics
    ///
    /// With a message naming the broken invariant and the numbers, if one is
    /// broken.
    pub(super) fn assert_invariants(&self) {
        let count = self.ref_cnt().load(Ordering::Acquire);
        assert!(
            count >= 1,
            "memkit-bytes invariant 1 (reference count >= 1 while reachable) broken: \
             a reachable header has count {count}"
        );
        let cap = self.cap();
        assert!(
            cap <= isize::MAX as usize,
            "memkit-bytes invariant 2 (cap <= isize::MAX) broken: cap is {cap}"
        );
        let buf = self.buf().as_ptr().addr();
        assert!(
            buf.checked_add(cap).is_some(),
            "memkit-bytes invariant 2 (one region) broken: region {buf:#x} + {cap} \
             wraps around the address space"
        );
        // SAFETY: the header is live while this handle exists (invariant 1),
        // and `storage` never changes after creation.
        let storage = unsafe { &(*self.0.as_ptr()).storage };
        let inline = match storage {
            Storage::Inline => true,
            #[cfg(feature = "std")]
            Storage::Pooled(_) => true,
            Storage::Vec | Storage::Owner(_) => false,
        };
        if inline {
            let expected = self.0.as_ptr().addr() + HEADER;
            assert!(
                buf == expected,
                "memkit-bytes inline storage broken: data region at {buf:#x}, \
                 not right after the header ({expected:#x})"
            );
            assert!(
                cap <= MAX_INLINE_CAP,
                "memkit-bytes inline storage broken: cap {cap} > {MAX_INLINE_CAP}"
            );
        }
    }

    /// Start and length of the data region, as addresses, for the views'
    /// containment checks.
    pub(super) fn region(&self) -> (usize, usize) {
        (self.buf().as_ptr().addr(), self.cap())
    }
}

/// Drops the header of an inline (or pooled) block and frees the block.
///
/// # Safety
///
/// * `header` heads an inline block made by `SharedRef::new_block` and
///   nothing refers to it any more.
#[inline]
pub(super) unsafe fn free_block(header: NonNull<Shared>) {
    // SAFETY: the caller guarantees exclusive ownership of a live block.
    unsafe {
        let layout = inline_layout((*header.as_ptr()).cap);
        ptr::drop_in_place(header.as_ptr());
        dealloc(header.as_ptr().cast::<u8>(), layout);
    }
}

impl SharedRef {
    /// Another handle to this header, as [`clone`](Clone::clone) makes, but
    /// through `&mut`: when this is the only handle (count 1), no other
    /// thread can read or change the count (that takes a handle, and this
    /// one is borrowed exclusively), so the count becomes 2 with a plain
    /// store instead of a locked read-modify-write. Splitting a unique
    /// buffer, the common case, then costs no atomic operation.
    #[inline]
    pub(super) fn share(&mut self) -> SharedRef {
        // Acquire, as in `is_unique`: a count of 1 read here may come from
        // the release decrement of a handle dropped on another thread.
        if self.ref_cnt().load(Ordering::Acquire) == 1 {
            self.ref_cnt().store(2, Ordering::Relaxed);
            return SharedRef(self.0);
        }
        self.clone()
    }
}

impl Clone for SharedRef {
    #[inline]
    fn clone(&self) -> SharedRef {
        // Relaxed is enough: a new handle is made from an existing one, which
        // already keeps the header alive.
        let old = self.ref_cnt().fetch_add(1, Ordering::Relaxed);
        if old > isize::MAX as usize {
            super::abort();
        }
        SharedRef(self.0)
    }
}

impl Drop for SharedRef {
    #[inline]
    fn drop(&mut self) {
        // Fast path for the common unique buffer: a count of 1 is ours alone,
        // and no one can raise it (that takes a handle, and this is the only
        // one), so the storage can go without an atomic read-modify-write.
        // The acquire load orders every earlier handle's release decrement
        // before the free, like the fence below.
        if self.ref_cnt().load(Ordering::Acquire) == 1 {
            if self.is_plain_inline() {
                // SAFETY: this is the last handle (see above) of a plain
                // inline block. Inlined: the common `BytesMut` drop.
                unsafe { free_block(self.0) };
            } else {
                // SAFETY: this is the last handle (see above).
                unsafe { SharedRef::release(self.0) };
            }
            return;
        }
        if self.ref_cnt().fetch_sub(1, Ordering::Release) != 1 {
            return;
        }
        // Pairs with the release decrements of every other handle, so their
        // uses of the buffer happen before it is freed.
        fence(Ordering::Acquire);
        // SAFETY: the count just reached zero: this was the last handle.
        unsafe { SharedRef::release(self.0) }
    }
}
