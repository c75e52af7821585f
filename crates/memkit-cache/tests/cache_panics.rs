//! User code that panics inside `Cache` (key `Drop`, `Hash`, `Eq`, the
//! weigher, the loader, the eviction listener, `retain`'s predicate)
//! leaves it whole: every entry reachable, weights that add up, nothing
//! dropped twice, nothing leaked.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use memkit_cache::{Cache, DefaultHasher, Policy, S3Fifo, Sieve, Weighter};

/// Shared switches and the set of live keys.
#[derive(Default)]
struct World {
    live: Mutex<HashSet<u32>>,
    dropped_twice: AtomicBool,
    /// Hash calls left before one panics; `u32::MAX` never panics.
    hash_budget: AtomicU32,
    panic_eq: AtomicBool,
    panic_weigh: AtomicBool,
    panic_listen: AtomicBool,
}

struct Key {
    id: u32,
    panic_on_drop: bool,
    /// Whether the world tracks this key (a probe for look-ups is not).
    counted: bool,
    world: Arc<World>,
}

impl Key {
    fn new(world: &Arc<World>, id: u32, panic_on_drop: bool) -> Key {
        assert!(world.live.lock().unwrap().insert(id), "key {id} made twice");
        Key {
            id,
            panic_on_drop,
            counted: true,
            world: Arc::clone(world),
        }
    }

    /// A key for look-ups only: not tracked, so its drop changes nothing.
    fn probe(world: &Arc<World>, id: u32) -> Key {
        Key {
            id,
            panic_on_drop: false,
            counted: false,
            world: Arc::clone(world),
        }
    }
}

impl Clone for Key {
    /// A clone is a key of its own (id + 1,000,000), tracked like any other.
    fn clone(&self) -> Key {
        Key::new(&self.world, self.id + 1_000_000, false)
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let budget = self.world.hash_budget.load(Ordering::Relaxed);
        if budget == 0 {
            panic!("Hash for key {}", self.id);
        }
        if budget != u32::MAX {
            self.world.hash_budget.store(budget - 1, Ordering::Relaxed);
        }
        self.id.hash(state);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        if self.world.panic_eq.load(Ordering::Relaxed) {
            panic!("Eq for keys {} and {}", self.id, other.id);
        }
        self.id == other.id
    }
}

impl Eq for Key {}

impl Drop for Key {
    fn drop(&mut self) {
        if !self.counted {
            return;
        }
        if !self.world.live.lock().unwrap().remove(&self.id) {
            self.world.dropped_twice.store(true, Ordering::Relaxed);
        }
        if self.panic_on_drop && !std::thread::panicking() {
            panic!("Drop for key {}", self.id);
        }
    }
}

/// Weighs `value % 3 + 1`, or panics when told to.
struct Weigh(Arc<World>);

impl Weighter<Key, u32> for Weigh {
    fn weight(&self, key: &Key, value: &u32) -> u64 {
        if self.0.panic_weigh.load(Ordering::Relaxed) {
            panic!("weigher for key {}", key.id);
        }
        u64::from(value % 3 + 1)
    }
}

type TestCache<P> = Cache<Key, u32, Weigh, P, DefaultHasher>;

fn world() -> Arc<World> {
    let world = Arc::new(World::default());
    world.hash_budget.store(u32::MAX, Ordering::Relaxed);
    world
}

fn cache<P: Policy>(world: &Arc<World>, capacity: u64) -> TestCache<P> {
    let listening = Arc::clone(world);
    Cache::with(
        8,
        capacity,
        Weigh(Arc::clone(world)),
        DefaultHasher::default(),
    )
    .with_eviction_listener(move |key: Key, _| {
        if listening.panic_listen.load(Ordering::Relaxed) {
            panic!("listener for key {}", key.id);
        }
    })
}

fn calm(world: &World) {
    world.hash_budget.store(u32::MAX, Ordering::Relaxed);
    world.panic_eq.store(false, Ordering::Relaxed);
    world.panic_weigh.store(false, Ordering::Relaxed);
    world.panic_listen.store(false, Ordering::Relaxed);
}

/// Every entry is reachable by its key, and the weight adds up.
fn check<P: Policy>(cache: &TestCache<P>, world: &World) {
    calm(world);
    assert_eq!(cache.iter().count(), cache.len());
    let mut weight = 0;
    for (key, value) in cache.iter() {
        assert_eq!(cache.peek(key), Some(value));
        weight += u64::from(value % 3 + 1);
    }
    assert_eq!(cache.weight(), weight);
    assert!(weight <= cache.capacity());
    assert_eq!(
        world.live.lock().unwrap().len(),
        cache.len(),
        "keys outside the cache are alive"
    );
    assert!(!world.dropped_twice.load(Ordering::Relaxed));
}

fn finish<P: Policy>(cache: TestCache<P>, world: &World) {
    check(&cache, world);
    drop(cache);
    assert!(world.live.lock().unwrap().is_empty(), "leaked keys");
    assert!(!world.dropped_twice.load(Ordering::Relaxed));
}

fn scenario<P: Policy>() {
    let world = world();
    let mut cache = cache::<P>(&world, 40);
    for id in 0..16 {
        cache.insert(Key::new(&world, id, id == 5), id);
    }
    check(&cache, &world);

    // A key whose Drop panics, removed.
    let probe = Key::probe(&world, 5);
    let removed = catch_unwind(AssertUnwindSafe(|| drop(cache.remove(&probe))));
    assert!(removed.is_err());
    check(&cache, &world);

    // Hash, Eq, the weigher, the loader, the predicate.
    world.hash_budget.store(0, Ordering::Relaxed);
    let key = Key::new(&world, 100, false);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.insert(key, 1))).is_err());
    check(&cache, &world);
    world.panic_eq.store(true, Ordering::Relaxed);
    let probe = Key::probe(&world, 3);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.get(&probe).is_some())).is_err());
    check(&cache, &world);
    world.panic_weigh.store(true, Ordering::Relaxed);
    let key = Key::new(&world, 101, false);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.insert(key, 1))).is_err());
    check(&cache, &world);
    world.panic_weigh.store(true, Ordering::Relaxed);
    if cache.contains_key(&probe) {
        world.panic_weigh.store(true, Ordering::Relaxed);
        assert!(catch_unwind(AssertUnwindSafe(|| drop(cache.get_mut(&probe)))).is_err());
    }
    check(&cache, &world);
    assert!(
        catch_unwind(AssertUnwindSafe(|| {
            let _ = cache.get_or_insert_with(&Key::probe(&world, 200), || -> Result<u32, ()> {
                panic!("loader")
            });
        }))
        .is_err()
    );
    check(&cache, &world);
    assert!(
        catch_unwind(AssertUnwindSafe(
            || cache.retain(|k, _| k.id < 4 || panic!("retain"))
        ))
        .is_err()
    );
    check(&cache, &world);

    // The listener, then a key Drop, during eviction.
    world.panic_listen.store(true, Ordering::Relaxed);
    for id in 300..340 {
        let key = Key::new(&world, id, false);
        let _ = catch_unwind(AssertUnwindSafe(|| cache.insert(key, id)));
        check(&cache, &world);
        world.panic_listen.store(id % 2 == 0, Ordering::Relaxed);
    }
    for id in 400..440 {
        let key = Key::new(&world, id, id % 3 == 0);
        let _ = catch_unwind(AssertUnwindSafe(|| cache.insert(key, id)));
        check(&cache, &world);
    }

    // Hash panics while the index refills (a refill every few dozen
    // inserts at this size).
    let last = if cfg!(miri) { 620 } else { 3000 };
    for id in 500..last {
        world.hash_budget.store(
            if id % 7 == 0 { id % 23 } else { u32::MAX },
            Ordering::Relaxed,
        );
        let key = Key::new(&world, id, false);
        let _ = catch_unwind(AssertUnwindSafe(|| cache.insert(key, id)));
        check(&cache, &world);
    }
    finish(cache, &world);
}

#[test]
fn s3_fifo_stays_whole_when_user_code_panics() {
    scenario::<S3Fifo>();
}

#[test]
fn sieve_stays_whole_when_user_code_panics() {
    scenario::<Sieve>();
}
