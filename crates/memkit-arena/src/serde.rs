//! `Serialize` for the arena types (feature `serde`), as bumpalo has:
//!
//! * [`Vec`] as a sequence of its elements,
//! * [`String`] as a string,
//! * [`Box`] as the value it holds.
//!
//! There is no `Deserialize`: a value cannot be read into an arena without
//! the arena, which serde has no way to pass (bumpalo has none either).

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::boxed::Box;
use crate::collections::{String, Vec};

/// A sequence of the elements.
///
/// # Examples
///
/// ```
/// use serde_test::{Token, assert_ser_tokens};
///
/// let bump = memkit_arena::Bump::new();
/// let v = memkit_arena::vec![in &bump; 1u8, 2];
/// assert_ser_tokens(&v, &[Token::Seq { len: Some(2) }, Token::U8(1), Token::U8(2), Token::SeqEnd]);
/// ```
impl<T: Serialize> Serialize for Vec<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for element in self {
            seq.serialize_element(element)?;
        }
        seq.end()
    }
}

/// A string.
///
/// # Examples
///
/// ```
/// use serde_test::{Token, assert_ser_tokens};
///
/// let bump = memkit_arena::Bump::new();
/// let s = memkit_arena::format!(in &bump, "{}-{}", 1, 2);
/// assert_ser_tokens(&s, &[Token::Str("1-2")]);
/// ```
impl Serialize for String<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

/// The value in the box, as if it were not boxed.
///
/// # Examples
///
/// ```
/// use serde_test::{Token, assert_ser_tokens};
///
/// let bump = memkit_arena::Bump::new();
/// let b = memkit_arena::boxed::Box::new_in(Some(3i32), &bump);
/// assert_ser_tokens(&b, &[Token::Some, Token::I32(3)]);
/// ```
impl<T: ?Sized + Serialize> Serialize for Box<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}
