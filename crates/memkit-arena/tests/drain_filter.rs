//! `Vec::drain_filter`: bumpalo's semantics (dropping the iterator removes
//! the rest of the selected elements), one pass in all, and panic safety
//! with per-element drop counts.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use memkit_arena::Bump;
use memkit_arena::collections::Vec;
use memkit_testkit::config;
use proptest::prelude::*;

/// An element that counts its drops in a shared table, and can be told to
/// panic when dropped.
struct Tracked<'a> {
    id: usize,
    drops: &'a [Cell<u32>],
    panic_on_drop: bool,
}

impl Drop for Tracked<'_> {
    fn drop(&mut self) {
        self.drops[self.id].set(self.drops[self.id].get() + 1);
        if self.panic_on_drop {
            panic!("drop of element {} panics", self.id);
        }
    }
}

fn tracked<'a, 'b>(bump: &'b Bump, drops: &'a [Cell<u32>]) -> Vec<'b, Tracked<'a>> {
    Vec::from_iter_in(
        (0..drops.len()).map(|id| Tracked {
            id,
            drops,
            panic_on_drop: false,
        }),
        bump,
    )
}

fn ids(v: &Vec<'_, Tracked<'_>>) -> std::vec::Vec<usize> {
    v.iter().map(|t| t.id).collect()
}

fn drop_counts(drops: &[Cell<u32>]) -> std::vec::Vec<u32> {
    drops.iter().map(Cell::get).collect()
}

#[test]
fn yields_selected_keeps_the_rest_in_order() {
    let b = Bump::new();
    let mut v = Vec::from_iter_in(0..20u32, &b);
    let removed: std::vec::Vec<u32> = v.drain_filter(|x| *x % 3 == 0).collect();
    assert_eq!(removed, [0, 3, 6, 9, 12, 15, 18]);
    assert_eq!(v, [1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19]);
    // The predicate may change the elements it keeps.
    let _ = v.drain_filter(|x| {
        *x *= 10;
        false
    });
    assert_eq!(v[..3], [10, 20, 40]);
}

#[test]
fn dropping_early_removes_the_remaining_selected() {
    let b = Bump::new();
    let mut v = Vec::from_iter_in(1..=6u32, &b);
    let mut it = v.drain_filter(|x| *x % 2 == 0);
    assert_eq!(it.size_hint(), (0, Some(6)));
    assert_eq!(it.next(), Some(2));
    assert_eq!(it.size_hint(), (0, Some(4)));
    drop(it);
    assert_eq!(v, [1, 3, 5]);
    // Never iterated at all: still removes.
    let _ = v.drain_filter(|x| *x > 2);
    assert_eq!(v, [1]);
}

#[test]
fn one_pass_in_all() {
    // Removing every other element of a large vector: the predicate runs
    // once per element, and the old O(n) shift per removal would make this
    // take minutes.
    let n = if cfg!(miri) { 300 } else { 400_000 };
    let b = Bump::new();
    let mut v = Vec::from_iter_in(0..n, &b);
    let mut calls = 0usize;
    let removed = v
        .drain_filter(|x| {
            calls += 1;
            *x % 2 == 0
        })
        .count();
    assert_eq!((removed, calls, v.len()), (n / 2, n, n / 2));
    assert!(v.iter().enumerate().all(|(i, x)| *x == 2 * i + 1));
}

#[test]
fn removed_elements_are_dropped_once() {
    let b = Bump::new();
    let drops: std::vec::Vec<Cell<u32>> = (0..10).map(|_| Cell::new(0)).collect();
    let mut v = tracked(&b, &drops);
    let mut it = v.drain_filter(|t| t.id % 2 == 0);
    let first = it.next().unwrap();
    assert_eq!(first.id, 0);
    drop(it); // drops 2, 4, 6, 8 in place
    assert_eq!(drop_counts(&drops), [0, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    drop(first);
    assert_eq!(ids(&v), [1, 3, 5, 7, 9]);
    drop(v);
    assert!(drops.iter().all(|d| d.get() == 1));
}

#[test]
fn predicate_panic_in_next_keeps_the_rest() {
    let b = Bump::new();
    let drops: std::vec::Vec<Cell<u32>> = (0..8).map(|_| Cell::new(0)).collect();
    let mut v = tracked(&b, &drops);
    let mut calls = 0;
    let mut taken = std::vec::Vec::new();
    let r = catch_unwind(AssertUnwindSafe(|| {
        let it = v.drain_filter(|t| {
            calls += 1;
            assert!(t.id != 5, "predicate panics at element 5");
            t.id % 2 == 0
        });
        for t in it {
            taken.push(t);
        }
    }));
    assert!(r.is_err());
    // The predicate is not called again after it panicked.
    assert_eq!(calls, 6);
    assert_eq!(
        taken.iter().map(|t| t.id).collect::<std::vec::Vec<_>>(),
        [0, 2, 4]
    );
    // Kept so far (1, 3), then the element it panicked on and the rest.
    assert_eq!(ids(&v), [1, 3, 5, 6, 7]);
    assert!(drops.iter().all(|d| d.get() == 0));
    drop(taken);
    drop(v);
    assert!(drops.iter().all(|d| d.get() == 1));
}

#[test]
fn predicate_panic_while_dropping_keeps_the_rest() {
    let b = Bump::new();
    let drops: std::vec::Vec<Cell<u32>> = (0..8).map(|_| Cell::new(0)).collect();
    let mut v = tracked(&b, &drops);
    let r = catch_unwind(AssertUnwindSafe(|| {
        // Never iterated: the whole pass runs in `Drop`.
        let _ = v.drain_filter(|t| {
            assert!(t.id != 4, "predicate panics at element 4");
            t.id % 2 == 1
        });
    }));
    assert!(r.is_err());
    assert_eq!(drop_counts(&drops), [0, 1, 0, 1, 0, 0, 0, 0]);
    assert_eq!(ids(&v), [0, 2, 4, 5, 6, 7]);
    drop(v);
    assert!(drops.iter().all(|d| d.get() == 1));
}

#[test]
fn element_drop_panic_while_dropping_keeps_the_rest() {
    let b = Bump::new();
    let drops: std::vec::Vec<Cell<u32>> = (0..8).map(|_| Cell::new(0)).collect();
    let mut v = tracked(&b, &drops);
    v[3].panic_on_drop = true;
    let r = catch_unwind(AssertUnwindSafe(|| {
        let _ = v.drain_filter(|t| t.id % 3 == 0);
    }));
    assert!(r.is_err());
    // 0 and 3 were dropped (3 panicked in its `Drop`); 6 was not reached.
    assert_eq!(drop_counts(&drops), [1, 0, 0, 1, 0, 0, 0, 0]);
    assert_eq!(ids(&v), [1, 2, 4, 5, 6, 7]);
    drop(v);
    assert!(drops.iter().all(|d| d.get() == 1));
}

#[test]
fn leaked_iterator_leaves_an_empty_vector() {
    let b = Bump::new();
    let mut v = Vec::from_iter_in(0..5u8, &b);
    let mut it = v.drain_filter(|x| *x == 1);
    assert_eq!(it.next(), Some(1));
    core::mem::forget(it);
    assert!(v.is_empty());
    v.push(9);
    assert_eq!(v, [9]);
}

#[test]
fn zero_sized_elements() {
    let b = Bump::new();
    let mut v = Vec::from_iter_in(std::iter::repeat_n((), 7), &b);
    let mut k = 0;
    let removed = v
        .drain_filter(|()| {
            k += 1;
            k % 2 == 0
        })
        .count();
    assert_eq!((removed, v.len()), (3, 4));
}

proptest! {
    #![proptest_config(config())]

    /// memkit and bumpalo agree on what is yielded and what stays, for any
    /// predicate and any number of items taken before the drop.
    #[test]
    fn matches_bumpalo(
        items in proptest::collection::vec(0u8..8, 0..40),
        keep_below in 0u8..9,
        take in 0usize..45,
    ) {
        let memkit_bump = Bump::new();
        let peer_bump = bumpalo::Bump::new();
        let mut memkit = Vec::from_iter_in(items.iter().copied(), &memkit_bump);
        let mut peer = bumpalo::collections::Vec::from_iter_in(items.iter().copied(), &peer_bump);
        let a: std::vec::Vec<u8> = memkit.drain_filter(|x| *x >= keep_below).take(take).collect();
        let b: std::vec::Vec<u8> = peer.drain_filter(|x| *x >= keep_below).take(take).collect();
        prop_assert_eq!(a, b);
        prop_assert_eq!(&memkit[..], &peer[..]);
        let model: std::vec::Vec<u8> = items.iter().copied().filter(|x| *x < keep_below).collect();
        prop_assert_eq!(&memkit[..], &model[..]);
    }
}
