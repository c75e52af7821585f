//! The ghost FIFO of S3-FIFO: 32-bit fingerprints of the keys that left
//! the small FIFO unread, oldest first, and a set of them.
//!
//! # Invariants
//!
//! `set` holds exactly the fingerprints in `order`, each once, and
//! `order.len() <= limit`.

use alloc::collections::VecDeque;

use hashbrown::HashTable;

/// Recently evicted keys, by fingerprint.
#[derive(Clone)]
pub(crate) struct Ghost {
    order: VecDeque<u32>,
    set: HashTable<u32>,
    limit: usize,
}

/// The table hash of a fingerprint: a multiply spreads it over 64 bits so
/// that hashbrown's top-7-bit tags differ.
#[inline]
fn spread(fingerprint: u32) -> u64 {
    u64::from(fingerprint).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The fingerprint of a key's 64-bit hash.
#[inline]
fn fingerprint(hash: u64) -> u32 {
    (hash >> 32) as u32 ^ hash as u32
}

impl Ghost {
    /// A ghost of at most `limit` fingerprints; the room is allocated as it
    /// fills.
    pub(crate) fn new(limit: usize) -> Self {
        Ghost {
            order: VecDeque::new(),
            set: HashTable::new(),
            limit,
        }
    }

    /// Whether a key of this hash left recently.
    #[inline]
    pub(crate) fn contains(&self, hash: u64) -> bool {
        let fp = fingerprint(hash);
        self.set.find(spread(fp), |&x| x == fp).is_some()
    }

    /// Remembers a key of this hash, forgetting the oldest one when full.
    pub(crate) fn insert(&mut self, hash: u64) {
        if self.limit == 0 || self.contains(hash) {
            return;
        }
        while self.order.len() >= self.limit {
            self.forget_oldest();
        }
        let fp = fingerprint(hash);
        self.order.push_back(fp);
        if self.set.len() == self.set.capacity() {
            // Refill in place when erased fingerprints left tombstones: the
            // set then allocates only while it grows towards `limit`.
            let wanted = self.order.len();
            self.set.clear();
            if self.set.capacity() < wanted + self.set.capacity() / 16 {
                self.set.reserve(wanted.saturating_mul(2), |_| {
                    unreachable!("the set is empty")
                });
            }
            for &x in &self.order {
                self.set
                    .insert_unique(spread(x), x, |_| unreachable!("the set has room"));
            }
        } else {
            self.set.insert_unique(spread(fp), fp, |&x| spread(x));
        }
    }

    fn forget_oldest(&mut self) {
        if let Some(old) = self.order.pop_front()
            && let Ok(entry) = self.set.find_entry(spread(old), |&x| x == old)
        {
            entry.remove();
        }
    }

    /// Changes the limit, forgetting the oldest fingerprints beyond it.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
        while self.order.len() > limit {
            self.forget_oldest();
        }
    }

    /// Forgets everything, keeping the allocations.
    pub(crate) fn clear(&mut self) {
        self.order.clear();
        self.set.clear();
    }
}
