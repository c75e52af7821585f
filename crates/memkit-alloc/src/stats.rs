use core::ops::Sub;

/// A snapshot of allocator activity: totals since counting started, or the
/// change over a [`Region`](crate::Region).
///
/// A `realloc` counts once in [`reallocs`](Self::reallocs) and, for bytes,
/// as freeing the old size and allocating the new one, so
/// [`live_bytes`](Self::live_bytes) stays exact. Failed calls (a null from
/// the inner allocator) are not counted.
///
/// # Examples
///
/// ```
/// use memkit_alloc::{CountingAlloc, Region};
///
/// #[global_allocator]
/// static GLOBAL: CountingAlloc = CountingAlloc::system();
///
/// let region = Region::thread();
/// let mut v: Vec<u8> = Vec::with_capacity(8);
/// v.extend_from_slice(&[0; 16]); // grows with one realloc
/// drop(v);
/// let stats = region.stats();
/// assert_eq!((stats.allocs, stats.reallocs, stats.deallocs), (1, 1, 1));
/// assert_eq!(stats.bytes_allocated, 8 + 16);
/// assert_eq!(stats.bytes_freed, 8 + 16);
/// assert_eq!(stats.live_bytes(), 0);
/// assert_eq!(stats.peak_live_bytes, 16);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Stats {
    /// Successful `alloc` and `alloc_zeroed` calls.
    pub allocs: u64,
    /// `dealloc` calls.
    pub deallocs: u64,
    /// Successful `realloc` calls.
    pub reallocs: u64,
    /// Bytes handed out: each `alloc`'s size, and each `realloc`'s new size.
    pub bytes_allocated: u64,
    /// Bytes given back: each `dealloc`'s size, and each `realloc`'s old size.
    pub bytes_freed: u64,
    /// The highest [`live_bytes`](Self::live_bytes) reached. For a region,
    /// measured from the region's start, so a region that only frees has a
    /// peak of 0.
    pub peak_live_bytes: u64,
}

impl Stats {
    /// No activity at all: what a region that never touched the allocator
    /// reports.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, Stats};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let ((), stats) = memkit_alloc::measure(|| {
    ///     let v: Vec<u64> = Vec::new(); // an empty Vec does not allocate
    ///     assert!(v.is_empty());
    /// });
    /// assert_eq!(stats, Stats::ZERO);
    /// ```
    pub const ZERO: Stats = Stats {
        allocs: 0,
        deallocs: 0,
        reallocs: 0,
        bytes_allocated: 0,
        bytes_freed: 0,
        peak_live_bytes: 0,
    };

    /// Bytes allocated and not yet freed: `bytes_allocated - bytes_freed`.
    ///
    /// Negative when more was freed than allocated, for example by a region
    /// that drops memory allocated before it started.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, measure};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let (kept, stats) = measure(|| vec![0u8; 100]);
    /// assert_eq!(stats.live_bytes(), 100);
    /// let ((), stats) = measure(|| drop(kept));
    /// assert_eq!(stats.live_bytes(), -100);
    /// ```
    #[must_use]
    pub const fn live_bytes(&self) -> i64 {
        self.bytes_allocated.wrapping_sub(self.bytes_freed) as i64
    }

    /// Blocks allocated and not yet freed: `allocs - deallocs` (a `realloc`
    /// moves a block, it neither adds nor removes one). Negative when more
    /// blocks were freed than allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, measure};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let (boxes, stats) = measure(|| (Box::new(1u32), Box::new(2u32)));
    /// assert_eq!(stats.live_blocks(), 2);
    /// drop(boxes);
    /// ```
    #[must_use]
    pub const fn live_blocks(&self) -> i64 {
        self.allocs.wrapping_sub(self.deallocs) as i64
    }

    /// Calls that produced new memory: `allocs + reallocs`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, measure};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let (v, stats) = measure(|| {
    ///     let mut v = Vec::with_capacity(1);
    ///     v.extend_from_slice(&[1u8, 2, 3]);
    ///     v
    /// });
    /// assert_eq!(stats.new_memory(), 2);
    /// drop(v);
    /// ```
    #[must_use]
    pub const fn new_memory(&self) -> u64 {
        self.allocs.wrapping_add(self.reallocs)
    }

    /// The change from `earlier` to `self`, two snapshots of the same
    /// counters (`earlier` taken first). Same as `self - earlier`.
    ///
    /// Call counts and byte counts are differences. The peak is
    /// `self.peak_live_bytes` minus `earlier`'s live bytes (at least 0): the
    /// exact rise over the interval when the peak was reset at `earlier`,
    /// as [`Region`](crate::Region) does, and an upper bound otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_alloc::{CountingAlloc, thread_stats};
    ///
    /// #[global_allocator]
    /// static GLOBAL: CountingAlloc = CountingAlloc::system();
    ///
    /// let before = thread_stats();
    /// let b = Box::new([0u8; 32]);
    /// let change = thread_stats().delta(&before);
    /// assert_eq!(change.allocs, 1);
    /// assert_eq!(change.bytes_allocated, 32);
    /// assert_eq!(change, thread_stats() - before);
    /// drop(b);
    /// ```
    #[must_use]
    pub const fn delta(&self, earlier: &Stats) -> Stats {
        let rise = (self.peak_live_bytes as i64).wrapping_sub(earlier.live_bytes());
        Stats {
            allocs: self.allocs.wrapping_sub(earlier.allocs),
            deallocs: self.deallocs.wrapping_sub(earlier.deallocs),
            reallocs: self.reallocs.wrapping_sub(earlier.reallocs),
            bytes_allocated: self.bytes_allocated.wrapping_sub(earlier.bytes_allocated),
            bytes_freed: self.bytes_freed.wrapping_sub(earlier.bytes_freed),
            peak_live_bytes: if rise > 0 { rise as u64 } else { 0 },
        }
    }
}

/// `later - earlier` is [`later.delta(&earlier)`](Stats::delta).
impl Sub for Stats {
    type Output = Stats;

    fn sub(self, earlier: Stats) -> Stats {
        self.delta(&earlier)
    }
}
