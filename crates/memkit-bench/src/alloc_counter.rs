//! A counting global allocator: wraps [`System`] and, while counting is
//! switched on, tallies allocator calls and requested bytes.
//!
//! Counting is off during timed samples: the only cost the timed code pays
//! is one relaxed load and a predictable branch per allocator call. The
//! counters are process-wide; the bench is single-threaded, so every call
//! counted between [`count`]'s two snapshots comes from the measured closure.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

/// The global allocator of the bench binary (installed in `main.rs`).
#[derive(Debug)]
pub(crate) struct CountingAlloc;

/// Whether allocator calls are being counted right now.
static ENABLED: AtomicBool = AtomicBool::new(false);
/// `alloc` and `alloc_zeroed` calls.
static ALLOCS: AtomicU64 = AtomicU64::new(0);
/// `realloc` calls.
static REALLOCS: AtomicU64 = AtomicU64::new(0);
/// Bytes requested by `alloc`, `alloc_zeroed`, and `realloc` (new size).
static BYTES: AtomicU64 = AtomicU64::new(0);

impl CountingAlloc {
    #[inline]
    fn record(counter: &AtomicU64, bytes: usize) {
        if ENABLED.load(Relaxed) {
            counter.fetch_add(1, Relaxed);
            BYTES.fetch_add(bytes as u64, Relaxed);
        }
    }
}

// SAFETY: every method forwards its arguments unchanged to `System`, which
// implements `GlobalAlloc` soundly, and returns `System`'s result unchanged.
// The bookkeeping touches only atomics and never allocates, so it cannot
// re-enter the allocator.
unsafe impl GlobalAlloc for CountingAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::record(&ALLOCS, layout.size());
        // SAFETY: our caller upholds `GlobalAlloc::alloc`'s contract for
        // `layout` (non-zero size); we pass it on unchanged.
        unsafe { System.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::record(&ALLOCS, layout.size());
        // SAFETY: as in `alloc`: the caller's contract is passed on unchanged.
        unsafe { System.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was returned by this allocator, hence by `System`,
        // with this `layout` (caller's contract), so `System` may free it.
        unsafe { System.dealloc(ptr, layout) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::record(&REALLOCS, new_size);
        // SAFETY: 1. `ptr` came from `System` with `layout` (every block of
        // this allocator does); 2. `new_size` is valid for `layout`'s
        // alignment (caller's contract), passed on unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocator activity observed during one [`count`] call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// `alloc` + `alloc_zeroed` calls.
    pub(crate) allocs: u64,
    /// `realloc` calls.
    pub(crate) reallocs: u64,
    /// Bytes requested (for `realloc`, the new size).
    pub(crate) bytes: u64,
}

fn snapshot() -> Counts {
    Counts {
        allocs: ALLOCS.load(Relaxed),
        reallocs: REALLOCS.load(Relaxed),
        bytes: BYTES.load(Relaxed),
    }
}

/// Runs `f` with counting switched on and returns what it allocated.
pub(crate) fn count(f: impl FnOnce()) -> Counts {
    let before = snapshot();
    ENABLED.store(true, Relaxed);
    f();
    ENABLED.store(false, Relaxed);
    let after = snapshot();
    Counts {
        allocs: after.allocs - before.allocs,
        reallocs: after.reallocs - before.reallocs,
        bytes: after.bytes - before.bytes,
    }
}
