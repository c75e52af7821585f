//! Ids: 8 bytes, generation-checked on every access, never reaching a
//! newer node in a reused slot.

use std::num::NonZeroUsize;

use memkit_tree::{Arena, NodeError, NodeId};

#[test]
fn ids_are_eight_bytes() {
    assert_eq!(size_of::<NodeId>(), 8);
    assert_eq!(size_of::<Option<NodeId>>(), 8);
}

#[test]
fn removed_id_never_reaches_a_reused_slot() {
    let reuses = if cfg!(miri) { 50 } else { 100_000 };
    let mut arena = Arena::new();
    let first = arena.new_node(0u32);
    first.remove(&mut arena);
    let mut stale = vec![first];
    for round in 1..=reuses {
        let id = arena.new_node(round);
        assert_eq!(usize::from(id), usize::from(first), "the slot is reused");
        for old in stale.iter().rev().take(3) {
            assert!(old.is_removed(&arena));
            assert!(arena.get(*old).is_none());
            assert_eq!(old.parent(&arena), None);
            assert_eq!(old.checked_append(id, &mut arena), Err(NodeError::Removed));
        }
        assert_eq!(*arena[id].get(), round);
        id.remove(&mut arena);
        stale.push(id);
    }
    // i16 stamps would have wrapped many times by now (indextree #95).
    assert!(stale.iter().all(|id| id.is_removed(&arena)));
    assert_eq!(arena.get_node_id_at(NonZeroUsize::from(first)), None);
}

#[test]
#[should_panic(expected = "Arena::index: node 1")]
fn index_checks_the_generation() {
    let mut arena = Arena::new();
    let old = arena.new_node(1);
    old.remove(&mut arena);
    let _new = arena.new_node(2);
    let _ = &arena[old];
}

#[test]
#[should_panic(expected = "Arena::index_mut: node 1")]
fn index_mut_checks_the_generation() {
    let mut arena = Arena::new();
    let old = arena.new_node(1);
    old.remove(&mut arena);
    let _new = arena.new_node(2);
    *arena[old].get_mut() = 3;
}

#[test]
fn clear_keeps_old_ids_removed() {
    let mut arena = Arena::new();
    let old = arena.new_node(1);
    arena.clear();
    assert_eq!(arena.len(), 0);
    let new = arena.new_node(2);
    assert_eq!(usize::from(old), usize::from(new));
    assert!(old.is_removed(&arena));
    assert_eq!(arena.len(), 1);
}

#[test]
fn cycles_are_refused_and_change_nothing() {
    let mut arena = Arena::new();
    let root = arena.new_node(0);
    let a = root.append_value(1, &mut arena);
    let b = a.append_value(2, &mut arena);
    let before = arena.clone();
    assert_eq!(
        b.checked_append(root, &mut arena),
        Err(NodeError::AppendAncestor)
    );
    assert_eq!(
        b.checked_prepend(a, &mut arena),
        Err(NodeError::PrependAncestor)
    );
    assert_eq!(
        b.checked_insert_after(root, &mut arena),
        Err(NodeError::AppendAncestor)
    );
    assert_eq!(
        b.checked_insert_before(a, &mut arena),
        Err(NodeError::PrependAncestor)
    );
    assert_eq!(a.checked_append(a, &mut arena), Err(NodeError::AppendSelf));
    assert_eq!(
        a.checked_prepend(a, &mut arena),
        Err(NodeError::PrependSelf)
    );
    assert_eq!(
        a.checked_insert_after(a, &mut arena),
        Err(NodeError::InsertAfterSelf)
    );
    assert_eq!(
        a.checked_insert_before(a, &mut arena),
        Err(NodeError::InsertBeforeSelf)
    );
    assert_eq!(
        root.checked_reparent(b, &mut arena),
        Err(NodeError::AppendAncestor)
    );
    assert!(arena == before);
    assert!(arena.validate());
}

#[test]
fn compact_renumbers_densely() {
    let mut arena = Arena::new();
    let ids: Vec<_> = (0..10).map(|v| arena.new_node(v)).collect();
    for pair in ids.windows(2) {
        pair[0].append(pair[1], &mut arena);
    }
    for id in ids.iter().step_by(2) {
        id.remove(&mut arena);
    }
    let remap = arena.compact();
    assert_eq!(remap.len(), 5);
    assert_eq!(arena.len(), 5);
    let kept: Vec<_> = ids.iter().filter_map(|id| remap.get(*id)).collect();
    assert_eq!(
        kept.iter().map(|id| usize::from(*id)).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(kept[0].descendants(&arena).collect::<Vec<_>>(), kept);
    assert!(arena.validate());
}
