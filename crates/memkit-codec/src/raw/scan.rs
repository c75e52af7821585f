//! 16-byte vector loads for the byte-class scans of an HTTP head, and
//! `&str` views of bytes checked to be ASCII.
//!
//! The head decoder spends most of its time asking "where is the first
//! byte of this class?" over request targets and field values. On x86-64
//! SSE2 is part of the base instruction set, so sixteen bytes are classed
//! at once; other targets class them one at a time.
//!
//! # Invariants
//!
//! * A load reads exactly the sixteen bytes of the `&[u8; 16]` it is given,
//!   so no scan reads past the end of its slice, and a load needs no
//!   alignment (`_mm_loadu_si128`).
//! * [`ascii_str`] makes a `&str` only of bytes it has just checked to be
//!   ASCII, which is valid UTF-8. It trusts no caller's claim about the
//!   bytes.
//!
//! Every scan returns the same position as its per-byte model, which the
//! tests below check for every byte value at every position; Miri runs
//! them (the vector intrinsics included).

use crate::http::chars::{is_field_value_byte, is_target_byte};

/// `bytes` as a `&str`, when every byte is ASCII.
///
/// The head decoder has already checked methods, targets and field names
/// to be tokens or visible ASCII; this is the cheap way to hand them out
/// as `&str` that stays sound whatever the bytes are. The safe equivalent,
/// `std::str::from_utf8`, gives the same answer for ASCII; its calls cost
/// about 470 instructions per kittyhell head in the `codec` bench group.
#[inline]
pub(crate) fn ascii_str(bytes: &[u8]) -> Option<&str> {
    if bytes.is_ascii() {
        // SAFETY: every byte was just checked to be ASCII, and ASCII bytes
        // are valid UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    } else {
        None
    }
}

/// The position of the first byte of `bytes` that may not appear in a
/// field value, or `bytes.len()`.
#[inline]
pub(crate) fn field_value_end(bytes: &[u8]) -> usize {
    class_end(bytes, value_flags, is_field_value_byte)
}

/// The position of the first byte of `bytes` that may not appear in a
/// request target, or `bytes.len()`.
#[inline]
pub(crate) fn target_end(bytes: &[u8]) -> usize {
    class_end(bytes, target_flags, is_target_byte)
}

/// The first byte outside a class: sixteen bytes at a time through
/// `flags` (bit `i` set when byte `i` is outside), then the tail through
/// `member`.
#[inline(always)]
fn class_end(bytes: &[u8], flags: fn(&[u8; 16]) -> u32, member: fn(u8) -> bool) -> usize {
    let mut chunks = bytes.chunks_exact(16);
    let mut at = 0;
    for chunk in &mut chunks {
        let outside = flags(chunk.try_into().expect("chunks of sixteen"));
        if outside != 0 {
            return at + outside.trailing_zeros() as usize;
        }
        at += 16;
    }
    let tail = chunks.remainder();
    at + tail.iter().position(|&b| !member(b)).unwrap_or(tail.len())
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod simd {
    use std::arch::x86_64::{
        _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_loadu_si128, _mm_min_epu8,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };

    /// Bit `i` set when byte `i` is a control byte other than HTAB, or DEL.
    #[inline(always)]
    pub(super) fn value_flags(chunk: &[u8; 16]) -> u32 {
        // SAFETY: the intrinsics need SSE2, which this module's `cfg`
        // requires to be enabled; `_mm_loadu_si128` reads exactly the
        // sixteen bytes of `chunk`, with no alignment requirement.
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            // `min(v, 0x1f) == v` exactly for the bytes 0x00..=0x1f
            // (unsigned).
            let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
            let tab = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\t' as i8));
            let del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));
            let outside = _mm_or_si128(_mm_andnot_si128(tab, control), del);
            _mm_movemask_epi8(outside) as u32
        }
    }

    /// Bit `i` set when byte `i` is not VCHAR (0x21..=0x7e).
    #[inline(always)]
    pub(super) fn target_flags(chunk: &[u8; 16]) -> u32 {
        // SAFETY: as in `value_flags`.
        let inside = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            // Signed: 0x21..=0x7f are greater than 0x20; 0x80..=0xff are
            // negative, so not.
            let above_space = _mm_cmpgt_epi8(v, _mm_set1_epi8(0x20));
            let del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));
            _mm_movemask_epi8(_mm_andnot_si128(del, above_space)) as u32
        };
        !inside & 0xffff
    }
}

/// Other targets class the sixteen bytes one at a time, by the per-byte
/// rules.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
mod simd {
    fn flags(chunk: &[u8; 16], member: fn(u8) -> bool) -> u32 {
        (0..16)
            .filter(|&i| !member(chunk[i]))
            .fold(0, |bits, i| bits | 1 << i)
    }

    pub(super) fn value_flags(chunk: &[u8; 16]) -> u32 {
        flags(chunk, super::is_field_value_byte)
    }

    pub(super) fn target_flags(chunk: &[u8; 16]) -> u32 {
        flags(chunk, super::is_target_byte)
    }
}

use simd::{target_flags, value_flags};

#[cfg(test)]
mod tests {
    use super::{ascii_str, field_value_end, target_end};
    use crate::http::chars::{is_field_value_byte, is_target_byte};

    /// Every byte value at every position of inputs of 0 to 40 bytes
    /// (under Miri, a sample of lengths and byte values), with and without
    /// an HTAB before it, against the per-byte rule.
    fn check_against_model(scan: fn(&[u8]) -> usize, member: fn(u8) -> bool, filler: u8) {
        let values: Vec<u8> = if cfg!(miri) {
            vec![
                0, b'\t', b'\r', b' ', b'!', b'-', b'0', b'9', b':', b'@', b'A', b'Z', b'[', b'`',
                b'a', b'z', b'{', 0x7e, 0x7f, 0x80, 0xff,
            ]
        } else {
            (0..=255).collect()
        };
        // Under Miri, the lengths around one and two vector chunks.
        let lengths: Vec<usize> = if cfg!(miri) {
            vec![0, 1, 15, 16, 17, 33]
        } else {
            (0..40).collect()
        };
        let mut checked = 0;
        for len in lengths {
            for at in 0..len {
                for &b in &values {
                    for tab in [None, Some(at / 2)] {
                        let mut input = vec![filler; len];
                        if let Some(t) = tab {
                            input[t] = b'\t';
                        }
                        input[at] = b;
                        let model = input.iter().position(|&b| !member(b)).unwrap_or(len);
                        assert_eq!(scan(&input), model, "{input:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1_000, "{checked}");
    }

    #[test]
    fn field_value_end_matches_the_per_byte_rule() {
        check_against_model(field_value_end, is_field_value_byte, b'a');
    }

    #[test]
    fn target_end_matches_the_per_byte_rule() {
        check_against_model(target_end, is_target_byte, b'/');
    }

    #[test]
    fn ascii_str_accepts_ascii_only() {
        assert_eq!(ascii_str(b""), Some(""));
        assert_eq!(ascii_str(b"GET /a?b HTTP/1.1"), Some("GET /a?b HTTP/1.1"));
        assert_eq!(ascii_str(b"caf\xc3\xa9"), None);
        assert_eq!(ascii_str(b"\x7f\x00"), Some("\u{7f}\u{0}"));
        assert_eq!(ascii_str(b"\x80"), None);
    }
}
