//! [`ChunkRawIter`]: raw pointers to the used bytes of each chunk of a
//! [`Bump`], newest first.

use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;

use super::Bump;
use crate::raw;

/// Iterator of [`Bump::iter_allocated_chunks_raw`].
#[must_use = "iterators are lazy"]
pub struct ChunkRawIter<'a, const MIN_ALIGN: usize = 1> {
    raw: raw::RawChunkIter,
    _bump: PhantomData<&'a Bump<MIN_ALIGN>>,
}

impl<'a, const MIN_ALIGN: usize> ChunkRawIter<'a, MIN_ALIGN> {
    /// Wraps `raw`, which walks the chunks of a `Bump` borrowed for `'a`.
    pub(super) fn new(raw: raw::RawChunkIter) -> Self {
        ChunkRawIter {
            raw,
            _bump: PhantomData,
        }
    }
}

impl<const MIN_ALIGN: usize> fmt::Debug for ChunkRawIter<'_, MIN_ALIGN> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkRawIter").finish_non_exhaustive()
    }
}

impl<const MIN_ALIGN: usize> Iterator for ChunkRawIter<'_, MIN_ALIGN> {
    type Item = (*mut u8, usize);

    fn next(&mut self) -> Option<Self::Item> {
        self.raw.next().map(|(p, len)| (p.as_ptr(), len))
    }
}

impl<const MIN_ALIGN: usize> FusedIterator for ChunkRawIter<'_, MIN_ALIGN> {}
