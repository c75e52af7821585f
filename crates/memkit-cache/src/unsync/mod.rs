//! The single-threaded policy cache, [`Cache`], and its helper types.

pub(crate) mod cache;
mod entry;
mod iter;
pub(crate) mod store;
mod value_mut;

pub use cache::Cache;
pub use entry::{Entry, OccupiedEntry, VacantEntry};
pub use iter::Iter;
pub use value_mut::ValueMut;
