//! Allocation counts: inserting within capacity never allocates, for `Slab`
//! and `GenSlab`, whether the slot is new or reused; so do removal, lookups,
//! `clear`, `retain` and `drain`.
//!
//! Counts are per thread (`memkit_alloc::measure`), so tests running in
//! parallel do not disturb each other.

use memkit_alloc::{CountingAlloc, measure};
use memkit_slab::{GenSlab, Slab};

const N: usize = if cfg!(miri) { 64 } else { 10_000 };

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// Allocations (including reallocations) made by `f` on this thread.
fn allocs<R>(f: impl FnOnce() -> R) -> (u64, R) {
    let (r, stats) = measure(f);
    (stats.new_memory(), r)
}

#[test]
fn counter_counts() {
    let (n, v) = allocs(|| vec![1u8; 10]);
    assert_eq!(n, 1);
    drop(v);
}

#[test]
fn slab_insert_within_capacity_never_allocates() {
    let mut s = Slab::with_capacity(N);
    let (n, keys) = allocs(|| (0..N).map(|i| s.insert(i)).collect::<Vec<_>>().len());
    // The only allocation is the `Vec` of keys collected above.
    assert!(n <= 1, "{n} allocations");
    assert_eq!(keys, N);
    let (n, ()) = allocs(|| {
        for k in (0..N).step_by(3) {
            s.remove(k);
        }
        for i in 0..N.div_ceil(3) {
            s.insert(i);
        }
        assert!(s.get(5).is_some() && s.contains(1));
        s.retain(|k, _| k % 2 == 0);
        s.reserve(N / 2);
        for i in 0..N / 2 {
            s.insert(i);
        }
        s.drain().for_each(drop);
        for i in 0..N {
            s.vacant_entry().insert(i);
        }
        s.clear();
    });
    assert_eq!(n, 0);
    let mut full = Slab::with_capacity(1);
    full.insert(0);
    let (n, _) = allocs(|| full.insert(1));
    assert_eq!(n, 1, "past capacity, insert grows once");
}

#[test]
fn gen_slab_insert_within_capacity_never_allocates() {
    let mut s = GenSlab::with_capacity(N);
    let mut keys = Vec::with_capacity(N);
    let (n, ()) = allocs(|| {
        for i in 0..N {
            keys.push(s.insert(i));
        }
        for k in keys.iter().step_by(3) {
            s.remove(*k);
        }
        for i in 0..N.div_ceil(3) {
            s.insert(i);
        }
        assert!(s.get(keys[1]).is_some());
        s.retain(|k, _| k.index() % 2 == 0);
        s.reserve(N / 2);
        for i in 0..N / 2 {
            s.insert(i);
        }
        s.drain().for_each(drop);
        for i in 0..N {
            s.insert(i);
        }
        s.clear();
    });
    assert_eq!(n, 0);
}
