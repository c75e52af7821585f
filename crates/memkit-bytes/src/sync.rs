//! Atomics and locks, switched to loom's model-checked versions under `cfg(loom)`.

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicUsize, Ordering, fence};
#[cfg(all(loom, feature = "std"))]
pub(crate) use loom::sync::{Arc, Mutex, MutexGuard};

#[cfg(not(loom))]
pub(crate) use core::sync::atomic::{AtomicUsize, Ordering, fence};
#[cfg(all(not(loom), feature = "std"))]
pub(crate) use std::sync::{Arc, Mutex, MutexGuard};
