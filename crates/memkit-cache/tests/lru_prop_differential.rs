//! Random operation sequences on memkit's `LruCache`, lru 0.19.1 (`peer`)
//! and a `VecDeque` (`model`, most recently used first): every returned
//! value and the iteration order must agree.

use std::collections::VecDeque;
use std::num::NonZeroUsize;

use memkit_cache::LruCache;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Put(u8, u32),
    Push(u8, u32),
    Get(u8),
    GetMut(u8),
    Peek(u8),
    PeekMut(u8),
    Pop(u8),
    PopEntry(u8),
    PopLru,
    PopMru,
    Promote(u8),
    Demote(u8),
    Contains(u8),
    GetOrInsert(u8, u32),
    TryGetOrInsert(u8, u32, bool),
    Retain(u8),
    Resize(u8),
    FindAndPromote(u8),
    Clear,
    Entry(u8, u32),
}

fn op() -> impl Strategy<Value = Op> {
    let key = 0u8..12;
    prop_oneof![
        4 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Put(k, v)),
        3 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::Push(k, v)),
        4 => key.clone().prop_map(Op::Get),
        1 => key.clone().prop_map(Op::GetMut),
        1 => key.clone().prop_map(Op::Peek),
        1 => key.clone().prop_map(Op::PeekMut),
        1 => key.clone().prop_map(Op::Pop),
        1 => key.clone().prop_map(Op::PopEntry),
        1 => Just(Op::PopLru),
        1 => Just(Op::PopMru),
        1 => key.clone().prop_map(Op::Promote),
        1 => key.clone().prop_map(Op::Demote),
        1 => key.clone().prop_map(Op::Contains),
        2 => (key.clone(), any::<u32>()).prop_map(|(k, v)| Op::GetOrInsert(k, v)),
        1 => (key.clone(), any::<u32>(), any::<bool>()).prop_map(|(k, v, ok)| Op::TryGetOrInsert(k, v, ok)),
        1 => (2u8..5).prop_map(Op::Retain),
        1 => (1u8..10).prop_map(Op::Resize),
        1 => (2u8..5).prop_map(Op::FindAndPromote),
        1 => Just(Op::Clear),
        2 => (key, any::<u32>()).prop_map(|(k, v)| Op::Entry(k, v)),
    ]
}

/// A naive LRU: a `VecDeque` of pairs, most recently used first.
struct Model {
    entries: VecDeque<(u8, u32)>,
    cap: usize,
}

impl Model {
    fn position(&self, k: u8) -> Option<usize> {
        self.entries.iter().position(|&(key, _)| key == k)
    }

    fn touch(&mut self, k: u8) -> Option<u32> {
        let at = self.position(k)?;
        let pair = self.entries.remove(at).unwrap();
        self.entries.push_front(pair);
        Some(pair.1)
    }

    fn push(&mut self, k: u8, v: u32) -> Option<(u8, u32)> {
        if let Some(at) = self.position(k) {
            let (_, old) = self.entries.remove(at).unwrap();
            self.entries.push_front((k, v));
            return Some((k, old));
        }
        let evicted = if self.entries.len() == self.cap {
            self.entries.pop_back()
        } else {
            None
        };
        self.entries.push_front((k, v));
        evicted
    }

    fn get_or_insert(&mut self, k: u8, v: u32) -> u32 {
        match self.touch(k) {
            Some(old) => old,
            None => {
                self.push(k, v);
                v
            }
        }
    }
}

fn run(cap: usize, ops: Vec<Op>) {
    let nz = NonZeroUsize::new(cap).unwrap();
    let mut memkit: LruCache<u8, u32> = LruCache::new(nz);
    let mut peer: lru::LruCache<u8, u32> = lru::LruCache::new(nz);
    let mut model = Model {
        entries: VecDeque::new(),
        cap,
    };
    for op in ops {
        match op {
            Op::Put(k, v) => {
                let expected = model
                    .push(k, v)
                    .filter(|&(key, _)| key == k)
                    .map(|(_, old)| old);
                assert_eq!(memkit.put(k, v), expected);
                assert_eq!(peer.put(k, v), expected);
            }
            Op::Push(k, v) => {
                let expected = model.push(k, v);
                assert_eq!(memkit.push(k, v), expected);
                assert_eq!(peer.push(k, v), expected);
            }
            Op::Get(k) => {
                let expected = model.touch(k);
                assert_eq!(memkit.get(&k).copied(), expected);
                assert_eq!(peer.get(&k).copied(), expected);
            }
            Op::GetMut(k) => {
                let expected = model.touch(k);
                if let Some(at) = model.position(k) {
                    model.entries[at].1 = model.entries[at].1.wrapping_add(1);
                }
                let m = memkit.get_mut(&k).map(|v| {
                    let old = *v;
                    *v = v.wrapping_add(1);
                    old
                });
                let p = peer.get_mut(&k).map(|v| {
                    let old = *v;
                    *v = v.wrapping_add(1);
                    old
                });
                assert_eq!(m, expected);
                assert_eq!(p, expected);
            }
            Op::Peek(k) => {
                let expected = model.position(k).map(|at| model.entries[at].1);
                assert_eq!(memkit.peek(&k).copied(), expected);
                assert_eq!(peer.peek(&k).copied(), expected);
            }
            Op::PeekMut(k) => {
                let expected = model.position(k).map(|at| {
                    model.entries[at].1 ^= 1;
                    model.entries[at].1 ^ 1
                });
                let m = memkit.peek_mut(&k).map(|v| {
                    *v ^= 1;
                    *v ^ 1
                });
                let p = peer.peek_mut(&k).map(|v| {
                    *v ^= 1;
                    *v ^ 1
                });
                assert_eq!(m, expected);
                assert_eq!(p, expected);
            }
            Op::Pop(k) => {
                let expected = model
                    .position(k)
                    .map(|at| model.entries.remove(at).unwrap().1);
                assert_eq!(memkit.pop(&k), expected);
                assert_eq!(peer.pop(&k), expected);
            }
            Op::PopEntry(k) => {
                let expected = model
                    .position(k)
                    .map(|at| model.entries.remove(at).unwrap());
                assert_eq!(memkit.pop_entry(&k), expected);
                assert_eq!(peer.pop_entry(&k), expected);
            }
            Op::PopLru => {
                let expected = model.entries.pop_back();
                assert_eq!(memkit.pop_lru(), expected);
                assert_eq!(peer.pop_lru(), expected);
            }
            Op::PopMru => {
                let expected = model.entries.pop_front();
                assert_eq!(memkit.pop_mru(), expected);
                assert_eq!(peer.pop_mru(), expected);
            }
            Op::Promote(k) => {
                let expected = model.touch(k).is_some();
                assert_eq!(memkit.promote(&k), expected);
                assert_eq!(peer.promote(&k), expected);
            }
            Op::Demote(k) => {
                let expected = match model.position(k) {
                    Some(at) => {
                        let pair = model.entries.remove(at).unwrap();
                        model.entries.push_back(pair);
                        true
                    }
                    None => false,
                };
                assert_eq!(memkit.demote(&k), expected);
                assert_eq!(peer.demote(&k), expected);
            }
            Op::Contains(k) => {
                let expected = model.position(k).is_some();
                assert_eq!(memkit.contains(&k), expected);
                assert_eq!(peer.contains(&k), expected);
            }
            Op::GetOrInsert(k, v) => {
                let expected = model.get_or_insert(k, v);
                assert_eq!(*memkit.get_or_insert(k, || v), expected);
                assert_eq!(*peer.get_or_insert(k, || v), expected);
            }
            Op::TryGetOrInsert(k, v, ok) => {
                let expected = match model.touch(k) {
                    Some(old) => Ok(old),
                    None if ok => {
                        model.push(k, v);
                        Ok(v)
                    }
                    None => Err(k),
                };
                let make = || if ok { Ok(v) } else { Err(k) };
                assert_eq!(memkit.try_get_or_insert(k, make).copied(), expected);
                assert_eq!(peer.try_get_or_insert(k, make).copied(), expected);
            }
            Op::Retain(m) => {
                model.entries.retain(|&(k, _)| k % m != 0);
                memkit.retain(|&k, _| k % m != 0);
                peer.retain(|&k, _| k % m != 0);
            }
            Op::Resize(c) => {
                let c = usize::from(c);
                model.cap = c;
                model.entries.truncate(c);
                memkit.resize(NonZeroUsize::new(c).unwrap());
                peer.resize(NonZeroUsize::new(c).unwrap());
            }
            Op::FindAndPromote(m) => {
                let expected = model.entries.iter().find(|&&(k, _)| k % m == 0).copied();
                if let Some((k, _)) = expected {
                    model.touch(k);
                }
                let found = |(k, _): (&u8, &u32)| k % m == 0;
                assert_eq!(
                    memkit.find_and_promote(found).map(|(k, v)| (*k, *v)),
                    expected
                );
                assert_eq!(
                    peer.find_and_promote(found).map(|(k, v)| (*k, *v)),
                    expected
                );
            }
            Op::Clear => {
                model.entries.clear();
                memkit.clear();
                peer.clear();
            }
            Op::Entry(k, v) => {
                // The entry API has no lru twin: the peer does get_or_insert_mut.
                let expected = model.get_or_insert(k, v);
                let m = memkit.entry(k).or_insert(v);
                assert_eq!(*m, expected);
                assert_eq!(*peer.get_or_insert_mut(k, || v), expected);
            }
        }
        let order: Vec<(u8, u32)> = model.entries.iter().copied().collect();
        let memkit_order: Vec<(u8, u32)> = memkit.iter().map(|(k, v)| (*k, *v)).collect();
        let peer_order: Vec<(u8, u32)> = peer.iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(memkit_order, order);
        assert_eq!(peer_order, order);
        let reversed: Vec<(u8, u32)> = memkit.iter().rev().map(|(k, v)| (*k, *v)).collect();
        assert!(reversed.iter().eq(order.iter().rev()));
        let mut_order: Vec<(u8, u32)> = memkit.iter_mut().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(mut_order, order);
        assert_eq!(memkit.len(), model.entries.len());
        assert_eq!(
            memkit.peek_lru().map(|(k, v)| (*k, *v)),
            model.entries.back().copied()
        );
        assert_eq!(
            memkit.peek_mru().map(|(k, v)| (*k, *v)),
            model.entries.front().copied()
        );
    }
    let into: Vec<(u8, u32)> = memkit.clone().into_iter().collect();
    let peer_into: Vec<(u8, u32)> = peer.into_iter().collect();
    assert_eq!(into, peer_into);
}

/// Operations per case; Miri runs shorter sequences.
const MAX_OPS: usize = if cfg!(miri) { 60 } else { 200 };

proptest! {
    #[test]
    fn lru_agrees_with_peer_and_model(cap in 1usize..9, ops in proptest::collection::vec(op(), 0..MAX_OPS)) {
        run(cap, ops);
    }
}
