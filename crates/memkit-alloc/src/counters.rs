//! The counters behind the accounting: one set of atomics per
//! [`CountingAlloc`](crate::CountingAlloc), and one set of `Cell`s per thread.
//!
//! Invariants:
//! * Nothing here allocates, blocks or panics: the allocator calls it on
//!   every allocation, possibly while thread-locals are being torn down.
//! * `live = bytes_allocated - bytes_freed` is kept as its own signed counter
//!   so that the peak can be updated from the value one operation produced.
//!   It is signed because a thread may free bytes that another thread (or
//!   this thread before counting started) allocated.
//! * `peak >= live` at every moment, except transiently between the two
//!   relaxed operations of one update on another thread.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering::Relaxed};

use crate::Stats;

/// Converts a byte count to the counters' width. `usize` is at most 64 bits
/// on every supported target, so this never saturates there.
#[inline]
fn wide(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

/// A signed view of a byte count (sizes never exceed `isize::MAX`).
#[inline]
fn signed(bytes: usize) -> i64 {
    i64::try_from(bytes).unwrap_or(i64::MAX)
}

/// Counters shared by every thread: relaxed atomics.
#[derive(Debug)]
pub(crate) struct Global {
    /// Whether the counters below are updated at all.
    pub(crate) enabled: AtomicBool,
    allocs: AtomicU64,
    deallocs: AtomicU64,
    reallocs: AtomicU64,
    bytes_allocated: AtomicU64,
    bytes_freed: AtomicU64,
    /// `bytes_allocated - bytes_freed`, signed.
    pub(crate) live: AtomicI64,
    /// The highest `live` since the last reset.
    pub(crate) peak: AtomicI64,
}

impl Global {
    pub(crate) const fn new(enabled: bool) -> Self {
        Self {
            enabled: AtomicBool::new(enabled),
            allocs: AtomicU64::new(0),
            deallocs: AtomicU64::new(0),
            reallocs: AtomicU64::new(0),
            bytes_allocated: AtomicU64::new(0),
            bytes_freed: AtomicU64::new(0),
            live: AtomicI64::new(0),
            peak: AtomicI64::new(0),
        }
    }

    #[inline]
    pub(crate) fn on_alloc(&self, size: usize) {
        if self.enabled.load(Relaxed) {
            self.allocs.fetch_add(1, Relaxed);
            self.bytes_allocated.fetch_add(wide(size), Relaxed);
            self.grow(signed(size));
        }
    }

    #[inline]
    pub(crate) fn on_dealloc(&self, size: usize) {
        if self.enabled.load(Relaxed) {
            self.deallocs.fetch_add(1, Relaxed);
            self.bytes_freed.fetch_add(wide(size), Relaxed);
            self.live.fetch_sub(signed(size), Relaxed);
        }
    }

    #[inline]
    pub(crate) fn on_realloc(&self, old_size: usize, new_size: usize) {
        if self.enabled.load(Relaxed) {
            self.reallocs.fetch_add(1, Relaxed);
            self.bytes_allocated.fetch_add(wide(new_size), Relaxed);
            self.bytes_freed.fetch_add(wide(old_size), Relaxed);
            self.grow(signed(new_size) - signed(old_size));
        }
    }

    #[inline]
    fn grow(&self, by: i64) {
        let live = self.live.fetch_add(by, Relaxed).wrapping_add(by);
        if by > 0 {
            self.peak.fetch_max(live, Relaxed);
        }
    }

    pub(crate) fn snapshot(&self) -> Stats {
        Stats {
            allocs: self.allocs.load(Relaxed),
            deallocs: self.deallocs.load(Relaxed),
            reallocs: self.reallocs.load(Relaxed),
            bytes_allocated: self.bytes_allocated.load(Relaxed),
            bytes_freed: self.bytes_freed.load(Relaxed),
            peak_live_bytes: non_negative(self.peak.load(Relaxed)),
        }
    }
}

/// A peak as an unsigned count; a negative peak (only frees seen) is 0.
pub(crate) fn non_negative(peak: i64) -> u64 {
    u64::try_from(peak).unwrap_or(0)
}

/// Whether a thread's calls are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// As the allocator's `with_thread_counting` says.
    Default,
    /// Counted, whatever the allocator's default (a thread [`Region`] is open).
    ///
    /// [`Region`]: crate::Region
    On,
}

/// One thread's counters. `const`-initialised and without `Drop`, so the
/// thread-local holding it never allocates and never registers a destructor.
#[derive(Debug)]
pub(crate) struct Local {
    pub(crate) mode: Cell<Mode>,
    /// Thread regions open on this thread.
    pub(crate) depth: Cell<u32>,
    allocs: Cell<u64>,
    deallocs: Cell<u64>,
    reallocs: Cell<u64>,
    bytes_allocated: Cell<u64>,
    bytes_freed: Cell<u64>,
    pub(crate) live: Cell<i64>,
    pub(crate) peak: Cell<i64>,
}

impl Local {
    const fn new() -> Self {
        Self {
            mode: Cell::new(Mode::Default),
            depth: Cell::new(0),
            allocs: Cell::new(0),
            deallocs: Cell::new(0),
            reallocs: Cell::new(0),
            bytes_allocated: Cell::new(0),
            bytes_freed: Cell::new(0),
            live: Cell::new(0),
            peak: Cell::new(0),
        }
    }

    #[inline]
    fn counting(&self, default: bool) -> bool {
        match self.mode.get() {
            Mode::Default => default,
            Mode::On => true,
        }
    }

    #[inline]
    fn add(cell: &Cell<u64>, n: u64) {
        cell.set(cell.get().wrapping_add(n));
    }

    #[inline]
    fn grow(&self, by: i64) {
        let live = self.live.get().wrapping_add(by);
        self.live.set(live);
        if live > self.peak.get() {
            self.peak.set(live);
        }
    }

    pub(crate) fn snapshot(&self) -> Stats {
        Stats {
            allocs: self.allocs.get(),
            deallocs: self.deallocs.get(),
            reallocs: self.reallocs.get(),
            bytes_allocated: self.bytes_allocated.get(),
            bytes_freed: self.bytes_freed.get(),
            peak_live_bytes: non_negative(self.peak.get()),
        }
    }
}

thread_local! {
    pub(crate) static LOCAL: Local = const { Local::new() };
}

/// Records an `alloc`/`alloc_zeroed` of `size` bytes on this thread, if it
/// counts. Silently skipped while the thread-local is torn down.
#[inline]
pub(crate) fn local_alloc(default: bool, size: usize) {
    let _ = LOCAL.try_with(|l| {
        if l.counting(default) {
            Local::add(&l.allocs, 1);
            Local::add(&l.bytes_allocated, wide(size));
            l.grow(signed(size));
        }
    });
}

/// Records a `dealloc` of `size` bytes on this thread, if it counts.
#[inline]
pub(crate) fn local_dealloc(default: bool, size: usize) {
    let _ = LOCAL.try_with(|l| {
        if l.counting(default) {
            Local::add(&l.deallocs, 1);
            Local::add(&l.bytes_freed, wide(size));
            l.live.set(l.live.get().wrapping_sub(signed(size)));
        }
    });
}

/// Records a `realloc` from `old_size` to `new_size` bytes on this thread.
#[inline]
pub(crate) fn local_realloc(default: bool, old_size: usize, new_size: usize) {
    let _ = LOCAL.try_with(|l| {
        if l.counting(default) {
            Local::add(&l.reallocs, 1);
            Local::add(&l.bytes_allocated, wide(new_size));
            Local::add(&l.bytes_freed, wide(old_size));
            l.grow(signed(new_size) - signed(old_size));
        }
    });
}
