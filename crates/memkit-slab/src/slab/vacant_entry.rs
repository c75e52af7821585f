//! [`VacantEntry`]: a reserved key of a [`Slab`], filled later.

use super::Slab;

/// The next vacant entry of a [`Slab`], from
/// [`Slab::vacant_entry`]: its key is known before its value is stored.
///
/// # Examples
///
/// ```
/// let mut slab = memkit_slab::Slab::new();
/// let entry = slab.vacant_entry();
/// let key = entry.key();
/// assert_eq!(*entry.insert(key * 2), key * 2);
/// ```
#[derive(Debug)]
pub struct VacantEntry<'a, T> {
    slab: &'a mut Slab<T>,
    /// Always `slab.next`.
    key: usize,
}

impl<'a, T> VacantEntry<'a, T> {
    pub(super) fn new(slab: &'a mut Slab<T>) -> Self {
        let key = slab.next;
        VacantEntry { slab, key }
    }

    /// Stores `val` at this entry's key and returns it, mutably, for the
    /// slab's lifetime.
    ///
    /// # Panics
    ///
    /// If the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::new();
    /// let entry = slab.vacant_entry();
    /// let key = entry.key();
    /// *entry.insert(String::from("a")) += "b";
    /// assert_eq!(slab[key], "ab");
    /// ```
    pub fn insert(self, val: T) -> &'a mut T {
        self.slab.insert_at(self.key, val)
    }

    /// The key the value will have.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut slab = memkit_slab::Slab::<u8>::new();
    /// assert_eq!(slab.vacant_entry().key(), 0);
    /// ```
    pub fn key(&self) -> usize {
        self.key
    }
}
