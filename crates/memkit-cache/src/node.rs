//! The entries of [`LruCache`](crate::LruCache): one slot each of a
//! [`Ring`](crate::raw::Ring), which keeps their list links.

/// One entry of an [`LruCache`](crate::LruCache).
#[derive(Clone)]
pub(crate) struct Node<K, V> {
    pub(crate) key: K,
    pub(crate) value: V,
}
