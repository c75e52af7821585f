//! Unit and integration tests for `BytesMut`: every public function and trait
//! impl, the panics and their messages, growth and reclaim, and the zero-copy
//! claims (checked by pointer equality).

use std::cmp::Ordering;
use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::ops::Bound;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread;

use memkit_bytes::{Buf, BufMut, Bytes, BytesMut};

/// Iterations of loops and threaded tests; small under Miri.
const N: usize = if cfg!(miri) { 16 } else { 10_000 };

const HELLO: &[u8] = b"hello world";

fn filled(cap: usize, data: &[u8]) -> BytesMut {
    let mut m = BytesMut::with_capacity(cap);
    m.extend_from_slice(data);
    m
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

// ---------------------------------------------------------------------------
// Constructors

#[test]
fn new_default_and_const() {
    const EMPTY: BytesMut = BytesMut::new();
    let m = BytesMut::new();
    assert_eq!((m.len(), m.capacity()), (0, 0));
    assert!(m.is_empty() && EMPTY.is_empty());
    assert_eq!(BytesMut::default(), m);
    assert_eq!(&m[..], b"");
}

#[test]
fn with_capacity_is_exact() {
    for cap in [0, 1, 7, 64, 1000] {
        let m = BytesMut::with_capacity(cap);
        assert_eq!(m.capacity(), cap);
        assert!(m.is_empty());
    }
}

#[test]
#[should_panic(expected = "capacity overflow")]
fn with_capacity_usize_max_panics() {
    let _ = BytesMut::with_capacity(usize::MAX);
}

#[test]
#[should_panic(expected = "capacity overflow")]
fn with_capacity_isize_max_panics() {
    // The header must fit too, so even isize::MAX is too big.
    let _ = BytesMut::with_capacity(isize::MAX as usize);
}

#[test]
fn zeroed() {
    let z = BytesMut::zeroed(100);
    assert_eq!(z.len(), 100);
    assert!(z.capacity() >= 100);
    assert!(z.iter().all(|&b| b == 0));
    let e = BytesMut::zeroed(0);
    assert!(e.is_empty());
}

// ---------------------------------------------------------------------------
// freeze

#[test]
fn freeze_is_zero_copy() {
    let m = filled(32, HELLO);
    let p = m.as_ptr();
    let b = m.freeze();
    assert_eq!(b.as_ptr(), p);
    assert_eq!(b, HELLO);
    assert!(b.is_unique());

    let mut v = Vec::with_capacity(20);
    v.extend_from_slice(HELLO);
    let p = v.as_ptr();
    let b = BytesMut::from(v).freeze();
    assert_eq!(b.as_ptr(), p);

    assert!(BytesMut::new().freeze().is_empty());
    assert!(BytesMut::with_capacity(10).freeze().is_empty());
}

// ---------------------------------------------------------------------------
// split_off / split_to / split

#[test]
fn split_off_positions() {
    let mut a = filled(16, b"0123456789");
    let p = a.as_ptr();
    let b = a.split_off(4);
    assert_eq!((&a[..], &b[..]), (&b"0123"[..], &b"456789"[..]));
    assert_eq!((a.capacity(), b.capacity()), (4, 12));
    assert_eq!(b.as_ptr(), p.wrapping_add(4));

    let mut a = filled(16, b"0123456789");
    let b = a.split_off(0);
    assert_eq!((a.len(), a.capacity()), (0, 0));
    assert_eq!((b.len(), b.capacity()), (10, 16));

    // At len: the tail gets the spare capacity and no bytes.
    let mut a = filled(16, b"0123456789");
    let b = a.split_off(10);
    assert_eq!(a, "0123456789");
    assert_eq!((a.capacity(), b.len(), b.capacity()), (10, 0, 6));

    // Between len and capacity.
    let mut a = filled(16, b"0123456789");
    let b = a.split_off(13);
    assert_eq!(a, "0123456789");
    assert_eq!((a.capacity(), b.len(), b.capacity()), (13, 0, 3));
    assert_eq!(b.as_ptr(), a.as_ptr().wrapping_add(13));

    // At capacity.
    let mut a = filled(16, b"0123456789");
    let b = a.split_off(16);
    assert_eq!((a.capacity(), b.capacity()), (16, 0));
}

#[test]
#[should_panic(expected = "BytesMut::split_off out of bounds: at 17 > capacity 16")]
fn split_off_past_capacity_panics() {
    let mut a = filled(16, b"abc");
    let _ = a.split_off(17);
}

#[test]
fn split_to_positions() {
    let mut a = filled(16, b"0123456789");
    let p = a.as_ptr();
    let b = a.split_to(4);
    assert_eq!((&a[..], &b[..]), (&b"456789"[..], &b"0123"[..]));
    assert_eq!((b.capacity(), a.capacity()), (4, 12));
    assert_eq!(b.as_ptr(), p);
    assert_eq!(a.as_ptr(), p.wrapping_add(4));

    let mut a = filled(16, b"0123456789");
    let b = a.split_to(0);
    assert_eq!((b.len(), b.capacity()), (0, 0));
    assert_eq!((a.len(), a.capacity()), (10, 16));

    let mut a = filled(16, b"0123456789");
    let b = a.split_to(10);
    assert_eq!(b, "0123456789");
    assert_eq!((a.len(), a.capacity()), (0, 6));
}

#[test]
#[should_panic(expected = "BytesMut::split_to out of bounds: at 4 > len 3")]
fn split_to_past_len_panics() {
    // Capacity is 16, but split_to is bounded by the length.
    let mut a = filled(16, b"abc");
    let _ = a.split_to(4);
}

#[test]
fn split_takes_contents_and_keeps_spare() {
    let mut a = filled(32, b"line\n");
    let p = a.as_ptr();
    let line = a.split();
    assert_eq!(line, "line\n");
    assert_eq!(line.as_ptr(), p);
    assert!(a.is_empty());
    assert_eq!(a.capacity(), 27);
    assert_eq!(a.as_ptr(), p.wrapping_add(5));
    // Writing into the rest does not disturb the split part.
    a.extend_from_slice(b"next");
    assert_eq!(line, "line\n");
    assert_eq!(a, "next");
    assert_eq!(a.as_ptr(), p.wrapping_add(5));

    let mut e = BytesMut::new();
    let s = e.split();
    assert!(s.is_empty() && e.is_empty());
}

#[test]
fn split_parts_are_independent() {
    let mut a = filled(64, &[0u8; 48]);
    let mut b = a.split_off(16);
    let mut c = b.split_to(16);
    a.iter_mut().for_each(|x| *x = 1);
    b.iter_mut().for_each(|x| *x = 3);
    c.iter_mut().for_each(|x| *x = 2);
    c.extend_from_slice(b"!"); // c is full: this must not overwrite b
    assert!(a.iter().all(|&x| x == 1));
    assert!(b.iter().all(|&x| x == 3));
    assert_eq!(&c[..16], &[2u8; 16][..]);
    assert_eq!(c[16], b'!');
}

#[test]
fn failed_splits_leave_buffer_intact() {
    let mut a = filled(8, b"abc");
    assert!(catch_unwind(AssertUnwindSafe(|| a.split_to(4))).is_err());
    assert!(catch_unwind(AssertUnwindSafe(|| a.split_off(9))).is_err());
    assert_eq!(a, "abc");
    assert_eq!(a.capacity(), 8);
}

// ---------------------------------------------------------------------------
// truncate / clear / resize / set_len / spare_capacity_mut

#[test]
fn truncate_and_clear_keep_capacity() {
    let mut m = filled(32, HELLO);
    m.truncate(50);
    assert_eq!(m, HELLO);
    m.truncate(5);
    assert_eq!(m, "hello");
    assert_eq!(m.capacity(), 32);
    m.clear();
    assert!(m.is_empty());
    assert_eq!(m.capacity(), 32);
}

#[test]
fn resize_grows_and_shrinks() {
    let mut m = BytesMut::new();
    m.resize(3, b'x');
    assert_eq!(m, "xxx");
    m.resize(3, b'y');
    assert_eq!(m, "xxx");
    m.resize(1, b'y');
    assert_eq!(m, "x");
    let cap = m.capacity();
    m.resize(cap + 100, 0xEE);
    assert_eq!(m.len(), cap + 100);
    assert_eq!(m[0], b'x');
    assert!(m[1..].iter().all(|&b| b == 0xEE));
    m.resize(0, 0);
    assert!(m.is_empty());
}

#[test]
fn spare_capacity_and_set_len() {
    let mut m = BytesMut::with_capacity(8);
    m.extend_from_slice(b"ab");
    let spare = m.spare_capacity_mut();
    assert_eq!(spare.len(), 6);
    for (i, slot) in spare.iter_mut().enumerate().take(3) {
        slot.write(b'0' + i as u8);
    }
    // SAFETY: 5 <= capacity 8, and bytes 2..5 were written just above.
    unsafe { m.set_len(5) };
    assert_eq!(m, "ab012");
    // SAFETY: shrinking within initialized bytes.
    unsafe { m.set_len(1) };
    assert_eq!(m, "a");
    assert!(BytesMut::new().spare_capacity_mut().is_empty());
    let mut full = filled(3, b"abc");
    assert!(full.spare_capacity_mut().is_empty());
}

// ---------------------------------------------------------------------------
// reserve / try_reclaim

#[test]
fn reserve_grows_and_keeps_contents() {
    let mut m = BytesMut::new();
    m.reserve(10);
    assert!(m.capacity() >= 10);
    m.extend_from_slice(HELLO);
    for add in [0, 1, 100, 5000] {
        m.reserve(add);
        assert!(m.capacity() - m.len() >= add, "reserve({add})");
        assert_eq!(m, HELLO);
    }
    // Enough room already: nothing moves.
    let p = m.as_ptr();
    let cap = m.capacity();
    m.reserve(cap - m.len());
    assert_eq!(m.as_ptr(), p);
    assert_eq!(m.capacity(), cap);
}

#[test]
fn reserve_reclaims_room_after_splits_drop() {
    let mut m = BytesMut::with_capacity(64);
    let base = m.as_ptr();
    m.extend_from_slice(&[1; 64]);
    let head = m.split_to(60);
    m.reserve(0);
    assert_eq!(m.capacity(), 4);
    drop(head);
    // The 4 remaining bytes move to the front of the same storage.
    m.reserve(40);
    assert_eq!(m.as_ptr(), base, "reclaimed in place, no new storage");
    assert_eq!(m, [1u8; 4][..]);
    assert_eq!(m.capacity(), 64);
}

#[test]
fn reserve_while_shared_copies_and_keeps_other_half() {
    let mut m = filled(16, b"0123456789abcdef");
    let tail = m.split_off(8);
    let p = m.as_ptr();
    m.reserve(100);
    assert_ne!(m.as_ptr(), p, "storage is shared: must move");
    assert_eq!(m, "01234567");
    m.extend_from_slice(&[b'z'; 100]);
    assert_eq!(tail, "89abcdef", "the other half is untouched");
}

#[test]
fn reserve_on_vec_backed_and_frozen_halves() {
    let mut m = BytesMut::from(HELLO.to_vec());
    m.reserve(1000);
    assert!(m.capacity() >= 1011);
    assert_eq!(m, HELLO);

    let mut m = filled(32, HELLO);
    let frozen = m.split_to(6).freeze();
    m.reserve(26 + 5);
    assert_eq!(m, "world");
    assert_eq!(frozen, "hello ");
}

#[test]
#[should_panic(expected = "BytesMut::reserve: capacity overflow")]
fn reserve_usize_max_panics() {
    let mut m = filled(8, b"abc");
    m.reserve(usize::MAX);
}

#[test]
#[should_panic(expected = "BytesMut::reserve: capacity overflow")]
fn reserve_isize_max_panics() {
    let mut m = filled(8, b"abc");
    m.reserve(isize::MAX as usize);
}

#[test]
#[should_panic(expected = "BytesMut::reserve: capacity overflow: 0 + ")]
fn reserve_isize_max_on_empty_panics() {
    let mut m = BytesMut::new();
    m.reserve(isize::MAX as usize);
}

#[test]
fn reserve_overflow_panic_leaves_buffer_usable() {
    let mut m = filled(8, b"abc");
    let p = m.as_ptr();
    for add in [usize::MAX, isize::MAX as usize, usize::MAX - 2] {
        assert!(catch_unwind(AssertUnwindSafe(|| m.reserve(add))).is_err());
        assert_eq!(m, "abc");
        assert_eq!(m.as_ptr(), p);
    }
    m.extend_from_slice(b"def");
    assert_eq!(m, "abcdef");
}

#[test]
#[should_panic(expected = "capacity overflow")]
fn extend_overflow_via_resize_panics() {
    let mut m = filled(8, b"abc");
    m.resize(usize::MAX, 0);
}

#[test]
fn try_reclaim() {
    let mut m = BytesMut::with_capacity(64);
    let base = m.as_ptr();
    m.extend_from_slice(&[1; 64]);
    assert!(m.try_reclaim(0));
    assert!(!m.try_reclaim(1), "full, and nothing to reclaim");
    let head = m.split();
    assert!(!m.try_reclaim(64), "head still alive");
    drop(head);
    assert!(m.try_reclaim(64));
    assert_eq!(m.as_ptr(), base);
    assert_eq!(m.capacity(), 64);
    assert!(!m.try_reclaim(65), "never allocates");
    assert!(!m.try_reclaim(usize::MAX), "overflow is just false");
    assert_eq!(m.as_ptr(), base);

    let mut e = BytesMut::new();
    assert!(e.try_reclaim(0));
    assert!(!e.try_reclaim(1));
}

#[test]
fn try_reclaim_moves_contents_to_front() {
    let mut m = filled(32, &[7; 32]);
    let base = m.as_ptr();
    let head = m.split_to(28);
    drop(head);
    assert!(m.try_reclaim(20));
    assert_eq!(m.as_ptr(), base);
    assert_eq!(m, [7u8; 4][..]);
    assert!(m.capacity() >= 24);
}

// ---------------------------------------------------------------------------
// extend_from_slice / extend_from_within

#[test]
fn extend_from_slice_grows() {
    let mut m = BytesMut::new();
    for i in 0..N {
        m.extend_from_slice(&[i as u8]);
    }
    assert_eq!(m.len(), N);
    assert!(m.iter().enumerate().all(|(i, &b)| b == i as u8));
    m.extend_from_slice(&[]);
    assert_eq!(m.len(), N);
}

#[test]
fn extend_from_within() {
    let mut m = BytesMut::from("abc");
    m.extend_from_within(1..);
    assert_eq!(m, "abcbc");
    m.extend_from_within(..);
    assert_eq!(m, "abcbcabcbc");
    m.extend_from_within(2..2);
    assert_eq!(m, "abcbcabcbc");
    m.extend_from_within(..=0);
    assert_eq!(m, "abcbcabcbca");
    m.extend_from_within((Bound::Excluded(0), Bound::Included(1)));
    assert_eq!(m, "abcbcabcbcab");
    // Growing while the source is read.
    let mut m = filled(4, b"wxyz");
    m.extend_from_within(..);
    assert_eq!(m, "wxyzwxyz");
    // From the spare capacity of a split buffer: nothing of the other part leaks.
    let mut m = filled(16, b"0123456789");
    let tail = m.split_off(5);
    m.extend_from_within(1..3);
    assert_eq!(m, "0123412");
    assert_eq!(tail, "56789");
}

#[test]
#[should_panic(expected = "BytesMut::extend_from_within: range end out of bounds: 4 > 3")]
fn extend_from_within_past_len_panics() {
    let mut m = filled(16, b"abc");
    m.extend_from_within(1..4);
}

#[test]
#[should_panic(
    expected = "BytesMut::extend_from_within: range start must not be greater than end: 2 > 1"
)]
fn extend_from_within_inverted_panics() {
    let mut m = filled(16, b"abc");
    #[allow(clippy::reversed_empty_ranges)]
    m.extend_from_within(2..1);
}

// ---------------------------------------------------------------------------
// unsplit / try_unsplit

#[test]
fn unsplit_contiguous_is_zero_copy() {
    let mut a = filled(64, b"aaabbbcccddd");
    let p = a.as_ptr();
    let b = a.split_off(6);
    a.unsplit(b);
    assert_eq!(a, "aaabbbcccddd");
    assert_eq!(a.as_ptr(), p);
    assert_eq!(a.capacity(), 64);

    let mut rest = filled(64, b"aaabbbcccddd");
    let p = rest.as_ptr();
    let mut front = rest.split_to(3);
    front.unsplit(rest);
    assert_eq!(front, "aaabbbcccddd");
    assert_eq!(front.as_ptr(), p);
    assert_eq!(front.capacity(), 64);
}

#[test]
fn unsplit_non_contiguous_copies() {
    let mut a = filled(64, b"aaabbbccc");
    let mut b = a.split_off(3);
    let c = b.split_off(3);
    a.unsplit(c);
    assert_eq!(a, "aaaccc");
    assert_eq!(b, "bbb");

    let mut x = BytesMut::from("left");
    x.unsplit(BytesMut::from("right"));
    assert_eq!(x, "leftright");

    // Reversed order.
    let mut a = filled(16, b"0123456789");
    let mut b = a.split_off(5);
    b.unsplit(a);
    assert_eq!(b, "5678901234");
}

#[test]
fn unsplit_with_empty_sides() {
    let mut e = BytesMut::new();
    let o = filled(8, b"other");
    let p = o.as_ptr();
    e.unsplit(o);
    assert_eq!(e, "other");
    assert_eq!(e.as_ptr(), p, "an empty self is replaced by other");

    let mut a = filled(8, b"abc");
    a.unsplit(BytesMut::new());
    a.unsplit(BytesMut::with_capacity(4));
    assert_eq!(a, "abc");
}

#[test]
fn unsplit_after_split_off_beyond_len_copies_correctly() {
    // `a` is not full (len 3 < cap 8), so the tail is not adjacent to its
    // contents: unsplit must copy and not expose the gap.
    let mut a = filled(16, b"abc");
    let mut b = a.split_off(8);
    b.extend_from_slice(b"XYZ");
    let b = a.try_unsplit(b).expect_err("gap between len and the tail");
    assert_eq!(b, "XYZ");
    a.unsplit(b);
    assert_eq!(a, "abcXYZ");
}

#[test]
fn try_unsplit() {
    let mut buf = filled(64, b"aaabbbcccddd");
    let mut split_1 = buf.split_off(3);
    let split_2 = split_1.split_off(3);
    let split_2 = buf.try_unsplit(split_2).expect_err("not adjacent");
    assert_eq!(split_2, "cccddd");
    buf.try_unsplit(split_1).unwrap();
    buf.try_unsplit(split_2).unwrap();
    assert_eq!(buf, "aaabbbcccddd");
    assert_eq!(buf.capacity(), 64);

    let mut a = BytesMut::from("abc");
    let other = a
        .try_unsplit(BytesMut::from("def"))
        .expect_err("different storage");
    assert_eq!(other, "def");
    assert_eq!(a, "abc");

    // A zero-capacity other always joins.
    a.try_unsplit(BytesMut::new()).unwrap();
    assert_eq!(a, "abc");

    // An empty, capacity-less self does not adopt a foreign buffer.
    let mut e = BytesMut::new();
    assert!(e.try_unsplit(BytesMut::from("x")).is_err());
}

#[test]
fn try_unsplit_rejoins_zero_capacity_head() {
    let mut a = filled(10, b"0123");
    let b = a.split_off(0);
    assert_eq!(a.capacity(), 0);
    a.try_unsplit(b).unwrap();
    assert_eq!(a, "0123");
    assert_eq!(a.capacity(), 10);
}

// ---------------------------------------------------------------------------
// Extend / FromIterator / fmt::Write / iteration

#[test]
fn extend_impls() {
    let mut m = BytesMut::new();
    m.extend([1u8, 2, 3]);
    m.extend([4u8, 5].iter());
    m.extend(vec![
        Bytes::from_static(b"\x06"),
        Bytes::copy_from_slice(b"\x07\x08"),
    ]);
    m.extend((9u8..=10).filter(|_| true)); // size_hint lower bound 0
    assert_eq!(m, [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10][..]);
    let a: BytesMut = (0u8..4).collect();
    assert_eq!(a, [0u8, 1, 2, 3][..]);
    let b: BytesMut = [9u8, 8].iter().collect();
    assert_eq!(b, [9u8, 8][..]);
    let big: BytesMut = (0..N).map(|i| i as u8).collect();
    assert_eq!(big.len(), N);
}

/// An iterator that panics after `n` items.
struct PanicAfter(usize);

impl Iterator for PanicAfter {
    type Item = u8;
    fn next(&mut self) -> Option<u8> {
        if self.0 == 0 {
            panic!("iterator panics on purpose");
        }
        self.0 -= 1;
        Some(b'x')
    }
}

#[test]
fn panicking_iterator_leaves_buffer_valid() {
    let mut m = filled(4, b"ab");
    let r = catch_unwind(AssertUnwindSafe(|| m.extend(PanicAfter(10))));
    assert!(r.is_err());
    assert_eq!(&m[..2], b"ab");
    assert_eq!(m.len(), 12, "the ten yielded bytes were appended");
    assert!(m[2..].iter().all(|&b| b == b'x'));
    m.extend_from_slice(b"!");
    let r = catch_unwind(|| PanicAfter(100).collect::<BytesMut>());
    assert!(r.is_err());
}

#[test]
fn fmt_write() {
    let mut m = BytesMut::new();
    write!(m, "{}-{}-{:02x}", 1, String::from("two"), 255).unwrap();
    assert_eq!(m, "1-two-ff");
    m.write_str("").unwrap();
    m.write_char('é').unwrap();
    assert_eq!(m, "1-two-ffé");
}

/// A value whose `Display` panics halfway.
struct PanicDisplay;

impl std::fmt::Display for PanicDisplay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("before")?;
        panic!("display panics on purpose");
    }
}

#[test]
fn fmt_write_panic_leaves_buffer_valid() {
    let mut m = BytesMut::from("x");
    let r = catch_unwind(AssertUnwindSafe(|| write!(m, "{PanicDisplay}")));
    assert!(r.is_err());
    assert_eq!(m, "xbefore");
}

#[test]
fn into_iter() {
    let m = BytesMut::from("abc");
    let r: Vec<u8> = (&m).into_iter().copied().collect();
    assert_eq!(r, b"abc");
    let o: Vec<u8> = m.into_iter().collect();
    assert_eq!(o, b"abc");
}

// ---------------------------------------------------------------------------
// Deref, AsRef/AsMut, Borrow/BorrowMut, Clone

#[test]
fn deref_mut_as_mut_borrow_mut() {
    use std::borrow::{Borrow, BorrowMut};
    let mut m = BytesMut::from("abcd");
    m[0] = b'A';
    m.as_mut()[1] = b'B';
    let bm: &mut [u8] = m.borrow_mut();
    bm[2] = b'C';
    let dm: &mut [u8] = &mut m;
    dm[3] = b'D';
    let r: &[u8] = m.as_ref();
    assert_eq!(r, b"ABCD");
    let b: &[u8] = m.borrow();
    assert_eq!(b, b"ABCD");
    m.reverse();
    assert_eq!(m, "DCBA");
}

#[test]
fn clone_is_deep() {
    let a = filled(32, HELLO);
    let mut b = a.clone();
    assert_eq!(a, b);
    assert_ne!(a.as_ptr(), b.as_ptr());
    b[0] = b'J';
    assert_eq!(a, HELLO);
    assert_eq!(b, "Jello world");
    assert!(BytesMut::new().clone().is_empty());
}

// ---------------------------------------------------------------------------
// Hash / Eq / Ord / comparisons

#[test]
fn hash_eq_ord_agree_with_slices() {
    let words: [&[u8]; 6] = [b"", b"a", b"ab", b"b", b"\xff", b"\x00\x01"];
    for x in words {
        let mx = BytesMut::from(x);
        assert_eq!(hash_of(&mx), hash_of(x));
        assert_eq!(hash_of(&mx), hash_of(&Bytes::copy_from_slice(x)));
        for y in words {
            let my = BytesMut::from(y);
            assert_eq!(mx == my, x == y);
            assert_eq!(mx.cmp(&my), x.cmp(y));
            assert_eq!(mx.partial_cmp(&my), x.partial_cmp(y));
        }
    }
}

macro_rules! check_cmp_both_ways {
    ($m:expr, $other:expr, $greater:expr) => {{
        let m = $m;
        let o = $other;
        let g = $greater;
        assert!(m == o && o == m);
        assert_eq!(m.partial_cmp(&o), Some(Ordering::Equal));
        assert_eq!(o.partial_cmp(&m), Some(Ordering::Equal));
        assert!(m != g && g != m);
        assert_eq!(m.partial_cmp(&g), Some(Ordering::Less));
        assert_eq!(g.partial_cmp(&m), Some(Ordering::Greater));
    }};
}

#[test]
// Deliberately spelled out: these exercise the operator impls themselves,
// including `PartialEq<&T>` and both operand orders.
#[allow(clippy::op_ref, clippy::cmp_owned, clippy::nonminimal_bool)]
fn partial_eq_and_ord_against_std_types() {
    let m = BytesMut::from("abc");
    check_cmp_both_ways!(m.clone(), &b"abc"[..], &b"abd"[..]);
    assert!(b"abc"[..] == m && m == b"abc"[..]);
    assert_eq!(b"abd"[..].partial_cmp(&m), Some(Ordering::Greater));
    check_cmp_both_ways!(m.clone(), "abc", "abd");
    assert!(*"abc" == m && m == *"abc");
    assert_eq!(m.partial_cmp("abb"), Some(Ordering::Greater));
    check_cmp_both_ways!(m.clone(), b"abc".to_vec(), b"abd".to_vec());
    check_cmp_both_ways!(m.clone(), String::from("abc"), String::from("b"));
    assert!(m == &String::from("abc"));
    assert!(m == &m.clone());
    assert!(m == Bytes::from_static(b"abc") && Bytes::from_static(b"abc") == m);
    assert!(m != Bytes::from_static(b"ab"));
    assert!(BytesMut::from("ab") < "abc");
}

// ---------------------------------------------------------------------------
// From conversions

#[test]
fn from_slices_copy_exactly() {
    let src = *b"copied";
    let m = BytesMut::from(&src[..]);
    assert_eq!(m, "copied");
    assert_eq!(m.capacity(), 6);
    assert_ne!(m.as_ptr(), src.as_ptr());
    let s = BytesMut::from("str");
    assert_eq!((s.len(), s.capacity()), (3, 3));
    assert!(BytesMut::from(&b""[..]).is_empty());
}

#[test]
fn from_vec_is_zero_copy() {
    let mut v = Vec::with_capacity(32);
    v.extend_from_slice(HELLO);
    let p = v.as_ptr();
    let mut m = BytesMut::from(v);
    assert_eq!(m.as_ptr(), p);
    assert_eq!((m.len(), m.capacity()), (11, 32));
    m.extend_from_slice(b"!!");
    assert_eq!(m.as_ptr(), p, "the spare capacity of the vector is used");
    assert_eq!(m, "hello world!!");

    let e = BytesMut::from(Vec::new());
    assert_eq!((e.len(), e.capacity()), (0, 0));
    let e = BytesMut::from(Vec::with_capacity(5));
    assert_eq!((e.len(), e.capacity()), (0, 5));
}

#[test]
fn into_vec() {
    // Vec-backed, unique: the buffer comes back.
    let mut v = Vec::with_capacity(32);
    v.extend_from_slice(HELLO);
    let p = v.as_ptr();
    let back: Vec<u8> = BytesMut::from(v).into();
    assert_eq!(back.as_ptr(), p);
    assert_eq!(back, HELLO);
    assert_eq!(back.capacity(), 32);

    // Vec-backed, advanced: contents move to the front of the same buffer.
    let v = HELLO.to_vec();
    let p = v.as_ptr();
    let mut m = BytesMut::from(v);
    m.advance(6);
    let back: Vec<u8> = m.into();
    assert_eq!(back, b"world");
    assert_eq!(back.as_ptr(), p);

    // Inline storage: copied.
    let back: Vec<u8> = filled(32, HELLO).into();
    assert_eq!(back, HELLO);

    // Shared Vec storage: copied, the other half intact.
    let mut m = BytesMut::from(HELLO.to_vec());
    let tail = m.split_off(5);
    let back: Vec<u8> = m.into();
    assert_eq!(back, b"hello");
    assert_eq!(tail, " world");

    let empty: Vec<u8> = BytesMut::new().into();
    assert!(empty.is_empty());
}

#[test]
fn bytes_mut_and_bytes_round_trip() {
    let m = filled(32, HELLO);
    let p = m.as_ptr();
    let b: Bytes = m.into();
    assert_eq!(b.as_ptr(), p);
    let m: BytesMut = b.into();
    assert_eq!(m.as_ptr(), p);
    assert_eq!(m.capacity(), 32);
}

// ---------------------------------------------------------------------------
// Formatting

#[test]
fn debug_and_hex() {
    let m = BytesMut::from(&b"a\n\"\\\x00\x80~"[..]);
    assert_eq!(format!("{m:?}"), r#"b"a\n\"\\\0\x80~""#);
    let all: Vec<u8> = (0..=255u8).collect();
    let memkit = BytesMut::from(&all[..]);
    let peer = bytes::BytesMut::from(&all[..]);
    assert_eq!(format!("{memkit:?}"), format!("{peer:?}"));
    assert_eq!(format!("{memkit:x}"), format!("{peer:x}"));
    assert_eq!(format!("{memkit:X}"), format!("{peer:X}"));
    assert_eq!(format!("{:x}", BytesMut::from(&[0xab, 0x01][..])), "ab01");
    assert_eq!(format!("{:X}", BytesMut::from(&[0xab, 0x01][..])), "AB01");
}

// ---------------------------------------------------------------------------
// Buf / BufMut (the methods the current trait offers)

#[test]
fn buf_impl() {
    let mut m = filled(16, b"\x00\x00\x00\x2arest");
    assert_eq!(m.remaining(), 8);
    assert_eq!(m.chunk(), b"\x00\x00\x00\x2arest");
    assert_eq!(m.get_u32(), 42);
    let p = m.as_ptr();
    let head = m.copy_to_bytes(2);
    assert_eq!(head, "re");
    assert_eq!(head.as_ptr(), p, "copy_to_bytes on BytesMut is zero-copy");
    assert_eq!(m, "st");
    m.advance(2);
    assert!(!m.has_remaining());
    assert_eq!(m.capacity(), 8, "advance gives up the consumed room");
}

#[test]
#[should_panic(expected = "cannot advance past `remaining`: advancing by 4 but only 3 remain")]
fn advance_past_len_panics() {
    let mut m = filled(16, b"abc");
    m.advance(4);
}

#[test]
fn buf_mut_impl() {
    let mut m = BytesMut::new();
    assert_eq!(m.remaining_mut(), isize::MAX as usize);
    m.put_u8(1);
    m.put_i8(-1);
    m.put_u16(0x0203);
    m.put_u32(0x0405_0607);
    m.put_slice(b"ab");
    m.put_bytes(b'z', 3);
    m.put(&b"cd"[..]);
    m.put(Bytes::from_static(b"ef"));
    assert_eq!(m, &b"\x01\xff\x02\x03\x04\x05\x06\x07abzzzcdef"[..]);
    assert_eq!(m.remaining_mut(), isize::MAX as usize - m.len());
}

#[test]
fn put_into_empty_adopts_unique_storage() {
    let src = Bytes::copy_from_slice(HELLO);
    let p = src.as_ptr();
    let mut m = BytesMut::new();
    m.put(src);
    assert_eq!(m, HELLO);
    assert_eq!(m.as_ptr(), p);

    let shared = Bytes::copy_from_slice(HELLO);
    let keep = shared.clone();
    let mut m = BytesMut::new();
    m.put(shared);
    assert_ne!(m.as_ptr(), keep.as_ptr());
    assert_eq!(m, keep);

    let mut m = BytesMut::new();
    m.put(&b""[..]);
    assert_eq!(m.capacity(), 0);
}

#[test]
fn chunk_mut_and_advance_mut() {
    let mut m = BytesMut::with_capacity(4);
    assert_eq!(m.chunk_mut().len(), 4);
    assert_eq!(m.capacity(), 4, "room exists: chunk_mut must not grow");
    m.spare_capacity_mut()[0].write(b'q');
    // SAFETY: the first spare byte was written just above.
    unsafe { m.advance_mut(1) };
    assert_eq!(m, "q");
    m.extend_from_slice(b"rst");
    assert_eq!(m.len(), m.capacity());
    // A full buffer grows for chunk_mut.
    let room = m.chunk_mut().len();
    assert!(room > 0);
    assert_eq!(m.capacity() - m.len(), room);
    assert_eq!(m, "qrst");
}

#[test]
#[should_panic(expected = "BytesMut::advance_mut out of bounds")]
fn advance_mut_past_capacity_panics() {
    let mut m = BytesMut::with_capacity(4);
    // SAFETY: this panics before any length changes.
    unsafe { m.advance_mut(5) };
}

// ---------------------------------------------------------------------------
// Threads

#[test]
fn send_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<BytesMut>();
}

#[test]
fn split_parts_written_and_dropped_on_other_threads() {
    let parts = 4;
    let rounds = if cfg!(miri) { 2 } else { 200 };
    let mut m = BytesMut::with_capacity(parts * 64);
    let base = m.as_ptr();
    for round in 0..rounds {
        let cap = m.capacity();
        assert_eq!(cap, parts * 64);
        let mut pieces = Vec::new();
        for _ in 0..parts - 1 {
            let rest = m.split_off(64);
            pieces.push(std::mem::replace(&mut m, rest));
        }
        pieces.push(std::mem::take(&mut m));
        let handles: Vec<_> = pieces
            .into_iter()
            .enumerate()
            .map(|(i, mut piece)| {
                thread::spawn(move || {
                    piece.resize(64, (round + i) as u8);
                    let frozen = piece.freeze();
                    assert!(frozen.iter().all(|&b| b == (round + i) as u8));
                    frozen
                })
            })
            .collect();
        let frozen: Vec<Bytes> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        // Rejoin the frozen pieces without copying, then reclaim the storage.
        let mut whole = Bytes::new();
        for f in frozen {
            whole.try_unsplit(f).expect("pieces are contiguous");
        }
        assert_eq!(whole.len(), parts * 64);
        assert_eq!(whole.as_ptr(), base);
        m = whole.try_into_mut().expect("unique again");
        m.clear();
    }
}

// ---------------------------------------------------------------------------
// serde

#[cfg(feature = "serde")]
mod serde_tests {
    use memkit_bytes::BytesMut;
    use serde_test::{Token, assert_de_tokens, assert_tokens};

    #[test]
    fn round_trip_as_bytes() {
        assert_tokens(
            &BytesMut::from(&b"mut\x00"[..]),
            &[Token::Bytes(b"mut\x00")],
        );
        assert_tokens(&BytesMut::new(), &[Token::Bytes(b"")]);
    }

    #[test]
    fn deserializes_from_other_byte_forms() {
        let m = BytesMut::from("xy");
        assert_de_tokens(&m, &[Token::ByteBuf(b"xy")]);
        assert_de_tokens(&m, &[Token::Str("xy")]);
        assert_de_tokens(&m, &[Token::String("xy")]);
        assert_de_tokens(
            &m,
            &[
                Token::Seq { len: Some(2) },
                Token::U8(b'x'),
                Token::U8(b'y'),
                Token::SeqEnd,
            ],
        );
    }
}

/// Appends of every small length (the inline copies, up to 16 bytes) and
/// a few past it (`memcpy`), at every offset of the first words, keep the
/// bytes in order: as a `Vec` model does.
#[test]
fn extend_from_slice_of_every_small_length_matches_a_vec() {
    let source: Vec<u8> = (0..40u8)
        .map(|b| b.wrapping_mul(37).wrapping_add(1))
        .collect();
    for offset in 0..9 {
        for n in 0..=20 {
            let mut memkit = BytesMut::with_capacity(64);
            let mut model = Vec::with_capacity(64);
            memkit.extend_from_slice(&source[..offset]);
            model.extend_from_slice(&source[..offset]);
            memkit.extend_from_slice(&source[offset..offset + n]);
            model.extend_from_slice(&source[offset..offset + n]);
            memkit.extend_from_slice(&source[..3]);
            model.extend_from_slice(&source[..3]);
            assert_eq!(&memkit[..], &model[..], "offset {offset}, length {n}");
        }
    }
}
