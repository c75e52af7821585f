//! Heap bytes per entry and allocations once full, counted by a global
//! allocator in this test binary of its own.
//!
//! The counter is a few lines here until the workspace's `memkit-alloc`
//! lands; `live_bytes` and `allocations` are the only two readings used.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

thread_local! {
    /// Whether this thread's allocations count: the test harness allocates
    /// on other threads meanwhile.
    static COUNTED: Cell<bool> = const { Cell::new(false) };
}

fn counted() -> bool {
    COUNTED.try_with(Cell::get).unwrap_or(false)
}

static LIVE: AtomicUsize = AtomicUsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
/// One test at a time: the counters are global.
static SERIAL: Mutex<()> = Mutex::new(());

// SAFETY: every method forwards to `System` with the caller's arguments.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if counted() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if counted() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if counted() {
            LIVE.fetch_add(new_size, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            ALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Counts this thread's allocations until dropped (before the lock is
/// released, so the next test starts from a quiet counter).
struct CountingHere;

impl CountingHere {
    fn start() -> CountingHere {
        COUNTED.with(|c| c.set(true));
        CountingHere
    }
}

impl Drop for CountingHere {
    fn drop(&mut self) {
        COUNTED.with(|c| c.set(false));
    }
}

fn live_bytes() -> usize {
    LIVE.load(Ordering::Relaxed)
}

fn allocations() -> usize {
    ALLOCS.load(Ordering::Relaxed)
}

/// Heap bytes per entry of a full `u64 → u64` cache of `cap` entries.
fn bytes_per_entry<C>(
    cap: usize,
    new: impl FnOnce() -> C,
    mut put: impl FnMut(&mut C, u64),
) -> f64 {
    let before = live_bytes();
    let mut cache = new();
    for k in 0..cap as u64 {
        put(&mut cache, k);
    }
    let bytes = live_bytes() - before;
    drop(cache);
    bytes as f64 / cap as f64
}

#[test]
fn heap_per_entry_is_at_most_60_percent_of_lru() {
    let _serial = SERIAL.lock().unwrap();
    let _counting = CountingHere::start();
    for cap in [100, 896, 1000, 1024, 10_000, 100_000] {
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
    let _serial = SERIAL.lock().unwrap();
    let _counting = CountingHere::start();
    let mut cache = memkit_cache::LruCache::new(NonZeroUsize::new(1000).unwrap());
    // Warm-up: fill, then replace every entry once, so that the index has
    // settled at its steady size.
    for k in 0..2000u64 {
        cache.put(k, k);
    }
    let before = allocations();
    for k in 2000..200_000u64 {
        cache.put(k, k);
        cache.get(&(k - 3));
        if k % 5 == 0 {
            cache.pop(&(k - 1));
            cache.push(k - 1, 0);
        }
        *cache.entry(k - 7).or_insert(1) += 1;
        *cache.get_or_insert_mut(k % 1500, || 2) += 1;
    }
    assert_eq!(allocations() - before, 0);
}

#[test]
fn cache_heap_per_entry_is_at_most_quick_caches() {
    let _serial = SERIAL.lock().unwrap();
    let _counting = CountingHere::start();
    for cap in [1000, 1024, 10_000, 100_000] {
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
    let _serial = SERIAL.lock().unwrap();
    let _counting = CountingHere::start();
    for sieve in [false, true] {
        let mut s3: memkit_cache::Cache<u64, u64> = memkit_cache::Cache::new(1000);
        let mut sv: memkit_cache::Cache<u64, u64, memkit_cache::UnitWeighter, memkit_cache::Sieve> =
            memkit_cache::Cache::with_policy(1000);
        let mut step = |k: u64| {
            if sieve {
                if sv.get(&(k % 3000)).is_none() {
                    sv.insert(k % 3000, k);
                }
            } else if s3.get(&(k % 3000)).is_none() {
                s3.insert(k % 3000, k);
            }
        };
        // Warm-up: the ghost FIFO and the index reach their steady size.
        for k in 0..20_000u64 {
            step(k.wrapping_mul(0x9e37_79b9) % 5000);
        }
        let before = allocations();
        for k in 20_000..200_000u64 {
            step(k.wrapping_mul(0x9e37_79b9) % 5000);
        }
        assert_eq!(allocations() - before, 0, "sieve: {sieve}");
    }
}
