//! The entries of [`LruCache`](crate::LruCache): one slab slot each, linked
//! into a circular list by `u32` indices.

use core::num::NonZeroU32;

/// The most entries a cache holds: every slab index fits a [`Link`].
pub(crate) const MAX_ENTRIES: usize = u32::MAX as usize - 1;

/// A slab index stored plus one, so that `Slab`'s vacant variant can use the
/// zero niche and a `u64 → u64` slot stays 24 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link(NonZeroU32);

impl Link {
    /// The link to slab index `index`, which is below [`MAX_ENTRIES`] (the
    /// slab never hands out a larger one: `insert_new` checks). An add, no
    /// branch: it runs several times per promotion.
    #[inline]
    pub(crate) fn new(index: u32) -> Self {
        debug_assert!(
            (index as usize) < MAX_ENTRIES,
            "Link::new: index {index} is not below {MAX_ENTRIES}"
        );
        Link(NonZeroU32::MIN.saturating_add(index))
    }

    /// The slab index.
    #[inline]
    pub(crate) fn get(self) -> u32 {
        self.0.get() - 1
    }
}

/// One entry of a circular doubly linked list.
#[derive(Clone)]
pub(crate) struct Node<K, V> {
    pub(crate) key: K,
    pub(crate) value: V,
    /// The entry used just after this one (towards the tail).
    pub(crate) next: Link,
    /// The entry used just before this one (towards the head).
    pub(crate) prev: Link,
}
