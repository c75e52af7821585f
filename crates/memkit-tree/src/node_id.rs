//! [`NodeId`]: the 8-byte generational id of a node, and every operation
//! on the tree.

use core::fmt;
use core::num::NonZeroUsize;

use memkit_slab::GenKey;

use crate::{
    Ancestors, Arena, BreadthFirstTraversal, Children, DebugPrettyPrint, Descendants,
    FollowingSiblings, Leaves, NodeEdge, NodeError, PrecedingSiblings, Predecessors,
    ReverseTraverse, Traverse,
};

/// The id of a node in an [`Arena`]: a slot index and the generation of the
/// node in that slot, 8 bytes in all (`Option<NodeId>` too).
///
/// An id stays valid until its node is removed. After that every accessor
/// treats it as removed, forever, even when a new node takes the slot: the
/// new node has a newer generation. Ids order by slot, then generation.
///
/// All the tree operations are methods of `NodeId` taking the arena, as in
/// indextree.
///
/// # Examples
///
/// ```
/// use memkit_tree::Arena;
///
/// let mut arena = Arena::new();
/// let old = arena.new_node(1);
/// old.remove(&mut arena);
/// let new = arena.new_node(2);
/// assert_eq!(usize::from(old), usize::from(new)); // same slot
/// assert!(old.is_removed(&arena));
/// assert!(arena.get(old).is_none());
/// assert_eq!(size_of::<Option<memkit_tree::NodeId>>(), 8);
/// ```
#[derive(PartialEq, Eq, PartialOrd, Ord, Copy, Clone, Hash)]
pub struct NodeId {
    key: GenKey,
}

impl NodeId {
    pub(crate) const fn from_key(key: GenKey) -> Self {
        NodeId { key }
    }

    pub(crate) const fn key(self) -> GenKey {
        self.key
    }

    /// The slot index, counted from 0.
    pub(crate) const fn index0(self) -> usize {
        self.key.index() as usize
    }

    /// Whether the node was removed (or belongs to another arena's slot
    /// that this arena does not hold).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(());
    /// assert!(!id.is_removed(&arena));
    /// id.remove(&mut arena);
    /// assert!(id.is_removed(&arena));
    /// ```
    pub fn is_removed<T>(self, arena: &Arena<T>) -> bool {
        !arena.contains(self)
    }

    /// The parent, if any; `None` for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!(child.parent(&arena), Some(root));
    /// ```
    pub fn parent<T>(self, arena: &Arena<T>) -> Option<Self> {
        arena.links(self).parent
    }

    /// The first child, if any; `None` for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!(root.first_child(&arena), Some(child));
    /// ```
    #[inline]
    pub fn first_child<T>(self, arena: &Arena<T>) -> Option<Self> {
        arena.links(self).first_child
    }

    /// The last child, if any; `None` for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!(root.last_child(&arena), Some(child));
    /// ```
    #[inline]
    pub fn last_child<T>(self, arena: &Arena<T>) -> Option<Self> {
        arena.links(self).last_child
    }

    /// The next sibling, if any; `None` for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.insert_after_value((), &mut arena);
    /// assert_eq!(a.next_sibling(&arena), Some(b));
    /// ```
    #[inline]
    pub fn next_sibling<T>(self, arena: &Arena<T>) -> Option<Self> {
        arena.links(self).next_sibling
    }

    /// The previous sibling, if any; `None` for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.insert_after_value((), &mut arena);
    /// assert_eq!(b.previous_sibling(&arena), Some(a));
    /// ```
    #[inline]
    pub fn previous_sibling<T>(self, arena: &Arena<T>) -> Option<Self> {
        arena.links(self).previous_sibling
    }

    /// Whether the node has children.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// assert!(!root.has_children(&arena));
    /// root.append_value((), &mut arena);
    /// assert!(root.has_children(&arena));
    /// ```
    #[inline]
    pub fn has_children<T>(self, arena: &Arena<T>) -> bool {
        arena.links(self).first_child.is_some()
    }

    /// Whether the node has no children.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// assert!(root.is_leaf(&arena));
    /// ```
    #[inline]
    pub fn is_leaf<T>(self, arena: &Arena<T>) -> bool {
        !self.has_children(arena)
    }

    /// Whether the node has no parent.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert!(root.is_root(&arena) && !child.is_root(&arena));
    /// ```
    #[inline]
    pub fn is_root<T>(self, arena: &Arena<T>) -> bool {
        arena.links(self).parent.is_none()
    }

    /// The node, then its parent, its grandparent and so on.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.append_value((), &mut arena);
    /// let c = b.append_value((), &mut arena);
    /// assert_eq!(c.ancestors(&arena).collect::<Vec<_>>(), [c, b, a]);
    /// ```
    pub fn ancestors<T>(self, arena: &Arena<T>) -> Ancestors<'_, T> {
        Ancestors::new(arena, self)
    }

    /// The node, then each previous sibling, and after the first sibling
    /// the parent, its previous siblings and so on.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let b = root.append_value((), &mut arena);
    /// assert_eq!(b.predecessors(&arena).collect::<Vec<_>>(), [b, a, root]);
    /// ```
    pub fn predecessors<T>(self, arena: &Arena<T>) -> Predecessors<'_, T> {
        Predecessors::new(arena, self)
    }

    /// The node, then its previous siblings, nearest first.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.insert_after_value((), &mut arena);
    /// assert_eq!(b.preceding_siblings(&arena).collect::<Vec<_>>(), [b, a]);
    /// ```
    pub fn preceding_siblings<T>(self, arena: &Arena<T>) -> PrecedingSiblings<'_, T> {
        PrecedingSiblings::new(arena, self)
    }

    /// The node, then its next siblings, nearest first.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.insert_after_value((), &mut arena);
    /// assert_eq!(a.following_siblings(&arena).collect::<Vec<_>>(), [a, b]);
    /// ```
    pub fn following_siblings<T>(self, arena: &Arena<T>) -> FollowingSiblings<'_, T> {
        FollowingSiblings::new(arena, self)
    }

    /// The children, first to last (`.rev()` for last to first).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let b = root.append_value((), &mut arena);
    /// assert_eq!(root.children(&arena).collect::<Vec<_>>(), [a, b]);
    /// assert_eq!(root.children(&arena).rev().collect::<Vec<_>>(), [b, a]);
    /// ```
    pub fn children<T>(self, arena: &Arena<T>) -> Children<'_, T> {
        Children::new(arena, self)
    }

    /// How many children the node has; walks them.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// root.append_value((), &mut arena);
    /// assert_eq!(root.child_count(&arena), 1);
    /// ```
    pub fn child_count<T>(self, arena: &Arena<T>) -> usize {
        self.children(arena).count()
    }

    /// How many ancestors the node has: 0 for a root.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!((root.depth(&arena), child.depth(&arena)), (0, 1));
    /// ```
    pub fn depth<T>(self, arena: &Arena<T>) -> usize {
        self.ancestors(arena).count() - 1
    }

    /// The `n`th child, counted from 0.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// root.append_value((), &mut arena);
    /// let second = root.append_value((), &mut arena);
    /// assert_eq!(root.nth_child(1, &arena), Some(second));
    /// assert_eq!(root.nth_child(2, &arena), None);
    /// ```
    pub fn nth_child<T>(self, n: usize, arena: &Arena<T>) -> Option<NodeId> {
        self.children(arena).nth(n)
    }

    /// Whether `self` is a proper ancestor of `other`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert!(root.is_ancestor_of(child, &arena));
    /// assert!(!root.is_ancestor_of(root, &arena));
    /// ```
    pub fn is_ancestor_of<T>(self, other: NodeId, arena: &Arena<T>) -> bool {
        other.ancestors(arena).skip(1).any(|id| id == self)
    }

    /// Whether `self` is a proper descendant of `other`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert!(child.is_descendant_of(root, &arena));
    /// ```
    pub fn is_descendant_of<T>(self, other: NodeId, arena: &Arena<T>) -> bool {
        other.is_ancestor_of(self, arena)
    }

    /// The node and its descendants, in preorder.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let a1 = a.append_value((), &mut arena);
    /// let b = root.append_value((), &mut arena);
    /// assert_eq!(root.descendants(&arena).collect::<Vec<_>>(), [root, a, a1, b]);
    /// ```
    pub fn descendants<T>(self, arena: &Arena<T>) -> Descendants<'_, T> {
        Descendants::new(arena, self)
    }

    /// The nodes of the subtree without children, in preorder.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let a1 = a.append_value((), &mut arena);
    /// let b = root.append_value((), &mut arena);
    /// assert_eq!(root.leaves(&arena).collect::<Vec<_>>(), [a1, b]);
    /// ```
    pub fn leaves<T>(self, arena: &Arena<T>) -> Leaves<'_, T> {
        Leaves::new(arena, self)
    }

    /// The node and its descendants, level by level.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let a1 = a.append_value((), &mut arena);
    /// let b = root.append_value((), &mut arena);
    /// assert_eq!(root.breadth_first(&arena).collect::<Vec<_>>(), [root, a, b, a1]);
    /// ```
    pub fn breadth_first<T>(self, arena: &Arena<T>) -> BreadthFirstTraversal<'_, T> {
        BreadthFirstTraversal::new(arena, self)
    }

    /// How many nodes the subtree has, the node included; walks them.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// root.append_value((), &mut arena);
    /// assert_eq!(root.descendant_count(&arena), 2);
    /// ```
    #[must_use]
    pub fn descendant_count<T>(self, arena: &Arena<T>) -> usize {
        self.descendants(arena).count()
    }

    /// A depth-first walk of the subtree that reports entering and leaving
    /// every node.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeEdge};
    ///
    /// let mut arena = Arena::new();
    /// let root = arena.new_node(());
    /// let edges: Vec<_> = root.traverse(&arena).collect();
    /// assert_eq!(edges, [NodeEdge::Start(root), NodeEdge::End(root)]);
    /// ```
    pub fn traverse<T>(self, arena: &Arena<T>) -> Traverse<'_, T> {
        Traverse::new(arena, self)
    }

    /// [`traverse`](Self::traverse) backwards: last child first, `End`
    /// before `Start`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeEdge};
    ///
    /// let mut arena = Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// let edges: Vec<_> = root.reverse_traverse(&arena).collect();
    /// assert_eq!(edges, [
    ///     NodeEdge::End(root),
    ///     NodeEdge::End(child),
    ///     NodeEdge::Start(child),
    ///     NodeEdge::Start(root),
    /// ]);
    /// ```
    pub fn reverse_traverse<T>(self, arena: &Arena<T>) -> ReverseTraverse<'_, T> {
        ReverseTraverse::new(arena, self)
    }

    /// [`detach`](Self::detach), refusing a removed node.
    ///
    /// # Errors
    ///
    /// [`NodeError::Removed`] if the node was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let id = arena.new_node(());
    /// assert_eq!(id.checked_detach(&mut arena), Ok(()));
    /// id.remove(&mut arena);
    /// assert_eq!(id.checked_detach(&mut arena), Err(NodeError::Removed));
    /// ```
    pub fn checked_detach<T>(self, arena: &mut Arena<T>) -> Result<(), NodeError> {
        if self.is_removed(arena) {
            return Err(NodeError::Removed);
        }
        arena.unlink(self);
        Ok(())
    }

    /// Takes the node and its subtree out of its parent and siblings, in
    /// O(1). Does nothing for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// child.detach(&mut arena);
    /// assert!(child.is_root(&arena) && root.is_leaf(&arena));
    /// ```
    pub fn detach<T>(self, arena: &mut Arena<T>) {
        if arena.contains(self) {
            arena.unlink(self);
        }
    }

    /// Appends `new_child` as the last child, detaching it from where it
    /// was.
    ///
    /// # Panics
    ///
    /// When [`checked_append`](Self::checked_append) would return an error;
    /// the message names the error.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = arena.new_node(());
    /// root.append(child, &mut arena);
    /// assert_eq!(root.last_child(&arena), Some(child));
    /// ```
    #[track_caller]
    pub fn append<T>(self, new_child: NodeId, arena: &mut Arena<T>) {
        if let Err(error) = self.checked_append(new_child, arena) {
            panic!(
                "NodeId::append: Preconditions not met: node {new_child} under node {self}: {error}"
            );
        }
    }

    /// Appends `new_child` as the last child, detaching it from where it
    /// was.
    ///
    /// # Errors
    ///
    /// [`NodeError::AppendSelf`] if `new_child == self`,
    /// [`NodeError::Removed`] if either node was removed,
    /// [`NodeError::AppendAncestor`] if `new_child` is an ancestor of
    /// `self`. The arena is then unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!(child.checked_append(root, &mut arena), Err(NodeError::AppendAncestor));
    /// ```
    pub fn checked_append<T>(
        self,
        new_child: NodeId,
        arena: &mut Arena<T>,
    ) -> Result<(), NodeError> {
        if new_child == self {
            return Err(NodeError::AppendSelf);
        }
        arena.check_move(new_child, self, NodeError::AppendAncestor)?;
        arena.unlink(new_child);
        let last = arena.links(self).last_child;
        arena.link(new_child, Some(self), last, None);
        Ok(())
    }

    /// Creates a node holding `value` as the last child.
    ///
    /// # Panics
    ///
    /// If `self` was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(1);
    /// let child = root.append_value(2, &mut arena);
    /// assert_eq!(child.parent(&arena), Some(root));
    /// ```
    #[track_caller]
    pub fn append_value<T>(self, value: T, arena: &mut Arena<T>) -> NodeId {
        let last = arena.live_links(self, "NodeId::append_value").last_child;
        arena.new_linked(value, Some(self), last, None)
    }

    /// Prepends `new_child` as the first child, detaching it from where it
    /// was.
    ///
    /// # Panics
    ///
    /// When [`checked_prepend`](Self::checked_prepend) would return an
    /// error; the message names the error.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let b = arena.new_node(());
    /// root.prepend(b, &mut arena);
    /// assert_eq!(root.children(&arena).collect::<Vec<_>>(), [b, a]);
    /// ```
    #[track_caller]
    pub fn prepend<T>(self, new_child: NodeId, arena: &mut Arena<T>) {
        if let Err(error) = self.checked_prepend(new_child, arena) {
            panic!(
                "NodeId::prepend: Preconditions not met: node {new_child} under node {self}: {error}"
            );
        }
    }

    /// Prepends `new_child` as the first child, detaching it from where it
    /// was.
    ///
    /// # Errors
    ///
    /// [`NodeError::PrependSelf`] if `new_child == self`,
    /// [`NodeError::Removed`] if either node was removed,
    /// [`NodeError::PrependAncestor`] if `new_child` is an ancestor of
    /// `self`. The arena is then unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let root = arena.new_node(());
    /// assert_eq!(root.checked_prepend(root, &mut arena), Err(NodeError::PrependSelf));
    /// ```
    pub fn checked_prepend<T>(
        self,
        new_child: NodeId,
        arena: &mut Arena<T>,
    ) -> Result<(), NodeError> {
        if new_child == self {
            return Err(NodeError::PrependSelf);
        }
        arena.check_move(new_child, self, NodeError::PrependAncestor)?;
        arena.unlink(new_child);
        let first = arena.links(self).first_child;
        arena.link(new_child, Some(self), None, first);
        Ok(())
    }

    /// Creates a node holding `value` as the first child.
    ///
    /// # Panics
    ///
    /// If `self` was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(1);
    /// let b = root.append_value(3, &mut arena);
    /// let a = root.prepend_value(2, &mut arena);
    /// assert_eq!(root.children(&arena).collect::<Vec<_>>(), [a, b]);
    /// ```
    #[track_caller]
    pub fn prepend_value<T>(self, value: T, arena: &mut Arena<T>) -> NodeId {
        let first = arena.live_links(self, "NodeId::prepend_value").first_child;
        arena.new_linked(value, Some(self), None, first)
    }

    /// Inserts `new_sibling` right after this node, detaching it from where
    /// it was.
    ///
    /// # Panics
    ///
    /// When [`checked_insert_after`](Self::checked_insert_after) would
    /// return an error; the message names the error.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = arena.new_node(());
    /// a.insert_after(b, &mut arena);
    /// assert_eq!(a.next_sibling(&arena), Some(b));
    /// ```
    #[track_caller]
    pub fn insert_after<T>(self, new_sibling: NodeId, arena: &mut Arena<T>) {
        if let Err(error) = self.checked_insert_after(new_sibling, arena) {
            panic!(
                "NodeId::insert_after: Preconditions not met: node {new_sibling} after node {self}: {error}"
            );
        }
    }

    /// Creates a node holding `value` right after this node.
    ///
    /// # Panics
    ///
    /// If `self` was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(1);
    /// let b = a.insert_after_value(2, &mut arena);
    /// assert_eq!(a.next_sibling(&arena), Some(b));
    /// ```
    #[track_caller]
    pub fn insert_after_value<T>(self, value: T, arena: &mut Arena<T>) -> NodeId {
        let links = arena.live_links(self, "NodeId::insert_after_value");
        arena.new_linked(value, links.parent, Some(self), links.next_sibling)
    }

    /// Inserts `new_sibling` right after this node, detaching it from where
    /// it was.
    ///
    /// # Errors
    ///
    /// [`NodeError::InsertAfterSelf`] if `new_sibling == self`,
    /// [`NodeError::Removed`] if either node was removed,
    /// [`NodeError::AppendAncestor`] if `new_sibling` is an ancestor of
    /// `self`. The arena is then unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let a = arena.new_node(());
    /// assert_eq!(a.checked_insert_after(a, &mut arena), Err(NodeError::InsertAfterSelf));
    /// ```
    pub fn checked_insert_after<T>(
        self,
        new_sibling: NodeId,
        arena: &mut Arena<T>,
    ) -> Result<(), NodeError> {
        if new_sibling == self {
            return Err(NodeError::InsertAfterSelf);
        }
        arena.check_move(new_sibling, self, NodeError::AppendAncestor)?;
        arena.unlink(new_sibling);
        let links = arena.links(self);
        arena.link(new_sibling, links.parent, Some(self), links.next_sibling);
        Ok(())
    }

    /// Inserts `new_sibling` right before this node, detaching it from
    /// where it was.
    ///
    /// # Panics
    ///
    /// When [`checked_insert_before`](Self::checked_insert_before) would
    /// return an error; the message names the error.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = arena.new_node(());
    /// a.insert_before(b, &mut arena);
    /// assert_eq!(a.previous_sibling(&arena), Some(b));
    /// ```
    #[track_caller]
    pub fn insert_before<T>(self, new_sibling: NodeId, arena: &mut Arena<T>) {
        if let Err(error) = self.checked_insert_before(new_sibling, arena) {
            panic!(
                "NodeId::insert_before: Preconditions not met: node {new_sibling} before node {self}: {error}"
            );
        }
    }

    /// Creates a node holding `value` right before this node.
    ///
    /// # Panics
    ///
    /// If `self` was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let b = arena.new_node(2);
    /// let a = b.insert_before_value(1, &mut arena);
    /// assert_eq!(b.previous_sibling(&arena), Some(a));
    /// ```
    #[track_caller]
    pub fn insert_before_value<T>(self, value: T, arena: &mut Arena<T>) -> NodeId {
        let links = arena.live_links(self, "NodeId::insert_before_value");
        arena.new_linked(value, links.parent, links.previous_sibling, Some(self))
    }

    /// Inserts `new_sibling` right before this node, detaching it from
    /// where it was.
    ///
    /// # Errors
    ///
    /// [`NodeError::InsertBeforeSelf`] if `new_sibling == self`,
    /// [`NodeError::Removed`] if either node was removed,
    /// [`NodeError::PrependAncestor`] if `new_sibling` is an ancestor of
    /// `self`. The arena is then unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let a = arena.new_node(());
    /// assert_eq!(a.checked_insert_before(a, &mut arena), Err(NodeError::InsertBeforeSelf));
    /// ```
    pub fn checked_insert_before<T>(
        self,
        new_sibling: NodeId,
        arena: &mut Arena<T>,
    ) -> Result<(), NodeError> {
        if new_sibling == self {
            return Err(NodeError::InsertBeforeSelf);
        }
        arena.check_move(new_sibling, self, NodeError::PrependAncestor)?;
        arena.unlink(new_sibling);
        let links = arena.links(self);
        arena.link(
            new_sibling,
            links.parent,
            links.previous_sibling,
            Some(self),
        );
        Ok(())
    }

    /// [`remove`](Self::remove), refusing a removed node.
    ///
    /// # Errors
    ///
    /// [`NodeError::Removed`] if the node was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let id = arena.new_node(());
    /// assert_eq!(id.checked_remove(&mut arena), Ok(()));
    /// assert_eq!(id.checked_remove(&mut arena), Err(NodeError::Removed));
    /// ```
    pub fn checked_remove<T>(self, arena: &mut Arena<T>) -> Result<(), NodeError> {
        if self.is_removed(arena) {
            return Err(NodeError::Removed);
        }
        arena.remove_one(self);
        Ok(())
    }

    /// Removes the node and drops its value; its children take its place
    /// among its siblings. Does nothing for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(0);
    /// let a = root.append_value(1, &mut arena);
    /// let a1 = a.append_value(2, &mut arena);
    /// a.remove(&mut arena);
    /// assert_eq!(root.children(&arena).collect::<Vec<_>>(), [a1]);
    /// ```
    pub fn remove<T>(self, arena: &mut Arena<T>) {
        if arena.contains(self) {
            arena.remove_one(self);
        }
    }

    /// [`remove_subtree`](Self::remove_subtree), refusing a removed node.
    ///
    /// # Errors
    ///
    /// [`NodeError::Removed`] if the node was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let id = arena.new_node(());
    /// assert_eq!(id.checked_remove_subtree(&mut arena), Ok(()));
    /// assert_eq!(id.checked_remove_subtree(&mut arena), Err(NodeError::Removed));
    /// ```
    pub fn checked_remove_subtree<T>(self, arena: &mut Arena<T>) -> Result<(), NodeError> {
        if self.is_removed(arena) {
            return Err(NodeError::Removed);
        }
        arena.unlink(self);
        arena.remove_descendants(self, true);
        Ok(())
    }

    /// Removes the node and all its descendants, in a loop, dropping their
    /// values. Does nothing for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(0);
    /// let a = root.append_value(1, &mut arena);
    /// let a1 = a.append_value(2, &mut arena);
    /// a.remove_subtree(&mut arena);
    /// assert!(a1.is_removed(&arena) && root.is_leaf(&arena));
    /// ```
    pub fn remove_subtree<T>(self, arena: &mut Arena<T>) {
        if arena.contains(self) {
            arena.unlink(self);
            arena.remove_descendants(self, true);
        }
    }

    /// [`detach_children`](Self::detach_children), refusing a removed node.
    ///
    /// # Errors
    ///
    /// [`NodeError::Removed`] if the node was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let id = arena.new_node(());
    /// id.remove(&mut arena);
    /// assert_eq!(id.checked_detach_children(&mut arena), Err(NodeError::Removed));
    /// ```
    pub fn checked_detach_children<T>(self, arena: &mut Arena<T>) -> Result<(), NodeError> {
        if self.is_removed(arena) {
            return Err(NodeError::Removed);
        }
        arena.detach_children(self);
        Ok(())
    }

    /// Makes every child a root of its own, unlinked from its siblings.
    /// Does nothing for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// let b = root.append_value((), &mut arena);
    /// root.detach_children(&mut arena);
    /// assert!(root.is_leaf(&arena) && a.is_root(&arena));
    /// assert_eq!(a.next_sibling(&arena), None);
    /// # let _ = b;
    /// ```
    pub fn detach_children<T>(self, arena: &mut Arena<T>) {
        if arena.contains(self) {
            arena.detach_children(self);
        }
    }

    /// [`remove_children`](Self::remove_children), refusing a removed node.
    ///
    /// # Errors
    ///
    /// [`NodeError::Removed`] if the node was removed.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeError};
    ///
    /// let mut arena = Arena::new();
    /// let id = arena.new_node(());
    /// id.append_value((), &mut arena);
    /// assert_eq!(id.checked_remove_children(&mut arena), Ok(()));
    /// assert!(id.is_leaf(&arena));
    /// id.remove(&mut arena);
    /// assert_eq!(id.checked_remove_children(&mut arena), Err(NodeError::Removed));
    /// ```
    pub fn checked_remove_children<T>(self, arena: &mut Arena<T>) -> Result<(), NodeError> {
        if self.is_removed(arena) {
            return Err(NodeError::Removed);
        }
        arena.remove_descendants(self, false);
        Ok(())
    }

    /// Removes all descendants of the node, keeping the node. Does nothing
    /// for a removed node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let a = root.append_value((), &mut arena);
    /// root.remove_children(&mut arena);
    /// assert!(a.is_removed(&arena) && root.is_leaf(&arena));
    /// ```
    pub fn remove_children<T>(self, arena: &mut Arena<T>) {
        if arena.contains(self) {
            arena.remove_descendants(self, false);
        }
    }

    /// Moves the node (with its subtree) to be the last child of
    /// `new_parent`: `new_parent.checked_append(self, arena)`.
    ///
    /// # Errors
    ///
    /// As [`checked_append`](Self::checked_append).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = arena.new_node(());
    /// b.checked_reparent(a, &mut arena).unwrap();
    /// assert_eq!(b.parent(&arena), Some(a));
    /// ```
    pub fn checked_reparent<T>(
        self,
        new_parent: NodeId,
        arena: &mut Arena<T>,
    ) -> Result<(), NodeError> {
        new_parent.checked_append(self, arena)
    }

    /// Moves the node (with its subtree) to be the last child of
    /// `new_parent`.
    ///
    /// # Panics
    ///
    /// When [`checked_reparent`](Self::checked_reparent) would return an
    /// error; the message names the error.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = arena.new_node(());
    /// b.reparent(a, &mut arena);
    /// assert_eq!(a.first_child(&arena), Some(b));
    /// ```
    #[track_caller]
    pub fn reparent<T>(self, new_parent: NodeId, arena: &mut Arena<T>) {
        new_parent.append(self, arena);
    }

    /// Whether the subtree under `self` in `arena_self` has the same shape
    /// and values as the subtree under `other` in `arena_other`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(1);
    /// a.append_value(2, &mut arena);
    /// let b = arena.new_node(1);
    /// assert!(!a.subtree_eq(b, &arena, &arena));
    /// b.append_value(2, &mut arena);
    /// assert!(a.subtree_eq(b, &arena, &arena));
    /// ```
    #[must_use]
    pub fn subtree_eq<T: PartialEq>(
        self,
        other: NodeId,
        arena_self: &Arena<T>,
        arena_other: &Arena<T>,
    ) -> bool {
        let mut left = self.traverse(arena_self);
        let mut right = other.traverse(arena_other);
        loop {
            match (left.next(), right.next()) {
                (None, None) => return true,
                (Some(NodeEdge::Start(a)), Some(NodeEdge::Start(b))) => {
                    if arena_self.get(a).map(|n| &n.data) != arena_other.get(b).map(|n| &n.data) {
                        return false;
                    }
                }
                (Some(NodeEdge::End(_)), Some(NodeEdge::End(_))) => {}
                _ => return false,
            }
        }
    }

    /// A proxy that prints the subtree as an indented outline, through
    /// `Debug` (`{:?}`, `{:#?}`) or `Display` (`{}`, `{:#}`) of the values.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node("root");
    /// let a = root.append_value("a", &mut arena);
    /// a.append_value("a1", &mut arena);
    /// root.append_value("b", &mut arena);
    /// let text = format!("{}", root.debug_pretty_print(&arena));
    /// assert_eq!(text, "root\n|-- a\n|   `-- a1\n`-- b");
    /// ```
    #[inline]
    #[must_use]
    pub fn debug_pretty_print<'a, T>(&'a self, arena: &'a Arena<T>) -> DebugPrettyPrint<'a, T> {
        DebugPrettyPrint::new(*self, arena)
    }
}

/// `NodeId { index1: 1, generation: 1 }`.
impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NodeId")
            .field("index1", &(self.index0() + 1))
            .field("generation", &self.key.generation())
            .finish()
    }
}

/// The slot number counted from 1, as indextree prints it.
impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.index0() + 1)
    }
}

/// The slot number counted from 1. The generation is left out: look the
/// node up again with [`Arena::get_node_id_at`].
impl From<NodeId> for NonZeroUsize {
    fn from(id: NodeId) -> NonZeroUsize {
        match NonZeroUsize::new(id.index0() + 1) {
            Some(index1) => index1,
            None => unreachable!("a u32 index plus one fits a usize and is not zero"),
        }
    }
}

/// The slot number counted from 1.
impl From<NodeId> for usize {
    fn from(id: NodeId) -> usize {
        id.index0() + 1
    }
}
