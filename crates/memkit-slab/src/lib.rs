//! Pre-allocated storage for values of one type, addressed by keys.
//!
//! * [`Slab`]: a drop-in for [`slab`] 0.4 with `usize` keys. Keys are handed
//!   out in exactly the same order as `slab` hands them out.
//! * [`GenSlab`] with [`GenKey`]: 8-byte generational keys. A key whose value
//!   was removed never finds a value again, even after its slot is reused
//!   (no ABA). A slot holding a `u32` takes 8 bytes.
//!
//! Switch an existing project over with one line of `Cargo.toml`:
//!
//! ```toml
//! slab = { package = "memkit-slab", version = "0.1" }
//! ```
//!
//! # Examples
//!
//! ```
//! use memkit_slab::{GenSlab, Slab};
//!
//! let mut slab = Slab::new();
//! let hello = slab.insert("hello");
//! let world = slab.insert("world");
//! assert_eq!(slab[hello], "hello");
//! slab.remove(hello);
//! assert_eq!(slab.insert("again"), hello); // the freed key is reused
//! assert_eq!(slab[world], "world");
//!
//! let mut gens = GenSlab::new();
//! let old = gens.insert("first");
//! gens.remove(old);
//! let new = gens.insert("second"); // same slot, new generation
//! assert_eq!(old.index(), new.index());
//! assert_eq!(gens.get(old), None); // the old key stays dead
//! assert_eq!(gens[new], "second");
//! ```
//!
//! # Panicking destructors
//!
//! When a value's `Drop` panics inside a method of this crate, the panic
//! propagates, no value is dropped twice and the container stays valid:
//!
//! * `clear` and dropping the container keep going and drop every other
//!   value (a second panicking destructor during that unwinding aborts, as in
//!   `Vec`);
//! * `retain`, `drain` (when the `Drain` is dropped early) and `remove` stop;
//!   the values not yet visited stay in the container and are dropped with
//!   it.
//!
//! Only the panicking value is lost: whatever its destructor did not finish.
//!
//! [`slab`]: https://docs.rs/slab/0.4
#![no_std]
#![doc(test(attr(deny(warnings))))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod error;
mod gen_key;
pub mod gen_slab;
mod raw;
#[cfg(feature = "serde")]
mod serde;
mod slab;

pub use crate::error::GetDisjointMutError;
pub use crate::gen_key::GenKey;
pub use crate::gen_slab::GenSlab;
pub use crate::slab::{Drain, IntoIter, Iter, IterMut, Slab, VacantEntry};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
