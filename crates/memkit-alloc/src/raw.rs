//! The one piece of unsafe code: [`CountingAlloc`]'s `GlobalAlloc` impl.
//!
//! Invariants:
//! * Every call is forwarded to the inner allocator with its arguments
//!   unchanged, and the inner allocator's result is returned unchanged. So
//!   every block handed out came from the inner allocator with the layout
//!   the caller gave, and the caller's obligations carry over one to one.
//! * The bookkeeping (the `counters` module) runs after the forwarded call,
//!   only touches atomics and `const`-initialised thread-local `Cell`s, and
//!   never allocates, panics or blocks, so it cannot re-enter the allocator.
//! * A call whose inner result is null (an allocation failure) is not
//!   counted: no block was handed out or, for `realloc`, the old block is
//!   still the caller's.

use std::alloc::{GlobalAlloc, Layout};

use crate::CountingAlloc;
use crate::counters::{local_alloc, local_dealloc, local_realloc};

// SAFETY: every method forwards its arguments unchanged to `self.inner`, a
// `GlobalAlloc`, and returns its result unchanged (module invariants), so
// this allocator upholds exactly the contract `self.inner` upholds.
unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAlloc<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract for
        // `layout` (non-zero size), passed on unchanged.
        let ptr = unsafe { self.inner.alloc(layout) };
        if !ptr.is_null() {
            self.record_alloc(layout.size());
        }
        ptr
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`: the caller's contract is passed on unchanged.
        let ptr = unsafe { self.inner.alloc_zeroed(layout) };
        if !ptr.is_null() {
            self.record_alloc(layout.size());
        }
        ptr
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was returned by this allocator with `layout`
        // (caller's contract), hence by `self.inner` with `layout`
        // (module invariants), so `self.inner` may free it.
        unsafe { self.inner.dealloc(ptr, layout) };
        self.record_dealloc(layout.size());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: 1. `ptr` came from `self.inner` with `layout` (as in
        // `dealloc`); 2. `new_size` is non-zero and valid for `layout`'s
        // alignment (caller's contract), passed on unchanged.
        let new = unsafe { self.inner.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            self.record_realloc(layout.size(), new_size);
        }
        new
    }
}

impl<A> CountingAlloc<A> {
    #[inline]
    fn record_alloc(&self, size: usize) {
        local_alloc(self.thread_default, size);
        self.global.on_alloc(size);
    }

    #[inline]
    fn record_dealloc(&self, size: usize) {
        local_dealloc(self.thread_default, size);
        self.global.on_dealloc(size);
    }

    #[inline]
    fn record_realloc(&self, old_size: usize, new_size: usize) {
        local_realloc(self.thread_default, old_size, new_size);
        self.global.on_realloc(old_size, new_size);
    }
}
