//! Tests for `BytesPool`: reuse, the bound, returns from frozen halves and
//! from other threads, dropping the pool while buffers are out (Miri checks
//! for leaks), `pooled()` counts, and `Clone`/`Debug`.

use std::collections::HashSet;
use std::thread;

use memkit_bytes::{BufMut, Bytes, BytesPool};

/// Iterations of loops; small under Miri.
const N: usize = if cfg!(miri) { 16 } else { 10_000 };

#[test]
fn new_pool_is_empty() {
    let pool = BytesPool::new(8);
    assert_eq!(pool.max_pooled(), 8);
    assert_eq!(pool.pooled(), 0);
}

#[test]
fn returned_buffer_is_reused() {
    let pool = BytesPool::new(4);
    let mut first = pool.get(1024);
    assert!(first.capacity() >= 1024);
    assert!(first.is_empty());
    let addr = first.as_ptr();
    first.put_slice(b"dirty");
    drop(first);
    assert_eq!(pool.pooled(), 1);
    let second = pool.get(512);
    assert_eq!(second.as_ptr(), addr, "same storage, reused");
    assert!(second.is_empty(), "a reused buffer starts empty");
    assert!(second.capacity() >= 1024, "its whole capacity is available");
    assert_eq!(pool.pooled(), 0);
}

#[test]
fn reuse_over_many_rounds_keeps_one_buffer() {
    let pool = BytesPool::new(2);
    let addr = pool.get(256).as_ptr();
    for i in 0..N {
        let mut b = pool.get(256);
        assert_eq!(b.as_ptr(), addr);
        b.put_u32(i as u32);
        let frozen = b.split().freeze();
        // Pooled storage has its own layout facts: check them every round.
        b.assert_invariants();
        frozen.assert_invariants();
        assert_eq!(frozen.len(), 4);
    }
    assert_eq!(pool.pooled(), 1);
}

#[test]
fn bound_is_respected_and_extra_buffers_are_freed() {
    let pool = BytesPool::new(3);
    let bufs: Vec<_> = (0..10).map(|_| pool.get(64)).collect();
    let addrs: HashSet<usize> = bufs.iter().map(|b| b.as_ptr().addr()).collect();
    assert_eq!(addrs.len(), 10, "ten distinct buffers");
    assert_eq!(pool.pooled(), 0);
    for (i, b) in bufs.into_iter().enumerate() {
        drop(b);
        assert_eq!(pool.pooled(), (i + 1).min(3));
    }
    assert_eq!(pool.pooled(), 3);
    // The three kept are handed out again, then the pool allocates anew.
    let again: Vec<_> = (0..4).map(|_| pool.get(64)).collect();
    let reused = again
        .iter()
        .filter(|b| addrs.contains(&b.as_ptr().addr()))
        .count();
    assert!(
        reused >= 3,
        "the three pooled buffers are reused, got {reused}"
    );
    assert_eq!(pool.pooled(), 0);
}

#[test]
fn zero_bound_pools_nothing() {
    let pool = BytesPool::new(0);
    for _ in 0..4 {
        let mut b = pool.get(32);
        b.put_slice(b"x");
        drop(b);
        assert_eq!(pool.pooled(), 0);
    }
}

#[test]
fn frozen_half_returns_buffer_when_last_handle_drops() {
    let pool = BytesPool::new(4);
    let mut buf = pool.get(4096);
    let addr = buf.as_ptr();
    buf.put_slice(b"GET / HTTP/1.1\r\nHost: x\r\n");
    let line = buf.split_to(16).freeze();
    let rest = buf.split().freeze();
    let line2 = line.clone();
    let sub = rest.slice(0..4);
    drop(buf);
    assert_eq!(pool.pooled(), 0);
    drop(line);
    drop(rest);
    assert_eq!(pool.pooled(), 0);
    assert_eq!(line2, "GET / HTTP/1.1\r\n");
    drop(line2);
    assert_eq!(pool.pooled(), 0, "`sub` still holds the storage");
    assert_eq!(sub, "Host");
    drop(sub);
    assert_eq!(pool.pooled(), 1);
    assert_eq!(pool.get(4096).as_ptr(), addr);
}

#[test]
fn try_into_mut_of_a_pooled_bytes_keeps_it_pooled() {
    let pool = BytesPool::new(4);
    let mut buf = pool.get(128);
    let addr = buf.as_ptr();
    buf.put_slice(b"abc");
    let frozen = buf.freeze();
    let mut back = frozen.try_into_mut().expect("unique");
    assert_eq!(back.as_ptr(), addr);
    back.put_slice(b"def");
    assert_eq!(back, "abcdef");
    drop(back);
    assert_eq!(pool.pooled(), 1);
    assert_eq!(pool.get(1).as_ptr(), addr);
}

#[test]
fn growing_a_pooled_buffer_returns_the_old_storage() {
    let pool = BytesPool::new(4);
    let mut buf = pool.get(16);
    let addr = buf.as_ptr();
    buf.put_slice(&[1; 16]);
    buf.reserve(1000);
    assert_ne!(buf.as_ptr(), addr);
    assert_eq!(buf, [1u8; 16][..]);
    assert_eq!(
        pool.pooled(),
        1,
        "the outgrown storage went back to the pool"
    );
    drop(buf);
    assert_eq!(pool.pooled(), 1, "the grown storage is not pooled");
}

#[test]
fn buffer_returned_on_another_thread() {
    let pool = BytesPool::new(4);
    let rounds = if cfg!(miri) { 3 } else { 100 };
    for _ in 0..rounds {
        let mut buf = pool.get(256);
        let addr = buf.as_ptr().addr();
        buf.put_slice(b"payload");
        let frozen = buf.split().freeze();
        let t1 = thread::spawn(move || {
            assert_eq!(frozen, "payload");
            drop(frozen);
        });
        let t2 = thread::spawn(move || drop(buf));
        t1.join().unwrap();
        t2.join().unwrap();
        assert_eq!(pool.pooled(), 1);
        let again = pool.get(256);
        assert_eq!(again.as_ptr().addr(), addr);
    }
}

#[test]
fn pool_used_from_many_threads() {
    let pool = BytesPool::new(8);
    let threads = if cfg!(miri) { 2 } else { 8 };
    let per = N / threads / 10;
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let pool = pool.clone();
            thread::spawn(move || {
                for i in 0..per.max(2) {
                    let mut b = pool.get(128);
                    b.put_u32((t * 1000 + i) as u32);
                    let f: Bytes = b.split().freeze();
                    assert_eq!(f.len(), 4);
                    assert_eq!(&f[..], &((t * 1000 + i) as u32).to_be_bytes());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert!(pool.pooled() >= 1 && pool.pooled() <= 8);
}

#[test]
fn pool_dropped_while_buffers_are_out() {
    let pool = BytesPool::new(4);
    let mut a = pool.get(64);
    let b = pool.get(64);
    drop(pool.get(64)); // parked: freed when the pool goes
    a.put_slice(b"still usable");
    let frozen = a.split_to(6).freeze();
    drop(pool);
    // Buffers outlive the pool and stay fully usable.
    a.put_slice(b" after");
    assert_eq!(a, "usable after");
    assert_eq!(frozen, "still ");
    drop(b);
    drop(a);
    drop(frozen); // last handle: freed, not parked (Miri checks for leaks)
}

#[test]
fn pool_dropped_while_buffer_out_on_another_thread() {
    let pool = BytesPool::new(4);
    let mut buf = pool.get(64);
    buf.put_slice(b"xyz");
    let frozen = buf.freeze();
    let t = thread::spawn(move || {
        assert_eq!(frozen, "xyz");
        frozen
    });
    drop(pool);
    let frozen = t.join().unwrap();
    drop(frozen);
}

#[test]
fn pooled_counts() {
    let pool = BytesPool::new(5);
    let bufs: Vec<_> = (0..5).map(|i| pool.get(16 * (i + 1))).collect();
    assert_eq!(pool.pooled(), 0);
    let mut n = 0;
    for b in bufs {
        drop(b);
        n += 1;
        assert_eq!(pool.pooled(), n);
    }
    let taken = pool.get(16);
    assert_eq!(pool.pooled(), 4);
    drop(taken);
    assert_eq!(pool.pooled(), 5);
}

#[test]
fn get_larger_than_any_pooled_buffer_allocates() {
    let pool = BytesPool::new(2);
    drop(pool.get(64));
    drop(pool.get(64));
    assert_eq!(pool.pooled(), 1);
    let small_addr = pool.get(64).as_ptr();
    let big = pool.get(10_000);
    assert!(big.capacity() >= 10_000);
    assert_ne!(big.as_ptr(), small_addr);
    assert_eq!(pool.pooled(), 1, "the small buffer stays parked");
    drop(big);
    assert_eq!(pool.pooled(), 2);
    // A request the big one satisfies prefers a fitting buffer and never
    // hands out one that is too small.
    let b = pool.get(5000);
    assert!(b.capacity() >= 5000);
}

#[test]
fn get_on_a_full_pool_with_no_fitting_buffer_evicts_one() {
    let pool = BytesPool::new(2);
    let (a, b) = (pool.get(16), pool.get(16));
    drop(a);
    drop(b);
    assert_eq!(pool.pooled(), 2);
    let big = pool.get(4096);
    assert!(big.capacity() >= 4096);
    assert_eq!(
        pool.pooled(),
        1,
        "one small buffer made room for the big one"
    );
    drop(big);
    assert_eq!(pool.pooled(), 2);
    assert!(pool.get(4096).capacity() >= 4096);
}

#[test]
fn get_zero() {
    let pool = BytesPool::new(2);
    let mut z = pool.get(0);
    assert!(z.is_empty());
    z.put_slice(b"grows");
    assert_eq!(z, "grows");
    drop(z);
    // With a parked buffer, get(0) reuses it.
    drop(pool.get(32));
    let n = pool.pooled();
    assert!(n >= 1);
    let r = pool.get(0);
    assert_eq!(pool.pooled(), n - 1);
    drop(r);
    assert_eq!(pool.pooled(), n);
}

#[test]
fn clones_share_one_pool() {
    let pool = BytesPool::new(4);
    let other = pool.clone();
    let b = other.get(128);
    let addr = b.as_ptr();
    drop(b);
    assert_eq!(pool.pooled(), 1);
    assert_eq!(other.pooled(), 1);
    assert_eq!(pool.get(64).as_ptr(), addr);
    assert_eq!(other.max_pooled(), 4);
    // Dropping one clone keeps the pool open.
    drop(other);
    drop(pool.get(64));
    assert_eq!(pool.pooled(), 1);
}

#[test]
fn debug_shows_counts() {
    let pool = BytesPool::new(3);
    drop(pool.get(8));
    let s = format!("{pool:?}");
    assert!(s.contains("BytesPool"), "{s}");
    assert!(s.contains("max_pooled: 3"), "{s}");
    assert!(s.contains("pooled: 1"), "{s}");
}

#[test]
fn pool_is_send_sync() {
    fn assert_send_sync<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}
    assert_send_sync::<BytesPool>();
}

#[test]
#[should_panic(expected = "capacity overflow")]
fn get_usize_max_panics() {
    let pool = BytesPool::new(1);
    let _ = pool.get(usize::MAX);
}

#[test]
fn truncating_the_last_frozen_handle_to_zero_returns_the_buffer() {
    let pool = BytesPool::new(4);
    let mut buf = pool.get(64);
    buf.put_slice(b"pooled");
    let mut frozen = buf.freeze();
    let mut other = frozen.clone();
    frozen.truncate(0);
    assert_eq!(pool.pooled(), 0);
    other.clear();
    assert_eq!(pool.pooled(), 1);
    drop((frozen, other));
    assert_eq!(pool.pooled(), 1);
}

#[test]
fn huge_and_unbounded_pools_grow_their_free_list_as_buffers_return() {
    for max in [1usize << 40, usize::MAX] {
        let pool = BytesPool::new(max);
        assert_eq!(pool.max_pooled(), max);
        assert_eq!(pool.pooled(), 0);
        // More than the room a new pool starts with.
        let out: Vec<_> = (0..40).map(|_| pool.get(8)).collect();
        drop(out);
        assert_eq!(pool.pooled(), 40);
        let again: Vec<_> = (0..40).map(|_| pool.get(8)).collect();
        assert_eq!(pool.pooled(), 0);
        drop(again);
        assert_eq!(pool.pooled(), 40);
    }
}

#[test]
fn eviction_frees_the_buffer_idle_the_longest() {
    let pool = BytesPool::new(3);
    let (a, b, c) = (pool.get(64), pool.get(16), pool.get(16));
    let (addr_a, addr_b, addr_c) = (a.as_ptr(), b.as_ptr(), c.as_ptr());
    // Parked in the order a, b, c.
    drop(a);
    drop(b);
    drop(c);
    // Only `a` fits: taking it from the front must not reorder `b` and `c`.
    let a = pool.get(64);
    assert_eq!(a.as_ptr(), addr_a);
    drop(a);
    // Idle order now b, c, a. A miss on the full pool evicts `b`.
    let big = pool.get(4096);
    assert_eq!(pool.pooled(), 2);
    let held: Vec<_> = (0..2).map(|_| pool.get(0)).collect();
    let kept: HashSet<_> = held.iter().map(|m| m.as_ptr()).collect();
    assert_eq!(kept, HashSet::from([addr_c, addr_a]));
    assert!(!kept.contains(&addr_b));
    drop(big);
}
