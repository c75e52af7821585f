//! S3-FIFO's hit ratio beats LRU's on seeded Zipf traces (α 0.8, 1.0, 1.2),
//! with and without one-time scans, at cache sizes from 0.5% to 10% of the
//! keys. The comparison with quick_cache is in the bench (`cache` group).

use std::num::NonZeroUsize;

use memkit_cache::{Cache, LruCache, Sieve, UnitWeighter};
use memkit_testkit::IdentityHasher;

// Sized for a debug build: the bench replays larger traces.
const KEYS: u64 = if cfg!(miri) { 400 } else { 4_000 };
const REQUESTS: usize = if cfg!(miri) { 2_000 } else { 40_000 };

/// xorshift64*: a small seeded generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A Zipf(α) trace over `KEYS` keys; with `scans`, every 5,000 requests a
/// run of 500 keys never seen before or after.
fn trace(alpha: f64, scans: bool, seed: u64) -> Vec<u64> {
    let mut cumulative = Vec::with_capacity(KEYS as usize);
    let mut sum = 0.0;
    for rank in 1..=KEYS {
        sum += 1.0 / (rank as f64).powf(alpha);
        cumulative.push(sum);
    }
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(REQUESTS);
    let mut fresh = KEYS;
    let (every, run) = if cfg!(miri) {
        (500, 50)
    } else {
        (20_000, 2_000)
    };
    while out.len() < REQUESTS {
        if scans && out.len() % every == every - run {
            for _ in 0..run {
                out.push(fresh);
                fresh += 1;
            }
            continue;
        }
        let target = rng.unit() * sum;
        let rank = cumulative.partition_point(|&c| c < target) as u64;
        // Scatter ranks over the key space so key order says nothing.
        out.push(rank.wrapping_mul(0x9e37_79b9_7f4a_7c15) % (1 << 40));
    }
    out
}

fn lru_ratio(trace: &[u64], size: usize) -> f64 {
    let mut cache = LruCache::new(NonZeroUsize::new(size).unwrap());
    let mut hits = 0usize;
    for &k in trace {
        if cache.get(&k).is_some() {
            hits += 1;
        } else {
            cache.put(k, k);
        }
    }
    hits as f64 / trace.len() as f64
}

fn policy_ratio<P: memkit_cache::Policy>(
    mut cache: Cache<u64, u64, UnitWeighter, P>,
    trace: &[u64],
) -> f64 {
    for &k in trace {
        if cache.get(&k).is_none() {
            cache.insert(k, k);
        }
    }
    let stats = cache.stats();
    assert_eq!(stats.hits + stats.misses, trace.len() as u64);
    stats.hit_ratio()
}

#[test]
fn s3_fifo_beats_lru_on_zipf_with_and_without_scans() {
    for alpha in [0.8, 1.0, 1.2] {
        for scans in [false, true] {
            let trace = trace(alpha, scans, 0x5eed + (alpha * 10.0) as u64);
            for per_mille in [5, 10, 50, 100] {
                let size = (KEYS as usize * per_mille / 1000).max(2);
                let lru = lru_ratio(&trace, size);
                let s3 = policy_ratio(Cache::new(size), &trace);
                let sieve = policy_ratio(
                    Cache::<u64, u64, UnitWeighter, Sieve>::with_policy(size),
                    &trace,
                );
                println!(
                    "alpha {alpha} scans {scans:5} size {:4.1}%: lru {:.4} s3-fifo {:.4} sieve {:.4}",
                    per_mille as f64 / 10.0,
                    lru,
                    s3,
                    sieve
                );
                assert!(
                    s3 > lru,
                    "alpha {alpha}, scans {scans}, size {size}: S3-FIFO {s3:.4} <= LRU {lru:.4}"
                );
            }
        }
    }
}

/// The hot keys of a full S3-FIFO cache, each read, that survive a scan of
/// ten times as many keys read once.
fn survivors_of_a_scan<S: std::hash::BuildHasher + Default>() -> usize {
    let size: u64 = if cfg!(miri) { 100 } else { 1_000 };
    let mut cache: Cache<u64, u64, UnitWeighter, memkit_cache::S3Fifo, S> =
        Cache::with(size as usize, size, UnitWeighter, S::default());
    for k in 0..size {
        cache.insert(k, k);
    }
    for k in 0..size {
        assert_eq!(cache.get(&k), Some(&k));
    }
    for k in size..11 * size {
        cache.insert(k, k);
    }
    (0..size).filter(|k| cache.peek(k).is_some()).count()
}

/// The ghost FIFO tells keys apart by their hashes' mixed bits, so keys
/// whose hashes differ only in their low bits (an identity hasher's small
/// integers) pass through the small FIFO as scans should, and the hot keys
/// stay, as they do with the default hasher.
#[test]
fn a_scan_of_keys_with_only_low_hash_bits_keeps_the_hot_keys() {
    let size = if cfg!(miri) { 100 } else { 1_000 };
    let identity = survivors_of_a_scan::<std::hash::BuildHasherDefault<IdentityHasher>>();
    let default = survivors_of_a_scan::<memkit_cache::DefaultHasher>();
    assert!(
        default * 10 >= size * 9,
        "default hasher: {default} of {size}"
    );
    assert!(
        identity * 10 >= size * 9,
        "identity hasher: {identity} of {size} hot keys survived the scan (default: {default})"
    );
}
