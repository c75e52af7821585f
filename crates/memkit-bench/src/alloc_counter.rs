//! The bench binary's global allocator, memkit-alloc's [`CountingAlloc`]
//! around `System`, and the allocator activity of one case side.
//!
//! Global counting is off and threads count only while [`count`] runs on
//! them (a [`Region::thread`]). So during timed samples the only cost per
//! allocator call is a relaxed load, one thread-local load and two
//! predictable branches. Only calls made on the thread that runs [`count`]
//! are tallied, so other threads (the test harness's, say) cannot pollute a
//! measurement; a future case that allocates on worker threads must count
//! those itself.

use memkit_alloc::{CountingAlloc, Region};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system()
    .with_global_counting(false)
    .with_thread_counting(false);

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

/// Runs `f` with counting switched on for this thread and returns what it
/// allocated on this thread.
pub(crate) fn count(f: impl FnOnce()) -> Counts {
    let region = Region::thread();
    f();
    let stats = region.stats();
    Counts {
        allocs: stats.allocs,
        reallocs: stats.reallocs,
        bytes: stats.bytes_allocated,
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

    #[test]
    fn nothing_is_counted_outside_count() {
        let before = memkit_alloc::thread_stats();
        black_box(Box::new(1u64));
        assert_eq!(memkit_alloc::thread_stats(), before);
        assert_eq!(GLOBAL.stats(), memkit_alloc::Stats::ZERO);
    }
}
