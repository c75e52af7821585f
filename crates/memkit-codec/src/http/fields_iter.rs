//! [`FieldsIter`]: every field of a [`Fields`], in order.

use std::slice;

use super::Fields;
use super::field_list::{FieldSpan, ShortSpan};
use crate::raw::ascii_str;

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
}

impl<'a> FieldsIter<'a> {
    #[inline]
    pub(crate) fn new(fields: &'a Fields) -> FieldsIter<'a> {
        let (inline, spill) = fields.list().as_slices();
        FieldsIter {
            bytes: &fields.bytes,
            inline: inline.iter(),
            spill: spill.iter(),
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
        // Names are tokens, checked by the decoder or the constructor, so
        // ASCII; the check keeps the `&str` sound whatever the bytes.
        let name = ascii_str(field.name.of(self.bytes)).unwrap_or_default();
        Some((name, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.inline.len() + self.spill.len();
        (left, Some(left))
    }
}

impl ExactSizeIterator for FieldsIter<'_> {}
