//! Typed allocation on a [`RawBump`]: a value, a copied slice or `str`, and
//! a slice filled element by element. Each operation allocates fresh room
//! and initialises all of it before handing it out as a reference that
//! borrows the `RawBump`, so no caller ever sees uninitialised memory.
//!
//! `min_align` (a power of two) is the least alignment of the allocation,
//! `Bump`'s `MIN_ALIGN`; callers pass a constant, so it folds away.

use core::alloc::Layout;
use core::convert::Infallible;
use core::marker::PhantomData;
use core::mem;
use core::ptr::{self, NonNull};

use super::RawBump;
use crate::error::{AllocErr, AllocOrInitError};

/// Fresh room for one `T` in a [`RawBump`] borrowed for `'a`: allocated,
/// aligned, not yet initialised, and referred to by nothing else. Dropping
/// it unused leaves the room unused.
pub(crate) struct Slot<'a, T> {
    ptr: NonNull<T>,
    _bump: PhantomData<&'a mut T>,
}

impl<'a, T> Slot<'a, T> {
    /// Moves `value` into the room.
    #[inline(always)]
    pub(crate) fn write(self, value: T) -> &'a mut T {
        // SAFETY: `ptr` is a fresh allocation for one `T` (aligned to at
        // least `align_of::<T>()`, dangling and aligned for a zero-sized `T`,
        // invariant 7) that nothing else refers to, and it stays valid while
        // the `RawBump` is borrowed for `'a` (invariant 8). `self` is
        // consumed, so the room is written and handed out once.
        unsafe {
            self.ptr.write(value);
            &mut *self.ptr.as_ptr()
        }
    }
}

/// Why [`RawBump::alloc_fill`] handed out nothing.
#[derive(Debug)]
pub(crate) enum FillError<E> {
    /// `len` elements exceed `isize::MAX` bytes.
    TooLong,
    /// The arena could not allocate this layout (before `min_align`).
    NoMemory(Layout),
    /// The filler failed; the values made so far were dropped.
    Init(E),
}

/// Drops the initialised prefix of a slice being filled if the filler
/// panics, so no value leaks and none is dropped twice.
struct FillGuard<T> {
    /// Start of the room, valid for writes of the slice's length.
    ptr: NonNull<T>,
    /// How many elements at `ptr` are initialised and owned by the guard.
    done: usize,
}

impl<T> Drop for FillGuard<T> {
    fn drop(&mut self) {
        // SAFETY: exactly the first `done` elements were written, and nothing
        // but the guard owns them: the slice was not handed out yet.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.done)) };
    }
}

#[expect(
    clippy::mut_from_ref,
    reason = "each operation hands out a fresh allocation that no other reference aliases"
)]
impl RawBump {
    /// Allocates `layout` raised to `min_align`, or `None` if the raised
    /// layout overflows or the arena refuses.
    #[inline(always)]
    pub(crate) fn alloc_min(&self, layout: Layout, min_align: usize) -> Option<NonNull<u8>> {
        let layout = if min_align > 1 {
            layout.align_to(min_align).ok()?
        } else {
            layout
        };
        self.alloc(layout)
    }

    /// Reserves room for one `T`, or `None` if the arena refuses.
    #[inline(always)]
    pub(crate) fn slot<T>(&self, min_align: usize) -> Option<Slot<'_, T>> {
        let p = self.alloc_min(Layout::new::<T>(), min_align)?;
        Some(Slot {
            ptr: p.cast::<T>(),
            _bump: PhantomData,
        })
    }

    /// Reserves room for a `T`, then runs `f`; on `Err` gives the room back
    /// if nothing was allocated since.
    #[inline(always)]
    pub(crate) fn alloc_try_with<T, E>(
        &self,
        min_align: usize,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<&mut T, AllocOrInitError<E>> {
        let cp = self.checkpoint();
        let p = self
            .alloc_min(Layout::new::<T>(), min_align)
            .ok_or(AllocErr)?;
        match f() {
            Ok(v) => {
                let p = p.cast::<T>();
                // SAFETY: as in `Slot::write`: a fresh, aligned allocation
                // for one `T`, valid while `self` is borrowed (invariant 8).
                Ok(unsafe {
                    p.write(v);
                    &mut *p.as_ptr()
                })
            }
            Err(e) => {
                // `undo` checks that `p` is still the last allocation.
                self.undo(cp, p, mem::size_of::<T>());
                Err(AllocOrInitError::Init(e))
            }
        }
    }

    /// Copies `src` into fresh room, or `None` if the arena refuses.
    #[inline(always)]
    pub(crate) fn alloc_copy<T: Copy>(&self, min_align: usize, src: &[T]) -> Option<&mut [T]> {
        let p = self
            .alloc_min(Layout::for_value(src), min_align)?
            .cast::<T>();
        // SAFETY: `p` is a fresh allocation for `src.len()` `T`s, aligned,
        // so disjoint from `src`, and valid while `self` is borrowed
        // (invariant 8); after the copy all `src.len()` elements are
        // initialised, and `T: Copy` makes a bitwise copy a copy.
        unsafe {
            ptr::copy_nonoverlapping(src.as_ptr(), p.as_ptr(), src.len());
            Some(core::slice::from_raw_parts_mut(p.as_ptr(), src.len()))
        }
    }

    /// Copies `src` into fresh room, or `None` if the arena refuses.
    #[inline(always)]
    pub(crate) fn alloc_str(&self, min_align: usize, src: &str) -> Option<&mut str> {
        let bytes = self.alloc_copy(min_align, src.as_bytes())?;
        // SAFETY: the bytes are a copy of a `str`'s, so UTF-8.
        Some(unsafe { core::str::from_utf8_unchecked_mut(bytes) })
    }

    /// Allocates `len` values made by `f(index)`, in index order, stopping at
    /// the first error. On error or panic the values made so far are
    /// dropped; on error the room is also given back if nothing was
    /// allocated since.
    #[inline(always)]
    pub(crate) fn alloc_fill<T, E>(
        &self,
        min_align: usize,
        len: usize,
        mut f: impl FnMut(usize) -> Result<T, E>,
    ) -> Result<&mut [T], FillError<E>> {
        let layout = Layout::array::<T>(len).map_err(|_| FillError::TooLong)?;
        let cp = self.checkpoint();
        let p = self
            .alloc_min(layout, min_align)
            .ok_or(FillError::NoMemory(layout))?;
        let mut guard = FillGuard {
            ptr: p.cast::<T>(),
            done: 0,
        };
        while guard.done < len {
            match f(guard.done) {
                // SAFETY: `done < len`, so the slot is inside the fresh
                // allocation for `len` `T`s, and not written yet.
                Ok(value) => unsafe { guard.ptr.add(guard.done).write(value) },
                Err(e) => {
                    drop(guard);
                    self.undo(cp, p, layout.size());
                    return Err(FillError::Init(e));
                }
            }
            guard.done += 1;
        }
        let guard = mem::ManuallyDrop::new(guard);
        // SAFETY: all `len` elements are initialised and the guard gave up
        // owning them; the allocation is fresh and valid while `self` is
        // borrowed (invariant 8).
        Ok(unsafe { core::slice::from_raw_parts_mut(guard.ptr.as_ptr(), len) })
    }

    /// [`alloc_fill`](RawBump::alloc_fill) with a filler that cannot fail.
    #[inline(always)]
    pub(crate) fn alloc_fill_with<T>(
        &self,
        min_align: usize,
        len: usize,
        mut f: impl FnMut(usize) -> T,
    ) -> Result<&mut [T], FillError<Infallible>> {
        self.alloc_fill(min_align, len, |i| Ok(f(i)))
    }
}
