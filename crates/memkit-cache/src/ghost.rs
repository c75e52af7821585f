//! The ghost FIFO of S3-FIFO: fingerprints of the keys that left the small
//! FIFO unread, each remembered until `limit` more keys have left.
//!
//! A fixed table of buckets of [`WAYS`] entries. An entry packs a key's
//! 32-bit fingerprint with the clock (the count of keys remembered so far)
//! when it left, and counts until `limit` more keys have left after it. A
//! new fingerprint takes the place of the same fingerprint or of the oldest
//! entry of its bucket, so nothing is ever removed: no tombstone, no probe
//! sequence, and one allocation, at the first insert. A crowded bucket
//! forgets its oldest entry early, two keys may share a fingerprint, and an
//! entry left untouched for 2^32 departures looks recent again: the ghost
//! only steers where a new key goes, so each costs a little hit ratio at
//! most.
//!
//! # Invariants
//!
//! `buckets` is empty or holds at least one bucket; an entry is 0 (empty)
//! or `fingerprint << 32 | clock`, and a fingerprint is never 0.

use alloc::vec::Vec;

/// Entries per bucket: four `u64`, half a cache line.
const WAYS: usize = 4;

/// Recently evicted keys, by fingerprint.
#[derive(Clone)]
pub(crate) struct Ghost {
    buckets: Vec<[u64; WAYS]>,
    /// How many later departures an entry outlives.
    limit: u32,
    /// Keys remembered so far, wrapping.
    clock: u32,
}

/// The fingerprint of a key's 64-bit hash: its high half, never 0 (the
/// low half picks the bucket).
#[inline]
fn fingerprint(hash: u64) -> u32 {
    (hash >> 32) as u32 | 1
}

impl Ghost {
    /// A ghost of about `limit` fingerprints; the table is allocated at the
    /// first insert.
    pub(crate) fn new(limit: usize) -> Self {
        Ghost {
            buckets: Vec::new(),
            limit: u32::try_from(limit).unwrap_or(u32::MAX),
            clock: 0,
        }
    }

    /// The bucket of a hash: its low half scaled to the bucket count, a
    /// multiply and a shift. `None` before the first insert.
    #[inline]
    fn bucket(&self, hash: u64) -> Option<usize> {
        let count = self.buckets.len() as u64;
        if count == 0 {
            return None;
        }
        Some((((hash & 0xffff_ffff) * count) >> 32) as usize)
    }

    /// Whether `entry` holds fingerprint `fp` and is still remembered.
    #[inline]
    fn live(&self, entry: u64, fp: u32) -> bool {
        (entry >> 32) as u32 == fp && self.clock.wrapping_sub(entry as u32) <= self.limit
    }

    /// Whether a key of this hash left recently.
    #[inline]
    pub(crate) fn contains(&self, hash: u64) -> bool {
        let Some(at) = self.bucket(hash) else {
            return false;
        };
        let fp = fingerprint(hash);
        let bucket = &self.buckets[at];
        bucket
            .iter()
            .fold(false, |seen, &e| seen | self.live(e, fp))
    }

    /// Remembers a key of this hash, in the place of the same fingerprint
    /// or of the oldest entry of its bucket.
    pub(crate) fn insert(&mut self, hash: u64) {
        if self.limit == 0 {
            return;
        }
        if self.buckets.is_empty() && !self.allocate() {
            return;
        }
        let Some(at) = self.bucket(hash) else {
            return;
        };
        let fp = fingerprint(hash);
        let clock = self.clock;
        let bucket = &mut self.buckets[at];
        // The age of each entry, the same fingerprint counting as oldest.
        let age = |e: u64| {
            if (e >> 32) as u32 == fp {
                u32::MAX
            } else {
                clock.wrapping_sub(e as u32)
            }
        };
        let (mut way, mut oldest) = (0, age(bucket[0]));
        for (i, &e) in bucket.iter().enumerate().skip(1) {
            let a = age(e);
            if a > oldest {
                (way, oldest) = (i, a);
            }
        }
        bucket[way] = (u64::from(fp) << 32) | u64::from(clock);
        self.clock = clock.wrapping_add(1);
    }

    /// Allocates the table, about one and a half entries per remembered
    /// key; `false` (nothing is remembered) if the allocation fails.
    #[cold]
    fn allocate(&mut self) -> bool {
        let entries = (self.limit as usize).saturating_add(self.limit as usize / 2);
        let count = entries.div_ceil(WAYS).max(1);
        if self.buckets.try_reserve_exact(count).is_err() {
            return false;
        }
        self.buckets.resize(count, [0; WAYS]);
        true
    }

    /// Changes how many departures an entry outlives.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = u32::try_from(limit).unwrap_or(u32::MAX);
    }

    /// Forgets everything, keeping the table.
    pub(crate) fn clear(&mut self) {
        self.buckets.fill([0; WAYS]);
        self.clock = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::{Ghost, WAYS};

    /// A hash whose low half picks the last bucket.
    const LAST: u64 = 0xdead_beef_ffff_ffff;

    /// Hashes that all pick bucket 0, with distinct fingerprints.
    fn first_bucket(i: u64) -> u64 {
        (i << 33) & !0xffff_ffff
    }

    #[test]
    fn a_key_is_remembered_for_limit_departures() {
        let limit = 64;
        let mut ghost = Ghost::new(limit);
        assert!(
            !ghost.contains(LAST),
            "nothing is remembered before an insert"
        );
        ghost.insert(LAST);
        for i in 1..limit as u64 {
            assert!(ghost.contains(LAST), "forgotten after {i} departures");
            ghost.insert(first_bucket(i));
        }
        assert!(ghost.contains(LAST), "forgotten before {limit} departures");
        ghost.insert(first_bucket(limit as u64));
        assert!(!ghost.contains(LAST), "remembered past {limit} departures");
    }

    #[test]
    fn a_crowded_bucket_keeps_its_newest_entries() {
        let mut ghost = Ghost::new(64);
        let keys = 3 * WAYS as u64;
        for i in 1..=keys {
            ghost.insert(first_bucket(i));
        }
        for i in 1..=keys {
            let newest = i > keys - WAYS as u64;
            assert_eq!(ghost.contains(first_bucket(i)), newest, "key {i} of {keys}");
        }
        // Inserting a remembered key again refreshes it in place.
        ghost.insert(first_bucket(keys - WAYS as u64 + 1));
        assert!(ghost.contains(first_bucket(keys)));
    }

    #[test]
    fn a_zero_limit_or_a_clear_forgets() {
        let mut off = Ghost::new(0);
        off.insert(LAST);
        assert!(!off.contains(LAST));
        let mut ghost = Ghost::new(8);
        ghost.insert(LAST);
        ghost.clear();
        assert!(!ghost.contains(LAST));
        ghost.insert(LAST);
        ghost.set_limit(0);
        assert!(!ghost.contains(LAST), "a lower limit forgets older entries");
    }
}
