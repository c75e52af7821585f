//! [`Segments`]: a user `Buf` in several pieces.

use memkit_bytes::Buf;

/// A user buffer made of segments that keeps `Buf`'s default
/// `chunks_vectored`, which hands out one chunk only.
#[derive(Debug)]
pub struct Segments {
    segments: Vec<Vec<u8>>,
    /// The segment being read: all before it are consumed.
    index: usize,
    /// Bytes of `segments[index]` already consumed.
    offset: usize,
    remaining: usize,
}

impl Segments {
    /// A buffer reading `segments` in order; empty ones are skipped.
    #[must_use]
    pub fn new(segments: Vec<Vec<u8>>) -> Segments {
        let segments: Vec<Vec<u8>> = segments.into_iter().filter(|s| !s.is_empty()).collect();
        let remaining = segments.iter().map(Vec::len).sum();
        Segments {
            segments,
            index: 0,
            offset: 0,
            remaining,
        }
    }
}

impl Buf for Segments {
    fn remaining(&self) -> usize {
        self.remaining
    }

    fn chunk(&self) -> &[u8] {
        self.segments
            .get(self.index)
            .map_or(&[], |s| &s[self.offset..])
    }

    fn advance(&mut self, mut cnt: usize) {
        assert!(
            cnt <= self.remaining,
            "Segments::advance: {cnt} > {}",
            self.remaining
        );
        self.remaining -= cnt;
        while cnt > 0 {
            let left = self.segments[self.index].len() - self.offset;
            if cnt < left {
                self.offset += cnt;
                return;
            }
            cnt -= left;
            self.index += 1;
            self.offset = 0;
        }
    }
}
