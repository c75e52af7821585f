//! A counting global allocator: wraps [`System`] and, while counting is
//! switched on, tallies allocator calls and requested bytes.
//!
//! Counting is switched on per thread, by [`count`], and is off during timed
//! samples: the only cost the timed code pays is one thread-local load and a
//! predictable branch per allocator call. Only calls made on the thread that
//! runs [`count`] are tallied, so other threads (the test harness's, say)
//! cannot pollute a measurement; a future case that allocates on worker
//! threads must count those itself.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// The global allocator of the bench binary (installed in `main.rs`).
#[derive(Debug)]
pub(crate) struct CountingAlloc;

thread_local! {
    /// Whether this thread's allocator calls are being counted right now.
    /// `const`-initialised and without `Drop`, so reading it never allocates.
    static ENABLED: Cell<bool> = const { Cell::new(false) };
}
/// `alloc` and `alloc_zeroed` calls.
static ALLOCS: AtomicU64 = AtomicU64::new(0);
/// `realloc` calls.
static REALLOCS: AtomicU64 = AtomicU64::new(0);
/// Bytes requested by `alloc`, `alloc_zeroed`, and `realloc` (new size).
static BYTES: AtomicU64 = AtomicU64::new(0);

impl CountingAlloc {
    #[inline]
    fn record(counter: &AtomicU64, bytes: usize) {
        if ENABLED.try_with(Cell::get).unwrap_or(false) {
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

/// Runs `f` with counting switched on for this thread and returns what it
/// allocated on this thread.
pub(crate) fn count(f: impl FnOnce()) -> Counts {
    // Other threads never add to the counters while this thread counts…
    // unless they count too: serialise counters across threads.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let before = snapshot();
    ENABLED.set(true);
    f();
    ENABLED.set(false);
    let after = snapshot();
    Counts {
        allocs: after.allocs - before.allocs,
        reallocs: after.reallocs - before.reallocs,
        bytes: after.bytes - before.bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hint::black_box;

    #[test]
    fn counts_only_this_thread() {
        let noise = std::thread::spawn(|| {
            for i in 0..100_000u64 {
                black_box(Box::new(i));
            }
        });
        let c = count(|| {
            for i in 0..10u64 {
                black_box(Box::new(i));
            }
            let mut v: Vec<u8> = Vec::with_capacity(1);
            v.extend_from_slice(&[0; 64]);
            black_box(v);
        });
        noise.join().unwrap();
        assert_eq!(
            c,
            Counts {
                allocs: 11,
                reallocs: 1,
                bytes: 10 * 8 + 1 + 64
            }
        );
    }
}
