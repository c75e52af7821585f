//! Differential property test: random sequences of allocations, zeroed
//! allocations, in-place or moving `realloc`s (grow and shrink) and frees
//! run with memkit-alloc's `CountingAlloc` stacked over `stats_alloc`'s
//! `StatsAlloc` (the peer), and a model that adds up the sizes itself.
//! After every step, memkit's thread region and global region must equal
//! the model, and the peer's counts must agree with both.
//!
//! This binary holds this one test, so no other test thread allocates while
//! it runs and the global counters (memkit's and the peer's) see only it.

use std::alloc::System;
use std::fmt::Debug;

use memkit_alloc::{CountingAlloc, Region, Stats};
use memkit_testkit::config;
use proptest::prelude::*;
use stats_alloc::StatsAlloc;

#[global_allocator]
static GLOBAL: CountingAlloc<StatsAlloc<System>> = CountingAlloc::new(StatsAlloc::system());

/// Longest operation sequence.
const MAX_OPS: usize = if cfg!(miri) { 16 } else { 200 };
/// Largest block, or growth, in bytes.
const MAX_SIZE: usize = if cfg!(miri) { 64 } else { 4096 };

#[derive(Debug, Clone)]
enum Op {
    Alloc(usize),
    Zeroed(usize),
    /// Grow block `.0 % len` by `.1` bytes.
    Grow(usize, usize),
    /// Shrink block `.0 % len` to a size picked by `.1`.
    Shrink(usize, usize),
    Free(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let size = 1..=MAX_SIZE;
    prop_oneof![
        size.clone().prop_map(Op::Alloc),
        size.clone().prop_map(Op::Zeroed),
        (any::<usize>(), size.clone()).prop_map(|(i, n)| Op::Grow(i, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, n)| Op::Shrink(i, n)),
        any::<usize>().prop_map(Op::Free),
    ]
}

/// What the counters must say, computed from the requested sizes alone.
#[derive(Debug, Default)]
struct Model {
    stats: Stats,
    live: u64,
}

impl Model {
    fn alloc(&mut self, size: usize) {
        self.stats.allocs += 1;
        self.stats.bytes_allocated += size as u64;
        self.live += size as u64;
        self.stats.peak_live_bytes = self.stats.peak_live_bytes.max(self.live);
    }

    fn realloc(&mut self, old: usize, new: usize) {
        self.stats.reallocs += 1;
        self.stats.bytes_allocated += new as u64;
        self.stats.bytes_freed += old as u64;
        self.live = self.live + new as u64 - old as u64;
        self.stats.peak_live_bytes = self.stats.peak_live_bytes.max(self.live);
    }

    fn dealloc(&mut self, size: usize) {
        self.stats.deallocs += 1;
        self.stats.bytes_freed += size as u64;
        self.live -= size as u64;
    }
}

/// Checks memkit's regions against the model, and the peer's change since
/// `peer_start` against both.
fn check(
    model: &Model,
    thread: &Region<'_>,
    global: &Region<'_>,
    peer_start: stats_alloc::Stats,
    step: &dyn Debug,
) -> Result<(), TestCaseError> {
    let memkit = thread.stats();
    prop_assert_eq!(memkit, model.stats, "thread region after {:?}", step);
    prop_assert_eq!(
        global.stats(),
        model.stats,
        "global region after {:?}",
        step
    );
    prop_assert_eq!(memkit.live_bytes(), model.live as i64);
    let peer = GLOBAL.inner().stats() - peer_start;
    prop_assert_eq!(
        peer.allocations as u64,
        memkit.allocs,
        "peer allocs after {:?}",
        step
    );
    prop_assert_eq!(peer.deallocations as u64, memkit.deallocs);
    prop_assert_eq!(peer.reallocations as u64, memkit.reallocs);
    prop_assert_eq!(
        peer.bytes_allocated as i64 - peer.bytes_deallocated as i64,
        memkit.live_bytes(),
        "peer live bytes after {:?}",
        step
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn counts_agree_with_stats_alloc_and_model(ops in prop::collection::vec(op(), 1..MAX_OPS)) {
        // Every vector the steps touch is allocated before measuring starts.
        let mut blocks: Vec<Vec<u8>> = Vec::with_capacity(ops.len());
        let mut model = Model::default();
        let peer_start = GLOBAL.inner().stats();
        let global = Region::global(&GLOBAL);
        let thread = Region::thread();
        for op in &ops {
            match *op {
                Op::Alloc(n) => {
                    blocks.push(Vec::with_capacity(n));
                    model.alloc(n);
                }
                Op::Zeroed(n) => {
                    let mut v = vec![0u8; n];
                    v.clear();
                    blocks.push(v);
                    model.alloc(n);
                }
                Op::Grow(i, extra) if !blocks.is_empty() => {
                    let len = blocks.len();
                    let v = &mut blocks[i % len];
                    let old = v.capacity();
                    v.reserve_exact(old + extra);
                    prop_assert_eq!(v.capacity(), old + extra);
                    model.realloc(old, old + extra);
                }
                Op::Shrink(i, pick) if !blocks.is_empty() => {
                    let len = blocks.len();
                    let v = &mut blocks[i % len];
                    let old = v.capacity();
                    if old > 1 {
                        let new = 1 + pick % (old - 1);
                        v.shrink_to(new);
                        prop_assert_eq!(v.capacity(), new);
                        model.realloc(old, new);
                    }
                }
                Op::Free(i) if !blocks.is_empty() => {
                    let v = blocks.swap_remove(i % blocks.len());
                    model.dealloc(v.capacity());
                    drop(v);
                }
                Op::Grow(..) | Op::Shrink(..) | Op::Free(_) => {}
            }
            check(&model, &thread, &global, peer_start, op)?;
        }
        for v in blocks.drain(..) {
            model.dealloc(v.capacity());
        }
        check(&model, &thread, &global, peer_start, &"freeing every block")?;
        prop_assert_eq!(thread.stats().live_bytes(), 0);
    }
}
