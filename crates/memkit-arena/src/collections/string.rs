//! [`String`] in a [`Bump`], and its error and iterator types.

use alloc::borrow::Cow;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::iter::FusedIterator;
use core::ops::{
    Add, AddAssign, Bound, Deref, DerefMut, Index, IndexMut, Range, RangeBounds, RangeFrom,
    RangeFull, RangeInclusive, RangeTo, RangeToInclusive,
};
use core::str::Utf8Error;

use super::Vec;
use crate::Bump;

/// Formats into a [`String`] in a [`Bump`]: `format!(in &bump, "{}", x)`.
///
/// # Panics
///
/// If a `Display` implementation returns an error, or as
/// [`String::push_str`] when the arena cannot grow the string.
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// let s = memkit_arena::format!(in &bump, "{}-{}", 1, "a");
/// assert_eq!(s, "1-a");
/// ```
#[macro_export]
macro_rules! format {
    (in $bump:expr, $($arg:tt)*) => {{
        use ::core::fmt::Write as _;
        let mut s = $crate::collections::String::new_in($bump);
        s.write_fmt(::core::format_args!($($arg)*))
            .expect("a Display implementation returned an error unexpectedly");
        s
    }};
}

/// A growable UTF-8 string whose buffer lives in a [`Bump`].
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, collections::String};
///
/// let bump = Bump::new();
/// let mut s = String::from_str_in("hello", &bump);
/// s.push_str(", world");
/// assert_eq!(s, "hello, world");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct String<'bump> {
    vec: Vec<'bump, u8>,
}

/// The error of [`String::from_utf8`]: the bytes were not UTF-8. Gives the
/// vector back.
///
/// # Examples
///
/// ```
/// use memkit_arena::{Bump, collections::String};
///
/// let bump = Bump::new();
/// let err = String::from_utf8(memkit_arena::vec![in &bump; 0xff]).unwrap_err();
/// assert_eq!(err.into_bytes(), [0xff]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromUtf8Error<'bump> {
    bytes: Vec<'bump, u8>,
    error: Utf8Error,
}

impl<'bump> FromUtf8Error<'bump> {
    /// The bytes that failed to convert.
    ///
    /// # Examples
    ///
    /// See [`FromUtf8Error`].
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes that failed to convert, by value.
    ///
    /// # Examples
    ///
    /// See [`FromUtf8Error`].
    pub fn into_bytes(self) -> Vec<'bump, u8> {
        self.bytes
    }

    /// Details of the conversion error.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{Bump, collections::String};
    ///
    /// let bump = Bump::new();
    /// let err = String::from_utf8(memkit_arena::vec![in &bump; b'a', 0xff]).unwrap_err();
    /// assert_eq!(err.utf8_error().valid_up_to(), 1);
    /// ```
    pub fn utf8_error(&self) -> Utf8Error {
        self.error
    }
}

impl fmt::Display for FromUtf8Error<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl core::error::Error for FromUtf8Error<'_> {}

/// The error of [`String::from_utf16_in`]: the input was not UTF-16.
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// assert!(memkit_arena::collections::String::from_utf16_in(&[0xD800], &bump).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromUtf16Error(());

impl fmt::Display for FromUtf16Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid utf-16: lone surrogate found")
    }
}

impl core::error::Error for FromUtf16Error {}

/// A draining iterator over part of a [`String`], from [`String::drain`].
/// The range is removed when it drops.
// No `#[must_use]`: dropping it unused has an effect (as with `std`'s and
// bumpalo's), and `x.drain(..);` must build under `-D warnings`.
pub struct Drain<'a, 'bump> {
    string: &'a mut String<'bump>,
    start: usize,
    end: usize,
    pos: usize,
    back: usize,
}

impl fmt::Debug for Drain<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Drain")
            .field(&&self.string[self.pos..self.back])
            .finish()
    }
}

impl Iterator for Drain<'_, '_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.string[self.pos..self.back].chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.string[self.pos..self.back].chars().size_hint()
    }
}

impl FusedIterator for Drain<'_, '_> {}

// SAFETY: a `Drain` reads and moves bytes inside the string's buffer and,
// when it drops, shifts the tail down (`Vec::drain`, which never
// allocates, frees or resizes). It never uses the string's `&Bump`, which
// is what keeps `String` itself from being `Send`; the bytes are plain
// `u8`s, owned through the `&mut String` borrow.
unsafe impl Send for Drain<'_, '_> {}

// SAFETY: `&Drain` only reads the remaining bytes (`Debug`).
unsafe impl Sync for Drain<'_, '_> {}

impl DoubleEndedIterator for Drain<'_, '_> {
    fn next_back(&mut self) -> Option<char> {
        let c = self.string[self.pos..self.back].chars().next_back()?;
        self.back -= c.len_utf8();
        Some(c)
    }
}

impl Drop for Drain<'_, '_> {
    fn drop(&mut self) {
        self.string.vec.drain(self.start..self.end);
    }
}

/// Resolves a byte range of `s`, checking bounds and char boundaries.
fn byte_range(s: &str, range: impl RangeBounds<usize>) -> (usize, usize) {
    let start = match range.start_bound() {
        Bound::Included(&n) => n,
        Bound::Excluded(&n) => n.checked_add(1).expect("range start overflow"),
        Bound::Unbounded => 0,
    };
    let end = match range.end_bound() {
        Bound::Included(&n) => n.checked_add(1).expect("range end overflow"),
        Bound::Excluded(&n) => n,
        Bound::Unbounded => s.len(),
    };
    assert!(start <= end && end <= s.len(), "range out of bounds");
    assert!(
        s.is_char_boundary(start) && s.is_char_boundary(end),
        "range not on char boundaries"
    );
    (start, end)
}

impl<'bump> String<'bump> {
    /// An empty string; allocates nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert!(memkit_arena::collections::String::new_in(&bump).is_empty());
    /// ```
    pub fn new_in(bump: &'bump Bump) -> String<'bump> {
        String {
            vec: Vec::new_in(bump),
        }
    }

    /// An empty string with room for `capacity` bytes.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::collections::String::with_capacity_in(8, &bump);
    /// assert!(s.capacity() >= 8);
    /// ```
    pub fn with_capacity_in(capacity: usize, bump: &'bump Bump) -> String<'bump> {
        String {
            vec: Vec::with_capacity_in(capacity, bump),
        }
    }

    /// A copy of `s` in `bump`.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::collections::String::from_str_in("a", &bump), "a");
    /// ```
    pub fn from_str_in(s: &str, bump: &'bump Bump) -> String<'bump> {
        let mut t = String::with_capacity_in(s.len(), bump);
        t.push_str(s);
        t
    }

    /// Collects characters into a string in `bump`.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::collections::String::from_iter_in(['a', 'b'], &bump);
    /// assert_eq!(s, "ab");
    /// ```
    pub fn from_iter_in<I: IntoIterator<Item = char>>(iter: I, bump: &'bump Bump) -> String<'bump> {
        let mut s = String::new_in(bump);
        s.extend(iter);
        s
    }

    /// Converts bytes to a string, checking UTF-8.
    ///
    /// # Errors
    ///
    /// [`FromUtf8Error`], holding the bytes, if they are not UTF-8.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{Bump, collections::String};
    ///
    /// let bump = Bump::new();
    /// assert_eq!(String::from_utf8(memkit_arena::vec![in &bump; b'h', b'i']).unwrap(), "hi");
    /// ```
    pub fn from_utf8(vec: Vec<'bump, u8>) -> Result<String<'bump>, FromUtf8Error<'bump>> {
        match core::str::from_utf8(&vec) {
            Ok(_) => Ok(String { vec }),
            Err(error) => Err(FromUtf8Error { bytes: vec, error }),
        }
    }

    /// Decodes UTF-16 into a string in `bump`.
    ///
    /// # Errors
    ///
    /// [`FromUtf16Error`] on a lone surrogate.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::collections::String::from_utf16_in(&[0x68, 0x69], &bump).unwrap();
    /// assert_eq!(s, "hi");
    /// ```
    pub fn from_utf16_in(v: &[u16], bump: &'bump Bump) -> Result<String<'bump>, FromUtf16Error> {
        let mut s = String::with_capacity_in(v.len(), bump);
        for c in char::decode_utf16(v.iter().copied()) {
            s.push(c.map_err(|_| FromUtf16Error(()))?);
        }
        Ok(s)
    }

    /// Removes the bytes in `range` and iterates over their characters.
    ///
    /// # Panics
    ///
    /// If the range is out of bounds or not on char boundaries.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "abcd");
    /// assert_eq!(s.drain(1..3).collect::<std::string::String>(), "bc");
    /// assert_eq!(s, "ad");
    /// ```
    pub fn drain<'a, R: RangeBounds<usize>>(&'a mut self, range: R) -> Drain<'a, 'bump> {
        let (start, end) = byte_range(self, range);
        Drain {
            string: self,
            start,
            end,
            pos: start,
            back: end,
        }
    }

    /// Replaces the bytes in `range` with `replace_with`.
    ///
    /// # Panics
    ///
    /// If the range is out of bounds or not on char boundaries.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "a-c");
    /// s.replace_range(1..2, "b");
    /// assert_eq!(s, "abc");
    /// ```
    pub fn replace_range<R: RangeBounds<usize>>(&mut self, range: R, replace_with: &str) {
        let (start, end) = byte_range(self, range);
        self.vec.splice(start..end, replace_with.bytes());
    }

    /// Converts bytes to a string without checking.
    ///
    /// # Safety
    ///
    /// * `bytes` is valid UTF-8.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{Bump, collections::String};
    ///
    /// let bump = Bump::new();
    /// // SAFETY: ASCII.
    /// let s = unsafe { String::from_utf8_unchecked(memkit_arena::vec![in &bump; b'o', b'k']) };
    /// assert_eq!(s, "ok");
    /// ```
    pub unsafe fn from_utf8_unchecked(bytes: Vec<'bump, u8>) -> String<'bump> {
        String { vec: bytes }
    }

    /// Rebuilds a string from its raw parts.
    ///
    /// # Safety
    ///
    /// * `buf`, `length` and `capacity` come from a `String<'bump>` (or a
    ///   `Vec<'bump, u8>`) of the same `bump` that was forgotten, with
    ///   `length <= capacity`.
    /// * `buf` is valid for the whole capacity: take it from the byte
    ///   vector (`as_mut_vec().as_mut_ptr()`), not from `str::as_mut_ptr`,
    ///   whose pointer covers only the first `length` bytes.
    /// * The first `length` bytes are valid UTF-8.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::mem::ManuallyDrop;
    /// use memkit_arena::{Bump, collections::String};
    ///
    /// let bump = Bump::new();
    /// let mut s = ManuallyDrop::new(String::from_str_in("hello", &bump));
    /// // SAFETY: the vector's bytes are not changed.
    /// let ptr = unsafe { s.as_mut_vec() }.as_mut_ptr();
    /// let (len, cap) = (s.len(), s.capacity());
    /// // SAFETY: the parts of a forgotten string of `bump`.
    /// let t = unsafe { String::from_raw_parts_in(ptr, len, cap, &bump) };
    /// assert_eq!(t, "hello");
    /// ```
    pub unsafe fn from_raw_parts_in(
        buf: *mut u8,
        length: usize,
        capacity: usize,
        bump: &'bump Bump,
    ) -> String<'bump> {
        String {
            // SAFETY: the parts come from a forgotten `String` or byte
            // vector of `bump`, with `length <= capacity` and `buf` valid for
            // the whole capacity (this function's `# Safety`), which is
            // `Vec::from_raw_parts_in`'s contract; the first `length` bytes
            // are UTF-8, which is `String`'s invariant.
            vec: unsafe { Vec::from_raw_parts_in(buf, length, capacity, bump) },
        }
    }

    /// Converts bytes to a string, replacing invalid sequences with U+FFFD.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::collections::String::from_utf8_lossy_in(b"a\xffb", &bump);
    /// assert_eq!(s, "a\u{fffd}b");
    /// ```
    pub fn from_utf8_lossy_in(v: &[u8], bump: &'bump Bump) -> String<'bump> {
        let mut s = String::new_in(bump);
        for chunk in v.utf8_chunks() {
            s.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                s.push(char::REPLACEMENT_CHARACTER);
            }
        }
        s
    }

    /// The arena this string lives in.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::collections::String::new_in(&bump);
    /// assert!(core::ptr::eq(s.bump(), &bump));
    /// ```
    pub fn bump(&self) -> &'bump Bump {
        self.vec.bump()
    }

    /// The bytes, by value.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = memkit_arena::format!(in &bump, "ab");
    /// assert_eq!(s.into_bytes(), *b"ab");
    /// ```
    pub fn into_bytes(self) -> Vec<'bump, u8> {
        self.vec
    }

    /// Leaves the string in the arena and returns it as a `&str` that lives
    /// as long as the arena.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s: &str = memkit_arena::format!(in &bump, "{}", 42).into_bump_str();
    /// assert_eq!(s, "42");
    /// ```
    pub fn into_bump_str(self) -> &'bump str {
        let bytes = self.vec.into_bump_slice_mut();
        // SAFETY: a `String`'s bytes are UTF-8 (every constructor and
        // mutator keeps them so), and `into_bump_slice_mut` hands back exactly
        // those bytes.
        unsafe { core::str::from_utf8_unchecked_mut(bytes) }
    }

    /// The contents.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::format!(in &bump, "x").as_str(), "x");
    /// ```
    pub fn as_str(&self) -> &str {
        self
    }

    /// The contents, mutably.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "x");
    /// s.as_mut_str().make_ascii_uppercase();
    /// assert_eq!(s, "X");
    /// ```
    pub fn as_mut_str(&mut self) -> &mut str {
        self
    }

    /// Appends `string`.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::collections::String::new_in(&bump);
    /// s.push_str("ab");
    /// assert_eq!(s, "ab");
    /// ```
    #[inline]
    pub fn push_str(&mut self, string: &str) {
        self.vec.extend_from_slice_copy(string.as_bytes());
    }

    /// Capacity in bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::collections::String::new_in(&bump).capacity(), 0);
    /// ```
    pub fn capacity(&self) -> usize {
        self.vec.capacity()
    }

    /// Reserves room for `additional` more bytes.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::collections::String::new_in(&bump);
    /// s.reserve(4);
    /// assert!(s.capacity() >= 4);
    /// ```
    pub fn reserve(&mut self, additional: usize) {
        self.vec.reserve(additional);
    }

    /// Reserves room for exactly `additional` more bytes.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::collections::String::new_in(&bump);
    /// s.reserve_exact(4);
    /// assert!(s.capacity() >= 4);
    /// ```
    pub fn reserve_exact(&mut self, additional: usize) {
        self.vec.reserve_exact(additional);
    }

    /// Shrinks the capacity to the length.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::collections::String::with_capacity_in(9, &bump);
    /// s.push('a');
    /// s.shrink_to_fit();
    /// assert_eq!(s.capacity(), 1);
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.vec.shrink_to_fit();
    }

    /// Appends `ch`.
    ///
    /// # Panics
    ///
    /// As [`Vec::reserve`](crate::collections::Vec::reserve): with "capacity
    /// overflow" or "out of memory" and the numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::collections::String::new_in(&bump);
    /// s.push('é');
    /// assert_eq!(s, "é");
    /// ```
    #[inline]
    pub fn push(&mut self, ch: char) {
        match ch.len_utf8() {
            1 => self.vec.push(ch as u8),
            _ => self.push_str(ch.encode_utf8(&mut [0; 4])),
        }
    }

    /// The bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::format!(in &bump, "a").as_bytes(), b"a");
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.vec
    }

    /// Keeps the first `new_len` bytes.
    ///
    /// # Panics
    ///
    /// If `new_len` is not on a char boundary.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "abc");
    /// s.truncate(1);
    /// assert_eq!(s, "a");
    /// ```
    pub fn truncate(&mut self, new_len: usize) {
        if new_len < self.len() {
            assert!(
                self.is_char_boundary(new_len),
                "new_len is not on a char boundary"
            );
            self.vec.truncate(new_len);
        }
    }

    /// Removes the last character.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "ab");
    /// assert_eq!(s.pop(), Some('b'));
    /// ```
    pub fn pop(&mut self) -> Option<char> {
        let ch = self.chars().next_back()?;
        self.vec.truncate(self.len() - ch.len_utf8());
        Some(ch)
    }

    /// Removes the character at byte `idx`.
    ///
    /// # Panics
    ///
    /// If `idx` is not a char boundary or is out of bounds.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "abc");
    /// assert_eq!(s.remove(1), 'b');
    /// assert_eq!(s, "ac");
    /// ```
    pub fn remove(&mut self, idx: usize) -> char {
        let ch = self[idx..]
            .chars()
            .next()
            .expect("cannot remove a char from the end of a string");
        self.vec.drain(idx..idx + ch.len_utf8());
        ch
    }

    /// Keeps the characters for which `f` is true.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "a1b2");
    /// s.retain(|c| c.is_alphabetic());
    /// assert_eq!(s, "ab");
    /// ```
    pub fn retain<F: FnMut(char) -> bool>(&mut self, mut f: F) {
        let mut out = String::with_capacity_in(self.len(), self.bump());
        out.extend(self.chars().filter(|c| f(*c)));
        self.clear();
        self.push_str(&out);
    }

    /// Inserts `ch` at byte `idx`.
    ///
    /// # Panics
    ///
    /// If `idx` is not a char boundary.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "ac");
    /// s.insert(1, 'b');
    /// assert_eq!(s, "abc");
    /// ```
    pub fn insert(&mut self, idx: usize, ch: char) {
        self.insert_str(idx, ch.encode_utf8(&mut [0; 4]));
    }

    /// Inserts `string` at byte `idx`.
    ///
    /// # Panics
    ///
    /// If `idx` is not a char boundary.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "ad");
    /// s.insert_str(1, "bc");
    /// assert_eq!(s, "abcd");
    /// ```
    pub fn insert_str(&mut self, idx: usize, string: &str) {
        assert!(self.is_char_boundary(idx), "idx is not on a char boundary");
        let tail = self.vec.split_off(idx);
        self.vec.extend_from_slice_copy(string.as_bytes());
        self.vec.extend_from_slice_copy(&tail);
    }

    /// The underlying bytes, mutably.
    ///
    /// # Safety
    ///
    /// * The bytes are valid UTF-8 again before the string is used as a
    ///   `str`.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "a");
    /// // SAFETY: pushes ASCII.
    /// unsafe { s.as_mut_vec().push(b'b') };
    /// assert_eq!(s, "ab");
    /// ```
    pub unsafe fn as_mut_vec(&mut self) -> &mut Vec<'bump, u8> {
        &mut self.vec
    }

    /// Length in bytes.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(memkit_arena::format!(in &bump, "ab").len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.vec.len()
    }

    /// Whether the string is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert!(memkit_arena::format!(in &bump, "").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.vec.is_empty()
    }

    /// Splits off the bytes from `at` into a new string.
    ///
    /// # Panics
    ///
    /// If `at` is not a char boundary.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "ab");
    /// assert_eq!(s.split_off(1), "b");
    /// ```
    pub fn split_off(&mut self, at: usize) -> String<'bump> {
        assert!(self.is_char_boundary(at), "at is not on a char boundary");
        String {
            vec: self.vec.split_off(at),
        }
    }

    /// Empties the string.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let mut s = memkit_arena::format!(in &bump, "ab");
    /// s.clear();
    /// assert!(s.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.vec.clear();
    }
}

impl Deref for String<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: a `String`'s bytes are UTF-8 (every constructor and
        // mutator keeps them so).
        unsafe { core::str::from_utf8_unchecked(&self.vec) }
    }
}

impl DerefMut for String<'_> {
    fn deref_mut(&mut self) -> &mut str {
        // SAFETY: a `String`'s bytes are UTF-8 (as in `deref`); a `&mut str`
        // can only write UTF-8 back.
        unsafe { core::str::from_utf8_unchecked_mut(&mut self.vec) }
    }
}

impl fmt::Write for String<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }

    fn write_char(&mut self, c: char) -> fmt::Result {
        self.push(c);
        Ok(())
    }
}

impl fmt::Display for String<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl fmt::Debug for String<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Hash for String<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl PartialEq<str> for String<'_> {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for String<'_> {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl PartialEq<String<'_>> for str {
    fn eq(&self, other: &String<'_>) -> bool {
        *self == **other
    }
}

impl PartialEq<String<'_>> for &str {
    fn eq(&self, other: &String<'_>) -> bool {
        **self == **other
    }
}

impl Extend<char> for String<'_> {
    fn extend<I: IntoIterator<Item = char>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        for c in iter {
            self.push(c);
        }
    }
}

impl<'a> Extend<&'a str> for String<'_> {
    fn extend<I: IntoIterator<Item = &'a str>>(&mut self, iter: I) {
        for s in iter {
            self.push_str(s);
        }
    }
}

impl<'a> Extend<&'a char> for String<'_> {
    fn extend<I: IntoIterator<Item = &'a char>>(&mut self, iter: I) {
        self.extend(iter.into_iter().copied());
    }
}

impl<'bump> Extend<String<'bump>> for String<'bump> {
    fn extend<I: IntoIterator<Item = String<'bump>>>(&mut self, iter: I) {
        for s in iter {
            self.push_str(&s);
        }
    }
}

impl Extend<alloc::string::String> for String<'_> {
    fn extend<I: IntoIterator<Item = alloc::string::String>>(&mut self, iter: I) {
        for s in iter {
            self.push_str(&s);
        }
    }
}

impl<'a> Extend<Cow<'a, str>> for String<'_> {
    fn extend<I: IntoIterator<Item = Cow<'a, str>>>(&mut self, iter: I) {
        for s in iter {
            self.push_str(&s);
        }
    }
}

impl PartialEq<Cow<'_, str>> for String<'_> {
    fn eq(&self, other: &Cow<'_, str>) -> bool {
        **self == **other
    }
}

impl PartialEq<String<'_>> for Cow<'_, str> {
    fn eq(&self, other: &String<'_>) -> bool {
        **self == **other
    }
}

impl PartialEq<alloc::string::String> for String<'_> {
    fn eq(&self, other: &alloc::string::String) -> bool {
        **self == **other
    }
}

impl PartialEq<String<'_>> for alloc::string::String {
    fn eq(&self, other: &String<'_>) -> bool {
        **self == **other
    }
}

/// `s + "tail"` appends to `s`'s buffer (growing it in place when it is the
/// arena's last allocation) and returns it.
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// let s = memkit_arena::collections::String::from_str_in("ab", &bump) + "cd";
/// assert_eq!(s, "abcd");
/// ```
impl Add<&str> for String<'_> {
    type Output = Self;

    fn add(mut self, other: &str) -> Self {
        self.push_str(other);
        self
    }
}

/// `s += "tail"` is [`String::push_str`].
///
/// # Examples
///
/// ```
/// let bump = memkit_arena::Bump::new();
/// let mut s = memkit_arena::collections::String::from_str_in("ab", &bump);
/// s += "c";
/// assert_eq!(s, "abc");
/// ```
impl AddAssign<&str> for String<'_> {
    fn add_assign(&mut self, other: &str) {
        self.push_str(other);
    }
}

/// `Index` and `IndexMut` by every range type, as `str` has.
macro_rules! range_index {
    ($($range:ty),*) => {$(
        impl Index<$range> for String<'_> {
            type Output = str;

            #[inline]
            fn index(&self, index: $range) -> &str {
                &(**self)[index]
            }
        }

        impl IndexMut<$range> for String<'_> {
            #[inline]
            fn index_mut(&mut self, index: $range) -> &mut str {
                &mut (**self)[index]
            }
        }
    )*};
}

range_index!(
    Range<usize>,
    RangeTo<usize>,
    RangeFrom<usize>,
    RangeFull,
    RangeInclusive<usize>,
    RangeToInclusive<usize>
);

impl AsRef<str> for String<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl AsRef<[u8]> for String<'_> {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl core::borrow::Borrow<str> for String<'_> {
    fn borrow(&self) -> &str {
        self
    }
}

impl core::borrow::BorrowMut<str> for String<'_> {
    fn borrow_mut(&mut self) -> &mut str {
        self
    }
}
