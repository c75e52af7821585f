//! [`Compact<T>`]: one left-to-right pass that removes some elements of a
//! buffer and slides the others down, for `Vec::drain_filter`.
//!
//! # Invariants
//!
//! The buffer `base .. base + len` is split into three runs:
//!
//! ```text
//! [0, write)      kept elements, initialised, in their original order
//! [write, read)   holes: moved out or dropped, never read again
//! [read, len)     not yet visited, initialised
//! ```
//!
//! with `write <= read <= len` at all times. While the pass runs, the
//! owning vector's length is 0, so nothing else reads or drops the
//! elements; [`Compact::finish`] slides the unvisited run down onto the
//! holes and returns the length to give back to the vector. A pass that is
//! leaked (`mem::forget` of its owner) therefore leaks elements but never
//! exposes a hole.

use core::ptr;

/// The state of a compaction pass. See the module invariants.
pub(crate) struct Compact<T> {
    /// Start of the buffer; valid for `len` elements.
    base: *mut T,
    /// Next element to visit; `write <= read <= len`.
    read: usize,
    /// Where the next kept element goes.
    write: usize,
    /// The vector's length when the pass began.
    len: usize,
}

impl<T> Compact<T> {
    /// Starts a pass over `len` elements at `base`.
    ///
    /// # Safety
    ///
    /// * `base` is non-null and aligned, and `base .. base + len` holds
    ///   `len` initialised `T`s.
    /// * Until [`finish`](Compact::finish) has run, nothing but this pass
    ///   reads, writes or drops them (the owning vector's length is 0), and
    ///   the buffer is neither moved nor freed.
    #[inline]
    pub(crate) unsafe fn new(base: *mut T, len: usize) -> Self {
        Compact {
            base,
            read: 0,
            write: 0,
            len,
        }
    }

    /// Elements not visited yet.
    #[inline]
    pub(crate) fn remaining(&self) -> usize {
        self.len - self.read
    }

    /// The next unvisited element, or `None` at the end.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<&mut T> {
        if self.read == self.len {
            return None;
        }
        // SAFETY: `read < len`, so the slot is in the unvisited run:
        // initialised and used by nothing else (invariants, `new`'s
        // contract); the `&mut self` borrow keeps the pass from moving it
        // while the reference lives.
        Some(unsafe { &mut *self.base.add(self.read) })
    }

    /// Moves the next unvisited element out; its slot becomes a hole.
    ///
    /// # Panics
    ///
    /// If every element was visited already.
    #[inline]
    pub(crate) fn take(&mut self) -> T {
        assert!(self.read < self.len, "Compact::take past the end");
        // SAFETY: `read < len` (checked): the slot is initialised and ours;
        // advancing `read` below turns it into a hole, so it is never read
        // or dropped again.
        let value = unsafe { self.base.add(self.read).read() };
        self.read += 1;
        value
    }

    /// Keeps the next unvisited element, moving it down to `write`.
    ///
    /// # Panics
    ///
    /// If every element was visited already.
    #[inline]
    pub(crate) fn keep(&mut self) {
        assert!(self.read < self.len, "Compact::keep past the end");
        if self.read != self.write {
            // SAFETY: `write < read < len`: the source is initialised, the
            // destination is a hole, and they are distinct slots of one
            // buffer.
            unsafe {
                let base = self.base;
                ptr::copy_nonoverlapping(base.add(self.read), base.add(self.write), 1);
            }
        }
        self.read += 1;
        self.write += 1;
    }

    /// Slides the unvisited elements down onto the holes and returns the
    /// number of initialised elements now at the start of the buffer. The
    /// pass is then over: it has nothing left to visit, and calling
    /// `finish` again returns the same length.
    #[inline]
    pub(crate) fn finish(&mut self) -> usize {
        let tail = self.len - self.read;
        if tail > 0 && self.write != self.read {
            // SAFETY: `write < read`, and `read .. len` is initialised: the
            // tail moves down onto holes and its own vacated slots
            // (`ptr::copy` allows the overlap).
            unsafe {
                let base = self.base;
                ptr::copy(base.add(self.read), base.add(self.write), tail);
            }
        }
        self.write += tail;
        self.read = self.write;
        self.len = self.write;
        self.write
    }
}
