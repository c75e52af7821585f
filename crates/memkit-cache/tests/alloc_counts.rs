//! Heap bytes per entry and allocations once full, counted by
//! memkit-alloc's `CountingAlloc` in this test binary of its own. Its
//! counters are per thread, so the test harness's other threads do not
//! show up.

use std::num::NonZeroUsize;

use memkit_alloc::{CountingAlloc, Region};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// Live heap bytes of this thread since `region` opened.
fn live_bytes(region: &Region<'_>) -> usize {
    usize::try_from(region.stats().live_bytes()).expect("more bytes freed than allocated")
}

/// Allocations (`alloc` and `realloc`) of this thread since `region` opened.
fn allocations(region: &Region<'_>) -> u64 {
    region.stats().new_memory()
}

/// Heap bytes per entry of a full `u64 → u64` cache of `cap` entries.
fn bytes_per_entry<C>(
    cap: usize,
    new: impl FnOnce() -> C,
    mut put: impl FnMut(&mut C, u64),
) -> f64 {
    let region = Region::thread();
    let mut cache = new();
    for k in 0..cap as u64 {
        put(&mut cache, k);
    }
    let bytes = live_bytes(&region);
    drop(cache);
    bytes as f64 / cap as f64
}

/// Cache sizes of the bytes-per-entry tests; Miri runs the small ones.
const LRU_CAPS: &[usize] = if cfg!(miri) {
    &[100]
} else {
    &[100, 896, 1000, 1024, 10_000, 100_000]
};
const CACHE_CAPS: &[usize] = if cfg!(miri) {
    &[100]
} else {
    &[1000, 1024, 10_000, 100_000]
};
/// Every size and count of the no-allocation tests is divided by this.
const SHRINK: u64 = if cfg!(miri) { 10 } else { 1 };
/// Operations once full in the no-allocation tests.
const STEADY_OPS: u64 = if cfg!(miri) { 1_000 } else { 180_000 };

#[test]
fn heap_per_entry_is_at_most_60_percent_of_lru() {
    for &cap in LRU_CAPS {
        let nz = NonZeroUsize::new(cap).unwrap();
        let memkit = bytes_per_entry(
            cap,
            || memkit_cache::LruCache::new(nz),
            |c, k| {
                c.put(k, k);
            },
        );
        let peer = bytes_per_entry(
            cap,
            || lru::LruCache::new(nz),
            |c, k| {
                c.put(k, k);
            },
        );
        println!(
            "cap {cap}: memkit {memkit:.1} B/entry, lru {peer:.1} B/entry, {:.0}%",
            100.0 * memkit / peer
        );
        assert!(
            memkit <= 0.6 * peer,
            "cap {cap}: memkit {memkit:.1} B/entry, lru {peer:.1} B/entry"
        );
    }
}

#[test]
fn no_allocation_once_full() {
    let cap = 1000 / SHRINK;
    let mut cache = memkit_cache::LruCache::new(NonZeroUsize::new(cap as usize).unwrap());
    // Warm-up: fill, then replace every entry once, so that the index has
    // settled at its steady size.
    for k in 0..2 * cap {
        cache.put(k, k);
    }
    let region = Region::thread();
    for k in 2 * cap..2 * cap + STEADY_OPS {
        cache.put(k, k);
        cache.get(&(k - 3));
        if k % 5 == 0 {
            cache.pop(&(k - 1));
            cache.push(k - 1, 0);
        }
        *cache.entry(k - 7).or_insert(1) += 1;
        *cache.get_or_insert_mut(k % (1500 / SHRINK), || 2) += 1;
    }
    assert_eq!(allocations(&region), 0);
}

/// `iter_mut` walks the list in place: no allocation, in either direction,
/// and the values it yields are the cache's own.
#[test]
fn lru_iter_mut_allocates_nothing() {
    let cap = 1000 / SHRINK;
    let mut cache = memkit_cache::LruCache::new(NonZeroUsize::new(cap as usize).unwrap());
    for k in 0..cap {
        cache.put(k, k);
    }
    let region = Region::thread();
    for (k, v) in cache.iter_mut() {
        *v = k * 2;
    }
    let mut ends = cache.iter_mut();
    if let (Some((_, first)), Some((_, last))) = (ends.next(), ends.next_back()) {
        *first += 1;
        *last += 1;
    }
    drop(ends);
    assert_eq!(allocations(&region), 0);
    assert_eq!(
        cache.peek(&(cap - 1)),
        Some(&(2 * (cap - 1) + 1)),
        "the head"
    );
    assert_eq!(cache.peek(&0), Some(&1), "the tail");
    assert!((1..cap - 1).all(|k| cache.peek(&k) == Some(&(k * 2))));
}

#[test]
fn cache_heap_per_entry_is_at_most_quick_caches() {
    for &cap in CACHE_CAPS {
        // Fill, then turn the cache over so that the ghost FIFO fills too.
        let memkit = bytes_per_entry(
            cap,
            || memkit_cache::Cache::new(cap),
            |c, k| {
                c.insert(k, k);
                c.insert(k + (1 << 40), k);
            },
        );
        let peer = bytes_per_entry(
            cap,
            || quick_cache::unsync::Cache::new(cap),
            |c, k| {
                c.insert(k, k);
                c.insert(k + (1 << 40), k);
            },
        );
        println!(
            "cap {cap}: memkit Cache {memkit:.1} B/entry, quick_cache {peer:.1} B/entry, {:.0}%",
            100.0 * memkit / peer
        );
        assert!(
            memkit <= peer,
            "cap {cap}: memkit {memkit:.1} B/entry, quick_cache {peer:.1} B/entry"
        );
    }
}

#[test]
fn cache_allocates_nothing_once_full() {
    for sieve in [false, true] {
        let cap = (1000 / SHRINK) as usize;
        let keys = 3000 / SHRINK;
        let mut s3: memkit_cache::Cache<u64, u64> = memkit_cache::Cache::new(cap);
        let mut sv: memkit_cache::Cache<u64, u64, memkit_cache::UnitWeighter, memkit_cache::Sieve> =
            memkit_cache::Cache::with_policy(cap);
        let mut step = |k: u64| {
            if sieve {
                if sv.get(&(k % keys)).is_none() {
                    sv.insert(k % keys, k);
                }
            } else if s3.get(&(k % keys)).is_none() {
                s3.insert(k % keys, k);
            }
        };
        // Warm-up: the ghost FIFO and the index reach their steady size.
        let warm = 20_000 / SHRINK;
        for k in 0..warm {
            step(k.wrapping_mul(0x9e37_79b9) % (5000 / SHRINK));
        }
        let region = Region::thread();
        for k in warm..warm + STEADY_OPS {
            step(k.wrapping_mul(0x9e37_79b9) % (5000 / SHRINK));
        }
        assert_eq!(allocations(&region), 0, "sieve: {sieve}");
    }
}
