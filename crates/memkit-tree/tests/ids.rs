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

/// An arena whose slots were reused a few times, with every id it ever
/// handed out: the live ones and the removed ones.
fn churned_arena() -> (Arena<u32>, Vec<NodeId>, Vec<NodeId>) {
    let mut arena = Arena::new();
    let mut removed = Vec::new();
    let root = arena.new_node(0);
    for round in 0..5u32 {
        let children: Vec<NodeId> = (0..8)
            .map(|i| root.append_value(round * 100 + i, &mut arena))
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            if i % 3 != round as usize % 3 {
                child.remove(&mut arena);
                removed.push(child);
            }
        }
    }
    let live: Vec<NodeId> = root.descendants(&arena).collect();
    (arena, live, removed)
}

fn assert_no_old_id_reaches_a_node(arena: &Arena<u32>, old: &[NodeId]) {
    for &id in old {
        assert!(arena.get(id).is_none(), "old id {id:?} reaches a node");
        assert!(id.is_removed(arena));
        assert_eq!(id.parent(arena), None);
    }
}

#[test]
fn compact_keeps_every_old_id_off_every_node() {
    let (mut arena, mut live, mut removed) = churned_arena();
    let values: Vec<u32> = live.iter().map(|&id| *arena[id].get()).collect();
    let mut old: Vec<NodeId> = live.iter().chain(&removed).copied().collect();
    for _ in 0..3 {
        let remap = arena.compact();
        assert_eq!(remap.len(), live.len());
        for (&id, &value) in live.iter().zip(&values) {
            let new = remap.get(id).expect("a live id is translated");
            assert_ne!(new, id);
            assert_eq!(*arena[new].get(), value);
        }
        for &id in &removed {
            assert_eq!(remap.get(id), None);
        }
        assert!(arena.validate());
        assert_no_old_id_reaches_a_node(&arena, &old);
        // New nodes fill the dense slots and go past the old high-water
        // mark; none of them is reachable by an old id.
        let root = remap.get(live[0]).unwrap();
        let fresh: Vec<NodeId> = (0..64)
            .map(|i| root.append_value(1000 + i, &mut arena))
            .collect();
        assert_no_old_id_reaches_a_node(&arena, &old);
        for id in fresh.iter().step_by(2) {
            id.remove(&mut arena);
        }
        (0..40).for_each(|i| {
            arena.new_node(2000 + i);
        });
        assert_no_old_id_reaches_a_node(&arena, &old);
        arena.clear();
        (0..100).for_each(|i| {
            arena.new_node(3000 + i);
        });
        assert_no_old_id_reaches_a_node(&arena, &old);
        old.extend(arena.iter().map(|node| arena.get_node_id(node).unwrap()));
        old.extend(&fresh);
        arena.clear();
        let root = arena.new_node(values[0]);
        for &value in &values[1..] {
            root.append_value(value, &mut arena);
        }
        assert_no_old_id_reaches_a_node(&arena, &old);
        live = root.descendants(&arena).collect();
        let doomed = root.append_value(0, &mut arena);
        doomed.remove(&mut arena);
        removed = vec![doomed];
        old.extend(&live);
        old.push(doomed);
    }
}

#[test]
fn map_keeps_removed_ids_off_new_nodes() {
    let (arena, live, removed) = churned_arena();
    let mut mapped = arena.map(|v| v + 1);
    for &id in &live {
        assert_eq!(*mapped[id].get(), *arena[id].get() + 1);
    }
    (0..64).for_each(|i| {
        mapped.new_node(i);
    });
    assert_no_old_id_reaches_a_node(&mapped, &removed);
    assert!(mapped.validate());
}

#[cfg(feature = "serde")]
#[test]
fn compact_refuses_when_no_generation_is_left() {
    let mut arena = Arena::new();
    arena.new_node(7u32);
    let json = serde_json::to_string(&arena).unwrap();
    let one = u64::from(arena.iter().count() as u32) << 32;
    let top = u64::from(u32::MAX) << 32;
    let json = json.replace(&one.to_string(), &top.to_string());
    let mut arena: Arena<u32> = serde_json::from_str(&json).unwrap();
    let id = arena.get_node_id(arena.iter().next().unwrap()).unwrap();
    assert!(arena.try_compact().is_none());
    assert_eq!(*arena[id].get(), 7);
    let remap = arena.compact();
    assert_eq!(remap.get(id), Some(id));
    assert_eq!(*arena[id].get(), 7);
}

#[test]
fn get_node_id_and_get_node_id_at_name_every_live_node() {
    let (arena, live, removed) = churned_arena();
    for &id in &live {
        assert_eq!(arena.get_node_id(&arena[id]), Some(id));
        assert_eq!(arena.get_node_id_at(NonZeroUsize::from(id)), Some(id));
    }
    let by_slot: Vec<NodeId> = arena.iter_node_ids().collect();
    let by_node: Vec<NodeId> = arena
        .iter()
        .map(|node| arena.get_node_id(node).unwrap())
        .collect();
    assert_eq!(by_node, by_slot);
    for &id in &removed {
        assert_ne!(arena.get_node_id_at(NonZeroUsize::from(id)), Some(id));
    }
    let copy = arena.clone();
    assert_eq!(arena.get_node_id(&copy[live[0]]), None);
    assert_eq!(copy.get_node_id(&copy[live[0]]), Some(live[0]));
    let beyond = NonZeroUsize::new(arena.capacity() + 10).unwrap();
    assert_eq!(arena.get_node_id_at(beyond), None);
}

#[test]
fn shrink_to_fit_keeps_removed_ids_removed() {
    let (mut arena, live, removed) = churned_arena();
    let before = arena.clone();
    arena.reserve(1000);
    arena.shrink_to_fit();
    assert!(arena.capacity() < 1000 + arena.len());
    assert_eq!(arena, before);
    (0..64).for_each(|i| {
        arena.new_node(i);
    });
    assert_no_old_id_reaches_a_node(&arena, &removed);
    for &id in &live {
        assert_eq!(arena[id].get(), before[id].get());
    }
    assert!(arena.validate());
}

#[test]
fn value_insertions_next_to_a_removed_node_panic_and_change_nothing() {
    type Insert = fn(NodeId, u32, &mut Arena<u32>) -> NodeId;
    let inserts: [(&str, Insert); 4] = [
        ("NodeId::append_value", NodeId::append_value),
        ("NodeId::prepend_value", NodeId::prepend_value),
        ("NodeId::insert_after_value", NodeId::insert_after_value),
        ("NodeId::insert_before_value", NodeId::insert_before_value),
    ];
    for (name, insert) in inserts {
        let mut arena = Arena::new();
        let root = arena.new_node(0u32);
        let gone = root.append_value(1, &mut arena);
        root.append_value(2, &mut arena);
        gone.remove(&mut arena);
        let before = arena.clone();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insert(gone, 9, &mut arena);
        }));
        let message = *caught.unwrap_err().downcast::<String>().unwrap();
        assert!(
            message.starts_with(&format!("{name}: Preconditions not met: node 2")),
            "{message}"
        );
        assert_eq!(arena, before, "{name}");
        assert_eq!(arena.live_count(), 2);
    }
}
