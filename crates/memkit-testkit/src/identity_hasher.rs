//! [`IdentityHasher`]: a hasher that keeps the key as its hash.

use std::hash::Hasher;

/// A [`Hasher`] whose hash of a `u64` key is the key itself, so that small
/// integer keys differ only in their low hash bits. A table or a cache
/// that takes its bucket, shard or lane from the high bits alone crowds
/// them together; with `BuildHasherDefault<IdentityHasher>` a test shows
/// it, whatever seed the default hasher would have drawn.
///
/// Other input is shifted in a byte at a time, so it still hashes
/// deterministically.
///
/// # Examples
///
/// ```
/// use std::hash::{BuildHasher, BuildHasherDefault};
///
/// use memkit_testkit::IdentityHasher;
///
/// let build = BuildHasherDefault::<IdentityHasher>::default();
/// assert_eq!(build.hash_one(42u64), 42);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0 << 8 | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
