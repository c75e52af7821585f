//! The unsafe core of memkit-arena. Every raw pointer in the crate lives in
//! this module; the public types are safe wrappers over it.
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
//!
//! For how `Pin<Box<'_, T>>` keeps `Pin`'s drop guarantee, see the pin
//! registry in `pins.rs`. For a [`RawArena<T>`] see `typed.rs`; for the single-pass removal of
//! `Vec::drain_filter`, see [`Compact`] in `compact.rs`.

mod bump;
mod compact;
mod pins;
mod typed;
mod util;

pub(crate) use self::bump::{Checkpoint, RawBump, RawChunkIter};
pub(crate) use self::compact::Compact;
pub(crate) use self::pins::{PinNode, SideNode, WithNode, needs_node, set_pinned};
pub(crate) use self::typed::{RawArena, RawIterMut};
pub(crate) use self::util::*;

/// Alignment of every chunk allocation.
pub(crate) const CHUNK_ALIGN: usize = 16;
