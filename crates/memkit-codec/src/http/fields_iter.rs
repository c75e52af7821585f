//! [`FieldsIter`]: every field of a [`Fields`], in order.

use super::Fields;

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
    fields: &'a Fields,
    next: usize,
}

impl<'a> FieldsIter<'a> {
    pub(crate) fn new(fields: &'a Fields) -> FieldsIter<'a> {
        FieldsIter { fields, next: 0 }
    }
}

impl<'a> Iterator for FieldsIter<'a> {
    type Item = (&'a str, &'a [u8]);

    fn next(&mut self) -> Option<(&'a str, &'a [u8])> {
        let (name, value) = self.fields.field(self.next)?;
        self.next += 1;
        // Names are tokens, checked by the decoder: ASCII.
        Some((std::str::from_utf8(name).unwrap_or_default(), value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.fields.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for FieldsIter<'_> {}
