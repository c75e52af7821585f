//! The [`tree!`](crate::tree!) macro, also under indextree's path
//! `macros::tree`, and the hidden helpers it expands to.

pub use crate::tree;

use crate::{Arena, NodeId};

/// Builds a tree in an arena from a nested outline and returns the root's
/// id.
///
/// `tree!(&mut arena, root => { child, child => { grandchild, … }, … })`:
/// the root is either an existing [`NodeId`] (the children
/// are appended to it) or a value (a new root node is created for it).
/// Every other item is a value, appended under its parent in order; `=> {}`
/// may follow any item. The expansion is a flat sequence of
/// `append_value` calls.
///
/// # Examples
///
/// ```
/// use memkit_tree::{Arena, tree};
///
/// let mut arena = Arena::new();
/// let root = tree!(&mut arena, "root" => {
///     "a",
///     "b" => { "b1", "b2" },
///     "c" => {},
/// });
/// assert_eq!(
///     format!("{}", root.debug_pretty_print(&arena)),
///     "root\n|-- a\n|-- b\n|   |-- b1\n|   `-- b2\n`-- c"
/// );
/// let again = tree!(&mut arena, root => { "d" });
/// assert_eq!(again, root);
/// assert_eq!(root.children(&arena).count(), 4);
/// ```
#[macro_export]
macro_rules! tree {
    ($arena:expr, $root:expr $(,)?) => {
        $crate::tree!($arena, $root => {})
    };
    ($arena:expr, $root:expr => { $($children:tt)* } $(,)?) => {{
        let __arena: &mut $crate::Arena<_> = $arena;
        #[allow(unused_imports)]
        use $crate::macros::{IdRoot as _, ValueRoot as _};
        let __root = (&mut $crate::macros::Wrap(::core::option::Option::Some($root))).__tree_root(__arena);
        $crate::tree!(@children __arena, __root, $($children)*);
        __root
    }};
    (@children $arena:ident, $parent:ident, ) => {};
    (@children $arena:ident, $parent:ident, $value:expr => { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        {
            let __node = $crate::NodeId::append_value($parent, $value, $arena);
            $crate::tree!(@children $arena, __node, $($inner)*);
        }
        $crate::tree!(@children $arena, $parent, $($($rest)*)?);
    };
    (@children $arena:ident, $parent:ident, $value:expr $(, $($rest:tt)*)?) => {
        $crate::NodeId::append_value($parent, $value, $arena);
        $crate::tree!(@children $arena, $parent, $($($rest)*)?);
    };
}

/// Holds the root of a [`tree!`](crate::tree!) so that method lookup picks
/// [`IdRoot`] for a `NodeId` and [`ValueRoot`] for anything else.
#[doc(hidden)]
#[derive(Debug)]
pub struct Wrap<R>(pub Option<R>);

/// The root is an existing node.
#[doc(hidden)]
pub trait IdRoot {
    /// The node itself.
    fn __tree_root<T>(&mut self, arena: &mut Arena<T>) -> NodeId;
}

impl IdRoot for Wrap<NodeId> {
    fn __tree_root<T>(&mut self, _arena: &mut Arena<T>) -> NodeId {
        match self.0 {
            Some(id) => id,
            None => unreachable!("tree!: the root is taken once"),
        }
    }
}

/// The root is a value for a new node.
#[doc(hidden)]
pub trait ValueRoot<T> {
    /// A new node holding the value.
    fn __tree_root(&mut self, arena: &mut Arena<T>) -> NodeId;
}

impl<T> ValueRoot<T> for &mut Wrap<T> {
    fn __tree_root(&mut self, arena: &mut Arena<T>) -> NodeId {
        match self.0.take() {
            Some(value) => arena.new_node(value),
            None => unreachable!("tree!: the root is taken once"),
        }
    }
}
