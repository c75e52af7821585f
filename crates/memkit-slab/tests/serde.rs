//! serde round trips (feature `serde`): `Slab` as a map, the same tokens as
//! `slab` 0.4.12; `GenSlab` as per-slot `(generation, value)` pairs that keep
//! live keys live and dead keys dead; `GenKey` as a `u64`.
#![cfg(feature = "serde")]

use memkit_slab::{GenKey, GenSlab, Slab};
use serde_test::{Token, assert_de_tokens, assert_ser_tokens, assert_tokens};

#[test]
fn slab_tokens_match_slab() {
    let mut memkit = Slab::new();
    let mut peer = slab::Slab::new();
    for v in [10u32, 20, 30] {
        memkit.insert(v);
        peer.insert(v);
    }
    memkit.remove(1);
    peer.remove(1);
    let tokens = [
        Token::Map { len: Some(2) },
        Token::U64(0),
        Token::U32(10),
        Token::U64(2),
        Token::U32(30),
        Token::MapEnd,
    ];
    assert_ser_tokens(&memkit, &tokens);
    assert_ser_tokens(&peer, &tokens);
}

#[test]
fn slab_deserializes_like_from_iter() {
    let tokens = [
        Token::Map { len: Some(3) },
        Token::U64(4),
        Token::Str("e"),
        Token::U64(1),
        Token::Str("b"),
        Token::U64(1),
        Token::Str("B"),
        Token::MapEnd,
    ];
    let expected: Slab<String> = [(4, "e".into()), (1, "b".into()), (1, "B".into())]
        .into_iter()
        .collect();
    assert_de_tokens(&Wrap(expected), &tokens);
}

/// `Slab` has no `PartialEq`; compare through its pretty `Debug` and vacant
/// list.
#[derive(Debug)]
struct Wrap(Slab<String>);

impl PartialEq for Wrap {
    fn eq(&self, other: &Self) -> bool {
        let mut a = self.0.clone();
        let mut b = other.0.clone();
        format!("{a:#?}") == format!("{b:#?}")
            && (0..6).all(|_| a.insert(String::new()) == b.insert(String::new()))
    }
}

impl<'de> serde::Deserialize<'de> for Wrap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Slab::deserialize(d).map(Wrap)
    }
}

#[test]
fn gen_key_is_its_bits() {
    let k = GenKey::from_bits((3 << 32) | 9).unwrap();
    assert_tokens(&k, &[Token::U64((3 << 32) | 9)]);
    serde_test::assert_de_tokens_error::<GenKey>(
        &[Token::U64(9)],
        "GenKey: the generation bits are zero or even",
    );
}

#[test]
fn gen_slab_round_trip_keeps_keys() {
    let mut s = GenSlab::new();
    let a = s.insert(1u8);
    let b = s.insert(2);
    let c = s.insert(3);
    s.remove(a);
    let last = GenKey::from_bits((u64::from(u32::MAX) << 32) | 3).unwrap();
    s.insert_at(last, 4);
    s.remove(last); // slot 3 retired
    let tokens = [
        Token::Seq { len: Some(4) },
        Token::Tuple { len: 2 },
        Token::U32(2),
        Token::None,
        Token::TupleEnd,
        Token::Tuple { len: 2 },
        Token::U32(1),
        Token::Some,
        Token::U8(2),
        Token::TupleEnd,
        Token::Tuple { len: 2 },
        Token::U32(1),
        Token::Some,
        Token::U8(3),
        Token::TupleEnd,
        Token::Tuple { len: 2 },
        Token::U32(u32::MAX),
        Token::None,
        Token::TupleEnd,
        Token::SeqEnd,
    ];
    assert_ser_tokens(&s, &tokens);

    // The deserialized slab equals `s`: same slots, generations and free
    // list (checked through `Debug` and the next keys handed out).
    assert_de_tokens(&Probe(s.clone()), &tokens);
    let mut back = s;
    assert_eq!(back.len(), 2);
    assert!(!back.contains(a) && !back.contains(last));
    assert_eq!((back[b], back[c]), (2, 3));
    let d = back.insert(5);
    assert_eq!((d.index(), d.generation().get()), (0, 3));
    assert_eq!(back.insert(6).index(), 4); // slot 3 stays retired
}

#[derive(Debug)]
struct Probe(GenSlab<u8>);

impl PartialEq for Probe {
    fn eq(&self, other: &Self) -> bool {
        let mut a = self.0.clone();
        let mut b = other.0.clone();
        format!("{a:#?}") == format!("{b:#?}") && (0..6).all(|_| a.insert(0) == b.insert(0))
    }
}

impl<'de> serde::Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        GenSlab::deserialize(d).map(Probe)
    }
}

#[test]
fn gen_slab_rejects_inconsistent_slots() {
    serde_test::assert_de_tokens_error::<GenSlab<u8>>(
        &[
            Token::Seq { len: Some(1) },
            Token::Tuple { len: 2 },
            Token::U32(2),
            Token::Some,
            Token::U8(1),
            Token::TupleEnd,
            Token::SeqEnd,
        ],
        "a slot's generation does not match its state",
    );
}
