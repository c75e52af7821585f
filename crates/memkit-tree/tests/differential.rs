//! Random operation sequences applied to memkit-tree and to indextree
//! 4.9.2 side by side: after every step both arenas hold the same nodes
//! with the same links and values, and every checked operation returns the
//! same result.

use std::collections::HashMap;

use proptest::prelude::*;

type Peer = indextree::Arena<u32>;
type Memkit = memkit_tree::Arena<u32>;

#[derive(Debug, Clone)]
enum Op {
    New,
    Append(usize, usize),
    Prepend(usize, usize),
    InsertAfter(usize, usize),
    InsertBefore(usize, usize),
    AppendValue(usize),
    PrependValue(usize),
    InsertAfterValue(usize),
    InsertBeforeValue(usize),
    Remove(usize),
    RemoveSubtree(usize),
    RemoveChildren(usize),
    Detach(usize),
    DetachChildren(usize),
    Reparent(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0..64usize;
    prop_oneof![
        3 => Just(Op::New),
        3 => (i(), i()).prop_map(|(a, b)| Op::Append(a, b)),
        2 => (i(), i()).prop_map(|(a, b)| Op::Prepend(a, b)),
        2 => (i(), i()).prop_map(|(a, b)| Op::InsertAfter(a, b)),
        2 => (i(), i()).prop_map(|(a, b)| Op::InsertBefore(a, b)),
        2 => i().prop_map(Op::AppendValue),
        1 => i().prop_map(Op::PrependValue),
        1 => i().prop_map(Op::InsertAfterValue),
        1 => i().prop_map(Op::InsertBeforeValue),
        2 => i().prop_map(Op::Remove),
        1 => i().prop_map(Op::RemoveSubtree),
        1 => i().prop_map(Op::RemoveChildren),
        2 => i().prop_map(Op::Detach),
        1 => i().prop_map(Op::DetachChildren),
        2 => (i(), i()).prop_map(|(a, b)| Op::Reparent(a, b)),
    ]
}

/// Both arenas and the ids each handed out, index for index.
struct Pair {
    memkit: Memkit,
    peer: Peer,
    memkit_ids: Vec<memkit_tree::NodeId>,
    peer_ids: Vec<indextree::NodeId>,
    memkit_index: HashMap<memkit_tree::NodeId, usize>,
    peer_index: HashMap<indextree::NodeId, usize>,
}

impl Pair {
    fn push(&mut self, m: memkit_tree::NodeId, p: indextree::NodeId) {
        let i = self.memkit_ids.len();
        self.memkit_ids.push(m);
        self.peer_ids.push(p);
        self.memkit_index.insert(m, i);
        self.peer_index.insert(p, i);
    }

    fn ids(&self, i: usize) -> Option<(memkit_tree::NodeId, indextree::NodeId)> {
        if self.memkit_ids.is_empty() {
            return None;
        }
        let i = i % self.memkit_ids.len();
        Some((self.memkit_ids[i], self.peer_ids[i]))
    }

    fn m_link(&self, id: Option<memkit_tree::NodeId>) -> Option<usize> {
        id.map(|id| self.memkit_index[&id])
    }

    fn p_link(&self, id: Option<indextree::NodeId>) -> Option<usize> {
        id.map(|id| self.peer_index[&id])
    }

    fn check(&mut self) {
        for i in 0..self.memkit_ids.len() {
            let (m, p) = (self.memkit_ids[i], self.peer_ids[i]);
            let removed = p.is_removed(&self.peer);
            assert_eq!(
                m.is_removed(&self.memkit),
                removed,
                "is_removed of node {i}"
            );
            if removed {
                assert!(self.memkit.get(m).is_none());
                continue;
            }
            let (mn, pn) = (&self.memkit[m], &self.peer[p]);
            assert_eq!(mn.get(), pn.get(), "value of node {i}");
            assert_eq!(
                self.m_link(mn.parent()),
                self.p_link(pn.parent()),
                "parent of {i}"
            );
            assert_eq!(
                self.m_link(mn.first_child()),
                self.p_link(pn.first_child()),
                "first child of {i}"
            );
            assert_eq!(
                self.m_link(mn.last_child()),
                self.p_link(pn.last_child()),
                "last child of {i}"
            );
            assert_eq!(
                self.m_link(mn.next_sibling()),
                self.p_link(pn.next_sibling()),
                "next of {i}"
            );
            assert_eq!(
                self.m_link(mn.previous_sibling()),
                self.p_link(pn.previous_sibling()),
                "previous of {i}"
            );
            if mn.parent().is_none() {
                let md: Vec<_> = m
                    .traverse(&self.memkit)
                    .map(|edge| match edge {
                        memkit_tree::NodeEdge::Start(id) => (true, self.memkit_index[&id]),
                        memkit_tree::NodeEdge::End(id) => (false, self.memkit_index[&id]),
                    })
                    .collect();
                let pd: Vec<_> = p
                    .traverse(&self.peer)
                    .map(|edge| match edge {
                        indextree::NodeEdge::Start(id) => (true, self.peer_index[&id]),
                        indextree::NodeEdge::End(id) => (false, self.peer_index[&id]),
                    })
                    .collect();
                assert_eq!(md, pd, "traverse from root {i}");
                assert_eq!(
                    m.reverse_traverse(&self.memkit).count(),
                    p.reverse_traverse(&self.peer).count(),
                    "reverse_traverse length from root {i}"
                );
                let mdesc: Vec<_> = m
                    .descendants(&self.memkit)
                    .map(|id| self.memkit_index[&id])
                    .collect();
                let pdesc: Vec<_> = p
                    .descendants(&self.peer)
                    .map(|id| self.peer_index[&id])
                    .collect();
                assert_eq!(mdesc, pdesc, "descendants of root {i}");
            }
        }
        assert_eq!(self.memkit.live_count(), self.peer.live_count());
        assert_eq!(self.memkit.len(), self.peer.len());
        assert!(self.memkit.validate());
    }

    fn apply(&mut self, op: &Op, step: u32) {
        use Op::*;
        macro_rules! both {
            ($a:expr, $b:expr, $method:ident) => {{
                let (Some((ma, pa)), Some((mb, pb))) = (self.ids($a), self.ids($b)) else {
                    return;
                };
                let before = self.memkit.clone();
                let m = ma.$method(mb, &mut self.memkit);
                let p = pa.$method(pb, &mut self.peer);
                assert_eq!(m.map_err(|e| e.to_string()), p.map_err(|e| e.to_string()));
                if m.is_err() {
                    assert!(
                        self.memkit == before,
                        "a refused {} changed the arena",
                        stringify!($method)
                    );
                }
            }};
        }
        macro_rules! value {
            ($a:expr, $method:ident) => {{
                let Some((ma, pa)) = self.ids($a) else { return };
                if ma.is_removed(&self.memkit) {
                    return;
                }
                let m = ma.$method(step, &mut self.memkit);
                let p = pa.$method(step, &mut self.peer);
                self.push(m, p);
            }};
        }
        macro_rules! one {
            ($a:expr, $method:ident) => {{
                let Some((ma, pa)) = self.ids($a) else { return };
                ma.$method(&mut self.memkit);
                pa.$method(&mut self.peer);
            }};
        }
        match *op {
            New => {
                let (m, p) = (self.memkit.new_node(step), self.peer.new_node(step));
                self.push(m, p);
            }
            Append(a, b) => both!(a, b, checked_append),
            Prepend(a, b) => both!(a, b, checked_prepend),
            InsertAfter(a, b) => both!(a, b, checked_insert_after),
            InsertBefore(a, b) => both!(a, b, checked_insert_before),
            Reparent(a, b) => both!(a, b, checked_reparent),
            AppendValue(a) => value!(a, append_value),
            PrependValue(a) => value!(a, prepend_value),
            InsertAfterValue(a) => value!(a, insert_after_value),
            InsertBeforeValue(a) => value!(a, insert_before_value),
            Remove(a) => one!(a, remove),
            RemoveSubtree(a) => one!(a, remove_subtree),
            RemoveChildren(a) => one!(a, remove_children),
            Detach(a) => one!(a, detach),
            DetachChildren(a) => one!(a, detach_children),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(if cfg!(miri) { 4 } else { 256 })
    ))]

    #[test]
    fn memkit_matches_peer(ops in proptest::collection::vec(op(), 1..200)) {
        let mut pair = Pair {
            memkit: Memkit::new(),
            peer: Peer::new(),
            memkit_ids: Vec::new(),
            peer_ids: Vec::new(),
            memkit_index: HashMap::new(),
            peer_index: HashMap::new(),
        };
        for (step, op) in ops.iter().enumerate() {
            pair.apply(op, step as u32);
            pair.check();
        }
    }
}
