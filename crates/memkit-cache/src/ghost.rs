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
//! most. An insert does not look for the key first: a key enters the
//! ghost only when it leaves the small FIFO, and it entered that FIFO only
//! because the ghost did not hold it.
//!
//! Bucket, fingerprint and lane come from the hash multiplied by [`MIX`],
//! not from the hash's own bits: those are laid out for hashbrown (good
//! low bits and top seven), and a weak hasher, or foldhash's fast one on
//! small integer keys under some seeds, leaves bits in between nearly
//! constant.
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

/// Multiplies a key's hash before the ghost reads any bit of it: odd, so
/// that bit `i` of the product depends on bits `0..=i` of the hash and the
/// top bits on all of them. Not `sync::Cache`'s shard multiplier: the keys
/// of one shard share the top bits of that product, and would share
/// buckets here.
const MIX: u64 = 0xd6e8_feb8_6659_fd93;

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

/// Where a key goes in the ghost, from its mixed hash `m` (the hash times
/// [`MIX`]).
#[derive(Clone, Copy)]
struct Place {
    /// `m`'s top 32 bits, to be scaled to the bucket count.
    bucket_bits: u64,
    /// `m`'s bits 16 to 31, with bit 0 set so that it is never 0.
    fingerprint: u64,
    /// The lane a full bucket gives up: `m`'s bits 32 and 33, times 16.
    lane: u32,
}

impl Place {
    #[inline]
    fn of(hash: u64) -> Place {
        let m = hash.wrapping_mul(MIX);
        Place {
            bucket_bits: m >> 32,
            fingerprint: ((m >> 16) & 0xffff) | 1,
            lane: ((m >> 32) as u32 % LANES) * 16,
        }
    }
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

    /// The bucket of a place in a generation: its top bits scaled to the
    /// bucket count, a multiply and a shift.
    #[inline]
    fn bucket(&self, place: Place) -> usize {
        ((place.bucket_bits * self.per_generation as u64) >> 32) as usize
    }

    /// Whether a key of this hash left recently.
    #[inline]
    pub(crate) fn contains(&self, hash: u64) -> bool {
        if self.words.is_empty() {
            return false;
        }
        let place = Place::of(hash);
        let at = 2 * self.bucket(place);
        let pattern = place.fingerprint * 0x0001_0001_0001_0001;
        let first = self.words[at] ^ pattern;
        let second = self.words[at + 1] ^ pattern;
        zero_lanes(first) | zero_lanes(second) != 0
    }

    /// Remembers a key of this hash in the current generation: in the
    /// first empty lane of its bucket, else in the lane its hash picks.
    /// The lane is chosen without a branch on the bucket's contents, so
    /// nothing waits for the bucket to arrive from memory but the store.
    #[inline]
    pub(crate) fn insert(&mut self, hash: u64) {
        if self.words.is_empty() && (self.limit == 0 || !self.allocate()) {
            return;
        }
        if self.filled >= self.generation_len {
            self.turn();
        }
        let place = Place::of(hash);
        let at = 2 * self.bucket(place) + self.current;
        let word = self.words[at];
        let empty = zero_lanes(word);
        let lane = core::hint::select_unpredictable(
            empty == 0,
            place.lane,
            empty.trailing_zeros().wrapping_sub(15),
        );
        self.words[at] = (word & !(0xffff << lane)) | (place.fingerprint << lane);
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
    use alloc::vec::Vec;

    use super::{Ghost, LANES, Place, zero_lanes};

    /// A ghost of `limit` with its table allocated, so that its buckets
    /// are known.
    fn allocated(limit: usize) -> Ghost {
        let mut ghost = Ghost::new(limit);
        assert!(ghost.allocate(), "a small table");
        ghost
    }

    /// `count` hashes that go to bucket `bucket` of a ghost of `limit`,
    /// with distinct fingerprints: small integers, as an identity hasher
    /// gives them, each differing from the next in its low bits only.
    fn in_bucket(limit: usize, bucket: usize, count: usize) -> Vec<u64> {
        let probe = allocated(limit);
        let mut found: Vec<u64> = Vec::new();
        for hash in 1..1 << 20 {
            let fingerprint = Place::of(hash).fingerprint;
            if probe.bucket(Place::of(hash)) == bucket
                && found
                    .iter()
                    .all(|&h| Place::of(h).fingerprint != fingerprint)
            {
                found.push(hash);
                if found.len() == count {
                    return found;
                }
            }
        }
        panic!(
            "only {} hashes below 2^20 in bucket {bucket} with distinct fingerprints",
            found.len()
        )
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
        let buckets = allocated(limit).per_generation;
        let kept = in_bucket(limit, buckets - 1, 1)[0];
        let others = in_bucket(limit, 0, 4 * limit / 3 + 2);
        assert!(
            !ghost.contains(kept),
            "nothing is remembered before an insert"
        );
        ghost.insert(kept);
        let (first, second) = others.split_at(2 * limit / 3);
        for (i, &other) in first.iter().enumerate() {
            assert!(ghost.contains(kept), "forgotten after {i} departures");
            ghost.insert(other);
        }
        for &other in second {
            ghost.insert(other);
        }
        assert!(!ghost.contains(kept), "remembered past 4/3 of {limit}");
    }

    #[test]
    fn a_crowded_bucket_keeps_its_newest_entry() {
        let keys = in_bucket(300, 0, 3 * LANES as usize);
        let mut ghost = Ghost::new(300);
        for (i, &key) in keys.iter().enumerate() {
            ghost.insert(key);
            assert!(ghost.contains(key), "key {i} just inserted");
        }
        let remembered = keys.iter().filter(|&&key| ghost.contains(key)).count();
        assert!(
            remembered <= LANES as usize,
            "{remembered} keys in one bucket of {LANES} lanes"
        );
    }

    /// A full bucket gives up the lane its new key's hash picks, from all
    /// of the hash's bits: keys whose hashes differ only in their low bits
    /// (an identity hasher's small integers) do not all take the same lane
    /// and leave the bucket's other entries there for good.
    #[test]
    fn a_full_bucket_gives_up_lanes_the_hashes_pick() {
        let keys = in_bucket(3000, 0, LANES as usize + 40);
        let (first, later) = keys.split_at(LANES as usize);
        let mut ghost = Ghost::new(3000);
        for &key in first {
            ghost.insert(key);
        }
        assert!(first.iter().all(|&key| ghost.contains(key)));
        for &key in later {
            ghost.insert(key);
        }
        let stuck = first.iter().filter(|&&key| ghost.contains(key)).count();
        assert!(
            stuck <= 1,
            "{stuck} of the first {LANES} keys outlived 40 newer ones in their bucket"
        );
    }

    /// Small integer hashes, which differ only in their low bits, are told
    /// apart: the ghost does not take a key it never saw for one it did.
    #[test]
    fn keys_with_only_low_hash_bits_are_told_apart() {
        let mut ghost = Ghost::new(3000);
        for hash in 1..=100 {
            ghost.insert(hash);
        }
        assert!((1..=100).all(|hash| ghost.contains(hash)));
        let mistaken = (1000..3000).filter(|&hash| ghost.contains(hash)).count();
        assert!(
            mistaken <= 2,
            "{mistaken} of 2,000 unseen keys taken as seen"
        );
    }

    #[test]
    fn a_zero_limit_or_a_clear_forgets() {
        let mut off = Ghost::new(0);
        off.insert(7);
        assert!(!off.contains(7));
        let mut ghost = Ghost::new(8);
        ghost.insert(7);
        ghost.clear();
        assert!(!ghost.contains(7));
    }
}
