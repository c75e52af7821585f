//! The blocking primitives of the loader protocol (`sync/once.rs`): loom's
//! under `cfg(loom)`, so that its models check the protocol, std's
//! otherwise. The shards' `parking_lot` locks are outside what loom can
//! model, so the protocol takes the shard lock as closures.

#[cfg(loom)]
pub(crate) use loom::sync::{Arc, Condvar, Mutex};
#[cfg(not(loom))]
pub(crate) use std::sync::{Arc, Condvar, Mutex};
