//! Group `tree`: `memkit_tree` against `indextree` 4.9.2, and against the
//! guide's tree of `Rc<RefCell<TreeNode>>` (cases prefixed `bst_`).
//!
//! The indextree cases are written once, in a macro, and instantiated for
//! both crates (their APIs are the same), so both sides do identical work.
//!
//! The guide's tree is a binary search tree of `Rc<RefCell<TreeNode>>`
//! over random keys. Its cases build the same BST in a `memkit_tree`
//! arena: the left child is the first child when its key is smaller, the
//! right child the last child when its key is larger. A deep chain is only
//! built with the arenas: the Rc tree would overflow the stack dropping it.
//!
//! Whole-tree operations (`preorder_1m`, `remove_half_1m`) are one op each;
//! per-node ones (`build_*`) are one node per op, with a fresh tree every
//! `NODES` nodes (10,000 for `_10k`), so the old tree's drop is in the
//! figure too. At 1M random keys a BST insert is a walk of about 40 cache
//! misses on either side; at 10k the tree fits in cache and the cost of
//! the node itself (allocation, `RefCell`, drop) shows.

use crate::harness::Case;

const GROUP: &str = "tree";

/// Nodes per tree; small in the unit tests, which run every side in a debug
/// build.
const NODES: usize = if cfg!(test) { 1_000 } else { 1_000_000 };
/// Nodes per tree for the `_10k` case.
const SMALL: usize = if cfg!(test) { 100 } else { 10_000 };

/// Fixed-seed xorshift: the same sequence on every side.
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        Rng(0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Cases over an indextree-style API: `$krate::{Arena, NodeId}`.
macro_rules! arena_bodies {
    ($module:ident, $krate:ident) => {
        #[doc = concat!("Case bodies over `", stringify!($krate), "`.")]
        mod $module {
            use ::$krate::{Arena, NodeId};

            use super::{NODES, Rng};
            use crate::harness::{Runner, runner};

            /// A random recursive tree of `n` nodes under `root`: each
            /// node's parent is a random earlier node.
            fn grow(arena: &mut Arena<u64>, root: NodeId, n: usize) {
                let mut rng = Rng::new();
                let mut ids = Vec::with_capacity(n);
                ids.push(root);
                for i in 1..n {
                    let parent = ids[rng.below(ids.len())];
                    ids.push(parent.append_value(i as u64, arena));
                }
            }

            /// Op: one `append_value` under a single root; a fresh arena
            /// every `NODES` nodes.
            pub(super) fn build_wide_1m() -> Runner {
                let mut arena = Arena::new();
                let mut root = arena.new_node(0u64);
                let mut len = 1;
                runner(move |n| {
                    for i in 0..n {
                        if len == NODES {
                            arena = Arena::new();
                            root = arena.new_node(0);
                            len = 1;
                        }
                        root.append_value(i, &mut arena);
                        len += 1;
                    }
                    len
                })
            }

            /// Op: one `append_value` under the last node, growing a chain;
            /// a fresh arena every `NODES` nodes.
            pub(super) fn build_deep_1m() -> Runner {
                let mut arena = Arena::new();
                let mut last = arena.new_node(0u64);
                let mut len = 1;
                runner(move |n| {
                    for i in 0..n {
                        if len == NODES {
                            arena = Arena::new();
                            last = arena.new_node(0);
                            len = 1;
                        }
                        last = last.append_value(i, &mut arena);
                        len += 1;
                    }
                    len
                })
            }

            /// Op: a preorder walk (`descendants`) of a random tree of
            /// `NODES` nodes, summing the values.
            pub(super) fn preorder_1m() -> Runner {
                let mut arena = Arena::with_capacity(NODES);
                let root = arena.new_node(0u64);
                grow(&mut arena, root, NODES);
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        for id in root.descendants(&arena) {
                            sum = sum.wrapping_add(*arena[id].get());
                        }
                    }
                    sum
                })
            }

            /// Op: `remove_subtree` of one of the root's two subtrees of
            /// `NODES / 2` random nodes each, then growing it again (the
            /// same growth as `grow`, half the nodes).
            pub(super) fn remove_half_1m() -> Runner {
                let mut arena = Arena::with_capacity(NODES);
                let root = arena.new_node(0u64);
                let keep = root.append_value(1, &mut arena);
                grow(&mut arena, keep, NODES / 2);
                let mut half = root.append_value(2, &mut arena);
                grow(&mut arena, half, NODES / 2);
                runner(move |n| {
                    for _ in 0..n {
                        half.remove_subtree(&mut arena);
                        half = root.append_value(2, &mut arena);
                        grow(&mut arena, half, NODES / 2);
                    }
                    arena.live_count()
                })
            }

            /// Op: one `u32` node in an arena sized for them (bytes/op =
            /// bytes per node).
            pub(super) fn node_bytes_u32() -> Runner {
                runner(move |n| {
                    let mut arena = Arena::with_capacity(n as usize);
                    let root = arena.new_node(0u32);
                    for i in 1..n {
                        root.append_value(i as u32, &mut arena);
                    }
                    arena.live_count()
                })
            }
        }
    };
}

arena_bodies!(memkit_side, memkit_tree);
arena_bodies!(indextree_side, indextree);

/// The guide's tree: a binary search tree of `Rc<RefCell<TreeNode>>`.
mod guide {
    use std::cell::RefCell;
    use std::rc::Rc;

    use super::{NODES, Rng};
    use crate::harness::{Runner, runner};

    /// A node of the guide's tree.
    pub(super) struct TreeNode {
        val: u64,
        left: Option<Rc<RefCell<TreeNode>>>,
        right: Option<Rc<RefCell<TreeNode>>>,
    }

    fn node(val: u64) -> Rc<RefCell<TreeNode>> {
        Rc::new(RefCell::new(TreeNode {
            val,
            left: None,
            right: None,
        }))
    }

    /// Inserts `val` (absent from the tree) under `root`, walking down.
    fn insert(root: &Rc<RefCell<TreeNode>>, val: u64) {
        let mut current = Rc::clone(root);
        loop {
            let next = {
                let mut n = current.borrow_mut();
                let slot = if val < n.val {
                    &mut n.left
                } else {
                    &mut n.right
                };
                match slot {
                    Some(child) => Rc::clone(child),
                    None => {
                        *slot = Some(node(val));
                        return;
                    }
                }
            };
            current = next;
        }
    }

    /// Op: one insert of a random key; a fresh tree every `SIZE` keys.
    pub(super) fn bst_build_drop<const SIZE: usize>() -> Runner {
        let mut rng = Rng::new();
        let mut root = node(rng.next());
        let mut len = 1;
        runner(move |n| {
            for _ in 0..n {
                if len == SIZE {
                    root = node(rng.next());
                    len = 1;
                }
                insert(&root, rng.next());
                len += 1;
            }
            len
        })
    }

    /// A BST of `NODES` random keys.
    fn full() -> Rc<RefCell<TreeNode>> {
        let mut rng = Rng::new();
        let root = node(rng.next());
        for _ in 1..NODES {
            insert(&root, rng.next());
        }
        root
    }

    /// Op: a preorder walk of a BST of `NODES` random keys, with a stack,
    /// summing the keys.
    pub(super) fn bst_preorder_1m() -> Runner {
        let root = full();
        runner(move |n| {
            let mut sum = 0u64;
            let mut stack = Vec::new();
            for _ in 0..n {
                stack.push(Rc::clone(&root));
                while let Some(current) = stack.pop() {
                    let node = current.borrow();
                    sum = sum.wrapping_add(node.val);
                    if let Some(right) = &node.right {
                        stack.push(Rc::clone(right));
                    }
                    if let Some(left) = &node.left {
                        stack.push(Rc::clone(left));
                    }
                }
            }
            sum
        })
    }

    /// Op: one node of `u32`-sized key, as `bst_build_drop_1m` allocates
    /// it (bytes/op = bytes per node).
    pub(super) fn bst_node_bytes() -> Runner {
        runner(move |n| {
            let mut rng = Rng::new();
            let root = node(rng.next());
            for _ in 1..n {
                insert(&root, rng.next());
            }
            root
        })
    }
}

/// The same BST in a `memkit_tree` arena.
mod memkit_bst {
    use memkit_tree::{Arena, NodeId};

    use super::{NODES, Rng};
    use crate::harness::{Runner, runner};

    /// Inserts `val` (absent from the tree) under `root`.
    fn insert(arena: &mut Arena<u64>, root: NodeId, val: u64) {
        let mut current = root;
        loop {
            let key = *arena[current].get();
            if val < key {
                match arena[current].first_child() {
                    Some(left) if *arena[left].get() < key => current = left,
                    _ => {
                        current.prepend_value(val, arena);
                        return;
                    }
                }
            } else {
                match arena[current].last_child() {
                    Some(right) if *arena[right].get() > key => current = right,
                    _ => {
                        current.append_value(val, arena);
                        return;
                    }
                }
            }
        }
    }

    /// Op: one insert of a random key; a fresh arena every `SIZE` keys.
    pub(super) fn bst_build_drop<const SIZE: usize>() -> Runner {
        let mut rng = Rng::new();
        let mut arena = Arena::new();
        let mut root = arena.new_node(rng.next());
        let mut len = 1;
        runner(move |n| {
            for _ in 0..n {
                if len == SIZE {
                    arena = Arena::new();
                    root = arena.new_node(rng.next());
                    len = 1;
                }
                insert(&mut arena, root, rng.next());
                len += 1;
            }
            len
        })
    }

    /// Op: a preorder walk (`descendants`) of a BST of `NODES` random
    /// keys, summing the keys.
    pub(super) fn bst_preorder_1m() -> Runner {
        let mut rng = Rng::new();
        let mut arena = Arena::with_capacity(NODES);
        let root = arena.new_node(rng.next());
        for _ in 1..NODES {
            insert(&mut arena, root, rng.next());
        }
        runner(move |n| {
            let mut sum = 0u64;
            for _ in 0..n {
                for id in root.descendants(&arena) {
                    sum = sum.wrapping_add(*arena[id].get());
                }
            }
            sum
        })
    }

    /// Op: one node, as `bst_build_drop_1m` stores it, in an arena sized
    /// for them (bytes/op = bytes per node; the Rc side's figure leaves out
    /// the allocator's own header per node).
    pub(super) fn bst_node_bytes() -> Runner {
        runner(move |n| {
            let mut rng = Rng::new();
            let mut arena = Arena::with_capacity(n as usize);
            let root = arena.new_node(rng.next());
            for _ in 1..n {
                insert(&mut arena, root, rng.next());
            }
            arena.live_count()
        })
    }
}

/// The cases of this group, in report order.
pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        build_wide_1m => memkit_side::build_wide_1m, indextree_side::build_wide_1m, "indextree";
        build_deep_1m => memkit_side::build_deep_1m, indextree_side::build_deep_1m, "indextree";
        preorder_1m => memkit_side::preorder_1m, indextree_side::preorder_1m, "indextree";
        remove_half_1m => memkit_side::remove_half_1m, indextree_side::remove_half_1m, "indextree";
        node_bytes_u32 =>
            memkit_side::node_bytes_u32, indextree_side::node_bytes_u32, "indextree", memory();
        bst_build_drop_1m =>
            memkit_bst::bst_build_drop::<NODES>, guide::bst_build_drop::<NODES>, "Rc<RefCell>";
        bst_build_drop_10k =>
            memkit_bst::bst_build_drop::<SMALL>, guide::bst_build_drop::<SMALL>, "Rc<RefCell>";
        bst_preorder_1m => memkit_bst::bst_preorder_1m, guide::bst_preorder_1m, "Rc<RefCell>";
        bst_node_bytes =>
            memkit_bst::bst_node_bytes, guide::bst_node_bytes, "Rc<RefCell>", memory();
    ]
}
