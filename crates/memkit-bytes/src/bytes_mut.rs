//! [`BytesMut`]: a uniquely owned, growable byte buffer that splits and
//! freezes without copying.

use alloc::borrow::{Borrow, BorrowMut};
use alloc::vec::Vec;
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut, RangeBounds};
use core::{cmp, fmt, hash};

use crate::buf::{IntoIter, UninitSlice};
use crate::raw::RawBytesMut;
use crate::{Buf, BufMut, Bytes, TryReserveError, panics};

/// A unique, growable byte buffer.
///
/// `BytesMut` is for building bytes: read into it, write into it, then split
/// off finished parts and [`freeze`](BytesMut::freeze) them into [`Bytes`].
/// Splitting and freezing never copy and never allocate: every part shares
/// one storage, and each part owns a disjoint range of it.
///
/// [`BytesMut::with_capacity`] puts the reference count in the same
/// allocation as the data, so no later split, freeze, clone of the frozen
/// bytes or slice of them allocates again.
///
/// # Examples
///
/// ```
/// use memkit_bytes::{BufMut, BytesMut};
///
/// let mut buf = BytesMut::with_capacity(64);
/// buf.put_slice(b"HEAD");
/// buf.put_u16(0x0102);
/// let frame = buf.split().freeze();
/// assert_eq!(frame, &b"HEAD\x01\x02"[..]);
/// assert!(buf.is_empty());
/// ```
pub struct BytesMut {
    raw: RawBytesMut,
}

impl BytesMut {
    /// An empty buffer with room for at least `capacity` bytes. The data and
    /// its reference count share one allocation.
    ///
    /// # Panics
    ///
    /// If `capacity` exceeds `isize::MAX` minus a small header.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let buf = BytesMut::with_capacity(128);
    /// assert!(buf.is_empty());
    /// assert_eq!(buf.capacity(), 128);
    /// ```
    #[inline]
    pub fn with_capacity(capacity: usize) -> BytesMut {
        BytesMut {
            raw: RawBytesMut::with_capacity(capacity),
        }
    }

    /// [`with_capacity`](BytesMut::with_capacity) that reports failure
    /// instead of panicking or aborting. Not part of `bytes`.
    ///
    /// # Errors
    ///
    /// [`TryReserveError::CapacityOverflow`] if `capacity` passes the largest
    /// buffer, [`TryReserveError::AllocError`] if the allocator refuses.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// assert_eq!(BytesMut::try_with_capacity(64).unwrap().capacity(), 64);
    /// assert!(BytesMut::try_with_capacity(usize::MAX).is_err());
    /// ```
    pub fn try_with_capacity(capacity: usize) -> Result<BytesMut, TryReserveError> {
        RawBytesMut::try_with_capacity(capacity)
            .map(|raw| BytesMut { raw })
            .map_err(|failure| TryReserveError::new(failure, 0, capacity))
    }

    /// An empty buffer. Allocates nothing until the first write.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let buf = BytesMut::new();
    /// assert_eq!(buf.capacity(), 0);
    /// ```
    #[inline]
    pub const fn new() -> BytesMut {
        BytesMut {
            raw: RawBytesMut::new(),
        }
    }

    /// The number of bytes written.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// assert_eq!(BytesMut::from(&b"abc"[..]).len(), 3);
    /// ```
    #[inline]
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether nothing is written.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// assert!(BytesMut::with_capacity(8).is_empty());
    /// ```
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.raw.len() == 0
    }

    /// How many bytes fit without growing.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::with_capacity(16);
    /// let tail = buf.split_off(10);
    /// assert_eq!((buf.capacity(), tail.capacity()), (10, 6));
    /// ```
    #[inline]
    pub fn capacity(&self) -> usize {
        self.raw.capacity()
    }

    /// Testing aid: checks every invariant of the crate's unsafe core that
    /// can be seen from this buffer (the reference count of its storage, that
    /// the buffer lies within the storage, the storage kind's layout, …).
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
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut b = BytesMut::with_capacity(8);
    /// let c = b.split_off(3);
    /// b.assert_invariants();
    /// c.assert_invariants();
    /// ```
    #[doc(hidden)]
    pub fn assert_invariants(&self) {
        self.raw.assert_invariants();
    }

    /// Turns the buffer into immutable [`Bytes`], keeping the storage.
    /// Never copies and never allocates.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{BufMut, BytesMut};
    ///
    /// let mut buf = BytesMut::with_capacity(16);
    /// buf.put_slice(b"frozen");
    /// let a = buf.freeze();
    /// let b = a.clone();
    /// assert_eq!(a, b);
    /// ```
    #[inline]
    pub fn freeze(self) -> Bytes {
        Bytes::from_raw(self.raw.freeze())
    }

    /// A buffer of `len` zero bytes, from zeroed memory.
    ///
    /// # Panics
    ///
    /// If `len` exceeds `isize::MAX` minus a small header.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let zeros = BytesMut::zeroed(4);
    /// assert_eq!(zeros, [0u8; 4][..]);
    /// ```
    pub fn zeroed(len: usize) -> BytesMut {
        BytesMut {
            raw: RawBytesMut::zeroed(len),
        }
    }

    /// Splits the *capacity* at `at`: `self` keeps `[0, at)` and the result
    /// gets `[at, capacity)`, with whatever bytes were written there. No copy.
    ///
    /// # Panics
    ///
    /// If `at > capacity()`; the message names both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut a = BytesMut::from(&b"hello world"[..]);
    /// let b = a.split_off(5);
    /// assert_eq!((&a[..], &b[..]), (&b"hello"[..], &b" world"[..]));
    /// ```
    #[must_use = "to drop the tail, use `truncate`"]
    #[track_caller]
    pub fn split_off(&mut self, at: usize) -> BytesMut {
        panics::check_at("BytesMut::split_off", at, "capacity", self.capacity());
        BytesMut {
            raw: self.raw.split_off(at),
        }
    }

    /// Takes every written byte, leaving `self` empty with the spare
    /// capacity. Same as `split_to(len())`. No copy.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{BufMut, BytesMut};
    ///
    /// let mut buf = BytesMut::with_capacity(32);
    /// buf.put_slice(b"line\n");
    /// let line = buf.split();
    /// assert_eq!(line, "line\n");
    /// assert_eq!(buf.capacity(), 27);
    /// ```
    #[must_use = "to drop the contents, use `clear`"]
    pub fn split(&mut self) -> BytesMut {
        let len = self.len();
        self.split_to(len)
    }

    /// Splits the contents at `at`: the result gets `[0, at)` and `self`
    /// keeps `[at, capacity)`. No copy.
    ///
    /// # Panics
    ///
    /// If `at > len()`; the message names both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut a = BytesMut::from(&b"hello world"[..]);
    /// let b = a.split_to(6);
    /// assert_eq!((&a[..], &b[..]), (&b"world"[..], &b"hello "[..]));
    /// ```
    #[must_use = "to drop the head, use `advance`"]
    #[track_caller]
    pub fn split_to(&mut self, at: usize) -> BytesMut {
        panics::check_at("BytesMut::split_to", at, "len", self.len());
        BytesMut {
            raw: self.raw.split_to(at),
        }
    }

    /// Shortens to the first `len` bytes, keeping the capacity; does nothing
    /// if already shorter.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::from(&b"hello world"[..]);
    /// buf.truncate(5);
    /// assert_eq!(buf, "hello");
    /// ```
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.raw.truncate(len);
    }

    /// Removes every byte, keeping the capacity.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::from(&b"hello"[..]);
    /// buf.clear();
    /// assert!(buf.is_empty());
    /// ```
    #[inline]
    pub fn clear(&mut self) {
        self.raw.truncate(0);
    }

    /// Sets the length to `new_len`, truncating or appending copies of
    /// `value`.
    ///
    /// # Panics
    ///
    /// If growing overflows the largest buffer (`isize::MAX`).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::new();
    /// buf.resize(3, b'x');
    /// assert_eq!(buf, "xxx");
    /// buf.resize(1, b'y');
    /// assert_eq!(buf, "x");
    /// ```
    pub fn resize(&mut self, new_len: usize, value: u8) {
        match new_len.checked_sub(self.len()) {
            Some(additional) => self.raw.extend_with(value, additional),
            None => self.truncate(new_len),
        }
    }

    /// Sets the length without writing anything.
    ///
    /// The safe alternatives are [`resize`](BytesMut::resize),
    /// [`truncate`](BytesMut::truncate), and writing through
    /// [`spare_capacity_mut`](BytesMut::spare_capacity_mut) then
    /// [`BufMut::advance_mut`].
    ///
    /// # Safety
    ///
    /// * `len <= capacity()`;
    /// * the first `len` bytes are initialized.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::from(&b"hello"[..]);
    /// // SAFETY: 2 <= capacity, and the first 2 bytes are written.
    /// unsafe { buf.set_len(2) };
    /// assert_eq!(buf, "he");
    /// ```
    #[inline]
    pub unsafe fn set_len(&mut self, len: usize) {
        // SAFETY: the caller promises both conditions of `RawBytesMut::set_len`.
        unsafe { self.raw.set_len(len) }
    }

    /// Makes room for at least `additional` more bytes.
    ///
    /// In order of preference, it: does nothing if there is room; claims
    /// room left behind by earlier splits when this is the only handle to
    /// the storage, moving the contents to the front when that is cheap;
    /// grows the storage in place with `realloc`; or copies the contents
    /// into new storage, releasing the old one.
    ///
    /// # Panics
    ///
    /// If `len() + additional` overflows `isize::MAX`, with a message that
    /// names both numbers. Never undefined behaviour.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::with_capacity(8);
    /// buf.reserve(100);
    /// assert!(buf.capacity() >= 100);
    /// ```
    #[inline]
    #[track_caller]
    pub fn reserve(&mut self, additional: usize) {
        if self.capacity() - self.len() < additional {
            self.raw.reserve_inner(additional, true);
        }
    }

    /// [`reserve`](BytesMut::reserve) that reports failure instead of
    /// panicking or aborting, and leaves the buffer as it was. Not part of
    /// `bytes`.
    ///
    /// # Errors
    ///
    /// [`TryReserveError::CapacityOverflow`] if `len() + additional` passes
    /// the largest buffer, [`TryReserveError::AllocError`] if the allocator
    /// refuses.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::new();
    /// buf.try_reserve(1024).unwrap();
    /// assert!(buf.capacity() >= 1024);
    /// assert!(buf.try_reserve(isize::MAX as usize).is_err());
    /// ```
    pub fn try_reserve(&mut self, additional: usize) -> Result<(), TryReserveError> {
        if self.capacity() - self.len() >= additional {
            return Ok(());
        }
        let len = self.len();
        self.raw
            .try_reserve_inner(additional, true)
            .map(|_| ())
            .map_err(|failure| TryReserveError::new(failure, len, additional))
    }

    /// Makes room for `additional` more bytes only by reclaiming space in
    /// the current storage, never allocating. Returns whether it succeeded.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::with_capacity(64);
    /// buf.extend_from_slice(&[1; 64]);
    /// let head = buf.split();
    /// assert!(!buf.try_reclaim(64));
    /// drop(head);
    /// assert!(buf.try_reclaim(64));
    /// assert_eq!(buf.capacity(), 64);
    /// ```
    #[must_use = "use `reserve` if the room is required"]
    pub fn try_reclaim(&mut self, additional: usize) -> bool {
        self.capacity() - self.len() >= additional || self.raw.reserve_inner(additional, false)
    }

    /// Appends a copy of `extend`, growing as needed.
    ///
    /// # Panics
    ///
    /// If the new length overflows `isize::MAX`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::new();
    /// buf.extend_from_slice(b"abc");
    /// buf.extend_from_slice(b"def");
    /// assert_eq!(buf, "abcdef");
    /// ```
    #[inline]
    pub fn extend_from_slice(&mut self, extend: &[u8]) {
        self.raw.extend_from_slice(extend);
    }

    /// Appends a copy of `range` of the current contents.
    ///
    /// # Panics
    ///
    /// If the range is inverted or ends past `len()`, naming the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::from(&b"abc"[..]);
    /// buf.extend_from_within(1..);
    /// assert_eq!(buf, "abcbc");
    /// ```
    #[track_caller]
    pub fn extend_from_within(&mut self, range: impl RangeBounds<usize>) {
        let (begin, end) = panics::checked("BytesMut::extend_from_within", range, self.len());
        self.raw.extend_from_within(begin, end);
    }

    /// Appends `other`: without copying when `other` was split off right
    /// after `self` and `self` is full, by copying otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut a = BytesMut::from(&b"hello world"[..]);
    /// let b = a.split_off(5);
    /// a.unsplit(b);
    /// assert_eq!(a, "hello world");
    /// ```
    pub fn unsplit(&mut self, other: BytesMut) {
        if self.is_empty() {
            *self = other;
            return;
        }
        if let Err(other) = self.try_unsplit(other) {
            self.extend_from_slice(&other);
        }
    }

    /// Appends `other` without copying when it was split off right after
    /// `self` and `self` is full. A buffer with no capacity always joins.
    ///
    /// # Errors
    ///
    /// Hands `other` back, untouched, when the two are not contiguous parts
    /// of one storage.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut a = BytesMut::from(&b"hello world"[..]);
    /// let b = a.split_off(5);
    /// assert!(a.try_unsplit(b).is_ok());
    /// assert!(a.try_unsplit(BytesMut::from(&b"!"[..])).is_err());
    /// ```
    pub fn try_unsplit(&mut self, other: BytesMut) -> Result<(), BytesMut> {
        self.raw
            .try_unsplit(other.raw)
            .map_err(|raw| BytesMut { raw })
    }

    /// The writable room after the contents, possibly uninitialized. Write
    /// into it, then commit with [`set_len`](BytesMut::set_len) or
    /// [`BufMut::advance_mut`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{BufMut, BytesMut};
    ///
    /// let mut buf = BytesMut::with_capacity(8);
    /// let spare = buf.spare_capacity_mut();
    /// spare[0].write(b'o');
    /// spare[1].write(b'k');
    /// // SAFETY: the first two spare bytes were written just above.
    /// unsafe { buf.advance_mut(2) };
    /// assert_eq!(buf, "ok");
    /// ```
    #[inline]
    pub fn spare_capacity_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        self.raw.spare_capacity_mut()
    }

    pub(crate) fn from_raw(raw: RawBytesMut) -> BytesMut {
        BytesMut { raw }
    }
}

impl Buf for BytesMut {
    #[inline]
    fn remaining(&self) -> usize {
        self.len()
    }

    #[inline]
    fn chunk(&self) -> &[u8] {
        self.raw.as_slice()
    }

    #[inline]
    #[track_caller]
    fn advance(&mut self, cnt: usize) {
        panics::check_advance(cnt, self.len());
        self.raw.advance_start(cnt);
    }

    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        self.split_to(len).freeze()
    }
}

// SAFETY: `chunk_mut` hands out only the spare room of this handle's region,
// and `advance_mut` never moves the length past the capacity.
unsafe impl BufMut for BytesMut {
    #[inline]
    fn remaining_mut(&self) -> usize {
        // The largest buffer is isize::MAX bytes.
        isize::MAX as usize - self.len()
    }

    #[inline]
    #[track_caller]
    unsafe fn advance_mut(&mut self, cnt: usize) {
        let room = self.capacity() - self.len();
        if cnt > room {
            panic!(
                "BytesMut::advance_mut out of bounds: advancing by {cnt} but only {room} bytes of capacity remain"
            );
        }
        // SAFETY: 1. `len + cnt <= capacity` (checked above); 2. the caller
        // promises the `cnt` bytes after the contents are initialized.
        unsafe { self.raw.set_len(self.len() + cnt) };
    }

    #[inline]
    fn chunk_mut(&mut self) -> &mut UninitSlice {
        if self.capacity() == self.len() {
            self.reserve(64);
        }
        UninitSlice::uninit(self.raw.spare_capacity_mut())
    }

    fn put<T: Buf>(&mut self, mut src: T)
    where
        Self: Sized,
    {
        if !src.has_remaining() {
            return;
        }
        if self.capacity() == 0 {
            // Nothing to keep here: adopt the source's storage when it can be
            // handed over without copying.
            let taken = src.copy_to_bytes(src.remaining());
            drop(src);
            match taken.try_into_mut() {
                Ok(adopted) => *self = adopted,
                Err(shared) => self.extend_from_slice(&shared),
            }
            return;
        }
        self.reserve(src.remaining());
        while src.has_remaining() {
            let chunk = src.chunk();
            let n = chunk.len();
            self.extend_from_slice(chunk);
            src.advance(n);
        }
    }

    #[inline]
    fn put_slice(&mut self, src: &[u8]) {
        self.extend_from_slice(src);
    }

    #[inline]
    fn put_bytes(&mut self, val: u8, cnt: usize) {
        self.raw.extend_with(val, cnt);
    }

    #[inline]
    fn put_u8(&mut self, n: u8) {
        self.raw.push(n);
    }

    #[inline]
    fn put_i8(&mut self, n: i8) {
        self.raw.push(n as u8);
    }
}

impl Deref for BytesMut {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        self.raw.as_slice()
    }
}

impl DerefMut for BytesMut {
    #[inline]
    fn deref_mut(&mut self) -> &mut [u8] {
        self.raw.as_mut_slice()
    }
}

impl AsRef<[u8]> for BytesMut {
    #[inline]
    fn as_ref(&self) -> &[u8] {
        self.raw.as_slice()
    }
}

impl AsMut<[u8]> for BytesMut {
    #[inline]
    fn as_mut(&mut self) -> &mut [u8] {
        self.raw.as_mut_slice()
    }
}

impl Borrow<[u8]> for BytesMut {
    fn borrow(&self) -> &[u8] {
        self.raw.as_slice()
    }
}

impl BorrowMut<[u8]> for BytesMut {
    fn borrow_mut(&mut self) -> &mut [u8] {
        self.raw.as_mut_slice()
    }
}

impl hash::Hash for BytesMut {
    fn hash<H: hash::Hasher>(&self, state: &mut H) {
        self.raw.as_slice().hash(state);
    }
}

impl Default for BytesMut {
    #[inline]
    fn default() -> BytesMut {
        BytesMut::new()
    }
}

impl Clone for BytesMut {
    /// A deep copy: a `BytesMut` owns its bytes uniquely.
    fn clone(&self) -> BytesMut {
        BytesMut::from(&self[..])
    }
}

impl fmt::Write for BytesMut {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.remaining_mut() < s.len() {
            return Err(fmt::Error);
        }
        self.extend_from_slice(s.as_bytes());
        Ok(())
    }

    #[inline]
    fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> fmt::Result {
        fmt::write(self, args)
    }
}

impl IntoIterator for BytesMut {
    type Item = u8;
    type IntoIter = IntoIter<BytesMut>;

    fn into_iter(self) -> IntoIter<BytesMut> {
        IntoIter::new(self)
    }
}

impl<'a> IntoIterator for &'a BytesMut {
    type Item = &'a u8;
    type IntoIter = core::slice::Iter<'a, u8>;

    fn into_iter(self) -> Self::IntoIter {
        self.raw.as_slice().iter()
    }
}

impl Extend<u8> for BytesMut {
    fn extend<I: IntoIterator<Item = u8>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for byte in iter {
            self.raw.push(byte);
        }
    }
}

impl<'a> Extend<&'a u8> for BytesMut {
    fn extend<I: IntoIterator<Item = &'a u8>>(&mut self, iter: I) {
        self.extend(iter.into_iter().copied());
    }
}

impl Extend<Bytes> for BytesMut {
    fn extend<I: IntoIterator<Item = Bytes>>(&mut self, iter: I) {
        for bytes in iter {
            self.extend_from_slice(&bytes);
        }
    }
}

impl FromIterator<u8> for BytesMut {
    fn from_iter<I: IntoIterator<Item = u8>>(iter: I) -> BytesMut {
        let mut buf = BytesMut::new();
        buf.extend(iter);
        buf
    }
}

impl<'a> FromIterator<&'a u8> for BytesMut {
    fn from_iter<I: IntoIterator<Item = &'a u8>>(iter: I) -> BytesMut {
        BytesMut::from_iter(iter.into_iter().copied())
    }
}

impl PartialEq for BytesMut {
    fn eq(&self, other: &BytesMut) -> bool {
        self[..] == other[..]
    }
}

impl Eq for BytesMut {}

impl PartialOrd for BytesMut {
    fn partial_cmp(&self, other: &BytesMut) -> Option<cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BytesMut {
    fn cmp(&self, other: &BytesMut) -> cmp::Ordering {
        self[..].cmp(&other[..])
    }
}

impl PartialEq<Bytes> for BytesMut {
    fn eq(&self, other: &Bytes) -> bool {
        self[..] == other[..]
    }
}

crate::cmp::slice_comparisons!(BytesMut);

impl<'a> From<&'a [u8]> for BytesMut {
    /// Copies the slice into a new buffer of exactly its length.
    fn from(src: &'a [u8]) -> BytesMut {
        BytesMut {
            raw: RawBytesMut::copy_from_slice(src),
        }
    }
}

impl<'a> From<&'a str> for BytesMut {
    /// Copies the string's bytes into a new buffer of exactly its length.
    fn from(src: &'a str) -> BytesMut {
        BytesMut::from(src.as_bytes())
    }
}

impl From<Vec<u8>> for BytesMut {
    /// Takes over the vector's buffer and capacity without copying. Not part
    /// of `bytes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let vec = Vec::with_capacity(32);
    /// let mut buf = BytesMut::from(vec);
    /// assert_eq!(buf.capacity(), 32);
    /// buf.extend_from_slice(b"no copy");
    /// ```
    fn from(vec: Vec<u8>) -> BytesMut {
        BytesMut {
            raw: RawBytesMut::from_vec(vec),
        }
    }
}

impl From<BytesMut> for Bytes {
    /// Same as [`BytesMut::freeze`].
    fn from(buf: BytesMut) -> Bytes {
        buf.freeze()
    }
}

impl From<BytesMut> for Vec<u8> {
    /// Reuses the buffer when it came from a `Vec<u8>` and this is its only
    /// handle; copies otherwise.
    fn from(buf: BytesMut) -> Vec<u8> {
        buf.raw.into_vec()
    }
}
