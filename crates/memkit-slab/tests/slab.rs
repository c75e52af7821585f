//! Integration tests for `Slab`: every public function, the panics, zero-sized
//! values, capacity boundaries, and parity with `slab` 0.4.12 on the
//! behaviours users observe (keys, vacant-list order, `Debug`, errors).

use memkit_slab::{GetDisjointMutError, Slab};

/// Builds both slabs from the same inserts and removals.
fn pair(n: usize, removed: &[usize]) -> (Slab<usize>, slab::Slab<usize>) {
    let mut memkit = Slab::new();
    let mut peer = slab::Slab::new();
    for i in 0..n {
        assert_eq!(memkit.insert(i), peer.insert(i));
    }
    for &k in removed {
        assert_eq!(memkit.remove(k), peer.remove(k));
    }
    (memkit, peer)
}

fn same(memkit: &Slab<usize>, peer: &slab::Slab<usize>) {
    assert_eq!(memkit.len(), peer.len());
    assert_eq!(memkit.vacant_key(), peer.vacant_key());
    let a: Vec<_> = memkit.iter().map(|(k, v)| (k, *v)).collect();
    let b: Vec<_> = peer.iter().map(|(k, v)| (k, *v)).collect();
    assert_eq!(a, b);
}

/// The keys the next `n` inserts return: the vacant list, in order.
fn next_keys(slab: &mut Slab<usize>, n: usize) -> Vec<usize> {
    (0..n).map(|_| slab.insert(0)).collect()
}

#[test]
fn new_is_const_and_empty() {
    const EMPTY: Slab<String> = Slab::new();
    assert_eq!(EMPTY.len(), 0);
    assert_eq!(EMPTY.capacity(), 0);
    let d: Slab<u8> = Slab::default();
    assert!(d.is_empty());
}

#[test]
fn with_capacity_and_insert_within_capacity() {
    let mut s = Slab::with_capacity(8);
    let cap = s.capacity();
    assert!(cap >= 8);
    for i in 0..cap {
        assert_eq!(s.insert(i), i);
    }
    assert_eq!(s.capacity(), cap);
    s.insert(0);
    assert!(s.capacity() > cap);
}

#[test]
fn reserve_counts_vacant_entries() {
    for removed in [&[][..], &[1, 3], &[0, 1, 2, 3, 4]] {
        let (mut memkit, mut peer) = pair(5, removed);
        for add in [0, 1, 2, 5, 9, 40] {
            memkit.reserve(add);
            peer.reserve(add);
            assert!(memkit.capacity() - memkit.len() >= add);
            memkit.reserve_exact(add + 1);
            peer.reserve_exact(add + 1);
            assert!(memkit.capacity() - memkit.len() > add);
        }
    }
    let mut s = Slab::<u8>::new();
    s.reserve_exact(3);
    assert_eq!(s.capacity(), 3);
}

#[test]
#[should_panic(expected = "capacity overflow")]
fn reserve_overflow_panics() {
    let mut s = Slab::<u64>::new();
    s.insert(1);
    s.reserve(usize::MAX);
}

#[test]
fn shrink_to_fit_matches_slab() {
    for removed in [
        &[][..],
        &[7, 8, 9],
        &[2, 9, 4, 8],
        &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        &[5],
    ] {
        let (mut memkit, mut peer) = pair(10, removed);
        memkit.shrink_to_fit();
        peer.shrink_to_fit();
        same(&memkit, &peer);
        assert!(memkit.capacity() >= memkit.len());
        let a = next_keys(&mut memkit, 6);
        let b: Vec<usize> = (0..6).map(|_| peer.insert(0)).collect();
        assert_eq!(a, b, "removed {removed:?}");
    }
}

#[test]
fn compact_matches_slab() {
    for removed in [
        &[][..],
        &[0],
        &[1, 3, 5, 7],
        &[9, 0],
        &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    ] {
        let (mut memkit, mut peer) = pair(10, removed);
        let mut moves_a = Vec::new();
        let mut moves_b = Vec::new();
        memkit.compact(|v, from, to| {
            moves_a.push((*v, from, to));
            true
        });
        peer.compact(|v, from, to| {
            moves_b.push((*v, from, to));
            true
        });
        assert_eq!(moves_a, moves_b);
        same(&memkit, &peer);
        assert_eq!(memkit.vacant_key(), memkit.len());
    }
}

#[test]
fn compact_stops_when_rekey_refuses() {
    let (mut memkit, mut peer) = pair(10, &[0, 2, 4]);
    let mut n = 0;
    memkit.compact(|_, _, _| {
        n += 1;
        n < 2
    });
    let mut m = 0;
    peer.compact(|_, _, _| {
        m += 1;
        m < 2
    });
    same(&memkit, &peer);
    assert_eq!(
        next_keys(&mut memkit, 3),
        (0..3).map(|_| peer.insert(0)).collect::<Vec<_>>()
    );
}

#[test]
fn compact_rekey_panic_keeps_slab_valid() {
    let (mut memkit, _) = pair(6, &[1]);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        memkit.compact(|_, _, _| panic!("rekey"));
    }));
    assert!(r.is_err());
    // The value in flight (5, from key 5) is gone; the rest stay.
    assert_eq!(memkit.len(), 4);
    let keys: Vec<usize> = memkit.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, [0, 2, 3, 4]);
    assert_eq!(next_keys(&mut memkit, 2), [1, 5]);
}

#[test]
fn clear_keeps_capacity_and_resets_keys() {
    let (mut memkit, _) = pair(10, &[3]);
    let cap = memkit.capacity();
    memkit.clear();
    assert!(memkit.is_empty());
    assert_eq!(memkit.capacity(), cap);
    assert_eq!(next_keys(&mut memkit, 3), [0, 1, 2]);
}

#[test]
fn get_and_friends() {
    let (mut s, _) = pair(4, &[2]);
    assert_eq!(s.get(1), Some(&1));
    assert_eq!(s.get(2), None);
    assert_eq!(s.get(4), None);
    assert_eq!(s.get(usize::MAX), None);
    *s.get_mut(1).unwrap() = 10;
    assert_eq!(s[1], 10);
    assert!(s.get_mut(2).is_none());
    s[0] = 7;
    assert_eq!(s[0], 7);
    assert!(s.contains(3) && !s.contains(2) && !s.contains(99));
}

#[test]
fn get2_mut_orders_results_by_argument() {
    let (mut s, _) = pair(4, &[2]);
    let (a, b) = s.get2_mut(3, 0).unwrap();
    assert_eq!((*a, *b), (3, 0));
    *a = 30;
    assert_eq!(s[3], 30);
    assert!(s.get2_mut(0, 2).is_none());
    assert!(s.get2_mut(2, 0).is_none());
    assert!(s.get2_mut(0, 100).is_none());
    assert!(s.get2_mut(100, 0).is_none());
}

#[test]
#[should_panic(expected = "Slab::get2_mut: both keys are 1")]
fn get2_mut_equal_keys_panics() {
    let (mut s, _) = pair(3, &[]);
    let _ = s.get2_mut(1, 1);
}

#[test]
fn get_disjoint_mut_matches_slab() {
    let (mut memkit, mut peer) = pair(6, &[2]);
    // Keys and vacancy: exact error parity, including detection order.
    let cases: &[[usize; 3]] = &[
        [0, 1, 3],
        [0, 0, 9],
        [9, 9, 0],
        [9, 2, 0],
        [2, 9, 0],
        [0, 2, 1],
        [5, 4, 3],
        [6, 1, 0],
        [usize::MAX, 0, 1],
    ];
    for keys in cases {
        let a = memkit.get_disjoint_mut(*keys).map(|r| r.map(|v| *v));
        let b = peer
            .get_disjoint_mut(*keys)
            .map(|r| r.map(|v| *v))
            .map_err(|e| match e {
                slab::GetDisjointMutError::IndexVacant => GetDisjointMutError::IndexVacant,
                slab::GetDisjointMutError::IndexOutOfBounds => {
                    GetDisjointMutError::IndexOutOfBounds
                }
                slab::GetDisjointMutError::OverlappingIndices => {
                    GetDisjointMutError::OverlappingIndices
                }
            });
        assert_eq!(a, b, "keys {keys:?}");
    }
    let [x, y] = memkit.get_disjoint_mut([5, 0]).unwrap();
    *x += 100;
    *y += 100;
    assert_eq!((memkit[5], memkit[0]), (105, 100));
    assert!(memkit.get_disjoint_mut::<0>([]).is_ok());
}

#[test]
fn get_disjoint_mut_checks_entries_not_capacity() {
    let mut s = Slab::with_capacity(64);
    s.insert(1u8);
    assert!(s.capacity() > 2);
    assert_eq!(
        s.get_disjoint_mut([0, 1]).unwrap_err(),
        GetDisjointMutError::IndexOutOfBounds
    );
    assert!(s.get2_mut(0, 1).is_none());
}

#[test]
fn error_display_and_traits() {
    for e in [
        GetDisjointMutError::IndexVacant,
        GetDisjointMutError::IndexOutOfBounds,
        GetDisjointMutError::OverlappingIndices,
    ] {
        assert!(!e.to_string().is_empty());
        let _: &dyn std::error::Error = &e;
        assert_eq!(e.clone(), e);
    }
}

#[test]
fn unchecked_access() {
    let (mut s, _) = pair(3, &[]);
    // SAFETY: keys 0..3 hold values; 0 != 2.
    unsafe {
        assert_eq!(*s.get_unchecked(1), 1);
        *s.get_unchecked_mut(1) = 11;
        let (a, b) = s.get2_unchecked_mut(2, 0);
        std::mem::swap(a, b);
    }
    assert_eq!((s[0], s[1], s[2]), (2, 11, 0));
}

#[test]
fn key_of_finds_keys() {
    let (s, _) = pair(5, &[1]);
    for (k, v) in s.iter() {
        assert_eq!(s.key_of(v), k);
    }
    let zst: Slab<()> = [(0, ()), (1, ()), (3, ())].into_iter().collect();
    assert_eq!(zst.key_of(&zst[3]), 3);
}

#[test]
#[should_panic(expected = "Slab::key_of")]
fn key_of_foreign_reference_panics() {
    let (s, _) = pair(5, &[]);
    let other = 3usize;
    let _ = s.key_of(&other);
}

#[test]
fn vacant_entry_and_key() {
    let (mut s, _) = pair(4, &[1, 3]);
    assert_eq!(s.vacant_key(), 3);
    let e = s.vacant_entry();
    assert_eq!(e.key(), 3);
    assert!(format!("{e:?}").starts_with("VacantEntry"));
    *e.insert(33) += 1;
    assert_eq!(s[3], 34);
    assert_eq!(s.vacant_key(), 1);
    let _ = s.vacant_entry(); // an unused entry stores nothing
    assert_eq!(s.len(), 3);
    assert_eq!(s.insert(5), 1);
    assert_eq!(s.vacant_key(), 4);
}

#[test]
fn remove_and_try_remove() {
    let (mut s, _) = pair(3, &[]);
    assert_eq!(s.try_remove(1), Some(1));
    assert_eq!(s.try_remove(1), None);
    assert_eq!(s.try_remove(7), None);
    assert_eq!(s.remove(0), 0);
    assert_eq!(s.len(), 1);
    assert_eq!(next_keys(&mut s, 3), [0, 1, 3]);
}

#[test]
#[should_panic(expected = "Slab::remove: invalid key 1: vacant (len 2, 3 entries)")]
fn remove_vacant_panics() {
    let (mut s, _) = pair(3, &[1]);
    s.remove(1);
}

#[test]
#[should_panic(expected = "Slab::remove: invalid key 7: out of range (len 3, 3 entries)")]
fn remove_out_of_range_panics() {
    let (mut s, _) = pair(3, &[]);
    s.remove(7);
}

#[test]
#[should_panic(expected = "Slab::index: invalid key 3: out of range (len 3, 3 entries)")]
fn index_out_of_range_panics() {
    let (s, _) = pair(3, &[]);
    let _ = s[3];
}

#[test]
#[should_panic(expected = "Slab::index_mut: invalid key 0: vacant")]
fn index_mut_vacant_panics() {
    let (mut s, _) = pair(3, &[0]);
    s[0] = 1;
}

#[test]
fn retain_matches_slab() {
    let (mut memkit, mut peer) = pair(20, &[3, 4, 10]);
    let mut seen = Vec::new();
    memkit.retain(|k, v| {
        seen.push(k);
        *v += 1;
        k % 3 != 0
    });
    peer.retain(|k, v| {
        *v += 1;
        k % 3 != 0
    });
    same(&memkit, &peer);
    assert!(seen.windows(2).all(|w| w[0] < w[1]));
    let a = next_keys(&mut memkit, 10);
    let b: Vec<usize> = (0..10).map(|_| peer.insert(0)).collect();
    assert_eq!(a, b);
}

#[test]
fn drain_empties_and_resets() {
    let (mut s, _) = pair(5, &[2]);
    let cap = s.capacity();
    let mut d = s.drain();
    assert_eq!(d.len(), 4);
    assert_eq!(d.next(), Some(0));
    assert_eq!(d.next_back(), Some(4));
    assert_eq!(format!("{d:?}"), "Drain");
    assert_eq!(d.collect::<Vec<_>>(), [1, 3]);
    assert!(s.is_empty());
    assert_eq!(s.capacity(), cap);
    assert_eq!(next_keys(&mut s, 2), [0, 1]);
    // Dropping early drops the rest.
    let (mut s, _) = pair(5, &[]);
    drop(s.drain());
    assert!(s.is_empty());
}

#[test]
fn iterators_are_exact_double_ended_and_fused() {
    let (mut s, _) = pair(8, &[0, 3, 7]);
    let mut it = s.iter();
    assert_eq!(it.len(), 5);
    assert_eq!(it.next(), Some((1, &1)));
    assert_eq!(it.next_back(), Some((6, &6)));
    assert_eq!(it.size_hint(), (3, Some(3)));
    let cloned = it.clone();
    assert_eq!(it.by_ref().count(), 3);
    assert_eq!(it.next(), None);
    assert_eq!(it.next_back(), None);
    assert_eq!(cloned.len(), 3);
    assert_eq!(format!("{cloned:?}"), "Iter { remaining: 3 }");

    let mut it = s.iter_mut();
    assert_eq!(format!("{it:?}"), "IterMut { remaining: 5 }");
    let (k, v) = it.next_back().unwrap();
    *v = k * 100;
    assert_eq!(it.rev().map(|(k, _)| k).collect::<Vec<_>>(), [5, 4, 2, 1]);
    assert_eq!(s[6], 600);

    for (k, v) in &mut s {
        *v = k;
    }
    let by_ref: Vec<usize> = (&s).into_iter().map(|(k, _)| k).collect();
    assert_eq!(by_ref, [1, 2, 4, 5, 6]);

    let mut it = s.into_iter();
    assert_eq!(format!("{it:?}"), "IntoIter { remaining: 5 }");
    assert_eq!(it.next_back(), Some((6, 6)));
    assert_eq!(it.next(), Some((1, 1)));
    assert_eq!(it.len(), 3);
    assert_eq!(it.collect::<Vec<_>>(), [(2, 2), (4, 4), (5, 5)]);
}

#[test]
fn from_iterator_matches_slab() {
    let inputs: &[&[usize]] = &[
        &[],
        &[0, 1, 2],
        &[3],
        &[1, 4, 8],
        &[8, 1, 4],
        &[2, 2, 5, 0],
        &[0, 5, 3, 9, 9, 1],
        &[4, 3, 2, 1, 0],
    ];
    for keys in inputs {
        let mut memkit: Slab<usize> = keys.iter().map(|&k| (k, k * 10)).collect();
        let mut peer: slab::Slab<usize> = keys.iter().map(|&k| (k, k * 10)).collect();
        same(&memkit, &peer);
        let a = next_keys(&mut memkit, 12);
        let b: Vec<usize> = (0..12).map(|_| peer.insert(0)).collect();
        assert_eq!(a, b, "keys {keys:?}");
    }
}

#[test]
fn debug_matches_slab() {
    let (memkit, peer) = pair(3, &[1]);
    assert_eq!(format!("{memkit:?}"), format!("{peer:?}"));
    assert_eq!(format!("{memkit:#?}"), format!("{peer:#?}"));
    assert_eq!(format!("{:?}", memkit.iter()), format!("{:?}", peer.iter()));
}

#[test]
fn clone_and_clone_from() {
    let (s, _) = pair(6, &[1, 4]);
    let mut c = s.clone();
    assert_eq!(format!("{c:#?}"), format!("{s:#?}"));
    assert_eq!(c.vacant_key(), s.vacant_key());
    let mut d = Slab::new();
    d.insert(99);
    d.clone_from(&s);
    assert_eq!(format!("{d:#?}"), format!("{s:#?}"));
    assert_eq!(next_keys(&mut c, 3), next_keys(&mut d, 3));
}

#[test]
fn zero_sized_values() {
    let mut s = Slab::new();
    let keys: Vec<usize> = (0..100).map(|_| s.insert(())).collect();
    assert_eq!(keys, (0..100).collect::<Vec<_>>());
    s.remove(50);
    assert_eq!(s.insert(()), 50);
    s.retain(|k, _| k % 2 == 0);
    assert_eq!(s.len(), 50);
    s.compact(|_, _, _| true);
    assert_eq!(s.iter().count(), 50);
    assert_eq!(s.drain().count(), 50);
}

#[test]
fn huge_keys_are_just_absent() {
    let mut s = Slab::<u8>::new();
    assert!(!s.contains(usize::MAX));
    assert!(s.get_mut(usize::MAX).is_none());
    assert!(s.try_remove(usize::MAX).is_none());
    assert!(s.get2_mut(usize::MAX, 0).is_none());
}

#[test]
fn send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Slab<String>>();
    check::<memkit_slab::Iter<'static, String>>();
    check::<memkit_slab::Drain<'static, String>>();
}

/// `get_unchecked_at(key * STRIDE)` reaches the value of `key`, for values
/// of several sizes and alignments, and its `_mut` twin writes it.
#[test]
fn get_unchecked_at_reaches_the_key_at_each_stride() {
    fn check<T: Clone + PartialEq + core::fmt::Debug>(make: impl Fn(usize) -> T) {
        let mut slab = Slab::new();
        for i in 0..40 {
            slab.insert(make(i));
        }
        for k in (0..40).step_by(3) {
            slab.remove(k);
        }
        let stride = Slab::<T>::STRIDE;
        assert!(stride >= size_of::<T>() && stride.is_multiple_of(align_of::<T>()));
        for k in (0..40).filter(|k| k % 3 != 0) {
            // SAFETY: `k` holds a value (only multiples of 3 were removed).
            let value = unsafe { slab.get_unchecked_at(k * stride) };
            assert_eq!(Some(value), slab.get(k), "key {k}");
            let replacement = make(100 + k);
            // SAFETY: as above.
            unsafe { *slab.get_unchecked_at_mut(k * stride) = replacement.clone() };
            assert_eq!(slab.get(k), Some(&replacement), "key {k}");
        }
    }
    check(|i| i as u8);
    check(|i| i as u64);
    check(|i| (i as u64, i as u32));
    check(|i| [i as u16; 7]);
    check(|i| std::num::NonZeroU32::new(i as u32 + 1).unwrap());
    check(|_| ());
}
