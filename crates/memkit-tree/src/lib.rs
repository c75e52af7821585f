//! Trees whose nodes live in one arena and point at each other by 8-byte
//! generational ids: a drop-in for [`indextree`](https://docs.rs/indextree/4.9)
//! 4.9.2, built on [`memkit_slab::GenSlab`].
//!
//! * [`NodeId`] is 8 bytes, and so is `Option<NodeId>`. Every access checks
//!   the id's generation, [`Index`](core::ops::Index) included, so the id of a
//!   removed node never reaches a node created later in its slot.
//! * Nothing recurses: walks, removal, drop, clone, `Debug`, pretty-printing
//!   and serde all follow links in loops, so a tree a million levels deep is
//!   fine on a small stack.
//! * Cycles are refused with a [`NodeError`] and leave the tree unchanged.
//!
//! # Examples
//!
//! ```
//! use memkit_tree::Arena;
//!
//! let mut arena = Arena::new();
//! let root = arena.new_node("root");
//! let a = root.append_value("a", &mut arena);
//! root.append_value("b", &mut arena);
//! a.append_value("a1", &mut arena);
//! let order: Vec<_> = root.descendants(&arena).map(|id| *arena[id].get()).collect();
//! assert_eq!(order, ["root", "a", "a1", "b"]);
//! ```
#![no_std]
#![doc(test(attr(deny(warnings))))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod arena;
mod debug_pretty_print;
mod id_remap;
pub mod macros;
mod node;
mod node_edge;
mod node_error;
mod node_id;
#[cfg(feature = "serde")]
mod serde;
mod traverse;

pub use crate::arena::Arena;
pub use crate::debug_pretty_print::DebugPrettyPrint;
pub use crate::id_remap::IdRemap;
pub use crate::node::Node;
pub use crate::node_edge::NodeEdge;
pub use crate::node_error::NodeError;
pub use crate::node_id::NodeId;
pub use crate::traverse::{
    Ancestors, BreadthFirstTraversal, Children, Descendants, FollowingSiblings, Leaves,
    PrecedingSiblings, Predecessors, ReverseTraverse, Traverse,
};

const _: () = assert!(size_of::<NodeId>() == 8);
const _: () = assert!(size_of::<Option<NodeId>>() == 8);

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
