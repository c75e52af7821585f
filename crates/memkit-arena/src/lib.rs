//! Bump and typed arenas: a drop-in for [`bumpalo`] 3.x and [`typed-arena`]
//! 2.x, with scopes, checkpoints, a reset that keeps its chunks, and
//! in-place growth of the last allocation.
//!
//! * [`Bump`]: a bump allocator for values of any type, with
//!   [`collections::Vec`], [`collections::String`] and [`boxed::Box`] living
//!   in it, and `allocator_api2::alloc::Allocator` for `&Bump`.
//! * [`Arena<T>`]: a typed arena that drops its values.
//!
//! Switch an existing project over with one line of `Cargo.toml`:
//!
//! ```toml
//! bumpalo = { package = "memkit-arena", version = "0.1" }
//! ```
//!
//! Cargo features: `std` (default), `serde` (`Serialize` for the
//! collections and `Box`), and `allocator_api` (`core::alloc::Allocator`
//! for `&Bump`; nightly, with `--cfg memkit_nightly`). bumpalo's other
//! feature names (`collections`, `boxed`, `allocator-api2`,
//! `bench_allocator_api`) are accepted; what they enable is always on.
//!
//! # Examples
//!
//! ```
//! use memkit_arena::{Arena, Bump};
//! use memkit_arena::collections::Vec;
//!
//! let bump = Bump::new();
//! let mut v = Vec::new_in(&bump);
//! for i in 0..100u32 {
//!     v.reserve_exact(1); // grows in place: O(1) each
//!     v.push(i);
//! }
//! assert_eq!(v.iter().sum::<u32>(), 4950);
//!
//! let arena = Arena::new();
//! let node = arena.alloc(String::from("dropped with the arena"));
//! assert!(node.ends_with("arena"));
//! ```
//!
//! [`bumpalo`]: https://docs.rs/bumpalo/3
//! [`typed-arena`]: https://docs.rs/typed-arena/2
#![no_std]
#![cfg_attr(
    all(feature = "allocator_api", memkit_nightly),
    feature(allocator_api),
    allow(
        stable_features,
        reason = "once `allocator_api` is stabilised, nightly warns that the gate is no longer needed"
    )
)]
#![doc(test(attr(deny(warnings))))]

extern crate alloc;
/// The `alloc` crate, re-exported as bumpalo does.
pub extern crate alloc as core_alloc;
#[cfg(feature = "std")]
extern crate std;

mod allocator;
mod arena;
pub mod boxed;
mod bump;
pub mod collections;
mod error;
mod raw;
#[cfg(feature = "serde")]
mod serde;

pub use crate::arena::{Arena, IterMut};
pub use crate::bump::{Bump, Checkpoint, ChunkIter, ChunkRawIter, Scope};
pub use crate::error::{AllocErr, AllocOrInitError};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
