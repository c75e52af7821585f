//! Tests for `memkit_bytes::Buf`, its impls and the read-side adapters.
//!
//! Where `bytes` 1.12 has the same operation, it is the peer: both
//! crates run the same calls on the same input and must agree.

use memkit_bytes::buf::{Chain, IntoIter, Take};
use memkit_bytes::{Buf, Bytes, TryGetError};
use proptest::prelude::*;
use std::collections::VecDeque;
use std::io::{BufRead, Cursor, IoSlice};

/// A `Buf` whose chunks are at most `piece` bytes long, to exercise the
/// default methods on non-contiguous input.
#[derive(Debug, Clone)]
struct Fragmented {
    data: Vec<u8>,
    pos: usize,
    piece: usize,
}

impl Fragmented {
    fn new(data: &[u8], piece: usize) -> Self {
        assert!(piece > 0);
        Fragmented {
            data: data.to_vec(),
            pos: 0,
            piece,
        }
    }
}

impl Buf for Fragmented {
    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    fn chunk(&self) -> &[u8] {
        let end = usize::min(self.pos + self.piece, self.data.len());
        &self.data[self.pos..end]
    }

    fn advance(&mut self, cnt: usize) {
        assert!(cnt <= self.remaining(), "Fragmented::advance {cnt}");
        self.pos += cnt;
    }
}

/// Deterministic test bytes with high bits set, so sign handling shows.
fn sample(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(37).wrapping_add(0x81))
        .collect()
}

fn err_pair(e: TryGetError) -> (usize, usize) {
    (e.requested, e.available)
}

fn peer_err_pair(e: bytes::TryGetError) -> (usize, usize) {
    (e.requested, e.available)
}

/// For one fixed-width reader: on every length around the value's size, the
/// contiguous, fragmented and chained forms agree with `bytes`, for both the
/// `try_` and the panicking reader.
macro_rules! differential_getters {
    ($($test:ident: $get:ident, $try_get:ident, $size:expr;)*) => {$(
        #[test]
        fn $test() {
            for len in 0..=$size + 2 {
                let data = sample(len);

                let mut peer: &[u8] = &data;
                let expected = bytes::Buf::$try_get(&mut peer)
                    .map(|v| v.to_ne_bytes().to_vec())
                    .map_err(peer_err_pair);
                let expected_left = peer.len();

                let mut memkit: &[u8] = &data;
                let got = Buf::$try_get(&mut memkit).map(|v| v.to_ne_bytes().to_vec()).map_err(err_pair);
                assert_eq!(got, expected, "contiguous, len {len}");
                assert_eq!(memkit.len(), expected_left);

                for piece in 1..=3 {
                    let mut frag = Fragmented::new(&data, piece);
                    let got = Buf::$try_get(&mut frag).map(|v| v.to_ne_bytes().to_vec()).map_err(err_pair);
                    assert_eq!(got, expected, "fragmented {piece}, len {len}");
                    assert_eq!(frag.remaining(), expected_left);
                }

                for split in 0..=len {
                    let mut chain = (&data[..split]).chain(&data[split..]);
                    let got = Buf::$try_get(&mut chain).map(|v| v.to_ne_bytes().to_vec()).map_err(err_pair);
                    assert_eq!(got, expected, "chain split {split}, len {len}");
                    assert_eq!(chain.remaining(), expected_left);
                }

                if let Ok(value) = expected {
                    let mut frag = Fragmented::new(&data, 1);
                    assert_eq!(Buf::$get(&mut frag).to_ne_bytes().to_vec(), value);
                    let mut peer: &[u8] = &data;
                    assert_eq!(bytes::Buf::$get(&mut peer).to_ne_bytes().to_vec(), value);
                }
            }
        }
    )*};
}

differential_getters! {
    diff_u8: get_u8, try_get_u8, 1;
    diff_i8: get_i8, try_get_i8, 1;
    diff_u16: get_u16, try_get_u16, 2;
    diff_u16_le: get_u16_le, try_get_u16_le, 2;
    diff_u16_ne: get_u16_ne, try_get_u16_ne, 2;
    diff_i16: get_i16, try_get_i16, 2;
    diff_i16_le: get_i16_le, try_get_i16_le, 2;
    diff_i16_ne: get_i16_ne, try_get_i16_ne, 2;
    diff_u32: get_u32, try_get_u32, 4;
    diff_u32_le: get_u32_le, try_get_u32_le, 4;
    diff_u32_ne: get_u32_ne, try_get_u32_ne, 4;
    diff_i32: get_i32, try_get_i32, 4;
    diff_i32_le: get_i32_le, try_get_i32_le, 4;
    diff_i32_ne: get_i32_ne, try_get_i32_ne, 4;
    diff_u64: get_u64, try_get_u64, 8;
    diff_u64_le: get_u64_le, try_get_u64_le, 8;
    diff_u64_ne: get_u64_ne, try_get_u64_ne, 8;
    diff_i64: get_i64, try_get_i64, 8;
    diff_i64_le: get_i64_le, try_get_i64_le, 8;
    diff_i64_ne: get_i64_ne, try_get_i64_ne, 8;
    diff_u128: get_u128, try_get_u128, 16;
    diff_u128_le: get_u128_le, try_get_u128_le, 16;
    diff_u128_ne: get_u128_ne, try_get_u128_ne, 16;
    diff_i128: get_i128, try_get_i128, 16;
    diff_i128_le: get_i128_le, try_get_i128_le, 16;
    diff_i128_ne: get_i128_ne, try_get_i128_ne, 16;
    diff_f32: get_f32, try_get_f32, 4;
    diff_f32_le: get_f32_le, try_get_f32_le, 4;
    diff_f32_ne: get_f32_ne, try_get_f32_ne, 4;
    diff_f64: get_f64, try_get_f64, 8;
    diff_f64_le: get_f64_le, try_get_f64_le, 8;
    diff_f64_ne: get_f64_ne, try_get_f64_ne, 8;
}

/// The variable-width unsigned readers agree with `bytes` for every width
/// and length, contiguous and fragmented.
#[test]
fn diff_variable_width_unsigned() {
    type Ours = fn(&mut dyn Buf, usize) -> Result<u64, TryGetError>;
    type Theirs = fn(&mut &[u8], usize) -> Result<u64, bytes::TryGetError>;
    let cases: [(Ours, Theirs); 3] = [
        (
            |b, n| b.try_get_uint(n),
            |b, n| bytes::Buf::try_get_uint(b, n),
        ),
        (
            |b, n| b.try_get_uint_le(n),
            |b, n| bytes::Buf::try_get_uint_le(b, n),
        ),
        (
            |b, n| b.try_get_uint_ne(n),
            |b, n| bytes::Buf::try_get_uint_ne(b, n),
        ),
    ];
    for (memkit, peer) in cases {
        for nbytes in 0..=8 {
            for len in 0..=9 {
                let data = sample(len);
                let mut t: &[u8] = &data;
                let expected = peer(&mut t, nbytes).map_err(peer_err_pair);
                let mut o: &[u8] = &data;
                assert_eq!(memkit(&mut o, nbytes).map_err(err_pair), expected);
                assert_eq!(o.len(), t.len());
                let mut f = Fragmented::new(&data, 1);
                assert_eq!(memkit(&mut f, nbytes).map_err(err_pair), expected);
                assert_eq!(f.remaining(), t.len());
            }
        }
    }
}

/// The panicking signed readers agree with `bytes` (which sign-extends in
/// `get_int*`).
#[test]
fn diff_variable_width_signed_panicking() {
    for nbytes in 0..=8 {
        let data = sample(24);
        let mut t: &[u8] = &data;
        let mut o: &[u8] = &data;
        assert_eq!(o.get_int(nbytes), bytes::Buf::get_int(&mut t, nbytes));
        assert_eq!(o.get_int_le(nbytes), bytes::Buf::get_int_le(&mut t, nbytes));
        assert_eq!(o.get_int_ne(nbytes), bytes::Buf::get_int_ne(&mut t, nbytes));
        assert_eq!(o.len(), t.len());
    }
}

/// `try_get_int*` sign-extends, like `get_int*` and as documented ("a signed
/// n-byte integer"). `bytes` 1.12.0 zero-pads instead (fixed upstream in
/// tokio-rs/bytes#839), so the peer is only used where both agree: values
/// whose top bit is clear.
#[test]
fn try_get_int_sign_extends() {
    for nbytes in 1..=8 {
        let negative = vec![0xFF; nbytes];
        let mut o: &[u8] = &negative;
        assert_eq!(o.try_get_int(nbytes), Ok(-1));
        let mut o: &[u8] = &negative;
        assert_eq!(o.try_get_int_le(nbytes), Ok(-1));
        let mut o: &[u8] = &negative;
        assert_eq!(o.try_get_int_ne(nbytes), Ok(-1));

        let mut positive = vec![0x11; nbytes];
        positive[0] = 0x7F;
        positive[nbytes - 1] = 0x7F;
        let mut o: &[u8] = &positive;
        let mut t: &[u8] = &positive;
        assert_eq!(
            o.try_get_int(nbytes).unwrap(),
            bytes::Buf::try_get_int(&mut t, nbytes).unwrap()
        );
        let mut o: &[u8] = &positive;
        let mut t: &[u8] = &positive;
        assert_eq!(
            o.try_get_int_le(nbytes).unwrap(),
            bytes::Buf::try_get_int_le(&mut t, nbytes).unwrap()
        );
    }
    let mut o: &[u8] = &[0xAA];
    assert_eq!(o.try_get_int(0), Ok(0));
    assert_eq!(o.remaining(), 1);
    let mut short: &[u8] = &[0xFF];
    assert_eq!(
        short.try_get_int(2),
        Err(TryGetError {
            requested: 2,
            available: 1
        })
    );
    assert_eq!(
        short.try_get_int_le(3),
        Err(TryGetError {
            requested: 3,
            available: 1
        })
    );
}

#[test]
fn get_int_sign_extension_edges() {
    let mut buf: &[u8] = &[0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(buf.get_int(1), -128);
    assert_eq!(buf.get_int(1), 127);
    assert_eq!(buf.get_int_le(4), i64::from(0x80FF_FFFF_u32 as i32));
    assert_eq!(buf.get_int(0), 0);
    assert_eq!(buf.get_uint(8), 0);
    assert!(!buf.has_remaining());
}

#[test]
fn uint_zero_bytes_reads_nothing() {
    let mut buf: &[u8] = b"z";
    assert_eq!(buf.get_uint(0), 0);
    assert_eq!(buf.get_uint_le(0), 0);
    assert_eq!(buf.try_get_uint(0), Ok(0));
    assert_eq!(buf.remaining(), 1);
    let mut empty: &[u8] = &[];
    assert_eq!(empty.get_uint(0), 0);
}

#[test]
#[should_panic(expected = "Buf::get_uint: nbytes is 9 but the integer type holds only 8 bytes")]
fn get_uint_too_wide_panics() {
    let mut buf: &[u8] = &[0; 16];
    buf.get_uint(9);
}

#[test]
#[should_panic(expected = "Buf::get_uint_le: nbytes is 12 but the integer type holds only 8 bytes")]
fn get_uint_le_too_wide_panics() {
    let mut buf: &[u8] = &[0; 16];
    buf.get_uint_le(12);
}

#[test]
#[should_panic(expected = "nbytes is 9")]
fn get_int_too_wide_panics() {
    let mut buf: &[u8] = &[0; 16];
    buf.get_int(9);
}

#[test]
#[should_panic(expected = "Buf::try_get_uint: nbytes is 9")]
fn try_get_uint_too_wide_panics_even_if_short() {
    let mut buf: &[u8] = &[];
    let _ = buf.try_get_uint(9);
}

#[test]
#[should_panic(expected = "Buf::try_get_uint_le: nbytes is 10")]
fn try_get_uint_le_too_wide_panics() {
    let mut buf: &[u8] = &[0; 16];
    let _ = buf.try_get_uint_le(10);
}

#[test]
#[should_panic(expected = "nbytes is 9")]
fn try_get_int_too_wide_panics() {
    let mut buf: &[u8] = &[0; 16];
    let _ = buf.try_get_int(9);
}

#[test]
#[should_panic(expected = "Buf::get_uint out of bounds: 3 bytes requested but only 2 remaining")]
fn get_uint_short_panics() {
    let mut buf: &[u8] = &[1, 2];
    buf.get_uint(3);
}

#[test]
#[should_panic(expected = "Buf::get_u32 out of bounds: 4 bytes requested but only 3 remaining")]
fn get_u32_short_panics() {
    let mut buf: &[u8] = &[1, 2, 3];
    buf.get_u32();
}

#[test]
#[should_panic(expected = "Buf::get_u8 out of bounds: 1 bytes requested but only 0 remaining")]
fn get_u8_empty_panics() {
    let mut buf: &[u8] = &[];
    buf.get_u8();
}

#[test]
#[should_panic(expected = "Buf::get_i8 out of bounds")]
fn get_i8_empty_panics() {
    let mut buf: &[u8] = &[];
    buf.get_i8();
}

#[test]
#[should_panic(expected = "Buf::get_f64_le out of bounds: 8 bytes requested but only 7 remaining")]
fn get_f64_le_short_on_fragmented_panics() {
    let mut buf = Fragmented::new(&[0; 7], 2);
    buf.get_f64_le();
}

#[test]
#[should_panic(expected = "Buf::get_i128 out of bounds: 16 bytes requested but only 15 remaining")]
fn get_i128_short_panics() {
    let mut buf: &[u8] = &[0; 15];
    buf.get_i128();
}

#[test]
fn short_reads_leave_buffer_untouched() {
    let data = sample(5);
    let mut frag = Fragmented::new(&data, 2);
    assert_eq!(
        frag.try_get_u64(),
        Err(TryGetError {
            requested: 8,
            available: 5
        })
    );
    assert_eq!(
        frag.try_get_uint_le(6),
        Err(TryGetError {
            requested: 6,
            available: 5
        })
    );
    let mut dst = [0xEE; 6];
    assert_eq!(
        frag.try_copy_to_slice(&mut dst),
        Err(TryGetError {
            requested: 6,
            available: 5
        })
    );
    assert_eq!(dst, [0xEE; 6]);
    assert_eq!(frag.remaining(), 5);
    assert_eq!(frag.get_u8(), data[0]);
}

#[test]
fn try_get_errors_match_bytes_exactly() {
    // Same calls on the same short input: identical `requested`/`available`.
    let data = sample(3);
    let mut o: &[u8] = &data;
    let mut t: &[u8] = &data;
    assert_eq!(
        err_pair(o.try_get_u128_le().unwrap_err()),
        peer_err_pair(bytes::Buf::try_get_u128_le(&mut t).unwrap_err())
    );
    assert_eq!(
        err_pair(o.try_get_f32().unwrap_err()),
        peer_err_pair(bytes::Buf::try_get_f32(&mut t).unwrap_err())
    );
    assert_eq!(
        err_pair(o.try_get_uint(5).unwrap_err()),
        peer_err_pair(bytes::Buf::try_get_uint(&mut t, 5).unwrap_err())
    );
    assert_eq!(
        err_pair(o.try_get_int_le(4).unwrap_err()),
        peer_err_pair(bytes::Buf::try_get_int_le(&mut t, 4).unwrap_err())
    );
    let mut dst = [0u8; 9];
    assert_eq!(
        err_pair(o.try_copy_to_slice(&mut dst).unwrap_err()),
        peer_err_pair(bytes::Buf::try_copy_to_slice(&mut t, &mut dst).unwrap_err())
    );
    let mut empty: &[u8] = &[];
    let mut t_empty: &[u8] = &[];
    assert_eq!(
        err_pair(empty.try_get_i8().unwrap_err()),
        peer_err_pair(bytes::Buf::try_get_i8(&mut t_empty).unwrap_err())
    );
}

#[test]
fn slice_basics() {
    let mut buf: &[u8] = b"hello world";
    assert_eq!(buf.remaining(), 11);
    assert!(buf.has_remaining());
    assert_eq!(buf.chunk(), b"hello world");
    buf.advance(0);
    assert_eq!(buf.remaining(), 11);
    buf.advance(6);
    assert_eq!(buf.chunk(), b"world");
    let mut out = [0u8; 5];
    buf.copy_to_slice(&mut out);
    assert_eq!(&out, b"world");
    assert!(!buf.has_remaining());
    buf.copy_to_slice(&mut []);
    buf.advance(0);
}

#[test]
#[should_panic(expected = "Buf::advance: advance out of bounds: the len is 3 but advancing by 4")]
fn slice_advance_past_end_panics() {
    let mut buf: &[u8] = b"abc";
    buf.advance(4);
}

#[test]
#[should_panic(
    expected = "Buf::copy_to_slice out of bounds: 4 bytes requested but only 3 remaining"
)]
fn slice_copy_to_slice_past_end_panics() {
    let mut buf: &[u8] = b"abc";
    buf.copy_to_slice(&mut [0; 4]);
}

#[test]
#[should_panic(
    expected = "Buf::copy_to_slice out of bounds: 4 bytes requested but only 3 remaining"
)]
fn default_copy_to_slice_past_end_panics() {
    let mut buf = Fragmented::new(b"abc", 1);
    buf.copy_to_slice(&mut [0; 4]);
}

#[test]
fn default_copy_to_slice_spans_chunks() {
    let data = sample(10);
    for piece in 1..=4 {
        let mut buf = Fragmented::new(&data, piece);
        let mut out = [0u8; 7];
        buf.copy_to_slice(&mut out);
        assert_eq!(&out[..], &data[..7]);
        assert_eq!(buf.remaining(), 3);
        let mut rest = [0u8; 3];
        assert_eq!(buf.try_copy_to_slice(&mut rest), Ok(()));
        assert_eq!(&rest[..], &data[7..]);
    }
}

#[test]
fn copy_to_bytes_default_and_panic() {
    let data = sample(9);
    let mut buf = Fragmented::new(&data, 2);
    let head: Bytes = buf.copy_to_bytes(5);
    assert_eq!(&head[..], &data[..5]);
    assert_eq!(buf.remaining(), 4);
    let empty = buf.copy_to_bytes(0);
    assert_eq!(empty.len(), 0);

    let mut slice: &[u8] = &data;
    assert_eq!(&slice.copy_to_bytes(9)[..], &data[..]);
    assert!(!slice.has_remaining());
}

#[test]
#[should_panic(
    expected = "Buf::copy_to_bytes out of bounds: 5 bytes requested but only 4 remaining"
)]
fn copy_to_bytes_past_end_panics() {
    let mut buf: &[u8] = b"abcd";
    buf.copy_to_bytes(5);
}

#[test]
fn chunks_vectored_default() {
    let buf: &[u8] = b"abc";
    let mut dst = [IoSlice::new(b"untouched"); 3];
    assert_eq!(buf.chunks_vectored(&mut dst), 1);
    assert_eq!(&*dst[0], b"abc");
    assert_eq!(&*dst[1], b"untouched");
    assert_eq!(buf.chunks_vectored(&mut []), 0);

    let empty: &[u8] = &[];
    let mut dst = [IoSlice::new(b"keep")];
    assert_eq!(empty.chunks_vectored(&mut dst), 0);
    assert_eq!(&*dst[0], b"keep");
}

#[test]
fn forwarding_through_mut_ref_and_box() {
    let data = sample(20);
    let mut inner: &[u8] = &data;
    {
        let by_ref: &mut &[u8] = &mut inner;
        let fwd = by_ref;
        assert_eq!(Buf::remaining(&fwd), 20);
        assert_eq!(fwd.get_u16(), u16::from_be_bytes([data[0], data[1]]));
        assert_eq!(fwd.try_get_u8(), Ok(data[2]));
        fwd.advance(1);
    }
    assert_eq!(inner.remaining(), 16);

    let mut boxed: Box<dyn Buf> = Box::new(Fragmented::new(&data, 3));
    assert_eq!(boxed.remaining(), 20);
    assert!(boxed.has_remaining());
    assert_eq!(boxed.chunk().len(), 3);
    assert_eq!(
        boxed.get_u32_le(),
        u32::from_le_bytes([data[0], data[1], data[2], data[3]])
    );
    assert_eq!(
        boxed.get_uint(3),
        u64::from_be_bytes([0, 0, 0, 0, 0, data[4], data[5], data[6]])
    );
    let mut dst = [IoSlice::new(&[]); 2];
    assert_eq!(boxed.chunks_vectored(&mut dst), 1);
    assert_eq!(&*dst[0], &data[7..10]);
    assert_eq!(&boxed.copy_to_bytes(2)[..], &data[7..9]);
    assert_eq!(
        boxed.try_get_u128(),
        Err(TryGetError {
            requested: 16,
            available: 11
        })
    );

    // `&mut dyn Buf` is a `Buf` too, and the adapters accept it.
    let mut frag = Fragmented::new(&data, 1);
    let dynamic: &mut dyn Buf = &mut frag;
    let mut taken = dynamic.take(4);
    assert_eq!(
        taken.get_u32(),
        u32::from_be_bytes([data[0], data[1], data[2], data[3]])
    );
    assert_eq!(frag.remaining(), 16);
}

#[test]
fn vec_deque_wrapped() {
    let mut deque: VecDeque<u8> = VecDeque::with_capacity(8);
    deque.extend([3, 4, 5, 6]);
    deque.push_front(2);
    deque.push_front(1);
    // Force the ring to wrap so the bytes sit in two slices.
    while deque.as_slices().1.is_empty() {
        let b = deque.pop_back().unwrap();
        deque.push_front(b);
    }
    let expected: Vec<u8> = deque.iter().copied().collect();
    assert_eq!(deque.remaining(), 6);
    assert_eq!(deque.chunk(), deque.as_slices().0);

    let mut dst = [IoSlice::new(&[]); 3];
    let n = deque.chunks_vectored(&mut dst);
    assert_eq!(n, 2);
    let joined: Vec<u8> = dst[..n].iter().flat_map(|s| s.iter().copied()).collect();
    assert_eq!(joined, expected);
    let mut one = [IoSlice::new(&[])];
    assert_eq!(deque.chunks_vectored(&mut one), 1);

    let mut copy = deque.clone();
    assert_eq!(
        copy.get_u32(),
        u32::from_be_bytes([expected[0], expected[1], expected[2], expected[3]])
    );
    assert_eq!(copy.remaining(), 2);
    copy.advance(2);
    assert_eq!(copy.chunk(), b"");
    assert_eq!(copy.chunks_vectored(&mut dst), 0);

    let mut peer = deque.clone();
    let mut memkit = deque;
    assert_eq!(memkit.get_u16_le(), bytes::Buf::get_u16_le(&mut peer));
    assert_eq!(
        memkit.copy_to_bytes(4).to_vec(),
        bytes::Buf::copy_to_bytes(&mut peer, 4).to_vec()
    );
}

#[test]
#[should_panic(expected = "Buf::advance: advance out of bounds: the len is 2 but advancing by 3")]
fn vec_deque_advance_past_end_panics() {
    let mut deque: VecDeque<u8> = VecDeque::from(vec![1, 2]);
    deque.advance(3);
}

#[test]
fn cursor_matches_bytes() {
    let data = sample(6);
    let mut memkit = Cursor::new(data.clone());
    let mut peer = Cursor::new(data.clone());
    assert_eq!(memkit.remaining(), bytes::Buf::remaining(&peer));
    assert_eq!(memkit.get_u16(), bytes::Buf::get_u16(&mut peer));
    assert_eq!(memkit.position(), 2);
    assert_eq!(memkit.chunk(), bytes::Buf::chunk(&peer));
    memkit.advance(4);
    assert_eq!(memkit.position(), 6);
    assert!(!memkit.has_remaining());

    // A position past the end: nothing remains, the chunk is empty, and
    // advancing by zero is allowed and leaves the position alone.
    let mut far = Cursor::new(&data[..]);
    far.set_position(100);
    assert_eq!(far.remaining(), 0);
    assert_eq!(far.chunk(), b"");
    far.advance(0);
    assert_eq!(far.position(), 100);
    far.set_position(u64::MAX);
    assert_eq!(far.remaining(), 0);
    assert_eq!(far.chunk(), b"");
}

#[test]
#[should_panic(expected = "Buf::advance: advance out of bounds: the len is 0 but advancing by 1")]
fn cursor_advance_past_end_panics() {
    let mut far = Cursor::new(vec![1u8, 2]);
    far.set_position(5);
    far.advance(1);
}

#[test]
fn chain_accessors_and_reads() {
    let mut chain: Chain<&[u8], &[u8]> = (&b"ab"[..]).chain(&b"cdef"[..]);
    assert_eq!(*chain.first_ref(), b"ab");
    assert_eq!(*chain.last_ref(), b"cdef");
    assert_eq!(chain.remaining(), 6);
    assert_eq!(chain.chunk(), b"ab");
    chain.advance(1);
    assert_eq!(chain.chunk(), b"b");
    // Read across the seam.
    assert_eq!(chain.get_u16(), u16::from_be_bytes([b'b', b'c']));
    assert_eq!(chain.chunk(), b"def");
    chain.first_mut().advance(0);
    chain.last_mut().advance(1);
    assert_eq!(chain.chunk(), b"ef");
    let (a, b) = chain.into_inner();
    assert_eq!((a, b), (&b""[..], &b"ef"[..]));
}

#[test]
fn chain_advance_exactly_to_seam_and_beyond() {
    let mut chain = (&b"abc"[..]).chain(&b"de"[..]);
    chain.advance(3);
    assert_eq!(chain.chunk(), b"de");
    chain.advance(2);
    assert!(!chain.has_remaining());
    assert_eq!(chain.chunk(), b"");

    let mut chain = (&b"abc"[..]).chain(&b"de"[..]);
    chain.advance(4);
    assert_eq!(chain.chunk(), b"e");
}

#[test]
#[should_panic(expected = "Buf::advance: advance out of bounds: the len is 2 but advancing by 3")]
fn chain_advance_past_end_panics() {
    let mut chain = (&b"abc"[..]).chain(&b"de"[..]);
    chain.advance(6);
}

#[test]
fn chain_copy_to_bytes() {
    let mut chain = (&b"abc"[..]).chain(&b"defg"[..]);
    assert_eq!(&chain.copy_to_bytes(2)[..], b"ab");
    assert_eq!(&chain.copy_to_bytes(3)[..], b"cde");
    assert_eq!(&chain.copy_to_bytes(2)[..], b"fg");
    assert!(!chain.has_remaining());

    let mut chain = (&b"abc"[..]).chain(&b"defg"[..]);
    assert_eq!(&chain.copy_to_bytes(7)[..], b"abcdefg");

    // Bytes-backed parts go through their own (zero-copy) copy_to_bytes.
    let mut chain = Bytes::copy_from_slice(b"xy").chain(Bytes::copy_from_slice(b"z"));
    assert_eq!(&chain.copy_to_bytes(2)[..], b"xy");
    assert_eq!(&chain.copy_to_bytes(1)[..], b"z");
}

#[test]
#[should_panic(
    expected = "Chain::copy_to_bytes out of bounds: 8 bytes requested but only 7 remaining"
)]
fn chain_copy_to_bytes_past_end_panics() {
    let mut chain = (&b"abc"[..]).chain(&b"defg"[..]);
    chain.copy_to_bytes(8);
}

#[test]
fn chain_chunks_vectored_and_nesting() {
    let chain = (&b"a"[..])
        .chain(&b""[..])
        .chain((&b"bc"[..]).chain(&b"d"[..]));
    let mut dst = [IoSlice::new(&[]); 8];
    let n = chain.chunks_vectored(&mut dst);
    assert_eq!(n, 3);
    assert_eq!(&*dst[0], b"a");
    assert_eq!(&*dst[1], b"bc");
    assert_eq!(&*dst[2], b"d");
    let mut two = [IoSlice::new(&[]); 2];
    assert_eq!(chain.chunks_vectored(&mut two), 2);
    assert_eq!(chain.chunks_vectored(&mut []), 0);
}

#[test]
fn chain_remaining_saturates() {
    struct Huge;
    impl Buf for Huge {
        fn remaining(&self) -> usize {
            usize::MAX
        }
        fn chunk(&self) -> &[u8] {
            &[0]
        }
        fn advance(&mut self, _: usize) {}
    }
    assert_eq!(Huge.chain(Huge).remaining(), usize::MAX);
}

#[test]
fn chain_into_iter() {
    let chain = (&b"ab"[..]).chain(&b"cd"[..]);
    let iter = chain.into_iter();
    assert_eq!(iter.len(), 4);
    assert_eq!(iter.collect::<Vec<_>>(), b"abcd");
}

#[test]
fn take_accessors_and_limits() {
    let mut take: Take<&[u8]> = (&b"abcdef"[..]).take(4);
    assert_eq!(take.limit(), 4);
    assert_eq!(take.remaining(), 4);
    assert_eq!(take.chunk(), b"abcd");
    assert_eq!(take.get_ref().len(), 6);
    take.advance(1);
    assert_eq!(take.limit(), 3);
    assert_eq!(take.get_u16(), u16::from_be_bytes([b'b', b'c']));
    assert_eq!(
        take.try_get_u16(),
        Err(TryGetError {
            requested: 2,
            available: 1
        })
    );
    assert_eq!(take.get_u8(), b'd');
    assert!(!take.has_remaining());
    assert_eq!(take.chunk(), b"");
    take.set_limit(10);
    assert_eq!(take.remaining(), 2);
    take.get_mut().advance(1);
    assert_eq!(take.limit(), 10);
    assert_eq!(take.into_inner(), &b"f"[..]);
}

#[test]
fn take_over_fragmented() {
    let data = sample(10);
    let mut take = Fragmented::new(&data, 3).take(5);
    assert_eq!(take.chunk(), &data[..3]);
    let mut out = [0u8; 5];
    take.copy_to_slice(&mut out);
    assert_eq!(out[..], data[..5]);
    assert_eq!(take.get_ref().remaining(), 5);
}

#[test]
#[should_panic(expected = "Take::advance: cnt <= self.limit failed: cnt is 3 but the limit is 2")]
fn take_advance_past_limit_panics() {
    let mut take = (&b"abcdef"[..]).take(2);
    take.advance(3);
}

#[test]
fn take_copy_to_bytes() {
    let mut take = Bytes::copy_from_slice(b"0123456789").take(6);
    assert_eq!(&take.copy_to_bytes(4)[..], b"0123");
    assert_eq!(take.limit(), 2);
    assert_eq!(take.get_ref().len(), 6);
}

#[test]
#[should_panic(
    expected = "Take::copy_to_bytes out of bounds: 3 bytes requested but only 2 remaining"
)]
fn take_copy_to_bytes_past_limit_panics() {
    let mut take = (&b"abcdef"[..]).take(2);
    take.copy_to_bytes(3);
}

#[test]
fn take_chunks_vectored_truncates() {
    let check = |limit: usize, expected: &[&[u8]]| {
        let take = (&b"abc"[..])
            .chain(&b"defg"[..])
            .chain(&b"hi"[..])
            .take(limit);
        let mut dst = [IoSlice::new(&[]); 8];
        let n = take.chunks_vectored(&mut dst);
        let got: Vec<&[u8]> = dst[..n].iter().map(|s| &**s).collect();
        assert_eq!(got, expected, "limit {limit}");
    };
    check(0, &[]);
    check(2, &[b"ab"]);
    check(3, &[b"abc"]);
    check(5, &[b"abc", b"de"]);
    check(7, &[b"abc", b"defg"]);
    check(8, &[b"abc", b"defg", b"h"]);
    check(100, &[b"abc", b"defg", b"hi"]);

    // A `dst` shorter than the number of pieces.
    let take = (&b"abc"[..]).chain(&b"def"[..]).take(5);
    let mut one = [IoSlice::new(&[])];
    assert_eq!(take.chunks_vectored(&mut one), 1);
    assert_eq!(&*one[0], b"abc");
}

#[test]
fn reader_read_and_bufread() {
    use std::io::Read;

    let mut reader = Buf::chain(&b"first\nsecond"[..], &b" half\n"[..]).reader();
    assert_eq!(reader.get_ref().remaining(), 18);
    let mut small = [0u8; 3];
    assert_eq!(reader.read(&mut small).unwrap(), 3);
    assert_eq!(&small, b"fir");
    assert_eq!(reader.fill_buf().unwrap(), b"st\nsecond");
    reader.consume(3);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line, "second half\n");
    assert_eq!(reader.read(&mut small).unwrap(), 0);
    reader.get_mut().advance(0);
    assert!(!reader.into_inner().has_remaining());
}

#[test]
fn reader_read_to_end_over_fragments() {
    use std::io::Read;

    let data = sample(33);
    let mut reader = Fragmented::new(&data, 4).reader();
    let mut out = Vec::new();
    reader.read_to_end(&mut out).unwrap();
    assert_eq!(out, data);
}

#[test]
fn into_iter_accessors() {
    let mut iter = IntoIter::new(Fragmented::new(b"xyz", 1));
    assert_eq!(iter.size_hint(), (3, Some(3)));
    assert_eq!(iter.next(), Some(b'x'));
    assert_eq!(iter.get_ref().remaining(), 2);
    iter.get_mut().advance(1);
    assert_eq!(iter.len(), 1);
    assert_eq!(iter.next(), Some(b'z'));
    assert_eq!(iter.next(), None);
    assert_eq!(iter.size_hint(), (0, Some(0)));
    assert_eq!(iter.into_inner().remaining(), 0);
}

#[test]
fn try_get_error_traits() {
    let err = TryGetError {
        requested: 7,
        available: 2,
    };
    let text = err.to_string();
    assert!(text.contains("7 bytes requested"), "{text}");
    assert!(text.contains("2 available"), "{text}");
    assert_eq!(
        format!("{err:?}"),
        "TryGetError { requested: 7, available: 2 }"
    );
    let dyn_err: &dyn std::error::Error = &err;
    assert!(dyn_err.source().is_none());
    let io: std::io::Error = err.into();
    assert_eq!(io.kind(), std::io::ErrorKind::Other);
    assert_eq!(io.to_string(), text);
    let inner = io.into_inner().unwrap();
    assert_eq!(
        *inner.downcast::<TryGetError>().unwrap(),
        TryGetError {
            requested: 7,
            available: 2
        }
    );
}

/// One read operation of the differential property test.
#[derive(Debug, Clone)]
enum Op {
    U8,
    I16Le,
    U32,
    F64Ne,
    I128,
    Uint(usize),
    IntLe(usize),
    Advance(usize),
    Copy(usize),
    Remaining,
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::U8),
        Just(Op::I16Le),
        Just(Op::U32),
        Just(Op::F64Ne),
        Just(Op::I128),
        (0usize..=8).prop_map(Op::Uint),
        (0usize..=8).prop_map(Op::IntLe),
        (0usize..6).prop_map(Op::Advance),
        (0usize..12).prop_map(Op::Copy),
        Just(Op::Remaining),
    ]
}

/// Applies `op` through `memkit_bytes::Buf` and renders the outcome.
fn apply_memkit<B: Buf>(buf: &mut B, op: &Op) -> String {
    match op {
        Op::U8 => format!("{:?}", buf.try_get_u8().map_err(err_pair)),
        Op::I16Le => format!("{:?}", buf.try_get_i16_le().map_err(err_pair)),
        Op::U32 => format!("{:?}", buf.try_get_u32().map_err(err_pair)),
        Op::F64Ne => format!(
            "{:?}",
            buf.try_get_f64_ne().map(f64::to_bits).map_err(err_pair)
        ),
        Op::I128 => format!("{:?}", buf.try_get_i128().map_err(err_pair)),
        Op::Uint(n) => format!("{:?}", buf.try_get_uint(*n).map_err(err_pair)),
        Op::IntLe(n) if buf.remaining() >= *n => format!("{:?}", Ok::<_, ()>(buf.get_int_le(*n))),
        Op::IntLe(n) => format!("{:?}", buf.try_get_int_le(*n).map(|_| ()).map_err(err_pair)),
        Op::Advance(n) if *n <= buf.remaining() => {
            buf.advance(*n);
            "advanced".into()
        }
        Op::Advance(_) => "skipped".into(),
        Op::Copy(n) => {
            let mut dst = vec![0u8; *n];
            format!(
                "{:?} {:?}",
                buf.try_copy_to_slice(&mut dst).map_err(err_pair),
                dst
            )
        }
        Op::Remaining => format!("{}", buf.remaining()),
    }
}

/// Applies `op` through the peer, `bytes::Buf`, and renders the outcome.
fn apply_peer<B: bytes::Buf>(buf: &mut B, op: &Op) -> String {
    match op {
        Op::U8 => format!("{:?}", buf.try_get_u8().map_err(peer_err_pair)),
        Op::I16Le => format!("{:?}", buf.try_get_i16_le().map_err(peer_err_pair)),
        Op::U32 => format!("{:?}", buf.try_get_u32().map_err(peer_err_pair)),
        Op::F64Ne => format!(
            "{:?}",
            buf.try_get_f64_ne()
                .map(f64::to_bits)
                .map_err(peer_err_pair)
        ),
        Op::I128 => format!("{:?}", buf.try_get_i128().map_err(peer_err_pair)),
        Op::Uint(n) => format!("{:?}", buf.try_get_uint(*n).map_err(peer_err_pair)),
        Op::IntLe(n) if buf.remaining() >= *n => format!("{:?}", Ok::<_, ()>(buf.get_int_le(*n))),
        Op::IntLe(n) => format!(
            "{:?}",
            buf.try_get_int_le(*n).map(|_| ()).map_err(peer_err_pair)
        ),
        Op::Advance(n) if *n <= buf.remaining() => {
            buf.advance(*n);
            "advanced".into()
        }
        Op::Advance(_) => "skipped".into(),
        Op::Copy(n) => {
            let mut dst = vec![0u8; *n];
            format!(
                "{:?} {:?}",
                buf.try_copy_to_slice(&mut dst).map_err(peer_err_pair),
                dst
            )
        }
        Op::Remaining => format!("{}", buf.remaining()),
    }
}

proptest! {
    /// Random read sequences give the same results on memkit (fragmented,
    /// chained at a random seam) and on `bytes` (contiguous), and the bytes
    /// consumed match a naive model that just counts.
    #[test]
    fn prop_reads_match_bytes(
        data in proptest::collection::vec(any::<u8>(), 0..64),
        piece in 1usize..5,
        seam in 0usize..64,
        ops in proptest::collection::vec(op_strategy(), 0..40),
    ) {
        let seam = seam.min(data.len());
        let mut frag = Fragmented::new(&data, piece);
        let mut chained = Fragmented::new(&data[..seam], piece).chain(&data[seam..]);
        let mut peer: &[u8] = &data;
        for op in &ops {
            let expected = apply_peer(&mut peer, op);
            prop_assert_eq!(&apply_memkit(&mut frag, op), &expected, "fragmented, {:?}", op);
            prop_assert_eq!(&apply_memkit(&mut chained, op), &expected, "chained, {:?}", op);
            prop_assert_eq!(frag.remaining(), peer.len());
            prop_assert_eq!(chained.remaining(), peer.len());
            // Naive model: whatever is left is the tail of the input.
            prop_assert_eq!(&frag.data[frag.pos..], peer);
        }
    }

    /// Take over Chain agrees with the limit arithmetic of the model.
    #[test]
    fn prop_take_chain(
        a in proptest::collection::vec(any::<u8>(), 0..16),
        b in proptest::collection::vec(any::<u8>(), 0..16),
        limit in 0usize..40,
    ) {
        let mut model: Vec<u8> = a.iter().chain(&b).copied().collect();
        model.truncate(limit);
        let take = (&a[..]).chain(&b[..]).take(limit);
        prop_assert_eq!(take.remaining(), model.len());
        let collected: Vec<u8> = IntoIter::new(take).collect();
        prop_assert_eq!(collected, model);
    }
}
