//! Unit and integration tests for `Bytes`: every public function and trait
//! impl, the panics and their messages, and the zero-copy claims (checked by
//! pointer equality).

use std::cmp::Ordering;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::ops::Bound;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::thread;

use memkit_bytes::{Buf, Bytes, BytesMut};

/// Iterations of the threaded stress tests; small under Miri.
const N: usize = if cfg!(miri) { 16 } else { 10_000 };
/// Threads of the threaded stress tests.
const THREADS: usize = if cfg!(miri) { 2 } else { 8 };

const HELLO: &[u8] = b"hello world";

/// A heap-backed `Bytes` made by `BytesMut::with_capacity` (inline storage).
fn heap(data: &[u8]) -> Bytes {
    Bytes::copy_from_slice(data)
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

// ---------------------------------------------------------------------------
// Owner used by `from_owner` tests.

/// Counts its drops and records the thread that dropped it.
struct Owner {
    data: Vec<u8>,
    drops: Arc<AtomicUsize>,
    dropped_on: Arc<std::sync::Mutex<Option<thread::ThreadId>>>,
}

impl AsRef<[u8]> for Owner {
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        self.drops.fetch_add(1, AtomicOrdering::SeqCst);
        *self.dropped_on.lock().unwrap() = Some(thread::current().id());
    }
}

type DropLog = (
    Arc<AtomicUsize>,
    Arc<std::sync::Mutex<Option<thread::ThreadId>>>,
);

fn owner(data: &[u8]) -> (Owner, DropLog) {
    let drops = Arc::new(AtomicUsize::new(0));
    let dropped_on = Arc::new(std::sync::Mutex::new(None));
    let o = Owner {
        data: data.to_vec(),
        drops: Arc::clone(&drops),
        dropped_on: Arc::clone(&dropped_on),
    };
    (o, (drops, dropped_on))
}

// ---------------------------------------------------------------------------
// Constructors

#[test]
fn new_and_default_are_empty() {
    const EMPTY: Bytes = Bytes::new();
    let a = Bytes::new();
    let b = Bytes::default();
    assert!(a.is_empty() && b.is_empty() && EMPTY.is_empty());
    assert_eq!(a.len(), 0);
    assert_eq!(a, b);
    assert_eq!(&a[..], b"");
    assert!(!a.is_unique(), "an empty Bytes has no storage to own");
}

#[test]
fn from_static_borrows_without_copy() {
    const S: Bytes = Bytes::from_static(b"const static");
    static DATA: [u8; 5] = *b"abcde";
    let b = Bytes::from_static(&DATA);
    assert_eq!(b.as_ptr(), DATA.as_ptr());
    assert_eq!(b.len(), 5);
    assert_eq!(b, &b"abcde"[..]);
    assert_eq!(S, "const static");
    let c = b.clone();
    assert_eq!(c.as_ptr(), DATA.as_ptr());
    assert!(!b.is_unique());
    assert_eq!(b.slice(1..3).as_ptr(), DATA[1..].as_ptr());
}

#[test]
fn copy_from_slice_copies() {
    let src = b"copy me".to_vec();
    let b = Bytes::copy_from_slice(&src);
    assert_eq!(b, &src[..]);
    assert_ne!(b.as_ptr(), src.as_ptr());
    assert!(b.is_unique());
    let empty = Bytes::copy_from_slice(&[]);
    assert!(empty.is_empty());
}

#[test]
fn len_and_is_empty() {
    let b = heap(HELLO);
    assert_eq!(b.len(), 11);
    assert!(!b.is_empty());
    assert!(b.slice(3..3).is_empty());
}

// ---------------------------------------------------------------------------
// from_owner

#[test]
fn from_owner_is_zero_copy_and_drops_owner_once_at_last_handle() {
    let (o, (drops, _)) = owner(HELLO);
    let data_ptr = o.data.as_ptr();
    let b = Bytes::from_owner(o);
    assert_eq!(b.as_ptr(), data_ptr, "from_owner must not copy");
    assert_eq!(b, HELLO);

    let c = b.clone();
    let mut d = b.slice(6..);
    let e = d.split_to(2);
    assert_eq!(d, "rld");
    assert_eq!(e, "wo");
    drop(b);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 0);
    drop(c);
    drop(d);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 0);
    assert_eq!(e, "wo", "the owner is still alive behind `e`");
    drop(e);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
}

#[test]
fn from_owner_dropped_on_the_thread_of_the_last_handle() {
    let (o, (drops, dropped_on)) = owner(b"cross thread");
    let b = Bytes::from_owner(o);
    let keep = b.slice(..5);
    let other = thread::spawn(move || {
        let id = thread::current().id();
        assert_eq!(b, "cross thread");
        drop(b);
        id
    })
    .join()
    .unwrap();
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 0);
    let main_id = thread::current().id();
    // Now move the last handle to another thread and drop it there.
    let last = thread::spawn(move || {
        assert_eq!(keep, "cross");
        drop(keep);
        thread::current().id()
    })
    .join()
    .unwrap();
    assert_ne!(last, other);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
    let on = dropped_on.lock().unwrap().expect("owner was dropped");
    assert_eq!(on, last);
    assert_ne!(on, main_id);
}

#[test]
fn from_owner_inline_array_owner() {
    // The owner's bytes live inside the owner itself, so inside the box the
    // crate allocates for it.
    let b = Bytes::from_owner([7u8; 32]);
    assert_eq!(b.len(), 32);
    assert!(b.iter().all(|&x| x == 7));
    let tail = b.slice(16..);
    drop(b);
    assert_eq!(tail, [7u8; 16][..]);
}

#[test]
fn from_owner_empty_and_static_owners() {
    let (o, (drops, _)) = owner(b"");
    let b = Bytes::from_owner(o);
    assert!(b.is_empty());
    drop(b);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);

    let s = Bytes::from_owner("a str owner");
    assert_eq!(s, "a str owner");
    let v = Bytes::from_owner(vec![1u8, 2, 3]);
    assert_eq!(v, [1u8, 2, 3][..]);
}

#[test]
fn from_owner_is_never_unique_and_converts_by_copy() {
    let (o, (drops, _)) = owner(HELLO);
    let b = Bytes::from_owner(o);
    assert!(!b.is_unique());
    let b = b
        .try_into_mut()
        .expect_err("owner bytes are not ours to write");
    assert_eq!(b, HELLO);
    let ptr = b.as_ptr();

    let mut m = BytesMut::from(b);
    assert_ne!(m.as_ptr(), ptr, "From<Bytes> copies owner bytes");
    assert_eq!(m, HELLO);
    m[0] = b'J';
    assert_eq!(
        drops.load(AtomicOrdering::SeqCst),
        1,
        "the copy released the owner"
    );

    let (o, (drops, _)) = owner(HELLO);
    let v: Vec<u8> = Bytes::from_owner(o).into();
    assert_eq!(v, HELLO);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
}

/// An owner whose `as_ref` panics.
struct PanickyOwner(Arc<AtomicUsize>);

impl AsRef<[u8]> for PanickyOwner {
    fn as_ref(&self) -> &[u8] {
        panic!("as_ref panics on purpose");
    }
}

impl Drop for PanickyOwner {
    fn drop(&mut self) {
        self.0.fetch_add(1, AtomicOrdering::SeqCst);
    }
}

#[test]
fn from_owner_panicking_as_ref_drops_owner_once() {
    let drops = Arc::new(AtomicUsize::new(0));
    let o = PanickyOwner(Arc::clone(&drops));
    let r = catch_unwind(AssertUnwindSafe(|| Bytes::from_owner(o)));
    assert!(r.is_err());
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
}

// ---------------------------------------------------------------------------
// slice

#[test]
fn slice_all_range_forms() {
    let b = heap(b"0123456789");
    let p = b.as_ptr();
    assert_eq!(b.slice(..), "0123456789");
    assert_eq!(b.slice(..).as_ptr(), p);
    assert_eq!(b.slice(3..), "3456789");
    assert_eq!(b.slice(3..).as_ptr(), p.wrapping_add(3));
    assert_eq!(b.slice(..4), "0123");
    assert_eq!(b.slice(..=4), "01234");
    assert_eq!(b.slice(2..5), "234");
    assert_eq!(b.slice(2..5).as_ptr(), p.wrapping_add(2));
    assert_eq!(b.slice(2..=5), "2345");
    assert_eq!(b.slice((Bound::Excluded(2), Bound::Included(5))), "345");
    assert_eq!(b.slice((Bound::Excluded(2), Bound::Excluded(5))), "34");
    assert_eq!(b.slice((Bound::Excluded(2), Bound::Unbounded)), "3456789");
    assert_eq!(b.slice(0..10), "0123456789");
    assert_eq!(b.slice(9..=9), "9");
}

#[test]
fn slice_empty_ranges() {
    let b = heap(b"0123456789");
    for r in [0..0, 3..3, 10..10] {
        let s = b.slice(r.clone());
        assert!(s.is_empty(), "{r:?}");
        assert_eq!(
            s.as_ptr(),
            b.as_ptr().wrapping_add(r.start),
            "empty slice keeps its address"
        );
    }
    assert!(b.slice(10..).is_empty());
    assert!(b.slice(..0).is_empty());
    assert!(b.slice((Bound::Excluded(4), Bound::Included(4))).is_empty());
    // An empty slice of a unique buffer holds no reference to it.
    let e = b.slice(4..4);
    assert!(b.is_unique());
    drop(b);
    assert!(e.is_empty());
    assert!(Bytes::new().slice(..).is_empty());
}

#[test]
fn slice_of_slice_and_static() {
    let b = Bytes::from_static(b"abcdefgh");
    let s = b.slice(2..7).slice(1..3);
    assert_eq!(s, "de");
    assert_eq!(s.as_ptr(), b.as_ptr().wrapping_add(3));
}

#[test]
#[should_panic(expected = "Bytes::slice: range start must not be greater than end: 5 > 3")]
fn slice_inverted_panics() {
    #[allow(clippy::reversed_empty_ranges)]
    let _ = heap(HELLO).slice(5..3);
}

#[test]
#[should_panic(expected = "Bytes::slice: range end out of bounds: 12 > 11")]
fn slice_end_past_len_panics() {
    let _ = heap(HELLO).slice(..12);
}

#[test]
#[should_panic(expected = "Bytes::slice: range start must not be greater than end: 12 > 11")]
fn slice_start_past_len_panics() {
    let _ = heap(HELLO).slice(12..);
}

#[test]
#[should_panic(expected = "Bytes::slice: range end out of bounds: 12 > 11")]
fn slice_inclusive_end_past_len_panics() {
    let _ = heap(HELLO).slice(..=11);
}

#[test]
#[should_panic(
    expected = "Bytes::slice: range bound out of range: usize::MAX cannot be made exclusive"
)]
fn slice_inclusive_usize_max_panics() {
    let _ = heap(HELLO).slice(..=usize::MAX);
}

#[test]
#[should_panic(
    expected = "Bytes::slice: range bound out of range: usize::MAX cannot be made exclusive"
)]
fn slice_excluded_start_usize_max_panics() {
    let _ = heap(HELLO).slice((Bound::Excluded(usize::MAX), Bound::Unbounded));
}

#[test]
#[should_panic(expected = "Bytes::slice: range end out of bounds: 1 > 0")]
fn slice_of_empty_panics() {
    let _ = Bytes::new().slice(0..1);
}

// ---------------------------------------------------------------------------
// slice_ref

#[test]
fn slice_ref_inside_is_zero_copy() {
    let b = heap(b"GET /index.html HTTP/1.1");
    let path = b.split(|&c| c == b' ').nth(1).unwrap();
    let s = b.slice_ref(path);
    assert_eq!(s, "/index.html");
    assert_eq!(s.as_ptr(), path.as_ptr());
    let all = b.slice_ref(&b[..]);
    assert_eq!(all, b);
    assert_eq!(all.as_ptr(), b.as_ptr());
    let last = b.slice_ref(&b[b.len() - 1..]);
    assert_eq!(last, "1");
    let st = Bytes::from_static(b"static bytes");
    assert_eq!(st.slice_ref(&st[7..]), "bytes");
}

#[test]
fn slice_ref_empty_subset_gives_empty() {
    let b = heap(HELLO);
    assert!(b.slice_ref(&b[3..3]).is_empty());
    assert!(b.slice_ref(&b[11..]).is_empty());
    // Even an empty slice from elsewhere is accepted.
    let elsewhere = [1u8, 2, 3];
    assert!(b.slice_ref(&elsewhere[1..1]).is_empty());
    assert!(Bytes::new().slice_ref(&[]).is_empty());
}

#[test]
#[should_panic(expected = "Bytes::slice_ref: subset")]
fn slice_ref_outside_panics() {
    let b = heap(HELLO);
    let other = heap(HELLO);
    let _ = b.slice_ref(&other[..2]);
}

#[test]
#[should_panic(expected = "is not inside self")]
fn slice_ref_overhanging_end_panics() {
    let whole = heap(HELLO);
    let part = whole.slice(..5);
    let _ = part.slice_ref(&whole[3..7]);
}

#[test]
#[should_panic(expected = "is not inside self")]
fn slice_ref_before_start_panics() {
    let whole = heap(HELLO);
    let part = whole.slice(5..);
    let _ = part.slice_ref(&whole[2..6]);
}

// ---------------------------------------------------------------------------
// split_to / split_off

#[test]
fn split_off_positions() {
    let mut a = heap(HELLO);
    let p = a.as_ptr();
    let b = a.split_off(5);
    assert_eq!((&a[..], &b[..]), (&b"hello"[..], &b" world"[..]));
    assert_eq!(a.as_ptr(), p);
    assert_eq!(b.as_ptr(), p.wrapping_add(5));

    let mut a = heap(HELLO);
    let p = a.as_ptr();
    let b = a.split_off(0);
    assert!(a.is_empty());
    assert_eq!(b, HELLO);
    assert_eq!(b.as_ptr(), p);
    assert!(b.is_unique(), "the empty remainder holds no reference");

    let mut a = heap(HELLO);
    let b = a.split_off(11);
    assert_eq!(a, HELLO);
    assert!(b.is_empty());
    assert!(a.is_unique());
}

#[test]
fn split_to_positions() {
    let mut a = heap(HELLO);
    let p = a.as_ptr();
    let b = a.split_to(5);
    assert_eq!((&a[..], &b[..]), (&b" world"[..], &b"hello"[..]));
    assert_eq!(b.as_ptr(), p);
    assert_eq!(a.as_ptr(), p.wrapping_add(5));

    let mut a = heap(HELLO);
    let b = a.split_to(0);
    assert!(b.is_empty());
    assert_eq!(a, HELLO);
    assert!(a.is_unique());

    let mut a = heap(HELLO);
    let p = a.as_ptr();
    let b = a.split_to(11);
    assert!(a.is_empty());
    assert_eq!(b, HELLO);
    assert_eq!(b.as_ptr(), p);
    assert!(b.is_unique());
}

#[test]
fn split_static_stays_static() {
    let mut a = Bytes::from_static(b"static!");
    let b = a.split_to(3);
    let c = a.split_off(2);
    assert_eq!(
        (b, a, c),
        (Bytes::from("sta"), Bytes::from("ti"), Bytes::from("c!"))
    );
}

#[test]
#[should_panic(expected = "Bytes::split_off out of bounds: at 12 > len 11")]
fn split_off_past_len_panics() {
    let _ = heap(HELLO).split_off(12);
}

#[test]
#[should_panic(expected = "Bytes::split_to out of bounds: at 12 > len 11")]
fn split_to_past_len_panics() {
    let _ = heap(HELLO).split_to(12);
}

#[test]
#[should_panic(expected = "split_to out of bounds")]
fn split_to_usize_max_panics() {
    let _ = Bytes::from_static(b"x").split_to(usize::MAX);
}

#[test]
fn failed_split_leaves_bytes_intact() {
    let mut a = heap(HELLO);
    let r = catch_unwind(AssertUnwindSafe(|| a.split_off(100)));
    assert!(r.is_err());
    assert_eq!(a, HELLO);
    let r = catch_unwind(AssertUnwindSafe(|| a.split_to(100)));
    assert!(r.is_err());
    assert_eq!(a, HELLO);
    assert!(a.is_unique());
}

// ---------------------------------------------------------------------------
// truncate / clear / advance

#[test]
fn truncate_and_clear() {
    let mut b = heap(HELLO);
    b.truncate(100);
    assert_eq!(b, HELLO);
    b.truncate(11);
    assert_eq!(b, HELLO);
    b.truncate(5);
    assert_eq!(b, "hello");
    b.truncate(0);
    assert!(b.is_empty());
    let mut c = Bytes::from(HELLO.to_vec());
    c.clear();
    assert!(c.is_empty());
    let mut s = Bytes::from_static(b"abc");
    s.truncate(1);
    assert_eq!(s, "a");
}

#[test]
fn truncate_to_zero_releases_the_share() {
    // Every storage kind: inline, adopted `Vec`, and a split `BytesMut`.
    let storages = [
        heap(HELLO),
        Bytes::from(HELLO.to_vec()),
        BytesMut::from(HELLO).split().freeze(),
    ];
    for shared in storages {
        let mut gone = shared.clone();
        assert!(!shared.is_unique());
        gone.truncate(0);
        assert!(gone.is_empty());
        assert!(shared.is_unique());
        let mut writable = shared.try_into_mut().expect("the other share is released");
        writable[0] = b'H';
        assert_eq!(writable, &b"Hello world"[..]);
    }
}

#[test]
fn clear_releases_the_share() {
    let shared = Bytes::from(HELLO.to_vec());
    let mut gone = shared.slice(2..4);
    gone.clear();
    assert!(gone.is_empty());
    assert!(shared.try_into_mut().is_ok());
}

#[test]
fn truncate_to_nonzero_keeps_the_share() {
    let shared = heap(HELLO);
    let mut kept = shared.clone();
    kept.truncate(1);
    assert_eq!(kept, "h");
    assert!(shared.try_into_mut().is_err());
}

#[test]
fn truncate_to_zero_on_the_last_handle_drops_the_owner_then() {
    let (o, (drops, _)) = owner(HELLO);
    let mut b = Bytes::from_owner(o);
    let mut c = b.clone();
    b.truncate(0);
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 0);
    c.clear();
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
    drop((b, c));
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
}

#[test]
fn truncate_to_zero_when_the_owner_panics_in_drop_leaves_an_empty_view() {
    struct PanicsOnDrop(Vec<u8>);
    impl AsRef<[u8]> for PanicsOnDrop {
        fn as_ref(&self) -> &[u8] {
            &self.0
        }
    }
    impl Drop for PanicsOnDrop {
        fn drop(&mut self) {
            panic!("owner drop");
        }
    }
    let mut b = Bytes::from_owner(PanicsOnDrop(HELLO.to_vec()));
    let r = catch_unwind(AssertUnwindSafe(|| b.truncate(0)));
    assert!(r.is_err());
    assert!(b.is_empty());
    drop(b);
}

#[test]
fn advance_moves_start() {
    let mut b = heap(HELLO);
    let p = b.as_ptr();
    b.advance(6);
    assert_eq!(b, "world");
    assert_eq!(b.as_ptr(), p.wrapping_add(6));
    b.advance(0);
    assert_eq!(b, "world");
    b.advance(5);
    assert!(b.is_empty());
}

#[test]
#[should_panic(expected = "cannot advance past `remaining`: advancing by 12 but only 11 remain")]
fn advance_past_end_panics() {
    let mut b = heap(HELLO);
    b.advance(12);
}

#[test]
fn buf_impl_basics() {
    let mut b = heap(b"\x00\x00\x01\x02rest");
    assert_eq!(b.remaining(), 8);
    assert!(b.has_remaining());
    assert_eq!(b.chunk(), b"\x00\x00\x01\x02rest");
    assert_eq!(b.get_u32(), 0x0102);
    let p = b.as_ptr();
    let head = b.copy_to_bytes(2);
    assert_eq!(head, "re");
    assert_eq!(head.as_ptr(), p, "copy_to_bytes on Bytes is zero-copy");
    assert_eq!(b, "st");
    b.advance(2);
    assert!(!b.has_remaining());
}

#[test]
#[should_panic(expected = "out of bounds")]
fn copy_to_bytes_past_end_panics() {
    let mut b = heap(HELLO);
    let _ = b.copy_to_bytes(12);
}

// ---------------------------------------------------------------------------
// is_unique / try_into_mut

#[test]
fn is_unique_tracks_handles() {
    let a = heap(HELLO);
    assert!(a.is_unique());
    let b = a.clone();
    assert!(!a.is_unique() && !b.is_unique());
    drop(b);
    assert!(a.is_unique());
    let s = a.slice(1..3);
    assert!(!a.is_unique());
    drop(s);
    assert!(a.is_unique());
    assert!(Bytes::from(HELLO.to_vec()).is_unique());
    assert!(!Bytes::from_static(HELLO).is_unique());
    let mut m = BytesMut::with_capacity(16);
    m.extend_from_slice(b"abcd");
    let rest = m.split_off(2);
    let front = m.freeze();
    assert!(
        !front.is_unique(),
        "the other half still shares the storage"
    );
    drop(rest);
    assert!(front.is_unique());
}

#[test]
fn try_into_mut_unique_is_zero_copy() {
    let b = heap(HELLO);
    let p = b.as_ptr();
    let mut m = b.try_into_mut().expect("unique");
    assert_eq!(m.as_ptr(), p);
    assert_eq!(m, HELLO);
    assert!(m.capacity() >= 11);
    m.extend_from_slice(b"!");
    assert_eq!(m, "hello world!");

    let v = Bytes::from(HELLO.to_vec());
    let p = v.as_ptr();
    let m = v.try_into_mut().expect("unique vec storage");
    assert_eq!(m.as_ptr(), p);
    assert_eq!(m, HELLO);
}

#[test]
fn try_into_mut_of_a_tail_claims_the_rest_of_the_storage() {
    let mut m = BytesMut::with_capacity(32);
    m.extend_from_slice(HELLO);
    let full_cap = m.capacity();
    let mut b = m.freeze();
    let head = b.split_to(6);
    assert!(b.clone().try_into_mut().is_err());
    drop(head);
    let p = b.as_ptr();
    let mut tail = b.try_into_mut().expect("unique after the head dropped");
    assert_eq!(tail.as_ptr(), p);
    assert_eq!(tail, "world");
    assert_eq!(tail.capacity(), full_cap - 6);
    tail.extend_from_slice(&[b'!'; 21]);
    assert_eq!(tail.len(), 26);
    assert_eq!(tail.as_ptr(), p, "the room after the view is reused");
}

#[test]
fn try_into_mut_shared_static_and_empty_fail() {
    let a = heap(HELLO);
    let b = a.clone();
    let p = a.as_ptr();
    let a = a.try_into_mut().expect_err("shared");
    assert_eq!(a.as_ptr(), p, "the same Bytes comes back");
    assert_eq!(a, HELLO);
    drop(b);
    assert!(a.try_into_mut().is_ok());

    let s = Bytes::from_static(HELLO);
    let s = s.try_into_mut().expect_err("static");
    assert_eq!(s.as_ptr(), HELLO.as_ptr());
    assert!(Bytes::new().try_into_mut().is_err());
}

#[test]
fn into_bytes_mut_copies_only_when_needed() {
    let a = heap(HELLO);
    let p = a.as_ptr();
    let m = BytesMut::from(a);
    assert_eq!(m.as_ptr(), p, "unique: reused");

    let a = heap(HELLO);
    let keep = a.clone();
    let m = BytesMut::from(a);
    assert_ne!(m.as_ptr(), keep.as_ptr(), "shared: copied");
    assert_eq!(m, keep);

    let m = BytesMut::from(Bytes::from_static(HELLO));
    assert_ne!(m.as_ptr(), HELLO.as_ptr());
    assert_eq!(m, HELLO);
}

// ---------------------------------------------------------------------------
// try_unsplit

#[test]
fn try_unsplit_contiguous_is_zero_copy() {
    let mut head = heap(HELLO);
    let p = head.as_ptr();
    let tail = head.split_off(5);
    head.try_unsplit(tail).expect("contiguous");
    assert_eq!(head, HELLO);
    assert_eq!(head.as_ptr(), p);
    assert!(head.is_unique(), "the tail's handle was released");

    let mut rest = heap(HELLO);
    let p = rest.as_ptr();
    let mut front = rest.split_to(3);
    front
        .try_unsplit(rest)
        .expect("split_to halves are contiguous");
    assert_eq!(front, HELLO);
    assert_eq!(front.as_ptr(), p);
    assert!(front.is_unique());

    let mut v = Bytes::from(HELLO.to_vec());
    let t = v.split_off(4);
    v.try_unsplit(t).expect("vec storage joins");
    assert_eq!(v, HELLO);
}

#[test]
fn try_unsplit_three_way() {
    let mut a = heap(b"aaabbbccc");
    let mut b = a.split_off(3);
    let c = b.split_off(3);
    let c = a.try_unsplit(c).expect_err("gap in between");
    assert_eq!(c, "ccc");
    a.try_unsplit(b).unwrap();
    a.try_unsplit(c).unwrap();
    assert_eq!(a, "aaabbbccc");
}

#[test]
fn try_unsplit_rejects_non_contiguous() {
    // Wrong order.
    let mut head = heap(HELLO);
    let mut tail = head.split_off(5);
    let back = tail.try_unsplit(head).expect_err("reversed order");
    assert_eq!(back, "hello");
    assert_eq!(tail, " world");

    // A gap.
    let whole = heap(HELLO);
    let mut a = whole.slice(0..3);
    let b = whole.slice(4..);
    let b = a.try_unsplit(b).expect_err("gap");
    assert_eq!((&a[..], &b[..]), (&b"hel"[..], &b"o world"[..]));

    // Overlap.
    let mut a = whole.slice(0..5);
    let b = whole.slice(3..8);
    assert!(a.try_unsplit(b).is_err());
    assert_eq!(a, "hello");

    // Different storage, even if the bytes match.
    let mut a = heap(b"hello");
    let b = a
        .try_unsplit(heap(b" world"))
        .expect_err("different storage");
    assert_eq!(b, " world");
    assert_eq!(a, "hello");
}

#[test]
fn try_unsplit_static_never_joins() {
    let mut a = Bytes::from_static(HELLO);
    let b = a.split_off(5);
    let b = a.try_unsplit(b).expect_err("static bytes never join");
    assert_eq!(a, "hello");
    assert_eq!(b, " world");
}

#[test]
fn try_unsplit_with_empty_sides() {
    let mut a = heap(HELLO);
    let p = a.as_ptr();
    a.try_unsplit(Bytes::new())
        .expect("empty other always joins");
    a.try_unsplit(Bytes::from_static(b""))
        .expect("empty static joins");
    assert_eq!(a, HELLO);
    assert_eq!(a.as_ptr(), p);

    let mut e = Bytes::new();
    e.try_unsplit(a).expect("empty self becomes other");
    assert_eq!(e, HELLO);
    assert_eq!(e.as_ptr(), p);

    let mut e = Bytes::new();
    e.try_unsplit(Bytes::new()).unwrap();
    assert!(e.is_empty());

    let mut e = Bytes::new();
    e.try_unsplit(Bytes::from_static(b"st")).unwrap();
    assert_eq!(e, "st");
}

// ---------------------------------------------------------------------------
// Clone, Deref, AsRef, Borrow, iteration

#[test]
fn clone_is_zero_copy() {
    for b in [
        heap(HELLO),
        Bytes::from(HELLO.to_vec()),
        Bytes::from_static(HELLO),
    ] {
        let c = b.clone();
        assert_eq!(c.as_ptr(), b.as_ptr());
        assert_eq!(c, b);
    }
}

#[test]
fn deref_as_ref_borrow() {
    use std::borrow::Borrow;
    let b = heap(HELLO);
    let d: &[u8] = &b;
    let r: &[u8] = b.as_ref();
    let w: &[u8] = b.borrow();
    assert_eq!(d, HELLO);
    assert_eq!(r, HELLO);
    assert_eq!(w, HELLO);
    assert!(b.starts_with(b"hello"));

    let mut map = HashMap::new();
    map.insert(b.clone(), 1);
    assert_eq!(map.get(&b"hello world"[..]), Some(&1));
}

#[test]
fn into_iter_and_from_iter() {
    let b = heap(b"abc");
    let by_ref: Vec<u8> = (&b).into_iter().copied().collect();
    assert_eq!(by_ref, b"abc");
    let owned: Vec<u8> = b.into_iter().collect();
    assert_eq!(owned, b"abc");
    let f: Bytes = (0u8..5).collect();
    assert_eq!(f, [0u8, 1, 2, 3, 4][..]);
    let e: Bytes = std::iter::empty().collect();
    assert!(e.is_empty());
}

// ---------------------------------------------------------------------------
// Hash / Eq / Ord

#[test]
fn hash_eq_ord_agree_with_slices() {
    let words: [&[u8]; 7] = [b"", b"a", b"ab", b"abc", b"b", b"\xff", b"\x00"];
    for x in words {
        let bx = heap(x);
        assert_eq!(hash_of(&bx), hash_of(x), "hash of {x:?}");
        assert_eq!(hash_of(&bx), hash_of(&Bytes::from_static(x)));
        for y in words {
            let by = Bytes::from(y.to_vec());
            assert_eq!(bx == by, x == y);
            assert_eq!(bx.cmp(&by), x.cmp(y), "{x:?} vs {y:?}");
            assert_eq!(bx.partial_cmp(&by), x.partial_cmp(y));
        }
    }
    let set: BTreeSet<Bytes> = words.iter().map(|w| heap(w)).collect();
    let sorted: Vec<&[u8]> = set.iter().map(|b| &b[..]).collect();
    let mut expect = words.to_vec();
    expect.sort();
    assert_eq!(sorted, expect);
}

/// Checks `PartialEq` and `PartialOrd` between `$a` and `$b` both ways, where
/// `$lo < $hi` as byte strings.
macro_rules! check_cmp_both_ways {
    ($bytes:expr, $other:expr, $greater:expr) => {{
        let b = $bytes;
        let o = $other;
        let g = $greater;
        assert!(b == o && o == b);
        assert!(!(b != o) && !(o != b));
        assert_eq!(b.partial_cmp(&o), Some(Ordering::Equal));
        assert_eq!(o.partial_cmp(&b), Some(Ordering::Equal));
        assert!(b != g && g != b);
        assert_eq!(b.partial_cmp(&g), Some(Ordering::Less));
        assert_eq!(g.partial_cmp(&b), Some(Ordering::Greater));
        assert!(b < g && g > b);
    }};
}

#[test]
// Deliberately spelled out: these exercise the operator impls themselves,
// including `PartialEq<&T>` and both operand orders.
#[allow(clippy::op_ref, clippy::cmp_owned, clippy::nonminimal_bool)]
fn partial_eq_and_ord_against_std_types() {
    let b = heap(b"abc");
    // [u8] (unsized, through the &T impl and the direct impl)
    check_cmp_both_ways!(b.clone(), &b"abc"[..], &b"abd"[..]);
    assert!(b[..] == b && b == b"abc"[..]);
    assert_eq!(b.partial_cmp(&b"abd"[..]), Some(Ordering::Less));
    assert_eq!(b"abd"[..].partial_cmp(&b), Some(Ordering::Greater));
    // str
    check_cmp_both_ways!(b.clone(), "abc", "abd");
    assert!(*"abc" == b);
    assert!(b == *"abc");
    assert_eq!("abd".partial_cmp(&b), Some(Ordering::Greater));
    assert_eq!(b.partial_cmp("abd"), Some(Ordering::Less));
    // Vec<u8>
    check_cmp_both_ways!(b.clone(), b"abc".to_vec(), b"abd".to_vec());
    // String
    check_cmp_both_ways!(b.clone(), String::from("abc"), String::from("abd"));
    // &Vec<u8> and &String through the blanket &T impl
    let v = b"abc".to_vec();
    assert!(b == &v); // through `PartialEq<&T>`
    assert_eq!(b.partial_cmp(&&String::from("b")), Some(Ordering::Less));
    // Bytes and BytesMut
    let m = BytesMut::from(&b"abc"[..]);
    assert!(b == m);
    assert!(m == b);
    let other = BytesMut::from("abd");
    assert!(b != other);
    // Bytes against &Bytes
    let same = b.clone();
    assert!(b == &same); // through `PartialEq<&T>`
    // Shorter is less
    assert!(heap(b"ab") < "abc");
    assert!("abc" > heap(b"ab"));
    assert!(heap(b"") < *"a");
}

// ---------------------------------------------------------------------------
// From conversions

#[test]
fn from_static_slices_and_strs_do_not_copy() {
    static S: &[u8] = b"static slice";
    let b = Bytes::from(S);
    assert_eq!(b.as_ptr(), S.as_ptr());
    let st: &'static str = "static str";
    let b = Bytes::from(st);
    assert_eq!(b.as_ptr(), st.as_ptr());
    assert_eq!(b, st);
}

#[test]
fn from_vec_box_string_do_not_copy() {
    let mut v = Vec::with_capacity(64);
    v.extend_from_slice(HELLO);
    let p = v.as_ptr();
    let b = Bytes::from(v);
    assert_eq!(b.as_ptr(), p);
    assert_eq!(b, HELLO);
    assert!(b.is_unique());

    let exact = HELLO.to_vec();
    let p = exact.as_ptr();
    assert_eq!(Bytes::from(exact).as_ptr(), p);

    let bx: Box<[u8]> = HELLO.into();
    let p = bx.as_ptr();
    let b = Bytes::from(bx);
    assert_eq!(b.as_ptr(), p);
    assert_eq!(b, HELLO);

    let s = String::from("a string");
    let p = s.as_ptr();
    let b = Bytes::from(s);
    assert_eq!(b.as_ptr(), p);
    assert_eq!(b, "a string");
}

#[test]
fn from_empty_containers() {
    assert!(Bytes::from(Vec::new()).is_empty());
    assert!(Bytes::from(Vec::with_capacity(10)).is_empty());
    assert!(Bytes::from(Box::<[u8]>::default()).is_empty());
    assert!(Bytes::from(String::new()).is_empty());
    assert!(Bytes::from(BytesMut::new()).is_empty());
    let v: Vec<u8> = Bytes::new().into();
    assert!(v.is_empty());
}

#[test]
fn from_bytes_mut_is_freeze() {
    let mut m = BytesMut::with_capacity(32);
    m.extend_from_slice(HELLO);
    let p = m.as_ptr();
    let b = Bytes::from(m);
    assert_eq!(b.as_ptr(), p);
    assert_eq!(b, HELLO);
}

#[test]
fn into_vec_reuses_unique_vec_storage() {
    let mut v = Vec::with_capacity(40);
    v.extend_from_slice(HELLO);
    let p = v.as_ptr();
    let back: Vec<u8> = Bytes::from(v).into();
    assert_eq!(back.as_ptr(), p);
    assert_eq!(back, HELLO);
    assert_eq!(back.capacity(), 40);

    // A tail view of unique vec storage moves its bytes to the front.
    let v = HELLO.to_vec();
    let p = v.as_ptr();
    let mut b = Bytes::from(v);
    b.advance(6);
    let back: Vec<u8> = b.into();
    assert_eq!(back, b"world");
    assert_eq!(back.as_ptr(), p);
}

#[test]
fn into_vec_copies_when_shared_static_or_inline() {
    let b = Bytes::from(HELLO.to_vec());
    let keep = b.clone();
    let v: Vec<u8> = b.into();
    assert_eq!(v, HELLO);
    assert_ne!(v.as_ptr(), keep.as_ptr());
    assert_eq!(keep, HELLO);

    let v: Vec<u8> = Bytes::from_static(HELLO).into();
    assert_eq!(v, HELLO);
    let v: Vec<u8> = heap(HELLO).slice(6..).into();
    assert_eq!(v, b"world");
}

// ---------------------------------------------------------------------------
// Formatting

#[test]
fn debug_escapes() {
    let b = Bytes::from_static(b"a\n\r\t\\\"\0\x01\x7f\xff ~'");
    assert_eq!(format!("{b:?}"), r#"b"a\n\r\t\\\"\0\x01\x7f\xff ~'""#);
    assert_eq!(format!("{:?}", Bytes::new()), r#"b"""#);
}

#[test]
fn debug_matches_bytes_crate_for_every_byte() {
    let all: Vec<u8> = (0..=255u8).collect();
    let memkit = format!("{:?}", Bytes::from(all.clone()));
    let peer = format!("{:?}", bytes::Bytes::from(all));
    assert_eq!(memkit, peer);
}

#[test]
fn hex_formatting() {
    let b = Bytes::from_static(&[0x0a, 0xff, 0x00, 0xb7]);
    assert_eq!(format!("{b:x}"), "0aff00b7");
    assert_eq!(format!("{b:X}"), "0AFF00B7");
    assert_eq!(format!("{:x}", Bytes::new()), "");
    let all: Vec<u8> = (0..=255u8).collect();
    let peer = bytes::Bytes::from(all.clone());
    let memkit = Bytes::from(all);
    assert_eq!(format!("{memkit:x}"), format!("{peer:x}"));
    assert_eq!(format!("{memkit:X}"), format!("{peer:X}"));
}

// ---------------------------------------------------------------------------
// Threads

#[test]
fn bytes_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Bytes>();
    assert_send_sync::<BytesMut>();
}

#[test]
fn cross_thread_clone_and_drop_stress() {
    let (o, (drops, _)) = owner(&[0xAB; 64]);
    for (root, can_be_unique) in [
        (heap(&[0xAB; 64]), true),
        (Bytes::from(vec![0xAB; 64]), true),
        (Bytes::from_owner(o), false),
    ] {
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let mine = root.clone();
                thread::spawn(move || {
                    for i in 0..N / THREADS {
                        let c = mine.clone();
                        let s = c.slice((i + t) % 64..);
                        assert!(s.iter().all(|&x| x == 0xAB));
                        drop(c);
                        let mut d = s.clone();
                        let e = d.split_to(d.len() / 2);
                        assert_eq!(e.len() + d.len(), s.len());
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(root, [0xAB; 64][..]);
        // Every clone has dropped; an owner-backed one is never unique.
        assert_eq!(root.is_unique(), can_be_unique);
        assert_eq!(drops.load(AtomicOrdering::SeqCst), 0);
    }
    assert_eq!(drops.load(AtomicOrdering::SeqCst), 1);
}

#[test]
fn last_handle_dropped_on_another_thread() {
    for _ in 0..(N / 100).max(4) {
        let a = heap(HELLO);
        let b = a.slice(2..);
        let t = thread::spawn(move || {
            assert_eq!(b, "llo world");
        });
        drop(a);
        t.join().unwrap();
    }
}

// ---------------------------------------------------------------------------
// serde

#[cfg(feature = "serde")]
mod serde_tests {
    use memkit_bytes::Bytes;
    use serde_test::{Token, assert_de_tokens, assert_tokens};

    #[test]
    fn round_trip_as_bytes() {
        let b = Bytes::from_static(b"serde\x00\xff");
        assert_tokens(&b, &[Token::Bytes(b"serde\x00\xff")]);
        assert_tokens(&Bytes::new(), &[Token::Bytes(b"")]);
    }

    #[test]
    fn deserializes_from_other_byte_forms() {
        let b = Bytes::from_static(b"abc");
        assert_de_tokens(&b, &[Token::ByteBuf(b"abc")]);
        assert_de_tokens(&b, &[Token::BorrowedBytes(b"abc")]);
        assert_de_tokens(&b, &[Token::Str("abc")]);
        assert_de_tokens(&b, &[Token::String("abc")]);
        assert_de_tokens(
            &b,
            &[
                Token::Seq { len: Some(3) },
                Token::U8(b'a'),
                Token::U8(b'b'),
                Token::U8(b'c'),
                Token::SeqEnd,
            ],
        );
        assert_de_tokens(
            &b,
            &[
                Token::Seq { len: None },
                Token::U8(b'a'),
                Token::U8(b'b'),
                Token::U8(b'c'),
                Token::SeqEnd,
            ],
        );
    }

    #[test]
    fn huge_declared_seq_len_does_not_preallocate() {
        // A lying size hint must not make the visitor allocate usize::MAX.
        let b = Bytes::from_static(b"x");
        assert_de_tokens(
            &b,
            &[
                Token::Seq {
                    len: Some(usize::MAX),
                },
                Token::U8(b'x'),
                Token::SeqEnd,
            ],
        );
    }
}
