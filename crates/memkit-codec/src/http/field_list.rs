//! The positions of the fields of a head, with room for 16 inline.

/// A range of a head's bytes. `start <= end <= head length <= u32::MAX`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Span {
        // The decoder caps heads below u32::MAX bytes (Limits::max_head_bytes).
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub(crate) fn of(self, bytes: &[u8]) -> &[u8] {
        &bytes[self.start as usize..self.end as usize]
    }
}

/// One field: its name and its value (without surrounding whitespace).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FieldSpan {
    pub(crate) name: Span,
    pub(crate) value: Span,
}

/// Fields kept inline before the list spills to the heap.
pub(crate) const INLINE_FIELDS: usize = 16;

/// An ordered list of fields: the first [`INLINE_FIELDS`] inline, the rest
/// in `spill`, so a head of up to 16 fields allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldList {
    inline: [FieldSpan; INLINE_FIELDS],
    /// Fields in `inline`: `inline_len <= INLINE_FIELDS`, and `spill` is
    /// empty unless `inline_len == INLINE_FIELDS`.
    inline_len: usize,
    spill: Vec<FieldSpan>,
}

impl FieldList {
    pub(crate) fn len(&self) -> usize {
        self.inline_len + self.spill.len()
    }

    pub(crate) fn push(&mut self, field: FieldSpan) {
        if self.inline_len < INLINE_FIELDS {
            self.inline[self.inline_len] = field;
            self.inline_len += 1;
        } else {
            self.spill.push(field);
        }
    }

    pub(crate) fn last_mut(&mut self) -> Option<&mut FieldSpan> {
        if let Some(last) = self.spill.last_mut() {
            return Some(last);
        }
        self.inline[..self.inline_len].last_mut()
    }

    pub(crate) fn get(&self, index: usize) -> Option<&FieldSpan> {
        if index < self.inline_len {
            Some(&self.inline[index])
        } else {
            self.spill.get(index - self.inline_len)
        }
    }

    /// The fields in order: the inline ones, then the spilled ones.
    pub(crate) fn as_slices(&self) -> (&[FieldSpan], &[FieldSpan]) {
        (&self.inline[..self.inline_len], &self.spill)
    }

    /// The list, leaving this one empty; the inline entries are copied,
    /// not reset, as only `inline_len` says which are in use.
    pub(crate) fn take(&mut self) -> FieldList {
        let list = FieldList {
            inline: self.inline,
            inline_len: self.inline_len,
            spill: std::mem::take(&mut self.spill),
        };
        self.inline_len = 0;
        list
    }

    pub(crate) fn clear(&mut self) {
        self.inline_len = 0;
        self.spill.clear();
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &FieldSpan> {
        self.inline[..self.inline_len]
            .iter()
            .chain(self.spill.iter())
    }
}
