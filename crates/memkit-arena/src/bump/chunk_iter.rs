//! [`ChunkIter`]: the used bytes of each chunk of a [`Bump`], newest first.

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::mem::MaybeUninit;

use super::Bump;
use crate::raw;

/// Iterator of [`Bump::iter_allocated_chunks`].
#[must_use = "iterators are lazy"]
pub struct ChunkIter<'a, const MIN_ALIGN: usize = 1> {
    raw: raw::RawChunkSlices<'a>,
    _bump: PhantomData<&'a mut Bump<MIN_ALIGN>>,
}

impl<'a, const MIN_ALIGN: usize> ChunkIter<'a, MIN_ALIGN> {
    /// Wraps `raw`, which walks the chunks of a `Bump` borrowed for `'a`.
    pub(super) fn new(raw: raw::RawChunkSlices<'a>) -> Self {
        ChunkIter {
            raw,
            _bump: PhantomData,
        }
    }
}

impl<const MIN_ALIGN: usize> fmt::Debug for ChunkIter<'_, MIN_ALIGN> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkIter").finish_non_exhaustive()
    }
}

impl<'a, const MIN_ALIGN: usize> Iterator for ChunkIter<'a, MIN_ALIGN> {
    type Item = &'a [MaybeUninit<u8>];

    fn next(&mut self) -> Option<Self::Item> {
        self.raw.next()
    }
}

impl<const MIN_ALIGN: usize> FusedIterator for ChunkIter<'_, MIN_ALIGN> {}
