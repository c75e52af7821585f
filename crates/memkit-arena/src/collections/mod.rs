//! Collections that live in a [`Bump`](crate::Bump): [`Vec`] and
//! [`String`], built on `allocator-api2`'s `Vec` with `&Bump` as allocator,
//! plus [`CollectIn`] and the [`vec!`](crate::vec) and
//! [`format!`](crate::format) macros.
//!
//! Because `&Bump` grows the last allocation in place, a `Vec` that is the
//! most recent allocation grows without copying.

mod collect_in;
mod drain;
mod into_iter;
pub mod string;
pub mod vec;

pub use self::collect_in::{CollectIn, FromIteratorIn};
pub use self::string::String;
pub use self::vec::Vec;

use core::fmt;

/// The error of `try_reserve` on the arena collections.
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, collections::{CollectionAllocErr, Vec}};
///
/// let bump = Bump::new();
/// let mut v = Vec::<u64>::new_in(&bump);
/// assert_eq!(v.try_reserve(usize::MAX), Err(CollectionAllocErr::CapacityOverflow));
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum CollectionAllocErr {
    /// The capacity overflowed `isize::MAX` bytes.
    CapacityOverflow,
    /// The arena could not allocate.
    AllocErr,
}

impl fmt::Display for CollectionAllocErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CollectionAllocErr::CapacityOverflow => f.write_str("capacity overflow"),
            CollectionAllocErr::AllocErr => f.write_str("memory allocation failed"),
        }
    }
}

impl From<crate::AllocErr> for CollectionAllocErr {
    fn from(_: crate::AllocErr) -> Self {
        CollectionAllocErr::AllocErr
    }
}

/// A layout that cannot exist (size overflow) is a capacity overflow.
///
/// # Examples
///
/// ```
/// use core::alloc::Layout;
/// use memkit_arena::collections::CollectionAllocErr;
///
/// let e = Layout::array::<u64>(usize::MAX).unwrap_err();
/// assert_eq!(CollectionAllocErr::from(e), CollectionAllocErr::CapacityOverflow);
/// ```
impl From<core::alloc::LayoutError> for CollectionAllocErr {
    fn from(_: core::alloc::LayoutError) -> Self {
        CollectionAllocErr::CapacityOverflow
    }
}

impl From<allocator_api2::collections::TryReserveError> for CollectionAllocErr {
    fn from(e: allocator_api2::collections::TryReserveError) -> Self {
        match e.kind() {
            allocator_api2::collections::TryReserveErrorKind::CapacityOverflow => {
                CollectionAllocErr::CapacityOverflow
            }
            _ => CollectionAllocErr::AllocErr,
        }
    }
}
