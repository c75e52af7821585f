//! Random operation sequences on memkit's `Cache` (S3-FIFO and SIEVE,
//! weighted) against a `HashMap` model: the cache holds exactly the model's
//! entries minus those the eviction listener received, every value agrees,
//! the weight stays within the capacity, and the stats add up.
//!
//! Which entry a policy evicts is its own business, so the peer here is
//! quick_cache only where policies do not matter: both return the value
//! that was last stored for any key both still hold.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use memkit_cache::{Cache, Policy, S3Fifo, Sieve, Weighter};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Insert(u8, u32),
    Get(u8),
    GetMut(u8, u32),
    Peek(u8),
    Remove(u8),
    GetOrInsert(u8, u32, bool),
    Retain(u8),
    SetCapacity(u64),
    Clear,
    Entry(u8, u32),
}

fn op() -> impl Strategy<Value = Op> {
    let key = 0u8..24;
    prop_oneof![
        6 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
        6 => key.clone().prop_map(Op::Get),
        1 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::GetMut(k, v)),
        1 => key.clone().prop_map(Op::Peek),
        1 => key.clone().prop_map(Op::Remove),
        2 => (key, any::<u32>(), any::<bool>()).prop_map(|(k, v, ok)| Op::GetOrInsert(k, v, ok)),
        1 => (2u8..5).prop_map(Op::Retain),
        1 => (0u64..24).prop_map(Op::SetCapacity),
        1 => Just(Op::Clear),
        2 => (0u8..24, any::<u32>()).prop_map(|(k, v)| Op::Entry(k, v)),
    ]
}

/// Weighs `value % 4`: zero, light and heavy entries.
#[derive(Clone)]
struct Mod4;

impl Weighter<u8, u32> for Mod4 {
    fn weight(&self, _: &u8, value: &u32) -> u64 {
        u64::from(value % 4)
    }
}

fn run<P: Policy>(capacity: u64, ops: Vec<Op>) {
    let evicted: Arc<Mutex<Vec<(u8, u32)>>> = Arc::default();
    let sink = Arc::clone(&evicted);
    let mut memkit: Cache<u8, u32, Mod4, P> =
        Cache::with(8, capacity, Mod4, memkit_cache::DefaultHasher::default())
            .with_eviction_listener(move |k, v| sink.lock().unwrap().push((k, v)));
    let mut peer = quick_cache::unsync::Cache::with_weighter(8, capacity.max(1), QuickMod4);
    let mut model: HashMap<u8, u32> = HashMap::new();
    let mut capacity = capacity;
    let (mut hits, mut misses) = (0u64, 0u64);
    for op in ops {
        match op {
            Op::Insert(k, v) => {
                memkit.insert(k, v);
                peer.insert(k, v);
                model.insert(k, v);
                if u64::from(v % 4) > capacity {
                    model.remove(&k);
                    // The listener received the refused pair: not an eviction.
                    assert_eq!(evicted.lock().unwrap().pop(), Some((k, v)));
                }
            }
            Op::Get(k) => {
                let got = memkit.get(&k).copied();
                match got {
                    Some(v) => {
                        hits += 1;
                        assert_eq!(model.get(&k), Some(&v));
                    }
                    None => misses += 1,
                }
                if let (Some(m), Some(p)) = (got, peer.get(&k).copied()) {
                    assert_eq!(m, p);
                }
            }
            Op::GetMut(k, v) => match memkit.get_mut(&k) {
                Some(mut value) => {
                    hits += 1;
                    *value = v;
                    drop(value);
                    peer.insert(k, v);
                    model.insert(k, v);
                }
                None => misses += 1,
            },
            Op::Peek(k) => {
                if let Some(v) = memkit.peek(&k) {
                    assert_eq!(model.get(&k), Some(v));
                }
            }
            Op::Remove(k) => {
                let removed = memkit.remove(&k);
                peer.remove(&k);
                if let Some((key, value)) = removed {
                    assert_eq!(key, k);
                    assert_eq!(model.remove(&k), Some(value));
                }
            }
            Op::GetOrInsert(k, v, ok) => {
                let present = memkit.contains_key(&k);
                let result = memkit
                    .get_or_insert_with(&k, || if ok { Ok(v) } else { Err(()) })
                    .map(|v| v.copied());
                if present {
                    hits += 1;
                    assert_eq!(result, Ok(model.get(&k).copied()));
                } else {
                    misses += 1;
                    match result {
                        Ok(Some(got)) => {
                            assert!(ok && got == v);
                            peer.insert(k, v);
                            model.insert(k, v);
                        }
                        Ok(None) => assert!(ok && u64::from(v % 4) > capacity),
                        Err(()) => assert!(!ok),
                    }
                }
            }
            Op::Retain(m) => {
                memkit.retain(|k, _| k % m != 0);
                model.retain(|k, _| k % m != 0);
            }
            Op::SetCapacity(c) => {
                capacity = c;
                memkit.set_capacity(c);
            }
            Op::Clear => {
                memkit.clear();
                model.clear();
            }
            Op::Entry(k, v) => {
                let present = memkit.contains_key(&k);
                let result = memkit.entry(k).or_insert_with(|| v).copied();
                if present {
                    hits += 1;
                    assert_eq!(result.ok(), model.get(&k).copied());
                } else {
                    misses += 1;
                    if u64::from(v % 4) > capacity {
                        assert_eq!(result, Err((k, v)));
                    } else {
                        assert_eq!(result, Ok(v));
                        peer.insert(k, v);
                        model.insert(k, v);
                    }
                }
            }
        }
        for (k, v) in evicted.lock().unwrap().drain(..) {
            assert_eq!(model.remove(&k), Some(v), "evicted {k} is not in the model");
        }
        let mut held: Vec<(u8, u32)> = memkit.iter().map(|(k, v)| (*k, *v)).collect();
        held.sort_unstable();
        let mut expected: Vec<(u8, u32)> = model.iter().map(|(k, v)| (*k, *v)).collect();
        expected.sort_unstable();
        assert_eq!(held, expected);
        assert_eq!(memkit.len(), model.len());
        let weight: u64 = model.values().map(|v| u64::from(v % 4)).sum();
        assert_eq!(memkit.weight(), weight);
        assert!(
            weight <= capacity,
            "weight {weight} over capacity {capacity}"
        );
        let stats = memkit.stats();
        assert_eq!((stats.hits, stats.misses), (hits, misses));
    }
}

#[derive(Clone)]
struct QuickMod4;

impl quick_cache::Weighter<u8, u32> for QuickMod4 {
    fn weight(&self, _: &u8, value: &u32) -> u64 {
        u64::from(value % 4)
    }
}

/// Operations per case; Miri runs shorter sequences.
const MAX_OPS: usize = if cfg!(miri) { 60 } else { 300 };

proptest! {
    #[test]
    fn s3_fifo_agrees_with_model(capacity in 0u64..24, ops in proptest::collection::vec(op(), 0..MAX_OPS)) {
        run::<S3Fifo>(capacity, ops);
    }

    #[test]
    fn sieve_agrees_with_model(capacity in 0u64..24, ops in proptest::collection::vec(op(), 0..MAX_OPS)) {
        run::<Sieve>(capacity, ops);
    }
}
