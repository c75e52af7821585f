//! `Pin<Box<'_, T>>` keeps `Pin`'s drop guarantee: the memory of a pinned
//! value is not reused or freed before its `Drop` has run, even when the
//! box is forgotten and the arena is then reset, rewound or dropped
//! (bumpalo #186). The test type is an intrusive registry entry that relies
//! on that guarantee, as a waker list or an intrusive linked list does: it
//! publishes its address while pinned and withdraws it in `Drop`. A static
//! registry keeps the addresses, so that memory leaked on purpose stays
//! reachable for Miri's leak check.

use std::marker::PhantomPinned;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Mutex;

use memkit_arena::Bump;
use memkit_arena::boxed::Box;

/// An entry that publishes its own address while pinned.
struct Entry {
    tag: u64,
    _pinned: PhantomPinned,
}

/// The address of a published entry.
struct Published(*const Entry);

// SAFETY: only the address travels; it is read under the registry's lock,
// while the entry is pinned and not yet dropped.
unsafe impl Send for Published {}

static REGISTRY: Mutex<Vec<Published>> = Mutex::new(Vec::new());

impl Entry {
    fn new(tag: u64) -> Self {
        Entry {
            tag,
            _pinned: PhantomPinned,
        }
    }

    /// Publishes the address: valid until `drop`, by `Pin`'s guarantee.
    fn publish(self: Pin<&mut Self>) {
        let p: *const Entry = &*self;
        REGISTRY.lock().unwrap().push(Published(p));
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        let p: *const Entry = self;
        REGISTRY.lock().unwrap().retain(|e| !std::ptr::eq(e.0, p));
    }
}

/// Reads the tag of every published entry with `tag`, as the owner of an
/// intrusive registry does: through the published address.
fn published_tags(tag: u64) -> Vec<u64> {
    let reg = REGISTRY.lock().unwrap();
    reg.iter()
        // SAFETY: `Pin`'s drop guarantee: a published entry stays valid
        // until its `Drop` withdraws it.
        .map(|e| unsafe { (*e.0).tag })
        .filter(|&t| t == tag)
        .collect()
}

/// Scribbles over fresh arena memory, as later allocations do.
fn scribble(bump: &Bump) {
    for _ in 0..64 {
        bump.alloc(0u64);
    }
}

#[test]
fn forgotten_pin_survives_reset() {
    let mut bump = Bump::new();
    let mut p = Box::pin_in(Entry::new(101), &bump);
    p.as_mut().publish();
    std::mem::forget(p);
    bump.reset();
    scribble(&bump);
    assert_eq!(published_tags(101), [101]);
}

#[test]
fn forgotten_pin_survives_reset_keep_chunks() {
    let mut bump = Bump::new();
    let mut p = Box::pin_in(Entry::new(102), &bump);
    p.as_mut().publish();
    std::mem::forget(p);
    bump.reset_keep_chunks();
    scribble(&bump);
    assert_eq!(published_tags(102), [102]);
}

#[test]
fn forgotten_pin_survives_dropping_the_bump() {
    let bump = Bump::new();
    let mut p = Box::pin_in(Entry::new(103), &bump);
    p.as_mut().publish();
    std::mem::forget(p);
    drop(bump);
    // Other heap traffic may land where the chunk was.
    let noise: Vec<Vec<u64>> = (0..16).map(|i| vec![0; i * 8]).collect();
    assert_eq!(published_tags(103), [103]);
    drop(noise);
}

#[test]
fn forgotten_pin_survives_scope_exit() {
    let mut bump = Bump::new();
    bump.scope(|s| {
        let mut p = Box::pin_in(Entry::new(104), s);
        p.as_mut().publish();
        std::mem::forget(p);
    });
    scribble(&bump);
    assert_eq!(published_tags(104), [104]);
    bump.scope(|s| scribble(s));
    assert_eq!(published_tags(104), [104]);
}

#[test]
fn forgotten_pin_survives_reset_to() {
    let bump = Bump::new();
    let cp = bump.checkpoint();
    let mut p = Box::pin_in(Entry::new(105), &bump);
    p.as_mut().publish();
    std::mem::forget(p);
    // SAFETY: nothing allocated after `cp` is used again (the forgotten
    // box is never used).
    unsafe { bump.reset_to(cp) };
    scribble(&bump);
    assert_eq!(published_tags(105), [105]);
}

#[test]
fn only_the_chunk_of_a_forgotten_pin_is_leaked() {
    let mut bump = Bump::new();
    let mut p = Box::pin_in(Entry::new(112), &bump);
    p.as_mut().publish();
    std::mem::forget(p);
    // Fill two more chunks.
    for i in 0..300u64 {
        bump.alloc(i);
    }
    let held = bump.allocated_bytes();
    bump.reset_keep_chunks();
    let kept = bump.allocated_bytes();
    assert!(kept > 0 && kept < held, "kept {kept} of {held}");
    scribble(&bump);
    assert_eq!(published_tags(112), [112]);
    // The kept chunks are reused: no new chunk for the same load.
    bump.reset_keep_chunks();
    for i in 0..300u64 {
        bump.alloc(i);
    }
    assert_eq!(bump.allocated_bytes(), kept);
}

#[test]
fn forgotten_pin_from_box_survives_reset() {
    let mut bump = Bump::new();
    let mut p: Pin<Box<'_, Entry>> = Box::new_in(Entry::new(106), &bump).into();
    p.as_mut().publish();
    std::mem::forget(p);
    bump.reset();
    scribble(&bump);
    assert_eq!(published_tags(106), [106]);
}

#[test]
fn forgotten_pin_in_a_vec_slice_survives_reset() {
    let mut bump = Bump::new();
    let v = memkit_arena::vec![in &bump; Entry::new(107), Entry::new(107)];
    let mut p: Pin<Box<'_, [Entry]>> = v.into_boxed_slice().into();
    for i in 0..2 {
        // SAFETY: the entries are not moved out of the pinned slice.
        unsafe { Pin::new_unchecked(&mut p.as_mut().get_unchecked_mut()[i]) }.publish();
    }
    std::mem::forget(p);
    bump.reset();
    scribble(&bump);
    assert_eq!(published_tags(107), [107, 107]);
}

#[test]
fn dropped_pin_runs_drop_and_its_memory_is_reused() {
    let mut bump = Bump::new();
    let mut p = Box::pin_in(Entry::new(108), &bump);
    p.as_mut().publish();
    let addr = (&*p as *const Entry).addr();
    assert_eq!(published_tags(108), [108]);
    drop(p);
    assert!(published_tags(108).is_empty());
    let held = bump.allocated_bytes();
    bump.reset();
    assert_eq!(bump.allocated_bytes(), held);
    // The same spot is handed out again: nothing was retired.
    let again = Box::pin_in(Entry::new(109), &bump);
    assert_eq!((&*again as *const Entry).addr(), addr);
}

#[test]
fn a_pin_dropped_in_a_scope_leaves_nothing_behind() {
    let mut bump = Bump::new();
    let first = bump.scope(|s| {
        let p = Box::pin_in(Entry::new(110), s);
        (&*p as *const Entry).addr()
    });
    let second = bump.scope(|s| {
        let p = Box::pin_in(Entry::new(110), s);
        (&*p as *const Entry).addr()
    });
    assert_eq!(first, second, "the scope rewound");
}

#[test]
fn values_without_drop_glue_are_not_registered() {
    let mut bump = Bump::new();
    let p = Box::pin_in(7u64, &bump);
    let addr = (&*p as *const u64).addr();
    std::mem::forget(p);
    bump.reset();
    // A `u64` has no `Drop`: forgetting it leaves nothing to protect.
    assert_eq!((bump.alloc(8u64) as *const u64).addr(), addr);

    struct Zst;
    impl Drop for Zst {
        fn drop(&mut self) {}
    }
    let held = bump.allocated_bytes();
    std::mem::forget(Box::pin_in(Zst, &bump));
    bump.reset();
    assert_eq!(
        bump.allocated_bytes(),
        held,
        "a zero-sized value holds no memory"
    );
    assert_eq!((bump.alloc(9u64) as *const u64).addr(), addr);
}

#[test]
fn a_panicking_drop_counts_as_dropped() {
    struct Bomb(u64);
    impl Drop for Bomb {
        fn drop(&mut self) {
            if self.0 == 1 {
                panic!("Bomb::drop");
            }
        }
    }
    let mut bump = Bump::new();
    let p = Box::pin_in(Bomb(1), &bump);
    let addr = (&*p as *const Bomb).addr();
    assert!(catch_unwind(AssertUnwindSafe(|| drop(p))).is_err());
    let held = bump.allocated_bytes();
    bump.reset();
    // The drop ran (and panicked): the memory is free to reuse.
    assert_eq!(bump.allocated_bytes(), held);
    let again = Box::pin_in(Bomb(2), &bump);
    assert_eq!((&*again as *const Bomb).addr(), addr);
}

#[test]
fn a_pin_dropped_on_another_thread() {
    let mut bump = Bump::new();
    let p = Box::pin_in(String::from("sent"), &bump);
    std::thread::scope(|s| {
        s.spawn(move || assert_eq!(p.len(), 4));
        for i in 0..8 {
            drop(Box::pin_in(Entry::new(111), &bump));
            bump.alloc(i);
        }
    });
    let held = bump.allocated_bytes();
    bump.reset();
    assert_eq!(bump.allocated_bytes(), held, "nothing was retired");
}

#[test]
fn unpin_round_trip_keeps_one_registration() {
    let mut bump = Bump::new();
    let p = Box::pin_in(String::from("x"), &bump);
    let b: Box<'_, String> = Pin::into_inner(p);
    let p: Pin<Box<'_, String>> = b.into();
    let s = Box::into_inner(Pin::into_inner(p));
    assert_eq!(s, "x");
    let held = bump.allocated_bytes();
    bump.reset();
    assert_eq!(bump.allocated_bytes(), held);
}
