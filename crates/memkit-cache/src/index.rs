//! The key index of both caches: a `HashTable<u32>` of slot indices that
//! stores each key once (in its slot), and the refill that keeps it from
//! allocating once the cache is full.

use alloc::vec::Vec;
use core::hash::{BuildHasher, Hash};

use hashbrown::HashTable;

use crate::raw::Ring;

/// A value that carries its key.
pub(crate) trait Keyed {
    type Key;
    fn key(&self) -> &Self::Key;
}

/// A cache's storage: slots on rings, and an [`Index`] of them.
pub(crate) trait Indexed {
    type Entry: Keyed;

    /// The index, and the slots it indexes.
    fn parts(&mut self) -> (&mut Index, &Ring<Self::Entry>);

    /// Takes `slot`, which the index lost, off its list and out of the
    /// slab (the index is left alone).
    fn take_unindexed(&mut self, slot: u32) -> Self::Entry;
}

/// Slot indices by the hash of their key.
#[derive(Clone)]
pub(crate) struct Index {
    table: HashTable<u32>,
    /// How many entries the table's buckets hold without tombstones,
    /// [`bucket_capacity`] of its bucket count: kept with the table, which
    /// changes its buckets only where this is updated, so that
    /// [`reserve_one`] counts tombstones without dividing.
    full_room: usize,
}

impl Index {
    pub(crate) const fn new() -> Self {
        Index {
            table: HashTable::new(),
            full_room: 0,
        }
    }

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        let mut index = Index {
            table: HashTable::with_capacity(capacity),
            full_room: 0,
        };
        index.count_room();
        index
    }

    /// Updates `full_room` after the table changed its buckets.
    fn count_room(&mut self) {
        self.full_room = bucket_capacity(self.table.num_buckets());
    }

    /// The slot under `hash` for which `is_key` holds.
    #[inline]
    pub(crate) fn find(&self, hash: u64, is_key: impl FnMut(u32) -> bool) -> Option<u32> {
        let mut is_key = is_key;
        self.table.find(hash, |&slot| is_key(slot)).copied()
    }

    /// Records `slot` under `hash`; the room was made by [`reserve_one`].
    #[inline]
    pub(crate) fn insert(&mut self, hash: u64, slot: u32) {
        self.table.insert_unique(hash, slot, |_| {
            unreachable!("memkit-cache: the index grows only in reserve_one")
        });
    }

    /// Forgets `slot`, recorded under `hash`.
    ///
    /// # Panics
    ///
    /// If `slot` is not recorded under `hash`.
    #[inline]
    pub(crate) fn remove(&mut self, hash: u64, slot: u32) {
        match self.table.find_entry(hash, |&i| i == slot) {
            Ok(entry) => {
                entry.remove();
            }
            Err(_) => unreachable!("memkit-cache: slot {slot} is missing from the index"),
        }
    }

    pub(crate) fn clear(&mut self) {
        self.table.clear();
    }

    /// Shrinks the table; `hash` gives the hash of a slot's key.
    pub(crate) fn shrink_to_fit(&mut self, hash: impl Fn(u32) -> u64) {
        self.table.shrink_to_fit(|&slot| hash(slot));
        self.count_room();
    }
}

/// Makes room in `owner`'s index for one more entry.
///
/// When the table has no room left, mostly because erased entries left
/// tombstones, it is emptied and refilled in place, without allocating, as
/// long as at least a sixteenth of it stays free; otherwise it grows first.
/// If a key's `Hash` panics meanwhile, the guard takes the entries not yet
/// back in the index out of their lists and the slab, so the cache stays
/// whole (smaller).
///
/// # Panics
///
/// If the doubled table size overflows `usize`, or if `Hash` panics.
#[inline]
pub(crate) fn reserve_one<O, S>(owner: &mut O, hash_builder: &S)
where
    O: Indexed,
    <O::Entry as Keyed>::Key: Hash,
    S: BuildHasher,
{
    let index = owner.parts().0;
    let (len, room) = (index.table.len(), index.table.capacity());
    // Erased entries leave tombstones, which use up the room and lengthen
    // probes: refill once they outnumber the entries, so that the O(len)
    // refill is paid for by as many erasures.
    debug_assert_eq!(
        index.full_room,
        bucket_capacity(index.table.num_buckets()),
        "memkit-cache: the index's room is stale"
    );
    let tombstones = index.full_room.saturating_sub(room);
    if len < room && tombstones <= len / 2 {
        return;
    }
    refill(owner, hash_builder);
}

/// How many entries hashbrown lets a table of `buckets` buckets hold: all
/// but one below 8 buckets, else 7/8 of them.
#[inline]
fn bucket_capacity(buckets: usize) -> usize {
    if buckets < 8 {
        buckets.saturating_sub(1)
    } else {
        buckets / 8 * 7
    }
}

/// The slow path of [`reserve_one`]: the table is full.
#[cold]
#[inline(never)]
fn refill<O, S>(owner: &mut O, hash_builder: &S)
where
    O: Indexed,
    <O::Entry as Keyed>::Key: Hash,
    S: BuildHasher,
{
    let wanted = owner.parts().1.len() + 1;
    let guard = DropUnindexed(owner);
    let (index, ring) = guard.0.parts();
    index.table.clear();
    let full = index.table.capacity();
    if full < wanted + full / 16 {
        let grown = wanted.checked_mul(2).unwrap_or_else(|| {
            panic!("memkit-cache: an index for {wanted} entries overflows usize")
        });
        index
            .table
            .reserve(grown, |_| unreachable!("the index is empty"));
        index.count_room();
    }
    for (slot, entry) in ring.iter() {
        let hash = hash_builder.hash_one(entry.key());
        index
            .table
            .insert_unique(hash, slot, |_| unreachable!("the index has room"));
    }
    core::mem::forget(guard);
}

/// On unwind from a refill, drops the entries whose index was lost.
struct DropUnindexed<'a, O: Indexed>(&'a mut O);

impl<O: Indexed> Drop for DropUnindexed<'_, O> {
    fn drop(&mut self) {
        let (index, ring) = self.0.parts();
        if index.table.len() == ring.len() {
            return;
        }
        let mut indexed = alloc::vec![false; ring.capacity()];
        for &i in index.table.iter() {
            indexed[i as usize] = true;
        }
        let lost: Vec<u32> = ring
            .iter()
            .map(|(slot, _)| slot)
            .filter(|&i| !indexed[i as usize])
            .collect();
        let mut taken = Vec::with_capacity(lost.len());
        for &i in &lost {
            taken.push(self.0.take_unindexed(i));
        }
        drop(taken);
    }
}

#[cfg(test)]
mod tests {
    use hashbrown::HashTable;

    use super::bucket_capacity;

    /// The tombstone count in `reserve_one` is right only if this matches
    /// hashbrown's own room in an empty table.
    #[test]
    fn bucket_capacity_matches_hashbrown() {
        for wanted in [0, 1, 2, 3, 4, 7, 8, 14, 15, 100, 1000, 10_000] {
            let table: HashTable<u32> = HashTable::with_capacity(wanted);
            assert_eq!(
                bucket_capacity(table.num_buckets()),
                table.capacity(),
                "{wanted} wanted, {} buckets",
                table.num_buckets()
            );
        }
    }
}
