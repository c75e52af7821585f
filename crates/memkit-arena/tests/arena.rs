//! `Arena<T>`: every public function, drops, zero-sized types, panics.

use std::cell::Cell;
use std::mem::MaybeUninit;
use std::panic::{AssertUnwindSafe, catch_unwind};

use memkit_arena::Arena;

struct Counted<'a>(&'a Cell<usize>, u32);
impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

const N: u32 = if cfg!(miri) { 300 } else { 10_000 };

#[test]
fn alloc_len_into_vec_order() {
    let a = Arena::with_capacity(3);
    assert!(a.is_empty());
    for i in 0..N {
        assert_eq!(*a.alloc(i), i);
    }
    a.alloc_extend(N..N + 5);
    assert_eq!(a.len(), N as usize + 5);
    let v = a.into_vec();
    assert_eq!(v, (0..N + 5).collect::<Vec<_>>());
}

#[test]
fn alloc_extend_contiguous_across_chunks() {
    let a = Arena::with_capacity(4);
    a.alloc(0u64);
    // Exact and inexact size hints, both larger than the chunk.
    let s = a.alloc_extend(1..100u64);
    assert_eq!(s.len(), 99);
    assert!(s.iter().copied().eq(1..100));
    let t = a.alloc_extend((100..300u64).filter(|x| x % 2 == 0));
    assert!(t.iter().copied().eq((100..300).filter(|x| x % 2 == 0)));
    assert!(a.alloc_extend(std::iter::empty()).is_empty());
    assert_eq!(a.into_vec().len(), 1 + 99 + 100);
}

#[test]
fn iter_mut_in_order() {
    let mut a = Arena::with_capacity(2);
    for i in 0..50 {
        a.alloc(i);
    }
    let it = a.iter_mut();
    assert_eq!(it.size_hint(), (50, Some(50)));
    for x in a.iter_mut() {
        *x *= 2;
    }
    assert_eq!(
        a.iter_mut().map(|x| *x).collect::<Vec<_>>(),
        (0..50).map(|x| x * 2).collect::<Vec<_>>()
    );
}

#[test]
fn alloc_str_and_uninit() {
    let a = Arena::new();
    assert_eq!(a.alloc_str("hello"), "hello");
    a.reserve_extend(10_000);
    let free = a.uninitialized_array();
    assert!(free.len() >= 10_000);
    // SAFETY: both slots are written right away.
    let s = unsafe { a.alloc_uninitialized(2) };
    s[0] = MaybeUninit::new(b'!');
    s[1] = MaybeUninit::new(b'?');
    assert_eq!(a.into_vec(), b"hello!?");
}

#[test]
fn every_value_dropped_once() {
    let drops = Cell::new(0);
    {
        let a = Arena::with_capacity(1);
        for i in 0..100 {
            a.alloc(Counted(&drops, i));
        }
        a.alloc_extend((0..100).map(|i| Counted(&drops, i)));
        assert_eq!(drops.get(), 0);
    }
    assert_eq!(drops.get(), 200);
    let drops = Cell::new(0);
    let a = Arena::new();
    a.alloc_extend((0..10).map(|i| Counted(&drops, i)));
    let v = a.into_vec();
    assert_eq!(drops.get(), 0);
    assert!(v.iter().map(|c| c.1).eq(0..10));
    drop(v);
    assert_eq!(drops.get(), 10);
}

thread_local! {
    static ZST_DROPS: Cell<usize> = const { Cell::new(0) };
}

#[test]
fn zero_sized_types() {
    struct Z;
    impl Drop for Z {
        fn drop(&mut self) {
            ZST_DROPS.with(|d| d.set(d.get() + 1));
        }
    }
    assert_eq!(std::mem::size_of::<Z>(), 0);
    let mut a = Arena::new();
    a.alloc(Z);
    assert_eq!(a.alloc_extend((0..5).map(|_| Z)).len(), 5);
    assert_eq!(a.len(), 6);
    assert_eq!(a.iter_mut().count(), 6);
    assert_eq!(a.uninitialized_array().len(), usize::MAX);
    drop(a);
    assert_eq!(ZST_DROPS.with(Cell::get), 6);
    let u = Arena::<()>::new();
    u.alloc(());
    assert_eq!(u.into_vec().len(), 1);
}

#[test]
fn panic_in_alloc_extend_iterator() {
    let drops = Cell::new(0);
    let a = Arena::with_capacity(4);
    a.alloc(Counted(&drops, 0));
    let r = catch_unwind(AssertUnwindSafe(|| {
        a.alloc_extend((0..20).map(|i| {
            if i == 10 {
                panic!("boom");
            }
            Counted(&drops, i)
        }));
    }));
    assert!(r.is_err());
    assert_eq!(drops.get(), 10, "the 10 items taken were dropped");
    assert_eq!(a.len(), 1);
    a.alloc(Counted(&drops, 1));
    drop(a);
    assert_eq!(drops.get(), 12);
}

#[test]
fn reentrant_alloc_panics_cleanly() {
    let a = Arena::new();
    let r = catch_unwind(AssertUnwindSafe(|| {
        a.alloc_extend((0..3).inspect(|&i| {
            if i == 1 {
                a.alloc(99);
            }
        }));
    }));
    assert!(r.is_err());
    assert_eq!(a.len(), 0);
    a.alloc(1);
    assert_eq!(a.into_vec(), [1]);
}

#[test]
fn panicking_drop() {
    struct Bomb<'a>(&'a Cell<usize>, bool);
    impl Drop for Bomb<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
            if self.1 {
                panic!("drop panicked");
            }
        }
    }
    let drops = Cell::new(0);
    let a = Arena::with_capacity(2);
    for i in 0..10 {
        a.alloc(Bomb(&drops, i == 3));
    }
    let r = catch_unwind(AssertUnwindSafe(move || drop(a)));
    assert!(r.is_err());
    assert_eq!(drops.get(), 10, "every other value is still dropped");
}

#[test]
fn values_may_reference_each_other() {
    struct Node<'a> {
        next: Cell<Option<&'a Node<'a>>>,
        v: u32,
    }
    let a = Arena::new();
    let x = a.alloc(Node {
        next: Cell::new(None),
        v: 1,
    });
    let y = a.alloc(Node {
        next: Cell::new(Some(x)),
        v: 2,
    });
    x.next.set(Some(y));
    assert_eq!(x.next.get().unwrap().next.get().unwrap().v, 1);
    assert_eq!(y.v, 2);
}
