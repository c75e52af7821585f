//! Tests for `memkit_bytes::BufMut`, its impls, the write-side adapters and
//! `UninitSlice`.
//!
//! `bytes` 1.12 is the peer where it has the same operation.

use memkit_bytes::buf::{Limit, UninitSlice};
use memkit_bytes::{Buf, BufMut};
use proptest::prelude::*;
use std::io::Write;
use std::mem::MaybeUninit;

/// A `BufMut` with a fixed capacity whose chunks are at most `piece` bytes,
/// to exercise the default methods on non-contiguous room.
#[derive(Debug)]
struct Pieces {
    storage: Vec<u8>,
    written: usize,
    piece: usize,
}

impl Pieces {
    fn new(capacity: usize, piece: usize) -> Self {
        assert!(piece > 0);
        Pieces {
            storage: vec![0; capacity],
            written: 0,
            piece,
        }
    }

    fn filled(&self) -> &[u8] {
        &self.storage[..self.written]
    }
}

// SAFETY: `chunk_mut` hands out part of `storage`, which `Pieces` owns, and
// `advance_mut` never moves past its end.
unsafe impl BufMut for Pieces {
    fn remaining_mut(&self) -> usize {
        self.storage.len() - self.written
    }

    unsafe fn advance_mut(&mut self, cnt: usize) {
        assert!(cnt <= self.remaining_mut(), "Pieces::advance_mut {cnt}");
        self.written += cnt;
    }

    fn chunk_mut(&mut self) -> &mut UninitSlice {
        let end = usize::min(self.written + self.piece, self.storage.len());
        UninitSlice::new(&mut self.storage[self.written..end])
    }
}

/// Every fixed-width writer: same bytes as `bytes`, on a `Vec`, a slice and
/// a fragmented buffer, and the matching reader gets the value back.
macro_rules! writers_round_trip {
    ($($test:ident: $put:ident, $get:ident, [$($value:expr),*];)*) => {$(
        #[test]
        fn $test() {
            for value in [$($value),*] {
                let mut peer: Vec<u8> = Vec::new();
                bytes::BufMut::$put(&mut peer, value);

                let mut memkit: Vec<u8> = Vec::new();
                memkit.$put(value);
                assert_eq!(memkit, peer, "Vec, {value:?}");

                let mut storage = vec![0xEE; peer.len() + 1];
                let mut slice = &mut storage[..];
                slice.$put(value);
                assert_eq!(slice.len(), 1);
                assert_eq!(&storage[..peer.len()], &peer[..]);

                for piece in 1..=3 {
                    let mut pieces = Pieces::new(peer.len(), piece);
                    pieces.$put(value);
                    assert_eq!(pieces.filled(), &peer[..], "pieces {piece}");
                    assert!(!pieces.has_remaining_mut());
                }

                let mut reader = &memkit[..];
                let back = reader.$get();
                assert_eq!(back.to_ne_bytes(), value.to_ne_bytes());
                assert!(!reader.has_remaining());
            }
        }
    )*};
}

writers_round_trip! {
    rt_u8: put_u8, get_u8, [0, 1, 0x7F, 0x80, u8::MAX];
    rt_i8: put_i8, get_i8, [0, -1, i8::MIN, i8::MAX];
    rt_u16: put_u16, get_u16, [0, 0x1234, u16::MAX];
    rt_u16_le: put_u16_le, get_u16_le, [0, 0x1234, u16::MAX];
    rt_u16_ne: put_u16_ne, get_u16_ne, [0, 0x1234, u16::MAX];
    rt_i16: put_i16, get_i16, [0, -2, i16::MIN, i16::MAX];
    rt_i16_le: put_i16_le, get_i16_le, [0, -2, i16::MIN, i16::MAX];
    rt_i16_ne: put_i16_ne, get_i16_ne, [0, -2, i16::MIN, i16::MAX];
    rt_u32: put_u32, get_u32, [0, 0x1234_5678, u32::MAX];
    rt_u32_le: put_u32_le, get_u32_le, [0, 0x1234_5678, u32::MAX];
    rt_u32_ne: put_u32_ne, get_u32_ne, [0, 0x1234_5678, u32::MAX];
    rt_i32: put_i32, get_i32, [0, -123, i32::MIN, i32::MAX];
    rt_i32_le: put_i32_le, get_i32_le, [0, -123, i32::MIN, i32::MAX];
    rt_i32_ne: put_i32_ne, get_i32_ne, [0, -123, i32::MIN, i32::MAX];
    rt_u64: put_u64, get_u64, [0, 0x0102_0304_0506_0708, u64::MAX];
    rt_u64_le: put_u64_le, get_u64_le, [0, 0x0102_0304_0506_0708, u64::MAX];
    rt_u64_ne: put_u64_ne, get_u64_ne, [0, 0x0102_0304_0506_0708, u64::MAX];
    rt_i64: put_i64, get_i64, [0, -256, i64::MIN, i64::MAX];
    rt_i64_le: put_i64_le, get_i64_le, [0, -256, i64::MIN, i64::MAX];
    rt_i64_ne: put_i64_ne, get_i64_ne, [0, -256, i64::MIN, i64::MAX];
    rt_u128: put_u128, get_u128, [0, 300, u128::MAX];
    rt_u128_le: put_u128_le, get_u128_le, [0, 300, u128::MAX];
    rt_u128_ne: put_u128_ne, get_u128_ne, [0, 300, u128::MAX];
    rt_i128: put_i128, get_i128, [0, -3, i128::MIN, i128::MAX];
    rt_i128_le: put_i128_le, get_i128_le, [0, -3, i128::MIN, i128::MAX];
    rt_i128_ne: put_i128_ne, get_i128_ne, [0, -3, i128::MIN, i128::MAX];
    rt_f32: put_f32, get_f32, [0.0, -1.5, f32::MAX, f32::NAN, f32::NEG_INFINITY];
    rt_f32_le: put_f32_le, get_f32_le, [0.0, -1.5, f32::MAX, f32::NAN];
    rt_f32_ne: put_f32_ne, get_f32_ne, [0.0, -1.5, f32::MIN_POSITIVE];
    rt_f64: put_f64, get_f64, [0.0, -1.5, f64::MAX, f64::NAN, f64::INFINITY];
    rt_f64_le: put_f64_le, get_f64_le, [0.0, -1.5, f64::MAX, f64::NAN];
    rt_f64_ne: put_f64_ne, get_f64_ne, [0.0, -1.5, f64::EPSILON];
}

#[test]
fn variable_width_writers_match_bytes_and_round_trip() {
    for nbytes in 0..=8 {
        for value in [0u64, 1, 0x0102_0304_0506_0708, u64::MAX] {
            let mut peer = Vec::new();
            bytes::BufMut::put_uint(&mut peer, value, nbytes);
            bytes::BufMut::put_uint_le(&mut peer, value, nbytes);
            bytes::BufMut::put_uint_ne(&mut peer, value, nbytes);
            let mut memkit = Vec::new();
            memkit.put_uint(value, nbytes);
            memkit.put_uint_le(value, nbytes);
            memkit.put_uint_ne(value, nbytes);
            assert_eq!(memkit, peer, "uint {value:#x} in {nbytes}");

            let mask = if nbytes == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * nbytes)) - 1
            };
            let mut reader = &memkit[..];
            assert_eq!(reader.get_uint(nbytes), value & mask);
            assert_eq!(reader.get_uint_le(nbytes), value & mask);
            assert_eq!(reader.get_uint_ne(nbytes), value & mask);
        }
        for value in [0i64, -1, -2, 127, -128, i64::MIN, i64::MAX] {
            let mut peer = Vec::new();
            bytes::BufMut::put_int(&mut peer, value, nbytes);
            bytes::BufMut::put_int_le(&mut peer, value, nbytes);
            bytes::BufMut::put_int_ne(&mut peer, value, nbytes);
            let mut memkit = Vec::new();
            memkit.put_int(value, nbytes);
            memkit.put_int_le(value, nbytes);
            memkit.put_int_ne(value, nbytes);
            assert_eq!(memkit, peer, "int {value} in {nbytes}");

            // Values that fit in `nbytes` read back unchanged.
            let fits = nbytes == 8
                || (nbytes > 0
                    && value >= -(1i64 << (8 * nbytes - 1))
                    && value < (1i64 << (8 * nbytes - 1)));
            if fits {
                let mut reader = &memkit[..];
                assert_eq!(reader.get_int(nbytes), value);
                assert_eq!(reader.get_int_le(nbytes), value);
                assert_eq!(reader.get_int_ne(nbytes), value);
                let mut reader = &memkit[..];
                assert_eq!(reader.try_get_int(nbytes), Ok(value));
                assert_eq!(reader.try_get_int_le(nbytes), Ok(value));
                assert_eq!(reader.try_get_int_ne(nbytes), Ok(value));
            }
        }
    }
}

#[test]
#[should_panic(expected = "BufMut::put_uint: nbytes is 9 but the integer type holds only 8 bytes")]
fn put_uint_too_wide_panics() {
    Vec::new().put_uint(1, 9);
}

#[test]
#[should_panic(expected = "BufMut::put_uint_le: nbytes is 9")]
fn put_uint_le_too_wide_panics() {
    Vec::new().put_uint_le(1, 9);
}

#[test]
#[should_panic(expected = "BufMut::put_int: nbytes is 10")]
fn put_int_too_wide_panics() {
    Vec::new().put_int(1, 10);
}

#[test]
#[should_panic(expected = "BufMut::put_int_le: nbytes is 9")]
fn put_int_le_too_wide_panics() {
    Vec::new().put_int_le(1, 9);
}

#[test]
fn slice_writes() {
    let mut storage = [0u8; 8];
    let mut out = &mut storage[..];
    assert_eq!(out.remaining_mut(), 8);
    assert!(out.has_remaining_mut());
    assert_eq!(out.chunk_mut().len(), 8);
    out.put_slice(b"ab");
    out.put_bytes(b'-', 3);
    out.put(&b"xyz"[..]);
    assert!(!out.has_remaining_mut());
    assert_eq!(out.chunk_mut().len(), 0);
    out.put_slice(&[]);
    out.put_bytes(0, 0);
    // SAFETY: advancing by zero initializes nothing and is always allowed.
    unsafe { out.advance_mut(0) };
    assert_eq!(&storage, b"ab---xyz");
}

#[test]
fn slice_chunk_mut_then_advance() {
    let mut storage = [0u8; 4];
    let mut out = &mut storage[..];
    out.chunk_mut()[..2].copy_from_slice(b"hi");
    // SAFETY: the two bytes at the cursor were just written.
    unsafe { out.advance_mut(2) };
    assert_eq!(out.remaining_mut(), 2);
    assert_eq!(&storage, b"hi\0\0");
}

#[test]
#[should_panic(
    expected = "BufMut::put_slice out of bounds: 5 bytes requested but only 4 remaining"
)]
fn slice_put_slice_overflow_panics() {
    let mut storage = [0u8; 4];
    (&mut storage[..]).put_slice(b"12345");
}

#[test]
#[should_panic(
    expected = "BufMut::put_bytes out of bounds: 5 bytes requested but only 4 remaining"
)]
fn slice_put_bytes_overflow_panics() {
    let mut storage = [0u8; 4];
    (&mut storage[..]).put_bytes(1, 5);
}

#[test]
#[should_panic(
    expected = "BufMut::advance_mut: advance out of bounds: the len is 4 but advancing by 5"
)]
fn slice_advance_mut_overflow_panics() {
    let mut storage = [0u8; 4];
    let mut out = &mut storage[..];
    // SAFETY: the call panics before touching anything.
    unsafe { out.advance_mut(5) };
}

#[test]
#[should_panic(expected = "BufMut::put out of bounds: 3 bytes requested but only 2 remaining")]
fn put_overflow_panics() {
    let mut storage = [0u8; 2];
    (&mut storage[..]).put(&b"abc"[..]);
}

#[test]
#[should_panic(
    expected = "BufMut::put_slice out of bounds: 4 bytes requested but only 3 remaining"
)]
fn put_u32_on_short_slice_panics() {
    let mut storage = [0u8; 3];
    (&mut storage[..]).put_u32(1);
}

#[test]
fn maybe_uninit_slice_writes() {
    let mut storage = [MaybeUninit::<u8>::uninit(); 8];
    let mut out = &mut storage[..];
    assert_eq!(out.remaining_mut(), 8);
    out.put_slice(b"ab");
    out.put_bytes(b'=', 2);
    out.put_u16(0x4142);
    out.chunk_mut().write_byte(0, b'!');
    // SAFETY: the byte at the cursor was just written.
    unsafe { out.advance_mut(1) };
    assert_eq!(out.remaining_mut(), 1);
    let written: Vec<u8> = storage[..7]
        .iter()
        .map(|b| {
            // SAFETY: the first seven bytes were written above.
            unsafe { b.assume_init() }
        })
        .collect();
    assert_eq!(written, b"ab==AB!");
}

#[test]
#[should_panic(
    expected = "BufMut::put_slice out of bounds: 3 bytes requested but only 2 remaining"
)]
fn maybe_uninit_put_slice_overflow_panics() {
    let mut storage = [MaybeUninit::<u8>::uninit(); 2];
    (&mut storage[..]).put_slice(b"abc");
}

#[test]
#[should_panic(
    expected = "BufMut::put_bytes out of bounds: 3 bytes requested but only 2 remaining"
)]
fn maybe_uninit_put_bytes_overflow_panics() {
    let mut storage = [MaybeUninit::<u8>::uninit(); 2];
    (&mut storage[..]).put_bytes(0, 3);
}

#[test]
#[should_panic(
    expected = "BufMut::advance_mut: advance out of bounds: the len is 2 but advancing by 3"
)]
fn maybe_uninit_advance_mut_overflow_panics() {
    let mut storage = [MaybeUninit::<u8>::uninit(); 2];
    let mut out = &mut storage[..];
    // SAFETY: the call panics before touching anything.
    unsafe { out.advance_mut(3) };
}

#[test]
fn vec_writes() {
    let mut out: Vec<u8> = Vec::new();
    assert_eq!(out.remaining_mut(), isize::MAX as usize);
    // A full vector grows when asked for room.
    assert_eq!(out.capacity(), 0);
    assert!(out.chunk_mut().len() > 0);
    out.put_slice(b"abc");
    assert_eq!(out.remaining_mut(), isize::MAX as usize - 3);
    out.put_bytes(b'.', 2);
    out.put((&b"de"[..]).chain(&b"f"[..]));
    assert_eq!(out, b"abc..def");

    let mut exact = Vec::with_capacity(2);
    exact.put_u16(7);
    assert_eq!(exact.capacity(), exact.len());
    assert!(exact.chunk_mut().len() >= 64);
    exact.chunk_mut().write_byte(0, 9);
    // SAFETY: the byte at the cursor was just written.
    unsafe { exact.advance_mut(1) };
    assert_eq!(exact, [0, 7, 9]);
}

#[test]
#[should_panic(
    expected = "BufMut::advance_mut: advance out of bounds: the len is 4 but advancing by 5"
)]
fn vec_advance_mut_past_capacity_panics() {
    let mut out: Vec<u8> = Vec::with_capacity(4);
    let spare = out.capacity() - out.len();
    assert_eq!(spare, 4);
    // SAFETY: the call panics before the length changes.
    unsafe { out.advance_mut(5) };
}

#[test]
#[should_panic(expected = "BufMut::put_bytes out of bounds")]
fn vec_put_bytes_beyond_isize_max_panics() {
    let mut out = vec![1u8];
    out.put_bytes(0, isize::MAX as usize);
}

#[test]
fn default_methods_on_fragmented_room() {
    for piece in 1..=4 {
        let mut out = Pieces::new(16, piece);
        out.put_slice(b"ab");
        out.put_bytes(b'*', 3);
        out.put((&b"cd"[..]).chain(&b"e"[..]));
        out.put_u32_le(0x0403_0201);
        out.put_uint(0x0A0B, 2);
        out.put_i8(-1);
        assert_eq!(out.remaining_mut(), 1);
        assert_eq!(out.filled(), b"ab***cde\x01\x02\x03\x04\x0A\x0B\xFF");
    }
}

#[test]
#[should_panic(
    expected = "BufMut::put_bytes out of bounds: 3 bytes requested but only 2 remaining"
)]
fn default_put_bytes_overflow_panics() {
    Pieces::new(2, 1).put_bytes(0, 3);
}

#[test]
#[should_panic(
    expected = "BufMut::put_slice out of bounds: 3 bytes requested but only 2 remaining"
)]
fn default_put_slice_overflow_panics() {
    Pieces::new(2, 1).put_slice(b"abc");
}

#[test]
fn forwarding_through_mut_ref_and_box() {
    let mut out: Vec<u8> = Vec::new();
    {
        let by_ref: &mut Vec<u8> = &mut out;
        let fwd = by_ref;
        fwd.put_u16_le(0x0201);
        fwd.put_bytes(3, 1);
        fwd.put_uint(4, 1);
        fwd.put_f32(0.0);
        fwd.put((&b"x"[..]).take(1));
        assert!(fwd.has_remaining_mut());
        assert!(fwd.remaining_mut() > 0);
        fwd.chunk_mut().write_byte(0, b'y');
        // SAFETY: the byte at the cursor was just written.
        unsafe { fwd.advance_mut(1) };
    }
    assert_eq!(out, b"\x01\x02\x03\x04\0\0\0\0xy");

    let mut boxed: Box<dyn BufMut> = Box::new(Pieces::new(8, 2));
    boxed.put_slice(b"abc");
    boxed.put_i16(-2);
    boxed.put_int_le(-2, 2);
    assert_eq!(boxed.remaining_mut(), 1);
    assert_eq!(boxed.chunk_mut().len(), 1);

    let mut storage = [0u8; 4];
    let mut slice = &mut storage[..];
    let dynamic: &mut dyn BufMut = &mut slice;
    let mut capped = dynamic.limit(2);
    capped.put_u16(0xABCD);
    assert!(!capped.has_remaining_mut());
    assert_eq!(storage, [0xAB, 0xCD, 0, 0]);
}

#[test]
fn chain_mut_writes_across_seam() {
    let mut a = [0u8; 3];
    let mut b = [0u8; 3];
    {
        let mut both = (&mut a[..]).chain_mut(&mut b[..]);
        assert_eq!(both.remaining_mut(), 6);
        assert_eq!(both.chunk_mut().len(), 3);
        both.put_u16(0x0102);
        both.put_u32(0x0304_0506);
        assert!(!both.has_remaining_mut());
        assert_eq!(both.chunk_mut().len(), 0);
        assert_eq!(both.first_ref().len(), 0);
        assert_eq!(both.last_mut().len(), 0);
    }
    assert_eq!((a, b), ([1, 2, 3], [4, 5, 6]));

    let mut a = [0u8; 2];
    let mut b = [0u8; 2];
    let mut both = (&mut a[..]).chain_mut(&mut b[..]);
    both.chunk_mut()[..2].copy_from_slice(b"xy");
    // SAFETY: the first buffer's two bytes were just written, and none of
    // the second's are claimed.
    unsafe { both.advance_mut(2) };
    assert_eq!(both.chunk_mut().len(), 2);
    both.chunk_mut()[..1].copy_from_slice(b"z");
    // SAFETY: the byte at the cursor was just written.
    unsafe { both.advance_mut(1) };
    assert_eq!(both.remaining_mut(), 1);
    let (first, last) = both.into_inner();
    assert_eq!((first.len(), last.len()), (0, 1));
    assert_eq!((a, b), (*b"xy", *b"z\0"));
}

#[test]
fn chain_mut_advance_spanning_both() {
    let mut a = [0u8; 2];
    let mut b = [0u8; 3];
    let mut both = (&mut a[..]).chain_mut(&mut b[..]);
    both.first_mut().copy_from_slice(b"ab");
    both.last_mut()[..1].copy_from_slice(b"c");
    // SAFETY: the next three bytes (two in `a`, one in `b`) were written.
    unsafe { both.advance_mut(3) };
    assert_eq!(both.remaining_mut(), 2);
}

#[test]
fn chain_mut_remaining_saturates() {
    let two = Vec::<u8>::new().chain_mut(Vec::<u8>::new());
    assert_eq!(two.remaining_mut(), 2 * (isize::MAX as usize));
    let three = two.chain_mut(Vec::<u8>::new());
    assert_eq!(three.remaining_mut(), usize::MAX);
}

#[test]
#[should_panic(
    expected = "BufMut::put_slice out of bounds: 5 bytes requested but only 4 remaining"
)]
fn chain_mut_overflow_panics() {
    let mut a = [0u8; 2];
    let mut b = [0u8; 2];
    (&mut a[..]).chain_mut(&mut b[..]).put_slice(b"12345");
}

#[test]
fn limit_accessors_and_writes() {
    let mut capped: Limit<Vec<u8>> = Vec::new().limit(5);
    assert_eq!(Limit::limit(&capped), 5);
    assert_eq!(capped.remaining_mut(), 5);
    assert_eq!(capped.chunk_mut().len(), 5);
    capped.put_u16(0x0102);
    assert_eq!(Limit::limit(&capped), 3);
    assert_eq!(capped.get_ref(), &[1, 2]);
    capped.get_mut().push(3);
    assert_eq!(Limit::limit(&capped), 3);
    capped.put_bytes(9, 3);
    assert!(!capped.has_remaining_mut());
    assert_eq!(capped.chunk_mut().len(), 0);
    capped.set_limit(1);
    capped.put_u8(4);
    assert_eq!(capped.into_inner(), [1, 2, 3, 9, 9, 9, 4]);

    // The inner buffer's own room caps the limit too.
    let mut storage = [0u8; 2];
    let capped = (&mut storage[..]).limit(10);
    assert_eq!(capped.remaining_mut(), 2);
}

#[test]
#[should_panic(
    expected = "Limit::advance_mut: cnt <= self.limit failed: cnt is 3 but the limit is 2"
)]
fn limit_advance_mut_past_limit_panics() {
    let mut capped = Vec::with_capacity(8).limit(2);
    capped.chunk_mut()[..2].copy_from_slice(b"ab");
    // SAFETY: the call panics before the inner buffer moves.
    unsafe { capped.advance_mut(3) };
}

#[test]
#[should_panic(
    expected = "BufMut::put_slice out of bounds: 3 bytes requested but only 2 remaining"
)]
fn limit_put_past_limit_panics() {
    Vec::new().limit(2).put_slice(b"abc");
}

#[test]
fn writer_io() {
    let mut writer = Vec::new().limit(6).writer();
    assert_eq!(writer.write(b"abcd").unwrap(), 4);
    assert_eq!(writer.write(b"efgh").unwrap(), 2);
    assert_eq!(writer.write(b"ij").unwrap(), 0);
    writer.flush().unwrap();
    assert_eq!(writer.get_ref().get_ref(), b"abcdef");
    writer.get_mut().set_limit(1);
    let err = writer.write_all(b"xy").unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::WriteZero);
    assert_eq!(writer.into_inner().into_inner(), b"abcdefx");

    let mut formatted = Vec::new().writer();
    let tag = "t";
    write!(formatted, "{tag}:{:02}", 7).unwrap();
    assert_eq!(formatted.into_inner(), b"t:07");
}

#[test]
fn uninit_slice_constructors_and_writes() {
    let mut storage = [0u8; 6];
    {
        let view = UninitSlice::new(&mut storage);
        assert_eq!(view.len(), 6);
        view.write_byte(0, b'a');
        view[1..3].copy_from_slice(b"bc");
        view[3..].write_byte(0, b'd');
        let ptr = view.as_mut_ptr();
        // SAFETY: `ptr` points at six writable bytes; index 4 is in range.
        unsafe { ptr.add(4).write(b'e') };
        // SAFETY: only an initialized byte is stored.
        let raw = unsafe { view.as_uninit_slice_mut() };
        raw[5] = MaybeUninit::new(b'f');
    }
    assert_eq!(&storage, b"abcdef");

    let mut uninit = [MaybeUninit::<u8>::uninit(); 3];
    let view: &mut UninitSlice = (&mut uninit[..]).into();
    view.copy_from_slice(b"xyz");
    // SAFETY: all three bytes were just written.
    let read: Vec<u8> = uninit.iter().map(|b| unsafe { b.assume_init() }).collect();
    assert_eq!(read, b"xyz");

    let mut storage = *b"....";
    let view: &mut UninitSlice = (&mut storage[..]).into();
    view.write_byte(3, b'!');
    assert_eq!(&storage, b"...!");

    let mut storage = [0u8; 3];
    // SAFETY: `storage` is a live, exclusively borrowed 3-byte array.
    let view = unsafe { UninitSlice::from_raw_parts_mut(storage.as_mut_ptr(), 3) };
    view.copy_from_slice(b"raw");
    assert_eq!(&storage, b"raw");

    let mut empty: [u8; 0] = [];
    let view = UninitSlice::new(&mut empty);
    assert_eq!(view.len(), 0);
    view.copy_from_slice(&[]);
}

#[test]
fn uninit_slice_index_all_range_kinds() {
    let mut storage = [0u8; 10];
    let view = UninitSlice::new(&mut storage);
    assert_eq!(view[2..5].len(), 3);
    assert_eq!(view[7..].len(), 3);
    assert_eq!(view[..].len(), 10);
    assert_eq!(view[2..=5].len(), 4);
    assert_eq!(view[..4].len(), 4);
    assert_eq!(view[..=4].len(), 5);
    assert_eq!(view[10..].len(), 0);
    view[2..5].write_byte(0, 1);
    view[7..].write_byte(0, 2);
    view[..].write_byte(0, 3);
    view[8..=9].write_byte(1, 4);
    view[..4].write_byte(3, 5);
    view[..=4].write_byte(4, 6);
    assert_eq!(storage, [3, 0, 1, 5, 6, 0, 0, 2, 0, 4]);
}

#[test]
fn uninit_slice_debug_shows_length_only() {
    let mut storage = [0u8; 5];
    let view = UninitSlice::new(&mut storage);
    assert_eq!(format!("{view:?}"), "UninitSlice { len: 5 }");
}

#[test]
#[should_panic(expected = "UninitSlice::write_byte: index 3 out of bounds for length 3")]
fn uninit_slice_write_byte_out_of_bounds_panics() {
    let mut storage = [0u8; 3];
    UninitSlice::new(&mut storage).write_byte(3, 0);
}

#[test]
#[should_panic(expected = "destination length 3 differs from source length 2")]
fn uninit_slice_copy_length_mismatch_panics() {
    let mut storage = [0u8; 3];
    UninitSlice::new(&mut storage).copy_from_slice(b"ab");
}

#[test]
#[should_panic(expected = "out of range for slice of length 3")]
fn uninit_slice_range_end_out_of_bounds_panics() {
    let mut storage = [0u8; 3];
    let _ = &UninitSlice::new(&mut storage)[1..4];
}

#[test]
#[should_panic(expected = "out of range for slice of length 3")]
fn uninit_slice_range_from_out_of_bounds_panics() {
    let mut storage = [0u8; 3];
    let _ = &mut UninitSlice::new(&mut storage)[4..];
}

#[test]
#[should_panic(expected = "out of range for slice of length 3")]
fn uninit_slice_range_inclusive_out_of_bounds_panics() {
    let mut storage = [0u8; 3];
    let _ = &UninitSlice::new(&mut storage)[..=3];
}

#[test]
#[should_panic(expected = "slice index starts at 2 but ends at 1")]
fn uninit_slice_inverted_range_panics() {
    let mut storage = [0u8; 3];
    let start = 2;
    let _ = &UninitSlice::new(&mut storage)[start..1];
}

/// One write operation of the differential property test.
#[derive(Debug, Clone)]
enum Op {
    Slice(Vec<u8>),
    Bytes(u8, usize),
    U16Le(u16),
    I64(i64),
    F32(f32),
    Uint(u64, usize),
    IntNe(i64, usize),
    U128Ne(u128),
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..6).prop_map(Op::Slice),
        (any::<u8>(), 0usize..5).prop_map(|(v, n)| Op::Bytes(v, n)),
        any::<u16>().prop_map(Op::U16Le),
        any::<i64>().prop_map(Op::I64),
        any::<f32>().prop_map(Op::F32),
        (any::<u64>(), 0usize..=8).prop_map(|(v, n)| Op::Uint(v, n)),
        (any::<i64>(), 0usize..=8).prop_map(|(v, n)| Op::IntNe(v, n)),
        any::<u128>().prop_map(Op::U128Ne),
    ]
}

fn apply_memkit<B: BufMut>(out: &mut B, op: &Op) {
    match op {
        Op::Slice(s) => out.put_slice(s),
        Op::Bytes(v, n) => out.put_bytes(*v, *n),
        Op::U16Le(v) => out.put_u16_le(*v),
        Op::I64(v) => out.put_i64(*v),
        Op::F32(v) => out.put_f32(*v),
        Op::Uint(v, n) => out.put_uint(*v, *n),
        Op::IntNe(v, n) => out.put_int_ne(*v, *n),
        Op::U128Ne(v) => out.put_u128_ne(*v),
    }
}

fn apply_peer<B: bytes::BufMut>(out: &mut B, op: &Op) {
    match op {
        Op::Slice(s) => out.put_slice(s),
        Op::Bytes(v, n) => out.put_bytes(*v, *n),
        Op::U16Le(v) => out.put_u16_le(*v),
        Op::I64(v) => out.put_i64(*v),
        Op::F32(v) => out.put_f32(*v),
        Op::Uint(v, n) => out.put_uint(*v, *n),
        Op::IntNe(v, n) => out.put_int_ne(*v, *n),
        Op::U128Ne(v) => out.put_u128_ne(*v),
    }
}

proptest! {
    /// Random write sequences produce the same bytes through memkit (on a
    /// `Vec`, on fragmented room, and on a chain of two slices) as through
    /// `bytes` on a `Vec`.
    #[test]
    fn prop_writes_match_bytes(
        ops in proptest::collection::vec(op_strategy(), 0..30),
        piece in 1usize..5,
        seam in 0usize..200,
    ) {
        let mut peer: Vec<u8> = Vec::new();
        for op in &ops {
            apply_peer(&mut peer, op);
        }
        let total = peer.len();

        let mut memkit: Vec<u8> = Vec::new();
        for op in &ops {
            apply_memkit(&mut memkit, op);
        }
        prop_assert_eq!(&memkit, &peer);

        let mut pieces = Pieces::new(total, piece);
        for op in &ops {
            apply_memkit(&mut pieces, op);
        }
        prop_assert_eq!(pieces.filled(), &peer[..]);

        let seam = seam.min(total);
        let mut storage = vec![0u8; total];
        {
            let (a, b) = storage.split_at_mut(seam);
            let mut chained = a.chain_mut(b);
            for op in &ops {
                apply_memkit(&mut chained, op);
            }
            prop_assert_eq!(chained.remaining_mut(), 0);
        }
        prop_assert_eq!(&storage, &peer);
    }
}
