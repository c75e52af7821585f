//! Byte classes of RFC 9110 §5.6 and RFC 9112.

/// `tchar`: the bytes of a token.
const fn tchar_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        i += 1;
    }
    table
}

static TCHAR: [bool; 256] = tchar_table();

/// A `tchar`.
pub(crate) fn is_tchar(b: u8) -> bool {
    TCHAR[b as usize]
}

/// The position of the first byte of `bytes` that is not a `tchar`.
pub(crate) fn token_end(bytes: &[u8]) -> usize {
    class_end(bytes, &TCHAR)
}

/// The position of the first byte of `bytes` outside `class`, four table
/// look-ups per loop test.
fn class_end(bytes: &[u8], class: &[bool; 256]) -> usize {
    let mut i = 0;
    while let Some(&[a, b, c, d]) = bytes.get(i..i + 4) {
        if !class[a as usize] {
            return i;
        }
        if !class[b as usize] {
            return i + 1;
        }
        if !class[c as usize] {
            return i + 2;
        }
        if !class[d as usize] {
            return i + 3;
        }
        i += 4;
    }
    while let Some(&b) = bytes.get(i) {
        if !class[b as usize] {
            return i;
        }
        i += 1;
    }
    i
}

/// A request-target byte: VCHAR.
const fn target_table() -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0x21;
    while i <= 0x7e {
        table[i] = true;
        i += 1;
    }
    table
}

static TARGET: [bool; 256] = target_table();

/// The position of the first byte of `bytes` that may not appear in a
/// request target.
pub(crate) fn target_end(bytes: &[u8]) -> usize {
    class_end(bytes, &TARGET)
}

/// A byte allowed in a field value: VCHAR, SP, HTAB or obs-text; no other
/// control byte and no DEL.
pub(crate) fn is_field_value_byte(b: u8) -> bool {
    b == b'\t' || (b >= 0x20 && b != 0x7f)
}

/// A byte allowed in a request target: VCHAR only (no whitespace, no
/// control byte, no obs-text).
pub(crate) fn is_target_byte(b: u8) -> bool {
    (0x21..=0x7e).contains(&b)
}

/// Optional whitespace.
pub(crate) fn is_ows(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// `bytes` without leading and trailing OWS, as a range of it.
pub(crate) fn trim_ows(bytes: &[u8]) -> (usize, usize) {
    let start = bytes
        .iter()
        .position(|&b| !is_ows(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| !is_ows(b))
        .map_or(start, |i| i + 1);
    (start, end)
}

/// A token that equals `lower` ignoring ASCII case.
pub(crate) fn eq_ignore_case(bytes: &[u8], lower: &[u8]) -> bool {
    bytes.eq_ignore_ascii_case(lower)
}

/// The position of the first byte of `bytes` that may not appear in a
/// field value, eight bytes at a time.
pub(crate) fn invalid_value_byte(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let (flagged, end) = first_flagged_word(&bytes[from..]);
        let at = from + end;
        if flagged == 0 {
            return bytes[at..]
                .iter()
                .position(|&b| !is_field_value_byte(b))
                .map(|p| at + p);
        }
        let first = at + (flagged.trailing_zeros() / 8) as usize;
        if bytes[first] != b'\t' {
            return Some(first);
        }
        from = first + 1;
    }
}

/// The first whole word of `bytes` that holds a byte below 0x20 or a DEL
/// (0x7f), as its flags (the high bit of each such byte) and position; or
/// no flags and the position of the tail shorter than a word. Two words
/// are tested per loop.
fn first_flagged_word(bytes: &[u8]) -> (u64, usize) {
    let mut at = 0;
    let mut pairs = bytes.chunks_exact(16);
    for pair in &mut pairs {
        let (first, second) = pair.split_at(8);
        let first = flags(first.try_into().expect("eight bytes"));
        let second = flags(second.try_into().expect("eight bytes"));
        if first | second != 0 {
            return if first != 0 {
                (first, at)
            } else {
                (second, at + 8)
            };
        }
        at += 16;
    }
    if let Some(word) = pairs.remainder().get(..8) {
        let flagged = flags(word.try_into().expect("eight bytes"));
        if flagged != 0 {
            return (flagged, at);
        }
        at += 8;
    }
    (0, at)
}

/// The high bit of each byte of `word` below 0x20 or equal to 0x7f (DEL):
/// the "has a byte less than n" and "has a zero byte" word tests. Their
/// lowest flagged byte is exact, as a borrow only runs towards higher
/// bytes, so it is the first such byte of the word.
fn flags(word: [u8; 8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = u64::from_le_bytes(word);
    let below_space = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
    let del = x ^ (0x7f * ONES);
    let has_del = del.wrapping_sub(ONES) & !del & HIGH;
    below_space | has_del
}

/// The position of the first LF in `bytes`: a plain loop over the few
/// bytes of a small read (one byte at a time, say), where setting up
/// `memchr` would cost more than the search.
#[inline]
pub(crate) fn find_lf(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < 16 {
        bytes.iter().position(|&b| b == b'\n')
    } else {
        memchr::memchr(b'\n', bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::{invalid_value_byte, is_field_value_byte};

    /// memkit's word-at-a-time scan against the model, one byte at a time,
    /// for every byte value at every position of lines of 0 to 40 bytes
    /// (a tab before it, and not).
    #[test]
    fn invalid_value_byte_matches_the_per_byte_rule() {
        let model = |bytes: &[u8]| bytes.iter().position(|&b| !is_field_value_byte(b));
        let mut checked = 0;
        for len in 0..40 {
            for at in 0..len {
                for b in 0..=255u8 {
                    for tab in [None, Some(at / 2)] {
                        let mut line = vec![b'a'; len];
                        if let Some(t) = tab {
                            line[t] = b'\t';
                        }
                        line[at] = b;
                        assert_eq!(invalid_value_byte(&line), model(&line), "{line:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000);
    }
}
