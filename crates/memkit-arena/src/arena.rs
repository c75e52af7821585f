//! [`Arena<T>`]: a typed arena, drop-in for typed-arena 2.x.

use alloc::vec::Vec;
use core::fmt;
use core::mem::{MaybeUninit, size_of};

use crate::raw::{RawArena, RawIterMut};

/// An arena of values of one type. Allocation takes `&self` and hands out
/// `&mut T` that live as long as the arena; every value is dropped when the
/// arena drops.
///
/// # Examples
///
/// ```
/// use memkit_arena::Arena;
///
/// struct Node<'a> {
///     value: u32,
///     next: Option<&'a Node<'a>>,
/// }
///
/// let arena = Arena::new();
/// let a = arena.alloc(Node { value: 1, next: None });
/// let b = arena.alloc(Node { value: 2, next: Some(a) });
/// assert_eq!(b.next.unwrap().value + b.value, 3);
/// ```
pub struct Arena<T> {
    raw: RawArena<T>,
}

impl<T> fmt::Debug for Arena<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Arena").field("len", &self.len()).finish()
    }
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena::new()
    }
}

/// Bytes in the first chunk when no capacity is given (as typed-arena).
const INITIAL_BYTES: usize = 1024;

impl<T> Arena<T> {
    /// An empty arena with a first chunk of about 1 KiB.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::<u64>::new();
    /// assert_eq!(arena.len(), 0);
    /// ```
    pub fn new() -> Arena<T> {
        let n = INITIAL_BYTES / size_of::<T>().max(1);
        Arena::with_capacity(n.max(1))
    }

    /// An empty arena whose first chunk holds `n` values.
    ///
    /// # Panics
    ///
    /// If the chunk size overflows or allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::with_capacity(16);
    /// arena.alloc(1u8);
    /// assert_eq!(arena.len(), 1);
    /// ```
    pub fn with_capacity(n: usize) -> Arena<T> {
        Arena {
            raw: RawArena::with_capacity(n),
        }
    }

    /// The number of values in the arena.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::new();
    /// arena.alloc_extend(0..10);
    /// assert_eq!(arena.len(), 10);
    /// ```
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether the arena holds no value.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::<u8>::new();
    /// assert!(arena.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves `value` into the arena.
    ///
    /// # Panics
    ///
    /// If allocation fails, or when called from inside the iterator of
    /// [`alloc_extend`](Arena::alloc_extend).
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::new();
    /// let x = arena.alloc(5);
    /// *x += 1;
    /// assert_eq!(*x, 6);
    /// ```
    #[inline(always)]
    pub fn alloc(&self, value: T) -> &mut T {
        self.raw.alloc(value)
    }

    /// Moves every item of `iterable` into the arena, contiguously.
    ///
    /// # Panics
    ///
    /// If allocation fails, the iterator panics (items already taken are
    /// dropped), or the iterator uses this arena.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::new();
    /// let s = arena.alloc_extend("abc".chars());
    /// assert_eq!(s, &['a', 'b', 'c']);
    /// ```
    pub fn alloc_extend<I>(&self, iterable: I) -> &mut [T]
    where
        I: IntoIterator<Item = T>,
    {
        self.raw.alloc_extend(iterable.into_iter())
    }

    /// Hands out `num` contiguous uninitialised slots. The arena counts
    /// them as values: it will iterate over them and drop them.
    ///
    /// # Safety
    ///
    /// * Every slot is initialised before the arena is dropped, converted
    ///   with [`into_vec`](Arena::into_vec) or iterated with
    ///   [`iter_mut`](Arena::iter_mut).
    ///
    /// # Panics
    ///
    /// With "capacity overflow" if `num` values exceed `isize::MAX` bytes,
    /// or when called from inside the iterator of
    /// [`alloc_extend`](Arena::alloc_extend). If the global allocator fails,
    /// the process aborts, as with `std`'s `Vec` (and typed-arena).
    ///
    /// # Examples
    ///
    /// ```
    /// use core::mem::MaybeUninit;
    ///
    /// let arena = memkit_arena::Arena::<u32>::new();
    /// // SAFETY: both slots are written below.
    /// let slots = unsafe { arena.alloc_uninitialized(2) };
    /// slots[0] = MaybeUninit::new(1);
    /// slots[1] = MaybeUninit::new(2);
    /// assert_eq!(arena.into_vec(), [1, 2]);
    /// ```
    #[expect(
        clippy::mut_from_ref,
        reason = "the slots are fresh, distinct from every earlier allocation, so the `&mut` aliases nothing"
    )]
    pub unsafe fn alloc_uninitialized(&self, num: usize) -> &mut [MaybeUninit<T>] {
        // SAFETY: this function's `# Safety` (every slot initialised before
        // the arena is dropped, iterated or converted) is
        // `RawArena::alloc_uninit`'s contract.
        unsafe { self.raw.alloc_uninit(num) }
    }

    /// Makes sure the next `num` values fit in the current chunk, so that
    /// [`uninitialized_array`](Arena::uninitialized_array) has at least
    /// that many slots.
    ///
    /// # Panics
    ///
    /// With "capacity overflow" if `num` values exceed `isize::MAX` bytes,
    /// or when called from inside the iterator of
    /// [`alloc_extend`](Arena::alloc_extend). If the global allocator fails,
    /// the process aborts, as with `std`'s `Vec` (and typed-arena).
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::<u8>::new();
    /// arena.reserve_extend(5000);
    /// assert!(arena.uninitialized_array().len() >= 5000);
    /// ```
    pub fn reserve_extend(&self, num: usize) {
        self.raw.reserve(num);
    }

    /// The free slots of the current chunk. Writing there does not allocate
    /// anything; use [`alloc_uninitialized`](Arena::alloc_uninitialized)
    /// to claim them.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::<u8>::with_capacity(8);
    /// assert_eq!(arena.uninitialized_array().len(), 8);
    /// ```
    pub fn uninitialized_array(&self) -> *mut [MaybeUninit<T>] {
        self.raw.spare()
    }

    /// Moves every value out, in allocation order.
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::new();
    /// arena.alloc(1);
    /// arena.alloc_extend([2, 3]);
    /// assert_eq!(arena.into_vec(), [1, 2, 3]);
    /// ```
    pub fn into_vec(self) -> Vec<T> {
        self.raw.into_vec()
    }

    /// Iterates mutably over every value, in allocation order.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut arena = memkit_arena::Arena::new();
    /// arena.alloc_extend(0..3);
    /// for x in arena.iter_mut() {
    ///     *x *= 2;
    /// }
    /// assert_eq!(arena.into_vec(), [0, 2, 4]);
    /// ```
    pub fn iter_mut(&mut self) -> IterMut<'_, T> {
        IterMut {
            raw: self.raw.iter_mut(),
        }
    }
}

impl Arena<u8> {
    /// Copies `s` into the arena.
    ///
    /// # Panics
    ///
    /// As [`alloc_extend`](Arena::alloc_extend).
    ///
    /// # Examples
    ///
    /// ```
    /// let arena = memkit_arena::Arena::new();
    /// assert_eq!(arena.alloc_str("hi"), "hi");
    /// ```
    pub fn alloc_str(&self, s: &str) -> &mut str {
        self.raw.alloc_str(s)
    }
}

/// Mutable iterator over an [`Arena`], from [`Arena::iter_mut`].
#[must_use = "iterators are lazy"]
pub struct IterMut<'a, T> {
    raw: RawIterMut<'a, T>,
}

impl<T> fmt::Debug for IterMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IterMut")
            .field("remaining", &self.raw.size_hint().0)
            .finish()
    }
}

impl<'a, T> Iterator for IterMut<'a, T> {
    type Item = &'a mut T;

    fn next(&mut self) -> Option<&'a mut T> {
        self.raw.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.raw.size_hint()
    }
}
