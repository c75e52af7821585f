//! Every walk, removal, drop, clone, print and serde pass over a chain
//! 1,000,000 nodes deep, on a thread with a 256 KiB stack: any recursion
//! would overflow it.

use memkit_tree::{Arena, NodeEdge, NodeId};

const DEPTH: usize = if cfg!(miri) { 200 } else { 1_000_000 };
const STACK: usize = 256 * 1024;

/// A chain root -> 1 -> 2 -> ... of `DEPTH` nodes; returns the root and
/// the deepest node.
fn chain() -> (Arena<u32>, NodeId, NodeId) {
    let mut arena = Arena::with_capacity(DEPTH);
    let root = arena.new_node(0);
    let mut last = root;
    for value in 1..DEPTH as u32 {
        last = last.append_value(value, &mut arena);
    }
    (arena, root, last)
}

fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .expect("spawn a thread")
        .join()
        .expect("the deep-chain work panicked");
}

#[test]
fn drop_deep_chain() {
    on_small_stack(|| {
        let (arena, root, _) = chain();
        assert_eq!(arena.live_count(), DEPTH);
        assert!(root.is_root(&arena));
        drop(arena);
    });
}

#[test]
fn clone_and_eq_deep_chain() {
    on_small_stack(|| {
        let (arena, _, leaf) = chain();
        let copy = arena.clone();
        assert!(copy == arena);
        assert_eq!(copy[leaf].get(), &(DEPTH as u32 - 1));
    });
}

#[test]
fn iterators_deep_chain() {
    on_small_stack(|| {
        let (arena, root, leaf) = chain();
        assert_eq!(root.descendants(&arena).count(), DEPTH);
        assert_eq!(root.traverse(&arena).count(), 2 * DEPTH);
        assert_eq!(root.reverse_traverse(&arena).count(), 2 * DEPTH);
        assert_eq!(root.traverse(&arena).last(), Some(NodeEdge::End(root)));
        assert_eq!(leaf.ancestors(&arena).count(), DEPTH);
        assert_eq!(leaf.predecessors(&arena).count(), DEPTH);
        assert_eq!(leaf.depth(&arena), DEPTH - 1);
        assert_eq!(root.leaves(&arena).collect::<Vec<_>>(), [leaf]);
        assert_eq!(root.breadth_first(&arena).count(), DEPTH);
        assert!(root.is_ancestor_of(leaf, &arena));
        assert_eq!(leaf.following_siblings(&arena).count(), 1);
        assert_eq!(leaf.preceding_siblings(&arena).rev().count(), 1);
        assert_eq!(root.children(&arena).count(), 1);
        assert!(root.subtree_eq(root, &arena, &arena));
        assert!(arena.validate());
    });
}

#[test]
fn cycle_check_deep_chain() {
    on_small_stack(|| {
        let (mut arena, root, leaf) = chain();
        assert!(leaf.checked_append(root, &mut arena).is_err());
        assert_eq!(root.descendants(&arena).count(), DEPTH);
    });
}

#[test]
fn remove_subtree_deep_chain() {
    on_small_stack(|| {
        let (mut arena, root, leaf) = chain();
        root.remove_subtree(&mut arena);
        assert_eq!(arena.live_count(), 0);
        assert!(leaf.is_removed(&arena));
    });
}

#[test]
fn remove_children_deep_chain() {
    on_small_stack(|| {
        let (mut arena, root, _) = chain();
        root.remove_children(&mut arena);
        assert_eq!(arena.live_count(), 1);
    });
}

#[test]
fn compact_deep_chain() {
    on_small_stack(|| {
        let (mut arena, root, leaf) = chain();
        let remap = arena.compact();
        let (root, leaf) = (remap.get(root).unwrap(), remap.get(leaf).unwrap());
        assert_eq!(leaf.ancestors(&arena).last(), Some(root));
    });
}

#[test]
fn debug_deep_chain() {
    on_small_stack(|| {
        let (arena, _, _) = chain();
        let debug = format!("{arena:?}");
        assert!(debug.len() > DEPTH);
    });
}

/// A pretty-printed chain is quadratic in its depth (line `d` is indented
/// `4 * d` columns; 1,000,000 levels would be 2 TB of text), so this chain
/// is 10,000 deep: still far past what a recursive printer survives on a
/// 256 KiB stack (25 bytes a level).
#[test]
fn pretty_print_deep_chain() {
    const PRINT_DEPTH: u32 = if cfg!(miri) { 50 } else { 10_000 };
    on_small_stack(|| {
        let mut arena = Arena::new();
        let root = arena.new_node(0u32);
        let mut last = root;
        for value in 1..PRINT_DEPTH {
            last = last.append_value(value, &mut arena);
        }
        let text = format!("{:?}", root.debug_pretty_print(&arena));
        assert_eq!(text.lines().count(), PRINT_DEPTH as usize);
        let expected_last = format!(
            "{}`-- {}",
            "    ".repeat(PRINT_DEPTH as usize - 2),
            PRINT_DEPTH - 1
        );
        assert_eq!(text.lines().last(), Some(expected_last.as_str()));
        let display = format!("{}", root.debug_pretty_print(&arena));
        assert_eq!(display, text);
    });
}

#[cfg(feature = "serde")]
#[test]
fn serde_deep_chain() {
    on_small_stack(|| {
        let (arena, root, leaf) = chain();
        let json = serde_json::to_string(&arena).unwrap();
        let back: Arena<u32> = serde_json::from_str(&json).unwrap();
        assert!(back == arena);
        assert_eq!(leaf.ancestors(&back).last(), Some(root));
    });
}
