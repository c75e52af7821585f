//! [`UninitSlice`]: a write-only view of bytes that may be uninitialized.
//!
//! This file is the unsafe core of the `buf` module: every pointer cast in
//! the module happens here.
//!
//! # Invariants
//!
//! `UninitSlice` is `#[repr(transparent)]` over `[MaybeUninit<u8>]`, so a
//! pointer to one is a valid pointer to the other, with the same length
//! metadata. Through its safe API, an `UninitSlice`:
//!
//! 1. never reads a byte, because some of them may be uninitialized;
//! 2. only ever stores initialized bytes (`u8` values).
//!
//! Rule 2 is what makes [`UninitSlice::new`] sound: it views a `&mut [u8]`,
//! whose bytes must stay initialized, as possibly-uninitialized memory, and
//! nothing written through the view can break that. The one method that
//! could (handing out `&mut [MaybeUninit<u8>]`) is `unsafe`.

use core::fmt;
use core::mem::MaybeUninit;
use core::ops::{
    Index, IndexMut, Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive,
};

// The casts between `[u8]`, `[MaybeUninit<u8>]` and `UninitSlice` rely on
// `MaybeUninit<u8>` having the size and alignment of `u8`.
const _: () = assert!(core::mem::size_of::<MaybeUninit<u8>>() == 1);
const _: () = assert!(core::mem::align_of::<MaybeUninit<u8>>() == 1);

/// A mutable byte slice whose contents may be uninitialized.
///
/// [`BufMut::chunk_mut`](crate::BufMut::chunk_mut) returns one to show where
/// the next bytes go. It can be written to but never read, and only
/// initialized bytes can be stored in it, so handing one out is sound even
/// when it points at fresh, never-written memory.
///
/// The difference from `&mut [MaybeUninit<u8>]` is that safe code can store
/// `MaybeUninit::uninit()` into the latter; an `UninitSlice` rules that out.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BufMut;
///
/// let mut out: Vec<u8> = Vec::with_capacity(8);
/// let room = out.chunk_mut();
/// room[..3].copy_from_slice(b"abc");
/// // SAFETY: the three bytes were just written.
/// unsafe { out.advance_mut(3) };
/// assert_eq!(out, b"abc");
/// ```
#[repr(transparent)]
pub struct UninitSlice([MaybeUninit<u8>]);

impl UninitSlice {
    /// Views an initialized byte slice as an `UninitSlice`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    ///
    /// let mut storage = [0u8; 4];
    /// let view = UninitSlice::new(&mut storage);
    /// view.write_byte(1, 9);
    /// assert_eq!(storage, [0, 9, 0, 0]);
    /// ```
    #[inline]
    pub fn new(slice: &mut [u8]) -> &mut UninitSlice {
        let ptr = slice as *mut [u8] as *mut UninitSlice;
        // SAFETY: 1. `UninitSlice` is `repr(transparent)` over
        // `[MaybeUninit<u8>]`, which has the layout of `[u8]`, so the cast
        // keeps address, length and alignment; 2. the result borrows `slice`
        // mutably for the same lifetime, so it is the only access path;
        // 3. the safe API only stores initialized bytes (module invariant 2),
        // so `slice` stays fully initialized.
        unsafe { &mut *ptr }
    }

    /// Views a slice of possibly-uninitialized bytes as an `UninitSlice`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    /// use std::mem::MaybeUninit;
    ///
    /// let mut storage = [MaybeUninit::<u8>::uninit(); 4];
    /// let view = UninitSlice::uninit(&mut storage);
    /// assert_eq!(view.len(), 4);
    /// ```
    #[inline]
    pub fn uninit(slice: &mut [MaybeUninit<u8>]) -> &mut UninitSlice {
        let ptr = slice as *mut [MaybeUninit<u8>] as *mut UninitSlice;
        // SAFETY: 1. `UninitSlice` is `repr(transparent)` over exactly this
        // slice type, so the cast keeps address, length and alignment; 2. the
        // result reborrows `slice` mutably for the same lifetime.
        unsafe { &mut *ptr }
    }

    /// Shared-reference twin of [`UninitSlice::uninit`], used by `Index`.
    #[inline]
    fn uninit_ref(slice: &[MaybeUninit<u8>]) -> &UninitSlice {
        let ptr = slice as *const [MaybeUninit<u8>] as *const UninitSlice;
        // SAFETY: `UninitSlice` is `repr(transparent)` over exactly this
        // slice type, and the result reborrows `slice` for the same lifetime.
        unsafe { &*ptr }
    }

    /// Builds an `UninitSlice` from a pointer and a length.
    ///
    /// [`UninitSlice::new`] and [`UninitSlice::uninit`] are the safe twins
    /// for when a slice is at hand.
    ///
    /// # Safety
    ///
    /// - `ptr` is non-null and valid for writes of `len` bytes for all of
    ///   `'a`, and those bytes belong to one allocation.
    /// - Nothing else reads or writes those bytes while the returned
    ///   reference lives.
    /// - `len` is at most `isize::MAX`.
    /// - If the bytes are initialized and someone relies on that afterwards,
    ///   note that this view will only ever store initialized bytes into
    ///   them.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    ///
    /// let mut storage = *b"cat";
    /// // SAFETY: `storage` is a live, exclusively borrowed 3-byte array.
    /// let view = unsafe { UninitSlice::from_raw_parts_mut(storage.as_mut_ptr(), 3) };
    /// view.write_byte(0, b'h');
    /// assert_eq!(&storage, b"hat");
    /// ```
    #[inline]
    pub unsafe fn from_raw_parts_mut<'a>(ptr: *mut u8, len: usize) -> &'a mut UninitSlice {
        // SAFETY: the caller guarantees that `ptr` is valid, exclusive and
        // in one allocation for `len <= isize::MAX` bytes during `'a`;
        // `MaybeUninit<u8>` has the layout of `u8` and needs no initialized
        // contents.
        let slice = unsafe { core::slice::from_raw_parts_mut(ptr.cast::<MaybeUninit<u8>>(), len) };
        UninitSlice::uninit(slice)
    }

    /// Stores `byte` at position `index`.
    ///
    /// # Panics
    ///
    /// Panics if `index >= self.len()`, naming both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    ///
    /// let mut storage = *b"...";
    /// UninitSlice::new(&mut storage).write_byte(2, b'!');
    /// assert_eq!(&storage, b"..!");
    /// ```
    #[inline]
    #[track_caller]
    pub fn write_byte(&mut self, index: usize, byte: u8) {
        let len = self.len();
        match self.0.get_mut(index) {
            Some(slot) => *slot = MaybeUninit::new(byte),
            None => panic!("UninitSlice::write_byte: index {index} out of bounds for length {len}"),
        }
    }

    /// Copies all of `src` into `self`; the two must have the same length.
    ///
    /// # Panics
    ///
    /// Panics if `src.len() != self.len()`, naming both lengths.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    ///
    /// let mut storage = [0u8; 5];
    /// UninitSlice::new(&mut storage)[1..4].copy_from_slice(b"abc");
    /// assert_eq!(&storage, b"\0abc\0");
    /// ```
    #[inline]
    #[track_caller]
    pub fn copy_from_slice(&mut self, src: &[u8]) {
        if self.len() != src.len() {
            panic!(
                "UninitSlice::copy_from_slice: destination length {} differs from source length {}",
                self.len(),
                src.len()
            );
        }
        for (slot, &byte) in self.0.iter_mut().zip(src) {
            *slot = MaybeUninit::new(byte);
        }
    }

    /// Stores `byte` in every position of `self`.
    #[inline]
    pub(crate) fn fill(&mut self, byte: u8) {
        for slot in &mut self.0 {
            *slot = MaybeUninit::new(byte);
        }
    }

    /// Returns a raw pointer to the first byte.
    ///
    /// Writing up to [`len`](UninitSlice::len) bytes through it is fine;
    /// reading through it is not, since the bytes may be uninitialized.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    ///
    /// let mut storage = [0u8; 2];
    /// let view = UninitSlice::new(&mut storage);
    /// let ptr = view.as_mut_ptr();
    /// // SAFETY: `ptr` points at the first of two writable bytes.
    /// unsafe { ptr.add(1).write(7) };
    /// assert_eq!(storage, [0, 7]);
    /// ```
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut u8 {
        self.0.as_mut_ptr().cast::<u8>()
    }

    /// Returns the bytes as a `&mut [MaybeUninit<u8>]`.
    ///
    /// # Safety
    ///
    /// - The caller must not store an uninitialized value
    ///   (`MaybeUninit::uninit()`) through the returned slice: the memory may
    ///   belong to a `&mut [u8]` whose bytes must stay initialized.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    /// use std::mem::MaybeUninit;
    ///
    /// let mut storage = [0u8; 3];
    /// let view = UninitSlice::new(&mut storage);
    /// // SAFETY: only initialized bytes are stored.
    /// let raw = unsafe { view.as_uninit_slice_mut() };
    /// raw[0] = MaybeUninit::new(1);
    /// assert_eq!(storage, [1, 0, 0]);
    /// ```
    #[inline]
    pub unsafe fn as_uninit_slice_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        &mut self.0
    }

    /// Returns how many bytes the slice spans.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::buf::UninitSlice;
    ///
    /// let mut storage = [0u8; 6];
    /// assert_eq!(UninitSlice::new(&mut storage).len(), 6);
    /// ```
    #[inline]
    // `bytes` 1.12 has no `UninitSlice::is_empty`; keep the API identical.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for UninitSlice {
    /// Shows only the length: the contents may be uninitialized and must not
    /// be read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UninitSlice")
            .field("len", &self.len())
            .finish()
    }
}

impl<'a> From<&'a mut [u8]> for &'a mut UninitSlice {
    /// Same as [`UninitSlice::new`].
    fn from(slice: &'a mut [u8]) -> Self {
        UninitSlice::new(slice)
    }
}

impl<'a> From<&'a mut [MaybeUninit<u8>]> for &'a mut UninitSlice {
    /// Same as [`UninitSlice::uninit`].
    fn from(slice: &'a mut [MaybeUninit<u8>]) -> Self {
        UninitSlice::uninit(slice)
    }
}

/// Implements `Index`/`IndexMut` for each range type by slicing the inner
/// `[MaybeUninit<u8>]`, which also supplies the bounds check and its panic.
macro_rules! range_index {
    ($($range:ty),* $(,)?) => {$(
        impl Index<$range> for UninitSlice {
            type Output = UninitSlice;

            #[inline]
            #[track_caller]
            fn index(&self, index: $range) -> &UninitSlice {
                UninitSlice::uninit_ref(&self.0[index])
            }
        }

        impl IndexMut<$range> for UninitSlice {
            #[inline]
            #[track_caller]
            fn index_mut(&mut self, index: $range) -> &mut UninitSlice {
                UninitSlice::uninit(&mut self.0[index])
            }
        }
    )*};
}

range_index!(
    Range<usize>,
    RangeFrom<usize>,
    RangeFull,
    RangeInclusive<usize>,
    RangeTo<usize>,
    RangeToInclusive<usize>,
);
