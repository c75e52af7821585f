//! Random operation sequences applied to memkit-tree, to indextree 4.9.2
//! and to a naive model (ordered child lists in a map) side by side: after
//! every step all three hold the same nodes with the same links and values,
//! and every checked operation returns the same result.

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

/// Where a node sits: under a parent, or in a chain of parentless
/// siblings (a lone root is a chain of one).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Place {
    Under(usize),
    Chain(usize),
}

/// The naive model: every container's members in order, each node's place.
#[derive(Default)]
struct Model {
    lists: HashMap<Place, Vec<usize>>,
    place: HashMap<usize, Place>,
    next_chain: usize,
}

#[derive(Debug, PartialEq, Eq)]
enum ModelError {
    SelfMove,
    Removed,
    Ancestor,
}

impl Model {
    fn live(&self, i: usize) -> bool {
        self.place.contains_key(&i)
    }

    fn new_node(&mut self, i: usize) {
        let chain = Place::Chain(self.next_chain);
        self.next_chain += 1;
        self.lists.insert(chain, vec![i]);
        self.place.insert(i, chain);
    }

    fn parent(&self, i: usize) -> Option<usize> {
        match self.place[&i] {
            Place::Under(p) => Some(p),
            Place::Chain(_) => None,
        }
    }

    fn children(&self, i: usize) -> &[usize] {
        self.lists.get(&Place::Under(i)).map_or(&[], Vec::as_slice)
    }

    /// Takes `i` out of its list; it becomes a lone root.
    fn detach(&mut self, i: usize) {
        let place = self.place[&i];
        self.lists.get_mut(&place).unwrap().retain(|&n| n != i);
        self.new_node(i);
    }

    /// Puts the detached `i` into `place` at `at`.
    fn put(&mut self, i: usize, place: Place, at: usize) {
        let own = self.place[&i];
        self.lists.remove(&own);
        self.lists.entry(place).or_default().insert(at, i);
        self.place.insert(i, place);
    }

    fn check_move(&self, moved: usize, target: usize) -> Result<(), ModelError> {
        if moved == target {
            return Err(ModelError::SelfMove);
        }
        if !self.live(moved) || !self.live(target) {
            return Err(ModelError::Removed);
        }
        let mut at = Some(target);
        while let Some(n) = at {
            if n == moved {
                return Err(ModelError::Ancestor);
            }
            at = self.parent(n);
        }
        Ok(())
    }

    fn append(&mut self, parent: usize, child: usize, first: bool) -> Result<(), ModelError> {
        self.check_move(child, parent)?;
        self.detach(child);
        let at = if first {
            0
        } else {
            self.children(parent).len()
        };
        self.put(child, Place::Under(parent), at);
        Ok(())
    }

    fn insert_next_to(&mut self, anchor: usize, new: usize, after: bool) -> Result<(), ModelError> {
        self.check_move(new, anchor)?;
        self.detach(new);
        let place = self.place[&anchor];
        let at = self.lists[&place]
            .iter()
            .position(|&n| n == anchor)
            .unwrap()
            + usize::from(after);
        self.put(new, place, at);
        Ok(())
    }

    fn remove_subtree(&mut self, i: usize) {
        let place = self.place.remove(&i).unwrap();
        self.lists.get_mut(&place).unwrap().retain(|&n| n != i);
        for child in self.lists.remove(&Place::Under(i)).unwrap_or_default() {
            self.delete_subtree_of_detached(child);
        }
    }

    fn delete_subtree_of_detached(&mut self, i: usize) {
        self.place.remove(&i);
        for child in self.lists.remove(&Place::Under(i)).unwrap_or_default() {
            self.delete_subtree_of_detached(child);
        }
    }

    fn remove(&mut self, i: usize) {
        if !self.live(i) {
            return;
        }
        let place = self.place[&i];
        let children = self.lists.remove(&Place::Under(i)).unwrap_or_default();
        let list = self.lists.get_mut(&place).unwrap();
        let at = list.iter().position(|&n| n == i).unwrap();
        list.splice(at..=at, children.iter().copied());
        for child in children {
            self.place.insert(child, place);
        }
        self.place.remove(&i);
    }

    fn remove_children(&mut self, i: usize) {
        if self.live(i) {
            for child in self.lists.remove(&Place::Under(i)).unwrap_or_default() {
                self.delete_subtree_of_detached(child);
            }
        }
    }

    fn detach_children(&mut self, i: usize) {
        if self.live(i) {
            for child in self.lists.remove(&Place::Under(i)).unwrap_or_default() {
                self.new_node(child);
            }
        }
    }

    /// (parent, previous, next, first child, last child) of the live `i`.
    fn links(&self, i: usize) -> [Option<usize>; 5] {
        let list = &self.lists[&self.place[&i]];
        let at = list.iter().position(|&n| n == i).unwrap();
        let children = self.children(i);
        [
            self.parent(i),
            at.checked_sub(1).map(|p| list[p]),
            list.get(at + 1).copied(),
            children.first().copied(),
            children.last().copied(),
        ]
    }
}

fn model_error(error: memkit_tree::NodeError) -> ModelError {
    use memkit_tree::NodeError::*;
    match error {
        AppendSelf | PrependSelf | InsertBeforeSelf | InsertAfterSelf => ModelError::SelfMove,
        Removed => ModelError::Removed,
        AppendAncestor | PrependAncestor => ModelError::Ancestor,
    }
}

/// Both arenas, the model, and the ids each handed out, index for index.
struct Pair {
    memkit: Memkit,
    peer: Peer,
    memkit_ids: Vec<memkit_tree::NodeId>,
    peer_ids: Vec<indextree::NodeId>,
    memkit_index: HashMap<memkit_tree::NodeId, usize>,
    peer_index: HashMap<indextree::NodeId, usize>,
    model: Model,
}

impl Pair {
    fn push(&mut self, m: memkit_tree::NodeId, p: indextree::NodeId) {
        let i = self.memkit_ids.len();
        self.memkit_ids.push(m);
        self.peer_ids.push(p);
        self.memkit_index.insert(m, i);
        self.peer_index.insert(p, i);
        self.model.new_node(i);
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
            let memkit_links = [
                mn.parent(),
                mn.previous_sibling(),
                mn.next_sibling(),
                mn.first_child(),
                mn.last_child(),
            ]
            .map(|link| self.m_link(link));
            assert_eq!(memkit_links, self.model.links(i), "model: links of {i}");
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
            ($a:expr, $b:expr, $method:ident, |$model:ident, $x:ident, $y:ident| $model_op:expr) => {{
                let (Some((ma, pa)), Some((mb, pb))) = (self.ids($a), self.ids($b)) else {
                    return;
                };
                let ($x, $y) = (self.memkit_index[&ma], self.memkit_index[&mb]);
                let before = self.memkit.clone();
                let m = ma.$method(mb, &mut self.memkit);
                let p = pa.$method(pb, &mut self.peer);
                assert_eq!(m.map_err(|e| e.to_string()), p.map_err(|e| e.to_string()));
                let $model = &mut self.model;
                assert_eq!(
                    m.map_err(model_error),
                    $model_op,
                    "model: {}",
                    stringify!($method)
                );
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
            ($a:expr, $method:ident, |$model:ident, $x:ident, $new:ident| $model_op:expr) => {{
                let Some((ma, pa)) = self.ids($a) else { return };
                if ma.is_removed(&self.memkit) {
                    return;
                }
                let $x = self.memkit_index[&ma];
                let m = ma.$method(step, &mut self.memkit);
                let p = pa.$method(step, &mut self.peer);
                self.push(m, p);
                let $new = self.memkit_ids.len() - 1;
                let $model = &mut self.model;
                assert_eq!($model_op, Ok(()));
            }};
        }
        macro_rules! one {
            ($a:expr, $method:ident) => {{
                let Some((ma, pa)) = self.ids($a) else { return };
                let x = self.memkit_index[&ma];
                ma.$method(&mut self.memkit);
                pa.$method(&mut self.peer);
                if self.model.live(x) {
                    self.model.$method(x);
                }
            }};
        }
        match *op {
            New => {
                let (m, p) = (self.memkit.new_node(step), self.peer.new_node(step));
                self.push(m, p);
            }
            Append(a, b) => both!(a, b, checked_append, |model, x, y| model
                .append(x, y, false)),
            Prepend(a, b) => both!(a, b, checked_prepend, |model, x, y| model
                .append(x, y, true)),
            InsertAfter(a, b) => {
                both!(a, b, checked_insert_after, |model, x, y| model
                    .insert_next_to(x, y, true))
            }
            InsertBefore(a, b) => {
                both!(a, b, checked_insert_before, |model, x, y| model
                    .insert_next_to(x, y, false))
            }
            Reparent(a, b) => both!(a, b, checked_reparent, |model, x, y| model
                .append(y, x, false)),
            AppendValue(a) => value!(a, append_value, |model, x, new| model.append(x, new, false)),
            PrependValue(a) => value!(a, prepend_value, |model, x, new| model.append(x, new, true)),
            InsertAfterValue(a) => {
                value!(a, insert_after_value, |model, x, new| model
                    .insert_next_to(x, new, true))
            }
            InsertBeforeValue(a) => {
                value!(a, insert_before_value, |model, x, new| model
                    .insert_next_to(x, new, false))
            }
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
            model: Model::default(),
        };
        for (step, op) in ops.iter().enumerate() {
            pair.apply(op, step as u32);
            pair.check();
        }
    }
}
