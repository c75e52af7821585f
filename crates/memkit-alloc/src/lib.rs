//! Allocation accounting for tests and benchmarks: a counting global
//! allocator with per-thread counters, peaks and regions.
//!
//! Install [`CountingAlloc`] as the global allocator, then measure a block
//! of code with [`measure`] or a [`Region`]:
//!
//! ```
//! use memkit_alloc::{CountingAlloc, Stats, measure};
//!
//! #[global_allocator]
//! static GLOBAL: CountingAlloc = CountingAlloc::system();
//!
//! let (v, stats) = measure(|| vec![0u32; 256]);
//! assert_eq!(stats.allocs, 1);
//! assert_eq!(stats.bytes_allocated, 1024);
//!
//! // Borrowing, slicing and summing allocate nothing.
//! let (sum, stats) = measure(|| v[10..20].iter().sum::<u32>());
//! assert_eq!(sum, 0);
//! assert_eq!(stats, Stats::ZERO);
//! ```
//!
//! # Per-thread attribution
//!
//! The test harness runs tests on parallel threads of one process, so a
//! global count mixes them. Each thread also keeps its own counters, in
//! `const`-initialised thread-local `Cell`s that never allocate and are
//! skipped safely while the thread is being torn down.
//! [`measure`], [`thread_stats`] and [`Region::thread`] read them; only
//! calls made on the calling thread count, not those of threads it spawns.
//!
//! # Modules
//!
//! The one `unsafe impl` (the forwarding `GlobalAlloc`) lives in a private
//! `raw` module, with the invariants it relies on at its top.
#![doc(test(attr(deny(warnings))))]

mod counters;
mod counting_alloc;
mod raw;
mod region;
mod stats;

pub use counting_alloc::CountingAlloc;
pub use region::Region;
pub use stats::Stats;

/// Runs `f` and returns its result with the allocator activity it caused on
/// this thread (a [`Region::thread`] around the call).
///
/// # Panics
///
/// Panics if `f` panics (after the region is closed), and as
/// [`Region::thread`] does while this thread's thread-locals are being
/// destroyed.
///
/// # Examples
///
/// ```
/// use memkit_alloc::{CountingAlloc, measure};
///
/// #[global_allocator]
/// static GLOBAL: CountingAlloc = CountingAlloc::system();
///
/// let (s, stats) = measure(|| String::from("hello"));
/// assert_eq!(stats.allocs, 1);
/// assert_eq!(stats.bytes_allocated, 5);
/// let ((), stats) = measure(|| drop(s));
/// assert_eq!(stats.deallocs, 1);
/// ```
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Stats) {
    let region = Region::thread();
    let r = f();
    let stats = region.stats();
    (r, stats)
}

/// This thread's counters since it started: every call it made through a
/// [`CountingAlloc`] while it counted. The peak is the highest live bytes
/// since the thread started, or since the innermost open [`Region::thread`]
/// opened.
///
/// Outside the thread-locals' lifetime (during thread teardown) this is
/// [`Stats::ZERO`].
///
/// # Examples
///
/// ```
/// use memkit_alloc::{CountingAlloc, thread_stats};
///
/// #[global_allocator]
/// static GLOBAL: CountingAlloc = CountingAlloc::system();
///
/// let before = thread_stats();
/// let b = Box::new(0u128);
/// assert_eq!((thread_stats() - before).bytes_allocated, 16);
/// drop(b);
/// ```
#[must_use]
pub fn thread_stats() -> Stats {
    counters::LOCAL
        .try_with(counters::Local::snapshot)
        .unwrap_or(Stats::ZERO)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
