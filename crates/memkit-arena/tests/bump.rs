//! `Bump`: every public function, alignment, zero-sized types, limits,
//! huge layouts, panics inside initializers, scopes and checkpoints.

use std::alloc::Layout;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use memkit_arena::{AllocErr, AllocOrInitError, Bump};

/// Counts drops through a shared counter.
struct Counted<'a>(&'a Cell<usize>);
impl Drop for Counted<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// Loop sizes; small under Miri.
const N: usize = if cfg!(miri) { 300 } else { 10_000 };

fn panic_message(e: Box<dyn std::any::Any + Send>) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

#[test]
fn constructors() {
    assert_eq!(Bump::new().allocated_bytes(), 0);
    assert_eq!(Bump::try_new().unwrap().allocated_bytes(), 0);
    let d: Bump = Default::default();
    assert_eq!(d.allocated_bytes(), 0);
    assert_eq!(Bump::with_capacity(0).allocated_bytes(), 0);
    let b = Bump::with_capacity(5000);
    assert!(b.chunk_capacity() >= 5000);
    assert!(b.allocated_bytes() >= 5000);
    assert!(Bump::try_with_capacity(100).is_ok());
    assert_eq!(Bump::try_with_capacity(usize::MAX).unwrap_err(), AllocErr);
    assert!(Bump::try_with_capacity(isize::MAX as usize).is_err());
    let b = Bump::<8>::with_min_align();
    assert_eq!(b.min_align(), 8);
    for _ in 0..10 {
        assert_eq!(b.alloc(1u8) as *mut u8 as usize % 8, 0);
    }
    let b = Bump::<16>::with_min_align_and_capacity(64);
    assert!(b.chunk_capacity() >= 64);
    assert!(Bump::<4>::try_with_min_align_and_capacity(64).is_ok());
}

#[test]
fn alloc_and_friends() {
    let b = Bump::new();
    let x = b.alloc(5u32);
    *x += 1;
    assert_eq!(*x, 6);
    assert_eq!(*b.try_alloc(7u16).unwrap(), 7);
    assert_eq!(*b.alloc_with(|| [3u8; 100]), [3u8; 100]);
    assert_eq!(*b.try_alloc_with(|| 'c').unwrap(), 'c');
    assert_eq!(b.alloc_try_with(|| Ok::<_, ()>(1u64)), Ok(&mut 1));
    assert_eq!(b.alloc_try_with(|| Err::<u64, _>("e")), Err("e"));
    assert_eq!(b.try_alloc_try_with(|| Ok::<_, ()>(2u8)), Ok(&mut 2));
    assert_eq!(
        b.try_alloc_try_with(|| Err::<u8, _>(3)),
        Err(AllocOrInitError::Init(3))
    );
    assert_eq!(b.alloc_str("héllo"), "héllo");
    assert_eq!(b.try_alloc_str("").unwrap(), "");
    assert_eq!(b.alloc_slice_copy(&[1, 2, 3]), &[1, 2, 3]);
    assert_eq!(b.try_alloc_slice_copy::<u8>(&[]).unwrap(), &[] as &[u8]);
    assert_eq!(b.alloc_slice_clone(&[(1, 'a')]), &[(1, 'a')]);
    assert_eq!(b.try_alloc_slice_clone(&[9u8]).unwrap(), &[9]);
    assert_eq!(b.alloc_slice_fill_with(4, |i| i * i), &[0, 1, 4, 9]);
    assert_eq!(
        b.try_alloc_slice_fill_with(2, |i| i as u8).unwrap(),
        &[0, 1]
    );
    assert_eq!(
        b.alloc_slice_try_fill_with(2, Ok::<_, ()>),
        Ok(&mut [0, 1][..])
    );
    assert_eq!(b.alloc_slice_fill_copy(3, 1u8), &[1, 1, 1]);
    assert_eq!(b.try_alloc_slice_fill_copy(1, 2u8).unwrap(), &[2]);
    assert_eq!(b.alloc_slice_fill_clone(2, &7i64), &[7, 7]);
    assert_eq!(b.try_alloc_slice_fill_clone(1, &7i64).unwrap(), &[7]);
    assert_eq!(b.alloc_slice_fill_default::<u32>(2), &[0, 0]);
    assert_eq!(b.try_alloc_slice_fill_default::<u32>(1).unwrap(), &[0]);
    assert_eq!(b.alloc_slice_fill_iter(10..13), &[10, 11, 12]);
    assert_eq!(b.try_alloc_slice_fill_iter(0..1).unwrap(), &[0]);
    assert_eq!(
        b.alloc_slice_try_fill_iter([Ok(1), Ok(2)]),
        Ok::<_, ()>(&mut [1, 2][..])
    );
    assert_eq!(b.alloc_slice_try_fill_iter([Ok(1), Err(2)]), Err(2));
    let p = b.alloc_layout(Layout::from_size_align(10, 4).unwrap());
    assert_eq!(p.as_ptr() as usize % 4, 0);
    assert!(b.try_alloc_layout(Layout::new::<u128>()).is_ok());
}

#[test]
fn alignment_up_to_4096() {
    let b = Bump::new();
    let mut spans = Vec::new();
    for round in 0..3 {
        for shift in 0..=12 {
            let align = 1usize << shift;
            let size = 1 + (round * 37 + shift * 11) % 200;
            let p = b.alloc_layout(Layout::from_size_align(size, align).unwrap());
            let a = p.as_ptr() as usize;
            assert_eq!(a % align, 0, "align {align}");
            spans.push((a, a + size));
        }
    }
    spans.sort();
    for w in spans.windows(2) {
        assert!(w[0].1 <= w[1].0, "overlap");
    }
}

#[repr(align(4096))]
struct Page([u8; 4096]);

#[test]
fn page_aligned_values() {
    let b = Bump::new();
    b.alloc(1u8);
    let p = b.alloc_with(|| Page([7; 4096]));
    assert_eq!(p as *mut Page as usize % 4096, 0);
    assert_eq!(p.0[4095], 7);
}

#[test]
fn zero_sized_types_allocate_nothing() {
    let b = Bump::new();
    for _ in 0..1000 {
        let u: &mut () = b.alloc(());
        *u = ();
    }
    let n = if cfg!(miri) { 1000 } else { 1_000_000 };
    let s = b.alloc_slice_fill_with(n, |_| ());
    assert_eq!(s.len(), n);
    let p = b.alloc_layout(Layout::from_size_align(0, 4096).unwrap());
    assert_eq!(p.as_ptr() as usize % 4096, 0);
    assert_eq!(b.alloc_slice_copy::<u64>(&[]).len(), 0);
    assert_eq!(b.alloc_str("").len(), 0);
    assert_eq!(b.allocated_bytes(), 0);
    // With a limit of zero nothing can be allocated, yet zero-sized values can.
    b.set_allocation_limit(Some(0));
    assert!(b.try_alloc(()).is_ok());
    assert!(b.try_alloc([0u64; 0]).is_ok());
}

#[test]
fn allocation_limit() {
    let b = Bump::new();
    assert_eq!(b.allocation_limit(), None);
    b.set_allocation_limit(Some(0));
    assert_eq!(b.allocation_limit(), Some(0));
    assert_eq!(b.try_alloc(1u8), Err(AllocErr));
    assert_eq!(b.try_alloc_with(|| 1u8), Err(AllocErr));
    assert!(matches!(
        b.try_alloc_try_with(|| Ok::<u8, ()>(1)),
        Err(AllocOrInitError::Alloc(AllocErr))
    ));
    assert_eq!(b.try_alloc_str("x"), Err(AllocErr));
    assert_eq!(b.try_alloc_slice_copy(&[1u8]), Err(AllocErr));
    assert_eq!(b.try_alloc_slice_fill_default::<u8>(1), Err(AllocErr));
    assert!(b.try_alloc_layout(Layout::new::<u8>()).is_err());
    let e = catch_unwind(AssertUnwindSafe(|| {
        b.alloc(1u8);
    }))
    .unwrap_err();
    assert!(panic_message(e).contains("allocation limit"));

    let b = Bump::new();
    let limit = 10_000;
    b.set_allocation_limit(Some(limit));
    let mut n = 0usize;
    while b.try_alloc([0u8; 100]).is_ok() {
        n += 1;
        assert!(b.allocated_bytes() <= limit);
    }
    assert!(n >= 50, "only {n} allocations fit under a 10 kB limit");
    assert!(b.allocated_bytes() <= limit);
    b.set_allocation_limit(None);
    assert!(b.try_alloc([0u8; 100]).is_ok());
}

#[test]
fn layouts_near_isize_max_fail_cleanly() {
    let b = Bump::new();
    // Sizes whose chunk would pass `isize::MAX` fail in our arithmetic,
    // before the global allocator is asked.
    let mut sizes = vec![isize::MAX as usize - 7, isize::MAX as usize - 15];
    // Sizes the global allocator itself must refuse. Miri aborts on such a
    // request instead of returning null, so these run natively only.
    if !cfg!(miri) {
        sizes.extend([
            isize::MAX as usize - 64,
            isize::MAX as usize - 4095,
            isize::MAX as usize / 2 + 1,
        ]);
    }
    for size in sizes {
        let l = Layout::from_size_align(size, 8).unwrap();
        assert_eq!(b.try_alloc_layout(l), Err(AllocErr), "size {size}");
    }
    let l = Layout::from_size_align(isize::MAX as usize - 4095 - 15, 4096).unwrap();
    assert!(b.try_alloc_layout(l).is_err());
    assert!(
        b.try_alloc_slice_fill_default::<u64>(usize::MAX / 8)
            .is_err()
    );
    assert!(
        b.try_alloc_slice_fill_copy(isize::MAX as usize, 0u8)
            .is_err()
    );
    let e = catch_unwind(AssertUnwindSafe(|| {
        b.alloc_slice_fill_copy(usize::MAX / 2, 0u16);
    }))
    .unwrap_err();
    assert!(panic_message(e).contains("overflow"));
    assert!(catch_unwind(AssertUnwindSafe(|| b.alloc_layout(l))).is_err());
    // The arena is still usable.
    assert_eq!(*b.alloc(3u8), 3);
    let mut v = memkit_arena::collections::Vec::<u8>::new_in(&b);
    assert!(v.try_reserve(isize::MAX as usize).is_err());
    assert!(v.try_reserve_exact(usize::MAX).is_err());
}

#[test]
fn panic_in_alloc_with_leaves_arena_usable() {
    let b = Bump::new();
    let r = catch_unwind(AssertUnwindSafe(|| {
        b.alloc_with(|| -> u64 { panic!("boom") });
    }));
    assert!(r.is_err());
    assert_eq!(*b.alloc(1u64), 1);
}

#[test]
fn panic_in_fill_with_drops_what_was_made() {
    let drops = Cell::new(0);
    let b = Bump::new();
    let r = catch_unwind(AssertUnwindSafe(|| {
        b.alloc_slice_fill_with(10, |i| {
            if i == 6 {
                panic!("boom");
            }
            Counted(&drops)
        });
    }));
    assert!(r.is_err());
    assert_eq!(drops.get(), 6);
    // Fallible init: the made values are dropped on error, exactly once.
    let drops = Cell::new(0);
    let r = b.alloc_slice_try_fill_with(5, |i| if i < 3 { Ok(Counted(&drops)) } else { Err(i) });
    assert_eq!(r.err(), Some(3));
    assert_eq!(drops.get(), 3);
}

/// An iterator that claims more items than it yields, or panics.
struct Liar<'a> {
    left: usize,
    claimed: usize,
    panic_at_end: bool,
    drops: &'a Cell<usize>,
}
impl<'a> Iterator for Liar<'a> {
    type Item = Counted<'a>;
    fn next(&mut self) -> Option<Counted<'a>> {
        if self.left == 0 {
            if self.panic_at_end {
                panic!("iterator panicked");
            }
            return None;
        }
        self.left -= 1;
        Some(Counted(self.drops))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.claimed, Some(self.claimed))
    }
}
impl ExactSizeIterator for Liar<'_> {}

#[test]
fn panic_in_fill_iter_drops_what_was_made() {
    let b = Bump::new();
    for panic_at_end in [false, true] {
        let drops = Cell::new(0);
        let it = Liar {
            left: 4,
            claimed: 9,
            panic_at_end,
            drops: &drops,
        };
        let e = catch_unwind(AssertUnwindSafe(|| {
            b.alloc_slice_fill_iter(it);
        }))
        .unwrap_err();
        if !panic_at_end {
            assert!(panic_message(e).contains("too few"));
        }
        assert_eq!(drops.get(), 4);
    }
}

#[test]
fn failed_init_gives_room_back() {
    let b = Bump::with_capacity(1024);
    b.alloc(0u8);
    let before = b.chunk_capacity();
    assert!(b.alloc_try_with(|| Err::<[u8; 64], _>(())).is_err());
    assert_eq!(b.chunk_capacity(), before);
    assert!(
        b.alloc_slice_try_fill_with(8, |_| Err::<u64, _>(()))
            .is_err()
    );
    assert_eq!(b.chunk_capacity(), before);
}

#[test]
fn reset_keeps_one_chunk() {
    let mut b = Bump::new();
    for i in 0..N as u64 {
        b.alloc(i);
    }
    let total = b.allocated_bytes();
    b.reset();
    let kept = b.allocated_bytes();
    assert!(kept > 0 && kept < total);
    assert_eq!(b.iter_allocated_chunks().count(), 1);
    assert_eq!(b.iter_allocated_chunks().next().unwrap().len(), 0);
    assert_eq!(*b.alloc(5u8), 5);
    // Resetting an empty arena is fine.
    let mut e = Bump::new();
    e.reset();
    assert_eq!(e.allocated_bytes(), 0);
}

#[test]
fn reset_keep_chunks_reuses_every_chunk() {
    let mut b = Bump::new();
    let scale = if cfg!(miri) { 10 } else { 1 };
    for peak in [5000usize, 100, 3000, 5000, 1, 4999].map(|p| p / scale) {
        for i in 0..peak {
            b.alloc(i as u64);
        }
        let held = b.allocated_bytes();
        b.reset_keep_chunks();
        assert_eq!(b.allocated_bytes(), held);
    }
    let held = b.allocated_bytes();
    for i in 0..(5000 / scale) as u64 {
        b.alloc(i);
    }
    assert_eq!(b.allocated_bytes(), held);
}

#[test]
fn large_requests_do_not_inflate_later_chunks() {
    let b = Bump::new();
    b.alloc(0u8);
    b.alloc_layout(Layout::from_size_align(1 << 20, 8).unwrap());
    let after_large = b.allocated_bytes();
    // Fill until a new normal chunk appears.
    let mut grew = 0;
    for _ in 0..100_000 {
        b.alloc(0u64);
        if b.allocated_bytes() != after_large {
            grew = b.allocated_bytes() - after_large;
            break;
        }
    }
    assert!(grew > 0, "no new chunk was made");
    assert!(
        grew < 64 * 1024,
        "a 1 MiB request inflated the next chunk to {grew} bytes"
    );
}

#[test]
fn scopes_free_and_nest() {
    let mut b = Bump::new();
    b.alloc(1u8);
    let cap0 = b.chunk_capacity();
    let r = b.scope(|s| {
        let x = *s.alloc(10u64);
        // Outer allocations cannot be held across a nested scope (it takes
        // `&mut` of the outer scope); values can.
        let inner = s.scope(|t| {
            let y = t.alloc_slice_fill_copy(N, 1u8);
            y.len()
        });
        let z = s.alloc(x + inner as u64);
        *z
    });
    assert_eq!(r, 10 + N as u64);
    assert_eq!(b.chunk_capacity(), cap0);
    // A panic inside the scope still rewinds.
    let res = catch_unwind(AssertUnwindSafe(|| {
        b.scope(|s| {
            s.alloc([0u8; 100]);
            panic!("inside scope");
        })
    }));
    assert!(res.is_err());
    assert_eq!(b.chunk_capacity(), cap0);
}

#[test]
fn checkpoints() {
    let b = Bump::new();
    b.alloc(1u32);
    let cp = b.checkpoint();
    let cap = b.chunk_capacity();
    for i in 0..N as u32 {
        b.alloc(i);
    }
    // SAFETY: nothing allocated after `cp` is used again.
    unsafe { b.reset_to(cp) };
    assert_eq!(b.chunk_capacity(), cap);
    let before = b.allocated_bytes();
    for i in 0..N as u32 {
        b.alloc(i);
    }
    assert_eq!(
        b.allocated_bytes(),
        before,
        "chunks made after the checkpoint are reused"
    );
    // A checkpoint from before the first chunk.
    let e = Bump::new();
    let cp = e.checkpoint();
    e.alloc(1u8);
    // SAFETY: as above.
    unsafe { e.reset_to(cp) };
    assert_eq!(e.chunk_capacity(), 0);
    assert_eq!(*e.alloc(2u8), 2);
}

#[test]
fn introspection() {
    let mut b = Bump::new();
    b.alloc(b'a');
    b.alloc(b'b');
    b.alloc(b'c');
    let chunks: Vec<_> = b.iter_allocated_chunks().collect();
    assert_eq!(chunks.len(), 1);
    let bytes: Vec<u8> = chunks[0]
        .iter()
        .map(|m| {
            // SAFETY: only u8s were allocated.
            unsafe { m.assume_init() }
        })
        .collect();
    assert_eq!(bytes, b"abc");
    // SAFETY: nothing is allocated while iterating.
    let raw: usize = unsafe { b.iter_allocated_chunks_raw() }
        .map(|(_, n)| n)
        .sum();
    assert_eq!(raw, 3);
    assert!(b.allocated_bytes_including_metadata() > b.allocated_bytes());
    for i in 0..N as u32 {
        b.alloc(i);
    }
    let used: usize = b.iter_allocated_chunks().map(<[_]>::len).sum();
    assert!(used >= 4 * N + 3);
    assert!(b.iter_allocated_chunks().count() > 1);
    assert!(format!("{b:?}").contains("allocated_bytes"));
}

#[test]
fn bump_is_send() {
    fn is_send<T: Send>() {}
    is_send::<Bump>();
    is_send::<memkit_arena::Arena<u8>>();
}
