//! The unsafe core of memkit-arena: the public types are safe wrappers
//! over it.
//!
//! # What lives here
//!
//! Every read or write through a raw pointer, and all arithmetic on one,
//! happens in this module. Outside it, raw pointers only pass through
//! without being read: the public raw-pointer API (`Bump::alloc_layout`,
//! `iter_allocated_chunks_raw`, `Arena::uninitialized_array`,
//! `Box::{from_raw, into_raw}`, `Vec` and `String`'s `from_raw_parts_in`,
//! the `Allocator` impls) hands pointers made here to the caller, or back.
//!
//! The unsafe blocks outside this module are of two kinds, each with its
//! reason at the block:
//!
//! * a public `unsafe fn` forwarding its own `# Safety` contract to an
//!   operation here or in `allocator_api2` with the same contract
//!   (`Bump::reset_to`, `Arena::alloc_uninitialized`, `Box::from_raw`,
//!   `Vec::{from_raw_parts_in, set_len}`, `String::from_raw_parts_in`, the
//!   `Allocator` impls' `grow`, `grow_zeroed` and `shrink`, and the nightly
//!   `core::alloc::Allocator` impl);
//! * a promise about a public type's own API: `Pin::new_unchecked` for
//!   `boxed::Box` (it never moves its value out), `Bump::reset_to` at the
//!   end of a `Scope` (the scope's lifetime keeps its allocations from
//!   escaping), and `String`'s bytes being UTF-8 (`Deref`, `DerefMut`,
//!   `into_bump_str`).
//!
//! Outside it there are also `unsafe impl`s, each with its reason: the
//! `Allocator` impls for `&Bump` (`allocator.rs`), and `Send`/`Sync` for
//! the collections' `IntoIter` and `Drain`s, which carry a `&Bump` they
//! never use.
//!
//! # Chunks
//!
//! A [`RawBump`] owns a set of *chunks*, each one allocation from the global
//! allocator with alignment [`CHUNK_ALIGN`]. A chunk starts with a
//! [`ChunkHeader`](bump::ChunkHeader); its *data region* runs from `base + HEADER_SIZE` to
//! `base + header.size`. Chunks sit on one of two singly linked lists, both
//! linked through `header.prev`:
//!
//! * the *used* list: `current`, then `current.prev`, … back to the oldest
//!   chunk still holding allocations;
//! * the *spare* list: chunks kept for reuse by `reset_keep_chunks`,
//!   `reset_to` and scopes. Its head is the chunk to reuse first.
//!
//! # Bump pointer
//!
//! The bump pointer moves **upward**: an allocation takes
//! `align_up(ptr) .. align_up(ptr) + size` and leaves `ptr` at its end. The
//! most recent allocation therefore ends exactly at `ptr`, which is what lets
//! it grow and shrink in place.
//!
//! # Invariants
//!
//! 1. `current == None` iff the used list is empty; then `ptr == end` and
//!    both are dangling (no provenance is ever used through them).
//! 2. With `current == Some(c)`: `data(c) <= ptr <= end == c.base + c.size`,
//!    and `ptr`/`end` carry the provenance of `c`'s allocation.
//! 3. Every chunk `k` on the used list other than `current` has
//!    `data(k) <= k.fill <= k.base + k.size`; `k.fill` is where its bump
//!    pointer stood when the arena moved on. Bytes in `data(k) .. k.fill`
//!    (and `data(current) .. ptr`) may be borrowed by allocations; nothing
//!    else is.
//! 4. Chunks on the spare list hold no live allocation.
//! 5. `owned` is the sum of `cap(k) = k.size - HEADER_SIZE` over every chunk
//!    on both lists, and equals what `allocated_bytes` reports. A new chunk
//!    is allocated only if `owned + cap(new) <= limit`.
//! 6. Every size and offset sum is computed with checked arithmetic, or is
//!    bounded so it cannot overflow (the fast path relies on every chunk
//!    ending at least `2 * SMALL` below `usize::MAX`, checked when the chunk
//!    is made); a chunk size that would exceed `isize::MAX` is an allocation
//!    failure, never a call to the allocator.
//! 7. Zero-sized requests never touch a chunk: they return a dangling pointer
//!    aligned to the request, and nothing is written anywhere.
//! 8. Memory handed out is reused or freed only by `reset` and
//!    `reset_keep_chunks` (both take `&mut self`), by drop, and by
//!    `reset_to` (an `unsafe fn` whose caller gives up everything allocated
//!    after its checkpoint). So a reference that borrows the `RawBump` stays
//!    valid for as long as that borrow.
//!
//! # Typed operations
//!
//! `values.rs` builds on `alloc`: "allocate and write a value" (`slot` and
//! `Slot::write`, `alloc_try_with`), "allocate a copied slice" (`alloc_copy`, `alloc_str`)
//! and "allocate a slice filled by a closure" (`alloc_fill`). Each one
//! initialises all of a fresh allocation before handing it out as a `&mut`
//! that borrows the `RawBump` (invariant 8); a fill that fails or panics
//! drops the values it made and hands out nothing.
//!
//! For the owning pointer behind `boxed::Box`, see [`RawBox`] in
//! `boxed.rs` (its own invariants are at its top).
//!
//! For how `Pin<Box<'_, T>>` keeps `Pin`'s drop guarantee, see the pin
//! registry in `pins.rs`. For a [`RawArena<T>`] see `typed.rs`; for the
//! single-pass removal of `Vec::drain_filter`, see [`Compact`] in
//! `compact.rs`; for the one-`memcpy` append of
//! `Vec::extend_from_slice_copy`, see [`extend_copy`] in `extend.rs`.

mod boxed;
mod bump;
mod compact;
mod extend;
mod pins;
mod typed;
mod util;
mod values;

pub(crate) use self::boxed::RawBox;
pub(crate) use self::bump::{Checkpoint, RawBump, RawChunkIter, RawChunkSlices};
pub(crate) use self::compact::Compact;
pub(crate) use self::extend::extend_copy;
pub(crate) use self::typed::{RawArena, RawIterMut};
pub(crate) use self::util::dangling;
pub(crate) use self::values::FillError;

/// Alignment of every chunk allocation.
pub(crate) const CHUNK_ALIGN: usize = 16;
