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
//! with `write <= read <= len` at all times. The pass holds the vector by
//! `&mut` and sets its length to 0 while it runs, so nothing else reads or
//! drops the elements; when the pass drops, it slides the unvisited run
//! down onto the holes and gives the vector back its `write` kept
//! elements. A pass that is leaked (`mem::forget` of its owner) therefore
//! leaks elements but never exposes a hole.

use allocator_api2::alloc::Allocator;
use allocator_api2::vec::Vec;
use core::ptr;

/// A compaction pass over a vector. See the module invariants.
pub(crate) struct Compact<'a, T, A: Allocator> {
    /// The vector, whose length is 0 while the pass runs.
    vec: &'a mut Vec<T, A>,
    /// Start of the vector's buffer; valid for `len` elements.
    base: *mut T,
    /// Next element to visit; `write <= read <= len`.
    read: usize,
    /// Where the next kept element goes.
    write: usize,
    /// The vector's length when the pass began.
    len: usize,
}

impl<'a, T, A: Allocator> Compact<'a, T, A> {
    /// Starts a pass over the elements of `vec`.
    #[inline]
    pub(crate) fn new(vec: &'a mut Vec<T, A>) -> Self {
        let len = vec.len();
        let base = vec.as_mut_ptr();
        // SAFETY: 0 is within capacity, and no element needs initialising;
        // the elements stay in the buffer, owned by the pass from here on.
        unsafe { vec.set_len(0) };
        Compact {
            vec,
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
        // initialised, and used by nothing else, since the vector's length
        // is 0 and the pass holds it by `&mut` (so its buffer neither moves
        // nor frees); the `&mut self` borrow keeps the pass from moving the
        // element while the reference lives.
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
    fn finish(&mut self) -> usize {
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

impl<T, A: Allocator> Drop for Compact<'_, T, A> {
    fn drop(&mut self) {
        let len = self.finish();
        // SAFETY: `finish` left exactly `len` initialised elements at the
        // start of the vector's buffer, within its capacity (`len` is at most
        // the length the pass began with).
        unsafe { self.vec.set_len(len) };
    }
}
