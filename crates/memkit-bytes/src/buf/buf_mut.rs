//! The [`BufMut`] trait and its implementations for standard types.

#[cfg(feature = "std")]
use super::Writer;
use super::{Buf, Chain, Limit, UninitSlice};
use crate::panics::{
    panic_advance, panic_empty_chunk, panic_nbytes_too_large, panic_out_of_bounds,
};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::mem::MaybeUninit;

/// Width in bytes of the integer behind `put_uint` and `put_int`.
const WIDE: usize = core::mem::size_of::<u64>();

/// Declares a fixed-width writer.
///
/// The first form documents the byte order with the literal bytes it
/// produces; the `ne` form compares with `to_ne_bytes`, since the bytes differ
/// by platform.
macro_rules! putter {
    ($put:ident, $ty:ident, $to:ident, $order:literal, $value:expr => [$($byte:literal),*]) => {
        putter!(@emit $put, $ty, $to, $order, stringify!($value),
            concat!("assert_eq!(out, ", stringify!([$($byte),*]), ");"));
    };
    (ne $put:ident, $ty:ident, $value:expr) => {
        putter!(@emit $put, $ty, to_ne_bytes, "the target's native", stringify!($value),
            concat!("assert_eq!(out, (", stringify!($value), " as ", stringify!($ty), ").to_ne_bytes());"));
    };
    (@emit $put:ident, $ty:ident, $to:ident, $order:expr, $value:expr, $check:expr) => {
        #[doc = concat!("Writes a `", stringify!($ty), "` in ", $order, " byte order.")]
        ///
        #[doc = concat!("The position moves forward by `size_of::<", stringify!($ty), ">()` bytes.")]
        ///
        /// # Panics
        ///
        /// Panics if `self` has less room left than the value needs; the
        /// message gives both counts.
        ///
        /// # Examples
        ///
        /// ```
        /// use memkit_bytes::BufMut;
        ///
        /// let mut out = Vec::new();
        #[doc = concat!("out.", stringify!($put), "(", $value, ");")]
        #[doc = $check]
        /// ```
        #[inline]
        fn $put(&mut self, n: $ty) {
            self.put_slice(&n.$to());
        }
    };
}

/// Sequential write access to a run of bytes.
///
/// A `BufMut` is a cursor into writable memory that need not be one
/// contiguous block: [`chunk_mut`](BufMut::chunk_mut) exposes the room at the
/// cursor (possibly uninitialized), [`remaining_mut`](BufMut::remaining_mut)
/// says how much room is left in total, and
/// [`advance_mut`](BufMut::advance_mut) moves the cursor over bytes the caller
/// has written. The typed `put_*` writers are built on those three and work
/// across chunk boundaries.
///
/// `Vec<u8>` is the simplest `BufMut`: writing appends, growing as needed.
///
/// # Safety
///
/// Callers, including `unsafe` code, trust every implementation to keep
/// these promises:
///
/// - [`chunk_mut`](BufMut::chunk_mut) returns memory that belongs to this
///   buffer and that nothing else reads or writes while the returned
///   reference lives;
/// - [`advance_mut`](BufMut::advance_mut)`(cnt)` only ever marks as written
///   bytes that the caller was handed through `chunk_mut` and has written. It
///   never exposes, as written data, bytes that lie past the room it handed
///   out; it panics (or clamps, see its notes) instead.
///
/// # Examples
///
/// ```
/// use memkit_bytes::BufMut;
///
/// let mut out = Vec::new();
/// out.put_u8(b'[');
/// out.put_slice(b"ok");
/// out.put_u8(b']');
/// assert_eq!(out, b"[ok]");
/// ```
pub unsafe trait BufMut {
    /// Returns how much room is left between the cursor and the end of the
    /// buffer.
    ///
    /// This is never less than `self.chunk_mut().len()`. A buffer that grows
    /// on demand (such as `Vec<u8>`) reports how far it could grow, and a
    /// write may still fail earlier if memory runs out.
    ///
    /// # Implementer notes
    ///
    /// The value may only change through [`advance_mut`](BufMut::advance_mut)
    /// or another method that is documented to move the cursor. It may be
    /// smaller than the room really available.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut storage = [0u8; 8];
    /// let mut out = &mut storage[..];
    /// assert_eq!(out.remaining_mut(), 8);
    /// out.put_u16(1);
    /// assert_eq!(out.remaining_mut(), 6);
    /// ```
    fn remaining_mut(&self) -> usize;

    /// Moves the cursor `cnt` bytes forward, over bytes the caller has
    /// written.
    ///
    /// The next [`chunk_mut`](BufMut::chunk_mut) starts `cnt` bytes further
    /// on, and the skipped bytes count as written data.
    ///
    /// # Safety
    ///
    /// - The caller must have initialized the first `cnt` bytes of the room
    ///   at the cursor (as handed out by `chunk_mut`).
    ///
    /// # Panics
    ///
    /// May panic if `cnt > self.remaining_mut()`; the implementations in this
    /// crate do, naming both numbers.
    ///
    /// # Implementer notes
    ///
    /// Panicking on a too-large `cnt` is recommended. An implementation that
    /// does not panic must act as if `cnt` were `remaining_mut()`. Advancing
    /// by 0 must do nothing and never panic.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out: Vec<u8> = Vec::with_capacity(4);
    /// out.chunk_mut()[..2].copy_from_slice(b"hi");
    /// // SAFETY: the two bytes at the cursor were just written.
    /// unsafe { out.advance_mut(2) };
    /// assert_eq!(out, b"hi");
    /// ```
    unsafe fn advance_mut(&mut self, cnt: usize);

    /// Returns `true` while there is room for at least one more byte, that is
    /// when `remaining_mut() > 0`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut storage = [0u8; 1];
    /// let mut out = &mut storage[..];
    /// assert!(out.has_remaining_mut());
    /// out.put_u8(1);
    /// assert!(!out.has_remaining_mut());
    /// ```
    #[inline]
    fn has_remaining_mut(&self) -> bool {
        self.remaining_mut() > 0
    }

    /// Returns the contiguous room at the cursor, which may be
    /// uninitialized.
    ///
    /// The slice holds between 0 and [`remaining_mut`](BufMut::remaining_mut)
    /// bytes; a buffer made of several pieces returns only the current one.
    /// Write into it, then call [`advance_mut`](BufMut::advance_mut). A
    /// growable buffer may allocate here when it is full.
    ///
    /// # Implementer notes
    ///
    /// This method should not panic (apart from allocation failure), and must
    /// return an empty slice exactly when `remaining_mut()` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out: Vec<u8> = Vec::new();
    /// let room = out.chunk_mut();
    /// assert!(room.len() > 0);
    /// room.write_byte(0, b'x');
    /// // SAFETY: the byte at the cursor was just written.
    /// unsafe { out.advance_mut(1) };
    /// assert_eq!(out, b"x");
    /// ```
    fn chunk_mut(&mut self) -> &mut UninitSlice;

    /// Moves every remaining byte of `src` into `self`.
    ///
    /// Both sides may be made of several chunks. `src` ends up empty.
    ///
    /// # Panics
    ///
    /// Panics if `self` has less room than `src` has bytes, naming both
    /// numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::{Buf, BufMut};
    ///
    /// let mut out = Vec::new();
    /// out.put((&b"one "[..]).chain(&b"two"[..]));
    /// assert_eq!(out, b"one two");
    /// ```
    fn put<T: Buf>(&mut self, mut src: T)
    where
        Self: Sized,
    {
        const OP: &str = "BufMut::put";
        let need = src.remaining();
        let room = self.remaining_mut();
        if need > room {
            panic_out_of_bounds(OP, need, room);
        }
        while src.has_remaining() {
            let from = src.chunk();
            let to = self.chunk_mut();
            let n = usize::min(from.len(), to.len());
            if n == 0 {
                panic_empty_chunk(OP, src.remaining());
            }
            to[..n].copy_from_slice(&from[..n]);
            // SAFETY: the first `n` bytes at the cursor were initialized by
            // the copy just above.
            unsafe { self.advance_mut(n) };
            src.advance(n);
        }
    }

    /// Copies all of `src` into `self`.
    ///
    /// # Panics
    ///
    /// Panics if `self` has less room than `src.len()`, naming both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut storage = [0u8; 6];
    /// let mut out = &mut storage[..];
    /// out.put_slice(b"four");
    /// assert_eq!(out.remaining_mut(), 2);
    /// assert_eq!(&storage, b"four\0\0");
    /// ```
    fn put_slice(&mut self, mut src: &[u8]) {
        const OP: &str = "BufMut::put_slice";
        let room = self.remaining_mut();
        if src.len() > room {
            panic_out_of_bounds(OP, src.len(), room);
        }
        while !src.is_empty() {
            let to = self.chunk_mut();
            let n = usize::min(src.len(), to.len());
            if n == 0 {
                panic_empty_chunk(OP, src.len());
            }
            let (head, tail) = src.split_at(n);
            to[..n].copy_from_slice(head);
            // SAFETY: the first `n` bytes at the cursor were initialized by
            // the copy just above.
            unsafe { self.advance_mut(n) };
            src = tail;
        }
    }

    /// Writes `cnt` copies of the byte `val`.
    ///
    /// Same result as calling [`put_u8`](BufMut::put_u8) `cnt` times, in fewer
    /// steps.
    ///
    /// # Panics
    ///
    /// Panics if `self` has less room than `cnt`, naming both numbers.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_bytes(b'-', 3);
    /// assert_eq!(out, b"---");
    /// ```
    fn put_bytes(&mut self, val: u8, cnt: usize) {
        const OP: &str = "BufMut::put_bytes";
        let room = self.remaining_mut();
        if cnt > room {
            panic_out_of_bounds(OP, cnt, room);
        }
        let mut left = cnt;
        while left > 0 {
            let to = self.chunk_mut();
            let n = usize::min(to.len(), left);
            if n == 0 {
                panic_empty_chunk(OP, left);
            }
            to[..n].fill(val);
            // SAFETY: the first `n` bytes at the cursor were initialized by
            // the fill just above.
            unsafe { self.advance_mut(n) };
            // `n <= left`, so this cannot underflow.
            left -= n;
        }
    }

    /// Writes one unsigned byte.
    ///
    /// # Panics
    ///
    /// Panics if `self` has no room left.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_u8(0xFE);
    /// assert_eq!(out, [0xFE]);
    /// ```
    #[inline]
    fn put_u8(&mut self, n: u8) {
        self.put_slice(&[n]);
    }

    /// Writes one signed byte, in two's complement.
    ///
    /// # Panics
    ///
    /// Panics if `self` has no room left.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_i8(-2);
    /// assert_eq!(out, [0xFE]);
    /// ```
    #[inline]
    fn put_i8(&mut self, n: i8) {
        self.put_slice(&n.to_ne_bytes());
    }

    putter!(put_u16, u16, to_be_bytes, "big-endian", 0x1234 => [0x12, 0x34]);
    putter!(put_u16_le, u16, to_le_bytes, "little-endian", 0x1234 => [0x34, 0x12]);
    putter!(ne put_u16_ne, u16, 0x1234);
    putter!(put_i16, i16, to_be_bytes, "big-endian", -2 => [0xFF, 0xFE]);
    putter!(put_i16_le, i16, to_le_bytes, "little-endian", -2 => [0xFE, 0xFF]);
    putter!(ne put_i16_ne, i16, -2);
    putter!(put_u32, u32, to_be_bytes, "big-endian", 0x1234_5678 => [0x12, 0x34, 0x56, 0x78]);
    putter!(put_u32_le, u32, to_le_bytes, "little-endian", 0x1234_5678 => [0x78, 0x56, 0x34, 0x12]);
    putter!(ne put_u32_ne, u32, 0x1234_5678);
    putter!(put_i32, i32, to_be_bytes, "big-endian", -123 => [0xFF, 0xFF, 0xFF, 0x85]);
    putter!(put_i32_le, i32, to_le_bytes, "little-endian", -123 => [0x85, 0xFF, 0xFF, 0xFF]);
    putter!(ne put_i32_ne, i32, -123);
    putter!(put_u64, u64, to_be_bytes, "big-endian",
        0x0102_0304_0506_0708 => [1, 2, 3, 4, 5, 6, 7, 8]);
    putter!(put_u64_le, u64, to_le_bytes, "little-endian",
        0x0102_0304_0506_0708 => [8, 7, 6, 5, 4, 3, 2, 1]);
    putter!(ne put_u64_ne, u64, 0x0102_0304_0506_0708);
    putter!(put_i64, i64, to_be_bytes, "big-endian",
        -256 => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]);
    putter!(put_i64_le, i64, to_le_bytes, "little-endian",
        -256 => [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
    putter!(ne put_i64_ne, i64, -256);
    putter!(put_u128, u128, to_be_bytes, "big-endian",
        300 => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x2C]);
    putter!(put_u128_le, u128, to_le_bytes, "little-endian",
        300 => [0x2C, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    putter!(ne put_u128_ne, u128, 300);
    putter!(put_i128, i128, to_be_bytes, "big-endian",
        -3 => [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
               0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFD]);
    putter!(put_i128_le, i128, to_le_bytes, "little-endian",
        -3 => [0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
               0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
    putter!(ne put_i128_ne, i128, -3);
    putter!(put_f32, f32, to_be_bytes, "big-endian IEEE 754", 1.5 => [0x3F, 0xC0, 0x00, 0x00]);
    putter!(put_f32_le, f32, to_le_bytes, "little-endian IEEE 754", 1.5 => [0x00, 0x00, 0xC0, 0x3F]);
    putter!(ne put_f32_ne, f32, 1.5);
    putter!(put_f64, f64, to_be_bytes, "big-endian IEEE 754", 1.5 => [0x3F, 0xF8, 0, 0, 0, 0, 0, 0]);
    putter!(put_f64_le, f64, to_le_bytes, "little-endian IEEE 754", 1.5 => [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]);
    putter!(ne put_f64_ne, f64, 1.5);

    /// Writes the low `nbytes` bytes (0 to 8) of `n`, most significant first.
    ///
    /// Higher bytes of `n` are dropped without a check.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if `self` has less room than `nbytes`.
    /// Both messages give the numbers involved.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_uint(0x01_0203, 3);
    /// assert_eq!(out, [0x01, 0x02, 0x03]);
    /// ```
    fn put_uint(&mut self, n: u64, nbytes: usize) {
        match WIDE.checked_sub(nbytes) {
            Some(start) => self.put_slice(&n.to_be_bytes()[start..]),
            None => panic_nbytes_too_large("BufMut::put_uint", nbytes, WIDE),
        }
    }

    /// Writes the low `nbytes` bytes (0 to 8) of `n`, least significant
    /// first.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if `self` has less room than `nbytes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_uint_le(0x01_0203, 3);
    /// assert_eq!(out, [0x03, 0x02, 0x01]);
    /// ```
    fn put_uint_le(&mut self, n: u64, nbytes: usize) {
        match n.to_le_bytes().get(..nbytes) {
            Some(low) => self.put_slice(low),
            None => panic_nbytes_too_large("BufMut::put_uint_le", nbytes, WIDE),
        }
    }

    /// Writes the low `nbytes` bytes (0 to 8) of `n` in the target's native
    /// byte order.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if `self` has less room than `nbytes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_uint_ne(0x01_0203, 3);
    /// let expected: &[u8] = if cfg!(target_endian = "big") { &[1, 2, 3] } else { &[3, 2, 1] };
    /// assert_eq!(out, expected);
    /// ```
    fn put_uint_ne(&mut self, n: u64, nbytes: usize) {
        if cfg!(target_endian = "big") {
            self.put_uint(n, nbytes)
        } else {
            self.put_uint_le(n, nbytes)
        }
    }

    /// Writes the low `nbytes` bytes (0 to 8) of the two's-complement form
    /// of `n`, most significant first.
    ///
    /// Higher bytes are dropped without a check, so a value that does not
    /// fit reads back differently.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if `self` has less room than `nbytes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_int(-2, 3);
    /// assert_eq!(out, [0xFF, 0xFF, 0xFE]);
    /// ```
    fn put_int(&mut self, n: i64, nbytes: usize) {
        match WIDE.checked_sub(nbytes) {
            Some(start) => self.put_slice(&n.to_be_bytes()[start..]),
            None => panic_nbytes_too_large("BufMut::put_int", nbytes, WIDE),
        }
    }

    /// Writes the low `nbytes` bytes (0 to 8) of the two's-complement form
    /// of `n`, least significant first.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if `self` has less room than `nbytes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_int_le(-2, 3);
    /// assert_eq!(out, [0xFE, 0xFF, 0xFF]);
    /// ```
    fn put_int_le(&mut self, n: i64, nbytes: usize) {
        match n.to_le_bytes().get(..nbytes) {
            Some(low) => self.put_slice(low),
            None => panic_nbytes_too_large("BufMut::put_int_le", nbytes, WIDE),
        }
    }

    /// Writes the low `nbytes` bytes (0 to 8) of the two's-complement form
    /// of `n` in the target's native byte order.
    ///
    /// # Panics
    ///
    /// Panics if `nbytes > 8`, or if `self` has less room than `nbytes`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut out = Vec::new();
    /// out.put_int_ne(-2, 2);
    /// assert_eq!(out, (-2_i16).to_ne_bytes());
    /// ```
    fn put_int_ne(&mut self, n: i64, nbytes: usize) {
        if cfg!(target_endian = "big") {
            self.put_int(n, nbytes)
        } else {
            self.put_int_le(n, nbytes)
        }
    }

    /// Wraps `self` so that at most `limit` bytes can be written through it.
    ///
    /// See [`Limit`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let capped = Vec::new().limit(3);
    /// assert_eq!(capped.remaining_mut(), 3);
    /// ```
    fn limit(self, limit: usize) -> Limit<Self>
    where
        Self: Sized,
    {
        Limit::new(self, limit)
    }

    /// Adapts `self` into a [`std::io::Write`].
    ///
    /// See [`Writer`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    /// use std::io::Write;
    ///
    /// let mut writer = Vec::new().writer();
    /// write!(writer, "{}-{}", 4, 2).unwrap();
    /// assert_eq!(writer.into_inner(), b"4-2");
    /// ```
    #[cfg(feature = "std")]
    fn writer(self) -> Writer<Self>
    where
        Self: Sized,
    {
        Writer::new(self)
    }

    /// Joins `self` and `next` into one writable buffer that fills `self`
    /// first, then `next`.
    ///
    /// See [`Chain`].
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BufMut;
    ///
    /// let mut a = [0u8; 2];
    /// let mut b = [0u8; 2];
    /// let mut both = (&mut a[..]).chain_mut(&mut b[..]);
    /// both.put_u32(0x0102_0304);
    /// assert_eq!((a, b), ([1, 2], [3, 4]));
    /// ```
    fn chain_mut<U: BufMut>(self, next: U) -> Chain<Self, U>
    where
        Self: Sized,
    {
        Chain::new(self, next)
    }
}

/// Forwards every `BufMut` method that does not need `Self: Sized` to
/// `**self`, so a wrapper keeps any override of the buffer it points to.
macro_rules! forward_buf_mut {
    ($($method:ident($($arg:ident: $argty:ty),*);)*) => {
        #[inline]
        fn remaining_mut(&self) -> usize {
            (**self).remaining_mut()
        }

        #[inline]
        fn has_remaining_mut(&self) -> bool {
            (**self).has_remaining_mut()
        }

        #[inline]
        fn chunk_mut(&mut self) -> &mut UninitSlice {
            (**self).chunk_mut()
        }

        #[inline]
        unsafe fn advance_mut(&mut self, cnt: usize) {
            // SAFETY: the caller's promise (the next `cnt` bytes are
            // initialized) is about the same memory the inner buffer handed
            // out, so it carries over unchanged.
            unsafe { (**self).advance_mut(cnt) }
        }

        $(
            #[inline]
            fn $method(&mut self, $($arg: $argty),*) {
                (**self).$method($($arg),*)
            }
        )*
    };
}

/// Invokes `forward_buf_mut!` with the full list of writers.
macro_rules! forward_buf_mut_all {
    () => {
        forward_buf_mut! {
            put_slice(src: &[u8]);
            put_bytes(val: u8, cnt: usize);
            put_u8(n: u8); put_i8(n: i8);
            put_u16(n: u16); put_u16_le(n: u16); put_u16_ne(n: u16);
            put_i16(n: i16); put_i16_le(n: i16); put_i16_ne(n: i16);
            put_u32(n: u32); put_u32_le(n: u32); put_u32_ne(n: u32);
            put_i32(n: i32); put_i32_le(n: i32); put_i32_ne(n: i32);
            put_u64(n: u64); put_u64_le(n: u64); put_u64_ne(n: u64);
            put_i64(n: i64); put_i64_le(n: i64); put_i64_ne(n: i64);
            put_u128(n: u128); put_u128_le(n: u128); put_u128_ne(n: u128);
            put_i128(n: i128); put_i128_le(n: i128); put_i128_ne(n: i128);
            put_f32(n: f32); put_f32_le(n: f32); put_f32_ne(n: f32);
            put_f64(n: f64); put_f64_le(n: f64); put_f64_ne(n: f64);
            put_uint(n: u64, nbytes: usize); put_uint_le(n: u64, nbytes: usize);
            put_uint_ne(n: u64, nbytes: usize);
            put_int(n: i64, nbytes: usize); put_int_le(n: i64, nbytes: usize);
            put_int_ne(n: i64, nbytes: usize);
        }
    };
}

// SAFETY: every method forwards to `T`, which upholds the trait's promises.
unsafe impl<T: BufMut + ?Sized> BufMut for &mut T {
    forward_buf_mut_all!();
}

// SAFETY: every method forwards to `T`, which upholds the trait's promises.
unsafe impl<T: BufMut + ?Sized> BufMut for Box<T> {
    forward_buf_mut_all!();
}

// SAFETY: `chunk_mut` views the slice itself, which this value borrows
// exclusively; `advance_mut` only moves past bytes of that slice, and panics
// rather than go past its end.
unsafe impl BufMut for &mut [u8] {
    #[inline]
    fn remaining_mut(&self) -> usize {
        self.len()
    }

    #[inline]
    fn chunk_mut(&mut self) -> &mut UninitSlice {
        UninitSlice::new(self)
    }

    #[inline]
    unsafe fn advance_mut(&mut self, cnt: usize) {
        if cnt > self.len() {
            panic_advance("BufMut::advance_mut", cnt, self.len());
        }
        // Move the slice out so the tail can keep the full lifetime.
        let rest = core::mem::take(self);
        *self = &mut rest[cnt..];
    }

    #[inline]
    fn put_slice(&mut self, src: &[u8]) {
        if src.len() > self.len() {
            panic_out_of_bounds("BufMut::put_slice", src.len(), self.len());
        }
        let (head, rest) = core::mem::take(self).split_at_mut(src.len());
        head.copy_from_slice(src);
        *self = rest;
    }

    #[inline]
    fn put_bytes(&mut self, val: u8, cnt: usize) {
        if cnt > self.len() {
            panic_out_of_bounds("BufMut::put_bytes", cnt, self.len());
        }
        let (head, rest) = core::mem::take(self).split_at_mut(cnt);
        head.fill(val);
        *self = rest;
    }
}

// SAFETY: `chunk_mut` views the slice itself, which this value borrows
// exclusively; `advance_mut` only moves past bytes of that slice, and panics
// rather than go past its end.
unsafe impl BufMut for &mut [MaybeUninit<u8>] {
    #[inline]
    fn remaining_mut(&self) -> usize {
        self.len()
    }

    #[inline]
    fn chunk_mut(&mut self) -> &mut UninitSlice {
        UninitSlice::uninit(self)
    }

    #[inline]
    unsafe fn advance_mut(&mut self, cnt: usize) {
        if cnt > self.len() {
            panic_advance("BufMut::advance_mut", cnt, self.len());
        }
        // Move the slice out so the tail can keep the full lifetime.
        let rest = core::mem::take(self);
        *self = &mut rest[cnt..];
    }

    #[inline]
    fn put_slice(&mut self, src: &[u8]) {
        if src.len() > self.len() {
            panic_out_of_bounds("BufMut::put_slice", src.len(), self.len());
        }
        let (head, rest) = core::mem::take(self).split_at_mut(src.len());
        UninitSlice::uninit(head).copy_from_slice(src);
        *self = rest;
    }

    #[inline]
    fn put_bytes(&mut self, val: u8, cnt: usize) {
        if cnt > self.len() {
            panic_out_of_bounds("BufMut::put_bytes", cnt, self.len());
        }
        let (head, rest) = core::mem::take(self).split_at_mut(cnt);
        UninitSlice::uninit(head).fill(val);
        *self = rest;
    }
}

// SAFETY: `chunk_mut` hands out the vector's spare capacity, which the
// `&mut Vec` borrows exclusively; `advance_mut` checks `cnt` against that
// spare capacity before growing the length over it.
unsafe impl BufMut for Vec<u8> {
    #[inline]
    fn remaining_mut(&self) -> usize {
        // A `Vec<u8>` never holds more than `isize::MAX` bytes, so this does
        // not underflow.
        isize::MAX as usize - self.len()
    }

    #[inline]
    unsafe fn advance_mut(&mut self, cnt: usize) {
        let len = self.len();
        // `len <= capacity` always holds for a `Vec`.
        let spare = self.capacity() - len;
        if cnt > spare {
            panic_advance("BufMut::advance_mut", cnt, spare);
        }
        // SAFETY: 1. `len + cnt <= capacity` (checked above, and the sum
        // cannot overflow since it is bounded by the capacity); 2. the caller
        // guarantees the `cnt` bytes after `len`, which `chunk_mut` handed
        // out, are initialized.
        unsafe { self.set_len(len + cnt) };
    }

    #[inline]
    fn chunk_mut(&mut self) -> &mut UninitSlice {
        if self.capacity() == self.len() {
            // Full: grow so the chunk is never empty while room remains.
            self.reserve(64);
        }
        UninitSlice::uninit(self.spare_capacity_mut())
    }

    fn put<T: Buf>(&mut self, mut src: T)
    where
        Self: Sized,
    {
        // Reserve once up front, in case `src` comes in many chunks.
        self.reserve(src.remaining());
        while src.has_remaining() {
            let from = src.chunk();
            let n = from.len();
            if n == 0 {
                panic_empty_chunk("BufMut::put", src.remaining());
            }
            self.extend_from_slice(from);
            src.advance(n);
        }
    }

    #[inline]
    fn put_slice(&mut self, src: &[u8]) {
        self.extend_from_slice(src);
    }

    fn put_bytes(&mut self, val: u8, cnt: usize) {
        let room = self.remaining_mut();
        if cnt > room {
            panic_out_of_bounds("BufMut::put_bytes", cnt, room);
        }
        // `cnt <= isize::MAX - len`, so the sum cannot overflow.
        self.resize(self.len() + cnt, val);
    }
}

/// Compile-time proof that `BufMut` stays usable as a trait object.
const _: fn(&dyn BufMut) = |_| {};
