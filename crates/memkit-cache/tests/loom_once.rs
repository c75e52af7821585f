//! loom model of the loader protocol of `sync::Cache::get_or_insert_with`
//! (`src/sync/once.rs`): however the threads interleave, a key's loader
//! runs once while the others wait, every thread gets the loaded value, and
//! when a loader fails the waiters wake and one of them loads instead.
//!
//! The shard is a loom `Mutex` here; in the crate it is a `parking_lot`
//! one, which loom cannot model, so the protocol takes the lock as
//! closures and this model drives the same code.
#![cfg(loom)]

use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::sync::{Arc, Mutex};
use loom::thread;
use memkit_cache::sync::once::{Pending, Probe, get_or_load};

/// A one-key shard: the value, and the loads in progress.
#[derive(Default)]
struct Shard {
    value: Option<u32>,
    loading: Vec<Arc<Pending>>,
}

fn load(shard: &Mutex<Shard>, loads: &AtomicUsize, fail_first: bool) -> Result<u32, ()> {
    get_or_load(
        || {
            let mut shard = shard.lock().unwrap();
            if let Some(value) = shard.value {
                return Probe::Hit(value);
            }
            if let Some(pending) = shard.loading.first() {
                return Probe::Wait(Arc::clone(pending));
            }
            let pending = Pending::new();
            shard.loading.push(Arc::clone(&pending));
            Probe::Load(pending)
        },
        |mine, value| {
            let mut shard = shard.lock().unwrap();
            shard.loading.retain(|p| !Arc::ptr_eq(p, mine));
            if let Some(value) = value {
                shard.value = Some(value);
            }
        },
        || {
            let n = loads.fetch_add(1, Ordering::SeqCst);
            if fail_first && n == 0 {
                Err(())
            } else {
                Ok(42)
            }
        },
    )
}

#[test]
fn two_threads_load_once() {
    loom::model(|| {
        let shard = Arc::new(Mutex::new(Shard::default()));
        let loads = Arc::new(AtomicUsize::new(0));
        let other = {
            let (shard, loads) = (Arc::clone(&shard), Arc::clone(&loads));
            thread::spawn(move || load(&shard, &loads, false))
        };
        assert_eq!(load(&shard, &loads, false), Ok(42));
        assert_eq!(other.join().unwrap(), Ok(42));
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        assert!(shard.lock().unwrap().loading.is_empty());
    });
}

#[test]
fn a_failed_load_wakes_the_waiter_who_loads_in_turn() {
    loom::model(|| {
        let shard = Arc::new(Mutex::new(Shard::default()));
        let loads = Arc::new(AtomicUsize::new(0));
        let other = {
            let (shard, loads) = (Arc::clone(&shard), Arc::clone(&loads));
            thread::spawn(move || load(&shard, &loads, true))
        };
        let mine = load(&shard, &loads, true);
        let theirs = other.join().unwrap();
        // The first loader fails; whoever loads next succeeds, and a thread
        // that only waited gets the value.
        let mut results = [mine, theirs];
        results.sort();
        assert_eq!(results, [Ok(42), Err(())]);
        assert_eq!(loads.load(Ordering::SeqCst), 2);
        assert_eq!(shard.lock().unwrap().value, Some(42));
        assert!(shard.lock().unwrap().loading.is_empty());
    });
}
