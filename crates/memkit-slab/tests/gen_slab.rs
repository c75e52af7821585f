//! Integration tests for `GenSlab` and `GenKey`: every public function, the
//! dead-keys-stay-dead promise (reuse, clear, drain, retain, exhausted
//! generations), panics, zero-sized values and capacity.

use std::collections::HashSet;
use std::num::NonZeroU32;

use memkit_slab::{GenKey, GenSlab, GetDisjointMutError, Slab};

fn gk(index: u32, generation: u32) -> GenKey {
    GenKey::new(index, NonZeroU32::new(generation).unwrap()).unwrap()
}

#[test]
fn key_layout_and_bits() {
    assert_eq!(size_of::<GenKey>(), 8);
    assert_eq!(size_of::<Option<GenKey>>(), 8);
    let k = gk(7, 3);
    assert_eq!(k.to_bits(), (3 << 32) | 7);
    assert_eq!(GenKey::from_bits(k.to_bits()), Some(k));
    assert_eq!(GenKey::from_bits(u32::MAX as u64), None);
    assert_eq!(GenKey::from_bits((2 << 32) | 7), None);
    assert_eq!(GenKey::new(7, NonZeroU32::new(u32::MAX - 1).unwrap()), None);
    assert_eq!(GenKey::from_bits(u64::MAX), Some(gk(u32::MAX, u32::MAX)));
    assert!(gk(1, 9) < gk(2, 1));
    assert!(gk(1, 1) < gk(1, 3));
    let set: HashSet<GenKey> = [gk(1, 1), gk(1, 1), gk(1, 3)].into_iter().collect();
    assert_eq!(set.len(), 2);
    assert_eq!(
        format!("{:?}", gk(1, 3)),
        "GenKey { index: 1, generation: 3 }"
    );
}

#[test]
fn new_const_default_capacity() {
    const EMPTY: GenSlab<String> = GenSlab::new();
    assert!(EMPTY.is_empty());
    assert_eq!(EMPTY.capacity(), 0);
    let d: GenSlab<u8> = GenSlab::default();
    assert_eq!(d.len(), 0);
    let mut s = GenSlab::with_capacity(5);
    let cap = s.capacity();
    assert!(cap >= 5);
    for i in 0..cap {
        s.insert(i);
    }
    assert_eq!(s.capacity(), cap);
}

#[test]
fn reserve_counts_free_slots() {
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..8).map(|i| s.insert(i)).collect();
    for k in &keys[..4] {
        s.remove(*k);
    }
    s.reserve(4); // four free slots: nothing to do
    let cap = s.capacity();
    s.reserve(4);
    assert_eq!(s.capacity(), cap);
    s.reserve(cap - 4 + 1);
    assert!(s.capacity() - s.len() > cap - 4);
}

#[test]
fn insert_get_remove_reuse() {
    let mut s = GenSlab::new();
    let a = s.insert("a");
    let b = s.insert("b");
    assert_eq!((a.index(), a.generation().get()), (0, 1));
    assert_eq!((b.index(), b.generation().get()), (1, 1));
    assert_eq!(s.get(a), Some(&"a"));
    *s.get_mut(b).unwrap() = "B";
    assert_eq!(s[b], "B");
    s[b] = "bb";
    assert_eq!(s.remove(a), Some("a"));
    assert_eq!(s.remove(a), None);
    assert!(!s.contains(a));
    let c = s.insert("c");
    assert_eq!((c.index(), c.generation().get()), (0, 3));
    assert_eq!(s.get(a), None);
    assert!(s.get_mut(a).is_none());
    assert_eq!(s.len(), 2);
    // Keys that were never issued.
    assert_eq!(s.get(gk(0, 5)), None);
    assert_eq!(s.get(gk(9, 1)), None);
    assert_eq!(s.remove(gk(0, 1)), None);
}

#[test]
fn free_list_is_lifo() {
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..5).map(|i| s.insert(i)).collect();
    s.remove(keys[1]);
    s.remove(keys[3]);
    assert_eq!(s.insert(0).index(), 3);
    assert_eq!(s.insert(0).index(), 1);
    assert_eq!(s.insert(0).index(), 5);
}

#[test]
fn dead_keys_stay_dead_after_clear_drain_retain() {
    let mut s = GenSlab::new();
    let mut dead = Vec::new();
    for round in 0..5 {
        let keys: Vec<GenKey> = (0..10).map(|i| s.insert(i + round)).collect();
        match round % 3 {
            0 => s.clear(),
            1 => assert_eq!(s.drain().count(), 10),
            _ => s.retain(|_, _| false),
        }
        dead.extend(keys);
        for k in &dead {
            assert!(!s.contains(*k));
        }
        assert!(s.is_empty());
    }
    let live: Vec<GenKey> = (0..10).map(|i| s.insert(i)).collect();
    for k in &dead {
        assert_eq!(s.get(*k), None);
        assert!(!live.contains(k));
    }
}

#[test]
fn exhausted_slot_is_retired() {
    let mut s = GenSlab::new();
    let last = gk(0, u32::MAX);
    assert_eq!(s.insert_at(last, 'x'), None);
    assert_eq!(s[last], 'x');
    assert_eq!(s.remove(last), Some('x'));
    assert!(!s.contains(last));
    // Slot 0 is never handed out again.
    let next = s.insert('y');
    assert_eq!((next.index(), next.generation().get()), (1, 1));
    for g in (1..=u32::MAX).step_by(1 << 28) {
        assert_eq!(s.get(gk(0, g | 1)), None);
    }
    s.clear();
    assert_eq!(s.insert('z').index(), 1);
    assert_eq!(s.insert('w').index(), 2);
    assert_eq!(s.len(), 2);
}

#[test]
fn generation_counts_up_to_retirement() {
    let mut s = GenSlab::new();
    s.insert_at(gk(0, u32::MAX - 4), 0u8);
    let mut seen = vec![gk(0, u32::MAX - 4)];
    s.remove(seen[0]);
    for _ in 0..2 {
        let k = s.insert(0);
        assert_eq!(k.index(), 0);
        seen.push(k);
        s.remove(k);
    }
    assert_eq!(seen.last().unwrap().generation().get(), u32::MAX);
    assert_eq!(s.insert(0).index(), 1);
    for k in seen {
        assert!(!s.contains(k));
    }
}

#[test]
fn insert_at_replaces_and_fills_holes() {
    let mut s = GenSlab::new();
    assert_eq!(s.insert_at(gk(3, 5), 'a'), None);
    assert_eq!(s.len(), 1);
    // Holes 0..3 are free, most recently created first.
    assert_eq!(s.insert('b').index(), 2);
    assert_eq!(s.insert_at(gk(3, 5), 'c'), Some('a'));
    assert_eq!(s[gk(3, 5)], 'c');
    assert_eq!(s.insert_at(gk(3, 7), 'd'), Some('c'));
    assert!(!s.contains(gk(3, 5)));
    // A free slot in the middle of the free list.
    assert_eq!(s.insert_at(gk(1, 1), 'e'), None);
    assert_eq!(s.insert('f').index(), 0);
    assert_eq!(s.insert('g').index(), 4);
    assert_eq!(s.len(), 5);
}

#[test]
#[should_panic(expected = "is older than slot 0's generation 2")]
fn insert_at_cannot_revive_dead_key() {
    let mut s = GenSlab::new();
    let k = s.insert(1);
    s.remove(k);
    s.insert_at(k, 2);
}

#[test]
#[should_panic(expected = "slot 0 is retired")]
fn insert_at_retired_slot_panics() {
    let mut s = GenSlab::new();
    s.insert_at(gk(0, u32::MAX), 1);
    s.remove(gk(0, u32::MAX));
    s.insert_at(gk(0, u32::MAX), 1);
}

#[test]
#[should_panic(expected = "GenSlab::insert_at: index 4294967294 is past")]
fn insert_at_index_too_large_panics() {
    GenSlab::<()>::new().insert_at(gk(u32::MAX - 1, 1), ());
}

#[test]
#[should_panic(expected = "GenSlab::index: key 0 generation 1 is not live (len 0)")]
fn index_dead_key_panics() {
    let mut s = GenSlab::new();
    let k = s.insert(1);
    s.remove(k);
    let _ = s[k];
}

#[test]
#[should_panic(expected = "GenSlab::index_mut: key 5 generation 1 is not live (len 1)")]
fn index_mut_out_of_range_panics() {
    let mut s = GenSlab::new();
    s.insert(1);
    s[gk(5, 1)] = 2;
}

#[test]
fn get_disjoint_mut() {
    let mut s = GenSlab::new();
    let a = s.insert(1);
    let b = s.insert(2);
    let c = s.insert(3);
    let [x, y, z] = s.get_disjoint_mut([c, a, b]).unwrap();
    *x += 10;
    *y += 10;
    *z += 10;
    assert_eq!((s[a], s[b], s[c]), (11, 12, 13));
    assert_eq!(
        s.get_disjoint_mut([a, a]).unwrap_err(),
        GetDisjointMutError::OverlappingIndices
    );
    s.remove(b);
    assert_eq!(
        s.get_disjoint_mut([a, b]).unwrap_err(),
        GetDisjointMutError::IndexVacant
    );
    let b2 = s.insert(4);
    // `b` is stale: its slot now holds `b2`, a later generation.
    assert_eq!(
        s.get_disjoint_mut([b, b2]).unwrap_err(),
        GetDisjointMutError::IndexVacant
    );
    assert_eq!(
        s.get_disjoint_mut([gk(40, 1), a]).unwrap_err(),
        GetDisjointMutError::IndexOutOfBounds
    );
    // Duplicates are reported first, as `Slab` does.
    assert_eq!(
        s.get_disjoint_mut([b, gk(40, 1), b]).unwrap_err(),
        GetDisjointMutError::OverlappingIndices
    );
    assert!(s.get_disjoint_mut::<0>([]).is_ok());
}

/// Like `slab::Slab::drain`, a `Drain` dropped unused must build under
/// `deny(warnings)`: dropping it is what clears the slab.
#[test]
#[deny(warnings)]
fn drain_dropped_unused_clears_without_a_warning() {
    let mut s = GenSlab::new();
    let k = s.insert(1);
    s.drain();
    assert!(s.is_empty() && !s.contains(k));
    let mut t = Slab::new();
    t.insert(1);
    t.drain();
    assert!(t.is_empty());
}

#[test]
fn retain_visits_in_order_and_keys_match() {
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..10).map(|i| s.insert(i)).collect();
    s.remove(keys[4]);
    let mut seen = Vec::new();
    s.retain(|k, v| {
        seen.push(k);
        *v *= 2;
        *v % 4 == 0
    });
    let expected: Vec<GenKey> = keys.iter().copied().filter(|k| *k != keys[4]).collect();
    assert_eq!(seen, expected);
    assert_eq!(s.len(), 4);
    assert_eq!(s[keys[2]], 4);
    assert!(!s.contains(keys[3]));
}

#[test]
fn iterators() {
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..6).map(|i| s.insert(i)).collect();
    s.remove(keys[0]);
    s.remove(keys[5]);
    let mut it = s.iter();
    assert_eq!(it.len(), 4);
    assert_eq!(format!("{it:?}"), "Iter { remaining: 4 }");
    assert_eq!(it.next(), Some((keys[1], &1)));
    assert_eq!(it.next_back(), Some((keys[4], &4)));
    let c = it.clone();
    assert_eq!(it.by_ref().count(), 2);
    assert_eq!(it.next(), None);
    assert_eq!(it.next_back(), None);
    assert_eq!(c.len(), 2);

    for (k, v) in s.iter_mut() {
        *v = k.index() as i32 * 10;
    }
    let mut it = s.iter_mut();
    assert_eq!(format!("{it:?}"), "IterMut { remaining: 4 }");
    assert_eq!(it.next_back().map(|(k, v)| (k, *v)), Some((keys[4], 40)));
    for (_, v) in &mut s {
        *v += 1;
    }
    assert_eq!(
        (&s).into_iter().map(|(_, v)| *v).collect::<Vec<_>>(),
        [11, 21, 31, 41]
    );

    let mut into = s.clone().into_iter();
    assert_eq!(format!("{into:?}"), "IntoIter { remaining: 4 }");
    assert_eq!(into.next_back(), Some((keys[4], 41)));
    assert_eq!(into.len(), 3);
    assert_eq!(into.next(), Some((keys[1], 11)));
    drop(into);

    let mut d = s.drain();
    assert_eq!(d.len(), 4);
    assert_eq!(d.next_back(), Some((keys[4], 41)));
    assert_eq!(format!("{d:?}"), "Drain { remaining: 3 }");
    assert_eq!(d.next(), Some((keys[1], 11)));
    drop(d); // drops the rest
    assert!(s.is_empty());
    for k in keys {
        assert!(!s.contains(k));
    }
}

#[test]
fn leaked_drain_leaves_the_rest() {
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..4).map(|i| s.insert(i)).collect();
    let mut d = s.drain();
    d.next();
    std::mem::forget(d);
    assert_eq!(s.len(), 3);
    assert!(!s.contains(keys[0]) && s.contains(keys[1]));
}

#[test]
fn clone_keeps_keys_and_debug_shape() {
    let mut s = GenSlab::new();
    let a = s.insert(String::from("a"));
    let b = s.insert(String::from("b"));
    s.remove(a);
    let c = s.clone();
    assert!(!c.contains(a));
    assert_eq!(c[b], "b");
    assert_eq!(
        format!("{c:?}"),
        format!("GenSlab {{ len: 1, cap: {} }}", c.capacity())
    );
    let pretty = format!("{c:#?}");
    assert!(pretty.contains("GenKey") && pretty.contains("\"b\""));
    let mut c = c;
    assert_eq!(c.insert(String::new()).index(), 0);
}

#[test]
fn zero_sized_values() {
    let mut s = GenSlab::new();
    let keys: Vec<GenKey> = (0..100).map(|_| s.insert(())).collect();
    for k in &keys[..50] {
        assert_eq!(s.remove(*k), Some(()));
    }
    assert_eq!(s.len(), 50);
    assert_eq!(s.iter().count(), 50);
    s.retain(|k, _| k.index() % 2 == 0);
    assert_eq!(s.len(), 25);
    assert_eq!(s.drain().count(), 25);
    assert!(keys.iter().all(|k| !s.contains(*k)));
}

#[test]
fn slot_sizes() {
    assert_eq!(GenSlab::<u32>::SLOT_SIZE, 8);
    assert_eq!(GenSlab::<u64>::SLOT_SIZE, 16);
    assert_eq!(GenSlab::<()>::SLOT_SIZE, 8);
    assert_eq!(GenSlab::<String>::SLOT_SIZE, 32);
    assert_eq!(GenSlab::<u8>::SLOT_SIZE, 8);
}

#[test]
fn send_sync() {
    fn check<T: Send + Sync>() {}
    check::<GenSlab<String>>();
    check::<memkit_slab::gen_slab::Iter<'static, String>>();
    check::<memkit_slab::gen_slab::Drain<'static, String>>();
    check::<memkit_slab::gen_slab::IntoIter<String>>();
}

#[test]
fn key_of_finds_every_stored_value_and_nothing_else() {
    let mut slab = GenSlab::new();
    let mut keys: Vec<GenKey> = (0..64u64).map(|i| slab.insert(i)).collect();
    // Churn: every third slot is freed and reused under a new generation.
    for k in keys.iter_mut().step_by(3) {
        let value = slab.remove(*k).unwrap();
        *k = slab.insert(value + 100);
    }
    for &k in &keys {
        assert_eq!(slab.key_of(&slab[k]), Some(k));
    }
    let outside = 5u64;
    assert_eq!(slab.key_of(&outside), None);
    let mut other = GenSlab::new();
    let ko = other.insert(5u64);
    assert_eq!(slab.key_of(&other[ko]), None);
    assert_eq!(other.key_of(&other[ko]), Some(ko));
}

#[test]
fn key_of_zero_sized_values() {
    let mut slab = GenSlab::new();
    let a = slab.insert(());
    let b = slab.insert(());
    assert_eq!(slab.key_of(&slab[a]), Some(a));
    assert_eq!(slab.key_of(&slab[b]), Some(b));
    assert_eq!(slab.key_of(&()), None);
}

#[test]
fn key_of_tells_adjacent_values_and_copies_apart() {
    let mut slab: GenSlab<[u16; 4]> = GenSlab::new();
    let a = slab.insert([1, 2, 3, 4]);
    let b = slab.insert([1, 2, 3, 4]);
    assert_eq!(slab.key_of(&slab[a]), Some(a));
    assert_eq!(slab.key_of(&slab[b]), Some(b));
    let copy = slab[a];
    assert_eq!(slab.key_of(&copy), None);
}

#[test]
fn key_at_matches_iteration_and_vacant_slots() {
    let mut slab = GenSlab::new();
    let keys: Vec<GenKey> = (0..10).map(|i| slab.insert(i)).collect();
    slab.remove(keys[4]);
    slab.remove(keys[7]);
    let reused = slab.insert(70);
    assert_eq!(reused.index(), 7);
    for index in 0..12 {
        let expected = slab
            .iter()
            .find(|(k, _)| k.index() as usize == index)
            .map(|(k, _)| k);
        assert_eq!(slab.key_at(index), expected, "slot {index}");
    }
    assert_eq!(slab.key_at(7), Some(reused));
    assert_ne!(slab.key_at(7), Some(keys[7]));
}

#[test]
fn shrink_to_fit_keeps_vacant_generations() {
    let mut slab = GenSlab::with_capacity(100);
    let keys: Vec<GenKey> = (0..10).map(|i| slab.insert(i)).collect();
    for &k in &keys[5..] {
        slab.remove(k);
    }
    slab.shrink_to_fit();
    assert!(
        slab.capacity() >= 10 && slab.capacity() < 100,
        "{}",
        slab.capacity()
    );
    slab.assert_invariants();
    // The freed slots are reused under new generations: the old keys stay dead.
    let fresh: Vec<GenKey> = (0..5).map(|i| slab.insert(i)).collect();
    for (old, new) in keys[5..].iter().zip(fresh.iter().rev()) {
        assert_eq!(old.index(), new.index());
        assert!(!slab.contains(*old));
        assert!(slab.contains(*new));
    }
    let mut empty = GenSlab::<u8>::with_capacity(50);
    empty.shrink_to_fit();
    assert_eq!(empty.capacity(), 0);
}
