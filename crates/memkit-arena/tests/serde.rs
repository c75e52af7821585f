//! `Serialize` (feature `serde`) for `Vec`, `String` and `Box`: the same
//! tokens as bumpalo's impls.
#![cfg(feature = "serde")]

use memkit_arena::boxed::Box;
use memkit_arena::collections::{String, Vec};
use memkit_arena::{Bump, vec};
use serde_test::{Token, assert_ser_tokens};

#[test]
fn vec_is_a_sequence() {
    let memkit_bump = Bump::new();
    let peer_bump = bumpalo::Bump::new();
    let memkit = vec![in &memkit_bump; 1u16, 2, 3];
    let peer = bumpalo::vec![in &peer_bump; 1u16, 2, 3];
    let tokens = [
        Token::Seq { len: Some(3) },
        Token::U16(1),
        Token::U16(2),
        Token::U16(3),
        Token::SeqEnd,
    ];
    assert_ser_tokens(&memkit, &tokens);
    assert_ser_tokens(&peer, &tokens);
    let empty: Vec<'_, u8> = Vec::new_in(&memkit_bump);
    assert_ser_tokens(&empty, &[Token::Seq { len: Some(0) }, Token::SeqEnd]);
}

#[test]
fn string_is_a_str() {
    let memkit_bump = Bump::new();
    let peer_bump = bumpalo::Bump::new();
    let memkit = String::from_str_in("héllo", &memkit_bump);
    let peer = bumpalo::collections::String::from_str_in("héllo", &peer_bump);
    assert_ser_tokens(&memkit, &[Token::Str("héllo")]);
    assert_ser_tokens(&peer, &[Token::Str("héllo")]);
}

#[test]
fn box_is_its_value() {
    let memkit_bump = Bump::new();
    let peer_bump = bumpalo::Bump::new();
    let memkit = Box::new_in((7u8, 'x'), &memkit_bump);
    let peer = bumpalo::boxed::Box::new_in((7u8, 'x'), &peer_bump);
    let tokens = [
        Token::Tuple { len: 2 },
        Token::U8(7),
        Token::Char('x'),
        Token::TupleEnd,
    ];
    assert_ser_tokens(&memkit, &tokens);
    assert_ser_tokens(&peer, &tokens);
    // Unsized contents too (bumpalo needs a sized `T`).
    let slice: Box<'_, [u8]> = Box::from_iter_in([1, 2], &memkit_bump);
    assert_ser_tokens(
        &slice,
        &[
            Token::Seq { len: Some(2) },
            Token::U8(1),
            Token::U8(2),
            Token::SeqEnd,
        ],
    );
    let s: Box<'_, str> = Box::default();
    assert_ser_tokens(&s, &[Token::Str("")]);
}

#[test]
fn nested_arena_values() {
    let bump = Bump::new();
    let v = vec![in &bump; String::from_str_in("a", &bump), String::from_str_in("b", &bump)];
    assert_ser_tokens(
        &Box::new_in(v, &bump),
        &[
            Token::Seq { len: Some(2) },
            Token::Str("a"),
            Token::Str("b"),
            Token::SeqEnd,
        ],
    );
}
