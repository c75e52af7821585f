//! loom models of the atomic protocols of memkit-bytes: the `Bytes`
//! reference count (concurrent drops, `is_unique`/`try_into_mut` racing a
//! drop) and `BytesPool` returns (two threads returning halves of one
//! buffer, a return racing `get`, and the pool dropped while a buffer drops).
//!
//! Run with:
//!
//! ```text
//! RUSTFLAGS="--cfg loom" cargo test -p memkit-bytes --test loom_bytes --release
//! ```
//!
//! The preemption bound defaults to 3 here; `LOOM_MAX_PREEMPTIONS` overrides it.
#![cfg(loom)]

use std::sync::Arc as StdArc;
use std::sync::atomic::{AtomicUsize as StdAtomicUsize, Ordering as StdOrdering};

use loom::thread;
use memkit_bytes::{BufMut, Bytes, BytesMut, BytesPool};

/// Runs `f` under loom with a bounded number of preemptions, and checks that
/// loom explored more than one interleaving (so the model has a race in it).
fn model<F>(f: F)
where
    F: Fn() + Sync + Send + 'static,
{
    let runs = explore(f);
    assert!(runs > 1, "loom explored only {runs} execution(s)");
}

/// Runs `f` under loom and returns how many executions loom explored.
fn explore<F>(f: F) -> usize
where
    F: Fn() + Sync + Send + 'static,
{
    let runs = StdArc::new(StdAtomicUsize::new(0));
    let counter = StdArc::clone(&runs);
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(3);
    }
    builder.check(move || {
        counter.fetch_add(1, StdOrdering::Relaxed);
        f();
    });
    runs.load(StdOrdering::Relaxed)
}

/// An owner that counts how often it is dropped (bookkeeping outside the
/// model, so a plain std atomic).
struct CountedOwner {
    data: [u8; 8],
    drops: StdArc<StdAtomicUsize>,
}

impl AsRef<[u8]> for CountedOwner {
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

impl Drop for CountedOwner {
    fn drop(&mut self) {
        self.drops.fetch_add(1, StdOrdering::SeqCst);
    }
}

fn counted(data: [u8; 8]) -> (Bytes, StdArc<StdAtomicUsize>) {
    let drops = StdArc::new(StdAtomicUsize::new(0));
    let b = Bytes::from_owner(CountedOwner {
        data,
        drops: StdArc::clone(&drops),
    });
    (b, drops)
}

// (a) two clones dropped concurrently: the storage is freed exactly once.

#[test]
fn concurrent_clone_drops_free_owner_once() {
    model(|| {
        let (a, drops) = counted(*b"abcdefgh");
        let b = a.clone();
        let t = thread::spawn(move || {
            assert_eq!(b, &b"abcdefgh"[..]);
            drop(b);
        });
        let s = a.slice(2..4);
        drop(a);
        assert_eq!(&s[..], b"cd");
        drop(s);
        t.join().unwrap();
        assert_eq!(drops.load(StdOrdering::SeqCst), 1);
    });
}

#[test]
fn concurrent_drops_of_inline_storage() {
    model(|| {
        let a = Bytes::copy_from_slice(b"inline storage");
        let b = a.slice(7..);
        let c = a.clone();
        let t1 = thread::spawn(move || {
            assert_eq!(b, &b"storage"[..]);
            drop(b);
        });
        let t2 = thread::spawn(move || drop(c));
        drop(a);
        t1.join().unwrap();
        t2.join().unwrap();
    });
}

#[test]
fn three_way_drop_of_owner_storage() {
    model(|| {
        let (a, drops) = counted([1; 8]);
        let b = a.slice(..4);
        let c = a.slice(4..);
        let t1 = thread::spawn(move || drop(b));
        let t2 = thread::spawn(move || drop(c));
        drop(a);
        t1.join().unwrap();
        t2.join().unwrap();
        assert_eq!(drops.load(StdOrdering::SeqCst), 1);
    });
}

// (b) try_into_mut / is_unique racing a clone drop.

#[test]
fn try_into_mut_races_clone_drop() {
    model(|| {
        let a = Bytes::copy_from_slice(b"race");
        let ptr = a.as_ptr();
        let b = a.clone();
        let t = thread::spawn(move || {
            assert_eq!(b, &b"race"[..]);
            drop(b);
        });
        // loom's search alone runs this model once (a load that opens the
        // other thread's drop hides the race from it); yielding here makes it
        // also run the order where the clone drops first.
        thread::yield_now();
        let mut m = match a.try_into_mut() {
            Ok(m) => m,
            Err(a) => {
                // The clone was still alive; once it is gone, it must work.
                t.join().unwrap();
                let m = a.try_into_mut().expect("unique after the clone dropped");
                assert_eq!(m.as_ptr(), ptr);
                return;
            }
        };
        // Unique: writing must not race the other thread's read.
        assert_eq!(m.as_ptr(), ptr);
        m[0] = b'R';
        assert_eq!(&m[..], b"Race");
        t.join().unwrap();
    });
}

#[test]
fn is_unique_races_clone_drop() {
    model(|| {
        let a = Bytes::copy_from_slice(b"unique?");
        let b = a.slice(1..);
        let t = thread::spawn(move || drop(b));
        // See `try_into_mut_races_clone_drop` for why this yields.
        thread::yield_now();
        let seen = a.is_unique();
        t.join().unwrap();
        assert!(a.is_unique(), "unique after join (seen before: {seen})");
        let m = a.try_into_mut().expect("unique");
        assert_eq!(&m[..], b"unique?");
    });
}

#[test]
fn owner_bytes_never_unique_even_when_alone() {
    model(|| {
        let (a, drops) = counted([2; 8]);
        let b = a.clone();
        let t = thread::spawn(move || drop(b));
        // See `try_into_mut_races_clone_drop` for why this yields.
        thread::yield_now();
        let a = a
            .try_into_mut()
            .expect_err("owner bytes are never writable");
        t.join().unwrap();
        assert!(!a.is_unique());
        drop(a);
        assert_eq!(drops.load(StdOrdering::SeqCst), 1);
    });
}

// (b2) splitting a unique buffer sets its count with a plain store; the
// other half may be dropped on another thread meanwhile.

#[test]
fn split_of_a_unique_buffer_races_the_drop_of_its_other_half() {
    model(|| {
        let mut m = BytesMut::with_capacity(16);
        let base = m.as_ptr();
        m.put_slice(b"abcdefgh");
        let head = m.split_to(4).freeze();
        let t = thread::spawn(move || {
            assert_eq!(head, &b"abcd"[..]);
            drop(head);
        });
        // The count is 2, or 1 once `head` is gone: either way the split
        // must leave it at one per handle.
        let next = m.split_to(2);
        assert_eq!(&next[..], b"ef");
        drop(next);
        t.join().unwrap();
        // Only `m` is left, so the count is 1 and reserving moves its bytes
        // back to the start of the same storage instead of allocating.
        m.reserve(14);
        assert_eq!(m.as_ptr(), base);
        assert_eq!(&m[..], b"gh");
    });
}

// (c) BytesPool returns.

#[test]
fn pool_return_of_two_frozen_halves_from_two_threads() {
    model(|| {
        let pool = BytesPool::new(2);
        let mut m = pool.get(64);
        let addr = m.as_ptr();
        m.put_slice(b"abcdefgh");
        let h1 = m.split_to(4).freeze();
        let h2 = m.freeze();
        let t1 = thread::spawn(move || {
            assert_eq!(h1, &b"abcd"[..]);
            drop(h1);
        });
        let t2 = thread::spawn(move || {
            assert_eq!(h2, &b"efgh"[..]);
            drop(h2);
        });
        t1.join().unwrap();
        t2.join().unwrap();
        assert_eq!(pool.pooled(), 1, "returned exactly once");
        let again = pool.get(16);
        assert_eq!(again.as_ptr(), addr);
        assert_eq!(pool.pooled(), 0);
    });
}

#[test]
fn pool_return_races_get() {
    model(|| {
        let pool = BytesPool::new(2);
        let m = pool.get(32);
        let addr = m.as_ptr();
        let t = thread::spawn(move || drop(m));
        let got = pool.get(32);
        let reused = got.as_ptr() == addr;
        t.join().unwrap();
        // Either `get` found the returned buffer, or it made a new one and
        // the returned buffer is parked now.
        assert_eq!(pool.pooled(), usize::from(!reused));
        drop(got);
        assert_eq!(pool.pooled(), if reused { 1 } else { 2 });
    });
}

#[test]
fn pool_dropped_while_buffer_drops() {
    model(|| {
        let pool = BytesPool::new(2);
        let mut m = pool.get(32);
        drop(pool.get(16)); // one parked block, freed when the pool closes
        m.put_slice(b"xyz");
        let frozen = m.split().freeze();
        let t = thread::spawn(move || {
            assert_eq!(frozen, &b"xyz"[..]);
            drop(frozen);
        });
        drop(m);
        drop(pool);
        t.join().unwrap();
    });
}

#[test]
fn pool_clone_dropped_on_another_thread_while_returning() {
    model(|| {
        let pool = BytesPool::new(1);
        let other = pool.clone();
        let m = pool.get(8);
        let t = thread::spawn(move || {
            drop(m);
            drop(other);
        });
        drop(pool);
        t.join().unwrap();
    });
}
