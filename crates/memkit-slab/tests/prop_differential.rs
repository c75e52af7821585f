//! Differential property tests.
//!
//! * `Slab`: random operation sequences run against memkit's `Slab`,
//!   `slab` 0.4.12 and a `HashMap` model. Keys (hence the free-list order),
//!   values, `len` and the next vacant key must agree after every step.
//! * `GenSlab`: the same against `slotmap::SlotMap` and a model that
//!   remembers every dead key: a dead key must stay dead forever.
//!
//! # Case count
//!
//! `ProptestConfig::default()` reads `PROPTEST_CASES`; only when it is unset
//! does this file choose 256 cases (4 under Miri). Failure persistence is
//! off under Miri. Sequences are shorter under Miri.

use std::collections::{HashMap, HashSet};

use memkit_slab::{GenKey, GenSlab, GetDisjointMutError, Slab};
use memkit_testkit::{config, quiet};
use proptest::prelude::*;

const MAX_OPS: usize = if cfg!(miri) { 24 } else { 300 };

// ---------------------------------------------------------------------------
// Slab

#[derive(Debug, Clone)]
enum Op {
    Insert(u32),
    VacantEntry(u32),
    /// Remove the value at a key picked by the selector (may be vacant or
    /// out of range: then `try_remove` must return `None` on both).
    TryRemove(usize),
    /// Remove a live key (picked among live keys).
    Remove(usize),
    Get(usize),
    GetMut(usize, u32),
    Get2Mut(usize, usize),
    Disjoint([usize; 3]),
    Retain(u32),
    Compact(u8),
    ShrinkToFit,
    Clear,
    Drain(u8),
    Reserve(u8),
    ReserveExact(u8),
    Clone,
    Rebuild,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => any::<u32>().prop_map(Op::Insert),
        2 => any::<u32>().prop_map(Op::VacantEntry),
        2 => any::<usize>().prop_map(Op::TryRemove),
        4 => any::<usize>().prop_map(Op::Remove),
        2 => any::<usize>().prop_map(Op::Get),
        1 => (any::<usize>(), any::<u32>()).prop_map(|(k, v)| Op::GetMut(k, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Get2Mut(a, b)),
        1 => any::<[usize; 3]>().prop_map(Op::Disjoint),
        1 => (2u32..6).prop_map(Op::Retain),
        1 => any::<u8>().prop_map(Op::Compact),
        1 => Just(Op::ShrinkToFit),
        1 => Just(Op::Clear),
        1 => any::<u8>().prop_map(Op::Drain),
        1 => any::<u8>().prop_map(Op::Reserve),
        1 => any::<u8>().prop_map(Op::ReserveExact),
        1 => Just(Op::Clone),
        1 => Just(Op::Rebuild),
    ]
}

/// A key near the used range: in range (live or vacant) or just past it.
fn near(selector: usize, memkit: &Slab<u32>, peer: &slab::Slab<u32>) -> usize {
    let span = peer.capacity().max(memkit.len()) + 3;
    selector % span
}

fn map_err(e: slab::GetDisjointMutError) -> GetDisjointMutError {
    match e {
        slab::GetDisjointMutError::IndexVacant => GetDisjointMutError::IndexVacant,
        slab::GetDisjointMutError::IndexOutOfBounds => GetDisjointMutError::IndexOutOfBounds,
        slab::GetDisjointMutError::OverlappingIndices => GetDisjointMutError::OverlappingIndices,
    }
}

fn check_slab(
    memkit: &Slab<u32>,
    peer: &slab::Slab<u32>,
    model: &HashMap<usize, u32>,
) -> Result<(), TestCaseError> {
    memkit.assert_invariants();
    prop_assert_eq!(memkit.len(), peer.len());
    prop_assert_eq!(memkit.len(), model.len());
    prop_assert_eq!(memkit.vacant_key(), peer.vacant_key());
    let a: Vec<(usize, u32)> = memkit.iter().map(|(k, v)| (k, *v)).collect();
    let b: Vec<(usize, u32)> = peer.iter().map(|(k, v)| (k, *v)).collect();
    prop_assert_eq!(&a, &b);
    let mut m: Vec<(usize, u32)> = model.iter().map(|(k, v)| (*k, *v)).collect();
    m.sort_unstable();
    prop_assert_eq!(&a, &m);
    let back: Vec<usize> = memkit.iter().rev().map(|(k, _)| k).collect();
    prop_assert!(back.iter().rev().eq(a.iter().map(|(k, _)| k)));
    Ok(())
}

fn run_slab(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut memkit = Slab::new();
    let mut peer = slab::Slab::new();
    let mut model = HashMap::new();
    for op in ops {
        match op {
            Op::Insert(v) => {
                let k = memkit.insert(v);
                prop_assert_eq!(k, peer.insert(v));
                prop_assert!(model.insert(k, v).is_none());
            }
            Op::VacantEntry(v) => {
                let e = memkit.vacant_entry();
                let k = e.key();
                prop_assert_eq!(*e.insert(v), v);
                let e = peer.vacant_entry();
                prop_assert_eq!(k, e.key());
                e.insert(v);
                model.insert(k, v);
            }
            Op::TryRemove(sel) => {
                let k = near(sel, &memkit, &peer);
                let r = memkit.try_remove(k);
                prop_assert_eq!(r, peer.try_remove(k));
                prop_assert_eq!(r, model.remove(&k));
            }
            Op::Remove(sel) => {
                if model.is_empty() {
                    continue;
                }
                let mut keys: Vec<usize> = model.keys().copied().collect();
                keys.sort_unstable();
                let k = keys[sel % keys.len()];
                let r = memkit.remove(k);
                prop_assert_eq!(r, peer.remove(k));
                prop_assert_eq!(Some(r), model.remove(&k));
            }
            Op::Get(sel) => {
                let k = near(sel, &memkit, &peer);
                prop_assert_eq!(memkit.get(k), peer.get(k));
                prop_assert_eq!(memkit.get(k), model.get(&k));
                prop_assert_eq!(memkit.contains(k), model.contains_key(&k));
            }
            Op::GetMut(sel, v) => {
                let k = near(sel, &memkit, &peer);
                if let Some(x) = memkit.get_mut(k) {
                    *x = v;
                    *peer.get_mut(k).unwrap() = v;
                    model.insert(k, v);
                } else {
                    prop_assert!(peer.get_mut(k).is_none());
                }
            }
            Op::Get2Mut(a, b) => {
                let (a, b) = (near(a, &memkit, &peer), near(b, &memkit, &peer));
                if a == b {
                    continue;
                }
                let x = memkit.get2_mut(a, b).map(|(x, y)| (*x, *y));
                // slab 0.4.12 panics ("mid > len") when the larger key lies
                // past its entries; its docs (and memkit) say `None`.
                match quiet(|| peer.get2_mut(a, b).map(|(x, y)| (*x, *y))) {
                    Some(y) => prop_assert_eq!(x, y),
                    None => prop_assert!(x.is_none() && !memkit.contains(a.max(b))),
                }
                if let Some((x, y)) = memkit.get2_mut(a, b) {
                    std::mem::swap(x, y);
                    let (x, y) = peer.get2_mut(a, b).unwrap();
                    std::mem::swap(x, y);
                    let (va, vb) = (model[&a], model[&b]);
                    model.insert(a, vb);
                    model.insert(b, va);
                }
            }
            Op::Disjoint(keys) => {
                let keys = keys.map(|s| near(s, &memkit, &peer));
                let x = memkit.get_disjoint_mut(keys).map(|r| r.map(|v| *v));
                let y = peer
                    .get_disjoint_mut(keys)
                    .map(|r| r.map(|v| *v))
                    .map_err(map_err);
                prop_assert_eq!(x, y);
            }
            Op::Retain(m) => {
                let mut seen_a = Vec::new();
                memkit.retain(|k, v| {
                    seen_a.push(k);
                    *v % m != 0
                });
                let mut seen_b = Vec::new();
                peer.retain(|k, v| {
                    seen_b.push(k);
                    *v % m != 0
                });
                prop_assert_eq!(seen_a, seen_b);
                model.retain(|_, v| *v % m != 0);
            }
            Op::Compact(stop) => {
                let mut moves_a = Vec::new();
                memkit.compact(|v, from, to| {
                    moves_a.push((*v, from, to));
                    moves_a.len() != usize::from(stop)
                });
                let mut moves_b = Vec::new();
                peer.compact(|v, from, to| {
                    moves_b.push((*v, from, to));
                    moves_b.len() != usize::from(stop)
                });
                prop_assert_eq!(&moves_a, &moves_b);
                for (i, (v, from, to)) in moves_a.iter().enumerate() {
                    if i + 1 != usize::from(stop) {
                        prop_assert_eq!(model.remove(from), Some(*v));
                        model.insert(*to, *v);
                    }
                }
            }
            Op::ShrinkToFit => {
                memkit.shrink_to_fit();
                peer.shrink_to_fit();
                prop_assert!(memkit.capacity() >= memkit.len());
            }
            Op::Clear => {
                memkit.clear();
                peer.clear();
                model.clear();
            }
            Op::Drain(take) => {
                let mut a = memkit.drain();
                let mut b = peer.drain();
                prop_assert_eq!(a.len(), b.len());
                for _ in 0..take % 4 {
                    prop_assert_eq!(a.next(), b.next());
                    prop_assert_eq!(a.next_back(), b.next_back());
                }
                drop((a, b));
                model.clear();
            }
            Op::Reserve(n) => {
                memkit.reserve(n.into());
                peer.reserve(n.into());
                prop_assert!(memkit.capacity() - memkit.len() >= usize::from(n));
            }
            Op::ReserveExact(n) => {
                memkit.reserve_exact(n.into());
                peer.reserve_exact(n.into());
                prop_assert!(memkit.capacity() - memkit.len() >= usize::from(n));
            }
            Op::Clone => {
                memkit = memkit.clone();
                peer = peer.clone();
            }
            Op::Rebuild => {
                // Through `FromIterator`, in reverse key order.
                memkit = memkit.iter().rev().map(|(k, v)| (k, *v)).collect();
                peer = peer.iter().rev().map(|(k, v)| (k, *v)).collect();
            }
        }
        check_slab(&memkit, &peer, &model)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn slab_agrees_with_slab_and_model(ops in prop::collection::vec(op(), 0..MAX_OPS)) {
        run_slab(ops)?;
    }
}

// ---------------------------------------------------------------------------
// GenSlab

#[derive(Debug, Clone)]
enum GenOp {
    Insert(u32),
    /// Remove a key picked among every key ever issued (live or dead).
    Remove(usize),
    /// Look a key up (live or dead).
    Get(usize),
    GetMut(usize, u32),
    Disjoint([usize; 2]),
    Retain(u32),
    Clear,
    Drain(u8),
    Reserve(u8),
    Clone,
}

fn gen_op() -> impl Strategy<Value = GenOp> {
    prop_oneof![
        8 => any::<u32>().prop_map(GenOp::Insert),
        5 => any::<usize>().prop_map(GenOp::Remove),
        3 => any::<usize>().prop_map(GenOp::Get),
        1 => (any::<usize>(), any::<u32>()).prop_map(|(k, v)| GenOp::GetMut(k, v)),
        1 => any::<[usize; 2]>().prop_map(GenOp::Disjoint),
        1 => (2u32..6).prop_map(GenOp::Retain),
        1 => Just(GenOp::Clear),
        1 => any::<u8>().prop_map(GenOp::Drain),
        1 => any::<u8>().prop_map(GenOp::Reserve),
        1 => Just(GenOp::Clone),
    ]
}

/// Every key ever issued, with its slotmap twin.
struct Keys {
    all: Vec<(GenKey, slotmap::DefaultKey)>,
    twin: HashMap<GenKey, slotmap::DefaultKey>,
    live: HashMap<GenKey, u32>,
    dead: HashSet<GenKey>,
}

impl Keys {
    fn pick(&self, sel: usize) -> Option<(GenKey, slotmap::DefaultKey)> {
        (!self.all.is_empty()).then(|| self.all[sel % self.all.len()])
    }

    fn kill(&mut self, k: GenKey) {
        self.live.remove(&k);
        self.dead.insert(k);
    }
}

fn check_gen(
    memkit: &GenSlab<u32>,
    peer: &slotmap::SlotMap<slotmap::DefaultKey, u32>,
    keys: &Keys,
) -> Result<(), TestCaseError> {
    memkit.assert_invariants();
    prop_assert_eq!(memkit.len(), peer.len());
    prop_assert_eq!(memkit.len(), keys.live.len());
    for k in &keys.dead {
        prop_assert!(!memkit.contains(*k), "dead key {:?} is live again", k);
        prop_assert_eq!(memkit.get(*k), None);
        prop_assert!(!peer.contains_key(keys.twin[k]));
    }
    for (k, v) in &keys.live {
        prop_assert_eq!(memkit.get(*k), Some(v));
        prop_assert_eq!(peer.get(keys.twin[k]), Some(v));
    }
    let mut a: Vec<(GenKey, u32)> = memkit.iter().map(|(k, v)| (k, *v)).collect();
    prop_assert!(a.windows(2).all(|w| w[0].0.index() < w[1].0.index()));
    prop_assert_eq!(memkit.iter().len(), a.len());
    a.sort_unstable();
    let mut m: Vec<(GenKey, u32)> = keys.live.iter().map(|(k, v)| (*k, *v)).collect();
    m.sort_unstable();
    prop_assert_eq!(a, m);
    Ok(())
}

fn run_gen(ops: Vec<GenOp>) -> Result<(), TestCaseError> {
    let mut memkit = GenSlab::new();
    let mut peer = slotmap::SlotMap::new();
    let mut keys = Keys {
        all: Vec::new(),
        twin: HashMap::new(),
        live: HashMap::new(),
        dead: HashSet::new(),
    };
    for op in ops {
        match op {
            GenOp::Insert(v) => {
                let k = memkit.insert(v);
                let t = peer.insert(v);
                prop_assert!(!keys.dead.contains(&k), "reissued dead key {:?}", k);
                prop_assert!(keys.live.insert(k, v).is_none());
                keys.all.push((k, t));
                keys.twin.insert(k, t);
            }
            GenOp::Remove(sel) => {
                let Some((k, t)) = keys.pick(sel) else {
                    continue;
                };
                let r = memkit.remove(k);
                prop_assert_eq!(r, peer.remove(t));
                prop_assert_eq!(r, keys.live.get(&k).copied());
                keys.kill(k);
            }
            GenOp::Get(sel) => {
                let Some((k, t)) = keys.pick(sel) else {
                    continue;
                };
                prop_assert_eq!(memkit.get(k), peer.get(t));
                prop_assert_eq!(memkit.contains(k), peer.contains_key(t));
            }
            GenOp::GetMut(sel, v) => {
                let Some((k, t)) = keys.pick(sel) else {
                    continue;
                };
                match (memkit.get_mut(k), peer.get_mut(t)) {
                    (Some(a), Some(b)) => {
                        *a = v;
                        *b = v;
                        keys.live.insert(k, v);
                    }
                    (None, None) => {}
                    _ => prop_assert!(false, "get_mut disagrees on {:?}", k),
                }
            }
            GenOp::Disjoint([a, b]) => {
                let (Some((ka, ta)), Some((kb, tb))) = (keys.pick(a), keys.pick(b)) else {
                    continue;
                };
                let x = memkit.get_disjoint_mut([ka, kb]).map(|r| r.map(|v| *v));
                let y = peer.get_disjoint_mut([ta, tb]).map(|r| r.map(|v| *v));
                if ka == kb {
                    prop_assert_eq!(&x, &Err(GetDisjointMutError::OverlappingIndices));
                }
                prop_assert_eq!(x.ok(), y);
            }
            GenOp::Retain(m) => {
                let mut removed = Vec::new();
                memkit.retain(|k, v| {
                    let keep = *v % m != 0;
                    if !keep {
                        removed.push(k);
                    }
                    keep
                });
                peer.retain(|_, v| *v % m != 0);
                for k in removed {
                    keys.kill(k);
                }
            }
            GenOp::Clear => {
                memkit.clear();
                peer.clear();
                let live: Vec<GenKey> = keys.live.keys().copied().collect();
                for k in live {
                    keys.kill(k);
                }
            }
            GenOp::Drain(take) => {
                let mut drained = Vec::new();
                let mut d = memkit.drain();
                for _ in 0..take % 4 {
                    drained.extend(d.next());
                    drained.extend(d.next_back());
                }
                drop(d);
                peer.drain().for_each(drop);
                for (k, v) in drained {
                    prop_assert_eq!(keys.live.get(&k), Some(&v));
                }
                let live: Vec<GenKey> = keys.live.keys().copied().collect();
                for k in live {
                    keys.kill(k);
                }
            }
            GenOp::Reserve(n) => {
                memkit.reserve(n.into());
                peer.reserve(n.into());
                prop_assert!(memkit.capacity() - memkit.len() >= usize::from(n));
            }
            GenOp::Clone => {
                memkit = memkit.clone();
            }
        }
        check_gen(&memkit, &peer, &keys)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn gen_slab_agrees_with_slotmap_and_model(ops in prop::collection::vec(gen_op(), 0..MAX_OPS)) {
        run_gen(ops)?;
    }
}
