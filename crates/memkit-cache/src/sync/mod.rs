//! The thread-safe, sharded policy cache, [`Cache`].

mod cache;
#[cfg(not(loom))]
mod once;
#[cfg(loom)]
#[doc(hidden)]
pub mod once;

pub use cache::Cache;
