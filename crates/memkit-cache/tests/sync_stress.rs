//! Threads hammer `sync::Cache`: loaders run once per key while the other
//! threads wait, a panicking loader wakes the waiters (one of them loads),
//! and mixed reads, writes and removals never show a value under the wrong
//! key.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

use memkit_cache::sync::Cache;
use memkit_testkit::IdentityHasher;

const THREADS: usize = if cfg!(miri) { 2 } else { 8 };
const KEYS: u64 = if cfg!(miri) { 8 } else { 500 };

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn sync_cache_is_send_and_sync() {
    assert_send_sync::<Cache<String, Arc<str>>>();
}

#[test]
fn each_key_loads_once_however_many_threads_miss_it() {
    let cache: Arc<Cache<u64, Arc<u64>>> = Arc::new(Cache::new(KEYS as usize * 4));
    let loads: Arc<Mutex<HashMap<u64, usize>>> = Arc::default();
    let start = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let (cache, loads, start) =
                (Arc::clone(&cache), Arc::clone(&loads), Arc::clone(&start));
            thread::spawn(move || {
                start.wait();
                for i in 0..KEYS {
                    // Threads walk the keys from different ends to collide.
                    let key = if t % 2 == 0 { i } else { KEYS - 1 - i };
                    let value = cache
                        .get_or_insert_with(&key, || {
                            *loads.lock().unwrap().entry(key).or_default() += 1;
                            thread::yield_now();
                            Ok::<_, ()>(Arc::new(key * 10))
                        })
                        .unwrap();
                    assert_eq!(*value, key * 10);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    let loads = loads.lock().unwrap();
    assert_eq!(loads.len(), KEYS as usize);
    assert!(
        loads.values().all(|&n| n == 1),
        "a key loaded more than once: {loads:?}"
    );
}

#[test]
fn a_panicking_loader_wakes_the_waiters() {
    for round in 0..if cfg!(miri) { 2 } else { 50 } {
        let cache: Arc<Cache<u64, u64>> = Arc::new(Cache::new(64));
        let calls = Arc::new(AtomicUsize::new(0));
        let start = Arc::new(Barrier::new(THREADS));
        let handles: Vec<_> = (0..THREADS)
            .map(|_| {
                let (cache, calls, start) =
                    (Arc::clone(&cache), Arc::clone(&calls), Arc::clone(&start));
                thread::spawn(move || {
                    start.wait();
                    catch_unwind(AssertUnwindSafe(|| {
                        cache.get_or_insert_with(&round, || {
                            if calls.fetch_add(1, Ordering::SeqCst) == 0 {
                                thread::yield_now();
                                panic!("first loader of round {round}");
                            }
                            Ok::<_, ()>(7)
                        })
                    }))
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let panicked = results.iter().filter(|r| r.is_err()).count();
        assert_eq!(panicked, 1);
        assert!(
            results
                .iter()
                .filter_map(|r| r.as_ref().ok())
                .all(|r| *r == Ok(7))
        );
        // One panic, then one successful load that the others waited for.
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(cache.get(&round), Some(7));
    }
}

#[test]
fn mixed_operations_keep_keys_and_values_together() {
    let cache: Arc<Cache<u64, (u64, u64)>> = Arc::new(Cache::new(KEYS as usize / 2));
    let handles: Vec<_> = (0..THREADS as u64)
        .map(|t| {
            let cache = Arc::clone(&cache);
            thread::spawn(move || {
                let mut x = t.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
                for step in 0..if cfg!(miri) { 50 } else { 20_000u64 } {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let key = x % KEYS;
                    match step % 4 {
                        0 | 1 => {
                            if let Some((k, _)) = cache.get(&key) {
                                assert_eq!(k, key);
                            }
                        }
                        2 => cache.insert(key, (key, t)),
                        _ => {
                            if let Some((k, (inner, _))) = cache.remove(&key) {
                                assert_eq!((k, inner), (key, key));
                            }
                        }
                    }
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
    assert!(cache.len() as u64 <= cache.capacity());
    let stats = cache.stats();
    assert!(stats.hits + stats.misses > 0);
}

/// Keys whose hashes differ only in their low bits still spread over the
/// shards: a cache with room for twice the keys evicts none of them.
#[test]
fn keys_with_only_low_hash_bits_fill_every_shard() {
    use memkit_cache::{S3Fifo, UnitWeighter};
    use std::hash::BuildHasherDefault;

    let cache: Cache<u64, u64, UnitWeighter, S3Fifo, BuildHasherDefault<IdentityHasher>> =
        Cache::with(4_000, 4_000, UnitWeighter, BuildHasherDefault::default());
    let keys = if cfg!(miri) { 200 } else { 2_000 };
    for k in 0..keys {
        cache.insert(k, k);
    }
    assert_eq!(cache.stats().evictions, 0);
    assert_eq!(cache.len(), keys as usize);
    assert!((0..keys).all(|k| cache.peek(&k) == Some(k)));
}
