//! [`Arena`]: the storage of a forest of nodes.

use core::num::{NonZeroU32, NonZeroUsize};
use core::{fmt, mem, ops};

#[cfg(feature = "serde")]
use alloc::vec::Vec;
use memkit_slab::{GenKey, GenSlab};

use crate::node::Links;
use crate::{IdRemap, Node, NodeError, NodeId};

/// A forest: every node of every tree in it, in one [`GenSlab`], linked by
/// [`NodeId`]s.
///
/// A removed node's slot is reused by the next new node, under a new
/// generation, so the removed node's id stays removed. [`len`](Self::len)
/// counts the slots in use since the last [`clear`](Self::clear), removed
/// ones included, as indextree does; [`live_count`](Self::live_count)
/// counts the nodes.
///
/// Dropping, cloning, comparing and printing an arena never recurse,
/// whatever the depth of its trees.
///
/// # Examples
///
/// ```
/// use memkit_tree::Arena;
///
/// let mut arena = Arena::new();
/// let root = arena.new_node("root");
/// let child = root.append_value("child", &mut arena);
/// child.remove(&mut arena);
/// assert_eq!((arena.len(), arena.live_count()), (2, 1));
/// ```
pub struct Arena<T> {
    /// Every live node. Links name only live nodes of this slab.
    slab: GenSlab<Node<T>>,
    /// Vacant slots that count in `len`: freed since the last `clear`. The
    /// slab reuses the most recently freed slot first, so these are the
    /// ones reused first.
    counted_free: usize,
    /// Vacant slots freed before the last `clear`; they do not count in
    /// `len` until reused.
    uncounted_free: usize,
    /// The highest generation of any id this arena (or the arena it was
    /// compacted, mapped or deserialized from) handed out; 0 if none.
    max_generation: u32,
    /// Every id handed out from now on has a generation above this: ids
    /// from before the last `compact` or `map` may carry any generation up
    /// to it, at any index.
    generation_floor: u32,
}

impl<T> Arena<T> {
    /// Creates an empty arena; allocates nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_tree::Arena::<u8>::new();
    /// assert!(arena.is_empty());
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Arena {
            slab: GenSlab::new(),
            counted_free: 0,
            uncounted_free: 0,
            max_generation: 0,
            generation_floor: 0,
        }
    }

    /// Creates an empty arena with room for `n` nodes.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_tree::Arena::<u8>::with_capacity(10);
    /// assert!(arena.capacity() >= 10);
    /// ```
    #[must_use]
    pub fn with_capacity(n: usize) -> Self {
        Arena {
            slab: GenSlab::with_capacity(n),
            counted_free: 0,
            uncounted_free: 0,
            max_generation: 0,
            generation_floor: 0,
        }
    }

    /// How many nodes the arena holds room for.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_tree::Arena::<u8>::with_capacity(3);
    /// assert!(arena.capacity() >= 3);
    /// ```
    pub fn capacity(&self) -> usize {
        self.slab.capacity()
    }

    /// Makes room for at least `additional` more nodes.
    ///
    /// # Panics
    ///
    /// If the capacity would overflow, as `Vec::reserve`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::<u8>::new();
    /// arena.reserve(5);
    /// assert!(arena.capacity() >= 5);
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.slab.reserve(additional);
    }

    /// The id of `node`, if it is a node of this arena. O(1): the slot
    /// follows from the reference's address.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(1);
    /// let node = arena.get(id).unwrap();
    /// assert_eq!(arena.get_node_id(node), Some(id));
    /// let mut other = memkit_tree::Arena::new();
    /// let there = other.new_node(1);
    /// assert_eq!(arena.get_node_id(&other[there]), None);
    /// ```
    #[inline]
    pub fn get_node_id(&self, node: &Node<T>) -> Option<NodeId> {
        self.slab.key_of(node).map(NodeId::from_key)
    }

    /// The id of the live node in slot `index` (counted from 1, as
    /// `NonZeroUsize::from(id)` gives it), if there is one. O(1).
    ///
    /// # Examples
    ///
    /// ```
    /// use core::num::NonZeroUsize;
    ///
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(1);
    /// assert_eq!(arena.get_node_id_at(NonZeroUsize::from(id)), Some(id));
    /// id.remove(&mut arena);
    /// assert_eq!(arena.get_node_id_at(NonZeroUsize::from(id)), None);
    /// ```
    #[inline]
    pub fn get_node_id_at(&self, index: NonZeroUsize) -> Option<NodeId> {
        self.slab.key_at(index.get() - 1).map(NodeId::from_key)
    }

    /// Creates a detached node holding `data`.
    ///
    /// # Panics
    ///
    /// If the arena already has `u32::MAX - 1` slots; or if it came from
    /// [`map`](Self::map) of an arena whose ids reached the generation
    /// `u32::MAX` and the new node would take a slot created by `map` (no
    /// generation is left to keep the old ids off it).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node("v");
    /// assert_eq!(*arena[id].get(), "v");
    /// assert!(id.is_root(&arena));
    /// ```
    #[inline]
    pub fn new_node(&mut self, data: T) -> NodeId {
        self.insert_node(Node::new(data))
    }

    /// Stores `node` in a slot and returns its id; its links are the
    /// caller's to make consistent.
    #[inline]
    fn insert_node(&mut self, node: Node<T>) -> NodeId {
        let mut key = self.slab.insert(node);
        if key.generation().get() <= self.generation_floor {
            key = self.lift(key);
        }
        self.max_generation = self.max_generation.max(key.generation().get());
        if self.counted_free > 0 {
            self.counted_free -= 1;
        } else if self.uncounted_free > 0 {
            self.uncounted_free -= 1;
        }
        NodeId::from_key(key)
    }

    /// Moves the node at `key`, a slot the slab created after the last
    /// `compact` or `map` (so under a generation an old id may carry), to
    /// the first generation above the floor, and returns its new key.
    #[cold]
    #[inline(never)]
    fn lift(&mut self, key: GenKey) -> GenKey {
        // `compact` leaves a generation above the floor; `map` of an arena
        // whose ids reached `u32::MAX` does not.
        let lifted = first_generation_above(self.generation_floor)
            .and_then(|generation| GenKey::new(key.index(), generation))
            .unwrap_or_else(|| {
                panic!(
                    "Arena::new_node: no generation is left above {} for slot {}",
                    self.generation_floor,
                    key.index()
                )
            });
        let node = self
            .slab
            .remove(key)
            .unwrap_or_else(|| unreachable!("the key was just handed out"));
        // The slot's generation is now at most `floor + 1`, below `lifted`'s.
        self.slab.insert_at(lifted, node);
        lifted
    }

    /// The number of slots used since the last [`clear`](Self::clear),
    /// removed nodes included, as indextree's (deprecated) `count`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// arena.new_node(()).remove(&mut arena);
    /// #[allow(deprecated)]
    /// let count = arena.count();
    /// assert_eq!(count, 1);
    /// ```
    #[deprecated(since = "0.1.0", note = "use len() instead, as indextree 4.9")]
    pub fn count(&self) -> usize {
        self.len()
    }

    /// The number of slots used since the last [`clear`](Self::clear):
    /// live nodes plus removed ones whose slots were not reused yet.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// arena.new_node(());
    /// a.remove(&mut arena);
    /// assert_eq!(arena.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.slab.len() + self.counted_free
    }

    /// Whether [`len`](Self::len) is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// assert!(arena.is_empty());
    /// arena.new_node(());
    /// assert!(!arena.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of live nodes.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// arena.new_node(());
    /// a.remove(&mut arena);
    /// assert_eq!(arena.live_count(), 1);
    /// ```
    pub fn live_count(&self) -> usize {
        self.slab.len()
    }

    /// The node `id` names, if it is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(1);
    /// assert_eq!(arena.get(id).map(|n| *n.get()), Some(1));
    /// id.remove(&mut arena);
    /// assert!(arena.get(id).is_none());
    /// ```
    #[inline]
    pub fn get(&self, id: NodeId) -> Option<&Node<T>> {
        self.slab.get(id.key())
    }

    /// The node `id` names, mutably, if it is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(1);
    /// *arena.get_mut(id).unwrap().get_mut() = 2;
    /// assert_eq!(*arena[id].get(), 2);
    /// ```
    #[inline]
    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut Node<T>> {
        self.slab.get_mut(id.key())
    }

    /// The value of the node `id` names, if it is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(1);
    /// assert_eq!(arena.get_data(id), Some(&1));
    /// ```
    #[inline]
    pub fn get_data(&self, id: NodeId) -> Option<&T> {
        self.get(id).map(Node::get)
    }

    /// The value of the node `id` names, mutably, if it is live.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(1);
    /// *arena.get_data_mut(id).unwrap() = 5;
    /// assert_eq!(arena.get_data(id), Some(&5));
    /// ```
    #[inline]
    pub fn get_data_mut(&mut self, id: NodeId) -> Option<&mut T> {
        self.get_mut(id).map(Node::get_mut)
    }

    /// The live nodes, in slot order. (indextree also yields its removed
    /// nodes; this arena holds none.)
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// arena.new_node(1);
    /// arena.new_node(2);
    /// let values: Vec<_> = arena.iter().map(|n| *n.get()).collect();
    /// assert_eq!(values, [1, 2]);
    /// ```
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Node<T>> + '_ {
        self.slab.iter().map(|(_, node)| node)
    }

    /// The live nodes, mutably, in slot order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// arena.new_node(1);
    /// arena.iter_mut().for_each(|n| *n.get_mut() += 1);
    /// assert_eq!(arena.iter().map(|n| *n.get()).sum::<i32>(), 2);
    /// ```
    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Node<T>> + '_ {
        self.slab.iter_mut().map(|(_, node)| node)
    }

    /// The ids of the live nodes, in slot order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = arena.new_node(());
    /// assert_eq!(arena.iter_node_ids().collect::<Vec<_>>(), [a, b]);
    /// ```
    pub fn iter_node_ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.slab.iter().map(|(key, _)| NodeId::from_key(key))
    }

    /// The ids of the live nodes without a parent, in slot order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// a.append_value((), &mut arena);
    /// assert_eq!(arena.roots().collect::<Vec<_>>(), [a]);
    /// ```
    pub fn roots(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.slab
            .iter()
            .filter(|(_, node)| node.links.parent.is_none())
            .map(|(key, _)| NodeId::from_key(key))
    }

    /// An arena of the same shape, with the same ids, whose values are
    /// `f` of these. Calls `f` once per live node, in slot order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(1);
    /// let child = root.append_value(2, &mut arena);
    /// let doubled = arena.map(|v| v * 2);
    /// assert_eq!(*doubled[child].get(), 4);
    /// assert_eq!(doubled[child].parent(), Some(root));
    /// ```
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> Arena<U> {
        let mut slab = GenSlab::with_capacity(self.slab.len());
        for (key, node) in self.slab.iter() {
            slab.insert_at(
                key,
                Node {
                    links: node.links,
                    data: f(&node.data),
                },
            );
        }
        let holes = self.high_water().saturating_sub(self.slab.len());
        // The new slab's holes start their generations over: new nodes there
        // must go above every generation an id of `self` can carry.
        Arena {
            slab,
            counted_free: holes.min(self.counted_free),
            uncounted_free: holes.saturating_sub(self.counted_free),
            max_generation: self.max_generation,
            generation_floor: self.max_generation,
        }
    }

    /// Slots up to the highest live one.
    fn high_water(&self) -> usize {
        self.slab
            .iter()
            .next_back()
            .map_or(0, |(key, _)| key.index() as usize + 1)
    }

    /// Shrinks the capacity to the slots in use: live nodes and the slots
    /// of removed ones, which keep the generations that keep removed ids
    /// removed.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::<u8>::with_capacity(100);
    /// arena.new_node(1);
    /// arena.new_node(2);
    /// arena.shrink_to_fit();
    /// assert!(arena.capacity() >= 2 && arena.capacity() < 100);
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.slab.shrink_to_fit();
    }

    /// Removes every node, dropping the values. Ids of the removed nodes
    /// stay removed: the slots keep their generations. [`len`](Self::len)
    /// is 0 afterwards.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let old = arena.new_node(1);
    /// arena.clear();
    /// assert!(arena.is_empty());
    /// let new = arena.new_node(2);
    /// assert!(old.is_removed(&arena) && !new.is_removed(&arena));
    /// ```
    pub fn clear(&mut self) {
        let slots = self.slab.len() + self.counted_free + self.uncounted_free;
        self.counted_free = 0;
        self.uncounted_free = slots;
        self.slab.clear();
    }

    /// Renumbers the live nodes densely, in slot order, into a fresh slab
    /// with no vacant slots, and returns the map from old ids to new ones.
    ///
    /// The new ids carry a generation above every generation an id of this
    /// arena ever had, so an old id that is not translated with the
    /// returned [`IdRemap`] names no node (now or after further inserts)
    /// instead of a different one.
    ///
    /// When an id of this arena had the generation `u32::MAX` (a slot
    /// reused about two billion times), no generation is left
    /// above it: then `compact` moves nothing and returns the map of every
    /// live id to itself, as [`try_compact`](Self::try_compact) tells.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node("a");
    /// let b = arena.new_node("b");
    /// let c = b.append_value("c", &mut arena);
    /// a.remove(&mut arena);
    /// let remap = arena.compact();
    /// let (new_b, new_c) = (remap.get(b).unwrap(), remap.get(c).unwrap());
    /// assert_eq!((usize::from(new_b), usize::from(new_c)), (1, 2));
    /// assert_eq!(new_c.parent(&arena), Some(new_b));
    /// assert_eq!(remap.get(a), None);
    /// assert!(arena.get(b).is_none() && arena.get(c).is_none());
    /// assert_eq!(arena.len(), 2);
    /// ```
    pub fn compact(&mut self) -> IdRemap {
        match self.try_compact() {
            Some(remap) => remap,
            None => {
                let mut remap = IdRemap::with_slots(self.high_water());
                for (key, _) in self.slab.iter() {
                    remap.insert(NodeId::from_key(key), NodeId::from_key(key));
                }
                remap
            }
        }
    }

    /// As [`compact`](Self::compact), but `None`, with the arena
    /// unchanged, when an id of this arena had the generation `u32::MAX`,
    /// so that no generation is left to renumber the nodes under.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node('a');
    /// let b = arena.new_node('b');
    /// a.remove(&mut arena);
    /// let remap = arena.try_compact().unwrap();
    /// assert_eq!(usize::from(remap.get(b).unwrap()), 1);
    /// ```
    pub fn try_compact(&mut self) -> Option<IdRemap> {
        let generation = first_generation_above(self.max_generation)?;
        let old = mem::take(&mut self.slab);
        let mut remap = IdRemap::with_slots(
            old.iter()
                .next_back()
                .map_or(0, |(k, _)| k.index() as usize + 1),
        );
        self.slab = GenSlab::with_capacity(old.len());
        for (index, (key, node)) in (0u32..).zip(old) {
            let new = GenKey::new(index, generation)
                .unwrap_or_else(|| unreachable!("first_generation_above gives odd generations"));
            self.slab.insert_at(new, node);
            remap.insert(NodeId::from_key(key), NodeId::from_key(new));
        }
        let translate = |link: &mut Option<NodeId>| {
            if let Some(id) = link {
                *id = remap.get(*id).unwrap_or(*id);
            }
        };
        for (_, node) in self.slab.iter_mut() {
            let links = &mut node.links;
            translate(&mut links.parent);
            translate(&mut links.previous_sibling);
            translate(&mut links.next_sibling);
            translate(&mut links.first_child);
            translate(&mut links.last_child);
        }
        self.generation_floor = self.max_generation;
        if !self.slab.is_empty() {
            self.max_generation = generation.get();
        }
        self.counted_free = 0;
        self.uncounted_free = 0;
        Some(remap)
    }

    /// Whether every link is consistent: each link names a live node, the
    /// sibling chains run both ways under one parent, each parent's first
    /// and last child end its chain of children, and every node is reached
    /// once from the roots. Always `true` for an arena changed only through
    /// this API.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// root.append_value((), &mut arena);
    /// assert!(arena.validate());
    /// ```
    #[must_use]
    pub fn validate(&self) -> bool {
        let live = |link: Option<NodeId>| link.is_none_or(|id| self.contains(id));
        for (key, node) in self.slab.iter() {
            let id = NodeId::from_key(key);
            let l = &node.links;
            if !(live(l.parent) && live(l.previous_sibling) && live(l.next_sibling)) {
                return false;
            }
            if !(live(l.first_child) && live(l.last_child))
                || l.first_child.is_some() != l.last_child.is_some()
            {
                return false;
            }
            if let Some(prev) = l.previous_sibling {
                let p = self.links(prev);
                if p.next_sibling != Some(id) || p.parent != l.parent {
                    return false;
                }
            } else if let Some(parent) = l.parent
                && self.links(parent).first_child != Some(id)
            {
                return false;
            }
            if let Some(next) = l.next_sibling {
                let n = self.links(next);
                if n.previous_sibling != Some(id) || n.parent != l.parent {
                    return false;
                }
            } else if let Some(parent) = l.parent
                && self.links(parent).last_child != Some(id)
            {
                return false;
            }
            if let Some(first) = l.first_child {
                let f = self.links(first);
                if f.parent != Some(id) || f.previous_sibling.is_some() {
                    return false;
                }
            }
            if let Some(last) = l.last_child {
                let f = self.links(last);
                if f.parent != Some(id) || f.next_sibling.is_some() {
                    return false;
                }
            }
        }
        // Every node reached exactly once from the heads of the root
        // chains: no cycle, nothing unreachable.
        let mut reached = 0usize;
        for (key, node) in self.slab.iter() {
            if node.links.parent.is_some() || node.links.previous_sibling.is_some() {
                continue;
            }
            let mut edge = Some(crate::NodeEdge::Start(NodeId::from_key(key)));
            while let Some(current) = edge {
                if let crate::NodeEdge::Start(_) = current {
                    reached += 1;
                    if reached > self.slab.len() {
                        return false;
                    }
                }
                edge = current.next_traverse(self);
            }
        }
        reached == self.slab.len()
    }

    // --- links, used by NodeId and the iterators ---

    pub(crate) fn contains(&self, id: NodeId) -> bool {
        self.slab.contains(id.key())
    }

    /// The links of `id`; none for a removed node.
    #[inline]
    pub(crate) fn links(&self, id: NodeId) -> Links {
        match self.slab.get(id.key()) {
            Some(node) => node.links,
            None => Links::default(),
        }
    }

    /// The links of a node known to be live.
    #[inline]
    fn links_mut(&mut self, id: NodeId) -> &mut Links {
        match self.slab.get_mut(id.key()) {
            Some(node) => &mut node.links,
            None => unreachable!("a link names a live node"),
        }
    }

    /// The links of `id`, which must be live.
    ///
    /// # Panics
    ///
    /// If `id` was removed, naming `operation`.
    #[inline]
    #[track_caller]
    pub(crate) fn live_links(&self, id: NodeId, operation: &str) -> Links {
        match self.slab.get(id.key()) {
            Some(node) => node.links,
            None => precondition_removed(id, operation),
        }
    }

    /// Creates a node holding `data` under `parent`, between the adjacent
    /// siblings `previous` and `next` (all live), in one step: the node is
    /// stored with its links set, then its neighbours are pointed at it.
    #[inline]
    pub(crate) fn new_linked(
        &mut self,
        data: T,
        parent: Option<NodeId>,
        previous: Option<NodeId>,
        next: Option<NodeId>,
    ) -> NodeId {
        let mut node = Node::new(data);
        node.links.parent = parent;
        node.links.previous_sibling = previous;
        node.links.next_sibling = next;
        let id = self.insert_node(node);
        match previous {
            Some(previous) => self.links_mut(previous).next_sibling = Some(id),
            None => {
                if let Some(parent) = parent {
                    self.links_mut(parent).first_child = Some(id);
                }
            }
        }
        match next {
            Some(next) => self.links_mut(next).previous_sibling = Some(id),
            None => {
                if let Some(parent) = parent {
                    self.links_mut(parent).last_child = Some(id);
                }
            }
        }
        id
    }

    /// Checks that `moved` may go next to or under `target`: both live,
    /// `moved` not `target` or an ancestor of it.
    pub(crate) fn check_move(
        &self,
        moved: NodeId,
        target: NodeId,
        ancestor: NodeError,
    ) -> Result<(), NodeError> {
        if !self.contains(moved) || !self.contains(target) {
            return Err(NodeError::Removed);
        }
        if self.links(moved).first_child.is_none() {
            return if moved == target {
                Err(ancestor)
            } else {
                Ok(())
            };
        }
        let mut current = Some(target);
        while let Some(id) = current {
            if id == moved {
                return Err(ancestor);
            }
            current = self.links(id).parent;
        }
        Ok(())
    }

    /// Takes the live node `id` out of its parent and siblings, in O(1).
    pub(crate) fn unlink(&mut self, id: NodeId) {
        let links = self.links_mut(id);
        let parent = links.parent.take();
        let previous = links.previous_sibling.take();
        let next = links.next_sibling.take();
        match previous {
            Some(previous) => self.links_mut(previous).next_sibling = next,
            None => {
                if let Some(parent) = parent {
                    self.links_mut(parent).first_child = next;
                }
            }
        }
        match next {
            Some(next) => self.links_mut(next).previous_sibling = previous,
            None => {
                if let Some(parent) = parent {
                    self.links_mut(parent).last_child = previous;
                }
            }
        }
    }

    /// Links the detached live node `id` under `parent`, between the
    /// adjacent siblings `previous` and `next`.
    pub(crate) fn link(
        &mut self,
        id: NodeId,
        parent: Option<NodeId>,
        previous: Option<NodeId>,
        next: Option<NodeId>,
    ) {
        self.link_range(id, id, parent, previous, next);
    }

    /// Links the sibling chain `first..=last` (already under `parent`, or
    /// detached) between the adjacent siblings `previous` and `next`.
    fn link_range(
        &mut self,
        first: NodeId,
        last: NodeId,
        parent: Option<NodeId>,
        previous: Option<NodeId>,
        next: Option<NodeId>,
    ) {
        self.links_mut(first).previous_sibling = previous;
        self.links_mut(last).next_sibling = next;
        if first == last {
            self.links_mut(first).parent = parent;
        }
        match previous {
            Some(previous) => self.links_mut(previous).next_sibling = Some(first),
            None => {
                if let Some(parent) = parent {
                    self.links_mut(parent).first_child = Some(first);
                }
            }
        }
        match next {
            Some(next) => self.links_mut(next).previous_sibling = Some(last),
            None => {
                if let Some(parent) = parent {
                    self.links_mut(parent).last_child = Some(last);
                }
            }
        }
    }

    /// Removes the live node `id`; its children take its place.
    pub(crate) fn remove_one(&mut self, id: NodeId) {
        let links = self.links(id);
        self.unlink(id);
        if let (Some(first), Some(last)) = (links.first_child, links.last_child) {
            let mut child = Some(first);
            while let Some(current) = child {
                let child_links = self.links_mut(current);
                child_links.parent = links.parent;
                child = child_links.next_sibling;
            }
            self.link_range(
                first,
                last,
                links.parent,
                links.previous_sibling,
                links.next_sibling,
            );
        }
        self.free(id);
    }

    /// Removes the descendants of the live node `root`, and `root` too if
    /// `with_root` (then `root` must be detached). A loop that frees
    /// leaves: the tree stays consistent at every step, so a panicking
    /// `Drop` leaves a valid arena.
    pub(crate) fn remove_descendants(&mut self, root: NodeId, with_root: bool) {
        let mut current = root;
        loop {
            let links = self.links(current);
            if let Some(child) = links.first_child {
                current = child;
                continue;
            }
            if current == root {
                if with_root {
                    self.free(root);
                }
                return;
            }
            let Some(parent) = links.parent else {
                unreachable!("a descendant has a parent")
            };
            let parent_links = self.links_mut(parent);
            parent_links.first_child = links.next_sibling;
            match links.next_sibling {
                Some(next) => self.links_mut(next).previous_sibling = None,
                None => parent_links.last_child = None,
            }
            self.free(current);
            current = links.next_sibling.unwrap_or(parent);
        }
    }

    /// Makes each child of the live node `id` a detached root.
    pub(crate) fn detach_children(&mut self, id: NodeId) {
        let links = self.links_mut(id);
        let mut child = links.first_child.take();
        links.last_child = None;
        while let Some(current) = child {
            let child_links = self.links_mut(current);
            child = child_links.next_sibling.take();
            child_links.previous_sibling = None;
            child_links.parent = None;
        }
    }

    /// Frees the slot of the detached, childless live node `id` and drops
    /// its value last, so a panicking `Drop` finds the arena consistent.
    fn free(&mut self, id: NodeId) {
        let node = self.slab.remove(id.key());
        self.counted_free += 1;
        drop(node);
    }
}

impl<T: Clone> Clone for Arena<T> {
    fn clone(&self) -> Self {
        Arena {
            slab: self.slab.clone(),
            counted_free: self.counted_free,
            uncounted_free: self.uncounted_free,
            max_generation: self.max_generation,
            generation_floor: self.generation_floor,
        }
    }
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena::new()
    }
}

/// Equal when the same ids name equal nodes (same links, equal values).
impl<T: PartialEq> PartialEq for Arena<T> {
    fn eq(&self, other: &Self) -> bool {
        self.slab.len() == other.slab.len() && self.slab.iter().eq(other.slab.iter())
    }
}

impl<T: Eq> Eq for Arena<T> {}

/// The live nodes with their ids, as a map; flat, whatever the depth.
impl<T: fmt::Debug> fmt::Debug for Arena<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.slab
                    .iter()
                    .map(|(key, node)| (NodeId::from_key(key), node)),
            )
            .finish()
    }
}

/// Gen-checked: a removed id panics instead of reaching whatever node
/// took its slot.
///
/// # Panics
///
/// If `id` was removed; the message names the slot and generation.
impl<T> ops::Index<NodeId> for Arena<T> {
    type Output = Node<T>;

    #[inline]
    #[track_caller]
    fn index(&self, id: NodeId) -> &Node<T> {
        match self.slab.get(id.key()) {
            Some(node) => node,
            None => removed(id, "Arena::index"),
        }
    }
}

/// Gen-checked, as `Index`.
///
/// # Panics
///
/// If `id` was removed; the message names the slot and generation.
impl<T> ops::IndexMut<NodeId> for Arena<T> {
    #[inline]
    #[track_caller]
    fn index_mut(&mut self, id: NodeId) -> &mut Node<T> {
        match self.slab.get_mut(id.key()) {
            Some(node) => node,
            None => removed(id, "Arena::index_mut"),
        }
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn precondition_removed(id: NodeId, operation: &str) -> ! {
    panic!(
        "{operation}: Preconditions not met: node {id} (generation {}) was removed",
        id.key().generation()
    )
}

#[cold]
#[track_caller]
fn removed(id: NodeId, operation: &str) -> ! {
    panic!(
        "{operation}: node {id} (generation {}) was removed",
        id.key().generation()
    )
}

impl<T> Extend<T> for Arena<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for value in iter {
            self.new_node(value);
        }
    }
}

impl<T> FromIterator<T> for Arena<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut arena = Arena::new();
        arena.extend(iter);
        arena
    }
}

/// The live nodes, in slot order.
impl<T> IntoIterator for Arena<T> {
    type Item = Node<T>;
    type IntoIter =
        core::iter::Map<memkit_slab::gen_slab::IntoIter<Node<T>>, fn((GenKey, Node<T>)) -> Node<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.slab.into_iter().map(|(_, node)| node)
    }
}

impl<'a, T> IntoIterator for &'a Arena<T> {
    type Item = &'a Node<T>;
    type IntoIter = core::iter::Map<
        memkit_slab::gen_slab::Iter<'a, Node<T>>,
        fn((GenKey, &'a Node<T>)) -> &'a Node<T>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.slab.iter().map(|(_, node)| node)
    }
}

impl<'a, T> IntoIterator for &'a mut Arena<T> {
    type Item = &'a mut Node<T>;
    type IntoIter = core::iter::Map<
        memkit_slab::gen_slab::IterMut<'a, Node<T>>,
        fn((GenKey, &'a mut Node<T>)) -> &'a mut Node<T>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.slab.iter_mut().map(|(_, node)| node)
    }
}

#[cfg(feature = "serde")]
impl<T> Arena<T> {
    /// The live nodes with their ids, for serde.
    pub(crate) fn entries(&self) -> impl ExactSizeIterator<Item = (NodeId, &Node<T>)> + '_ {
        self.slab
            .iter()
            .map(|(key, node)| (NodeId::from_key(key), node))
    }

    /// An arena of `nodes`, given in ascending slot order and each under
    /// its own id; `None` if the ids are out of order or the links are not
    /// consistent.
    pub(crate) fn from_entries(nodes: Vec<(NodeId, Node<T>)>) -> Option<Self> {
        let mut slab = GenSlab::with_capacity(nodes.len());
        let mut next_free_index = 0usize;
        for (id, node) in nodes {
            if id.index0() < next_free_index || id.index0() >= u32::MAX as usize - 1 {
                return None;
            }
            next_free_index = id.index0() + 1;
            slab.insert_at(id.key(), node);
        }
        let holes = next_free_index - slab.len();
        let max_generation = slab
            .iter()
            .map(|(key, _)| key.generation().get())
            .max()
            .unwrap_or(0);
        // The generations of removed ids are not serialized: new nodes go
        // above the live ones' at least.
        let arena = Arena {
            slab,
            counted_free: holes,
            uncounted_free: 0,
            max_generation,
            generation_floor: max_generation,
        };
        arena.validate().then_some(arena)
    }
}

/// The lowest odd generation above `generation`, if `u32` has one.
fn first_generation_above(generation: u32) -> Option<NonZeroU32> {
    NonZeroU32::new(generation.checked_add(1)? | 1)
}
