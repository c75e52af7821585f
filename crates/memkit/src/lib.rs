//! memkit: a Rust memory-management toolkit.

#[doc(inline)]
pub use memkit_bytes as bytes;
