//! Allocator failure through the `try_` forms: a global allocator that refuses
//! every block over 1 GiB, so `try_reserve` and `try_with_capacity` meet a
//! real null from the allocator and must report it, leaving the buffer as it
//! was.

use std::alloc::{GlobalAlloc, Layout, System};

use memkit_bytes::{BufMut, BytesMut, TryReserveError};

const LIMIT: usize = 1 << 30;

struct Refusing;

// SAFETY: forwards to `System`, except that it returns null (allowed by the
// `GlobalAlloc` contract) for blocks over `LIMIT`.
unsafe impl GlobalAlloc for Refusing {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > LIMIT {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > LIMIT {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Refusing = Refusing;

#[test]
fn try_with_capacity_reports_allocator_refusal() {
    let err = BytesMut::try_with_capacity(LIMIT + 1).unwrap_err();
    let TryReserveError::AllocError { size } = err else {
        panic!("expected AllocError, got {err:?}");
    };
    assert!(
        size > LIMIT,
        "size {size} is the whole block, header included"
    );
}

#[test]
fn try_reserve_refused_by_realloc_keeps_the_buffer() {
    // A unique inline buffer at offset 0 grows with `realloc`.
    let mut buf = BytesMut::with_capacity(16);
    buf.put_slice(b"keep me");
    let before = (buf.as_ptr(), buf.capacity());
    let err = buf.try_reserve(LIMIT).unwrap_err();
    assert!(matches!(err, TryReserveError::AllocError { .. }), "{err:?}");
    assert_eq!(buf, "keep me");
    assert_eq!((buf.as_ptr(), buf.capacity()), before);
    buf.put_slice(b"!");
    assert_eq!(buf, "keep me!");
}

#[test]
fn try_reserve_refused_for_a_shared_buffer_keeps_both_halves() {
    // A shared buffer must copy into a new block, which is refused.
    let mut buf = BytesMut::with_capacity(32);
    buf.put_slice(b"head tail");
    let head = buf.split_to(5).freeze();
    let err = buf.try_reserve(LIMIT).unwrap_err();
    assert!(matches!(err, TryReserveError::AllocError { .. }), "{err:?}");
    assert_eq!(buf, "tail");
    assert_eq!(head, "head ");
}

#[test]
fn try_reserve_overflow_is_reported_before_any_allocation() {
    let mut buf = BytesMut::from(&b"xy"[..]);
    assert_eq!(
        buf.try_reserve(usize::MAX - 1),
        Err(TryReserveError::CapacityOverflow {
            len: 2,
            additional: usize::MAX - 1
        })
    );
    assert_eq!(
        BytesMut::try_with_capacity(isize::MAX as usize).unwrap_err(),
        TryReserveError::CapacityOverflow {
            len: 0,
            additional: isize::MAX as usize
        }
    );
    assert_eq!(buf, "xy");
}

#[test]
fn try_reserve_within_limits_succeeds() {
    let mut buf = BytesMut::new();
    assert_eq!(buf.try_reserve(100), Ok(()));
    assert!(buf.capacity() >= 100);
    let err = TryReserveError::AllocError { size: 7 };
    assert_eq!(err.to_string(), "the allocator could not provide 7 bytes");
}
