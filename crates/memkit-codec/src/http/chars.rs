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
/// field value, eight bytes at a time while none is a control byte.
pub(crate) fn invalid_value_byte(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut clean = 0;
    for word in &mut words {
        let x = u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ]);
        // A byte below 0x20, or a DEL (0x7f): the exact "has a byte less
        // than n" and "has a zero byte" word tests.
        let below_space = x.wrapping_sub(0x20 * ONES) & !x & HIGH;
        let del = x ^ (0x7f * ONES);
        let has_del = del.wrapping_sub(ONES) & !del & HIGH;
        if below_space | has_del != 0 {
            break;
        }
        clean += 8;
    }
    bytes[clean..]
        .iter()
        .position(|&b| !is_field_value_byte(b))
        .map(|i| clean + i)
}

/// The position of the first LF in `bytes`: a plain loop over the few
/// bytes of a small read (one byte at a time, say), where setting up
/// `memchr` would cost more than the search.
pub(crate) fn find_lf(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < 16 {
        bytes.iter().position(|&b| b == b'\n')
    } else {
        memchr::memchr(b'\n', bytes)
    }
}
