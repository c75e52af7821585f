//! Allocation-count tests: memkit-alloc's counting global allocator proves
//! that the keep-all reset and scopes stop allocating after warm-up.
//!
//! Counts are per thread (`memkit_alloc::thread_stats`), so tests running in
//! parallel do not disturb each other.

use memkit_alloc::{CountingAlloc, thread_stats};
use memkit_arena::Bump;

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// Allocations (including reallocations) this thread has made so far.
fn allocs() -> u64 {
    thread_stats().new_memory()
}

/// Phase peaks that vary, with the largest first so warm-up is one phase.
fn peaks() -> Vec<usize> {
    let scale = if cfg!(miri) { 20 } else { 1000 };
    [50usize, 3, 17, 50, 1, 33, 49, 8]
        .iter()
        .map(|p| p * scale)
        .collect()
}

#[test]
fn keep_all_reset_phase_loop_allocates_nothing_after_warm_up() {
    let peaks = peaks();
    let mut bump = Bump::new();
    let mut first = true;
    for _round in 0..3 {
        for &peak in &peaks {
            let before = allocs();
            for i in 0..peak {
                bump.alloc(i as u64);
            }
            let mut v = memkit_arena::collections::Vec::new_in(&bump);
            v.extend(0..peak / 4);
            drop(v);
            let made = allocs() - before;
            if !first {
                assert_eq!(made, 0, "phase of peak {peak} allocated {made} times");
            }
            first = false;
            bump.reset_keep_chunks();
        }
    }
}

/// The comparison point: the same phase loop over bumpalo, with its
/// `reset`, which keeps only the newest chunk. Under Miri the peaks are
/// scaled down and fit bumpalo's first chunks, so this runs natively only.
#[test]
#[cfg_attr(miri, ignore = "scaled-down peaks do not outgrow one chunk")]
fn bumpalo_reset_allocates_again_in_the_same_loop() {
    let peaks = peaks();
    let mut bump = bumpalo::Bump::new();
    let mut first = true;
    let mut after_warm_up = 0;
    for _round in 0..3 {
        for &peak in &peaks {
            let before = allocs();
            for i in 0..peak {
                bump.alloc(i as u64);
            }
            let mut v = bumpalo::collections::Vec::new_in(&bump);
            v.extend(0..peak / 4);
            drop(v);
            if !first {
                after_warm_up += allocs() - before;
            }
            first = false;
            bump.reset();
        }
    }
    assert!(
        after_warm_up > 0,
        "bumpalo made no allocation after warm-up"
    );
    println!("bumpalo: {after_warm_up} allocations after warm-up (memkit: 0)");
}

#[test]
fn scope_loop_allocates_nothing_after_warm_up() {
    let peaks = peaks();
    let mut bump = Bump::new();
    let mut first = true;
    for &peak in peaks.iter().chain(&peaks) {
        let before = allocs();
        bump.scope(|s| {
            for i in 0..peak {
                s.alloc(i as u32);
            }
            s.scope(|t| {
                t.alloc_slice_fill_copy(peak, 0u8);
            });
        });
        let made = allocs() - before;
        if !first {
            assert_eq!(made, 0, "scope of peak {peak} allocated {made} times");
        }
        first = false;
    }
}

#[test]
fn zero_sized_values_allocate_nothing() {
    let bump = Bump::new();
    let before = allocs();
    for _ in 0..100 {
        bump.alloc(());
        bump.alloc_slice_fill_with(10, |_| ());
    }
    assert_eq!(allocs() - before, 0);
}
