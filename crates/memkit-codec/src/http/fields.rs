//! [`Fields`]: the header or trailer fields of a message.

use std::fmt;
use triomphe::Arc;

use memkit_bytes::Bytes;

use super::field_list::{FieldList, FieldSpan};
use super::{FieldsIter, GetAll};

/// The fields of a head or a trailer section, in the order they arrived.
///
/// Names and values are views of one frozen [`Bytes`]: nothing is copied.
/// Values have no leading or trailing whitespace. Lookups ignore ASCII case.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BytesMut;
/// use memkit_codec::Decoder;
/// use memkit_codec::http::{RequestDecoder, RequestFrame};
///
/// let mut buf = BytesMut::from(&b"GET / HTTP/1.1\r\nHost: a\r\nAccept: x\r\nAccept: y\r\n\r\n"[..]);
/// let Some(RequestFrame::Head(head)) = RequestDecoder::new().decode(&mut buf).unwrap() else {
///     panic!("no head")
/// };
/// let fields = head.fields();
/// assert_eq!(fields.get("accept"), Some(&b"x"[..]));
/// assert_eq!(fields.get_all("Accept").collect::<Vec<_>>(), [&b"x"[..], b"y"]);
/// assert_eq!(fields.iter().count(), 3);
/// ```
#[derive(Clone, Default)]
pub struct Fields {
    /// The bytes every span points into.
    pub(crate) bytes: Bytes,
    /// Where the fields are in `bytes`; `None` when there are none. The
    /// list is shared with the decoder, which reuses it for a later message
    /// once every `Fields` holding it is dropped: a head stays a few words
    /// to move, and decoding one allocates nothing.
    list: Option<Arc<FieldList>>,
}

/// The list of a `Fields` without one.
static NO_FIELDS: FieldList = FieldList::EMPTY;

impl Fields {
    #[inline]
    pub(crate) fn new(bytes: Bytes, list: Option<Arc<FieldList>>) -> Fields {
        Fields { bytes, list }
    }

    #[inline]
    pub(crate) fn list(&self) -> &FieldList {
        self.list.as_deref().unwrap_or(&NO_FIELDS)
    }

    /// The number of fields, repeated names counted each time.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::http::Fields::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.list().len()
    }

    /// Whether there are no fields.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(memkit_codec::http::Fields::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.list().len() == 0
    }

    /// The value of the first field named `name` (ASCII case ignored).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::http::Fields::default().get("host"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        let name = name.as_bytes();
        self.list()
            .iter()
            .find(|f| f.name.of(&self.bytes).eq_ignore_ascii_case(name))
            .map(|f| f.value.of(&self.bytes))
    }

    /// The values of every field named `name`, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::http::Fields::default().get_all("a").count(), 0);
    /// ```
    pub fn get_all<'a>(&'a self, name: &'a str) -> GetAll<'a> {
        GetAll::new(self, name.as_bytes())
    }

    /// Every field as `(name, value)`, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(memkit_codec::http::Fields::default().iter().next().is_none());
    /// ```
    #[inline]
    pub fn iter(&self) -> FieldsIter<'_> {
        FieldsIter::new(self)
    }

    /// The bytes the fields were parsed from.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(memkit_codec::http::Fields::default().as_bytes().is_empty());
    /// ```
    pub fn as_bytes(&self) -> &Bytes {
        &self.bytes
    }

    pub(crate) fn field(&self, index: usize) -> Option<(&[u8], &[u8])> {
        self.list().get(index).map(|f| self.pair(&f))
    }

    pub(crate) fn pair(&self, f: &FieldSpan) -> (&[u8], &[u8]) {
        (f.name.of(&self.bytes), f.value.of(&self.bytes))
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a str, &'a [u8]);
    type IntoIter = FieldsIter<'a>;

    #[inline]
    fn into_iter(self) -> FieldsIter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.iter()
                    .map(|(name, value)| (name, String::from_utf8_lossy(value))),
            )
            .finish()
    }
}

impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Fields {}
