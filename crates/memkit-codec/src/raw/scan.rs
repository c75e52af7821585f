//! Vector loads for the byte-class scans of an HTTP head, and `&str` views
//! of bytes checked to be ASCII.
//!
//! The head decoder spends most of its time asking "where is the first
//! byte of this class?" over field names, field values and request
//! targets. On x86-64 SSE2 is part of the base instruction set, so sixteen
//! bytes are classed at once; where the processor has AVX2 (checked at run
//! time; the standard library caches the answer), thirty-two. Other
//! targets class them one at a time.
//!
//! # Invariants
//!
//! * A load reads exactly the bytes of the `&[u8; 16]` or `&[u8; 32]` it is
//!   given, so no scan reads past the end of its slice, and a load needs no
//!   alignment (`_mm_loadu_si128`, `_mm256_loadu_si256`).
//! * Code compiled for AVX2 runs only after `is_x86_feature_detected!`
//!   reported AVX2 on the running processor ([`avx2_available`]), here or
//!   in `line_scan`, whose `Avx2` token stands for that check.
//! * [`ascii_str`] makes a `&str` only of bytes it has just checked to be
//!   ASCII, which is valid UTF-8. It trusts no caller's claim about the
//!   bytes.
//!
//! Every scan returns the same position as its per-byte model, which the
//! tests below check for every byte value at every position, along every
//! path (AVX2, SSE2 and per byte); Miri runs them (the vector intrinsics
//! included).

/// `bytes` as a `&str`, when every byte is ASCII.
///
/// The head decoder has already checked methods, targets and field names
/// to be tokens or visible ASCII; this is the cheap way to hand them out
/// as `&str` that stays sound whatever the bytes are. The safe equivalent,
/// `std::str::from_utf8`, gives the same answer for ASCII; its calls cost
/// about 470 instructions per kittyhell head in the `codec` bench group.
#[inline]
pub(crate) fn ascii_str(bytes: &[u8]) -> Option<&str> {
    if is_ascii(bytes) {
        // SAFETY: every byte was just checked to be ASCII, and ASCII bytes
        // are valid UTF-8.
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    } else {
        None
    }
}

/// Whether every byte of `bytes` is ASCII. A name or a method is short:
/// up to sixteen bytes are checked with two overlapping word loads, with
/// no loop, and only longer slices go to the standard library's check.
#[inline]
fn is_ascii(bytes: &[u8]) -> bool {
    let len = bytes.len();
    let words = |n: usize| {
        let mut first = [0; 8];
        let mut last = [0; 8];
        first[..n].copy_from_slice(&bytes[..n]);
        last[..n].copy_from_slice(&bytes[len - n..]);
        u64::from_le_bytes(first) | u64::from_le_bytes(last)
    };
    let all = match len {
        0 => 0,
        // The first, middle and last bytes are every byte of these.
        1..=3 => u64::from(bytes[0] | bytes[len / 2] | bytes[len - 1]),
        4..=7 => words(4),
        8..=16 => words(8),
        _ => return bytes.is_ascii(),
    };
    all & 0x8080_8080_8080_8080 == 0
}

/// The position of the first byte of `bytes` that may not appear in a
/// field value, or `bytes.len()`.
#[inline]
pub(crate) fn field_value_end(bytes: &[u8]) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if avx2_available() {
        // SAFETY: the processor has AVX2.
        return unsafe { avx2::field_value_end(bytes) };
    }
    baseline::field_value_end(bytes)
}

/// The position of the first byte of `bytes` that may not appear in a
/// request target, or `bytes.len()`.
#[inline]
pub(crate) fn target_end(bytes: &[u8]) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if avx2_available() {
        // SAFETY: the processor has AVX2.
        return unsafe { avx2::target_end(bytes) };
    }
    baseline::target_end(bytes)
}

/// The position of the first byte of `bytes` that is not a `tchar` (the
/// bytes of a method, a field name or a transfer coding), or
/// `bytes.len()`.
#[inline]
pub(crate) fn token_end(bytes: &[u8]) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    if avx2_available() {
        // SAFETY: the processor has AVX2.
        return unsafe { avx2::token_end(bytes) };
    }
    baseline::token_end(bytes)
}

/// Whether the running processor has AVX2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
pub(super) fn avx2_available() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
}

/// The scans any processor runs: SSE2 on x86-64, byte by byte elsewhere.
/// Each is the safe twin of its AVX2 version.
pub(super) mod baseline {
    use super::{class_end, target_flags, value_flags};
    use crate::http::chars::{is_field_value_byte, is_target_byte, token_end_by_table};
    use crate::raw::line_scan::FieldLine;

    /// [`super::field_value_end`].
    #[inline(always)]
    pub(super) fn field_value_end(bytes: &[u8]) -> usize {
        class_end(bytes, value_flags, is_field_value_byte)
    }

    /// [`super::target_end`].
    #[inline(always)]
    pub(super) fn target_end(bytes: &[u8]) -> usize {
        class_end(bytes, target_flags, is_target_byte)
    }

    /// [`super::token_end`].
    #[inline(always)]
    pub(super) fn token_end(bytes: &[u8]) -> usize {
        token_end_by_table(bytes)
    }

    /// Where a field line's name and value end, as in
    /// [`LineScan::field_line`](crate::raw::line_scan::LineScan::field_line).
    #[inline(always)]
    fn field_line_ends(line: &[u8]) -> (usize, usize) {
        let name_end = token_end(line);
        if line.get(name_end) != Some(&b':') {
            return (name_end, name_end);
        }
        (
            name_end,
            name_end + 1 + field_value_end(&line[name_end + 1..]),
        )
    }

    /// [`LineScan::field_line`](crate::raw::line_scan::LineScan::field_line).
    #[inline(always)]
    pub(in crate::raw) fn field_line(line: &[u8]) -> FieldLine {
        let (name_end, value_end) = field_line_ends(line);
        if value_end == name_end {
            return FieldLine::without_colon(name_end);
        }
        let (value_start, trimmed_end) = trim(line, name_end + 1, value_end);
        FieldLine {
            name_end,
            value_start,
            value_end,
            trimmed_end,
        }
    }

    /// `line[start..end]` without leading and trailing OWS, as positions
    /// in `line`.
    #[inline(always)]
    pub(in crate::raw) fn trim(line: &[u8], start: usize, end: usize) -> (usize, usize) {
        let (from, to) = crate::http::chars::trim_ows(&line[start..end]);
        (start + from, start + to)
    }

    /// [`LineScan::request_line_ends`](crate::raw::line_scan::LineScan::request_line_ends).
    #[inline(always)]
    pub(in crate::raw) fn request_line_ends(line: &[u8]) -> (usize, usize) {
        let method_end = token_end(line);
        if line.get(method_end) != Some(&b' ') {
            return (method_end, method_end);
        }
        (
            method_end,
            method_end + 1 + target_end(&line[method_end + 1..]),
        )
    }
}

/// The first byte outside a class: sixteen bytes at a time through
/// `flags` (bit `i` set when byte `i` is outside). A tail of fewer than
/// sixteen is classed by one more load of the last sixteen bytes, whose
/// bits for bytes already classed are shifted out; only a slice shorter
/// than sixteen goes byte by byte through `member`.
#[inline(always)]
fn class_end(bytes: &[u8], flags: fn(&[u8; 16]) -> u32, member: fn(u8) -> bool) -> usize {
    let len = bytes.len();
    if len < 16 {
        return bytes.iter().position(|&b| !member(b)).unwrap_or(len);
    }
    let mut chunks = bytes.chunks_exact(16);
    let mut at = 0;
    for chunk in &mut chunks {
        let outside = flags(chunk.try_into().expect("chunks of sixteen"));
        if outside != 0 {
            return at + outside.trailing_zeros() as usize;
        }
        at += 16;
    }
    let tail = chunks.remainder().len();
    if tail > 0 {
        let last = bytes[len - 16..]
            .try_into()
            .expect("the last sixteen bytes");
        let outside = flags(last) >> (16 - tail);
        if outside != 0 {
            return at + outside.trailing_zeros() as usize;
        }
    }
    len
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

/// Thirty-two bytes per step, for processors with AVX2.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(super) mod avx2 {
    use crate::raw::line_scan::FieldLine;
    use std::arch::x86_64::{
        __m256i, _mm256_and_si256, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_loadu_si256, _mm256_min_epu8, _mm256_movemask_epi8, _mm256_or_si256,
        _mm256_set1_epi8, _mm256_setr_epi8, _mm256_setzero_si256, _mm256_shuffle_epi8,
        _mm256_srli_epi16,
    };

    /// [`super::field_value_end`], thirty-two bytes per step.
    ///
    /// # Safety
    ///
    /// The processor must have AVX2. The safe twin, for any processor, is
    /// [`super::baseline::field_value_end`].
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn field_value_end(bytes: &[u8]) -> usize {
        class_end(
            bytes,
            |chunk| value_flags(chunk),
            super::baseline::field_value_end,
        )
    }

    /// [`super::target_end`], thirty-two bytes per step.
    ///
    /// # Safety
    ///
    /// As [`field_value_end`]; the safe twin is
    /// [`super::baseline::target_end`].
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn target_end(bytes: &[u8]) -> usize {
        class_end(
            bytes,
            |chunk| target_flags(chunk),
            super::baseline::target_end,
        )
    }

    /// [`super::token_end`], thirty-two bytes per step.
    ///
    /// # Safety
    ///
    /// As [`field_value_end`]; the safe twin is
    /// [`super::baseline::token_end`].
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn token_end(bytes: &[u8]) -> usize {
        class_end(
            bytes,
            |chunk| token_flags(chunk),
            super::baseline::token_end,
        )
    }

    /// [`LineScan::field_line`](crate::raw::line_scan::LineScan::field_line):
    /// the line's first thirty-two bytes classed as name, as value and as
    /// OWS from one load, which covers the whole of most field lines; a
    /// longer value is scanned on, and trimmed at its end byte by byte.
    ///
    /// # Safety
    ///
    /// As [`field_value_end`]; the safe twin is
    /// [`super::baseline::field_line`].
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(in crate::raw) unsafe fn field_line(line: &[u8]) -> FieldLine {
        let Some(first) = line.first_chunk::<32>() else {
            return super::baseline::field_line(line);
        };
        let v = load(first);
        let name_outside = token_bits(v);
        if name_outside == 0 {
            // A name of 32 bytes or more.
            return super::baseline::field_line(line);
        }
        let name_end = name_outside.trailing_zeros() as usize;
        if line[name_end] != b':' {
            return FieldLine::without_colon(name_end);
        }
        let value_from = name_end + 1;
        // Bits at and after the value's first byte, in this load.
        let from_value = (u64::from(u32::MAX) >> value_from) << value_from;
        let value_outside = u64::from(value_bits(v)) & from_value;
        let not_ows = !u64::from(ows_bits(v)) & from_value;
        if value_outside != 0 {
            let value_end = value_outside.trailing_zeros() as usize;
            let in_value = not_ows & ((1 << value_end) - 1);
            if in_value == 0 {
                return FieldLine {
                    name_end,
                    value_start: value_end,
                    value_end,
                    trimmed_end: value_end,
                };
            }
            return FieldLine {
                name_end,
                value_start: in_value.trailing_zeros() as usize,
                value_end,
                trimmed_end: 64 - in_value.leading_zeros() as usize,
            };
        }
        // SAFETY: the processor has AVX2, as this function requires.
        let value_end = 32 + unsafe { field_value_end(&line[32..]) };
        let (value_start, trimmed_end) = if not_ows != 0 {
            let value_start = not_ows.trailing_zeros() as usize;
            (
                value_start,
                super::baseline::trim(line, value_start, value_end).1,
            )
        } else {
            super::baseline::trim(line, 32, value_end)
        };
        FieldLine {
            name_end,
            value_start,
            value_end,
            trimmed_end,
        }
    }

    /// [`LineScan::request_line_ends`](crate::raw::line_scan::LineScan::request_line_ends):
    /// the line's first thirty-two bytes classed as method and as target
    /// from one load.
    ///
    /// # Safety
    ///
    /// As [`field_value_end`]; the safe twin is
    /// [`super::baseline::request_line_ends`].
    #[inline]
    #[target_feature(enable = "avx2")]
    pub(in crate::raw) unsafe fn request_line_ends(line: &[u8]) -> (usize, usize) {
        let Some(first) = line.first_chunk::<32>() else {
            return super::baseline::request_line_ends(line);
        };
        let v = load(first);
        let method_outside = token_bits(v);
        if method_outside == 0 {
            // A method of 32 bytes or more.
            return super::baseline::request_line_ends(line);
        }
        let method_end = method_outside.trailing_zeros() as usize;
        if line[method_end] != b' ' {
            return (method_end, method_end);
        }
        // The target's bytes in this load are those after the SP.
        let target_from = method_end + 1;
        let target_outside = u64::from(target_bits(v)) >> target_from << target_from;
        if target_outside != 0 {
            return (method_end, target_outside.trailing_zeros() as usize);
        }
        // SAFETY: the processor has AVX2, as this function requires.
        (method_end, 32 + unsafe { target_end(&line[32..]) })
    }

    /// The first byte outside a class: thirty-two bytes at a time through
    /// `flags` (bit `i` set when byte `i` is outside), and a tail as in
    /// [`super::class_end`], by one more load of the last thirty-two bytes;
    /// a slice shorter than that goes to `narrow`, the SSE2 scan of the
    /// same class. Inlined into the functions above, so compiled for AVX2
    /// with them.
    #[inline(always)]
    fn class_end(
        bytes: &[u8],
        flags: impl Fn(&[u8; 32]) -> u32,
        narrow: impl Fn(&[u8]) -> usize,
    ) -> usize {
        let len = bytes.len();
        if len < 32 {
            return narrow(bytes);
        }
        let mut chunks = bytes.chunks_exact(32);
        let mut at = 0;
        for chunk in &mut chunks {
            let outside = flags(chunk.try_into().expect("chunks of thirty-two"));
            if outside != 0 {
                return at + outside.trailing_zeros() as usize;
            }
            at += 32;
        }
        let tail = chunks.remainder().len();
        if tail > 0 {
            let last = bytes[len - 32..]
                .try_into()
                .expect("the last thirty-two bytes");
            let outside = flags(last) >> (32 - tail);
            if outside != 0 {
                return at + outside.trailing_zeros() as usize;
            }
        }
        len
    }

    /// A 32-byte load.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn load(chunk: &[u8; 32]) -> __m256i {
        // SAFETY: `_mm256_loadu_si256` reads exactly the thirty-two bytes
        // of `chunk`, with no alignment requirement.
        unsafe { _mm256_loadu_si256(chunk.as_ptr().cast()) }
    }

    /// Bit `i` set when byte `i` is a control byte other than HTAB, or DEL.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn value_flags(chunk: &[u8; 32]) -> u32 {
        value_bits(load(chunk))
    }

    /// Bit `i` set when byte `i` of `v` is a control byte other than HTAB,
    /// or DEL.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn value_bits(v: __m256i) -> u32 {
        // `min(v, 0x1f) == v` exactly for the bytes 0x00..=0x1f (unsigned).
        let control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, _mm256_set1_epi8(0x1f)), v);
        let tab = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\t' as i8));
        let del = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7f));
        let outside = _mm256_or_si256(_mm256_andnot_si256(tab, control), del);
        _mm256_movemask_epi8(outside) as u32
    }

    /// Bit `i` set when byte `i` of `v` is OWS (SP or HTAB).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn ows_bits(v: __m256i) -> u32 {
        let space = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8));
        let tab = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'\t' as i8));
        _mm256_movemask_epi8(_mm256_or_si256(space, tab)) as u32
    }

    /// Bit `i` set when byte `i` is not VCHAR (0x21..=0x7e).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn target_flags(chunk: &[u8; 32]) -> u32 {
        target_bits(load(chunk))
    }

    /// Bit `i` set when byte `i` of `v` is not VCHAR (0x21..=0x7e).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn target_bits(v: __m256i) -> u32 {
        // Signed: 0x21..=0x7f are greater than 0x20; 0x80..=0xff are
        // negative, so not.
        let above_space = _mm256_cmpgt_epi8(v, _mm256_set1_epi8(0x20));
        let del = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7f));
        !(_mm256_movemask_epi8(_mm256_andnot_si256(del, above_space)) as u32)
    }

    /// For each low nibble `l`, bit `h` set when the byte `h * 16 + l`
    /// (`h` < 8) is a `tchar`.
    const TCHAR_BY_LOW_NIBBLE: [i8; 16] = {
        let mut table = [0i8; 16];
        let mut low = 0;
        while low < 16 {
            let mut bits = 0u8;
            let mut high = 0;
            while high < 8 {
                if crate::http::chars::TCHAR[high * 16 + low] {
                    bits |= 1 << high;
                }
                high += 1;
            }
            table[low] = bits as i8;
            low += 1;
        }
        table
    };

    /// Bit `i` set when byte `i` is not a `tchar`. Each byte looks up a bit
    /// set by its low nibble and one by its high nibble; they meet exactly
    /// for the `tchar`s. A byte of 0x80 or more finds no bit by its high
    /// nibble (nor by its low one: `_mm256_shuffle_epi8` gives 0 for an
    /// index with its top bit set).
    /// For each high nibble `h`, bit `h` when `h` < 8, none otherwise.
    const BIT_BY_HIGH_NIBBLE: [i8; 16] = [1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0];

    /// `table` in both 16-byte lanes, as `_mm256_shuffle_epi8` looks up
    /// within each lane.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn in_both_lanes(t: [i8; 16]) -> __m256i {
        _mm256_setr_epi8(
            t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13],
            t[14], t[15], t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11],
            t[12], t[13], t[14], t[15],
        )
    }

    /// Bit `i` set when byte `i` is not a `tchar`.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn token_flags(chunk: &[u8; 32]) -> u32 {
        token_bits(load(chunk))
    }

    /// Bit `i` set when byte `i` of `v` is not a `tchar`. Each byte looks
    /// up a bit set by its low nibble and one by its high nibble; they meet
    /// exactly for the `tchar`s. A byte of 0x80 or more finds no bit by its
    /// high nibble (nor by its low one: `_mm256_shuffle_epi8` gives 0 for
    /// an index with its top bit set).
    #[inline]
    #[target_feature(enable = "avx2")]
    fn token_bits(v: __m256i) -> u32 {
        let high = _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0f));
        let both = _mm256_and_si256(
            _mm256_shuffle_epi8(in_both_lanes(TCHAR_BY_LOW_NIBBLE), v),
            _mm256_shuffle_epi8(in_both_lanes(BIT_BY_HIGH_NIBBLE), high),
        );
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(both, _mm256_setzero_si256())) as u32
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
        flags(chunk, crate::http::chars::is_field_value_byte)
    }

    pub(super) fn target_flags(chunk: &[u8; 16]) -> u32 {
        flags(chunk, crate::http::chars::is_target_byte)
    }
}

use simd::{target_flags, value_flags};

#[cfg(test)]
mod tests {
    use super::{ascii_str, baseline};
    use crate::http::chars::trim_ows;
    use crate::http::chars::{is_field_value_byte, is_target_byte, is_tchar};
    use crate::raw::line_scan::{Baseline, FieldLine, LineScan, LineScanUser, run_with_line_scan};

    type Scan = fn(&[u8]) -> usize;

    /// Byte values to try: all of them, or under Miri a sample of every
    /// class boundary.
    fn values() -> Vec<u8> {
        if cfg!(miri) {
            vec![
                0, b'\t', b' ', b'!', b'"', b':', b'@', b'[', b'{', 0x7e, 0x7f, 0x80,
            ]
        } else {
            (0..=255).collect()
        }
    }

    /// Input lengths: around one and two 16- and 32-byte loads.
    fn lengths() -> Vec<usize> {
        if cfg!(miri) {
            vec![0, 1, 16, 17, 32, 33, 65]
        } else {
            (0..=34).chain([47, 48, 49, 63, 64, 65, 70]).collect()
        }
    }

    /// Positions in an input of `len` bytes: all of them, or under Miri
    /// those at the ends and around each 16- and 32-byte load.
    fn positions(len: usize) -> Vec<usize> {
        if cfg!(miri) {
            let mut at = vec![0, 15, 16, 31, 32, 33, 64];
            at.push(len.saturating_sub(1));
            at.retain(|&at| at < len);
            at.dedup();
            at
        } else {
            (0..len).collect()
        }
    }

    fn first_outside(bytes: &[u8], member: fn(u8) -> bool) -> usize {
        bytes
            .iter()
            .position(|&b| !member(b))
            .unwrap_or(bytes.len())
    }

    /// Every byte value (of [`values`]) at every position (of
    /// [`positions`]) of inputs of every length in [`lengths`], with and
    /// without an HTAB before it, against the
    /// per-byte rule, along the dispatched path (AVX2 where the processor
    /// has it) and the baseline.
    fn check_against_model(paths: [Scan; 2], member: fn(u8) -> bool, filler: u8) {
        let mut checked = 0;
        for len in lengths() {
            for at in positions(len) {
                for b in values() {
                    for tab in [None, Some(at / 2)] {
                        let mut input = vec![filler; len];
                        if let Some(t) = tab {
                            input[t] = b'\t';
                        }
                        input[at] = b;
                        let model = first_outside(&input, member);
                        for scan in paths {
                            assert_eq!(scan(&input), model, "{input:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 1_000, "{checked}");
    }

    #[test]
    fn field_value_end_matches_the_per_byte_rule() {
        let paths = [super::field_value_end, baseline::field_value_end];
        check_against_model(paths, is_field_value_byte, b'a');
    }

    #[test]
    fn target_end_matches_the_per_byte_rule() {
        check_against_model(
            [super::target_end, baseline::target_end],
            is_target_byte,
            b'/',
        );
    }

    #[test]
    fn token_end_matches_the_per_byte_rule() {
        check_against_model([super::token_end, baseline::token_end], is_tchar, b'x');
    }

    /// A token, a separator and a rest of `filler`, with every byte value
    /// (of [`values`]) at every position (of [`positions`]): `scan`
    /// against `model`.
    fn check_two_parts<T: PartialEq + std::fmt::Debug>(
        scan: impl Fn(&[u8]) -> T,
        model: impl Fn(&[u8]) -> T,
        separator: u8,
        filler: u8,
    ) {
        let mut checked = 0;
        for len in lengths() {
            let separators = if cfg!(miri) {
                vec![0, 3, 31, 32]
            } else {
                vec![0, 1, 3, 15, 30, 31, 32, 33, len.saturating_sub(1)]
            };
            for sep in separators.into_iter().filter(|&sep| sep < len) {
                let mut line = vec![b'n'; sep];
                line.push(separator);
                line.resize(len, filler);
                for at in positions(len) {
                    for b in values() {
                        let kept = line[at];
                        line[at] = b;
                        assert_eq!(scan(&line), model(&line), "{line:?}");
                        checked += 1;
                        line[at] = kept;
                    }
                }
            }
        }
        // A floor that a loop cut short would miss.
        let floor = if cfg!(miri) { 800 } else { 100_000 };
        assert!(checked > floor, "{checked}");
    }

    /// The token's end and, after the separator, the end of the rest in
    /// the class `rest`, by the per-byte rules.
    fn two_part_model(line: &[u8], separator: u8, rest: fn(u8) -> bool) -> (usize, usize) {
        let first = first_outside(line, is_tchar);
        if line.get(first) == Some(&separator) {
            (first, first + 1 + first_outside(&line[first + 1..], rest))
        } else {
            (first, first)
        }
    }

    /// [`FieldLine`] by the per-byte rules.
    fn field_line_model(line: &[u8]) -> FieldLine {
        let (name_end, value_end) = two_part_model(line, b':', is_field_value_byte);
        if value_end == name_end {
            return FieldLine::without_colon(name_end);
        }
        let value = &line[name_end + 1..value_end];
        let (start, end) = trim_ows(value);
        FieldLine {
            name_end,
            value_start: name_end + 1 + start,
            value_end,
            trimmed_end: name_end + 1 + end,
        }
    }

    /// The line checks, with the scans of whichever [`LineScan`] runs them.
    #[derive(Clone, Copy)]
    enum LineCheck {
        FieldLine,
        RequestLine,
    }

    impl LineScanUser for LineCheck {
        type Output = ();

        fn run<S: LineScan>(self, scan: S) {
            match self {
                LineCheck::FieldLine => {
                    // Values of letters, and of OWS around the byte that
                    // varies.
                    let fillers: &[u8] = if cfg!(miri) { b"v " } else { b"v \t" };
                    for &filler in fillers {
                        let scan = |line: &[u8]| scan.field_line(line);
                        check_two_parts(scan, field_line_model, b':', filler);
                    }
                }
                LineCheck::RequestLine => check_two_parts(
                    |line| scan.request_line_ends(line),
                    |line| two_part_model(line, b' ', is_target_byte),
                    b' ',
                    b'/',
                ),
            }
        }
    }

    /// Along the baseline and the processor's best scans (AVX2 where it
    /// has it).
    #[test]
    fn field_line_matches_the_per_byte_rules() {
        LineCheck::FieldLine.run(Baseline);
        run_with_line_scan(LineCheck::FieldLine);
    }

    #[test]
    fn request_line_ends_match_the_per_byte_rules() {
        LineCheck::RequestLine.run(Baseline);
        run_with_line_scan(LineCheck::RequestLine);
    }

    /// Every length up to 40 with one byte at every position, against the
    /// standard library's check.
    #[test]
    fn is_ascii_matches_std() {
        let mut checked = 0;
        for len in 0..40 {
            for at in positions(len) {
                for b in [0, b'a', 0x7f, 0x80, 0xc3, 0xff] {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = b;
                    assert_eq!(super::is_ascii(&bytes), bytes.is_ascii(), "{bytes:?}");
                    checked += 1;
                }
            }
            assert!(super::is_ascii(&vec![b'x'; len]));
        }
        assert!(checked > 100, "{checked}");
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
