//! [`Bytes`]: cheaply cloneable, sliceable, immutable bytes.

use alloc::borrow::Borrow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::{Deref, RangeBounds};
use core::{cmp, hash};

use crate::buf::IntoIter;
use crate::raw::RawBytes;
use crate::{Buf, BytesMut, panics};

/// An immutable, reference-counted view of contiguous bytes.
///
/// Cloning, slicing and splitting a `Bytes` never copies the bytes: every
/// handle points into the same storage, which is freed (or returned to its
/// [`BytesPool`](crate::BytesPool)) when the last handle drops. Static bytes
/// need no storage at all.
///
/// A `Bytes` is three words: a pointer, a length, and a handle to the
/// storage's header (null for static bytes). Cloning a heap-backed `Bytes` is
/// one atomic increment; cloning a static one is a copy.
///
/// # Examples
///
/// ```
/// use memkit_bytes::Bytes;
///
/// let mut greeting = Bytes::from("hello world");
/// let world = greeting.split_off(6);
/// assert_eq!(greeting, "hello ");
/// assert_eq!(world, "world");
/// assert_eq!(world.slice(1..3), "or");
/// ```
pub struct Bytes {
    raw: RawBytes,
}

impl Bytes {
    /// An empty `Bytes`. Allocates nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let empty = Bytes::new();
    /// assert!(empty.is_empty());
    /// ```
    #[inline]
    pub const fn new() -> Bytes {
        Bytes::from_static(&[])
    }

    /// A `Bytes` that borrows a static slice: no allocation, no reference count.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let b = Bytes::from_static(b"static data");
    /// assert_eq!(&b[..6], b"static");
    /// ```
    #[inline]
    pub const fn from_static(bytes: &'static [u8]) -> Bytes {
        Bytes {
            raw: RawBytes::from_static(bytes),
        }
    }

    /// A `Bytes` over the bytes of `owner`, which is kept alive, without
    /// copying, until the last handle drops, then dropped on that thread.
    ///
    /// `owner.as_ref()` is called once, here. Converting the result into a
    /// [`BytesMut`] always copies, because the owner's bytes are not ours to
    /// write.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// struct Page(Box<[u8; 16]>);
    /// impl AsRef<[u8]> for Page {
    ///     fn as_ref(&self) -> &[u8] {
    ///         &self.0[..]
    ///     }
    /// }
    ///
    /// let page = Bytes::from_owner(Page(Box::new([7; 16])));
    /// let half = page.slice(8..);
    /// drop(page);
    /// assert_eq!(half, [7u8; 8][..]);
    /// ```
    pub fn from_owner<T>(owner: T) -> Bytes
    where
        T: AsRef<[u8]> + Send + 'static,
    {
        Bytes {
            raw: RawBytes::from_owner(owner),
        }
    }

    /// The bytes as a `'static` slice when this is a static or empty view.
    #[cfg(feature = "bytes1")]
    pub(crate) fn as_static(&self) -> Option<&'static [u8]> {
        self.raw.as_static()
    }

    /// The number of bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// assert_eq!(Bytes::from_static(b"four").len(), 4);
    /// ```
    #[inline]
    pub const fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether there are no bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// assert!(Bytes::new().is_empty());
    /// ```
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.raw.len() == 0
    }

    /// Whether this is the only handle to its storage, so that
    /// [`try_into_mut`](Bytes::try_into_mut) would succeed without copying.
    ///
    /// Static bytes and bytes from [`from_owner`](Bytes::from_owner) are
    /// never unique.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let a = Bytes::copy_from_slice(b"abc");
    /// assert!(a.is_unique());
    /// let b = a.clone();
    /// assert!(!a.is_unique());
    /// drop(b);
    /// assert!(a.is_unique());
    /// ```
    pub fn is_unique(&self) -> bool {
        self.raw.is_unique()
    }

    /// Testing aid: checks every invariant of the crate's unsafe core that
    /// can be seen from this view (the reference count of its storage, that
    /// the view lies within the storage, the storage kind's layout, …).
    ///
    /// Meant for property tests and fuzz targets, which call it after every
    /// step. It is not part of the stable API.
    ///
    /// # Panics
    ///
    /// If an invariant is broken, with a message naming it and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let b = Bytes::copy_from_slice(b"abc");
    /// let c = b.slice(1..);
    /// b.assert_invariants();
    /// c.assert_invariants();
    /// ```
    #[doc(hidden)]
    pub fn assert_invariants(&self) {
        self.raw.assert_invariants();
    }

    /// A new `Bytes` holding a copy of `data`, in one allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let b = Bytes::copy_from_slice(b"copied");
    /// assert_eq!(b, "copied");
    /// ```
    pub fn copy_from_slice(data: &[u8]) -> Bytes {
        BytesMut::from(data).freeze()
    }

    /// A `Bytes` for `range` of this one, sharing the storage (no copy).
    ///
    /// # Panics
    ///
    /// If the range starts after it ends or ends past `len()`; the message
    /// names both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let b = Bytes::from_static(b"0123456789");
    /// assert_eq!(b.slice(2..5), "234");
    /// assert_eq!(b.slice(..=1), "01");
    /// ```
    #[track_caller]
    pub fn slice(&self, range: impl RangeBounds<usize>) -> Bytes {
        let (begin, end) = panics::checked("Bytes::slice", range, self.len());
        Bytes {
            raw: self.raw.slice(begin, end),
        }
    }

    /// A `Bytes` for `subset`, which must be a slice borrowed from this one
    /// (for example, out of a parser that works on `&[u8]`). No copy.
    ///
    /// An empty `subset` always gives an empty `Bytes`.
    ///
    /// # Panics
    ///
    /// If `subset` is not inside this `Bytes`; the message gives both
    /// address ranges.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let line = Bytes::from_static(b"GET /index.html");
    /// let path = line.split(|&c| c == b' ').nth(1).unwrap();
    /// assert_eq!(line.slice_ref(path), "/index.html");
    /// ```
    #[track_caller]
    pub fn slice_ref(&self, subset: &[u8]) -> Bytes {
        if subset.is_empty() {
            return Bytes::new();
        }
        let start = self.as_ptr().addr();
        let sub = subset.as_ptr().addr();
        let offset = sub.wrapping_sub(start);
        let inside = sub >= start
            && offset
                .checked_add(subset.len())
                .is_some_and(|end| end <= self.len());
        assert!(
            inside,
            "Bytes::slice_ref: subset {:#x}..{:#x} ({} bytes) is not inside self {:#x}..{:#x} ({} bytes)",
            sub,
            sub.wrapping_add(subset.len()),
            subset.len(),
            start,
            start.wrapping_add(self.len()),
            self.len(),
        );
        self.slice(offset..offset + subset.len())
    }

    /// Splits in two at `at`: `self` keeps `[0, at)` and the result holds
    /// `[at, len)`. No copy; both share the storage.
    ///
    /// # Panics
    ///
    /// If `at > len()`; the message names both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let mut a = Bytes::from_static(b"hello world");
    /// let b = a.split_off(5);
    /// assert_eq!((a, b), (Bytes::from("hello"), Bytes::from(" world")));
    /// ```
    #[must_use = "to drop the tail, use `truncate`"]
    #[track_caller]
    pub fn split_off(&mut self, at: usize) -> Bytes {
        panics::check_at("Bytes::split_off", at, "len", self.len());
        Bytes {
            raw: self.raw.split_off(at),
        }
    }

    /// Splits in two at `at`: the result holds `[0, at)` and `self` keeps
    /// `[at, len)`. No copy; both share the storage.
    ///
    /// # Panics
    ///
    /// If `at > len()`; the message names both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let mut a = Bytes::from_static(b"hello world");
    /// let b = a.split_to(5);
    /// assert_eq!((a, b), (Bytes::from(" world"), Bytes::from("hello")));
    /// ```
    #[must_use = "to drop the head, use `advance`"]
    #[track_caller]
    pub fn split_to(&mut self, at: usize) -> Bytes {
        panics::check_at("Bytes::split_to", at, "len", self.len());
        Bytes {
            raw: self.raw.split_to(at),
        }
    }

    /// Shortens to the first `len` bytes; does nothing if already shorter.
    ///
    /// Truncating to zero releases this handle's share of the storage at
    /// once, as dropping it would: another handle may become unique, and the
    /// last one frees the storage (or returns it to its pool).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let mut b = Bytes::from_static(b"hello world");
    /// b.truncate(5);
    /// assert_eq!(b, "hello");
    /// ```
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.raw.truncate(len);
    }

    /// Removes every byte and releases this handle's share of the storage,
    /// like [`truncate(0)`](Bytes::truncate).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let mut b = Bytes::from(b"hello".to_vec());
    /// let other = b.clone();
    /// b.clear();
    /// assert!(b.is_empty());
    /// // `b` no longer shares the storage, so `other` owns it alone.
    /// assert!(other.is_unique());
    /// ```
    #[inline]
    pub fn clear(&mut self) {
        self.raw.truncate(0);
    }

    /// Turns this into a [`BytesMut`] without copying when it is the only
    /// handle to writable storage; otherwise hands `self` back.
    ///
    /// # Errors
    ///
    /// Returns `Err(self)` when other handles share the storage, or when the
    /// bytes are static or come from [`from_owner`](Bytes::from_owner).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let a = Bytes::copy_from_slice(b"abc");
    /// let b = a.clone();
    /// let a = a.try_into_mut().unwrap_err();
    /// drop(b);
    /// let mut m = a.try_into_mut().unwrap();
    /// m.extend_from_slice(b"d");
    /// assert_eq!(m, "abcd");
    /// ```
    pub fn try_into_mut(self) -> Result<BytesMut, Bytes> {
        match self.raw.try_into_mut() {
            Ok(raw) => Ok(BytesMut::from_raw(raw)),
            Err(raw) => Err(Bytes { raw }),
        }
    }

    /// Appends `other` to `self` without copying when `other` starts exactly
    /// where `self` ends in the same storage, as after
    /// [`split_off`](Bytes::split_off) or [`split_to`](Bytes::split_to).
    /// Not part of `bytes`.
    ///
    /// An empty `other` always joins; an empty `self` becomes `other`.
    ///
    /// # Errors
    ///
    /// Hands `other` back, untouched, when the two are not contiguous parts
    /// of one heap storage (static bytes never join).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let mut head = Bytes::copy_from_slice(b"hello world");
    /// let tail = head.split_off(5);
    /// head.try_unsplit(tail).unwrap();
    /// assert_eq!(head, "hello world");
    ///
    /// let stranger = Bytes::copy_from_slice(b"!");
    /// assert_eq!(head.try_unsplit(stranger).unwrap_err(), "!");
    /// ```
    pub fn try_unsplit(&mut self, other: Bytes) -> Result<(), Bytes> {
        self.raw.try_unsplit(other.raw).map_err(|raw| Bytes { raw })
    }

    #[inline]
    fn as_slice(&self) -> &[u8] {
        self.raw.as_slice()
    }

    pub(crate) fn from_raw(raw: RawBytes) -> Bytes {
        Bytes { raw }
    }
}

impl Clone for Bytes {
    #[inline]
    fn clone(&self) -> Bytes {
        Bytes {
            raw: self.raw.clone(),
        }
    }
}

impl Buf for Bytes {
    #[inline]
    fn remaining(&self) -> usize {
        self.len()
    }

    #[inline]
    fn chunk(&self) -> &[u8] {
        self.as_slice()
    }

    #[inline]
    #[track_caller]
    fn advance(&mut self, cnt: usize) {
        panics::check_advance(cnt, self.len());
        self.raw.advance(cnt);
    }

    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        self.split_to(len)
    }
}

impl Deref for Bytes {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl AsRef<[u8]> for Bytes {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl Borrow<[u8]> for Bytes {
    fn borrow(&self) -> &[u8] {
        self.as_slice()
    }
}

impl hash::Hash for Bytes {
    fn hash<H: hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl IntoIterator for Bytes {
    type Item = u8;
    type IntoIter = IntoIter<Bytes>;

    fn into_iter(self) -> IntoIter<Bytes> {
        IntoIter::new(self)
    }
}

impl<'a> IntoIterator for &'a Bytes {
    type Item = &'a u8;
    type IntoIter = core::slice::Iter<'a, u8>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl FromIterator<u8> for Bytes {
    fn from_iter<I: IntoIterator<Item = u8>>(iter: I) -> Bytes {
        BytesMut::from_iter(iter).freeze()
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Bytes {}

impl PartialOrd for Bytes {
    fn partial_cmp(&self, other: &Bytes) -> Option<cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bytes {
    fn cmp(&self, other: &Bytes) -> cmp::Ordering {
        self.as_slice().cmp(other.as_slice())
    }
}

impl PartialEq<BytesMut> for Bytes {
    fn eq(&self, other: &BytesMut) -> bool {
        self.as_slice() == &other[..]
    }
}

crate::cmp::slice_comparisons!(Bytes);

impl Default for Bytes {
    #[inline]
    fn default() -> Bytes {
        Bytes::new()
    }
}

impl From<&'static [u8]> for Bytes {
    fn from(bytes: &'static [u8]) -> Bytes {
        Bytes::from_static(bytes)
    }
}

impl From<&'static str> for Bytes {
    fn from(s: &'static str) -> Bytes {
        Bytes::from_static(s.as_bytes())
    }
}

impl From<Vec<u8>> for Bytes {
    /// Takes over the vector's buffer without copying.
    fn from(vec: Vec<u8>) -> Bytes {
        Bytes {
            raw: RawBytes::from_vec(vec),
        }
    }
}

impl From<Box<[u8]>> for Bytes {
    /// Takes over the boxed slice without copying.
    fn from(slice: Box<[u8]>) -> Bytes {
        Bytes::from(Vec::from(slice))
    }
}

impl From<String> for Bytes {
    /// Takes over the string's buffer without copying.
    fn from(s: String) -> Bytes {
        Bytes::from(s.into_bytes())
    }
}

impl From<Bytes> for Vec<u8> {
    /// Reuses the buffer when this is the only handle to storage that came
    /// from a `Vec<u8>`; copies otherwise.
    fn from(bytes: Bytes) -> Vec<u8> {
        bytes.raw.into_vec()
    }
}

impl From<Bytes> for BytesMut {
    /// Reuses the storage when `bytes` is its only handle; copies otherwise.
    fn from(bytes: Bytes) -> BytesMut {
        BytesMut::from_raw(bytes.raw.into_mut())
    }
}

// Handles clone the count atomically and only read shared bytes.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Bytes>();
};
