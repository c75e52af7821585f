//! [`NodeEdge`]: one step of a depth-first walk.

use crate::{Arena, NodeId};

/// One step of [`NodeId::traverse`]: entering a node (`Start`) or leaving
/// it after all its descendants (`End`).
///
/// # Examples
///
/// ```
/// use memkit_tree::{Arena, NodeEdge};
///
/// let mut arena = Arena::new();
/// let root = arena.new_node(());
/// let leaf = root.append_value((), &mut arena);
/// let edges: Vec<_> = root.traverse(&arena).collect();
/// assert_eq!(edges, [
///     NodeEdge::Start(root),
///     NodeEdge::Start(leaf),
///     NodeEdge::End(leaf),
///     NodeEdge::End(root),
/// ]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeEdge {
    /// Entering the node: its descendants come next.
    Start(NodeId),
    /// Leaving the node: its descendants came before.
    End(NodeId),
}

impl NodeEdge {
    /// The edge after this one in a depth-first walk of the whole arena
    /// (not stopping at any root); `None` after the `End` of a node with no
    /// next sibling and no parent.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeEdge};
    ///
    /// let mut arena = Arena::new();
    /// let a = arena.new_node(());
    /// assert_eq!(NodeEdge::Start(a).next_traverse(&arena), Some(NodeEdge::End(a)));
    /// assert_eq!(NodeEdge::End(a).next_traverse(&arena), None);
    /// ```
    #[must_use]
    pub fn next_traverse<T>(self, arena: &Arena<T>) -> Option<Self> {
        match self {
            NodeEdge::Start(id) => Some(match arena.links(id).first_child {
                Some(child) => NodeEdge::Start(child),
                None => NodeEdge::End(id),
            }),
            NodeEdge::End(id) => {
                let links = arena.links(id);
                match links.next_sibling {
                    Some(next) => Some(NodeEdge::Start(next)),
                    None => links.parent.map(NodeEdge::End),
                }
            }
        }
    }

    /// The edge before this one in a depth-first walk of the whole arena;
    /// the mirror of [`next_traverse`](Self::next_traverse).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_tree::{Arena, NodeEdge};
    ///
    /// let mut arena = Arena::new();
    /// let a = arena.new_node(());
    /// assert_eq!(NodeEdge::End(a).prev_traverse(&arena), Some(NodeEdge::Start(a)));
    /// assert_eq!(NodeEdge::Start(a).prev_traverse(&arena), None);
    /// ```
    #[must_use]
    pub fn prev_traverse<T>(self, arena: &Arena<T>) -> Option<Self> {
        match self {
            NodeEdge::End(id) => Some(match arena.links(id).last_child {
                Some(child) => NodeEdge::End(child),
                None => NodeEdge::Start(id),
            }),
            NodeEdge::Start(id) => {
                let links = arena.links(id);
                match links.previous_sibling {
                    Some(previous) => Some(NodeEdge::End(previous)),
                    None => links.parent.map(NodeEdge::Start),
                }
            }
        }
    }
}
