//! The unsafe core of memkit-bytes: every pointer into buffer storage, every
//! reference count and every call to the allocator lives here.
//!
//! # What lives outside
//!
//! Unsafe code outside this module is limited to the list below. None of it
//! touches storage, a header or a reference count.
//!
//! * `buf/uninit_slice.rs`: `UninitSlice` is `#[repr(transparent)]` over
//!   `[MaybeUninit<u8>]`. Its constructors cast slice pointers between `[u8]`,
//!   `[MaybeUninit<u8>]` and `UninitSlice`; `as_mut_ptr` hands out the raw
//!   pointer, and the public `unsafe fn`s
//!   `from_raw_parts_mut` and `as_uninit_slice_mut` are part of the API that
//!   `bytes` defines. The file states its own invariants.
//! * `buf/take.rs`: `Take::chunks_vectored` shortens an `IoSlice<'a>` with
//!   `slice::from_raw_parts`, because std has no stable way to get the
//!   `&'a [u8]` back out of an `IoSlice<'a>`.
//! * `BufMut` is an `unsafe trait` with an `unsafe fn advance_mut`, as in
//!   `bytes`. Its implementations (`buf/buf_mut.rs`, `buf/chain.rs`,
//!   `buf/limit.rs`, `bytes_mut.rs`) and the provided `put_*` methods call
//!   `advance_mut`, `Vec::set_len` or [`RawBytesMut::set_len`] under that
//!   contract, and `BytesMut::set_len` is the public `unsafe fn` over the
//!   last. They use no raw pointer.
//!
//! # Storage
//!
//! Heap bytes are owned by a [`Shared`](self::shared::Shared) header, reached
//! through a counted handle, [`SharedRef`]. The header says where the data
//! region is (`buf`, `cap`) and how to free it
//! ([`Storage`](self::shared::Storage)):
//!
//! * `Inline`: header and data share one allocation, data right after the
//!   header. `BytesMut::with_capacity` makes these, so splitting, freezing and
//!   cloning never allocate a header later.
//! * `Pooled`: an inline block that belongs to a `BytesPool`; freeing it means
//!   handing it back to the pool.
//! * `Vec`: the data region is a `Vec<u8>`'s buffer adopted without copying;
//!   the header is a separate small allocation.
//! * `Owner`: the data region belongs to a user value boxed together with the
//!   header (`Bytes::from_owner`). It is never mutable.
//!
//! Static bytes (`Bytes::from_static`) and empty buffers have no header.
//!
//! # Invariants
//!
//! For every [`SharedRef`] `s` pointing at header `h`:
//!
//! 1. `h.ref_cnt` equals the number of live `SharedRef`s to `h`. While `h`
//!    sits in a pool's free list no `SharedRef` exists and the count is not
//!    read; taking `h` out of the list sets it to 1.
//! 2. `h.buf .. h.buf + h.cap` is one live, writable region of one
//!    allocation, and `h.cap <= isize::MAX`.
//! 3. `h.buf` and `h.cap` change only while `h.ref_cnt == 1` and through the
//!    one handle that holds that count; every other access to them is a read.
//!
//! For a [`RawBytes`] `{ ptr, len, owner }`:
//!
//! 4. With `owner = Some(s)`, `ptr .. ptr + len` lies inside `s`'s data region
//!    and is initialized. It is never written through while more than one
//!    handle exists.
//! 5. With `owner = None`, `ptr .. ptr + len` is a `&'static [u8]`, or `len == 0`.
//!
//! For a [`RawBytesMut`] `{ ptr, len, cap, owner }`:
//!
//! 6. `len <= cap`. With `owner = None`, `cap == 0` and `ptr` is dangling.
//! 7. With `owner = Some(s)`, `ptr .. ptr + cap` lies inside `s`'s data region,
//!    the first `len` bytes are initialized, and no other handle reads or
//!    writes that range: regions of handles split from one buffer are disjoint.
//!    The storage is never `Owner`.
//!
//! Everything that breaks an invariant only for the length of one function is
//! marked with a `// SAFETY:` comment that names the invariant it restores.

mod bytes;
mod bytes_mut;
#[cfg(feature = "std")]
mod pool;
mod shared;

pub(crate) use self::bytes::RawBytes;
pub(crate) use self::bytes_mut::RawBytesMut;
#[cfg(feature = "std")]
pub(crate) use self::pool::RawPool;
use self::shared::SharedRef;
use alloc::alloc::Layout;

/// Aborts the process: used when a reference count would overflow, which only
/// a leak of `isize::MAX` handles can cause.
#[cold]
#[inline(never)]
fn abort() -> ! {
    #[cfg(feature = "std")]
    {
        std::process::abort()
    }
    #[cfg(not(feature = "std"))]
    {
        // A panic while panicking aborts; `core` has no direct abort.
        struct PanicOnDrop;
        impl Drop for PanicOnDrop {
            fn drop(&mut self) {
                panic!("memkit-bytes: reference count overflow");
            }
        }
        let _guard = PanicOnDrop;
        panic!("memkit-bytes: reference count overflow");
    }
}

/// Why growing a buffer failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AllocFailure {
    /// The size would pass `isize::MAX` (with the header).
    CapacityOverflow,
    /// The allocator returned null for this layout.
    Allocator(Layout),
}

impl AllocFailure {
    /// Turns the failure into the panicking forms' behaviour: a panic that
    /// names the numbers, or the allocator's `handle_alloc_error`.
    #[cold]
    #[track_caller]
    pub(crate) fn raise(self, operation: &str, len: usize, additional: usize) -> ! {
        match self {
            AllocFailure::CapacityOverflow => {
                crate::panics::capacity_overflow(operation, len, additional)
            }
            AllocFailure::Allocator(layout) => alloc::alloc::handle_alloc_error(layout),
        }
    }
}
