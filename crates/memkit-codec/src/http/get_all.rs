//! [`GetAll`]: the values of every field of one name.

use super::Fields;

/// The values of every field with one name, in order; from
/// [`Fields::get_all`].
///
/// # Examples
///
/// ```
/// let fields = memkit_codec::http::Fields::default();
/// assert_eq!(fields.get_all("x").next(), None);
/// ```
#[derive(Debug, Clone)]
#[must_use = "iterators are lazy"]
pub struct GetAll<'a> {
    fields: &'a Fields,
    name: &'a [u8],
    next: usize,
}

impl<'a> GetAll<'a> {
    pub(crate) fn new(fields: &'a Fields, name: &'a [u8]) -> GetAll<'a> {
        GetAll {
            fields,
            name,
            next: 0,
        }
    }
}

impl<'a> Iterator for GetAll<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        while let Some((name, value)) = self.fields.field(self.next) {
            self.next += 1;
            if name.eq_ignore_ascii_case(self.name) {
                return Some(value);
            }
        }
        None
    }
}
