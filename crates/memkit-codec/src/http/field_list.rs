//! The positions of the fields of a head, with room for 16 inline.

/// A range of a head's bytes. `start <= end <= head length <= u32::MAX`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span {
    #[inline]
    pub(crate) fn new(start: usize, end: usize) -> Span {
        // The decoder caps heads below u32::MAX bytes (Limits::max_head_bytes).
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    #[inline]
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

/// A [`FieldSpan`] whose positions all fit in 16 bits, as they do in any
/// head of up to 64 KiB (the default limit): half the size, so a decoded
/// head, and every decode result that holds one, is smaller to move.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ShortSpan {
    name_start: u16,
    name_end: u16,
    value_start: u16,
    value_end: u16,
}

impl ShortSpan {
    /// `field` in 16 bits, when it fits: as each span starts no later
    /// than it ends, the larger end is the largest position.
    #[inline]
    fn new(field: FieldSpan) -> Option<ShortSpan> {
        if field.name.end.max(field.value.end) > u32::from(u16::MAX) {
            return None;
        }
        Some(ShortSpan {
            name_start: field.name.start as u16,
            name_end: field.name.end as u16,
            value_start: field.value.start as u16,
            value_end: field.value.end as u16,
        })
    }

    #[inline]
    pub(crate) fn widen(self) -> FieldSpan {
        FieldSpan {
            name: Span {
                start: self.name_start.into(),
                end: self.name_end.into(),
            },
            value: Span {
                start: self.value_start.into(),
                end: self.value_end.into(),
            },
        }
    }
}

/// Fields kept inline before the list spills to the heap.
pub(crate) const INLINE_FIELDS: usize = 16;

/// An ordered list of fields: the first [`INLINE_FIELDS`] inline, the rest
/// in `spill`, so a head of up to 16 fields (and 64 KiB) allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldList {
    inline: [ShortSpan; INLINE_FIELDS],
    /// Fields in `inline`: `inline_len <= INLINE_FIELDS`. The fields in
    /// `spill` come after them, and `spill` is empty unless the next field
    /// could not go inline (the inline room was full, or a position did
    /// not fit in 16 bits); positions only grow, so from then on every
    /// field goes to `spill`.
    inline_len: u32,
    spill: Vec<FieldSpan>,
}

impl FieldList {
    /// The empty list, for a [`Fields`](super::Fields) without one.
    pub(crate) const EMPTY: FieldList = FieldList {
        inline: [ShortSpan {
            name_start: 0,
            name_end: 0,
            value_start: 0,
            value_end: 0,
        }; INLINE_FIELDS],
        inline_len: 0,
        spill: Vec::new(),
    };

    pub(crate) fn len(&self) -> usize {
        self.inline_len as usize + self.spill.len()
    }

    #[inline]
    pub(crate) fn push(&mut self, field: FieldSpan) {
        let len = self.inline_len as usize;
        if self.spill.is_empty()
            && len < INLINE_FIELDS
            && let Some(short) = ShortSpan::new(field)
        {
            self.inline[len] = short;
            self.inline_len += 1;
        } else {
            self.spill.push(field);
        }
    }

    pub(crate) fn last(&self) -> Option<FieldSpan> {
        match self.spill.last() {
            Some(&last) => Some(last),
            None => self.inline[..self.inline_len as usize]
                .last()
                .map(|short| short.widen()),
        }
    }

    /// Replaces the last field (there is one); it moves to `spill` when it
    /// no longer fits in 16 bits.
    pub(crate) fn set_last(&mut self, field: FieldSpan) {
        if let Some(last) = self.spill.last_mut() {
            *last = field;
            return;
        }
        let last = self.inline_len as usize - 1;
        match ShortSpan::new(field) {
            Some(short) => self.inline[last] = short,
            None => {
                self.inline_len -= 1;
                self.spill.push(field);
            }
        }
    }

    pub(crate) fn get(&self, index: usize) -> Option<FieldSpan> {
        let inline = &self.inline[..self.inline_len as usize];
        match inline.get(index) {
            Some(short) => Some(short.widen()),
            None => self.spill.get(index - inline.len()).copied(),
        }
    }

    /// The fields in order: the inline ones, then the spilled ones.
    pub(crate) fn as_slices(&self) -> (&[ShortSpan], &[FieldSpan]) {
        (&self.inline[..self.inline_len as usize], &self.spill)
    }

    /// Moves the fields of `from` here, leaving `from` empty: only the
    /// inline entries in use are copied, and the two spill vectors swap,
    /// so each keeps heap room for the next list that spills.
    #[inline]
    pub(crate) fn move_from(&mut self, from: &mut FieldList) {
        let len = from.inline_len as usize;
        self.inline[..len].copy_from_slice(&from.inline[..len]);
        self.inline_len = from.inline_len;
        std::mem::swap(&mut self.spill, &mut from.spill);
        from.clear();
    }

    pub(crate) fn clear(&mut self) {
        self.inline_len = 0;
        self.spill.clear();
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = FieldSpan> {
        let (inline, spill) = self.as_slices();
        inline
            .iter()
            .map(|short| short.widen())
            .chain(spill.iter().copied())
    }
}
