//! The comparison impls `Bytes` and `BytesMut` share: against `[u8]`, `str`,
//! `Vec<u8>`, `String`, `&[u8]`, `&str` and `&T`, in both directions.

/// Implements `PartialEq`/`PartialOrd` between `$ty` (which derefs to
/// `[u8]`) and the byte-like std types, both ways round.
macro_rules! slice_comparisons {
    ($ty:ty) => {
        $crate::cmp::slice_comparisons!(@both $ty, [u8], |o| o);
        $crate::cmp::slice_comparisons!(@both $ty, str, |o| o.as_bytes());
        $crate::cmp::slice_comparisons!(@both $ty, ::alloc::vec::Vec<u8>, |o| &o[..]);
        $crate::cmp::slice_comparisons!(@both $ty, ::alloc::string::String, |o| o.as_bytes());

        impl PartialEq<$ty> for &[u8] {
            fn eq(&self, other: &$ty) -> bool {
                *self == &other[..]
            }
        }
        impl PartialOrd<$ty> for &[u8] {
            fn partial_cmp(&self, other: &$ty) -> Option<::core::cmp::Ordering> {
                (*self).partial_cmp(&other[..])
            }
        }
        impl PartialEq<$ty> for &str {
            fn eq(&self, other: &$ty) -> bool {
                self.as_bytes() == &other[..]
            }
        }
        impl PartialOrd<$ty> for &str {
            fn partial_cmp(&self, other: &$ty) -> Option<::core::cmp::Ordering> {
                self.as_bytes().partial_cmp(&other[..])
            }
        }
        impl<'a, T: ?Sized> PartialEq<&'a T> for $ty
        where
            $ty: PartialEq<T>,
        {
            fn eq(&self, other: &&'a T) -> bool {
                *self == **other
            }
        }
        impl<'a, T: ?Sized> PartialOrd<&'a T> for $ty
        where
            $ty: PartialOrd<T>,
        {
            fn partial_cmp(&self, other: &&'a T) -> Option<::core::cmp::Ordering> {
                self.partial_cmp(&**other)
            }
        }
    };
    (@both $ty:ty, $other:ty, |$o:ident| $as_bytes:expr) => {
        impl PartialEq<$other> for $ty {
            fn eq(&self, $o: &$other) -> bool {
                &self[..] == $as_bytes
            }
        }
        impl PartialOrd<$other> for $ty {
            fn partial_cmp(&self, $o: &$other) -> Option<::core::cmp::Ordering> {
                self[..].partial_cmp($as_bytes)
            }
        }
        impl PartialEq<$ty> for $other {
            fn eq(&self, other: &$ty) -> bool {
                let $o = self;
                $as_bytes == &other[..]
            }
        }
        impl PartialOrd<$ty> for $other {
            fn partial_cmp(&self, other: &$ty) -> Option<::core::cmp::Ordering> {
                let $o = self;
                $as_bytes.partial_cmp(&other[..])
            }
        }
    };
}

pub(crate) use slice_comparisons;
