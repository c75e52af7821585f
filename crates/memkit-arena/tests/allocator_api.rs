//! `core::alloc::Allocator` for `&Bump` (feature `allocator_api`, nightly
//! Rust with `--cfg memkit_nightly`): std's `Vec` and `Box` live in a
//! `Bump`, the last allocation grows in place, and values are dropped.
//! Run by `.ci/run`:
//!
//! ```sh
//! RUSTFLAGS="--cfg memkit_nightly" cargo +nightly test -p memkit-arena \
//!     --features allocator_api --test allocator_api
//! ```
//!
//! Without the cfg this file compiles to nothing.
#![cfg(all(feature = "allocator_api", memkit_nightly))]
#![feature(allocator_api)]
#![allow(
    stable_features,
    reason = "once `allocator_api` is stabilised, nightly warns that the gate is no longer needed"
)]

use std::alloc::{Allocator, Layout};
use std::cell::Cell;

use memkit_arena::Bump;

#[test]
fn std_vec_in_a_bump_grows_in_place() {
    let bump = Bump::new();
    let mut v: Vec<u8, &Bump> = Vec::with_capacity_in(4, &bump);
    v.extend_from_slice(b"abcd");
    let before = v.as_ptr();
    v.reserve_exact(1);
    v.push(b'e');
    assert_eq!(v.as_ptr(), before, "the last allocation grows in place");
    assert_eq!(&v[..], b"abcde");
    assert!(bump.allocated_bytes() > 0);
}

#[test]
fn std_box_in_a_bump_drops_its_value() {
    struct D<'a>(&'a Cell<u32>);
    impl Drop for D<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    let drops = Cell::new(0);
    let bump = Bump::new();
    let b: Box<D<'_>, &Bump> = Box::new_in(D(&drops), &bump);
    let slice: Box<[u64], &Bump> = Box::new_in([1, 2, 3], &bump);
    assert_eq!(slice.iter().sum::<u64>(), 6);
    drop(b);
    assert_eq!(drops.get(), 1);
}

#[test]
fn allocation_failure_is_an_error() {
    let bump = Bump::new();
    bump.set_allocation_limit(Some(0));
    let layout = Layout::from_size_align(64, 8).unwrap();
    assert!(Allocator::allocate(&&bump, layout).is_err());
    let mut v: Vec<u8, &Bump> = Vec::new_in(&bump);
    assert!(v.try_reserve(16).is_err());
}

#[test]
fn grow_zeroed_and_shrink_keep_contents() {
    let bump = Bump::new();
    let a = &bump;
    let small = Layout::from_size_align(4, 4).unwrap();
    let big = Layout::from_size_align(16, 4).unwrap();
    let p = a.allocate(small).unwrap().cast::<u8>();
    // SAFETY: `p` is a fresh 4-byte block; the layouts fit `grow_zeroed`'s
    // and `shrink`'s contracts, and each block is used only after the call
    // that returned it.
    unsafe {
        p.as_ptr().copy_from_nonoverlapping([9u8; 4].as_ptr(), 4);
        let q = a.grow_zeroed(p, small, big).unwrap().cast::<u8>();
        let bytes = std::slice::from_raw_parts(q.as_ptr(), 16);
        assert_eq!(bytes, [9, 9, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        let r = a.shrink(q, big, small).unwrap().cast::<u8>();
        assert_eq!(std::slice::from_raw_parts(r.as_ptr(), 4), [9; 4]);
        a.deallocate(r, small);
    }
}
