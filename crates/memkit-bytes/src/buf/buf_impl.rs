//! The [`Buf`] trait and its implementations for standard types.

#[cfg(feature = "std")]
use super::Reader;
use super::chunks;
use super::{Chain, Take};
use crate::panics::{panic_advance, panic_nbytes_too_large, panic_out_of_bounds};
use crate::{Bytes, BytesMut, TryGetError};
use alloc::boxed::Box;
use alloc::collections::VecDeque;
#[cfg(feature = "std")]
use std::io::IoSlice;

/// Width in bytes of the integer behind the variable-width readers
/// (`get_uint`, `get_int` and their twins).
const WIDE: usize = core::mem::size_of::<u64>();

/// Reinterprets the low `nbytes` bytes of `raw` as a two's-complement
/// number and widens it to `i64`, copying the top bit upwards.
///
/// `nbytes` is at most 8; callers check that before reading.
fn sign_extend(raw: u64, nbytes: usize) -> i64 {
    if nbytes == 0 {
        return 0;
    }
    // `1 <= nbytes <= 8`, so `unused` is in `0..=56` and both shifts are in
    // range.
    let unused = (WIDE - nbytes) * 8;
    ((raw << unused) as i64) >> unused
}

/// Where the `nbytes` of a big-endian variable-width integer start inside an
/// 8-byte scratch array; panics on behalf of `op` when `nbytes > 8`.
#[inline]
fn be_offset(op: &str, nbytes: usize) -> usize {
    match WIDE.checked_sub(nbytes) {
        Some(start) => start,
        None => panic_nbytes_too_large(op, nbytes, WIDE),
    }
}

/// Checks that `nbytes` fits a `u64` for a little-endian read on behalf of
/// `op`; the bytes then go to the front of the scratch array.
#[inline]
fn le_len(op: &str, nbytes: usize) -> usize {
    if nbytes > WIDE {
        panic_nbytes_too_large(op, nbytes, WIDE);
    }
    nbytes
}

/// Declares a fixed-width reader and its fallible twin.
///
/// The first form documents the byte order with literal bytes; the `ne` form
/// builds its example from `to_ne_bytes`, since the bytes differ by platform.
macro_rules! getters {
    (
        $get:ident, $try_get:ident, $ty:ident, $size:literal, $from:ident, $order:literal,
        [$($byte:literal),*] => $value:expr
    ) => {
        getters!(@emit $get, $try_get, $ty, $size, $from, $order,
            concat!("let mut buf: &[u8] = &", stringify!([$($byte),*]), ";"),
            stringify!($value));
    };
    (
        ne $get:ident, $try_get:ident, $ty:ident, $size:literal, $from:ident,
        $value:expr
    ) => {
        getters!(@emit $get, $try_get, $ty, $size, $from, "the target's native",
            concat!(
                "let value: ", stringify!($ty), " = ", stringify!($value), ";\n",
                "let raw = value.to_ne_bytes();\n",
                "let mut buf: &[u8] = &raw;"
            ),
            "value");
    };
    (@emit $get:ident, $try_get:ident, $ty:ident, $size:literal, $from:ident, $order:expr,
        $setup:expr, $expect:expr
    ) => {
        #[doc = concat!("Reads a `", stringify!($ty), "` stored in ", $order, " byte order.")]
        ///
        #[doc = concat!("The position moves forward by ", stringify!($size), " bytes. The bytes may")]
        /// span several chunks.
        ///
        /// # Panics
        ///
        /// Panics if fewer bytes remain than the value needs; the message
        /// gives both counts. The fallible twin
        #[doc = concat!("[`Buf::", stringify!($try_get), "`] returns an error instead.")]
        ///
        /// # Examples
        ///
        /// ```
        /// use memkit_bytes::Buf;
        ///
        #[doc = $setup]
        #[doc = concat!("assert_eq!(buf.", stringify!($get), "(), ", $expect, ");")]
        /// assert!(!buf.has_remaining());
        /// ```
        #[inline]
        fn $get(&mut self) -> $ty {
            const OP: &str = concat!("Buf::", stringify!($get));
            match chunks::read_array(OP, self) {
                Ok(raw) => $ty::$from(raw),
                Err(e) => panic_out_of_bounds(OP, e.requested, e.available),
            }
        }

        #[doc = concat!("Reads a `", stringify!($ty), "` stored in ", $order, " byte order, or")]
        /// reports that too few bytes remain.
        ///
        #[doc = concat!("On success the position moves forward by ", stringify!($size), " bytes.")]
        ///
        /// # Errors
        ///
        #[doc = concat!("Returns [`TryGetError`] with `requested: ", stringify!($size), "` and")]
        /// `available` set to [`Buf::remaining`] when the buffer is too short.
        /// The buffer is then left as it was.
        ///
        /// # Examples
        ///
        /// ```
        /// use memkit_bytes::{Buf, TryGetError};
        ///
        #[doc = $setup]
        #[doc = concat!("assert_eq!(buf.", stringify!($try_get), "(), Ok(", $expect, "));")]
        #[doc = concat!(
            "assert_eq!(buf.", stringify!($try_get), "(), Err(TryGetError { requested: ",
            stringify!($size), ", available: 0 }));"
        )]
        /// ```
        #[inline]
        fn $try_get(&mut self) -> Result<$ty, TryGetError> {
            chunks::read_array(concat!("Buf::", stringify!($try_get)), self).map($ty::$from)
        }
    };
}

/// Sequential read access to a run of bytes.
///
/// A `Buf` is a cursor over bytes that need not sit in one contiguous block:
/// [`chunk`](Buf::chunk) exposes the bytes at the cursor that happen to be
/// contiguous, [`remaining`](Buf::remaining) counts every byte still
/// readable, and [`advance`](Buf::advance) moves the cursor. Everything else
/// (the typed `get_*` readers, [`copy_to_slice`](Buf::copy_to_slice), the
/// adapters) is built on those three and works across chunk boundaries.
///
/// The readers come in two flavours. `get_*` panics when the buffer is too
/// short; `try_get_*` returns a [`TryGetError`] and leaves the buffer alone.
///
/// `&[u8]` is the simplest `Buf`: reading from it shrinks the slice.
///
/// # Examples
///
/// ```
/// use memkit_bytes::Buf;
///
/// let mut buf: &[u8] = b"\x00\x2Ahi";
/// assert_eq!(buf.get_u16(), 42);
/// assert_eq!(buf.chunk(), b"hi");
/// buf.advance(2);
/// assert!(!buf.has_remaining());
/// ```
pub trait Buf {
    /// Returns how many bytes are left between the cursor and the end of the
    /// buffer.
    ///
    /// This is never less than `self.chunk().len()`.
    ///
    /// # Implementer notes
    ///
    /// The value may only change through [`advance`](Buf::advance) or another
    /// method that is documented to move the cursor.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = b"abcdef";
    /// assert_eq!(buf.remaining(), 6);
    /// buf.advance(4);
    /// assert_eq!(buf.remaining(), 2);
    /// ```
    fn remaining(&self) -> usize;

    /// Returns the contiguous bytes that start at the cursor.
    ///
    /// The slice holds between 0 and [`remaining`](Buf::remaining) bytes. A
    /// buffer made of several pieces returns only the current piece, so the
    /// slice can be shorter than `remaining()`.
    ///
    /// # Implementer notes
    ///
    /// This method should not panic, and must return an empty slice exactly
    /// when `remaining()` is 0. The default readers rely on a non-empty chunk
    /// whenever bytes remain.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = b"memkit";
    /// assert_eq!(buf.chunk(), b"memkit");
    /// buf.advance(3);
    /// assert_eq!(buf.chunk(), b"kit");
    /// ```
    fn chunk(&self) -> &[u8];

    /// Fills `dst` with slices of the bytes at the cursor, in order, and
    /// returns how many entries it wrote.
    ///
    /// This lets a buffer made of several pieces hand all of them to a
    /// vectored write (`writev`) at once. The default writes at most one
    /// entry, the [`chunk`](Buf::chunk). Entries past the returned count are
    /// left as they were.
    ///
    /// # Implementer notes
    ///
    /// This method should not panic. It must return 0 without touching `dst`
    /// when no bytes remain, and must cope with an empty `dst`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    /// use std::io::IoSlice;
    ///
    /// let buf = (&b"head"[..]).chain(&b"tail"[..]);
    /// let mut slices = [IoSlice::new(&[]); 4];
    /// assert_eq!(buf.chunks_vectored(&mut slices), 2);
    /// assert_eq!(&*slices[0], b"head");
    /// assert_eq!(&*slices[1], b"tail");
    /// ```
    #[cfg(feature = "std")]
    fn chunks_vectored<'a>(&'a self, dst: &mut [IoSlice<'a>]) -> usize {
        match dst.first_mut() {
            Some(first) if self.has_remaining() => {
                *first = IoSlice::new(self.chunk());
                1
            }
            _ => 0,
        }
    }

    /// Moves the cursor `cnt` bytes forward.
    ///
    /// The next [`chunk`](Buf::chunk) starts `cnt` bytes further on.
    ///
    /// # Panics
    ///
    /// Implementations should panic when `cnt > self.remaining()`; the ones in
    /// this crate do, naming both numbers.
    ///
    /// # Implementer notes
    ///
    /// An implementation that does not panic on a too-large `cnt` must act as
    /// if `cnt` were `remaining()`. Advancing by 0 must do nothing and never
    /// panic.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = b"skip:keep";
    /// buf.advance(5);
    /// assert_eq!(buf.chunk(), b"keep");
    /// ```
    fn advance(&mut self, cnt: usize);

    /// Returns `true` while at least one byte is left, that is when
    /// `remaining() > 0`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = b"x";
    /// assert!(buf.has_remaining());
    /// buf.advance(1);
    /// assert!(!buf.has_remaining());
    /// ```
    fn has_remaining(&self) -> bool {
        self.remaining() > 0
    }

    /// Fills all of `dst` with the bytes at the cursor and moves the cursor
    /// past them.
    ///
    /// The copy may span several chunks.
    ///
    /// # Panics
    ///
    /// Panics if fewer than `dst.len()` bytes remain, naming both numbers.
    /// [`Buf::try_copy_to_slice`] reports this as an error instead.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = b"copy me";
    /// let mut word = [0u8; 4];
    /// buf.copy_to_slice(&mut word);
    /// assert_eq!(&word, b"copy");
    /// assert_eq!(buf.chunk(), b" me");
    /// ```
    fn copy_to_slice(&mut self, dst: &mut [u8]) {
        if let Err(e) = self.try_copy_to_slice(dst) {
            panic_out_of_bounds("Buf::copy_to_slice", e.requested, e.available);
        }
    }

    /// Reads one unsigned byte.
    ///
    /// The position moves forward by 1.
    ///
    /// # Panics
    ///
    /// Panics if the buffer is empty. [`Buf::try_get_u8`] returns an error
    /// instead.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = &[0xC8, 0x01];
    /// assert_eq!(buf.get_u8(), 200);
    /// assert_eq!(buf.remaining(), 1);
    /// ```
    #[inline]
    fn get_u8(&mut self) -> u8 {
        match self.try_get_u8() {
            Ok(byte) => byte,
            Err(e) => panic_out_of_bounds("Buf::get_u8", e.requested, e.available),
        }
    }

    /// Reads one signed byte.
    ///
    /// The position moves forward by 1.
    ///
    /// # Panics
    ///
    /// Panics if the buffer is empty. [`Buf::try_get_i8`] returns an error
    /// instead.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = &[0xFF, 0x01];
    /// assert_eq!(buf.get_i8(), -1);
    /// assert_eq!(buf.remaining(), 1);
    /// ```
    #[inline]
    fn get_i8(&mut self) -> i8 {
        match self.try_get_i8() {
            Ok(byte) => byte,
            Err(e) => panic_out_of_bounds("Buf::get_i8", e.requested, e.available),
        }
    }

    getters!(get_u16, try_get_u16, u16, 2, from_be_bytes, "big-endian", [0x12, 0x34] => 0x1234);
    getters!(get_u16_le, try_get_u16_le, u16, 2, from_le_bytes, "little-endian", [0x12, 0x34] => 0x3412);
    getters!(ne get_u16_ne, try_get_u16_ne, u16, 2, from_ne_bytes, 0x1234);
    getters!(get_i16, try_get_i16, i16, 2, from_be_bytes, "big-endian", [0xFF, 0xFE] => -2);
    getters!(get_i16_le, try_get_i16_le, i16, 2, from_le_bytes, "little-endian", [0xFE, 0xFF] => -2);
    getters!(ne get_i16_ne, try_get_i16_ne, i16, 2, from_ne_bytes, -2);
    getters!(get_u32, try_get_u32, u32, 4, from_be_bytes, "big-endian",
        [0x12, 0x34, 0x56, 0x78] => 0x1234_5678);
    getters!(get_u32_le, try_get_u32_le, u32, 4, from_le_bytes, "little-endian",
        [0x12, 0x34, 0x56, 0x78] => 0x7856_3412);
    getters!(ne get_u32_ne, try_get_u32_ne, u32, 4, from_ne_bytes, 0x1234_5678);
    getters!(get_i32, try_get_i32, i32, 4, from_be_bytes, "big-endian",
        [0xFF, 0xFF, 0xFF, 0x85] => -123);
    getters!(get_i32_le, try_get_i32_le, i32, 4, from_le_bytes, "little-endian",
        [0x85, 0xFF, 0xFF, 0xFF] => -123);
    getters!(ne get_i32_ne, try_get_i32_ne, i32, 4, from_ne_bytes, -123);
    getters!(get_u64, try_get_u64, u64, 8, from_be_bytes, "big-endian",
        [1, 2, 3, 4, 5, 6, 7, 8] => 0x0102_0304_0506_0708);
    getters!(get_u64_le, try_get_u64_le, u64, 8, from_le_bytes, "little-endian",
        [1, 2, 3, 4, 5, 6, 7, 8] => 0x0807_0605_0403_0201);
    getters!(ne get_u64_ne, try_get_u64_ne, u64, 8, from_ne_bytes, 0x0102_0304_0506_0708);
    getters!(get_i64, try_get_i64, i64, 8, from_be_bytes, "big-endian",
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00] => -256);
    getters!(get_i64_le, try_get_i64_le, i64, 8, from_le_bytes, "little-endian",
        [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] => -256);
    getters!(ne get_i64_ne, try_get_i64_ne, i64, 8, from_ne_bytes, -256);
    getters!(get_u128, try_get_u128, u128, 16, from_be_bytes, "big-endian",
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x2C] => 300);
    getters!(get_u128_le, try_get_u128_le, u128, 16, from_le_bytes, "little-endian",
        [0x2C, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] => 300);
    getters!(ne get_u128_ne, try_get_u128_ne, u128, 16, from_ne_bytes, 300);
    getters!(get_i128, try_get_i128, i128, 16, from_be_bytes, "big-endian",
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFD] => -3);
    getters!(get_i128_le, try_get_i128_le, i128, 16, from_le_bytes, "little-endian",
        [0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] => -3);
    getters!(ne get_i128_ne, try_get_i128_ne, i128, 16, from_ne_bytes, -3);
    getters!(get_f32, try_get_f32, f32, 4, from_be_bytes, "big-endian IEEE 754",
        [0x3F, 0xC0, 0x00, 0x00] => 1.5);
    getters!(get_f32_le, try_get_f32_le, f32, 4, from_le_bytes, "little-endian IEEE 754",
        [0x00, 0x00, 0xC0, 0x3F] => 1.5);
    getters!(ne get_f32_ne, try_get_f32_ne, f32, 4, from_ne_bytes, 1.5);
    getters!(get_f64, try_get_f64, f64, 8, from_be_bytes, "big-endian IEEE 754",
        [0x3F, 0xF8, 0, 0, 0, 0, 0, 0] => 1.5);
    getters!(get_f64_le, try_get_f64_le, f64, 8, from_le_bytes, "little-endian IEEE 754",
        [0, 0, 0, 0, 0, 0, 0xF8, 0x3F] => 1.5);
    getters!(ne get_f64_ne, try_get_f64_ne, f64, 8, from_ne_bytes, 1.5);

    /// Reads an unsigned integer stored big-endian in `nbytes` bytes
    /// (0 to 8) and widens it to `u64`.
    ///
    /// The position moves forward by `nbytes`.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if fewer than `nbytes` bytes remain. Both
    /// messages give the numbers involved.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = &[0x01, 0x00, 0x02, 0xAA];
    /// assert_eq!(buf.get_uint(3), 0x01_0002);
    /// assert_eq!(buf.remaining(), 1);
    /// ```
    fn get_uint(&mut self, nbytes: usize) -> u64 {
        const OP: &str = "Buf::get_uint";
        let mut raw = [0u8; WIDE];
        let start = be_offset(OP, nbytes);
        if let Err(e) = self.try_copy_to_slice(&mut raw[start..]) {
            panic_out_of_bounds(OP, e.requested, e.available);
        }
        u64::from_be_bytes(raw)
    }

    /// Reads an unsigned integer stored little-endian in `nbytes` bytes
    /// (0 to 8) and widens it to `u64`.
    ///
    /// The position moves forward by `nbytes`.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if fewer than `nbytes` bytes remain.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = &[0x01, 0x00, 0x02, 0xAA];
    /// assert_eq!(buf.get_uint_le(3), 0x02_0001);
    /// assert_eq!(buf.remaining(), 1);
    /// ```
    fn get_uint_le(&mut self, nbytes: usize) -> u64 {
        const OP: &str = "Buf::get_uint_le";
        let mut raw = [0u8; WIDE];
        let len = le_len(OP, nbytes);
        if let Err(e) = self.try_copy_to_slice(&mut raw[..len]) {
            panic_out_of_bounds(OP, e.requested, e.available);
        }
        u64::from_le_bytes(raw)
    }

    /// Reads an unsigned integer stored in `nbytes` bytes (0 to 8) in the
    /// target's native byte order and widens it to `u64`.
    ///
    /// The position moves forward by `nbytes`.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if fewer than `nbytes` bytes remain.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let raw = 0x00AB_CDEF_u32.to_ne_bytes();
    /// let mut buf: &[u8] = if cfg!(target_endian = "big") { &raw[1..] } else { &raw[..3] };
    /// assert_eq!(buf.get_uint_ne(3), 0xAB_CDEF);
    /// ```
    fn get_uint_ne(&mut self, nbytes: usize) -> u64 {
        if cfg!(target_endian = "big") {
            self.get_uint(nbytes)
        } else {
            self.get_uint_le(nbytes)
        }
    }

    /// Reads a two's-complement integer stored big-endian in `nbytes` bytes
    /// (0 to 8) and sign-extends it to `i64`.
    ///
    /// The position moves forward by `nbytes`. Reading 0 bytes yields 0.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if fewer than `nbytes` bytes remain.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = &[0xFF, 0xFF, 0xFE, 0x00, 0x10];
    /// assert_eq!(buf.get_int(3), -2);
    /// assert_eq!(buf.get_int(2), 0x10);
    /// ```
    fn get_int(&mut self, nbytes: usize) -> i64 {
        sign_extend(self.get_uint(nbytes), nbytes)
    }

    /// Reads a two's-complement integer stored little-endian in `nbytes`
    /// bytes (0 to 8) and sign-extends it to `i64`.
    ///
    /// The position moves forward by `nbytes`.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if fewer than `nbytes` bytes remain.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = &[0xFE, 0xFF, 0xFF, 0x10, 0x00];
    /// assert_eq!(buf.get_int_le(3), -2);
    /// assert_eq!(buf.get_int_le(2), 0x10);
    /// ```
    fn get_int_le(&mut self, nbytes: usize) -> i64 {
        sign_extend(self.get_uint_le(nbytes), nbytes)
    }

    /// Reads a two's-complement integer stored in `nbytes` bytes (0 to 8) in
    /// the target's native byte order and sign-extends it to `i64`.
    ///
    /// The position moves forward by `nbytes`.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if fewer than `nbytes` bytes remain.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let raw = (-2_i16).to_ne_bytes();
    /// let mut buf: &[u8] = &raw;
    /// assert_eq!(buf.get_int_ne(2), -2);
    /// ```
    fn get_int_ne(&mut self, nbytes: usize) -> i64 {
        if cfg!(target_endian = "big") {
            self.get_int(nbytes)
        } else {
            self.get_int_le(nbytes)
        }
    }

    /// Fills all of `dst` with the bytes at the cursor, or reports that too
    /// few bytes remain.
    ///
    /// On success the cursor moves past the copied bytes. The copy may span
    /// several chunks.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: dst.len()` and `available`
    /// set to [`Buf::remaining`] when the buffer is too short. Neither the
    /// buffer nor `dst` is touched then.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = b"abc";
    /// let mut two = [0u8; 2];
    /// assert_eq!(buf.try_copy_to_slice(&mut two), Ok(()));
    /// assert_eq!(&two, b"ab");
    ///
    /// let mut four = [0u8; 4];
    /// let err = buf.try_copy_to_slice(&mut four).unwrap_err();
    /// assert_eq!(err, TryGetError { requested: 4, available: 1 });
    /// assert_eq!(buf.chunk(), b"c");
    /// ```
    fn try_copy_to_slice(&mut self, dst: &mut [u8]) -> Result<(), TryGetError> {
        let available = self.remaining();
        if available < dst.len() {
            return Err(TryGetError {
                requested: dst.len(),
                available,
            });
        }
        chunks::copy_chunks("Buf::try_copy_to_slice", self, dst);
        Ok(())
    }

    /// Reads one unsigned byte, or reports that the buffer is empty.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: 1, available: 0` when no byte
    /// is left.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = &[7];
    /// assert_eq!(buf.try_get_u8(), Ok(7));
    /// assert_eq!(buf.try_get_u8(), Err(TryGetError { requested: 1, available: 0 }));
    /// ```
    #[inline]
    fn try_get_u8(&mut self) -> Result<u8, TryGetError> {
        chunks::read_array("Buf::try_get_u8", self).map(u8::from_ne_bytes)
    }

    /// Reads one signed byte, or reports that the buffer is empty.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: 1, available: 0` when no byte
    /// is left.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = &[0x80];
    /// assert_eq!(buf.try_get_i8(), Ok(-128));
    /// assert_eq!(buf.try_get_i8(), Err(TryGetError { requested: 1, available: 0 }));
    /// ```
    #[inline]
    fn try_get_i8(&mut self) -> Result<i8, TryGetError> {
        chunks::read_array("Buf::try_get_i8", self).map(i8::from_ne_bytes)
    }

    /// Reads an unsigned big-endian integer of `nbytes` bytes (0 to 8), or
    /// reports that too few bytes remain.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: nbytes` when fewer than
    /// `nbytes` bytes remain; the buffer is left as it was.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`: that is a bug in the caller, not a short
    /// buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = &[0x01, 0x02, 0x03];
    /// assert_eq!(buf.try_get_uint(2), Ok(0x0102));
    /// assert_eq!(buf.try_get_uint(2), Err(TryGetError { requested: 2, available: 1 }));
    /// ```
    fn try_get_uint(&mut self, nbytes: usize) -> Result<u64, TryGetError> {
        let mut raw = [0u8; WIDE];
        let start = be_offset("Buf::try_get_uint", nbytes);
        self.try_copy_to_slice(&mut raw[start..])?;
        Ok(u64::from_be_bytes(raw))
    }

    /// Reads an unsigned little-endian integer of `nbytes` bytes (0 to 8), or
    /// reports that too few bytes remain.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: nbytes` when fewer than
    /// `nbytes` bytes remain; the buffer is left as it was.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = &[0x01, 0x02, 0x03];
    /// assert_eq!(buf.try_get_uint_le(2), Ok(0x0201));
    /// assert_eq!(buf.try_get_uint_le(2), Err(TryGetError { requested: 2, available: 1 }));
    /// ```
    fn try_get_uint_le(&mut self, nbytes: usize) -> Result<u64, TryGetError> {
        let mut raw = [0u8; WIDE];
        let len = le_len("Buf::try_get_uint_le", nbytes);
        self.try_copy_to_slice(&mut raw[..len])?;
        Ok(u64::from_le_bytes(raw))
    }

    /// Reads an unsigned native-endian integer of `nbytes` bytes (0 to 8), or
    /// reports that too few bytes remain.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: nbytes` when fewer than
    /// `nbytes` bytes remain; the buffer is left as it was.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let raw = 0x0102_u16.to_ne_bytes();
    /// let mut buf: &[u8] = &raw;
    /// assert_eq!(buf.try_get_uint_ne(2), Ok(0x0102));
    /// assert!(buf.try_get_uint_ne(1).is_err());
    /// ```
    fn try_get_uint_ne(&mut self, nbytes: usize) -> Result<u64, TryGetError> {
        if cfg!(target_endian = "big") {
            self.try_get_uint(nbytes)
        } else {
            self.try_get_uint_le(nbytes)
        }
    }

    /// Reads a two's-complement big-endian integer of `nbytes` bytes (0 to
    /// 8) and sign-extends it, or reports that too few bytes remain.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: nbytes` when fewer than
    /// `nbytes` bytes remain; the buffer is left as it was.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = &[0xFF, 0xFD, 0x01];
    /// assert_eq!(buf.try_get_int(2), Ok(-3));
    /// assert_eq!(buf.try_get_int(3), Err(TryGetError { requested: 3, available: 1 }));
    /// ```
    fn try_get_int(&mut self, nbytes: usize) -> Result<i64, TryGetError> {
        self.try_get_uint(nbytes)
            .map(|raw| sign_extend(raw, nbytes))
    }

    /// Reads a two's-complement little-endian integer of `nbytes` bytes (0 to
    /// 8) and sign-extends it, or reports that too few bytes remain.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: nbytes` when fewer than
    /// `nbytes` bytes remain; the buffer is left as it was.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, TryGetError};
    ///
    /// let mut buf: &[u8] = &[0xFD, 0xFF, 0x01];
    /// assert_eq!(buf.try_get_int_le(2), Ok(-3));
    /// assert_eq!(buf.try_get_int_le(3), Err(TryGetError { requested: 3, available: 1 }));
    /// ```
    fn try_get_int_le(&mut self, nbytes: usize) -> Result<i64, TryGetError> {
        self.try_get_uint_le(nbytes)
            .map(|raw| sign_extend(raw, nbytes))
    }

    /// Reads a two's-complement native-endian integer of `nbytes` bytes (0 to
    /// 8) and sign-extends it, or reports that too few bytes remain.
    ///
    /// # Errors
    ///
    /// Returns [`TryGetError`] with `requested: nbytes` when fewer than
    /// `nbytes` bytes remain; the buffer is left as it was.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let raw = (-3_i16).to_ne_bytes();
    /// let mut buf: &[u8] = &raw;
    /// assert_eq!(buf.try_get_int_ne(2), Ok(-3));
    /// ```
    fn try_get_int_ne(&mut self, nbytes: usize) -> Result<i64, TryGetError> {
        if cfg!(target_endian = "big") {
            self.try_get_int(nbytes)
        } else {
            self.try_get_int_le(nbytes)
        }
    }

    /// Takes the next `len` bytes out as a [`Bytes`] and moves the cursor past
    /// them.
    ///
    /// The default copies the bytes into a fresh buffer. Buffers that already
    /// hold a `Bytes` (such as `Bytes` itself) override this to hand out a
    /// slice of their storage without copying.
    ///
    /// # Panics
    ///
    /// Panics if fewer than `len` bytes remain, naming both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut buf: &[u8] = b"frame|rest";
    /// let frame = buf.copy_to_bytes(5);
    /// assert_eq!(&frame[..], b"frame");
    /// assert_eq!(buf.chunk(), b"|rest");
    /// ```
    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        const OP: &str = "Buf::copy_to_bytes";
        let available = self.remaining();
        if available < len {
            panic_out_of_bounds(OP, len, available);
        }
        let mut out = BytesMut::with_capacity(len);
        chunks::append_chunks(OP, self, &mut out, len);
        out.freeze()
    }

    /// Wraps `self` so that at most `limit` bytes can be read through it.
    ///
    /// See [`Take`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut head = (&b"header:body"[..]).take(6);
    /// assert_eq!(head.remaining(), 6);
    /// let mut out = [0u8; 6];
    /// head.copy_to_slice(&mut out);
    /// assert_eq!(&out, b"header");
    /// assert_eq!(head.into_inner(), &b":body"[..]);
    /// ```
    fn take(self, limit: usize) -> Take<Self>
    where
        Self: Sized,
    {
        Take::new(self, limit)
    }

    /// Joins `self` and `next` into one buffer that reads all of `self`, then
    /// all of `next`.
    ///
    /// See [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    ///
    /// let mut both = (&[0x00, 0x01][..]).chain(&[0x02, 0x03][..]);
    /// // The read spans the seam between the two buffers.
    /// assert_eq!(both.get_u32(), 0x0001_0203);
    /// ```
    fn chain<U: Buf>(self, next: U) -> Chain<Self, U>
    where
        Self: Sized,
    {
        Chain::new(self, next)
    }

    /// Adapts `self` into a [`std::io::Read`] and [`std::io::BufRead`].
    ///
    /// See [`Reader`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Buf;
    /// use std::io::Read;
    ///
    /// let mut reader = (&b"over io"[..]).reader();
    /// let mut text = String::new();
    /// reader.read_to_string(&mut text).unwrap();
    /// assert_eq!(text, "over io");
    /// ```
    #[cfg(feature = "std")]
    fn reader(self) -> Reader<Self>
    where
        Self: Sized,
    {
        Reader::new(self)
    }
}

/// Forwards every `Buf` method that does not need `Self: Sized` to `**self`,
/// so a wrapper keeps any override of the buffer it points to.
macro_rules! forward_buf {
    ($($method:ident($($arg:ident: $argty:ty),*) -> $ret:ty;)*) => {
        #[inline]
        fn remaining(&self) -> usize {
            (**self).remaining()
        }

        #[inline]
        fn chunk(&self) -> &[u8] {
            (**self).chunk()
        }

        #[cfg(feature = "std")]
        #[inline]
        fn chunks_vectored<'b>(&'b self, dst: &mut [IoSlice<'b>]) -> usize {
            (**self).chunks_vectored(dst)
        }

        #[inline]
        fn has_remaining(&self) -> bool {
            (**self).has_remaining()
        }

        #[inline]
        fn advance(&mut self, cnt: usize) {
            (**self).advance(cnt)
        }

        #[inline]
        fn copy_to_slice(&mut self, dst: &mut [u8]) {
            (**self).copy_to_slice(dst)
        }

        $(
            #[inline]
            fn $method(&mut self, $($arg: $argty),*) -> $ret {
                (**self).$method($($arg),*)
            }
        )*
    };
}

/// Invokes `forward_buf!` with the full list of `&mut self` methods.
macro_rules! forward_buf_all {
    () => {
        forward_buf! {
            try_copy_to_slice(dst: &mut [u8]) -> Result<(), TryGetError>;
            copy_to_bytes(len: usize) -> Bytes;
            get_u8() -> u8; get_i8() -> i8;
            get_u16() -> u16; get_u16_le() -> u16; get_u16_ne() -> u16;
            get_i16() -> i16; get_i16_le() -> i16; get_i16_ne() -> i16;
            get_u32() -> u32; get_u32_le() -> u32; get_u32_ne() -> u32;
            get_i32() -> i32; get_i32_le() -> i32; get_i32_ne() -> i32;
            get_u64() -> u64; get_u64_le() -> u64; get_u64_ne() -> u64;
            get_i64() -> i64; get_i64_le() -> i64; get_i64_ne() -> i64;
            get_u128() -> u128; get_u128_le() -> u128; get_u128_ne() -> u128;
            get_i128() -> i128; get_i128_le() -> i128; get_i128_ne() -> i128;
            get_f32() -> f32; get_f32_le() -> f32; get_f32_ne() -> f32;
            get_f64() -> f64; get_f64_le() -> f64; get_f64_ne() -> f64;
            get_uint(nbytes: usize) -> u64; get_uint_le(nbytes: usize) -> u64;
            get_uint_ne(nbytes: usize) -> u64;
            get_int(nbytes: usize) -> i64; get_int_le(nbytes: usize) -> i64;
            get_int_ne(nbytes: usize) -> i64;
            try_get_u8() -> Result<u8, TryGetError>; try_get_i8() -> Result<i8, TryGetError>;
            try_get_u16() -> Result<u16, TryGetError>;
            try_get_u16_le() -> Result<u16, TryGetError>;
            try_get_u16_ne() -> Result<u16, TryGetError>;
            try_get_i16() -> Result<i16, TryGetError>;
            try_get_i16_le() -> Result<i16, TryGetError>;
            try_get_i16_ne() -> Result<i16, TryGetError>;
            try_get_u32() -> Result<u32, TryGetError>;
            try_get_u32_le() -> Result<u32, TryGetError>;
            try_get_u32_ne() -> Result<u32, TryGetError>;
            try_get_i32() -> Result<i32, TryGetError>;
            try_get_i32_le() -> Result<i32, TryGetError>;
            try_get_i32_ne() -> Result<i32, TryGetError>;
            try_get_u64() -> Result<u64, TryGetError>;
            try_get_u64_le() -> Result<u64, TryGetError>;
            try_get_u64_ne() -> Result<u64, TryGetError>;
            try_get_i64() -> Result<i64, TryGetError>;
            try_get_i64_le() -> Result<i64, TryGetError>;
            try_get_i64_ne() -> Result<i64, TryGetError>;
            try_get_u128() -> Result<u128, TryGetError>;
            try_get_u128_le() -> Result<u128, TryGetError>;
            try_get_u128_ne() -> Result<u128, TryGetError>;
            try_get_i128() -> Result<i128, TryGetError>;
            try_get_i128_le() -> Result<i128, TryGetError>;
            try_get_i128_ne() -> Result<i128, TryGetError>;
            try_get_f32() -> Result<f32, TryGetError>;
            try_get_f32_le() -> Result<f32, TryGetError>;
            try_get_f32_ne() -> Result<f32, TryGetError>;
            try_get_f64() -> Result<f64, TryGetError>;
            try_get_f64_le() -> Result<f64, TryGetError>;
            try_get_f64_ne() -> Result<f64, TryGetError>;
            try_get_uint(nbytes: usize) -> Result<u64, TryGetError>;
            try_get_uint_le(nbytes: usize) -> Result<u64, TryGetError>;
            try_get_uint_ne(nbytes: usize) -> Result<u64, TryGetError>;
            try_get_int(nbytes: usize) -> Result<i64, TryGetError>;
            try_get_int_le(nbytes: usize) -> Result<i64, TryGetError>;
            try_get_int_ne(nbytes: usize) -> Result<i64, TryGetError>;
        }
    };
}

impl<T: Buf + ?Sized> Buf for &mut T {
    forward_buf_all!();
}

impl<T: Buf + ?Sized> Buf for Box<T> {
    forward_buf_all!();
}

impl Buf for &[u8] {
    #[inline]
    fn remaining(&self) -> usize {
        self.len()
    }

    #[inline]
    fn chunk(&self) -> &[u8] {
        self
    }

    #[inline]
    fn advance(&mut self, cnt: usize) {
        match self.get(cnt..) {
            Some(rest) => *self = rest,
            None => panic_advance("Buf::advance", cnt, self.len()),
        }
    }

    #[inline]
    fn copy_to_slice(&mut self, dst: &mut [u8]) {
        if self.len() < dst.len() {
            panic_out_of_bounds("Buf::copy_to_slice", dst.len(), self.len());
        }
        let (head, rest) = self.split_at(dst.len());
        dst.copy_from_slice(head);
        *self = rest;
    }
}

#[cfg(feature = "std")]
impl<T: AsRef<[u8]>> Buf for std::io::Cursor<T> {
    fn remaining(&self) -> usize {
        let len = self.get_ref().as_ref().len();
        // A position that does not fit in `usize` is past any slice's end.
        usize::try_from(self.position()).map_or(0, |pos| len.saturating_sub(pos))
    }

    fn chunk(&self) -> &[u8] {
        let data = self.get_ref().as_ref();
        // The position may lie past the end; clamp it so the chunk is empty.
        let start = usize::try_from(self.position()).map_or(data.len(), |pos| pos.min(data.len()));
        &data[start..]
    }

    fn advance(&mut self, cnt: usize) {
        let left = self.remaining();
        if cnt > left {
            panic_advance("Buf::advance", cnt, left);
        }
        if cnt == 0 {
            // Leave a position that lies past the end untouched.
            return;
        }
        // `cnt > 0` and `cnt <= left` mean the position is inside the data,
        // so it equals `len - left`, and the new position is at most `len`:
        // neither step can overflow.
        let len = self.get_ref().as_ref().len();
        let new_pos = len - left + cnt;
        // `usize` is at most 64 bits wide on every target Rust supports, so
        // widening to `u64` is lossless.
        self.set_position(new_pos as u64);
    }
}

impl Buf for VecDeque<u8> {
    fn remaining(&self) -> usize {
        self.len()
    }

    fn chunk(&self) -> &[u8] {
        let (front, back) = self.as_slices();
        if front.is_empty() { back } else { front }
    }

    #[cfg(feature = "std")]
    fn chunks_vectored<'a>(&'a self, dst: &mut [IoSlice<'a>]) -> usize {
        let (front, back) = self.as_slices();
        let mut written = 0;
        for (slot, part) in dst
            .iter_mut()
            .zip([front, back].into_iter().filter(|p| !p.is_empty()))
        {
            *slot = IoSlice::new(part);
            written += 1;
        }
        written
    }

    fn advance(&mut self, cnt: usize) {
        if cnt > self.len() {
            panic_advance("Buf::advance", cnt, self.len());
        }
        self.drain(..cnt);
    }
}

/// Compile-time proof that `Buf` stays usable as a trait object.
const _: fn(&dyn Buf) = |_| {};
