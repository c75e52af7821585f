//! The pin registry: how a `Bump` keeps `Pin`'s drop guarantee for
//! `Pin<Box<'_, T>>` (bumpalo #186).
//!
//! `Pin` promises that the memory of a pinned value is not reused or freed
//! before the value's `Drop` has run. A `Box` whose value has drop glue and
//! takes memory carries a [`PinNode`], registered with its `RawBump` when
//! the box is made (newest first, linked through `next`). The node is
//! *pinned* while the box is pinned and its value not yet dropped.
//!
//! At every point where the arena would reuse or free memory (`reset`,
//! `reset_keep_chunks`, `reset_to`, scope exit, drop), it walks the nodes
//! registered since that point. A node still pinned there belongs to a box
//! that was forgotten (`mem::forget`): its borrow of the arena has ended,
//! so the box can never run `Drop`. Running the value's `Drop` late is not
//! an option, because the value may borrow data that is already gone. The
//! arena instead never reuses that memory: `reset_to` and scope exit then
//! rewind nothing, and `reset`, `reset_keep_chunks` and drop leak each
//! chunk that holds such a value (the other chunks go to the spare list,
//! to be reused or freed as usual). Leaking is what `Pin` allows for a forgotten value, and what
//! `std`'s `Box` does.
//!
//! # Invariants
//!
//! 1. A node lives in arena memory at least as long as its box, and in a
//!    chunk on the used list for as long as it is on the registry.
//! 2. Only the box that owns a node writes its `pinned` flag; a node's
//!    `next` is written once, before it is registered. The arena reads the
//!    nodes only at the points above, when no box registered since that
//!    point can be alive (borrow checker, or the contract of `reset_to`);
//!    that end of the borrow orders the box's last write before the read,
//!    also when the box was dropped on another thread.
//! 3. Nodes registered after a checkpoint are a prefix of the registry.

use core::mem;
use core::ptr::NonNull;

/// A registry entry for one box.
#[derive(Debug)]
pub(crate) struct PinNode {
    /// The node registered before this one.
    next: Option<NonNull<PinNode>>,
    /// Whether the box is pinned and its value not yet dropped.
    pinned: bool,
    /// Whether the node is the head of a [`SideNode`]; otherwise it sits
    /// in the same allocation as its value ([`WithNode`]).
    side: bool,
}

/// A value with its node in front, as `Box::new_in` allocates it: the
/// value is in the node's chunk.
#[repr(C)]
pub(crate) struct WithNode<T> {
    pub(crate) node: PinNode,
    pub(crate) value: T,
}

/// A node allocated apart from its value (`Vec::into_boxed_slice`), with
/// the value's address. `node` comes first, so a pointer to the `SideNode`
/// is a pointer to its node.
#[repr(C)]
pub(crate) struct SideNode {
    pub(crate) node: PinNode,
    pub(crate) value: NonNull<u8>,
}

impl PinNode {
    /// A node to register in front of `next`, for a [`WithNode`].
    pub(crate) fn new(next: Option<NonNull<PinNode>>, pinned: bool) -> Self {
        PinNode {
            next,
            pinned,
            side: false,
        }
    }
}

impl SideNode {
    /// A node to register in front of `next`, for the value at `value`.
    pub(crate) fn new(next: Option<NonNull<PinNode>>, value: NonNull<u8>) -> Self {
        SideNode {
            node: PinNode {
                next,
                pinned: false,
                side: true,
            },
            value,
        }
    }
}

/// Whether a box of `value` needs a node: only a value with drop glue that
/// takes memory has anything to protect. For a value without drop glue
/// `Drop` does nothing, so the memory may be reused as if it had run; a
/// zero-sized value takes no arena memory at all.
#[inline]
pub(crate) fn needs_node<T: ?Sized>(value: &T) -> bool {
    mem::needs_drop::<T>() && mem::size_of_val(value) != 0
}

/// Sets the node's `pinned` flag.
///
/// # Safety
///
/// * `node` is the node of the caller's box, which is alive (invariants 1
///   and 2).
#[inline]
pub(crate) unsafe fn set_pinned(node: NonNull<PinNode>, pinned: bool) {
    // SAFETY: the node is alive (the caller's box is, invariant 1), only
    // that box writes the flag (invariant 2), and no reference to the node
    // is held anywhere, so this write through the pointer races nothing.
    unsafe { (*node.as_ptr()).pinned = pinned }
}

/// The node's `pinned` flag and the next older node.
///
/// # Safety
///
/// * `node` is on a registry of a `RawBump` that the caller borrows, at a
///   point where no box registered after it is alive (invariants 1, 2).
#[inline]
pub(crate) unsafe fn read(node: NonNull<PinNode>) -> (bool, Option<NonNull<PinNode>>) {
    // SAFETY: the node is in a used chunk (invariant 1), and no box that
    // could write it is alive (the caller, invariant 2), so a shared
    // reference to it is sound for this read.
    let n = unsafe { node.as_ref() };
    (n.pinned, n.next)
}

/// The address of the node's value (for a [`WithNode`], the node's own
/// address stands for it: both are in the same chunk).
///
/// # Safety
///
/// * As for [`read`]; a node with `side` set was made as the head of a
///   [`SideNode`] and `node` has that `SideNode`'s provenance.
#[inline]
pub(crate) unsafe fn value_addr(node: NonNull<PinNode>) -> usize {
    // SAFETY: as in `read`: the node is live and no one writes it now.
    if unsafe { node.as_ref() }.side {
        // SAFETY: a side node heads its `SideNode` (`repr(C)`, node first)
        // and the pointer covers all of it (the caller).
        unsafe { node.cast::<SideNode>().as_ref() }
            .value
            .addr()
            .get()
    } else {
        node.addr().get()
    }
}
