//! [`RawBox`]: the owning pointer behind `boxed::Box`, and its pin
//! registry node.
//!
//! # Invariants
//!
//! 1. `ptr` points to a valid `T` that stays allocated for `'a`: in a
//!    `RawBump` borrowed for `'a`, or taking no memory at all (a zero-sized
//!    value, an empty slice or `str`).
//! 2. The box owns that value: nothing else reads, writes or drops it
//!    while the box lives, and the box drops it exactly once, unless it
//!    gives it up through `into_raw`, `leak` or `into_inner` (which forget
//!    the box).
//! 3. `node`, if set, is the box's node on the pin registry of the arena
//!    that holds the value (`pins.rs`); it lives as long as the value. The
//!    box clears its `pinned` flag before it drops or gives up the value.

use allocator_api2::vec::Vec as InnerVec;
use core::alloc::Layout;
use core::any::Any;
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ptr::{self, NonNull};

use super::pins::{self, PinNode, SideNode, WithNode};
use crate::Bump;

/// An owning pointer to a value in an arena. See the module invariants.
pub(crate) struct RawBox<'a, T: ?Sized> {
    /// The value (invariants 1, 2).
    ptr: NonNull<T>,
    /// The value's pin registry node, if it has drop glue and takes memory
    /// (invariant 3).
    node: Option<NonNull<PinNode>>,
    /// Covariant in `'a` and `T`, as an owning `&'a T` would be.
    _arena: PhantomData<&'a T>,
}

// SAFETY: the box owns its `T` as `std`'s `Box` does (invariant 2). It never
// touches the arena's state: its `Drop` drops the value in place and writes
// only its own pin node, which the arena reads only after the box's borrow
// of it has ended (`pins.rs`, invariant 2). So sending it sends only the `T`.
unsafe impl<T: ?Sized + Send> Send for RawBox<'_, T> {}

// SAFETY: `&RawBox<T>` gives only `&T`.
unsafe impl<T: ?Sized + Sync> Sync for RawBox<'_, T> {}

impl<'a, T> RawBox<'a, T> {
    /// Moves `x` into `a`, with a pin registry node in front if it needs
    /// one, registered as `pinned`.
    ///
    /// # Panics
    ///
    /// As `Bump::alloc`, if the arena cannot allocate; `x` is then dropped.
    #[inline]
    pub(crate) fn new(a: &'a Bump, x: T, pinned: bool) -> Self {
        let bump = a.raw();
        if !pins::needs_node(&x) {
            return match bump.slot(1) {
                Some(slot) => RawBox::owning(slot.write(x), None),
                None => no_memory(a, x, Layout::new::<T>()),
            };
        }
        let Some(slot) = bump.slot::<WithNode<T>>(1) else {
            no_memory(a, x, Layout::new::<WithNode<T>>())
        };
        let WithNode { node, value } = slot.write(WithNode {
            node: PinNode::new(bump.pins_head(), pinned),
            value: x,
        });
        let node = NonNull::from(node);
        bump.register(node);
        RawBox::owning(value, Some(node))
    }

    /// Moves the value out.
    pub(crate) fn into_inner(self) -> T {
        let b = ManuallyDrop::new(self);
        b.unpin();
        // SAFETY: the box owns a valid `T` (invariants 1, 2) and is
        // forgotten, so the value is read exactly once and never dropped in
        // place.
        unsafe { b.ptr.read() }
    }
}

impl<'a, T: ?Sized> RawBox<'a, T> {
    /// A box of the value `r` borrows, with pin registry node `node`.
    /// Private: only values this module moved into an arena, or got back
    /// from `Vec::leak`, are owned by their `&'a mut`.
    fn owning(r: &'a mut T, node: Option<NonNull<PinNode>>) -> Self {
        RawBox {
            ptr: NonNull::from(r),
            node,
            _arena: PhantomData,
        }
    }

    /// Takes ownership of the value at `p`, with no pin registry node.
    ///
    /// # Safety
    ///
    /// * `p` points to a valid `T` that stays allocated for `'a` and that
    ///   nothing else owns or uses (invariants 1, 2), for example from
    ///   [`RawBox::into_raw`].
    pub(crate) unsafe fn from_raw(p: *mut T) -> Self {
        RawBox {
            // SAFETY: a pointer to a valid `T` (the caller) is non-null.
            ptr: unsafe { NonNull::new_unchecked(p) },
            node: None,
            _arena: PhantomData,
        }
    }

    /// Gives up the value without dropping it, returning its pointer.
    pub(crate) fn into_raw(self) -> *mut T {
        let b = ManuallyDrop::new(self);
        b.unpin();
        b.ptr.as_ptr()
    }

    /// Gives up the value without dropping it, returning a reference that
    /// lives as long as the arena.
    pub(crate) fn leak(self) -> &'a mut T {
        let p = self.into_raw();
        // SAFETY: the value is valid for `'a` (invariant 1), and the box that
        // owned it was forgotten by `into_raw`, so this reference is the only
        // way to it.
        unsafe { &mut *p }
    }

    /// The value.
    #[inline]
    pub(crate) fn get(&self) -> &T {
        // SAFETY: `ptr` points to a valid `T` owned by the box (invariants
        // 1, 2); `&self` rules out a live `&mut` to it.
        unsafe { self.ptr.as_ref() }
    }

    /// The value, mutably.
    #[inline]
    pub(crate) fn get_mut(&mut self) -> &mut T {
        // SAFETY: `ptr` points to a valid `T` owned by the box (invariants
        // 1, 2); `&mut self` rules out any other reference to it.
        unsafe { self.ptr.as_mut() }
    }

    /// The address of the value.
    pub(crate) fn as_ptr(&self) -> NonNull<T> {
        self.ptr
    }

    /// Marks the value as pinned, so that its arena keeps its memory if the
    /// box is forgotten (`pins.rs`).
    pub(crate) fn pin(&self) {
        if let Some(node) = self.node {
            // SAFETY: the node is this box's and lives as long as the value
            // (invariant 3).
            unsafe { pins::set_pinned(node, true) }
        }
    }

    /// Marks the value as no longer pinned: it is about to be dropped,
    /// moved out or handed over (invariant 3).
    #[inline]
    fn unpin(&self) {
        if let Some(node) = self.node {
            // SAFETY: the node is this box's and lives as long as the value
            // (invariant 3).
            unsafe { pins::set_pinned(node, false) }
        }
    }

    /// The same box with its pointer changed by `f`, keeping its node.
    ///
    /// # Safety
    ///
    /// * `f` returns a pointer to the same value, as a `U` (a cast or a
    ///   change of pointer metadata that the value allows).
    unsafe fn map_ptr<U: ?Sized>(self, f: impl FnOnce(*mut T) -> *mut U) -> RawBox<'a, U> {
        let b = ManuallyDrop::new(self);
        RawBox {
            // SAFETY: `f` returns a pointer to the same value as `b.ptr`
            // (the caller), which is non-null.
            ptr: unsafe { NonNull::new_unchecked(f(b.ptr.as_ptr())) },
            node: b.node,
            _arena: PhantomData,
        }
    }
}

impl<'a> RawBox<'a, dyn Any> {
    /// The box as a `RawBox<U>` if its value is a `U`, else itself.
    pub(crate) fn downcast<U: Any>(self) -> Result<RawBox<'a, U>, Self> {
        if self.get().is::<U>() {
            // SAFETY: `is::<U>()` proved the value is a `U`.
            Ok(unsafe { self.map_ptr(|p| p.cast::<U>()) })
        } else {
            Err(self)
        }
    }
}

impl<'a> RawBox<'a, dyn Any + Send> {
    /// The box as a `RawBox<U>` if its value is a `U`, else itself.
    pub(crate) fn downcast<U: Any>(self) -> Result<RawBox<'a, U>, Self> {
        if self.get().is::<U>() {
            // SAFETY: `is::<U>()` proved the value is a `U`.
            Ok(unsafe { self.map_ptr(|p| p.cast::<U>()) })
        } else {
            Err(self)
        }
    }
}

impl<'a, T, const N: usize> RawBox<'a, [T; N]> {
    /// The array as a slice; no copy.
    pub(crate) fn into_slice(self) -> RawBox<'a, [T]> {
        // SAFETY: an array of `N` `T`s is a slice of `N` `T`s at the same
        // address.
        unsafe { self.map_ptr(|p| ptr::slice_from_raw_parts_mut(p.cast::<T>(), N)) }
    }
}

impl<'a, T> RawBox<'a, [T]> {
    /// The slice as an array if its length is `N`, else itself; no copy.
    pub(crate) fn into_array<const N: usize>(self) -> Result<RawBox<'a, [T; N]>, Self> {
        if self.get().len() != N {
            return Err(self);
        }
        // SAFETY: the slice holds exactly `N` `T`s (checked), which is an
        // array `[T; N]` at the same address.
        Ok(unsafe { self.map_ptr(|p| p.cast::<[T; N]>()) })
    }

    /// An empty slice; allocates nothing.
    pub(crate) fn empty() -> Self {
        let empty: &'a mut [T] = &mut [];
        RawBox::owning(empty, None)
    }

    /// The elements of `v`, which stay where they are, with a pin registry
    /// node in `v`'s arena if they need one.
    ///
    /// # Panics
    ///
    /// As `Bump::alloc`, if the arena cannot allocate the node; the
    /// elements are then dropped.
    pub(crate) fn from_vec(v: InnerVec<T, &'a Bump>) -> Self {
        let a = *v.allocator();
        // `leak` gives up the vector's ownership of its elements to `b`.
        let mut b = RawBox::owning(v.leak(), None);
        if !pins::needs_node::<[T]>(b.get()) {
            return b;
        }
        let bump = a.raw();
        let at = b.ptr.cast::<u8>();
        let Some(slot) = bump.slot(1) else {
            a.oom("Bump::alloc", Layout::new::<SideNode>())
        };
        let side = slot.write(SideNode::new(bump.pins_head(), at));
        // The pointer to the whole `SideNode` is the node's pointer, so the
        // arena can read the value's address through it.
        let node = NonNull::from(side).cast::<PinNode>();
        bump.register(node);
        b.node = Some(node);
        b
    }
}

impl<'a> RawBox<'a, str> {
    /// An empty `str`; allocates nothing.
    pub(crate) fn empty() -> Self {
        let empty: &'a mut str = Default::default();
        RawBox::owning(empty, None)
    }
}

/// Panics as `Bump::alloc` does when it cannot allocate `layout`; `value`
/// is dropped while the panic unwinds.
#[cold]
#[inline(never)]
fn no_memory<V>(a: &Bump, value: V, layout: Layout) -> ! {
    let _value = value;
    a.oom("Bump::alloc", layout)
}

impl<T: ?Sized> Drop for RawBox<'_, T> {
    fn drop(&mut self) {
        // The drop runs now (even if it panics), which is all `Pin` asks.
        self.unpin();
        // SAFETY: the box owns the value (invariant 2) and is being
        // dropped, so nothing uses it afterwards.
        unsafe { ptr::drop_in_place(self.ptr.as_ptr()) }
    }
}
