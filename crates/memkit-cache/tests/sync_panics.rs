//! `sync::Cache`'s eviction listener, `peek` and `retain`, and user code
//! that panics inside them (the listener, `retain`'s predicate, a value's
//! `Drop`): the cache stays whole, its locks are released, and every value
//! is dropped exactly once.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use memkit_cache::sync::Cache;

/// The values alive, and whether one was dropped twice.
#[derive(Default)]
struct World {
    live: Mutex<HashSet<u64>>,
    dropped_twice: AtomicBool,
    panic_on_drop: AtomicBool,
}

/// A value tracked by its world; clones are tracked under id + 1 << 32.
struct Value {
    id: u64,
    world: Arc<World>,
}

impl Value {
    fn new(world: &Arc<World>, id: u64) -> Value {
        world.live.lock().unwrap().insert(id);
        Value {
            id,
            world: Arc::clone(world),
        }
    }
}

impl Clone for Value {
    fn clone(&self) -> Value {
        let mut id = self.id + (1 << 32);
        let mut live = self.world.live.lock().unwrap();
        while !live.insert(id) {
            id += 1 << 32;
        }
        Value {
            id,
            world: Arc::clone(&self.world),
        }
    }
}

impl Drop for Value {
    fn drop(&mut self) {
        if !self.world.live.lock().unwrap().remove(&self.id) {
            self.world.dropped_twice.store(true, Ordering::Relaxed);
        }
        if self.world.panic_on_drop.swap(false, Ordering::Relaxed) {
            panic!("Drop for value {}", self.id);
        }
    }
}

const N: u64 = if cfg!(miri) { 60 } else { 2_000 };
const CAP: usize = if cfg!(miri) { 16 } else { 200 };

/// Every entry is reachable through `peek`, and exactly the values in the
/// cache (and those `held` outside it) are alive.
fn check(cache: &Cache<u64, Value>, world: &World, held: usize) {
    assert!(
        !world.dropped_twice.load(Ordering::Relaxed),
        "a value was dropped twice"
    );
    let mut keys = Vec::new();
    cache.retain(|k, _| {
        keys.push(*k);
        true
    });
    assert_eq!(keys.len(), cache.len());
    for k in &keys {
        let peeked = cache.peek(k).expect("an entry retain saw is reachable");
        drop(peeked);
    }
    assert_eq!(
        world.live.lock().unwrap().len(),
        cache.len() + held,
        "live values are the cache's and the {held} held outside"
    );
}

#[test]
fn listener_receives_every_evicted_entry() {
    let world = Arc::new(World::default());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let cache = Cache::new(CAP).with_eviction_listener(move |k: u64, v: Value| {
        assert_eq!(k, v.id);
        log.lock().unwrap().push(k);
    });
    for k in 0..N {
        cache.insert(k, Value::new(&world, k));
    }
    let evicted = seen.lock().unwrap().clone();
    assert_eq!(evicted.len() + cache.len(), N as usize);
    for k in &evicted {
        assert!(cache.peek(k).is_none(), "evicted key {k} is still there");
    }
    assert_eq!(cache.stats().evictions, evicted.len() as u64);
    check(&cache, &world, 0);
}

#[test]
fn peek_neither_marks_nor_counts() {
    let cache = Cache::new(CAP);
    cache.insert(1u64, 10u64);
    assert_eq!(cache.peek(&1), Some(10));
    assert_eq!(cache.peek(&2), None);
    let stats = cache.stats();
    assert_eq!((stats.hits, stats.misses), (0, 0));
}

#[test]
fn retain_keeps_what_the_predicate_keeps() {
    let world = Arc::new(World::default());
    let cache = Cache::new(N as usize * 2);
    for k in 0..N {
        cache.insert(k, Value::new(&world, k));
    }
    cache.retain(|k, v| {
        assert_eq!(*k, v.id);
        k % 3 == 0
    });
    for k in 0..N {
        assert_eq!(cache.peek(&k).is_some(), k % 3 == 0, "key {k}");
    }
    check(&cache, &world, 0);
}

#[test]
fn panicking_listener_leaves_the_cache_whole() {
    let world = Arc::new(World::default());
    let armed = Arc::new(AtomicBool::new(false));
    let trigger = Arc::clone(&armed);
    let cache = Cache::new(CAP).with_eviction_listener(move |k: u64, _: Value| {
        if trigger.swap(false, Ordering::Relaxed) {
            panic!("listener for key {k}");
        }
    });
    for k in 0..N {
        if k % 7 == 0 {
            armed.store(true, Ordering::Relaxed);
        }
        let value = Value::new(&world, k);
        let result = catch_unwind(AssertUnwindSafe(|| cache.insert(k, value)));
        if result.is_err() {
            // `check` locks every shard: the panic released its lock.
            check(&cache, &world, 0);
        }
    }
    check(&cache, &world, 0);
    cache.clear();
    check(&cache, &world, 0);
}

#[test]
fn panicking_predicate_leaves_the_cache_whole() {
    let world = Arc::new(World::default());
    let cache = Cache::new(N as usize * 2);
    for k in 0..N {
        cache.insert(k, Value::new(&world, k));
    }
    let mut seen = 0;
    let result = catch_unwind(AssertUnwindSafe(|| {
        cache.retain(|k, _| {
            seen += 1;
            assert!(seen < N / 2, "predicate gives up at key {k}");
            k % 2 == 0
        });
    }));
    assert!(result.is_err());
    check(&cache, &world, 0);
    cache.retain(|_, _| false);
    assert!(cache.is_empty());
    check(&cache, &world, 0);
}

#[test]
fn panicking_drop_in_retain_leaves_the_cache_whole() {
    let world = Arc::new(World::default());
    let cache = Cache::new(N as usize * 2);
    for k in 0..N {
        cache.insert(k, Value::new(&world, k));
    }
    world.panic_on_drop.store(true, Ordering::Relaxed);
    let result = catch_unwind(AssertUnwindSafe(|| cache.retain(|k, _| k % 2 == 0)));
    assert!(result.is_err());
    check(&cache, &world, 0);
    cache.clear();
    check(&cache, &world, 0);
    assert!(world.live.lock().unwrap().is_empty());
}
