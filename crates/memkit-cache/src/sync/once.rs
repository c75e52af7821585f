//! The protocol that runs a loader once per key while other threads that
//! miss the same key wait for it.
//!
//! A thread that misses registers a [`Pending`] for the key's hash in the
//! shard, under the shard lock, and runs the loader outside the lock. A
//! thread that finds a `Pending` waits on it, then looks again. When the
//! loader ends, its thread stores the value (if any) and unregisters the
//! `Pending` under the shard lock, and only then marks it finished, so a
//! woken thread finds either the value or no `Pending` (and loads itself).
//! A loader that fails or panics unregisters and wakes the waiters the
//! same way; one of them becomes the next loader.
//!
//! Pendings are registered by hash: two keys with the same 64-bit hash
//! wait for each other, which costs a retry, never a wrong value.
//!
//! Its items are `pub` so that `tests/loom_once.rs` reaches them under
//! `cfg(loom)`, where the module is public (and hidden).
#![cfg_attr(not(loom), allow(unreachable_pub))]

use crate::shim::{Arc, Condvar, Mutex};

/// A load in progress.
#[derive(Debug)]
pub struct Pending {
    finished: Mutex<bool>,
    woken: Condvar,
}

impl Pending {
    /// A load that has just started.
    pub fn new() -> Arc<Pending> {
        Arc::new(Pending {
            finished: Mutex::new(false),
            woken: Condvar::new(),
        })
    }

    /// Blocks until the load has finished, one way or the other.
    pub fn wait(&self) {
        let mut finished = self
            .finished
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        while !*finished {
            finished = self
                .woken
                .wait(finished)
                .unwrap_or_else(|poison| poison.into_inner());
        }
    }

    fn finish(&self) {
        *self
            .finished
            .lock()
            .unwrap_or_else(|poison| poison.into_inner()) = true;
        self.woken.notify_all();
    }
}

/// What a look under the shard lock found.
#[derive(Debug)]
pub enum Probe<V> {
    /// The value.
    Hit(V),
    /// Another thread is loading the key: wait for it, then look again.
    Wait(Arc<Pending>),
    /// Nobody is: this `Pending` is now registered, and the caller loads.
    Load(Arc<Pending>),
}

/// Wakes the waiters when the loading thread is done, however it ends.
struct WakeOnDrop<'a>(&'a Pending);

impl Drop for WakeOnDrop<'_> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

/// Unregisters the `Pending` if the loader panics.
struct Abandon<'a, F: FnMut(&Arc<Pending>, Option<V>), V> {
    pending: &'a Arc<Pending>,
    settle: &'a mut F,
    value: core::marker::PhantomData<V>,
}

impl<F: FnMut(&Arc<Pending>, Option<V>), V> Drop for Abandon<'_, F, V> {
    fn drop(&mut self) {
        (self.settle)(self.pending, None);
    }
}

/// Returns the value of a key, running `loader` only if no other thread is
/// already loading it.
///
/// * `probe` locks the shard and looks: the value, a `Pending` to wait on,
///   or else it registers a new `Pending` and answers `Load`.
/// * `settle` locks the shard, unregisters the given `Pending` (the one
///   this thread's `probe` registered), then stores the value if given. It must
///   not panic before it has unregistered.
///
/// The waiters wake after `settle`, even if it or the loader panics.
///
/// # Errors
///
/// The loader's error; waiting threads then retry.
pub fn get_or_load<V: Clone, E>(
    mut probe: impl FnMut() -> Probe<V>,
    mut settle: impl FnMut(&Arc<Pending>, Option<V>),
    loader: impl FnOnce() -> Result<V, E>,
) -> Result<V, E> {
    let pending = loop {
        match probe() {
            Probe::Hit(value) => return Ok(value),
            Probe::Wait(pending) => pending.wait(),
            Probe::Load(pending) => break pending,
        }
    };
    let _wake = WakeOnDrop(&pending);
    let abandon = Abandon {
        pending: &pending,
        settle: &mut settle,
        value: core::marker::PhantomData,
    };
    // The clone runs under the guard too: if it panics, the Pending is
    // still unregistered.
    let result = loader().map(|value| {
        let stored = value.clone();
        (value, stored)
    });
    core::mem::forget(abandon);
    match result {
        Ok((value, stored)) => {
            settle(&pending, Some(stored));
            Ok(value)
        }
        Err(error) => {
            settle(&pending, None);
            Err(error)
        }
    }
}
