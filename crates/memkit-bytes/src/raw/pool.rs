//! The free list behind `BytesPool`.
//!
//! Protocol: a pooled block carries a [`PoolHandle`] (a strong reference to
//! the pool) for its whole life. While a buffer is out, the block's count is
//! positive and the free list does not know it. When the count reaches zero,
//! [`give_back`] parks the block (count stays zero) under the lock, unless the
//! pool is full or closed, in which case the block is freed. The last
//! `BytesPool` handle closes the pool and frees every parked block; that breaks
//! the cycle pool → parked block → pool.
//!
//! Once a block is parked, another thread may take it, free it, and with it
//! drop the last strong reference to the pool, as soon as the lock is free.
//! So [`give_back`] holds a reference of its own to the pool until it has
//! released the lock; the lock must not be freed while it is unlocking.
//!
//! The free list is in parking order, oldest first: `get` takes the newest
//! block that fits (its memory is the most likely to be in cache) without
//! reordering the rest, and a miss on a full list evicts the oldest.

use alloc::collections::VecDeque;
use core::fmt;
use core::ptr::NonNull;
use std::sync::PoisonError;

use super::RawBytesMut;
use super::shared::{Shared, SharedRef, Storage, free_block};
use crate::sync::{Arc, Mutex, MutexGuard};

/// How many parked blocks a new pool has room for before its free list first
/// grows.
const PARKED_UP_FRONT: usize = 16;

/// A strong reference from a pooled block to its pool.
pub(super) struct PoolHandle(Arc<PoolInner>);

struct PoolInner {
    max_pooled: usize,
    state: Mutex<FreeList>,
}

struct FreeList {
    /// Parked blocks, oldest first: no handle exists, owned by this list.
    /// `parked.len() <= max_pooled`.
    parked: VecDeque<Parked>,
    /// False once the last `BytesPool` handle dropped.
    open: bool,
}

/// A parked block, owned by the free list.
struct Parked(NonNull<Shared>);

// SAFETY: a parked block is owned by the free list alone (no handle exists), and it
// is only touched under the pool's lock.
unsafe impl Send for Parked {}

impl Parked {
    fn cap(&self) -> usize {
        // SAFETY: the block is live while parked and owned by the locked list.
        unsafe { (*self.0.as_ptr()).cap }
    }
}

impl PoolInner {
    fn lock(&self) -> MutexGuard<'_, FreeList> {
        // No user code runs under the lock, so a poisoned lock still holds a
        // consistent list.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Closes the pool when the last user handle drops.
struct PoolUsers {
    inner: Arc<PoolInner>,
}

impl Drop for PoolUsers {
    fn drop(&mut self) {
        let parked = {
            let mut list = self.inner.lock();
            list.open = false;
            core::mem::take(&mut list.parked)
        };
        for block in parked {
            // SAFETY: the block was parked (no handle exists) and the list, which
            // owned it, has just given it up.
            unsafe { free_block(block.0) };
        }
    }
}

/// The shared state of a `BytesPool`.
#[derive(Clone)]
pub(crate) struct RawPool {
    users: Arc<PoolUsers>,
}

impl RawPool {
    /// A pool that keeps at most `max_pooled` idle buffers.
    pub(crate) fn new(max_pooled: usize) -> RawPool {
        let inner = Arc::new(PoolInner {
            max_pooled,
            state: Mutex::new(FreeList {
                // Room for the first few parked blocks, so that a small pool
                // never allocates to park; past that the list grows as
                // blocks come back, whatever the bound.
                parked: VecDeque::with_capacity(usize::min(max_pooled, PARKED_UP_FRONT)),
                open: true,
            }),
        });
        RawPool {
            users: Arc::new(PoolUsers { inner }),
        }
    }

    /// The most idle buffers this pool keeps.
    pub(crate) fn max_pooled(&self) -> usize {
        self.users.inner.max_pooled
    }

    /// How many idle buffers the pool holds now.
    pub(crate) fn pooled(&self) -> usize {
        self.users.inner.lock().parked.len()
    }

    /// An empty buffer with at least `capacity` bytes of room, reused when a
    /// parked block is big enough.
    ///
    /// # Panics
    ///
    /// If `capacity` exceeds the largest allocation (`isize::MAX` minus the
    /// header).
    pub(crate) fn get(&self, capacity: usize) -> RawBytesMut {
        let inner = &self.users.inner;
        let mut list = inner.lock();
        if let Some(i) = list.parked.iter().rposition(|b| b.cap() >= capacity) {
            // `remove` keeps the list in parking order; the newest blocks sit
            // at the back, so it seldom shifts anything.
            let block = list
                .parked
                .remove(i)
                .expect("internal: index from rposition");
            drop(list);
            // SAFETY: the block left the free list under the lock; we own it.
            let handle = unsafe { SharedRef::unpark(block.0) };
            return RawBytesMut::from_empty_block(handle);
        }
        // A miss on a full list: drop the oldest parked block so that the new,
        // bigger one finds room when it comes back.
        let evicted = if list.parked.len() >= inner.max_pooled {
            list.parked.pop_front()
        } else {
            None
        };
        drop(list);
        if let Some(block) = evicted {
            // SAFETY: the block left the free list under the lock; we own it.
            unsafe { free_block(block.0) };
        }
        let storage = Storage::Pooled(PoolHandle(Arc::clone(inner)));
        RawBytesMut::from_empty_block(SharedRef::new_block(capacity, false, storage))
    }
}

impl fmt::Debug for RawPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BytesPool")
            .field("max_pooled", &self.max_pooled())
            .field("pooled", &self.pooled())
            .finish()
    }
}

/// Parks a pooled block whose last handle is gone, or frees it when the pool is
/// full or closed.
///
/// # Safety
///
/// * `header` is a `Pooled` block whose last handle is gone.
pub(super) unsafe fn give_back(header: NonNull<Shared>) {
    // SAFETY: the caller hands us the block; its storage is `Pooled`, and
    // the block is ours until it is parked, so the borrow is valid here.
    let Storage::Pooled(PoolHandle(inner)) = (unsafe { &(*header.as_ptr()).storage }) else {
        unreachable!("give_back called on a block that is not pooled")
    };
    // Our own reference: once the block is parked, the block's `PoolHandle`
    // may go at any moment after the lock is free, and this one keeps the
    // lock alive until unlocking is over.
    let pool = Arc::clone(inner);
    let parked = {
        let mut list = pool.lock();
        // A failed reservation frees the block instead of aborting the
        // process in a `drop`.
        let park =
            list.open && list.parked.len() < pool.max_pooled && list.parked.try_reserve(1).is_ok();
        if park {
            list.parked.push_back(Parked(header));
        }
        park
    };
    drop(pool);
    if !parked {
        // SAFETY: the block was not parked, so we still own it, and no borrow
        // of its header is left. Freeing it drops its `PoolHandle`, which may
        // free the pool too.
        unsafe { free_block(header) };
    }
}
