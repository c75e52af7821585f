//! The bumpalo 3.20 trait impls and methods of `collections::{Vec, String}`
//! and `boxed::Box`, each checked for the value it produces, with drop
//! counts where a value changes hands.

use std::any::Any;
use std::borrow::{Borrow, BorrowMut, Cow};
use std::cell::Cell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::mem::ManuallyDrop;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};

use memkit_arena::boxed::Box;
use memkit_arena::collections::{CollectionAllocErr, FromIteratorIn, String, Vec};
use memkit_arena::{Bump, vec};

#[derive(Debug)]
struct CountDrop<'a>(&'a Cell<usize>, u32);

impl Drop for CountDrop<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

fn hash_of<T: Hash + ?Sized>(x: &T) -> u64 {
    let mut h = DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

// ---- Vec ----------------------------------------------------------------

#[test]
fn vec_comparisons() {
    let b = Bump::new();
    let v = vec![in &b; 1, 2, 3];
    let other = Bump::new();
    assert_eq!(v, vec![in &other; 1, 2, 3]);
    assert_eq!(v, [1, 2, 3]);
    assert_eq!(v, &[1, 2, 3]);
    assert_eq!(v, &mut [1, 2, 3]);
    assert_eq!(v, &[1, 2, 3][..]);
    assert_eq!(v, &mut [1, 2, 3][..]);
    assert!(v != [1, 2]);
    assert!(vec![in &b; 1, 2] < v);
    assert_eq!(v.cmp(&vec![in &b; 1, 2, 4]), core::cmp::Ordering::Less);
    assert_eq!(hash_of(&v), hash_of(&[1, 2, 3][..]));
}

#[test]
fn vec_conversions() {
    let b = Bump::new();
    let mut v = vec![in &b; 1u8, 2];
    AsMut::<Vec<'_, u8>>::as_mut(&mut v).push(3);
    assert_eq!(AsRef::<Vec<'_, u8>>::as_ref(&v).len(), 3);
    assert_eq!(AsRef::<[u8]>::as_ref(&v), &[1, 2, 3]);
    AsMut::<[u8]>::as_mut(&mut v)[0] = 0;
    assert_eq!(Borrow::<[u8]>::borrow(&v), &[0, 2, 3]);
    BorrowMut::<[u8]>::borrow_mut(&mut v)[0] = 1;
    let boxed: Box<'_, [u8]> = v.into();
    assert_eq!(&*boxed, &[1, 2, 3]);
    let mut w = Vec::new_in(&b);
    w.extend(&[4u8, 5]);
    assert_eq!(w, [4, 5]);
    std::io::Write::write_all(&mut w, b"ab").unwrap();
    assert_eq!(w, [4, 5, b'a', b'b']);
    let e = core::alloc::Layout::array::<u64>(usize::MAX).unwrap_err();
    assert_eq!(
        CollectionAllocErr::from(e),
        CollectionAllocErr::CapacityOverflow
    );
}

#[test]
fn vec_into_iter_and_drain_are_send_and_sync() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let b = Bump::new();
    let it = vec![in &b; 1u32, 2, 3].into_iter();
    send_sync(&it);
    let mut v = vec![in &b; 4u32, 5, 6, 7];
    let d = v.drain(1..3);
    send_sync(&d);
    let (a, c) = std::thread::scope(|scope| {
        let a = scope.spawn(move || it.sum::<u32>());
        let c = scope.spawn(move || d.rev().collect::<std::vec::Vec<_>>());
        (a.join().unwrap(), c.join().unwrap())
    });
    // The arena stayed usable on this thread meanwhile.
    let _more = vec![in &b; 0u8; 64];
    assert_eq!((a, c), (6, std::vec::Vec::from([6, 5])));
    assert_eq!(v, [4, 7]);
}

#[test]
fn vec_into_iter_drops_what_it_did_not_yield() {
    let b = Bump::new();
    let drops = Cell::new(0);
    let v = Vec::from_iter_in((0..5).map(|i| CountDrop(&drops, i)), &b);
    let mut it = v.into_iter();
    assert_eq!(std::format!("{:?}", it.as_slice().len()), "5");
    let first = it.next().unwrap();
    let last = it.next_back().unwrap();
    assert_eq!((first.1, last.1, it.len()), (0, 4, 3));
    it.as_mut_slice()[0].1 = 10;
    assert_eq!(it.as_slice()[0].1, 10);
    drop(it);
    assert_eq!(drops.get(), 3);
    drop((first, last));
    assert_eq!(drops.get(), 5);
    assert_eq!(vec![in &b; 1, 2, 3].into_iter().count(), 3);
    assert_eq!(
        std::format!("{:?}", vec![in &b; 1, 2].into_iter()),
        "IntoIter([1, 2])"
    );
}

#[test]
fn vec_into_iter_drop_panic_still_drops_the_rest() {
    struct Bomb<'a>(&'a Cell<usize>, bool);
    impl Drop for Bomb<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
            if self.1 {
                panic!("element drop panics");
            }
        }
    }
    let b = Bump::new();
    let drops = Cell::new(0);
    let v = vec![in &b; Bomb(&drops, false), Bomb(&drops, true), Bomb(&drops, false)];
    let it = v.into_iter();
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(it)));
    assert!(r.is_err());
    assert_eq!(drops.get(), 3, "each element is dropped once");
}

#[test]
fn vec_drain_drops_and_shifts() {
    let b = Bump::new();
    let drops = Cell::new(0);
    let mut v = Vec::from_iter_in((0..6).map(|i| CountDrop(&drops, i)), &b);
    let mut d = v.drain(1..4);
    assert_eq!(d.size_hint(), (3, Some(3)));
    assert_eq!(d.as_slice().len(), 3);
    let x = d.next().unwrap();
    assert_eq!(
        std::format!(
            "{:?}",
            d.as_slice()
                .iter()
                .map(|c| c.1)
                .collect::<std::vec::Vec<_>>()
        ),
        "[2, 3]"
    );
    drop(d);
    assert_eq!(drops.get(), 2);
    assert_eq!(x.1, 1);
    assert_eq!(
        v.iter().map(|c| c.1).collect::<std::vec::Vec<_>>(),
        [0, 4, 5]
    );
    drop(x);
    drop(v);
    assert_eq!(drops.get(), 6);
}

// ---- String -------------------------------------------------------------

#[test]
fn string_from_raw_parts_round_trip() {
    let b = Bump::new();
    let mut s = ManuallyDrop::new(String::from_str_in("héllo", &b));
    s.reserve(10);
    // The pointer must cover the whole capacity: take the vector's, not
    // `str::as_mut_ptr` (Miri rejects growing into the spare room then).
    // SAFETY: the bytes are not changed.
    let ptr = unsafe { s.as_mut_vec() }.as_mut_ptr();
    let (len, cap) = (s.len(), s.capacity());
    // SAFETY: the parts of a forgotten string of `b`.
    let mut t = unsafe { String::from_raw_parts_in(ptr, len, cap, &b) };
    assert_eq!((t.as_str(), t.len(), t.capacity()), ("héllo", 6, cap));
    t.push_str(" world");
    assert_eq!(t, "héllo world");
}

#[test]
fn string_extend_forms() {
    let b = Bump::new();
    let mut s = String::new_in(&b);
    s.extend(['a', 'b'].iter());
    s.extend([String::from_str_in("c", &b), String::from_str_in("d", &b)]);
    s.extend([std::string::String::from("e")]);
    s.extend([Cow::Borrowed("f"), Cow::Owned("g".to_owned())]);
    s.extend(["h"]);
    s.extend(['i']);
    assert_eq!(s, "abcdefghi");
}

#[test]
fn string_comparisons() {
    let b = Bump::new();
    let s = String::from_str_in("abc", &b);
    assert_eq!(s, "abc");
    assert_eq!(s, *"abc");
    assert_eq!("abc", s);
    assert_eq!(*"abc", s);
    assert_eq!(s, Cow::Borrowed("abc"));
    assert_eq!(Cow::<str>::Owned("abc".to_owned()), s);
    assert_eq!(s, std::string::String::from("abc"));
    assert_eq!(std::string::String::from("abc"), s);
    assert!(s != *"abd");
    assert!(s < String::from_str_in("abd", &b));
    assert_eq!(hash_of(&s), hash_of("abc"));
}

#[test]
fn string_operators_and_indexing() {
    let b = Bump::new();
    let mut s = String::from_str_in("ab", &b) + "cd";
    s += "ef";
    assert_eq!(s, "abcdef");
    assert_eq!(&s[1..3], "bc");
    assert_eq!(&s[..2], "ab");
    assert_eq!(&s[4..], "ef");
    assert_eq!(&s[..], "abcdef");
    assert_eq!(&s[1..=2], "bc");
    assert_eq!(&s[..=1], "ab");
    s[0..2].make_ascii_uppercase();
    s[4..].make_ascii_uppercase();
    s[..].make_ascii_lowercase();
    s[2..=3].make_ascii_uppercase();
    s[..=0].make_ascii_uppercase();
    s[..1].make_ascii_lowercase();
    assert_eq!(s, "abCDef");
    BorrowMut::<str>::borrow_mut(&mut s).make_ascii_uppercase();
    assert_eq!(Borrow::<str>::borrow(&s), "ABCDEF");
    // Generic code that asks for `Index<Range<usize>>` accepts a String.
    fn first_two<S: std::ops::Index<std::ops::Range<usize>, Output = str> + ?Sized>(s: &S) -> &str {
        &s[0..2]
    }
    assert_eq!(first_two(&s), "AB");
}

#[test]
#[should_panic]
fn string_index_off_a_char_boundary_panics() {
    let b = Bump::new();
    let s = String::from_str_in("é", &b);
    let _ = &s[..1];
}

#[test]
fn string_drain_size_hint_and_fused() {
    let b = Bump::new();
    let mut s = String::from_str_in("abcdef", &b);
    let mut d = s.drain(1..5);
    assert_eq!(d.size_hint(), "bcde".chars().size_hint());
    assert_eq!(d.next(), Some('b'));
    assert_eq!(d.next_back(), Some('e'));
    assert_eq!(d.by_ref().count(), 2);
    assert_eq!((d.next(), d.next()), (None, None));
    drop(d);
    assert_eq!(s, "af");
}

#[test]
fn string_drain_is_send_and_sync() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let b = Bump::new();
    let mut s = String::from_str_in("abcdef", &b);
    let d = s.drain(1..4);
    send_sync(&d);
    let taken = std::thread::scope(|scope| {
        scope
            .spawn(move || d.collect::<std::string::String>())
            .join()
            .unwrap()
    });
    assert_eq!(taken, "bcd");
    // The arena was usable meanwhile, and the string is intact.
    s.push_str(&String::from_str_in("!", &b));
    assert_eq!(s, "aef!");
}

// ---- Box ----------------------------------------------------------------

#[test]
fn box_is_covariant() {
    // Compiles only if `Box<'a, T>` is covariant in `T` (and in `'a`).
    fn shorten<'a, 'b>(b: Box<'a, &'static str>) -> Box<'a, &'b str> {
        b
    }
    fn shorten_arena<'long: 'short, 'short>(b: Box<'long, u8>) -> Box<'short, u8> {
        b
    }
    let bump = Bump::new();
    let b = shorten(Box::new_in("static", &bump));
    assert_eq!(*b, "static");
    assert_eq!(*shorten_arena(Box::new_in(3, &bump)), 3);
}

/// A `'static` value that counts its drops, for `dyn Any`.
struct StaticDrop(u32);

static STATIC_DROPS: AtomicUsize = AtomicUsize::new(0);

impl Drop for StaticDrop {
    fn drop(&mut self) {
        STATIC_DROPS.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn box_downcast() {
    let bump = Bump::new();
    let p = Box::into_raw(Box::new_in(StaticDrop(7), &bump)) as *mut dyn Any;
    // SAFETY: `p` came from `into_raw`.
    let any: Box<'_, dyn Any> = unsafe { Box::from_raw(p) };
    let any = any.downcast::<u32>().unwrap_err();
    assert_eq!(
        STATIC_DROPS.load(Ordering::SeqCst),
        0,
        "a failed downcast drops nothing"
    );
    let d = any.downcast::<StaticDrop>().unwrap();
    assert_eq!((d.0, STATIC_DROPS.load(Ordering::SeqCst)), (7, 0));
    drop(d);
    assert_eq!(
        STATIC_DROPS.load(Ordering::SeqCst),
        1,
        "the value is dropped once"
    );

    let p =
        Box::into_raw(Box::new_in(std::string::String::from("s"), &bump)) as *mut (dyn Any + Send);
    // SAFETY: `p` came from `into_raw`.
    let any: Box<'_, dyn Any + Send> = unsafe { Box::from_raw(p) };
    let any = any.downcast::<&str>().unwrap_err();
    let s: Box<'_, std::string::String> = any.downcast().unwrap();
    assert_eq!(*s, "s");
}

#[test]
fn box_slices_and_arrays() {
    let bump = Bump::new();
    let drops = Cell::new(0);
    let arr = Box::new_in([CountDrop(&drops, 0), CountDrop(&drops, 1)], &bump);
    let slice: Box<'_, [CountDrop<'_>]> = arr.into();
    assert_eq!(
        slice.iter().map(|c| c.1).collect::<std::vec::Vec<_>>(),
        [0, 1]
    );
    let slice = <Box<'_, [CountDrop<'_>; 3]>>::try_from(slice).unwrap_err();
    assert_eq!(drops.get(), 0);
    let arr: Box<'_, [CountDrop<'_>; 2]> = slice.try_into().unwrap();
    assert_eq!(arr[1].1, 1);
    drop(arr);
    assert_eq!(drops.get(), 2);

    let d: Box<'_, [std::string::String]> = Default::default();
    assert!(d.is_empty());
    let e: Box<'_, str> = Box::default();
    assert_eq!(&*e, "");

    let squares = Box::from_iter_in((1..=3).map(|i| i * i), &bump);
    assert_eq!(&*squares, &[1, 4, 9]);
    let via_trait = <Box<'_, [u8]> as FromIteratorIn<u8>>::from_iter_in([5, 6], &bump);
    assert_eq!(&*via_trait, &[5, 6]);
}

#[test]
fn box_comparisons_hash_and_formatting() {
    let a_bump = Bump::new();
    let b_bump = Bump::new();
    let a = Box::new_in(1, &a_bump);
    let b = Box::new_in(2, &b_bump);
    assert!(a != b);
    assert!(a < b);
    assert_eq!(a.cmp(&Box::new_in(1, &a_bump)), core::cmp::Ordering::Equal);
    assert_eq!(hash_of(&a), hash_of(&1));
    let p = std::format!("{a:p}");
    assert_eq!(p, std::format!("{:p}", &*a as *const i32));
    assert_eq!(std::format!("{a:?} {b}"), "1 2");
    assert_eq!(*Borrow::<i32>::borrow(&a), 1);
    let mut c = Box::new_in(5, &a_bump);
    *BorrowMut::<i32>::borrow_mut(&mut c) += 1;
    assert_eq!(*c, 6);
}

#[test]
fn box_hasher_forwards() {
    let bump = Bump::new();
    let mut boxed = Box::new_in(DefaultHasher::new(), &bump);
    let mut plain = DefaultHasher::new();
    for h in [&mut *boxed as &mut dyn Hasher, &mut plain] {
        h.write(b"x");
        h.write_u8(1);
        h.write_u16(2);
        h.write_u32(3);
        h.write_u64(4);
        h.write_u128(5);
        h.write_usize(6);
        h.write_i8(-1);
        h.write_i16(-2);
        h.write_i32(-3);
        h.write_i64(-4);
        h.write_i128(-5);
        h.write_isize(-6);
    }
    // Through the `Hasher` impl of `Box` itself, too.
    let mut boxed2 = Box::new_in(DefaultHasher::new(), &bump);
    Hasher::write_u32(&mut boxed2, 9);
    let mut plain2 = DefaultHasher::new();
    plain2.write_u32(9);
    assert_eq!(Hasher::finish(&boxed2), plain2.finish());
    assert_eq!(boxed.finish(), plain.finish());
}

#[test]
fn box_iterators() {
    let bump = Bump::new();
    let mut it = Box::new_in(1..10, &bump);
    assert_eq!(it.size_hint(), (9, Some(9)));
    assert_eq!(it.len(), 9);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next_back(), Some(9));
    assert_eq!(it.nth(1), Some(3));
    assert_eq!(it.nth_back(1), Some(7));
    assert_eq!(it.last(), Some(6));
    let fused = Box::new_in([1].into_iter().fuse(), &bump);
    assert_eq!(fused.collect::<std::vec::Vec<_>>(), [1]);
}

#[test]
fn box_pin_and_future() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    let bump = Bump::new();
    let pinned: Pin<Box<'_, u8>> = Box::new_in(4, &bump).into();
    assert_eq!(*pinned, 4);

    let mut fut = Box::new_in(std::future::ready(11), &bump);
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Ready(11));
}

#[test]
fn box_is_send_and_sync_like_its_value() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let bump = Bump::new();
    let b = Box::new_in(5u64, &bump);
    send_sync(&b);
    std::thread::scope(|s| {
        s.spawn(move || assert_eq!(*b, 5));
    });
}

#[test]
fn box_raw_round_trip_and_leak() {
    let bump = Bump::new();
    let drops = Cell::new(0);
    let p = Box::into_raw(Box::new_in(CountDrop(&drops, 1), &bump));
    assert_eq!(drops.get(), 0);
    // SAFETY: `p` came from `into_raw`.
    drop(unsafe { Box::from_raw(p) });
    assert_eq!(drops.get(), 1);
    let r = Box::leak(Box::new_in(CountDrop(&drops, 2), &bump));
    r.1 += 1;
    assert_eq!((r.1, drops.get()), (3, 1));
}
