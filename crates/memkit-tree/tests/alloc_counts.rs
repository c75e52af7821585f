//! Allocation counts, measured with memkit-alloc: building into a reserved
//! arena, walking, moving and removing nodes allocate nothing; the arena is
//! one buffer, freed once.

use memkit_alloc::{CountingAlloc, Stats, measure};
use memkit_tree::{Arena, NodeEdge, NodeId};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

const N: u32 = if cfg!(miri) { 50 } else { 10_000 };

/// A root with `N - 1` children, and a chain of `N` nodes, built into
/// reserved room: (arena, root, chain head, chain end).
fn wide_and_chain() -> (Arena<u32>, NodeId, NodeId, NodeId) {
    let mut arena = Arena::with_capacity(2 * N as usize + 1);
    let root = arena.new_node(0);
    for i in 1..N {
        root.append_value(i, &mut arena);
    }
    let chain = arena.new_node(0);
    let mut last = chain;
    for i in 1..N {
        last = last.append_value(i, &mut arena);
    }
    (arena, root, chain, last)
}

#[test]
fn building_into_reserved_room_allocates_nothing() {
    let mut arena = Arena::with_capacity(N as usize);
    let ((), stats) = measure(|| {
        let root = arena.new_node(0u32);
        for i in 1..N {
            root.append_value(i, &mut arena);
        }
    });
    assert_eq!(stats, Stats::ZERO);
}

#[test]
fn walks_allocate_nothing() {
    let (arena, root, chain, last) = wide_and_chain();
    let (sum, stats) = measure(|| {
        let mut sum = 0usize;
        sum += root.children(&arena).count();
        sum += root.children(&arena).rev().count();
        sum += root.descendants(&arena).count();
        sum += chain.descendants(&arena).count();
        sum += chain.traverse(&arena).count();
        sum += chain.reverse_traverse(&arena).count();
        sum += last.ancestors(&arena).count();
        sum += last.predecessors(&arena).count();
        sum += root.leaves(&arena).count();
        let first = root.first_child(&arena).unwrap();
        sum += first.following_siblings(&arena).count();
        sum += first.following_siblings(&arena).rev().count();
        sum += usize::from(arena.validate());
        sum
    });
    assert!(sum > 0);
    assert_eq!(stats, Stats::ZERO);
}

#[test]
fn descendants_allocates_once_for_its_sibling_stack() {
    let mut arena = Arena::new();
    let root = arena.new_node(0u32);
    // Two levels with siblings: the walk must remember where to go back.
    for i in 0..4 {
        let child = root.append_value(i, &mut arena);
        for j in 0..4 {
            child
                .append_value(j, &mut arena)
                .append_value(j, &mut arena);
        }
    }
    let (count, stats) = measure(|| root.descendants(&arena).count());
    assert_eq!(count, 1 + 4 + 16 + 16);
    assert_eq!(stats.allocs, 1);
    assert_eq!(stats.deallocs, 1);
}

#[test]
fn moving_and_removing_allocate_nothing() {
    let (mut arena, root, chain, last) = wide_and_chain();
    let ((), stats) = measure(|| {
        let first = root.first_child(&arena).unwrap();
        first.detach(&mut arena);
        last.append(first, &mut arena);
        root.checked_append(chain, &mut arena).unwrap();
        assert!(last.checked_append(root, &mut arena).is_err());
        root.first_child(&arena).unwrap().remove(&mut arena);
        chain.remove_subtree(&mut arena);
        root.remove_children(&mut arena);
        let reused = arena.new_node(7);
        root.append(reused, &mut arena);
        root.detach_children(&mut arena);
    });
    assert_eq!(stats, Stats::ZERO);
    let edges: Vec<NodeEdge> = root.traverse(&arena).collect();
    assert_eq!(edges, [NodeEdge::Start(root), NodeEdge::End(root)]);
}

#[test]
fn drop_frees_one_buffer() {
    let (arena, _, _, _) = wide_and_chain();
    let ((), stats) = measure(|| drop(arena));
    assert_eq!((stats.allocs, stats.deallocs), (0, 1));
}

#[test]
fn clone_allocates_one_buffer() {
    let (arena, _, _, _) = wide_and_chain();
    let (copy, stats) = measure(|| arena.clone());
    assert!(copy == arena);
    assert_eq!((stats.allocs, stats.deallocs), (1, 0));
}

#[test]
fn compact_allocates_the_new_slab_and_the_remap() {
    let (mut arena, root, _, _) = wide_and_chain();
    root.remove_subtree(&mut arena);
    let (remap, stats) = measure(|| arena.compact());
    assert_eq!(remap.len(), N as usize);
    assert_eq!((stats.allocs, stats.deallocs), (2, 1));
}
