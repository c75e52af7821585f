//! `collections::{Vec, String}`, the macros, `CollectIn`, `boxed::Box` and
//! the `Allocator` impl.

use std::cell::Cell;

use memkit_arena::boxed::Box;
use memkit_arena::collections::{CollectIn, String, Vec};
use memkit_arena::{Bump, format, vec};

const N: usize = if cfg!(miri) { 200 } else { 10_000 };

#[test]
fn vec_api() {
    let b = Bump::new();
    let mut v = Vec::new_in(&b);
    assert!(v.is_empty());
    for i in 0..N {
        v.push(i);
    }
    assert_eq!(v.len(), N);
    assert!(v.capacity() >= N);
    assert!(core::ptr::eq(v.bump(), &b));
    v.truncate(10);
    v.insert(0, 100);
    assert_eq!(v.remove(0), 100);
    assert_eq!(v.swap_remove(0), 0);
    v.retain(|x| x % 2 == 1);
    v.retain_mut(|x| {
        *x += 1;
        true
    });
    assert_eq!(v, [10, 2, 4, 6, 8]);
    assert_eq!(v.pop_if(|x| *x == 10), None);
    assert_eq!(v.pop_if(|x| *x == 8), Some(8));
    assert_eq!(v.pop(), Some(6));
    let mut w = vec![in &b; 1, 1, 2, 2, 3];
    w.dedup();
    assert_eq!(w, [1, 2, 3]);
    w.dedup_by_key(|x| *x / 10);
    assert_eq!(w, [1]);
    v.append(&mut vec![in &b; 7, 7]);
    v.dedup_by(|a, b| a == b);
    assert_eq!(v.as_slice(), &[10, 2, 4, 7]);
    v.as_mut_slice()[0] = 0;
    assert_eq!(v.drain(..2).collect::<std::vec::Vec<_>>(), [0, 2]);
    assert_eq!(v.split_off(1), [7]);
    v.resize(3, 9);
    v.resize_with(4, || 1);
    assert_eq!(v, [4, 9, 9, 1]);
    v.extend_from_slice(&[5]);
    v.extend_from_slice_copy(&[5]);
    v.extend_from_slices_copy(&[&[1], &[2, 3]]);
    v.extend([0usize].iter());
    assert_eq!(v.len(), 10);
    v.reserve(100);
    v.reserve_exact(100);
    assert!(v.try_reserve(1).is_ok());
    assert!(v.try_reserve_exact(1).is_ok());
    v.shrink_to_fit();
    assert_eq!(v.capacity(), v.len());
    let c = v.clone();
    assert_eq!(c, v);
    assert!(!v.as_ptr().is_null());
    assert!(!v.as_mut_ptr().is_null());
    assert_eq!(std::format!("{:?}", vec![in &b; 1]), "[1]");
    v.clear();
    assert!(v.is_empty());
    let z = vec![in &b; 0u8; 5];
    assert_eq!(z, [0; 5]);
    let e: Vec<'_, u8> = vec![in &b];
    assert!(e.is_empty());
    let s: &[u32] = vec![in &b; 1, 2].into_bump_slice();
    assert_eq!(s, &[1, 2]);
    let m = vec![in &b; 1, 2].into_bump_slice_mut();
    m[1] = 3;
    assert_eq!(m, &[1, 3]);
    let bx = vec![in &b; 4, 5].into_boxed_slice();
    assert_eq!(&*bx, &[4, 5]);
    let collected: Vec<'_, u32> = (0..4).collect_in(&b);
    assert_eq!(collected.into_iter().sum::<u32>(), 6);
    let opt: Option<Vec<'_, u32>> = [Some(1), None].into_iter().collect_in(&b);
    assert!(opt.is_none());
    let res: Result<Vec<'_, u32>, u8> = [Ok(1), Ok(2)].into_iter().collect_in(&b);
    assert_eq!(res.unwrap(), [1, 2]);
    let f = Vec::from_iter_in("ab".bytes(), &b);
    assert_eq!(f, *b"ab");
    let mut w = Vec::new_in(&b);
    std::io::Write::write_all(&mut w, b"io").unwrap();
    assert_eq!(w, *b"io");
}

#[test]
fn vec_elements_dropped() {
    let drops = Cell::new(0);
    struct D<'a>(&'a Cell<usize>);
    impl Drop for D<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    let b = Bump::new();
    {
        let mut v = Vec::new_in(&b);
        for _ in 0..10 {
            v.push(D(&drops));
        }
    }
    assert_eq!(drops.get(), 10);
    {
        let _bx = Box::new_in(D(&drops), &b);
    }
    assert_eq!(drops.get(), 11);
    let bx = Box::new_in(D(&drops), &b);
    let inner = Box::into_inner(bx);
    assert_eq!(drops.get(), 11);
    drop(inner);
    assert_eq!(drops.get(), 12);
}

#[test]
fn push_grows_in_place() {
    let b = Bump::with_capacity(1 << 16);
    let mut v: Vec<'_, u8> = Vec::new_in(&b);
    v.reserve_exact(1);
    let p = v.as_ptr();
    for i in 0..N.min(60_000) {
        v.reserve_exact(1);
        v.push(i as u8);
        assert_eq!(v.as_ptr(), p, "moved at {i}");
    }
    // Shrinking the last allocation gives the room back.
    let cap_before = b.chunk_capacity();
    v.truncate(10);
    v.shrink_to_fit();
    assert!(b.chunk_capacity() > cap_before);
}

#[test]
fn growth_past_the_chunk_is_amortised() {
    let b = Bump::new();
    let mut v: Vec<'_, u64> = Vec::new_in(&b);
    let mut moves = 0;
    let mut p = v.as_ptr();
    for i in 0..N as u64 {
        v.reserve_exact(1);
        v.push(i);
        if v.as_ptr() != p {
            moves += 1;
            p = v.as_ptr();
        }
    }
    assert!(moves < 40, "{moves} moves for {N} pushes");
    assert!(v.iter().copied().eq(0..N as u64));
}

#[test]
fn string_api() {
    let b = Bump::new();
    let mut s = String::new_in(&b);
    s.push('a');
    s.push('é');
    s.push_str("bc");
    assert_eq!(s, "aébc");
    assert_eq!(s.len(), 5);
    assert_eq!(s.pop(), Some('c'));
    s.insert(0, 'x');
    s.insert_str(1, "yz");
    assert_eq!(s.remove(0), 'x');
    s.retain(|c| c != 'z');
    assert_eq!(s.as_str(), "yaéb");
    s.as_mut_str().make_ascii_uppercase();
    assert_eq!(s, "YAéB");
    s.truncate(2);
    assert_eq!(s.split_off(1), "A");
    s.reserve(10);
    s.reserve_exact(10);
    s.shrink_to_fit();
    assert_eq!(s.capacity(), s.len());
    assert!(core::ptr::eq(s.bump(), &b));
    let f = format!(in &b, "{}+{}={}", 1, 2, 3);
    assert_eq!(f, "1+2=3");
    assert_eq!(f.to_string(), "1+2=3");
    let st: &str = f.into_bump_str();
    assert_eq!(st, "1+2=3");
    assert_eq!(String::from_str_in("q", &b).into_bytes(), *b"q");
    assert_eq!(String::with_capacity_in(3, &b).capacity(), 3);
    assert_eq!(String::from_iter_in("hi".chars(), &b), "hi");
    let c: String<'_> = "ok".chars().collect_in(&b);
    assert_eq!(c, "ok");
    assert!(String::from_utf8(vec![in &b; 0xff]).is_err());
    assert_eq!(String::from_utf8_lossy_in(b"a\xff", &b), "a\u{fffd}");
    let mut e = String::new_in(&b);
    e.extend(["a", "b"]);
    e.extend(['c']);
    assert_eq!(e, "abc");
    assert!(!e.is_empty());
    e.clear();
    assert!(e.is_empty());
}

#[test]
fn boxes() {
    let b = Bump::new();
    let bx = Box::new_in(5, &b);
    assert_eq!(*bx, 5);
    let raw = Box::into_raw(bx);
    // SAFETY: from `into_raw`.
    let bx = unsafe { Box::from_raw(raw) };
    let r = Box::leak(bx);
    *r += 1;
    assert_eq!(*r, 6);
    let p = Box::pin_in(3, &b);
    assert_eq!(*p, 3);
    // Unsized through `from_raw`.
    let d: &mut dyn std::fmt::Display = b.alloc(7);
    // SAFETY: `d` was just allocated and nothing else owns it.
    let bd: Box<'_, dyn std::fmt::Display> = unsafe { Box::from_raw(d) };
    assert_eq!(bd.to_string(), "7");
}

#[test]
fn allocator_api2_collections() {
    let b = Bump::new();
    let mut v = allocator_api2::vec::Vec::new_in(&b);
    for i in 0..N {
        v.push(i);
    }
    assert_eq!(v.len(), N);
    let bx = allocator_api2::boxed::Box::new_in(1u8, &b);
    assert_eq!(*bx, 1);
}

#[test]
fn splice_drain_filter_and_string_ranges() {
    let b = Bump::new();
    let mut v = vec![in &b; 1, 2, 3, 4, 5, 6];
    let removed: std::vec::Vec<_> = v.splice(0..2, [9]).collect();
    assert_eq!(removed, [1, 2]);
    let odd: std::vec::Vec<_> = v.drain_filter(|x| *x % 2 == 1).collect();
    assert_eq!(odd, [9, 3, 5]);
    assert_eq!(v, [4, 6]);
    // Dropping a partly used `DrainFilter` removes the rest of the
    // selected elements, as bumpalo does.
    let mut w = vec![in &b; 1, 2, 3, 4];
    assert_eq!(w.drain_filter(|x| *x != 3).next(), Some(1));
    assert_eq!(w, [3]);

    let mut s = format!(in &b, "héllo wörld");
    assert_eq!(
        s.drain(..7).rev().collect::<std::string::String>(),
        " olléh"
    );
    assert_eq!(s, "wörld");
    s.replace_range(1..3, "o");
    assert_eq!(s, "world");
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut t = format!(in &b, "é");
        t.replace_range(1.., "x");
    }));
    assert!(r.is_err(), "a range inside a char panics");
    assert_eq!(
        String::from_utf16_in(&[0x61, 0xD83D, 0xDE00], &b).unwrap(),
        "a😀"
    );
    assert!(String::from_utf16_in(&[0xDE00], &b).is_err());
}
