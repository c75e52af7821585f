//! A value whose `Drop` panics, inside `clear`, `retain`, `drain`, `compact`
//! and the container's own drop: every other value is dropped exactly once
//! (no double drop), and nothing leaks besides the panicking value's own
//! unfinished destructor.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use memkit_slab::{GenKey, GenSlab, Slab};

const N: usize = 10;
const BOMB: usize = 4;

thread_local! {
    static DROPS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Records its drop; the one with `id == BOMB` panics in `drop`.
struct D {
    id: usize,
}

impl Drop for D {
    fn drop(&mut self) {
        DROPS.with(|d| d.borrow_mut()[self.id] += 1);
        if self.id == BOMB {
            panic!("D::drop: boom");
        }
    }
}

fn reset() {
    DROPS.with(|d| *d.borrow_mut() = vec![0; N]);
}

fn drops() -> Vec<usize> {
    DROPS.with(|d| d.borrow().clone())
}

/// Every value dropped exactly once.
fn all_once() {
    assert_eq!(drops(), vec![1; N]);
}

fn slab() -> Slab<D> {
    reset();
    let mut s = Slab::new();
    for id in 0..N {
        assert_eq!(s.insert(D { id }), id);
    }
    s
}

fn gen_slab() -> (GenSlab<D>, Vec<GenKey>) {
    reset();
    let mut s = GenSlab::new();
    let keys = (0..N).map(|id| s.insert(D { id })).collect();
    (s, keys)
}

fn panics(f: impl FnOnce()) {
    assert!(
        catch_unwind(AssertUnwindSafe(f)).is_err(),
        "expected a panic"
    );
}

#[test]
fn slab_clear_drops_all_others() {
    let mut s = slab();
    panics(|| s.clear());
    all_once();
    assert!(s.is_empty());
    assert_eq!(s.insert(D { id: 0 }), 0);
    // Take the new value out without counting a second drop of id 0.
    std::mem::forget(s.remove(0));
    drop(s);
    all_once();
}

#[test]
fn slab_drop_drops_all_others() {
    let s = slab();
    panics(|| drop(s));
    all_once();
}

#[test]
fn slab_retain_stops_and_keeps_the_rest() {
    let mut s = slab();
    panics(|| s.retain(|_, _| false));
    let mut expected = vec![0; N];
    expected[..=BOMB].fill(1);
    assert_eq!(drops(), expected);
    assert_eq!(s.len(), N - BOMB - 1);
    assert!(s.iter().all(|(k, v)| k == v.id && k > BOMB));
    drop(s);
    all_once();
}

#[test]
fn slab_drain_dropped_early_drops_the_rest() {
    let mut s = slab();
    let mut d = s.drain();
    drop(d.next());
    panics(|| drop(d));
    all_once();
    assert!(s.is_empty());
}

#[test]
fn slab_compact_drops_nothing_and_survives_a_panicking_rekey() {
    let mut s = slab();
    for k in [0, 2, 3] {
        drop(s.remove(k));
    }
    s.compact(|_, _, _| true);
    let mut expected = vec![0; N];
    for k in [0, 2, 3] {
        expected[k] = 1;
    }
    assert_eq!(drops(), expected, "compact must not drop");
    assert_eq!(s.len(), N - 3);
    panics(|| drop(s));
    all_once();

    let mut s = slab();
    drop(s.remove(1));
    // The value in flight (id 9) is dropped when `rekey` panics.
    panics(|| s.compact(|_, _, _| panic!("rekey")));
    assert_eq!(s.len(), N - 2);
    assert_eq!(drops().iter().sum::<usize>(), 2);
    let ids: Vec<usize> = s.iter().map(|(_, v)| v.id).collect();
    assert_eq!(ids, [0, 2, 3, 4, 5, 6, 7, 8]);
    panics(|| drop(s));
    all_once();
}

#[test]
fn gen_slab_clear_drops_all_others() {
    let (mut s, keys) = gen_slab();
    panics(|| s.clear());
    all_once();
    assert!(s.is_empty());
    assert!(keys.iter().all(|k| !s.contains(*k)));
}

#[test]
fn gen_slab_drop_drops_all_others() {
    let (s, _) = gen_slab();
    panics(|| drop(s));
    all_once();
}

#[test]
fn gen_slab_retain_stops_and_keeps_the_rest() {
    let (mut s, keys) = gen_slab();
    panics(|| s.retain(|_, _| false));
    let mut expected = vec![0; N];
    expected[..=BOMB].fill(1);
    assert_eq!(drops(), expected);
    assert_eq!(s.len(), N - BOMB - 1);
    assert!(keys[..=BOMB].iter().all(|k| !s.contains(*k)));
    assert!(keys[BOMB + 1..].iter().all(|k| s.contains(*k)));
    drop(s);
    all_once();
}

#[test]
fn gen_slab_drain_dropped_early_drops_the_rest() {
    let (mut s, keys) = gen_slab();
    let mut d = s.drain();
    drop(d.next());
    panics(|| drop(d));
    all_once();
    assert!(s.is_empty());
    assert!(keys.iter().all(|k| !s.contains(*k)));
}

#[test]
fn gen_slab_into_iter_dropped_early_drops_the_rest() {
    let (s, _) = gen_slab();
    let mut it = s.into_iter();
    drop(it.next_back());
    panics(|| drop(it));
    all_once();
}

#[test]
fn gen_slab_remove_returns_the_bomb_intact() {
    let (mut s, keys) = gen_slab();
    let bomb = s.remove(keys[BOMB]).unwrap();
    assert!(!s.contains(keys[BOMB]));
    panics(|| drop(bomb));
    drop(s);
    all_once();
}

/// Clones into a `D`; the clone of id `BOMB` panics.
#[derive(Debug)]
struct C {
    id: usize,
}

impl Clone for C {
    fn clone(&self) -> Self {
        assert!(self.id != BOMB, "C::clone: boom");
        C { id: self.id }
    }
}

thread_local! {
    static C_DROPS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

impl Drop for C {
    fn drop(&mut self) {
        C_DROPS.with(|d| d.borrow_mut()[self.id] += 1);
    }
}

#[test]
fn gen_slab_clone_panic_drops_the_partial_copy() {
    C_DROPS.with(|d| *d.borrow_mut() = vec![0; N]);
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..N).map(|id| s.insert(C { id })).collect();
    s.remove(keys[1]); // one vacant slot before the bomb
    panics(|| drop(s.clone()));
    // The clones made before the bomb (ids 0, 2, 3) were dropped once each;
    // id 1 was removed above.
    let drops = C_DROPS.with(|d| d.borrow().clone());
    let mut expected = vec![0; N];
    expected[0] = 1;
    expected[1] = 1;
    expected[2] = 1;
    expected[3] = 1;
    assert_eq!(drops, expected);
    assert_eq!(s.len(), N - 1);
    drop(s);
    let drops = C_DROPS.with(|d| d.borrow().clone());
    let mut expected = vec![1; N];
    expected[0] = 2;
    expected[2] = 2;
    expected[3] = 2;
    assert_eq!(drops, expected);
}

#[test]
fn retain_predicate_panic_keeps_the_rest() {
    let mut s = slab();
    panics(|| {
        s.retain(|k, _| {
            assert!(k != 3, "predicate");
            false
        })
    });
    // Keys 0..3 were removed; 3 and above stay.
    assert_eq!(drops().iter().sum::<usize>(), 3);
    assert_eq!(s.len(), N - 3);
    panics(|| drop(s));
    all_once();

    let (mut g, keys) = gen_slab();
    panics(|| {
        g.retain(|k, _| {
            assert!(k != keys[3], "predicate");
            false
        })
    });
    assert_eq!(drops().iter().sum::<usize>(), 3);
    assert!(keys[3..].iter().all(|k| g.contains(*k)));
    panics(|| drop(g));
    all_once();
}
