//! The eviction policies of [`Cache`](crate::Cache).

mod sealed {
    pub trait Sealed {}
}

/// Which entries a [`Cache`](crate::Cache) evicts: [`S3Fifo`] (the
/// default) or [`Sieve`].
pub trait Policy: sealed::Sealed {
    /// Whether this is [`S3Fifo`].
    #[doc(hidden)]
    const S3_FIFO: bool;
}

/// S3-FIFO: new entries enter a small FIFO (3% of the capacity); those
/// read again move to the main FIFO, the others leave and their hashes are
/// remembered in a ghost FIFO, so that a key seen again soon goes straight
/// to the main FIFO. The main FIFO gives entries read since their last
/// pass another round. One-time scans pass through the small FIFO without
/// flushing the main one. While the cache has room for a new entry and the
/// main FIFO for its share (97%), new entries go to the main FIFO: they
/// push nothing out.
///
/// # Examples
///
/// ```
/// use memkit_cache::{Cache, S3Fifo, UnitWeighter};
///
/// let mut cache: Cache<u32, u32, UnitWeighter, S3Fifo> = Cache::new(100);
/// cache.insert(1, 1);
/// assert_eq!(cache.get(&1), Some(&1));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct S3Fifo;

/// SIEVE: one FIFO and a hand that walks from the oldest entry to the
/// newest, clearing the "read" mark of the entries it passes and evicting
/// the first one without it.
///
/// # Examples
///
/// ```
/// use memkit_cache::{Cache, Sieve, UnitWeighter};
///
/// let mut cache: Cache<u32, u32, UnitWeighter, Sieve> = Cache::with_policy(100);
/// cache.insert(1, 1);
/// assert_eq!(cache.get(&1), Some(&1));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Sieve;

impl sealed::Sealed for S3Fifo {}
impl sealed::Sealed for Sieve {}

impl Policy for S3Fifo {
    const S3_FIFO: bool = true;
}

impl Policy for Sieve {
    const S3_FIFO: bool = false;
}
