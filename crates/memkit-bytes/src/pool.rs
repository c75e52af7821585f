//! [`BytesPool`]: a bounded pool of reusable buffers.

use core::fmt;

use crate::BytesMut;
use crate::raw::RawPool;

/// A bounded pool of reusable byte buffers. Not part of `bytes`.
///
/// [`get`](BytesPool::get) hands out a [`BytesMut`]. When the last handle to
/// that buffer's storage drops — the `BytesMut` itself or any [`Bytes`]
/// split or frozen from it, on any thread — the storage goes back to the
/// pool instead of to the allocator. The pool keeps at most `max_pooled`
/// idle buffers and frees the rest, so a steady read → split → freeze → drop
/// loop makes no allocation once warm.
///
/// Clones share one pool. Dropping every handle of the pool while buffers
/// are still out is safe: those buffers are freed when they come back.
///
/// Needs the `std` feature (for its lock).
///
/// [`Bytes`]: crate::Bytes
///
/// # Examples
///
/// ```
/// use memkit_bytes::{BufMut, BytesPool};
///
/// let pool = BytesPool::new(16);
/// for _ in 0..3 {
///     let mut buf = pool.get(4096);
///     buf.put_slice(b"GET / HTTP/1.1\r\n");
///     let line = buf.split().freeze();
///     assert_eq!(line.len(), 16);
/// } // `buf` and `line` drop here; their shared storage returns to the pool.
/// assert_eq!(pool.pooled(), 1);
/// ```
#[derive(Clone)]
pub struct BytesPool {
    raw: RawPool,
}

impl BytesPool {
    /// A pool that keeps at most `max_pooled` idle buffers.
    ///
    /// `max_pooled` is a bound, not a reservation: any value works, up to
    /// `usize::MAX` (no bound). The free list has room for 16 idle buffers up
    /// front and grows, one pointer per buffer, only as buffers come back, so
    /// its memory follows the most buffers ever idle at once. A small pool
    /// never allocates to take a buffer back; should growing the list fail,
    /// the returning buffer is freed instead.
    ///
    /// When [`get`](BytesPool::get) finds no idle buffer big enough while
    /// `max_pooled` are idle, it frees the one idle the longest, so that the
    /// new buffer has a place when it comes back.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesPool;
    ///
    /// let pool = BytesPool::new(8);
    /// assert_eq!(pool.max_pooled(), 8);
    /// assert_eq!(pool.pooled(), 0);
    ///
    /// // No bound: the free list grows with the buffers that come back.
    /// let unbounded = BytesPool::new(usize::MAX);
    /// drop((unbounded.get(64), unbounded.get(64)));
    /// assert_eq!(unbounded.pooled(), 2);
    /// ```
    pub fn new(max_pooled: usize) -> BytesPool {
        BytesPool {
            raw: RawPool::new(max_pooled),
        }
    }

    /// An empty buffer with at least `capacity` bytes of room: an idle
    /// pooled buffer that is big enough if there is one (its whole capacity
    /// is available), a new one otherwise.
    ///
    /// # Panics
    ///
    /// If `capacity` exceeds `isize::MAX` minus a small header.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesPool;
    ///
    /// let pool = BytesPool::new(4);
    /// let first = pool.get(1024);
    /// let addr = first.as_ptr();
    /// drop(first);
    /// let second = pool.get(512);
    /// assert_eq!(second.as_ptr(), addr); // the same storage, reused
    /// assert!(second.capacity() >= 1024);
    /// ```
    pub fn get(&self, capacity: usize) -> BytesMut {
        BytesMut::from_raw(self.raw.get(capacity))
    }

    /// How many idle buffers the pool holds now.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesPool;
    ///
    /// let pool = BytesPool::new(4);
    /// drop(pool.get(64));
    /// assert_eq!(pool.pooled(), 1);
    /// ```
    pub fn pooled(&self) -> usize {
        self.raw.pooled()
    }

    /// The most idle buffers this pool keeps.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesPool;
    ///
    /// assert_eq!(BytesPool::new(3).max_pooled(), 3);
    /// ```
    pub fn max_pooled(&self) -> usize {
        self.raw.max_pooled()
    }
}

impl fmt::Debug for BytesPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.raw, f)
    }
}
