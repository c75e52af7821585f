//! [`FieldsIter`]: every field of a [`Fields`], in order.

use std::slice;

use super::Fields;
use super::field_list::{FieldSpan, ShortSpan};

/// Every field of a [`Fields`] as `(name, value)`, in order.
///
/// # Examples
///
/// ```
/// let fields = memkit_codec::http::Fields::default();
/// let mut iter = fields.iter();
/// assert_eq!(iter.next(), None);
/// ```
#[derive(Debug, Clone)]
#[must_use = "iterators are lazy"]
pub struct FieldsIter<'a> {
    bytes: &'a [u8],
    /// The fields not yet visited: the rest of the inline ones, then the
    /// rest of the spilled ones.
    inline: slice::Iter<'a, ShortSpan>,
    spill: slice::Iter<'a, FieldSpan>,
    /// The bytes from the first name to the end of the last, as far as
    /// they are UTF-8 (all of them, unless a value holds obs-text), checked
    /// once: names are then slices of it, not converted one by one.
    names: &'a str,
    /// Where `names` starts in `bytes`.
    names_at: usize,
}

impl<'a> FieldsIter<'a> {
    #[inline]
    pub(crate) fn new(fields: &'a Fields) -> FieldsIter<'a> {
        let (inline, spill) = fields.list.as_slices();
        let first = inline.first().map(|f| f.widen()).or(spill.first().copied());
        let last = spill.last().copied().or(inline.last().map(|f| f.widen()));
        let names_at = first.map_or(0, |f| f.name.start as usize);
        let names_end = last.map_or(0, |f| f.name.end as usize);
        let region = &fields.bytes[names_at..names_end];
        let names = match std::str::from_utf8(region) {
            Ok(names) => names,
            Err(e) => std::str::from_utf8(&region[..e.valid_up_to()]).unwrap_or_default(),
        };
        FieldsIter {
            bytes: &fields.bytes,
            inline: inline.iter(),
            spill: spill.iter(),
            names,
            names_at,
        }
    }
}

impl<'a> Iterator for FieldsIter<'a> {
    type Item = (&'a str, &'a [u8]);

    #[inline]
    fn next(&mut self) -> Option<(&'a str, &'a [u8])> {
        let field = match self.inline.next() {
            Some(short) => short.widen(),
            None => *self.spill.next()?,
        };
        let value = field.value.of(self.bytes);
        let start = (field.name.start as usize).wrapping_sub(self.names_at);
        let end = (field.name.end as usize).wrapping_sub(self.names_at);
        // Names are tokens, checked by the decoder: ASCII, so a slice of
        // `names` when it reaches this far, and valid UTF-8 in any case.
        let name = match self.names.get(start..end) {
            Some(name) => name,
            None => std::str::from_utf8(field.name.of(self.bytes)).unwrap_or_default(),
        };
        Some((name, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.inline.len() + self.spill.len();
        (left, Some(left))
    }
}

impl ExactSizeIterator for FieldsIter<'_> {}
