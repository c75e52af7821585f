//! Framed I/O over tokio (feature `tokio`).

mod framed_both;
mod framed_impl;
mod framed_read;
mod framed_write;

pub use framed_both::Framed;
pub use framed_read::FramedRead;
pub use framed_write::FramedWrite;
