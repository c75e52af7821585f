//! [`Node`]: a value in the arena and its links.

use core::fmt;

use crate::NodeId;

/// The five links of a node. A removed node reads as one with none.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Links {
    pub(crate) parent: Option<NodeId>,
    pub(crate) previous_sibling: Option<NodeId>,
    pub(crate) next_sibling: Option<NodeId>,
    pub(crate) first_child: Option<NodeId>,
    pub(crate) last_child: Option<NodeId>,
}

/// A node of an [`Arena`](crate::Arena): its value and the ids of its
/// parent, neighbouring siblings and first and last children.
///
/// Links hold only ids of live nodes of the same arena: `first_child` and
/// `last_child` are both set or both `None`, and a node's siblings share
/// its parent.
///
/// # Examples
///
/// ```
/// use memkit_tree::Arena;
///
/// let mut arena = Arena::new();
/// let root = arena.new_node("root");
/// let child = root.append_value("child", &mut arena);
/// assert_eq!(arena[child].parent(), Some(root));
/// assert_eq!(*arena[child].get(), "child");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Node<T> {
    pub(crate) links: Links,
    pub(crate) data: T,
}

impl<T> Node<T> {
    pub(crate) const fn new(data: T) -> Self {
        Node {
            links: Links {
                parent: None,
                previous_sibling: None,
                next_sibling: None,
                first_child: None,
                last_child: None,
            },
            data,
        }
    }

    /// The value.
    ///
    /// Unlike indextree's, this never panics: a `&Node` is only ever handed
    /// out for a live node.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(7);
    /// assert_eq!(*arena[id].get(), 7);
    /// ```
    #[inline]
    pub fn get(&self) -> &T {
        &self.data
    }

    /// The value; always `Some` (indextree returns `None` for a removed
    /// node, which this crate never hands out).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(7);
    /// assert_eq!(arena[id].try_get(), Some(&7));
    /// ```
    #[inline]
    pub fn try_get(&self) -> Option<&T> {
        Some(&self.data)
    }

    /// The value, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(7);
    /// *arena[id].get_mut() += 1;
    /// assert_eq!(*arena[id].get(), 8);
    /// ```
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.data
    }

    /// The value, mutably; always `Some`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(7);
    /// *arena[id].try_get_mut().unwrap() = 9;
    /// assert_eq!(*arena[id].get(), 9);
    /// ```
    #[inline]
    pub fn try_get_mut(&mut self) -> Option<&mut T> {
        Some(&mut self.data)
    }

    /// The value, consuming the node; always `Some`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// arena.new_node("v");
    /// let values: Vec<_> = arena.into_iter().filter_map(|node| node.into_data()).collect();
    /// assert_eq!(values, ["v"]);
    /// ```
    pub fn into_data(self) -> Option<T> {
        Some(self.data)
    }

    /// The parent's id, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!(arena[child].parent(), Some(root));
    /// assert_eq!(arena[root].parent(), None);
    /// ```
    #[inline]
    pub fn parent(&self) -> Option<NodeId> {
        self.links.parent
    }

    /// The first child's id, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// let child = root.append_value((), &mut arena);
    /// assert_eq!(arena[root].first_child(), Some(child));
    /// ```
    #[inline]
    pub fn first_child(&self) -> Option<NodeId> {
        self.links.first_child
    }

    /// The last child's id, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let root = arena.new_node(());
    /// root.append_value((), &mut arena);
    /// let last = root.append_value((), &mut arena);
    /// assert_eq!(arena[root].last_child(), Some(last));
    /// ```
    #[inline]
    pub fn last_child(&self) -> Option<NodeId> {
        self.links.last_child
    }

    /// The previous sibling's id, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.insert_after_value((), &mut arena);
    /// assert_eq!(arena[b].previous_sibling(), Some(a));
    /// ```
    #[inline]
    pub fn previous_sibling(&self) -> Option<NodeId> {
        self.links.previous_sibling
    }

    /// The next sibling's id, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let a = arena.new_node(());
    /// let b = a.insert_after_value((), &mut arena);
    /// assert_eq!(arena[a].next_sibling(), Some(b));
    /// ```
    #[inline]
    pub fn next_sibling(&self) -> Option<NodeId> {
        self.links.next_sibling
    }

    /// Always `false`: the arena hands out nodes only while they are live.
    /// Ask [`NodeId::is_removed`] about an id instead.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_tree::Arena::new();
    /// let id = arena.new_node(());
    /// assert!(!arena[id].is_removed());
    /// ```
    #[inline]
    pub fn is_removed(&self) -> bool {
        false
    }
}

fn write_link(f: &mut fmt::Formatter<'_>, name: &str, link: Option<NodeId>) -> fmt::Result {
    match link {
        Some(id) => write!(f, "{name}: {id}; "),
        None => write!(f, "no {name}; "),
    }
}

/// The links, as `parent: 1; no previous sibling; …`.
impl<T> fmt::Display for Node<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let links = &self.links;
        write_link(f, "parent", links.parent)?;
        write_link(f, "previous sibling", links.previous_sibling)?;
        write_link(f, "next sibling", links.next_sibling)?;
        write_link(f, "first child", links.first_child)?;
        write_link(f, "last child", links.last_child)
    }
}
