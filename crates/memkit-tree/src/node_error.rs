//! [`NodeError`]: why a checked tree operation refused to run.

use core::fmt;

/// Why a `checked_*` operation on a [`NodeId`](crate::NodeId) refused to
/// run. When one is returned the arena is unchanged.
///
/// # Examples
///
/// ```
/// use memkit_tree::{Arena, NodeError};
///
/// let mut arena = Arena::new();
/// let root = arena.new_node(1);
/// let child = root.append_value(2, &mut arena);
/// assert_eq!(child.checked_append(root, &mut arena), Err(NodeError::AppendAncestor));
/// assert_eq!(root.checked_append(root, &mut arena), Err(NodeError::AppendSelf));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeError {
    /// A node was to be appended to itself.
    AppendSelf,
    /// A node was to be prepended to itself.
    PrependSelf,
    /// A node was to be inserted before itself.
    InsertBeforeSelf,
    /// A node was to be inserted after itself.
    InsertAfterSelf,
    /// One of the nodes was removed.
    Removed,
    /// A node was to be appended to, or inserted after, one of its
    /// descendants.
    AppendAncestor,
    /// A node was to be prepended to, or inserted before, one of its
    /// descendants.
    PrependAncestor,
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NodeError::AppendSelf => "Can not append a node to itself",
            NodeError::PrependSelf => "Can not prepend a node to itself",
            NodeError::InsertBeforeSelf => "Can not insert a node before itself",
            NodeError::InsertAfterSelf => "Can not insert a node after itself",
            NodeError::Removed => "Removed node cannot have any parent, siblings, and children",
            NodeError::AppendAncestor => {
                "Can not append a node to, or insert it after, its descendant"
            }
            NodeError::PrependAncestor => {
                "Can not prepend a node to, or insert it before, its descendant"
            }
        })
    }
}

impl core::error::Error for NodeError {}
