//! Target `slab`: [`Slab`] and [`GenSlab`] against `BTreeMap` models.
//!
//! After every operation each structure's internal invariants are checked
//! (`assert_invariants`), and its length and full contents (keys and
//! values, in key order) are compared with its model. `GenSlab` also
//! keeps every key it ever removed: such a stale key must never find a
//! value again, and no later insert may hand it out anew.

use std::collections::{BTreeMap, HashSet};

use arbitrary::Arbitrary;
use memkit_slab::{GenKey, GenSlab, Slab};

use crate::ops;

/// Most values alive at once in each structure.
pub const MAX_LEN: usize = 512;

/// Which key an operation uses.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Key {
    /// The `n`-th live key (modulo their number), in key order.
    Live(u16),
    /// For `Slab`, this exact key; for `GenSlab`, the `n`-th removed key.
    Other(u16),
}

/// One step.
#[derive(Arbitrary, Debug)]
pub enum Op {
    /// `Slab::insert`.
    Insert(u32),
    /// `Slab::vacant_entry`, then `insert`: its key is `vacant_key`.
    VacantEntry(u32),
    /// `Slab::try_remove`.
    TryRemove(Key),
    /// `Slab::get_mut`, then overwrite.
    Set(Key, u32),
    /// `Slab::get2_mut`, then swap the two values.
    Swap(Key, Key),
    /// `Slab::retain`, keeping values whose low bits are not `bits`.
    Retain(u8),
    /// `Slab::iter_mut`, adding to every value.
    AddAll(u32),
    /// `Slab::drain`, maybe dropped after `n` values.
    Drain(Option<u8>),
    /// `Slab::clear`.
    Clear,
    /// `Slab::compact`, following the moves it reports.
    Compact,
    /// `Slab::shrink_to_fit`.
    ShrinkToFit,
    /// `Slab::reserve`.
    Reserve(u16),
    /// `GenSlab::insert`.
    GenInsert(u32),
    /// `GenSlab::remove`.
    GenRemove(Key),
    /// `GenSlab::get_mut`, then overwrite.
    GenSet(Key, u32),
    /// `GenSlab::retain`, keeping values whose low bits are not `bits`.
    GenRetain(u8),
    /// `GenSlab::iter_mut`, adding to every value.
    GenAddAll(u32),
    /// `GenSlab::drain`, maybe dropped after `n` values.
    GenDrain(Option<u8>),
    /// `GenSlab::clear`.
    GenClear,
}

/// Whether a retained value stays: its low two bits differ from `bits`.
fn keeps(value: u32, bits: u8) -> bool {
    value & 3 != u32::from(bits & 3)
}

/// The state of one run.
#[derive(Debug, Default)]
struct State {
    slab: Slab<u32>,
    slab_model: BTreeMap<usize, u32>,
    gen_slab: GenSlab<u32>,
    gen_model: BTreeMap<GenKey, u32>,
    /// Keys removed from `gen_slab`; kept in order for `Key::Other`.
    dead: Vec<GenKey>,
    dead_set: HashSet<GenKey>,
}

/// Runs the operations decoded from `data`, comparing both slabs with their
/// models after each.
///
/// # Panics
///
/// When memkit and the model disagree, naming the step.
pub fn run(data: &[u8]) {
    let mut state = State::default();
    for (step, op) in ops::<Op>(data) {
        state.apply(op, step);
        state.check(step);
    }
}

impl State {
    fn slab_key(&self, key: Key) -> usize {
        match key {
            Key::Live(n) if !self.slab_model.is_empty() => {
                let n = usize::from(n) % self.slab_model.len();
                *self.slab_model.keys().nth(n).expect("n < len")
            }
            Key::Live(n) | Key::Other(n) => usize::from(n),
        }
    }

    fn gen_key(&self, key: Key) -> Option<GenKey> {
        match key {
            Key::Live(n) if !self.gen_model.is_empty() => {
                let n = usize::from(n) % self.gen_model.len();
                self.gen_model.keys().nth(n).copied()
            }
            Key::Live(n) | Key::Other(n) => {
                (!self.dead.is_empty()).then(|| self.dead[usize::from(n) % self.dead.len()])
            }
        }
    }

    fn kill(&mut self, key: GenKey) {
        if self.dead_set.insert(key) {
            self.dead.push(key);
        }
    }

    fn apply(&mut self, op: Op, step: usize) {
        match op {
            Op::Insert(v) if self.slab_model.len() < MAX_LEN => {
                let expected = self.slab.vacant_key();
                let key = self.slab.insert(v);
                assert_eq!(
                    key, expected,
                    "step {step}: insert used another key than vacant_key"
                );
                let before = self.slab_model.insert(key, v);
                assert_eq!(before, None, "step {step}: insert reused live key {key}");
            }
            Op::VacantEntry(v) if self.slab_model.len() < MAX_LEN => {
                let expected = self.slab.vacant_key();
                let entry = self.slab.vacant_entry();
                let key = entry.key();
                assert_eq!(key, expected, "step {step}: vacant_entry key");
                assert_eq!(*entry.insert(v), v, "step {step}: VacantEntry::insert");
                let before = self.slab_model.insert(key, v);
                assert_eq!(
                    before, None,
                    "step {step}: vacant_entry reused live key {key}"
                );
            }
            Op::Insert(_) | Op::VacantEntry(_) => {}
            Op::TryRemove(key) => {
                let key = self.slab_key(key);
                let got = self.slab.try_remove(key);
                assert_eq!(
                    got,
                    self.slab_model.remove(&key),
                    "step {step}: try_remove({key})"
                );
            }
            Op::Set(key, v) => {
                let key = self.slab_key(key);
                match (self.slab.get_mut(key), self.slab_model.get_mut(&key)) {
                    (Some(x), Some(m)) => {
                        assert_eq!(*x, *m, "step {step}: get_mut({key})");
                        *x = v;
                        *m = v;
                    }
                    (None, None) => {}
                    (x, m) => panic!("step {step}: get_mut({key}) is {x:?}, model {m:?}"),
                }
            }
            Op::Swap(k1, k2) => {
                let (k1, k2) = (self.slab_key(k1), self.slab_key(k2));
                if k1 == k2 {
                    // `get2_mut` panics on equal keys, as slab's does.
                    return;
                }
                let both = self.slab_model.contains_key(&k1) && self.slab_model.contains_key(&k2);
                match self.slab.get2_mut(k1, k2) {
                    Some((a, b)) => {
                        assert!(both, "step {step}: get2_mut({k1}, {k2}) answered");
                        core::mem::swap(a, b);
                        let (a, b) = (self.slab_model[&k1], self.slab_model[&k2]);
                        self.slab_model.insert(k1, b);
                        self.slab_model.insert(k2, a);
                    }
                    None => assert!(!both, "step {step}: get2_mut({k1}, {k2}) missed"),
                }
            }
            Op::Retain(bits) => {
                let mut seen = Vec::new();
                self.slab.retain(|key, v| {
                    seen.push(key);
                    keeps(*v, bits)
                });
                let keys: Vec<usize> = self.slab_model.keys().copied().collect();
                assert_eq!(
                    seen, keys,
                    "step {step}: retain visits every value in key order"
                );
                self.slab_model.retain(|_, v| keeps(*v, bits));
            }
            Op::AddAll(x) => {
                for (_, v) in self.slab.iter_mut() {
                    *v = v.wrapping_add(x);
                }
                for v in self.slab_model.values_mut() {
                    *v = v.wrapping_add(x);
                }
            }
            Op::Drain(stop) => {
                let values: Vec<u32> = self.slab_model.values().copied().collect();
                let take = stop.map_or(values.len(), usize::from);
                let got: Vec<u32> = self.slab.drain().take(take).collect();
                assert_eq!(
                    got,
                    values[..take.min(values.len())],
                    "step {step}: drain order"
                );
                self.slab_model.clear();
            }
            Op::Clear => {
                self.slab.clear();
                self.slab_model.clear();
            }
            Op::Compact => {
                let mut model = self.slab_model.clone();
                self.slab.compact(|v, from, to| {
                    let moved = model.remove(&from);
                    assert_eq!(moved, Some(*v), "step {step}: compact moved {from} -> {to}");
                    assert!(
                        !model.contains_key(&to),
                        "step {step}: compact onto live key {to}"
                    );
                    model.insert(to, *v);
                    true
                });
                self.slab_model = model;
                if let Some((&last, _)) = self.slab_model.last_key_value() {
                    assert_eq!(
                        last + 1,
                        self.slab_model.len(),
                        "step {step}: compact left holes"
                    );
                }
            }
            Op::ShrinkToFit => self.slab.shrink_to_fit(),
            Op::Reserve(n) => {
                self.slab.reserve(usize::from(n));
                assert!(
                    self.slab.capacity() >= self.slab.len() + usize::from(n),
                    "step {step}: reserve({n})"
                );
            }
            Op::GenInsert(v) if self.gen_model.len() < MAX_LEN => {
                let key = self.gen_slab.insert(v);
                assert!(
                    !self.dead_set.contains(&key),
                    "step {step}: insert revived stale key {key:?}"
                );
                let before = self.gen_model.insert(key, v);
                assert_eq!(before, None, "step {step}: insert reused live key {key:?}");
            }
            Op::GenInsert(_) => {}
            Op::GenRemove(key) => {
                let Some(key) = self.gen_key(key) else { return };
                let got = self.gen_slab.remove(key);
                assert_eq!(
                    got,
                    self.gen_model.remove(&key),
                    "step {step}: remove({key:?})"
                );
                self.kill(key);
            }
            Op::GenSet(key, v) => {
                let Some(key) = self.gen_key(key) else { return };
                match (self.gen_slab.get_mut(key), self.gen_model.get_mut(&key)) {
                    (Some(x), Some(m)) => {
                        assert_eq!(*x, *m, "step {step}: get_mut({key:?})");
                        *x = v;
                        *m = v;
                    }
                    (None, None) => {}
                    (x, m) => panic!("step {step}: get_mut({key:?}) is {x:?}, model {m:?}"),
                }
            }
            Op::GenRetain(bits) => {
                self.gen_slab.retain(|_, v| keeps(*v, bits));
                let gone: Vec<GenKey> = self
                    .gen_model
                    .iter()
                    .filter(|&(_, &v)| !keeps(v, bits))
                    .map(|(&k, _)| k)
                    .collect();
                for key in gone {
                    self.gen_model.remove(&key);
                    self.kill(key);
                }
            }
            Op::GenAddAll(x) => {
                for (_, v) in self.gen_slab.iter_mut() {
                    *v = v.wrapping_add(x);
                }
                for v in self.gen_model.values_mut() {
                    *v = v.wrapping_add(x);
                }
            }
            Op::GenDrain(stop) => {
                let take = stop.map_or(usize::MAX, usize::from);
                let got: Vec<(GenKey, u32)> = self.gen_slab.drain().take(take).collect();
                let mut model = self
                    .gen_model
                    .iter()
                    .map(|(&k, &v)| (k, v))
                    .collect::<Vec<_>>();
                model.sort_by_key(|(k, _)| k.index());
                model.truncate(take);
                assert_eq!(got, model, "step {step}: drain yields by index");
                for key in core::mem::take(&mut self.gen_model).into_keys() {
                    self.kill(key);
                }
            }
            Op::GenClear => {
                self.gen_slab.clear();
                for key in core::mem::take(&mut self.gen_model).into_keys() {
                    self.kill(key);
                }
            }
        }
    }

    fn check(&self, step: usize) {
        self.slab.assert_invariants();
        self.gen_slab.assert_invariants();
        assert_eq!(
            self.slab.len(),
            self.slab_model.len(),
            "step {step}: Slab::len"
        );
        let got: Vec<(usize, u32)> = self.slab.iter().map(|(k, &v)| (k, v)).collect();
        let want: Vec<(usize, u32)> = self.slab_model.iter().map(|(&k, &v)| (k, v)).collect();
        assert_eq!(got, want, "step {step}: Slab contents");
        for (&k, v) in &self.slab_model {
            assert_eq!(self.slab.get(k), Some(v), "step {step}: Slab::get({k})");
        }
        if let Some((&last, _)) = self.slab_model.last_key_value() {
            assert!(
                !self.slab.contains(last + 1),
                "step {step}: Slab::contains past the end"
            );
        }

        assert_eq!(
            self.gen_slab.len(),
            self.gen_model.len(),
            "step {step}: GenSlab::len"
        );
        let mut got: Vec<(GenKey, u32)> = self.gen_slab.iter().map(|(k, &v)| (k, v)).collect();
        let mut want: Vec<(GenKey, u32)> = self.gen_model.iter().map(|(&k, &v)| (k, v)).collect();
        assert!(
            got.is_sorted_by_key(|(k, _)| k.index()),
            "step {step}: GenSlab::iter order"
        );
        got.sort();
        want.sort();
        assert_eq!(got, want, "step {step}: GenSlab contents");
        for (&k, v) in &self.gen_model {
            assert_eq!(
                self.gen_slab.get(k),
                Some(v),
                "step {step}: GenSlab::get({k:?})"
            );
        }
        for &k in self.dead.iter().rev().take(64) {
            assert_eq!(
                self.gen_slab.get(k),
                None,
                "step {step}: stale key {k:?} found a value"
            );
            assert!(
                !self.gen_slab.contains(k),
                "step {step}: stale key {k:?} is contained"
            );
        }
    }
}
