//! Builds a [`Slab`] from `(key, value)` pairs, for `FromIterator` and serde.
//!
//! The vacant list it leaves matches `slab` 0.4.12: when keys arrive in
//! increasing order, the gaps are linked most recent (highest) first; when a
//! key fills an earlier gap, the list is rebuilt lowest first.

use super::{Entry, Slab};

/// A slab under construction.
pub(crate) struct Builder<T> {
    slab: Slab<T>,
    /// A gap was filled out of order; the vacant list must be rebuilt.
    relink: bool,
    /// The first gap created, whose link must end the list.
    first_gap: Option<usize>,
}

impl<T> Builder<T> {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Builder {
            slab: Slab::with_capacity(capacity),
            relink: false,
            first_gap: None,
        }
    }

    /// Stores `value` at `key`, replacing (and dropping) any earlier value
    /// at the same key.
    pub(crate) fn pair(&mut self, key: usize, value: T) {
        let slab = &mut self.slab;
        if let Some(entry) = slab.entries.get_mut(key) {
            if matches!(entry, Entry::Vacant(_)) {
                self.relink = true;
                slab.len += 1;
            }
            *entry = Entry::Occupied(value);
            return;
        }
        if slab.entries.len() < key && self.first_gap.is_none() {
            self.first_gap = Some(slab.entries.len());
        }
        while slab.entries.len() < key {
            let gap = slab.entries.len();
            slab.entries.push(Entry::Vacant(slab.next));
            slab.next = gap;
        }
        slab.entries.push(Entry::Occupied(value));
        slab.len += 1;
    }

    pub(crate) fn build(self) -> Slab<T> {
        let mut slab = self.slab;
        let end = slab.entries.len();
        if slab.len == end {
            slab.next = end;
        } else if self.relink {
            slab.rebuild_vacant_list();
        } else if let Some(first) = self.first_gap {
            slab.entries[first] = Entry::Vacant(end);
        }
        slab
    }
}
