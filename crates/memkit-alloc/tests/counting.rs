//! The counters, checked through the real global allocator of this test
//! binary: exact per-thread counts while other threads allocate, peaks of
//! nested regions, failed calls, and calls during thread teardown.

use std::cell::RefCell;
use std::hint::black_box;
use std::panic::{AssertUnwindSafe, catch_unwind};

use memkit_alloc::{CountingAlloc, Region, Stats, measure, thread_stats};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// Allocations per noisy thread; small under Miri.
const NOISE: u64 = if cfg!(miri) { 100 } else { 100_000 };

#[test]
fn alloc_zeroed_realloc_and_dealloc_are_counted_with_their_sizes() {
    let ((), stats) = measure(|| {
        let zeroed = black_box(vec![0u8; 100]); // alloc_zeroed
        let mut grown: Vec<u8> = Vec::with_capacity(10);
        grown.extend_from_slice(&[1; 40]); // realloc 10 -> 40
        black_box(&grown);
        drop((zeroed, grown));
    });
    assert_eq!(
        stats,
        Stats {
            allocs: 2,
            deallocs: 2,
            reallocs: 1,
            bytes_allocated: 100 + 10 + 40,
            bytes_freed: 100 + 10 + 40,
            peak_live_bytes: 140,
        }
    );
    assert_eq!(stats.live_bytes(), 0);
    assert_eq!(stats.live_blocks(), 0);
    assert_eq!(stats.new_memory(), 3);
}

#[test]
fn only_the_calling_thread_is_counted() {
    let noise: Vec<_> = (0..2)
        .map(|_| {
            std::thread::spawn(|| {
                for i in 0..NOISE {
                    black_box(Box::new(i));
                }
            })
        })
        .collect();
    for _ in 0..if cfg!(miri) { 3 } else { 50 } {
        let ((), stats) = measure(|| {
            for i in 0..10u64 {
                black_box(Box::new(i));
            }
            let mut v: Vec<u8> = Vec::with_capacity(1);
            v.extend_from_slice(&[0; 64]);
            black_box(v);
        });
        assert_eq!(
            stats,
            Stats {
                allocs: 11,
                deallocs: 11,
                reallocs: 1,
                bytes_allocated: 10 * 8 + 1 + 64,
                bytes_freed: 10 * 8 + 1 + 64,
                peak_live_bytes: 64,
            }
        );
    }
    for t in noise {
        t.join().unwrap();
    }
}

#[test]
fn a_region_that_frees_older_memory_has_negative_live_bytes_and_zero_peak() {
    let old = vec![0u8; 300];
    let ((), stats) = measure(|| drop(old));
    assert_eq!(stats.deallocs, 1);
    assert_eq!(stats.bytes_freed, 300);
    assert_eq!(stats.live_bytes(), -300);
    assert_eq!(stats.live_blocks(), -1);
    assert_eq!(stats.peak_live_bytes, 0);
}

#[test]
fn peak_is_measured_from_the_region_start() {
    // A high peak before the region must not show in it.
    drop(black_box(vec![0u8; 1 << 16]));
    let region = Region::thread();
    let a = black_box(vec![0u8; 1000]);
    drop(a);
    let b = black_box(vec![0u8; 600]);
    let c = black_box(vec![0u8; 300]);
    let stats = region.stats();
    assert_eq!(stats.peak_live_bytes, 1000);
    assert_eq!(stats.live_bytes(), 900);
    drop((b, c));
}

#[test]
fn nested_regions_each_see_their_own_peak_and_the_outer_keeps_the_inner_one() {
    let outer = Region::thread();
    let kept = black_box(vec![0u8; 100]);
    let inner_peak = {
        let inner = Region::thread();
        drop(black_box(vec![0u8; 500]));
        let deeper = Region::thread();
        drop(black_box(vec![0u8; 50]));
        assert_eq!(deeper.stats().peak_live_bytes, 50);
        drop(deeper);
        inner.stats().peak_live_bytes
    };
    assert_eq!(
        inner_peak, 500,
        "the inner region starts from its own live bytes"
    );
    let stats = outer.stats();
    assert_eq!(
        stats.peak_live_bytes, 600,
        "100 kept + 500 in the inner region"
    );
    assert_eq!(stats.allocs, 3);
    drop(kept);
}

#[test]
fn restart_measures_from_now_and_keeps_the_peak_for_enclosing_regions() {
    let outer = Region::thread();
    let mut region = Region::thread();
    drop(black_box(vec![0u8; 700]));
    region.restart();
    assert_eq!(region.stats(), Stats::ZERO);
    drop(black_box(vec![0u8; 20]));
    assert_eq!(region.stats().peak_live_bytes, 20);
    drop(region);
    assert_eq!(outer.stats().peak_live_bytes, 700);
}

#[test]
fn reading_an_outer_region_while_an_inner_one_is_open_panics() {
    let outer = Region::thread();
    let inner = Region::thread();
    let err = catch_unwind(AssertUnwindSafe(|| outer.stats())).unwrap_err();
    let msg = err.downcast_ref::<String>().unwrap();
    assert_eq!(
        msg,
        "Region::stats: this region is at nesting level 1 but 2 thread regions are open"
    );
    drop(inner);
    let stats = outer.stats();
    assert!(
        stats.allocs > 0,
        "the panic allocated its message: {stats:?}"
    );
}

#[test]
#[cfg_attr(
    miri,
    ignore = "Miri stops at an allocation it cannot satisfy instead of returning null"
)]
fn failed_allocations_are_not_counted() {
    let ((), stats) = measure(|| {
        let huge = isize::MAX as usize - 4096;
        assert!(Vec::<u8>::new().try_reserve_exact(huge).is_err());
        let mut small = vec![1u8; 8];
        assert!(small.try_reserve_exact(huge).is_err()); // a refused realloc
        assert_eq!(small, [1; 8]);
    });
    assert_eq!(
        stats,
        Stats {
            allocs: 1,
            deallocs: 1,
            reallocs: 0,
            bytes_allocated: 8,
            bytes_freed: 8,
            peak_live_bytes: 8,
        }
    );
}

#[test]
fn thread_stats_and_delta_agree_with_a_region() {
    let before = thread_stats();
    let region = Region::thread();
    let v = black_box(vec![7u16; 64]);
    let from_region = region.stats();
    let from_snapshots = thread_stats() - before;
    assert_eq!(from_snapshots.allocs, from_region.allocs);
    assert_eq!(from_snapshots.bytes_allocated, 128);
    assert_eq!(from_region.bytes_allocated, 128);
    assert!(from_snapshots.peak_live_bytes >= from_region.peak_live_bytes);
    drop(v);
}

/// Other tests allocate and free at the same time, so only lower bounds
/// hold here (the global peak is checked in the single-threaded doctests).
#[test]
fn global_region_sees_other_threads() {
    let region = GLOBAL.region();
    let worker = std::thread::spawn(|| black_box(vec![0u8; 5000]));
    let v = worker.join().unwrap();
    let stats = region.stats();
    assert!(stats.allocs >= 1);
    assert!(stats.bytes_allocated >= 5000);
    assert!(GLOBAL.stats().allocs >= stats.allocs);
    drop(v);
}

struct AllocatesOnDrop;

impl Drop for AllocatesOnDrop {
    fn drop(&mut self) {
        // Runs while this thread's locals are torn down: the counters may
        // already be gone, and the allocator must skip them quietly.
        black_box(vec![0u8; 32]);
        if let Ok(region) = Region::try_thread() {
            drop(black_box(Box::new(1u8)));
            assert_eq!(region.stats().allocs, 1);
        }
    }
}

thread_local! {
    static ON_EXIT: RefCell<Option<AllocatesOnDrop>> = const { RefCell::new(None) };
}

#[test]
fn allocating_during_thread_teardown_is_safe() {
    std::thread::spawn(|| {
        ON_EXIT.with(|slot| *slot.borrow_mut() = Some(AllocatesOnDrop));
        let ((), stats) = measure(|| black_box(vec![1u8; 3]).clear());
        assert_eq!(stats.allocs, 1);
    })
    .join()
    .unwrap();
}
