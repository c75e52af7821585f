//! Differential property tests: random allocate / grow / shrink / free /
//! reset sequences run through memkit's `&Bump` allocator, bumpalo's, and a
//! model of the live allocations; random `Vec` sequences (with capacity
//! often larger than length) run through memkit's arena `Vec`, bumpalo's and
//! `std`'s.
//!
//! `ProptestConfig::with_cases(n)` would override `PROPTEST_CASES`, so this
//! file starts from `ProptestConfig::default()` (which reads the variable)
//! and only sets the count to 256, or 4 under Miri, when it is unset.
//! Failure persistence is off under Miri (no file system there).

use std::alloc::Layout;
use std::ptr::NonNull;

use allocator_api2::alloc::Allocator;
use memkit_testkit::config;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Alloc { size: usize, align_shift: u32 },
    Grow { idx: usize, extra: usize },
    Shrink { idx: usize, less: usize },
    Free { idx: usize },
    Reset,
    ResetKeep,
}

/// Sizes shrink under Miri, where every byte checked is slow.
const SCALE: usize = if cfg!(miri) { 20 } else { 1 };
/// Longest operation sequence.
const MAX_OPS: usize = if cfg!(miri) { 12 } else { 200 };

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..300 / SCALE, 0u32..8).prop_map(|(size, align_shift)| Op::Alloc { size, align_shift }),
        1 => (300 / SCALE..6000 / SCALE, 0u32..13)
            .prop_map(|(size, align_shift)| Op::Alloc { size, align_shift }),
        4 => (any::<usize>(), 0usize..700 / SCALE).prop_map(|(idx, extra)| Op::Grow { idx, extra }),
        2 => (any::<usize>(), 0usize..300 / SCALE).prop_map(|(idx, less)| Op::Shrink { idx, less }),
        2 => any::<usize>().prop_map(|idx| Op::Free { idx }),
        1 => Just(Op::Reset),
        1 => Just(Op::ResetKeep),
    ]
}

/// One live allocation of the model: where, what layout, and its fill byte.
#[derive(Debug, Clone, Copy)]
struct Live {
    ptr: NonNull<u8>,
    layout: Layout,
    tag: u8,
}

/// Fills `l` with its tag.
fn fill(l: &Live) {
    // SAFETY: `l` is live and `layout.size()` bytes long.
    unsafe { std::ptr::write_bytes(l.ptr.as_ptr(), l.tag, l.layout.size()) };
}

/// Checks the model invariants: alignment, no overlap, contents.
fn check(live: &[Live]) -> Result<(), TestCaseError> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for l in live {
        let a = l.ptr.as_ptr() as usize;
        prop_assert_eq!(a % l.layout.align(), 0, "misaligned");
        // SAFETY: live allocation of this size.
        let bytes = unsafe { std::slice::from_raw_parts(l.ptr.as_ptr(), l.layout.size()) };
        prop_assert!(bytes.iter().all(|&b| b == l.tag), "contents lost");
        if l.layout.size() > 0 {
            spans.push((a, a + l.layout.size()));
        }
    }
    spans.sort();
    for w in spans.windows(2) {
        prop_assert!(w[0].1 <= w[1].0, "overlap {:?}", w);
    }
    Ok(())
}

/// Applies `ops` to allocator `a`, checking after every step. `reset` and
/// `reset_keep` are called with no live allocation. Returns the sizes of
/// the live allocations at the end.
fn run<A: Allocator>(
    a: &mut dyn FnMut() -> A,
    reset: &mut dyn FnMut(bool),
    after: &mut dyn FnMut(&[Live]) -> Result<(), TestCaseError>,
    ops: &[Op],
    limited: bool,
) -> Result<Vec<usize>, TestCaseError> {
    let mut live: Vec<Live> = Vec::new();
    let mut tag = 0u8;
    for op in ops {
        match *op {
            Op::Alloc { size, align_shift } => {
                let layout = Layout::from_size_align(size, 1 << align_shift).unwrap();
                match a().allocate(layout) {
                    Ok(p) => {
                        prop_assert!(p.len() >= size);
                        tag = tag.wrapping_add(1);
                        let l = Live {
                            ptr: p.cast(),
                            layout,
                            tag,
                        };
                        fill(&l);
                        live.push(l);
                    }
                    Err(_) => prop_assert!(limited, "allocation failed without a limit"),
                }
            }
            Op::Grow { idx, extra } if !live.is_empty() => {
                let i = idx % live.len();
                let l = live[i];
                let new =
                    Layout::from_size_align(l.layout.size() + extra, l.layout.align()).unwrap();
                // SAFETY: `l` is live, from this allocator, new size >= old.
                match unsafe { a().grow(l.ptr, l.layout, new) } {
                    Ok(p) => {
                        let n = Live {
                            ptr: p.cast(),
                            layout: new,
                            tag: l.tag,
                        };
                        // SAFETY: the old contents were copied; check them.
                        let old =
                            unsafe { std::slice::from_raw_parts(n.ptr.as_ptr(), l.layout.size()) };
                        prop_assert!(old.iter().all(|&b| b == l.tag), "grow lost contents");
                        fill(&n);
                        live[i] = n;
                    }
                    Err(_) => prop_assert!(limited, "grow failed without a limit"),
                }
            }
            Op::Shrink { idx, less } if !live.is_empty() => {
                let i = idx % live.len();
                let l = live[i];
                let size = l.layout.size().saturating_sub(less);
                let new = Layout::from_size_align(size, l.layout.align()).unwrap();
                // SAFETY: `l` is live, from this allocator, new size <= old.
                let p = unsafe { a().shrink(l.ptr, l.layout, new) };
                let p = p.map_err(|_| TestCaseError::fail("shrink failed"))?;
                live[i] = Live {
                    ptr: p.cast(),
                    layout: new,
                    tag: l.tag,
                };
            }
            Op::Free { idx } if !live.is_empty() => {
                let l = live.swap_remove(idx % live.len());
                // SAFETY: `l` is live and from this allocator.
                unsafe { a().deallocate(l.ptr, l.layout) };
            }
            Op::Reset | Op::ResetKeep => {
                live.clear();
                reset(matches!(op, Op::ResetKeep));
            }
            _ => {}
        }
        check(&live)?;
        after(&live)?;
    }
    Ok(live.iter().map(|l| l.layout.size()).collect())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn allocator_matches_model_and_bumpalo(
        ops in prop::collection::vec(op(), 1..MAX_OPS),
        limit in prop::option::weighted(0.3, 0usize..20_000),
    ) {
        let mut memkit = memkit_arena::Bump::new();
        memkit.set_allocation_limit(limit);
        let memkit_ptr: *mut memkit_arena::Bump = &mut memkit;
        // The closures below hand out `&Bump` for one call at a time and
        // `&mut Bump` only when no allocation is live; a raw pointer lets
        // them share the arena.
        let mut get = || -> &memkit_arena::Bump {
            // SAFETY: no `&mut` to the arena is live during an allocator call.
            unsafe { &*memkit_ptr }
        };
        let mut reset = |keep: bool| {
            // SAFETY: called with no live allocation and no other borrow.
            let b = unsafe { &mut *memkit_ptr };
            if keep { b.reset_keep_chunks() } else { b.reset() }
        };
        let mut after = |live: &[Live]| -> Result<(), TestCaseError> {
            // SAFETY: a shared borrow between calls.
            let b = unsafe { &*memkit_ptr };
            b.assert_invariants();
            if let Some(l) = limit {
                prop_assert!(b.allocated_bytes() <= l, "limit exceeded");
            }
            let sum: usize = live.iter().map(|l| l.layout.size()).sum();
            prop_assert!(b.allocated_bytes() >= sum);
            if b.allocated_bytes() > 0 {
                prop_assert!(b.allocated_bytes_including_metadata() > b.allocated_bytes());
            }
            // Every live allocation lies in the used part of a chunk.
            // SAFETY: nothing is allocated while iterating; only addresses
            // are compared.
            let chunks: Vec<(usize, usize)> = unsafe { b.iter_allocated_chunks_raw() }
                .map(|(p, n)| (p as usize, p as usize + n))
                .collect();
            for l in live.iter().filter(|l| l.layout.size() > 0) {
                let a = l.ptr.as_ptr() as usize;
                prop_assert!(
                    chunks.iter().any(|&(s, e)| s <= a && a + l.layout.size() <= e),
                    "allocation outside the used chunks"
                );
            }
            Ok(())
        };
        let memkit_live = run(&mut get, &mut reset, &mut after, &ops, limit.is_some())?;

        if limit.is_none() {
            let mut peer = bumpalo::Bump::new();
            let peer_ptr: *mut bumpalo::Bump = &mut peer;
            let mut pget = || -> &bumpalo::Bump {
                // SAFETY: as above.
                unsafe { &*peer_ptr }
            };
            let mut preset = |_keep: bool| {
                // SAFETY: as above.
                unsafe { &mut *peer_ptr }.reset();
            };
            let mut pafter = |_: &[Live]| Ok(());
            let peer_live = run(&mut pget, &mut preset, &mut pafter, &ops, false)?;
            prop_assert_eq!(memkit_live, peer_live);
        }
    }
}

#[derive(Debug, Clone)]
enum VecOp {
    Push(u8),
    Pop,
    Reserve(usize),
    ReserveExact(usize),
    Truncate(usize),
    ShrinkToFit,
    Extend(Vec<u8>),
    Insert(usize, u8),
    Remove(usize),
    /// Allocate something else, so the vector is no longer last.
    Interleave(usize),
}

fn vec_op() -> impl Strategy<Value = VecOp> {
    prop_oneof![
        6 => any::<u8>().prop_map(VecOp::Push),
        1 => Just(VecOp::Pop),
        2 => (0usize..64).prop_map(VecOp::Reserve),
        3 => (0usize..64).prop_map(VecOp::ReserveExact),
        1 => (0usize..64).prop_map(VecOp::Truncate),
        1 => Just(VecOp::ShrinkToFit),
        2 => prop::collection::vec(any::<u8>(), 0..40).prop_map(VecOp::Extend),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, x)| VecOp::Insert(i, x)),
        1 => any::<usize>().prop_map(VecOp::Remove),
        1 => (1usize..100).prop_map(VecOp::Interleave),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn vec_matches_std_and_bumpalo(
        ops in prop::collection::vec(vec_op(), 1..if cfg!(miri) { 16 } else { 300 })
    ) {
        let ob = memkit_arena::Bump::new();
        let pb = bumpalo::Bump::new();
        let mut memkit = memkit_arena::collections::Vec::new_in(&ob);
        let mut peer = bumpalo::collections::Vec::new_in(&pb);
        let mut model: Vec<u8> = Vec::new();
        for op in &ops {
            match op {
                VecOp::Push(x) => { memkit.push(*x); peer.push(*x); model.push(*x); }
                VecOp::Pop => { prop_assert_eq!(memkit.pop(), model.pop()); peer.pop(); }
                VecOp::Reserve(n) => {
                    memkit.reserve(*n); peer.reserve(*n); model.reserve(*n);
                    prop_assert!(memkit.capacity() >= memkit.len() + n);
                }
                VecOp::ReserveExact(n) => {
                    memkit.reserve_exact(*n); peer.reserve_exact(*n); model.reserve_exact(*n);
                    prop_assert!(memkit.capacity() >= memkit.len() + n);
                }
                VecOp::Truncate(n) => { memkit.truncate(*n); peer.truncate(*n); model.truncate(*n); }
                VecOp::ShrinkToFit => {
                    memkit.shrink_to_fit(); peer.shrink_to_fit(); model.shrink_to_fit();
                    prop_assert_eq!(memkit.capacity(), memkit.len());
                }
                VecOp::Extend(v) => {
                    memkit.extend_from_slice(v); peer.extend_from_slice(v); model.extend_from_slice(v);
                }
                VecOp::Insert(i, x) => {
                    let i = i % (model.len() + 1);
                    memkit.insert(i, *x); peer.insert(i, *x); model.insert(i, *x);
                }
                VecOp::Remove(i) if !model.is_empty() => {
                    let i = i % model.len();
                    prop_assert_eq!(memkit.remove(i), model.remove(i));
                    peer.remove(i);
                }
                VecOp::Interleave(n) => {
                    ob.alloc_slice_fill_copy(*n, 0xAAu8);
                    pb.alloc_slice_fill_copy(*n, 0xAAu8);
                }
                VecOp::Remove(_) => {}
            }
            ob.assert_invariants();
            prop_assert!(memkit.capacity() >= memkit.len());
            prop_assert_eq!(&memkit[..], &model[..]);
            prop_assert_eq!(&peer[..], &model[..]);
        }
    }
}
