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

pub(crate) static TCHAR: [bool; 256] = tchar_table();

/// A `tchar`.
pub(crate) fn is_tchar(b: u8) -> bool {
    TCHAR[b as usize]
}

/// The position of the first byte of `bytes` that is not a `tchar`, by
/// table look-up; `crate::raw::token_end` is the same with vector loads
/// where the processor has them.
pub(crate) fn token_end_by_table(bytes: &[u8]) -> usize {
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

/// Whether `bytes` equals `lower`, which holds no upper-case letter,
/// ignoring ASCII case. Branch-free over the bytes: a letter of `lower`
/// matches itself with or without bit 0x20, any other byte only itself,
/// and the differences are or-ed together, so the compiler turns a
/// comparison with a constant into a few word operations.
#[inline]
pub(crate) fn eq_ignore_case(bytes: &[u8], lower: &[u8]) -> bool {
    bytes.len() == lower.len()
        && bytes.iter().zip(lower).fold(0u8, |diff, (&b, &l)| {
            let case = if l.is_ascii_lowercase() { 0x20 } else { 0 };
            diff | ((b | case) ^ l)
        }) == 0
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
    use super::eq_ignore_case;

    /// Every byte at every position of every name and option the decoder
    /// compares with: the branch-free comparison agrees with the standard
    /// library's.
    #[test]
    fn eq_ignore_case_agrees_with_std_on_every_byte() {
        let lowers: [&[u8]; 9] = [
            b"content-length",
            b"transfer-encoding",
            b"host",
            b"connection",
            b"expect",
            b"close",
            b"keep-alive",
            b"chunked",
            b"100-continue",
        ];
        let mut matched = 0;
        let mut expected = 0;
        for lower in lowers {
            let mut bytes = lower.to_ascii_uppercase();
            for i in 0..bytes.len() {
                let kept = bytes[i];
                for b in 0..=u8::MAX {
                    bytes[i] = b;
                    let model = bytes.eq_ignore_ascii_case(lower);
                    assert_eq!(eq_ignore_case(&bytes, lower), model, "{:?}", bytes);
                    matched += usize::from(model);
                }
                bytes[i] = kept;
                expected += if lower[i].is_ascii_lowercase() { 2 } else { 1 };
            }
            assert!(!eq_ignore_case(&bytes[1..], lower));
        }
        // A letter matches in either case, any other byte only itself.
        assert_eq!(matched, expected);
    }
}
