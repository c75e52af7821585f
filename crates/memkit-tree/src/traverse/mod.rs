//! The iterators over a tree. Each follows links one step per item, in a
//! loop; none recurses or keeps more than a cursor, except
//! [`BreadthFirstTraversal`]'s queue.

mod ancestors;
mod breadth_first;
mod children;
mod descendants;
mod following_siblings;
mod leaves;
mod preceding_siblings;
mod predecessors;
mod reverse_traverse;
mod sibling_range;
mod traverse_iter;

pub use self::ancestors::Ancestors;
pub use self::breadth_first::BreadthFirstTraversal;
pub use self::children::Children;
pub use self::descendants::Descendants;
pub use self::following_siblings::FollowingSiblings;
pub use self::leaves::Leaves;
pub use self::preceding_siblings::PrecedingSiblings;
pub use self::predecessors::Predecessors;
pub use self::reverse_traverse::ReverseTraverse;
pub use self::traverse_iter::Traverse;
