//! The single-threaded policy cache, [`Cache`], and its helper types.

pub(crate) mod cache;
mod iter;
pub(crate) mod store;
mod value_mut;

pub use cache::Cache;
pub use iter::Iter;
pub use value_mut::ValueMut;
