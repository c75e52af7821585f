//! `Debug`, `LowerHex` and `UpperHex` for `Bytes` and `BytesMut`.

use core::fmt::{self, Write};

use crate::{Bytes, BytesMut};

/// Writes `bytes` as a byte-string literal: `b"..."`, printable ASCII as is,
/// the usual escapes, and `\xNN` for the rest.
fn debug_bytes(bytes: &[u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("b\"")?;
    for &b in bytes {
        match b {
            b'\n' => f.write_str("\\n")?,
            b'\r' => f.write_str("\\r")?,
            b'\t' => f.write_str("\\t")?,
            b'\0' => f.write_str("\\0")?,
            b'\\' | b'"' => {
                f.write_char('\\')?;
                f.write_char(char::from(b))?;
            }
            0x20..=0x7e => f.write_char(char::from(b))?,
            _ => write!(f, "\\x{b:02x}")?,
        }
    }
    f.write_char('"')
}

macro_rules! formatting {
    ($ty:ty) => {
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug_bytes(self, f)
            }
        }
        impl fmt::LowerHex for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.iter().try_for_each(|b| write!(f, "{b:02x}"))
            }
        }
        impl fmt::UpperHex for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.iter().try_for_each(|b| write!(f, "{b:02X}"))
            }
        }
    };
}

formatting!(Bytes);
formatting!(BytesMut);
