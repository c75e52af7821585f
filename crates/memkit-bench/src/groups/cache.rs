//! Group `cache`: memkit-cache against `lru`, `hashlink`, `quick_cache` and
//! `moka`, `u64 → u64`.
//!
//! Times, each memkit side against the peer of its kind:
//! - `LruCache` against `lru::LruCache` and `hashlink::LruCache`;
//! - `Cache` (S3-FIFO) against `quick_cache::unsync::Cache`;
//! - `sync::Cache` against `moka::sync::Cache` and `quick_cache::sync::Cache`,
//!   on one thread and on two.
//!
//! Operations: `get_hit` (a full cache of 10,000 entries, keys read in a
//! scattered order), `miss_insert` (a new key each time: every insert
//! evicts), `zipf` (α 1.0 over 100,000 keys, 10,000 entries, insert on
//! miss). `sync::Cache` against moka runs all three on one thread
//! (`sync_get_hit_moka`, `sync_miss_insert_moka`, `sync_zipf_1t_moka`),
//! and the Zipf mix on two.
//!
//! Figures (not times, see [`figures`]): the hit ratio of each policy on
//! Zipf traces with and without scans and on the timed Zipf trace looped,
//! the heap bytes per entry, and the replay of a user's trace (`--trace
//! FILE`).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::{Arc, mpsc};
use std::thread;

use memkit_cache::{Sieve, UnitWeighter};

use crate::alloc_counter;
use crate::figure::Figure;
use crate::harness::{Case, Runner, runner};

const GROUP: &str = "cache";
/// Entries of the timed caches.
const CAP: usize = 10_000;
/// Keys of the timed Zipf trace.
const ZIPF_KEYS: u64 = 100_000;

/// A single-threaded cache, as the timed cases use it.
trait Subject: 'static {
    fn make(cap: usize) -> Self;
    /// A lookup that counts as a use; whether it hit.
    fn read(&mut self, key: u64) -> bool;
    fn write(&mut self, key: u64, value: u64);
}

impl Subject for memkit_cache::LruCache<u64, u64> {
    fn make(cap: usize) -> Self {
        memkit_cache::LruCache::new(NonZeroUsize::new(cap).expect("cap > 0"))
    }
    fn read(&mut self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&mut self, key: u64, value: u64) {
        self.put(key, value);
    }
}

impl Subject for lru::LruCache<u64, u64> {
    fn make(cap: usize) -> Self {
        lru::LruCache::new(NonZeroUsize::new(cap).expect("cap > 0"))
    }
    fn read(&mut self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&mut self, key: u64, value: u64) {
        self.put(key, value);
    }
}

impl Subject for hashlink::LruCache<u64, u64> {
    fn make(cap: usize) -> Self {
        hashlink::LruCache::new(cap)
    }
    fn read(&mut self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&mut self, key: u64, value: u64) {
        self.insert(key, value);
    }
}

impl Subject for memkit_cache::Cache<u64, u64> {
    fn make(cap: usize) -> Self {
        memkit_cache::Cache::new(cap)
    }
    fn read(&mut self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&mut self, key: u64, value: u64) {
        self.insert(key, value);
    }
}

impl Subject for memkit_cache::Cache<u64, u64, UnitWeighter, Sieve> {
    fn make(cap: usize) -> Self {
        memkit_cache::Cache::with_policy(cap)
    }
    fn read(&mut self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&mut self, key: u64, value: u64) {
        self.insert(key, value);
    }
}

impl Subject for quick_cache::unsync::Cache<u64, u64> {
    fn make(cap: usize) -> Self {
        quick_cache::unsync::Cache::new(cap)
    }
    fn read(&mut self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&mut self, key: u64, value: u64) {
        self.insert(key, value);
    }
}

/// A thread-safe cache, shared by `Arc`.
trait Shared: Send + Sync + 'static {
    fn make(cap: usize) -> Self;
    fn read(&self, key: u64) -> bool;
    fn write(&self, key: u64, value: u64);
    /// Runs deferred maintenance (moka's pending tasks) before figures are
    /// read.
    fn settle(&self) {}
}

impl Shared for memkit_cache::sync::Cache<u64, u64> {
    fn make(cap: usize) -> Self {
        memkit_cache::sync::Cache::new(cap)
    }
    fn read(&self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&self, key: u64, value: u64) {
        self.insert(key, value);
    }
}

impl Shared for quick_cache::sync::Cache<u64, u64> {
    fn make(cap: usize) -> Self {
        quick_cache::sync::Cache::new(cap)
    }
    fn read(&self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&self, key: u64, value: u64) {
        self.insert(key, value);
    }
}

impl Shared for moka::sync::Cache<u64, u64> {
    fn make(cap: usize) -> Self {
        moka::sync::Cache::new(cap as u64)
    }
    fn read(&self, key: u64) -> bool {
        self.get(&key).is_some()
    }
    fn write(&self, key: u64, value: u64) {
        self.insert(key, value);
    }
    fn settle(&self) {
        self.run_pending_tasks();
    }
}

/// xorshift64*, seeded: the traces are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Scatters a rank over the key space, so key order says nothing.
fn scatter(rank: u64) -> u64 {
    rank.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 8
}

/// `len` requests of a Zipf(α) law over `keys` keys; with `scans`, every
/// 10th tenth of the trace is a run of keys never seen before or after.
fn zipf_trace(keys: u64, len: usize, alpha: f64, scans: bool, seed: u64) -> Vec<u64> {
    let mut cumulative = Vec::with_capacity(keys as usize);
    let mut sum = 0.0;
    for rank in 1..=keys {
        sum += 1.0 / (rank as f64).powf(alpha);
        cumulative.push(sum);
    }
    let mut rng = Rng(seed | 1);
    let mut fresh = u64::MAX / 2;
    let period = (len / 20).max(10);
    (0..len)
        .map(|i| {
            if scans && i % period >= period - period / 10 {
                fresh += 1;
                return fresh;
            }
            let target = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * sum;
            scatter(cumulative.partition_point(|&c| c < target) as u64)
        })
        .collect()
}

/// A full cache, and its keys in a scattered order.
fn full<C: Subject>() -> (C, Vec<u64>) {
    let mut cache = C::make(CAP);
    for k in 0..CAP as u64 {
        cache.write(scatter(k), k);
    }
    let mut rng = Rng(7);
    let order = (0..1 << 16)
        .map(|_| scatter(rng.next() % CAP as u64))
        .collect();
    (cache, order)
}

/// Reads the keys of `order` in turn through `read`, each one a hit.
fn hit_loop(mut read: impl FnMut(u64) -> bool + 'static, order: Vec<u64>) -> Runner {
    let mut at = 0usize;
    runner(move |n| {
        let mut hits = 0u64;
        for _ in 0..n {
            hits += u64::from(read(order[at]));
            at = (at + 1) & 0xffff;
        }
        assert_eq!(hits, n, "get_hit missed");
        hits
    })
}

/// Writes a new key each time through `write`.
fn insert_loop(mut write: impl FnMut(u64) + 'static) -> Runner {
    let mut next = 1u64 << 60;
    runner(move |n| {
        for _ in 0..n {
            next += 1;
            write(next);
        }
        next
    })
}

fn get_hit<C: Subject>() -> Runner {
    let (mut cache, order) = full::<C>();
    hit_loop(move |key| cache.read(key), order)
}

fn miss_insert<C: Subject>() -> Runner {
    let (mut cache, _) = full::<C>();
    insert_loop(move |key| cache.write(key, key))
}

fn zipf<C: Subject>() -> Runner {
    let mut cache = C::make(CAP);
    let trace = zipf_trace(ZIPF_KEYS, 1 << 16, 1.0, false, 11);
    let mut at = 0usize;
    runner(move |n| {
        let mut hits = 0u64;
        for _ in 0..n {
            let key = trace[at];
            at = (at + 1) & 0xffff;
            if cache.read(key) {
                hits += 1;
            } else {
                cache.write(key, key);
            }
        }
        hits
    })
}

/// A shared cache of `CAP` entries given `keys` keys (its deferred
/// maintenance run), and those keys in a scattered order.
fn filled_shared<C: Shared>(keys: u64) -> (C, Vec<u64>) {
    let cache = C::make(CAP);
    for k in 0..keys {
        cache.write(scatter(k), k);
    }
    cache.settle();
    let mut rng = Rng(7);
    let order = (0..1 << 16).map(|_| scatter(rng.next() % keys)).collect();
    (cache, order)
}

/// `get_hit` on a shared cache, one thread. The cache holds half its
/// capacity: a sharded cache splits its capacity between shards, and keys
/// do not split evenly, so a full one would miss.
fn get_hit_shared<C: Shared>() -> Runner {
    let (cache, order) = filled_shared::<C>(CAP as u64 / 2);
    hit_loop(move |key| cache.read(key), order)
}

/// `miss_insert` on a shared cache, one thread.
fn miss_insert_shared<C: Shared>() -> Runner {
    let (cache, _) = filled_shared::<C>(CAP as u64);
    insert_loop(move |key| cache.write(key, key))
}

/// Runs `count` requests of `trace` from `start` on a shared cache, inserting
/// on a miss; the number of hits.
fn zipf_work<C: Shared>(cache: &C, trace: &[u64], start: usize, count: u64) -> u64 {
    let mut hits = 0u64;
    for i in start..start + count as usize {
        let key = trace[i & 0xffff];
        if cache.read(key) {
            hits += 1;
        } else {
            cache.write(key, key);
        }
    }
    hits
}

/// Threads that live as long as a case's runner: each waits for a batch
/// `(start, count)`, runs it on the shared cache and sends back its hits.
/// Dropping the pool closes the batch channels and joins the threads.
struct Helpers {
    batches: Vec<mpsc::Sender<(usize, u64)>>,
    hits: mpsc::Receiver<u64>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Helpers {
    fn spawn<C: Shared>(count: u64, cache: &Arc<C>, trace: &Arc<[u64]>) -> Self {
        let (hits_tx, hits) = mpsc::channel();
        let mut batches = Vec::new();
        let mut threads = Vec::new();
        for _ in 0..count {
            let (batch_tx, batch_rx) = mpsc::channel::<(usize, u64)>();
            let (cache, trace, hits_tx) = (Arc::clone(cache), Arc::clone(trace), hits_tx.clone());
            threads.push(thread::spawn(move || {
                for (start, count) in batch_rx {
                    let hits = zipf_work(&*cache, &trace, start, count);
                    if hits_tx.send(hits).is_err() {
                        return;
                    }
                }
            }));
            batches.push(batch_tx);
        }
        Helpers {
            batches,
            hits,
            threads,
        }
    }
}

impl Drop for Helpers {
    fn drop(&mut self) {
        self.batches.clear();
        for thread in self.threads.drain(..) {
            thread.join().expect("cache helper thread panicked");
        }
    }
}

/// The Zipf workload on a shared cache, split over `THREADS` threads: the
/// calling one and `THREADS - 1` helpers spawned once per case, so a sample
/// pays two channel hand-offs rather than a thread spawn.
fn zipf_shared<C: Shared, const THREADS: u64>() -> Runner {
    let cache = Arc::new(C::make(CAP));
    let trace: Arc<[u64]> = zipf_trace(ZIPF_KEYS, 1 << 16, 1.0, false, 13).into();
    let helpers = Helpers::spawn(THREADS - 1, &cache, &trace);
    let mut at = 0usize;
    runner(move |n| {
        let share = n / THREADS;
        for (t, batch) in helpers.batches.iter().enumerate() {
            let start = at + (t + 1) * 7919;
            batch
                .send((start, share))
                .expect("cache helper thread is gone");
        }
        let mut hits = zipf_work(&*cache, &trace, at, n - share * (THREADS - 1));
        for _ in &helpers.batches {
            hits += helpers.hits.recv().expect("cache helper thread is gone");
        }
        at = (at + n as usize) & 0xffff;
        hits
    })
}

type MemLru = memkit_cache::LruCache<u64, u64>;
type MemS3 = memkit_cache::Cache<u64, u64>;
type MemSieve = memkit_cache::Cache<u64, u64, UnitWeighter, Sieve>;
type MemSync = memkit_cache::sync::Cache<u64, u64>;
type PeerLru = lru::LruCache<u64, u64>;
type PeerLink = hashlink::LruCache<u64, u64>;
type PeerQuick = quick_cache::unsync::Cache<u64, u64>;
type PeerQuickSync = quick_cache::sync::Cache<u64, u64>;
type PeerMoka = moka::sync::Cache<u64, u64>;

/// The `cache` group's timed cases.
pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        get_hit_lru => get_hit::<MemLru>, get_hit::<PeerLru>, "lru";
        get_hit_hashlink => get_hit::<MemLru>, get_hit::<PeerLink>, "hashlink";
        get_hit_quick_cache => get_hit::<MemS3>, get_hit::<PeerQuick>, "quick_cache";
        miss_insert_lru => miss_insert::<MemLru>, miss_insert::<PeerLru>, "lru";
        miss_insert_hashlink => miss_insert::<MemLru>, miss_insert::<PeerLink>, "hashlink";
        miss_insert_quick_cache => miss_insert::<MemS3>, miss_insert::<PeerQuick>, "quick_cache";
        zipf_lru => zipf::<MemLru>, zipf::<PeerLru>, "lru";
        zipf_hashlink => zipf::<MemLru>, zipf::<PeerLink>, "hashlink";
        zipf_quick_cache => zipf::<MemS3>, zipf::<PeerQuick>, "quick_cache";
        sync_get_hit_moka => get_hit_shared::<MemSync>, get_hit_shared::<PeerMoka>, "moka";
        sync_miss_insert_moka =>
            miss_insert_shared::<MemSync>, miss_insert_shared::<PeerMoka>, "moka";
        sync_zipf_1t_moka => zipf_shared::<MemSync, 1>, zipf_shared::<PeerMoka, 1>, "moka";
        sync_zipf_2t_moka => zipf_shared::<MemSync, 2>, zipf_shared::<PeerMoka, 2>, "moka";
        sync_zipf_1t_quick_cache =>
            zipf_shared::<MemSync, 1>, zipf_shared::<PeerQuickSync, 1>, "quick_cache";
        sync_zipf_2t_quick_cache =>
            zipf_shared::<MemSync, 2>, zipf_shared::<PeerQuickSync, 2>, "quick_cache";
    ]
}

/// Hit ratio of a single-threaded cache of `cap` entries on `trace`.
fn hit_ratio<C: Subject>(trace: &[u64], cap: usize) -> f64 {
    let mut cache = C::make(cap);
    let mut hits = 0usize;
    for &key in trace {
        if cache.read(key) {
            hits += 1;
        } else {
            cache.write(key, key);
        }
    }
    hits as f64 / trace.len() as f64
}

/// Hit ratio of a shared cache, its deferred maintenance run every 1,024
/// requests (moka applies evictions there).
fn hit_ratio_shared<C: Shared>(trace: &[u64], cap: usize) -> f64 {
    let cache = C::make(cap);
    let mut hits = 0usize;
    for (i, &key) in trace.iter().enumerate() {
        if i % 1024 == 0 {
            cache.settle();
        }
        if cache.read(key) {
            hits += 1;
        } else {
            cache.write(key, key);
        }
    }
    hits as f64 / trace.len() as f64
}

/// The six hit ratios of one trace and size.
fn hit_ratios(out: &mut Vec<Figure>, case: &str, trace: &[u64], cap: usize, moka: bool) {
    let mut push = |implementation, value| {
        out.push(Figure {
            group: GROUP,
            case: case.to_owned(),
            implementation,
            metric: "hit_ratio",
            value,
        });
    };
    push("memkit LRU", hit_ratio::<MemLru>(trace, cap));
    push("memkit S3-FIFO", hit_ratio::<MemS3>(trace, cap));
    push("memkit SIEVE", hit_ratio::<MemSieve>(trace, cap));
    push("lru", hit_ratio::<PeerLru>(trace, cap));
    push("quick_cache", hit_ratio::<PeerQuick>(trace, cap));
    if moka {
        push("moka", hit_ratio_shared::<PeerMoka>(trace, cap));
    }
}

/// Bytes allocated to fill a cache of `cap` entries and turn it over once
/// (so ghost queues and indexes reach their steady size), per entry.
fn heap_per_entry<C>(cap: usize, make: impl FnOnce(usize) -> C, write: impl Fn(&C, u64)) -> f64 {
    let mut kept = None;
    let counts = alloc_counter::count(|| {
        let cache = make(cap);
        for k in 0..2 * cap as u64 {
            write(&cache, scatter(k));
        }
        kept = Some(cache);
    });
    drop(kept);
    counts.bytes as f64 / cap as f64
}

fn unsync_heap_per_entry<C: Subject>(cap: usize) -> f64 {
    heap_per_entry(
        cap,
        |c| std::cell::RefCell::new(C::make(c)),
        |m, k| m.borrow_mut().write(k, k),
    )
}

fn heap_figures(out: &mut Vec<Figure>) {
    let cap = 100_000;
    let mut push = |implementation, value| {
        out.push(Figure {
            group: GROUP,
            case: format!("u64_u64_{cap}_entries"),
            implementation,
            metric: "heap_bytes_per_entry",
            value,
        });
    };
    push("memkit LruCache", unsync_heap_per_entry::<MemLru>(cap));
    push("memkit Cache", unsync_heap_per_entry::<MemS3>(cap));
    push(
        "memkit sync",
        heap_per_entry(cap, MemSync::make, |m, k| m.write(k, k)),
    );
    push("lru", unsync_heap_per_entry::<PeerLru>(cap));
    push("hashlink", unsync_heap_per_entry::<PeerLink>(cap));
    push("quick_cache", unsync_heap_per_entry::<PeerQuick>(cap));
    push(
        "quick_cache sync",
        heap_per_entry(cap, PeerQuickSync::make, |m, k| m.write(k, k)),
    );
    push(
        "moka",
        heap_per_entry(cap, PeerMoka::make, |m, k| {
            m.write(k, k);
            m.settle();
        }),
    );
}

/// Reads a trace file: one key per line; a line that is a `u64` is that
/// key, any other line is hashed.
fn read_trace(path: &Path) -> Result<Vec<u64>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--trace {}: {e}", path.display()))?;
    let keys: Vec<u64> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            line.trim().parse().unwrap_or_else(|_| {
                let mut h = DefaultHasher::new();
                line.hash(&mut h);
                h.finish()
            })
        })
        .collect();
    if keys.is_empty() {
        return Err(format!("--trace {}: no keys", path.display()));
    }
    Ok(keys)
}

/// The group's figures: hit ratios on Zipf traces (α 0.8, 1.0, 1.2, with
/// and without scans, cache sizes 0.5%–10% of the keys), heap bytes per
/// entry, and the replay of `trace` if given.
pub(crate) fn figures(quick: bool, trace: Option<&Path>) -> Result<Vec<Figure>, String> {
    let mut out = Vec::new();
    let (keys, len) = if quick {
        (10_000, 100_000)
    } else {
        (100_000, 1_000_000)
    };
    for alpha in [0.8, 1.0, 1.2] {
        for scans in [false, true] {
            let requests = zipf_trace(keys, len, alpha, scans, 0x5eed ^ (alpha * 10.0) as u64);
            for per_mille in [5, 10, 50, 100] {
                let cap = keys as usize * per_mille / 1000;
                let case = format!(
                    "zipf_a{alpha:.1}{}_{}%",
                    if scans { "_scans" } else { "" },
                    per_mille as f64 / 10.0
                );
                hit_ratios(&mut out, &case, &requests, cap, true);
            }
        }
    }
    // The timed Zipf mix replays one trace of 65,536 requests in a loop, so
    // a key comes back exactly one loop later: its hit ratio, ten loops.
    let timed = zipf_trace(ZIPF_KEYS, 1 << 16, 1.0, false, 11);
    let looped: Vec<u64> = timed.iter().copied().cycle().take(10 << 16).collect();
    hit_ratios(&mut out, "zipf_timed_trace_x10", &looped, CAP, false);
    heap_figures(&mut out);
    if let Some(path) = trace {
        let requests = read_trace(path)?;
        let mut distinct = requests.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for per_mille in [5, 10, 50, 100] {
            let cap = (distinct.len() * per_mille / 1000).max(1);
            let case = format!("trace_{}%", per_mille as f64 / 10.0);
            hit_ratios(&mut out, &case, &requests, cap, true);
        }
    }
    Ok(out)
}
