//! The ghost FIFO of S3-FIFO: fingerprints of the keys that left the small
//! FIFO unread, each remembered for about `limit` more departures.
//!
//! Two generations of the same shape: a table of buckets, each one `u64`
//! of [`LANES`] 16-bit fingerprints, the two generations' words of a bucket
//! side by side (one cache line for a lookup). New fingerprints go to the current
//! generation; once it has taken two thirds of `limit`, the other one is
//! emptied and becomes current. A key is so remembered for between two
//! thirds and four thirds of `limit` departures, `limit` on average. A
//! lookup compares one word per generation, an insert writes one lane, and
//! nothing is ever removed one by one: no tombstone, no probe sequence,
//! and one allocation, at the first insert. A full bucket loses a lane
//! picked by the hash, and two keys may share a fingerprint: the ghost
//! only steers where a new key goes, so either costs a little hit ratio at
//! most.
//!
//! # Invariants
//!
//! `words` is empty or holds `2 * per_generation` words, bucket `b` of
//! generation `g` at `words[2 * b + g]`; a lane of 0 is empty, and a key's
//! fingerprint is never 0.

use alloc::vec::Vec;

/// Fingerprints per bucket: four `u16` in a `u64`.
const LANES: u32 = 4;

/// Bit 15 of every lane.
const HIGH: u64 = 0x8000_8000_8000_8000;

/// Recently evicted keys, by fingerprint.
#[derive(Clone)]
pub(crate) struct Ghost {
    words: Vec<u64>,
    /// Buckets per generation.
    per_generation: usize,
    /// The generation that takes inserts, 0 or 1.
    current: usize,
    /// Inserts into the current generation.
    filled: u32,
    /// About how many later departures an entry outlives.
    limit: u32,
    /// How many inserts a generation takes: two thirds of `limit`.
    generation_len: u32,
}

/// The fingerprint of a key's 64-bit hash: its top 16 bits, never 0 (the
/// low half picks the bucket).
#[inline]
fn fingerprint(hash: u64) -> u64 {
    (hash >> 48) | 1
}

/// Bit 15 of each lane of `word` that is 0, and no other bit.
#[inline]
fn zero_lanes(word: u64) -> u64 {
    let low = word & !HIGH;
    !((low + !HIGH) | word) & HIGH
}

impl Ghost {
    /// A ghost of about `limit` fingerprints; the table is allocated at the
    /// first insert.
    pub(crate) fn new(limit: usize) -> Self {
        let mut ghost = Ghost {
            words: Vec::new(),
            per_generation: 0,
            current: 0,
            filled: 0,
            limit: 0,
            generation_len: 0,
        };
        ghost.set_limit(limit);
        ghost
    }

    /// The bucket of a hash in a generation: its low half scaled to the
    /// bucket count, a multiply and a shift.
    #[inline]
    fn bucket(&self, hash: u64) -> usize {
        (((hash & 0xffff_ffff) * self.per_generation as u64) >> 32) as usize
    }

    /// Whether a key of this hash left recently.
    #[inline]
    pub(crate) fn contains(&self, hash: u64) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let at = 2 * self.bucket(hash);
        let pattern = fingerprint(hash) * 0x0001_0001_0001_0001;
        let first = self.words[at] ^ pattern;
        let second = self.words[at + 1] ^ pattern;
        zero_lanes(first) | zero_lanes(second) != 0
    }

    /// Remembers a key of this hash in the current generation: in an empty
    /// lane of its bucket, else in a lane picked by the hash.
    #[inline]
    pub(crate) fn insert(&mut self, hash: u64) {
        if self.words.is_empty() && (self.limit == 0 || !self.allocate()) {
            return;
        }
        if self.filled >= self.generation_len {
            self.turn();
        }
        let at = 2 * self.bucket(hash) + self.current;
        let fp = fingerprint(hash);
        let word = self.words[at];
        if zero_lanes(word ^ (fp * 0x0001_0001_0001_0001)) != 0 {
            return;
        }
        let empty = zero_lanes(word);
        let lane = if empty == 0 {
            ((hash >> 32) as u32 % LANES) * 16
        } else {
            empty.trailing_zeros() - 15
        };
        self.words[at] = (word & !(0xffff << lane)) | (fp << lane);
        self.filled += 1;
    }

    /// Empties the other generation and makes it current.
    #[cold]
    fn turn(&mut self) {
        self.current ^= 1;
        for word in self.words.iter_mut().skip(self.current).step_by(2) {
            *word = 0;
        }
        self.filled = 0;
    }

    /// Allocates both generations, about two lanes per fingerprint a
    /// generation takes; `false` (nothing is remembered) if the allocation
    /// fails.
    #[cold]
    fn allocate(&mut self) -> bool {
        let per_generation = (self.generation_len as usize).div_ceil(2).max(1);
        let Some(words) = per_generation.checked_mul(2) else {
            return false;
        };
        if self.words.try_reserve_exact(words).is_err() {
            return false;
        }
        self.words.resize(words, 0);
        self.per_generation = per_generation;
        true
    }

    /// Changes the limit; the table keeps its size.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = u32::try_from(limit).unwrap_or(u32::MAX);
        self.generation_len = (self.limit / 3).saturating_mul(2).max(1);
    }

    /// Forgets everything, keeping the table.
    pub(crate) fn clear(&mut self) {
        self.words.fill(0);
        self.filled = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::{Ghost, LANES, zero_lanes};

    /// A hash whose low half picks the last bucket.
    const LAST: u64 = 0xdead_beef_ffff_ffff;

    /// Hashes that all pick bucket 0, with distinct fingerprints.
    fn first_bucket(i: u64) -> u64 {
        i << 49
    }

    #[test]
    fn zero_lanes_marks_exactly_the_zero_lanes() {
        assert_eq!(zero_lanes(0), 0x8000_8000_8000_8000);
        assert_eq!(zero_lanes(0x0001_0000_8000_ffff), 0x0000_8000_0000_0000);
        assert_eq!(zero_lanes(0x0100_0001_0002_0000), 0x8000);
        assert_eq!(zero_lanes(u64::MAX), 0);
    }

    #[test]
    fn a_key_is_remembered_for_two_to_four_thirds_of_the_limit() {
        let limit = 60;
        let mut ghost = Ghost::new(limit);
        assert!(
            !ghost.contains(LAST),
            "nothing is remembered before an insert"
        );
        ghost.insert(LAST);
        for i in 1..=2 * limit as u64 / 3 {
            assert!(ghost.contains(LAST), "forgotten after {i} departures");
            ghost.insert(first_bucket(i));
        }
        for i in 1..=2 * limit as u64 / 3 {
            ghost.insert(first_bucket(1000 + i));
        }
        assert!(!ghost.contains(LAST), "remembered past 4/3 of {limit}");
    }

    #[test]
    fn a_crowded_bucket_keeps_its_newest_entry() {
        let mut ghost = Ghost::new(300);
        let keys = 3 * u64::from(LANES);
        let mut remembered = 0;
        for i in 1..=keys {
            ghost.insert(first_bucket(i));
            assert!(ghost.contains(first_bucket(i)), "key {i} just inserted");
        }
        for i in 1..=keys {
            remembered += u32::from(ghost.contains(first_bucket(i)));
        }
        assert!(
            remembered <= LANES,
            "{remembered} keys in one bucket of {LANES} lanes"
        );
        // A remembered key is not stored twice.
        ghost.insert(first_bucket(keys));
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
    }
}
