//! User code that panics inside `LruCache` (key and value `Drop`, `Hash`,
//! `Eq`, closures) leaves the cache whole: every entry is still reachable,
//! nothing is dropped twice, and nothing leaks.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use memkit_cache::LruCache;

/// Shared switches and the set of live keys.
#[derive(Default)]
struct World {
    live: RefCell<HashSet<u32>>,
    dropped_twice: Cell<bool>,
    /// Hash calls left before one panics; `u32::MAX` never panics.
    hash_budget: Cell<u32>,
    panic_eq: Cell<bool>,
}

struct Key {
    id: u32,
    panic_on_drop: bool,
    /// Whether the world tracks this key (a probe for look-ups is not).
    counted: bool,
    world: Rc<World>,
}

impl Key {
    fn new(world: &Rc<World>, id: u32, panic_on_drop: bool) -> Key {
        assert!(world.live.borrow_mut().insert(id), "key {id} made twice");
        Key {
            id,
            panic_on_drop,
            counted: true,
            world: Rc::clone(world),
        }
    }

    /// A key for look-ups only: not tracked, so its drop changes nothing.
    fn probe(world: &Rc<World>, id: u32) -> Key {
        Key {
            id,
            panic_on_drop: false,
            counted: false,
            world: Rc::clone(world),
        }
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let budget = self.world.hash_budget.get();
        if budget == 0 {
            panic!("Hash for key {}", self.id);
        }
        if budget != u32::MAX {
            self.world.hash_budget.set(budget - 1);
        }
        self.id.hash(state);
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        if self.world.panic_eq.get() {
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
        if !self.world.live.borrow_mut().remove(&self.id) {
            self.world.dropped_twice.set(true);
        }
        if self.panic_on_drop && !std::thread::panicking() {
            panic!("Drop for key {}", self.id);
        }
    }
}

fn world() -> Rc<World> {
    let world = Rc::new(World::default());
    world.hash_budget.set(u32::MAX);
    world
}

/// Every entry is reachable by its key and the list agrees with `len`.
fn check(cache: &LruCache<Key, u32>, world: &World) {
    world.hash_budget.set(u32::MAX);
    world.panic_eq.set(false);
    let ids: Vec<u32> = cache.iter().map(|(k, _)| k.id).collect();
    assert_eq!(ids.len(), cache.len());
    assert_eq!(cache.iter().rev().count(), cache.len());
    for (key, value) in cache.iter() {
        assert_eq!(cache.peek(key), Some(value));
    }
    assert!(cache.len() <= cache.cap().get());
    assert_eq!(
        world.live.borrow().len(),
        cache.len(),
        "keys outside the cache are alive"
    );
    assert!(!world.dropped_twice.get());
}

fn finish(cache: LruCache<Key, u32>, world: &World) {
    check(&cache, world);
    drop(cache);
    assert!(
        world.live.borrow().is_empty(),
        "leaked keys: {:?}",
        world.live.borrow()
    );
    assert!(!world.dropped_twice.get());
}

fn filled(world: &Rc<World>, cap: usize, n: u32, panicky: u32) -> LruCache<Key, u32> {
    let mut cache = LruCache::new(NonZeroUsize::new(cap).unwrap());
    for id in 0..n {
        cache.put(Key::new(world, id, id == panicky), id);
    }
    cache
}

#[test]
fn key_drop_panicking_in_pop_leaves_the_cache_whole() {
    // lru's RUSTSEC-2026-0253.
    let world = world();
    let mut cache = filled(&world, 8, 8, 3);
    let probe = Key::probe(&world, 3);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.pop(&probe))).is_err());
    drop(probe);
    assert_eq!(cache.len(), 7);
    check(&cache, &world);
    cache.put(Key::new(&world, 100, false), 100);
    finish(cache, &world);
}

#[test]
fn key_drop_panicking_in_eviction_retain_clear_and_drop() {
    let world = world();
    let mut cache = filled(&world, 4, 4, 0);
    // Key 0 is the least recently used: put evicts and drops it.
    assert!(
        catch_unwind(AssertUnwindSafe(
            || cache.put(Key::new(&world, 10, false), 10)
        ))
        .is_err()
    );
    assert_eq!(cache.len(), 4);
    check(&cache, &world);

    cache.put(Key::new(&world, 11, true), 11);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.retain(|k, _| k.id != 11))).is_err());
    check(&cache, &world);

    cache.put(Key::new(&world, 12, true), 12);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.clear())).is_err());
    assert!(cache.is_empty());
    check(&cache, &world);

    cache.put(Key::new(&world, 13, true), 13);
    cache.put(Key::new(&world, 14, false), 14);
    assert!(catch_unwind(AssertUnwindSafe(|| drop(cache))).is_err());
    assert!(world.live.borrow().is_empty());
    assert!(!world.dropped_twice.get());
}

#[test]
fn hash_and_eq_panics_change_nothing() {
    let world = world();
    let mut cache = filled(&world, 8, 6, u32::MAX);
    world.hash_budget.set(0);
    let key = Key::new(&world, 50, false);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.put(key, 50))).is_err());
    check(&cache, &world);
    world.panic_eq.set(true);
    let probe = Key::probe(&world, 2);
    assert!(catch_unwind(AssertUnwindSafe(|| cache.get(&probe).copied())).is_err());
    assert!(catch_unwind(AssertUnwindSafe(|| cache.pop(&probe))).is_err());
    drop(probe);
    assert_eq!(cache.len(), 6);
    finish(cache, &world);
}

#[test]
fn closure_panics_change_nothing() {
    let world = world();
    let mut cache = filled(&world, 8, 6, u32::MAX);
    let key = Key::new(&world, 60, false);
    assert!(
        catch_unwind(AssertUnwindSafe(
            || *cache.get_or_insert(key, || panic!("loader"))
        ))
        .is_err()
    );
    assert!(
        catch_unwind(AssertUnwindSafe(
            || cache.retain(|k, _| k.id < 2 || panic!("retain"))
        ))
        .is_err()
    );
    assert!(
        catch_unwind(AssertUnwindSafe(|| cache
            .find_and_promote(|_| panic!("predicate"))
            .is_some()))
        .is_err()
    );
    assert_eq!(cache.len(), 6);
    finish(cache, &world);
}

#[test]
fn hash_panics_while_the_index_rebuilds() {
    // Churn a bounded and an unbounded cache with a Hash that panics after a
    // varying number of calls, so that some panics land inside hashbrown's
    // rehash (in place or into a larger table).
    for unbounded in [false, true] {
        let world = world();
        let mut cache: LruCache<Key, u32> = if unbounded {
            LruCache::unbounded()
        } else {
            LruCache::new(NonZeroUsize::new(48).unwrap())
        };
        let mut lost = 0usize;
        let rounds = if cfg!(miri) { 120 } else { 3000 };
        for round in 0..rounds {
            world
                .hash_budget
                .set(if round % 7 == 0 { round % 23 } else { u32::MAX });
            let id = round;
            let key = Key::new(&world, id, false);
            let before = cache.len();
            let result = catch_unwind(AssertUnwindSafe(|| cache.put(key, id)));
            if result.is_err() {
                lost += before.saturating_sub(cache.len());
            }
            world.hash_budget.set(u32::MAX);
            if round % 3 == 0 {
                cache.pop(&Key::probe(&world, id.wrapping_sub(17)));
            }
            check(&cache, &world);
        }
        assert!(!cache.is_empty(), "lost {lost}");
        finish(cache, &world);
    }
}
