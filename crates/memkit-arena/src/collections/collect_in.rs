//! `collect` into an arena.

use super::{String, Vec};
use crate::Bump;
use crate::boxed::Box;

/// Building a collection from an iterator, in an arena.
pub trait FromIteratorIn<A> {
    /// What the collection is allocated in, e.g. `&'bump Bump`.
    type Alloc;

    /// Builds `Self` from `iter` in `alloc`.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{Bump, collections::{FromIteratorIn, Vec}};
    ///
    /// let bump = Bump::new();
    /// let v = <Vec<_> as FromIteratorIn<_>>::from_iter_in(0..3, &bump);
    /// assert_eq!(v, [0, 1, 2]);
    /// ```
    fn from_iter_in<I>(iter: I, alloc: Self::Alloc) -> Self
    where
        I: IntoIterator<Item = A>;
}

impl<'bump, T> FromIteratorIn<T> for Vec<'bump, T> {
    type Alloc = &'bump Bump;

    fn from_iter_in<I>(iter: I, alloc: &'bump Bump) -> Self
    where
        I: IntoIterator<Item = T>,
    {
        Vec::from_iter_in(iter, alloc)
    }
}

impl<'bump, T> FromIteratorIn<T> for Box<'bump, [T]> {
    type Alloc = &'bump Bump;

    fn from_iter_in<I>(iter: I, alloc: &'bump Bump) -> Self
    where
        I: IntoIterator<Item = T>,
    {
        Vec::from_iter_in(iter, alloc).into_boxed_slice()
    }
}

impl<'bump> FromIteratorIn<char> for String<'bump> {
    type Alloc = &'bump Bump;

    fn from_iter_in<I>(iter: I, alloc: &'bump Bump) -> Self
    where
        I: IntoIterator<Item = char>,
    {
        String::from_iter_in(iter, alloc)
    }
}

impl<T, V: FromIteratorIn<T>> FromIteratorIn<Option<T>> for Option<V> {
    type Alloc = V::Alloc;

    fn from_iter_in<I>(iter: I, alloc: V::Alloc) -> Self
    where
        I: IntoIterator<Item = Option<T>>,
    {
        let mut none = false;
        let v = V::from_iter_in(
            iter.into_iter().map_while(|x| {
                none |= x.is_none();
                x
            }),
            alloc,
        );
        if none { None } else { Some(v) }
    }
}

impl<T, E, V: FromIteratorIn<T>> FromIteratorIn<Result<T, E>> for Result<V, E> {
    type Alloc = V::Alloc;

    fn from_iter_in<I>(iter: I, alloc: V::Alloc) -> Self
    where
        I: IntoIterator<Item = Result<T, E>>,
    {
        let mut err = None;
        let v = V::from_iter_in(
            iter.into_iter().map_while(|x| match x {
                Ok(v) => Some(v),
                Err(e) => {
                    err = Some(e);
                    None
                }
            }),
            alloc,
        );
        match err {
            Some(e) => Err(e),
            None => Ok(v),
        }
    }
}

/// `collect_in`: `collect` into a collection living in an arena.
pub trait CollectIn: Iterator + Sized {
    /// Collects into `C`, allocated in `alloc`.
    ///
    /// # Panics
    ///
    /// If the iterator panics, or as `C`'s `from_iter_in` (for
    /// [`Vec`] and
    /// [`String`], when the arena cannot grow
    /// them: "out of memory" or "capacity overflow" with the numbers).
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{Bump, collections::{CollectIn, Vec}};
    ///
    /// let bump = Bump::new();
    /// let v: Vec<u32> = (1..=3).collect_in(&bump);
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    fn collect_in<C: FromIteratorIn<Self::Item>>(self, alloc: C::Alloc) -> C {
        C::from_iter_in(self, alloc)
    }
}

impl<I: Iterator> CollectIn for I {}
