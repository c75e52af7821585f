//! A value whose `Drop` panics during a removal leaves a consistent arena:
//! no value dropped twice, none leaked.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use memkit_tree::{Arena, NodeId};

/// Counts its drops; panics in `drop` when `bomb` is set.
struct Tracked {
    drops: Rc<Cell<usize>>,
    bomb: bool,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
        if self.bomb {
            panic!("Tracked::drop: this value panics");
        }
    }
}

/// A root with `n` children, each with one grandchild; the child at
/// `bomb` panics when dropped.
fn arena(n: usize, bomb: usize, drops: &Rc<Cell<usize>>) -> (Arena<Tracked>, NodeId) {
    let make = |bomb| Tracked {
        drops: Rc::clone(drops),
        bomb,
    };
    let mut arena = Arena::new();
    let root = arena.new_node(make(false));
    for i in 0..n {
        let child = root.append_value(make(i == bomb), &mut arena);
        child.append_value(make(false), &mut arena);
    }
    (arena, root)
}

#[test]
fn panicking_drop_in_remove_subtree_keeps_the_arena_valid() {
    let drops = Rc::new(Cell::new(0));
    let (mut arena, root) = arena(5, 2, &drops);
    let total = arena.live_count();
    let result = catch_unwind(AssertUnwindSafe(|| root.remove_subtree(&mut arena)));
    assert!(result.is_err());
    assert!(arena.validate());
    // Everything dropped so far was removed from the arena, and the rest
    // is still there: nothing lost, nothing twice.
    assert_eq!(drops.get() + arena.live_count(), total);
    // The remaining nodes are dropped once, with the arena.
    let live = arena.live_count();
    let before = drops.get();
    drop(arena);
    assert_eq!(drops.get(), before + live);
}

#[test]
fn panicking_drop_in_remove_keeps_the_arena_valid() {
    let drops = Rc::new(Cell::new(0));
    let (mut arena, root) = arena(3, 1, &drops);
    let bomb = root.nth_child(1, &arena).unwrap();
    let grandchild = bomb.first_child(&arena).unwrap();
    let result = catch_unwind(AssertUnwindSafe(|| bomb.remove(&mut arena)));
    assert!(result.is_err());
    assert!(bomb.is_removed(&arena));
    assert_eq!(grandchild.parent(&arena), Some(root));
    assert!(arena.validate());
    assert_eq!(drops.get(), 1);
}

#[test]
fn panicking_drop_in_remove_children_keeps_the_arena_valid() {
    let drops = Rc::new(Cell::new(0));
    let (mut arena, root) = arena(4, 3, &drops);
    let total = arena.live_count();
    let result = catch_unwind(AssertUnwindSafe(|| root.remove_children(&mut arena)));
    assert!(result.is_err());
    assert!(arena.validate());
    assert!(!root.is_removed(&arena));
    assert_eq!(drops.get() + arena.live_count(), total);
}
