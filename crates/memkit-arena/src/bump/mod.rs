//! [`Bump`]: the bump allocator, with its [`Checkpoint`]s, [`Scope`]s and
//! chunk iterators in files of their own.

mod checkpoint;
mod chunk_iter;
mod chunk_raw_iter;
mod scope;

use core::alloc::Layout;
use core::convert::Infallible;
use core::fmt;
use core::ptr::NonNull;

pub use self::checkpoint::Checkpoint;
pub use self::chunk_iter::ChunkIter;
pub use self::chunk_raw_iter::ChunkRawIter;
pub use self::scope::Scope;
use crate::error::{AllocErr, AllocOrInitError};
use crate::raw::{self, FillError, RawBump};

/// A bump allocation arena: allocation moves a pointer forward, and
/// everything is freed at once by [`reset`](Bump::reset), by leaving a
/// [`scope`](Bump::scope), or when the `Bump` drops.
///
/// Values placed in a `Bump` are never dropped by it (use
/// [`boxed::Box`](crate::boxed::Box) or [`Arena`](crate::Arena) for that).
///
/// `MIN_ALIGN` (a power of two, at most 16) is the least alignment of every
/// allocation, as in bumpalo.
///
/// # Examples
///
/// ```
/// use memkit_arena::Bump;
///
/// let bump = Bump::new();
/// let x = bump.alloc(7u64);
/// let s = bump.alloc_str("hello");
/// *x += 1;
/// assert_eq!((*x, &*s), (8, "hello"));
/// ```
pub struct Bump<const MIN_ALIGN: usize = 1> {
    raw: RawBump,
}

impl<const MIN_ALIGN: usize> fmt::Debug for Bump<MIN_ALIGN> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bump")
            .field("allocated_bytes", &self.allocated_bytes())
            .field("chunk_capacity", &self.chunk_capacity())
            .field("allocation_limit", &self.allocation_limit())
            .finish()
    }
}

impl<const MIN_ALIGN: usize> Default for Bump<MIN_ALIGN> {
    fn default() -> Self {
        Bump::with_min_align()
    }
}

/// Panics for a failed allocation of `size` bytes in `op`, with bumpalo's
/// phrase first.
#[cold]
#[inline(never)]
fn oom(op: &str, size: usize, align: usize, held: usize, limit: Option<usize>) -> ! {
    panic!(
        "out of memory: {op}: could not allocate {size} bytes (align {align}); \
         the arena holds {held} bytes, allocation limit {limit:?}"
    )
}

/// Panics for a slice of `len` elements of `size` bytes whose size does not
/// fit a `Layout`. bumpalo reports this as "out of memory" too.
#[cold]
#[inline(never)]
fn slice_overflow(op: &str, len: usize, size: usize) -> ! {
    panic!(
        "out of memory: requested allocation size overflowed: {op}: \
         {len} elements of {size} bytes exceed isize::MAX bytes"
    )
}

impl Bump {
    /// An empty arena. Allocates nothing until the first allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.allocated_bytes(), 0);
    /// ```
    pub const fn new() -> Self {
        Bump {
            raw: RawBump::new(),
        }
    }

    /// [`new`](Bump::new), fallibly (it never fails; kept for bumpalo
    /// parity).
    ///
    /// # Errors
    ///
    /// Never.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::try_new().unwrap();
    /// assert_eq!(bump.allocated_bytes(), 0);
    /// ```
    pub fn try_new() -> Result<Self, AllocErr> {
        Ok(Bump::new())
    }

    /// An arena whose first chunk has room for at least `capacity` bytes.
    ///
    /// # Panics
    ///
    /// With "out of memory" and the capacity if the chunk cannot be
    /// allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::with_capacity(1000);
    /// assert!(bump.chunk_capacity() >= 1000);
    /// ```
    pub fn with_capacity(capacity: usize) -> Self {
        Bump::try_with_capacity(capacity)
            .unwrap_or_else(|_| oom("Bump::with_capacity", capacity, 1, 0, None))
    }

    /// [`with_capacity`](Bump::with_capacity), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the chunk cannot be allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(memkit_arena::Bump::try_with_capacity(usize::MAX).is_err());
    /// ```
    pub fn try_with_capacity(capacity: usize) -> Result<Self, AllocErr> {
        Self::try_with_min_align_and_capacity(capacity)
    }
}

impl<const MIN_ALIGN: usize> Bump<MIN_ALIGN> {
    const VALID_MIN_ALIGN: () = assert!(
        MIN_ALIGN.is_power_of_two() && MIN_ALIGN <= raw::CHUNK_ALIGN,
        "MIN_ALIGN must be a power of two no larger than 16"
    );

    /// An empty arena with minimum alignment `MIN_ALIGN`.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::<8>::with_min_align();
    /// assert_eq!(bump.alloc(1u8) as *mut u8 as usize % 8, 0);
    /// ```
    pub fn with_min_align() -> Self {
        let () = Self::VALID_MIN_ALIGN;
        Bump {
            raw: RawBump::new(),
        }
    }

    /// [`with_capacity`](Bump::with_capacity) with minimum alignment
    /// `MIN_ALIGN`.
    ///
    /// # Panics
    ///
    /// With "out of memory" and the capacity if the chunk cannot be
    /// allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::<4>::with_min_align_and_capacity(64);
    /// assert!(bump.chunk_capacity() >= 64);
    /// ```
    pub fn with_min_align_and_capacity(capacity: usize) -> Self {
        Self::try_with_min_align_and_capacity(capacity).unwrap_or_else(|_| {
            oom(
                "Bump::with_min_align_and_capacity",
                capacity,
                MIN_ALIGN,
                0,
                None,
            )
        })
    }

    /// [`with_min_align_and_capacity`](Bump::with_min_align_and_capacity),
    /// fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the chunk cannot be allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// assert!(memkit_arena::Bump::<4>::try_with_min_align_and_capacity(64).is_ok());
    /// ```
    pub fn try_with_min_align_and_capacity(capacity: usize) -> Result<Self, AllocErr> {
        let bump = Self::with_min_align();
        if bump.raw.reserve(capacity) {
            Ok(bump)
        } else {
            Err(AllocErr)
        }
    }

    /// The minimum alignment of every allocation.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_arena::Bump::<2>::with_min_align().min_align(), 2);
    /// ```
    pub fn min_align(&self) -> usize {
        MIN_ALIGN
    }

    /// The allocation limit in bytes, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.allocation_limit(), None);
    /// bump.set_allocation_limit(Some(4096));
    /// assert_eq!(bump.allocation_limit(), Some(4096));
    /// ```
    pub fn allocation_limit(&self) -> Option<usize> {
        self.raw.limit()
    }

    /// Caps [`allocated_bytes`](Bump::allocated_bytes): no chunk is
    /// allocated that would take it past `limit`. Existing chunks and the
    /// room left in them are unaffected.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// bump.set_allocation_limit(Some(0));
    /// assert!(bump.try_alloc(1u32).is_err());
    /// ```
    pub fn set_allocation_limit(&self, limit: Option<usize>) {
        self.raw.set_limit(limit);
    }

    #[inline(always)]
    fn adjust(layout: Layout) -> Option<Layout> {
        if MIN_ALIGN > 1 {
            layout.align_to(MIN_ALIGN).ok()
        } else {
            Some(layout)
        }
    }

    #[inline(always)]
    fn raw_alloc(&self, layout: Layout) -> Result<NonNull<u8>, AllocErr> {
        self.raw.alloc_min(layout, MIN_ALIGN).ok_or(AllocErr)
    }

    /// Allocates memory for `layout`.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails; the message names the
    /// operation, the size and alignment asked for, the bytes the arena
    /// holds and its limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::alloc::Layout;
    ///
    /// let bump = memkit_arena::Bump::new();
    /// let p = bump.alloc_layout(Layout::from_size_align(24, 8).unwrap());
    /// assert_eq!(p.as_ptr() as usize % 8, 0);
    /// ```
    #[inline(always)]
    pub fn alloc_layout(&self, layout: Layout) -> NonNull<u8> {
        self.alloc_layout_in("Bump::alloc_layout", layout)
    }

    /// [`alloc_layout`](Bump::alloc_layout) for the operation `op`, which
    /// the panic message names.
    #[inline(always)]
    fn alloc_layout_in(&self, op: &str, layout: Layout) -> NonNull<u8> {
        self.raw_alloc(layout)
            .unwrap_or_else(|_| self.oom(op, layout))
    }

    /// Panics for a failed allocation of `layout` in `op`.
    #[cold]
    #[inline(never)]
    pub(crate) fn oom(&self, op: &str, layout: Layout) -> ! {
        oom(
            op,
            layout.size(),
            layout.align(),
            self.allocated_bytes(),
            self.allocation_limit(),
        )
    }

    /// Allocates memory for `layout`, fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the global allocator or the limit refuses.
    ///
    /// # Examples
    ///
    /// ```
    /// use core::alloc::Layout;
    ///
    /// let bump = memkit_arena::Bump::new();
    /// assert!(bump.try_alloc_layout(Layout::new::<u64>()).is_ok());
    /// ```
    #[inline(always)]
    pub fn try_alloc_layout(&self, layout: Layout) -> Result<NonNull<u8>, AllocErr> {
        self.raw_alloc(layout)
    }

    /// Moves `val` into the arena.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails; the message names the
    /// operation, the size and alignment asked for, the bytes the arena
    /// holds and its limit.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(*bump.alloc("hi"), "hi");
    /// ```
    #[inline(always)]
    pub fn alloc<T>(&self, val: T) -> &mut T {
        self.alloc_with_in("Bump::alloc", || val)
    }

    /// Moves `val` into the arena, fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails (`val` is dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(*bump.try_alloc(5).unwrap(), 5);
    /// ```
    #[inline(always)]
    pub fn try_alloc<T>(&self, val: T) -> Result<&mut T, AllocErr> {
        self.try_alloc_with(|| val)
    }

    /// Reserves room for a `T`, then moves `f()` there, so a large `T` can
    /// be built in place.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails (as
    /// [`alloc_layout`](Bump::alloc_layout)), or if `f` panics (the reserved
    /// room is then simply unused).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let big = bump.alloc_with(|| [1u8; 4096]);
    /// assert_eq!(big[4095], 1);
    /// ```
    #[inline(always)]
    pub fn alloc_with<F, T>(&self, f: F) -> &mut T
    where
        F: FnOnce() -> T,
    {
        self.alloc_with_in("Bump::alloc_with", f)
    }

    /// [`alloc_with`](Bump::alloc_with) for the operation `op`.
    #[inline(always)]
    fn alloc_with_in<F, T>(&self, op: &str, f: F) -> &mut T
    where
        F: FnOnce() -> T,
    {
        match self.raw.slot(MIN_ALIGN) {
            Some(slot) => slot.write(f()),
            // `f` (and what it owns) is dropped while the panic unwinds.
            None => self.oom(op, Layout::new::<T>()),
        }
    }

    /// [`alloc_with`](Bump::alloc_with), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails; `f` is then not called.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(*bump.try_alloc_with(|| 3).unwrap(), 3);
    /// ```
    #[inline(always)]
    pub fn try_alloc_with<F, T>(&self, f: F) -> Result<&mut T, AllocErr>
    where
        F: FnOnce() -> T,
    {
        match self.raw.slot(MIN_ALIGN) {
            Some(slot) => Ok(slot.write(f())),
            None => Err(AllocErr),
        }
    }

    /// Reserves room for a `T`, then runs the fallible initializer `f`. On
    /// `Err` the room is given back if nothing was allocated since.
    ///
    /// # Errors
    ///
    /// The error of `f`.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails; the message names the
    /// operation, the size and alignment asked for, the bytes the arena
    /// holds and its limit.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let r: Result<&mut u8, ()> = bump.alloc_try_with(|| Ok(1));
    /// assert_eq!(r, Ok(&mut 1));
    /// ```
    #[inline(always)]
    pub fn alloc_try_with<F, T, E>(&self, f: F) -> Result<&mut T, E>
    where
        F: FnOnce() -> Result<T, E>,
    {
        match self.try_alloc_try_with(f) {
            Ok(v) => Ok(v),
            Err(AllocOrInitError::Init(e)) => Err(e),
            Err(AllocOrInitError::Alloc(_)) => self.oom("Bump::alloc_try_with", Layout::new::<T>()),
        }
    }

    /// [`alloc_try_with`](Bump::alloc_try_with), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocOrInitError::Alloc`] if the allocation fails (`f` is not
    /// called), [`AllocOrInitError::Init`] if `f` fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_arena::{AllocOrInitError, Bump};
    ///
    /// let bump = Bump::new();
    /// assert_eq!(bump.try_alloc_try_with(|| Err::<u8, _>(7)), Err(AllocOrInitError::Init(7)));
    /// ```
    #[inline(always)]
    pub fn try_alloc_try_with<F, T, E>(&self, f: F) -> Result<&mut T, AllocOrInitError<E>>
    where
        F: FnOnce() -> Result<T, E>,
    {
        self.raw.alloc_try_with(MIN_ALIGN, f)
    }

    /// Copies `src` into the arena.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails; the message names the
    /// operation, the size and alignment asked for, the bytes the arena
    /// holds and its limit.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.alloc_slice_copy(&[1, 2, 3]), &[1, 2, 3]);
    /// ```
    #[inline(always)]
    pub fn alloc_slice_copy<T: Copy>(&self, src: &[T]) -> &mut [T] {
        self.try_alloc_slice_copy(src)
            .unwrap_or_else(|_| self.oom("Bump::alloc_slice_copy", Layout::for_value(src)))
    }

    /// [`alloc_slice_copy`](Bump::alloc_slice_copy), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_copy(&[1u8]).unwrap(), &[1]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_copy<T: Copy>(&self, src: &[T]) -> Result<&mut [T], AllocErr> {
        self.raw.alloc_copy(MIN_ALIGN, src).ok_or(AllocErr)
    }

    /// Clones every element of `src` into the arena.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with), or if a
    /// `clone` panics (clones already made are then dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let v = bump.alloc_slice_clone(&[String::from("a")]);
    /// assert_eq!(v[0], "a");
    /// # unsafe { core::ptr::drop_in_place(v) };
    /// ```
    #[inline(always)]
    pub fn alloc_slice_clone<T: Clone>(&self, src: &[T]) -> &mut [T] {
        self.fill_with_in("Bump::alloc_slice_clone", src.len(), |i| src[i].clone())
    }

    /// [`alloc_slice_clone`](Bump::alloc_slice_clone), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_clone(&[1u8]).unwrap(), &[1]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_clone<T: Clone>(&self, src: &[T]) -> Result<&mut [T], AllocErr> {
        self.try_alloc_slice_fill_with(src.len(), |i| src[i].clone())
    }

    /// Copies `src` into the arena.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails; the message names the
    /// operation, the size and alignment asked for, the bytes the arena
    /// holds and its limit.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let s = bump.alloc_str("hello");
    /// s.make_ascii_uppercase();
    /// assert_eq!(s, "HELLO");
    /// ```
    #[inline(always)]
    pub fn alloc_str(&self, src: &str) -> &mut str {
        self.try_alloc_str(src)
            .unwrap_or_else(|_| self.oom("Bump::alloc_str", Layout::for_value(src)))
    }

    /// [`alloc_str`](Bump::alloc_str), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_str("x").unwrap(), "x");
    /// ```
    #[inline(always)]
    pub fn try_alloc_str(&self, src: &str) -> Result<&mut str, AllocErr> {
        self.raw.alloc_str(MIN_ALIGN, src).ok_or(AllocErr)
    }

    /// Allocates `len` values made by `f(index)`.
    ///
    /// # Panics
    ///
    /// With "out of memory" if the allocation fails, including when `len`
    /// elements exceed `isize::MAX` bytes (the message then also says
    /// "requested allocation size overflowed" and gives `len` and the
    /// element size), as bumpalo; or if `f` panics (values already made are
    /// then dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.alloc_slice_fill_with(3, |i| i * 10), &[0, 10, 20]);
    /// ```
    #[inline(always)]
    pub fn alloc_slice_fill_with<T, F>(&self, len: usize, f: F) -> &mut [T]
    where
        F: FnMut(usize) -> T,
    {
        self.fill_with_in("Bump::alloc_slice_fill_with", len, f)
    }

    /// [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with) for the
    /// operation `op`, which the panic messages name.
    #[inline(always)]
    fn fill_with_in<T, F>(&self, op: &str, len: usize, mut f: F) -> &mut [T]
    where
        F: FnMut(usize) -> T,
    {
        match self.try_fill_with_in(op, len, |i| Ok::<T, Infallible>(f(i))) {
            Ok(s) => s,
        }
    }

    /// [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with) with a fallible
    /// `f`: stops at the first error, drops the values made so far and gives
    /// the room back if nothing was allocated since.
    ///
    /// # Errors
    ///
    /// The first error of `f`.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let r = bump.alloc_slice_try_fill_with(3, |i| if i < 2 { Ok(i) } else { Err("no") });
    /// assert_eq!(r, Err("no"));
    /// ```
    #[inline(always)]
    pub fn alloc_slice_try_fill_with<T, F, E>(&self, len: usize, f: F) -> Result<&mut [T], E>
    where
        F: FnMut(usize) -> Result<T, E>,
    {
        self.try_fill_with_in("Bump::alloc_slice_try_fill_with", len, f)
    }

    /// [`alloc_slice_try_fill_with`](Bump::alloc_slice_try_fill_with) for
    /// the operation `op`, which the panic messages name.
    #[inline(always)]
    fn try_fill_with_in<T, F, E>(&self, op: &str, len: usize, f: F) -> Result<&mut [T], E>
    where
        F: FnMut(usize) -> Result<T, E>,
    {
        match self.raw.alloc_fill(MIN_ALIGN, len, f) {
            Ok(s) => Ok(s),
            Err(FillError::Init(e)) => Err(e),
            Err(FillError::TooLong) => slice_overflow(op, len, core::mem::size_of::<T>()),
            Err(FillError::NoMemory(layout)) => self.oom(op, layout),
        }
    }

    /// [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails; `f` is then not called.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_fill_with(2, |i| i).unwrap(), &[0, 1]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_fill_with<T, F>(&self, len: usize, f: F) -> Result<&mut [T], AllocErr>
    where
        F: FnMut(usize) -> T,
    {
        self.raw
            .alloc_fill_with(MIN_ALIGN, len, f)
            .map_err(|_| AllocErr)
    }

    /// Allocates `len` copies of `value`.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.alloc_slice_fill_copy(3, 7u8), &[7, 7, 7]);
    /// ```
    #[inline(always)]
    pub fn alloc_slice_fill_copy<T: Copy>(&self, len: usize, value: T) -> &mut [T] {
        self.fill_with_in("Bump::alloc_slice_fill_copy", len, |_| value)
    }

    /// [`alloc_slice_fill_copy`](Bump::alloc_slice_fill_copy), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_fill_copy(2, 1u8).unwrap(), &[1, 1]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_fill_copy<T: Copy>(
        &self,
        len: usize,
        value: T,
    ) -> Result<&mut [T], AllocErr> {
        self.try_alloc_slice_fill_with(len, |_| value)
    }

    /// Allocates `len` clones of `value`.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with), or if a
    /// `clone` panics.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.alloc_slice_fill_clone(2, &(1, 2)), &[(1, 2), (1, 2)]);
    /// ```
    #[inline(always)]
    pub fn alloc_slice_fill_clone<T: Clone>(&self, len: usize, value: &T) -> &mut [T] {
        self.fill_with_in("Bump::alloc_slice_fill_clone", len, |_| value.clone())
    }

    /// [`alloc_slice_fill_clone`](Bump::alloc_slice_fill_clone), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_fill_clone(1, &3).unwrap(), &[3]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_fill_clone<T: Clone>(
        &self,
        len: usize,
        value: &T,
    ) -> Result<&mut [T], AllocErr> {
        self.try_alloc_slice_fill_with(len, |_| value.clone())
    }

    /// Allocates the items of an exact-size iterator.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with), if the
    /// iterator panics, or with "Iterator supplied too few elements" if it
    /// yields fewer items than its `len()` (items already made are then
    /// dropped). Extra items are not taken.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.alloc_slice_fill_iter([3, 1, 2].into_iter().rev()), &[2, 1, 3]);
    /// ```
    #[inline(always)]
    pub fn alloc_slice_fill_iter<T, I>(&self, iter: I) -> &mut [T]
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: ExactSizeIterator,
    {
        let op = "Bump::alloc_slice_fill_iter";
        let mut iter = iter.into_iter();
        let len = iter.len();
        self.fill_with_in(op, len, |i| {
            iter.next().unwrap_or_else(|| too_few(op, len, i))
        })
    }

    /// [`alloc_slice_fill_iter`](Bump::alloc_slice_fill_iter) over `Result`s:
    /// stops at the first `Err`.
    ///
    /// # Errors
    ///
    /// The first `Err` item.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_iter`](Bump::alloc_slice_fill_iter).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// let r = bump.alloc_slice_try_fill_iter([Ok(1), Err(2)]);
    /// assert_eq!(r, Err(2));
    /// ```
    #[inline(always)]
    pub fn alloc_slice_try_fill_iter<T, I, E>(&self, iter: I) -> Result<&mut [T], E>
    where
        I: IntoIterator<Item = Result<T, E>>,
        I::IntoIter: ExactSizeIterator,
    {
        let op = "Bump::alloc_slice_try_fill_iter";
        let mut iter = iter.into_iter();
        let len = iter.len();
        self.try_fill_with_in(op, len, |i| {
            iter.next().unwrap_or_else(|| too_few(op, len, i))
        })
    }

    /// [`alloc_slice_fill_iter`](Bump::alloc_slice_fill_iter), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Panics
    ///
    /// If the iterator panics, or with "Iterator supplied too few elements"
    /// if it yields fewer items than its `len()`.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_fill_iter(0..3).unwrap(), &[0, 1, 2]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_fill_iter<T, I>(&self, iter: I) -> Result<&mut [T], AllocErr>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: ExactSizeIterator,
    {
        let op = "Bump::try_alloc_slice_fill_iter";
        let mut iter = iter.into_iter();
        let len = iter.len();
        self.try_alloc_slice_fill_with(len, |i| iter.next().unwrap_or_else(|| too_few(op, len, i)))
    }

    /// Allocates `len` default values.
    ///
    /// # Panics
    ///
    /// As [`alloc_slice_fill_with`](Bump::alloc_slice_fill_with).
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.alloc_slice_fill_default::<u8>(2), &[0, 0]);
    /// ```
    #[inline(always)]
    pub fn alloc_slice_fill_default<T: Default>(&self, len: usize) -> &mut [T] {
        self.fill_with_in("Bump::alloc_slice_fill_default", len, |_| T::default())
    }

    /// [`alloc_slice_fill_default`](Bump::alloc_slice_fill_default), fallibly.
    ///
    /// # Errors
    ///
    /// [`AllocErr`] if the allocation fails.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// assert_eq!(bump.try_alloc_slice_fill_default::<u8>(1).unwrap(), &[0]);
    /// ```
    #[inline(always)]
    pub fn try_alloc_slice_fill_default<T: Default>(
        &self,
        len: usize,
    ) -> Result<&mut [T], AllocErr> {
        self.try_alloc_slice_fill_with(len, |_| T::default())
    }

    /// Frees everything at once. Keeps the current chunk (the largest made
    /// by normal growth) and returns the others, spare ones included, to the
    /// global allocator. Runs no `Drop`.
    ///
    /// If a pinned [`Box`](crate::boxed::Box) was forgotten, its value's
    /// memory must never be reused (`Pin`'s drop guarantee): the chunk that
    /// holds it is then leaked, the other chunks are kept or freed as
    /// usual, and the arena starts with no current chunk. See
    /// [Pinning](crate::boxed::Box#pinning); the same holds for
    /// [`reset_keep_chunks`](Bump::reset_keep_chunks) and for dropping the
    /// `Bump`.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut bump = memkit_arena::Bump::new();
    /// for i in 0..1000 {
    ///     bump.alloc(i);
    /// }
    /// bump.reset();
    /// assert!(bump.allocated_bytes() > 0);
    /// ```
    pub fn reset(&mut self) {
        self.raw.reset();
    }

    /// Frees everything at once but keeps every chunk for reuse, so a loop
    /// whose peak varies allocates no new chunk once it has seen its largest
    /// phase.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut bump = memkit_arena::Bump::new();
    /// bump.alloc_slice_fill_copy(10_000, 0u8);
    /// let held = bump.allocated_bytes();
    /// bump.reset_keep_chunks();
    /// bump.alloc_slice_fill_copy(10_000, 0u8);
    /// assert_eq!(bump.allocated_bytes(), held);
    /// ```
    pub fn reset_keep_chunks(&mut self) {
        self.raw.reset_keep_chunks();
    }

    /// The current position, for [`reset_to`](Bump::reset_to).
    ///
    /// # Examples
    ///
    /// See [`Checkpoint`].
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            raw: self.raw.checkpoint(),
        }
    }

    /// Frees everything allocated since `checkpoint`. Chunks made since are
    /// kept for reuse. [`scope`](Bump::scope) is the safe twin. If a pinned
    /// [`Box`](crate::boxed::Box) made since was forgotten, frees nothing
    /// (see [Pinning](crate::boxed::Box#pinning)).
    ///
    /// # Safety
    ///
    /// * `checkpoint` was taken from this `Bump`.
    /// * Since then there was no [`reset`](Bump::reset), no
    ///   [`reset_keep_chunks`](Bump::reset_keep_chunks), no `reset_to` an
    ///   earlier checkpoint, and no exit from a scope entered before it.
    /// * Nothing allocated after `checkpoint` is used again (including
    ///   collections and boxes living in it, a box made after it from an
    ///   older vector by `Vec::into_boxed_slice`, and an older allocation
    ///   that grew in place after `checkpoint`).
    /// * It is not called inside a [`scope`](Bump::scope) with a checkpoint
    ///   taken before that scope was entered.
    ///
    /// # Examples
    ///
    /// See [`Checkpoint`].
    pub unsafe fn reset_to(&self, checkpoint: Checkpoint) {
        // SAFETY: this function's `# Safety` (a checkpoint of this `Bump`
        // not passed by a reset since, nothing allocated after it used
        // again) is `RawBump::reset_to`'s contract.
        unsafe { self.raw.reset_to(checkpoint.raw) }
    }

    /// Runs `f` with a scope of this arena: everything allocated through
    /// the scope is freed when `f` returns (or unwinds). The borrow checker
    /// keeps those allocations from escaping. Chunks made inside are kept
    /// for reuse, so a repeated scope stops allocating after warm-up. If a
    /// pinned [`Box`](crate::boxed::Box) made inside was forgotten, nothing
    /// is freed on exit (see [Pinning](crate::boxed::Box#pinning)).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut bump = memkit_arena::Bump::new();
    /// let before = bump.allocated_bytes();
    /// let sum = bump.scope(|s| {
    ///     let v = s.alloc_slice_fill_with(100, |i| i);
    ///     v.iter().sum::<usize>()
    /// });
    /// assert_eq!(sum, 4950);
    /// assert!(bump.allocated_bytes() >= before);
    /// ```
    ///
    /// References cannot leave the scope:
    ///
    /// ```compile_fail
    /// let mut bump = memkit_arena::Bump::new();
    /// let x = bump.scope(|s| s.alloc(1));
    /// ```
    pub fn scope<R>(&mut self, f: impl for<'s> FnOnce(&mut Scope<'s, MIN_ALIGN>) -> R) -> R {
        scope::run_scope(self, f)
    }

    /// Checks the invariants of the allocator core (written at the top of
    /// its `raw` module) and panics with a message naming the first one
    /// broken.
    ///
    /// For property tests and fuzz targets, which call it after every
    /// step; it walks every chunk, so it costs `O(chunks)`. Hidden from the
    /// docs and not part of the stable API.
    ///
    /// # Panics
    ///
    /// If an invariant does not hold, which is a bug in memkit-arena.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut bump = memkit_arena::Bump::new();
    /// bump.alloc([0u8; 1000]);
    /// bump.reset_keep_chunks();
    /// bump.assert_invariants();
    /// ```
    #[doc(hidden)]
    pub fn assert_invariants(&self) {
        self.raw.assert_invariants();
    }

    /// Bytes held from the global allocator, not counting chunk headers:
    /// the sum of all chunk capacities (spare chunks included). This is the
    /// number the allocation limit caps.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// bump.alloc(1u64);
    /// assert!(bump.allocated_bytes() >= 8);
    /// ```
    pub fn allocated_bytes(&self) -> usize {
        self.raw.owned()
    }

    /// [`allocated_bytes`](Bump::allocated_bytes) plus the chunk headers.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// bump.alloc(1u64);
    /// assert!(bump.allocated_bytes_including_metadata() > bump.allocated_bytes());
    /// ```
    pub fn allocated_bytes_including_metadata(&self) -> usize {
        self.raw.owned() + self.raw.chunk_count() * RawBump::header_size()
    }

    /// Free bytes left in the current chunk.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::with_capacity(100);
    /// assert!(bump.chunk_capacity() >= 100);
    /// ```
    pub fn chunk_capacity(&self) -> usize {
        self.raw.remaining()
    }

    /// The used part of every chunk in use, newest chunk first. Within a
    /// chunk, allocations appear oldest first (memkit bumps upward),
    /// with any alignment padding between them.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut bump = memkit_arena::Bump::new();
    /// bump.alloc(b'a');
    /// bump.alloc(b'b');
    /// let chunk = bump.iter_allocated_chunks().next().unwrap();
    /// // SAFETY: only `u8`s were allocated.
    /// assert_eq!(unsafe { [chunk[0].assume_init(), chunk[1].assume_init()] }, *b"ab");
    /// ```
    pub fn iter_allocated_chunks(&mut self) -> ChunkIter<'_, MIN_ALIGN> {
        ChunkIter::new(self.raw.chunk_slices())
    }

    /// Raw pointers and lengths of the used part of each chunk, newest
    /// first.
    ///
    /// # Safety
    ///
    /// * Nothing is allocated from this `Bump`, and it is not reset, while
    ///   the iterator is alive.
    /// * Reading through the pointers must not conflict with live mutable
    ///   references into the arena; padding bytes are uninitialised.
    ///
    /// # Examples
    ///
    /// ```
    /// let bump = memkit_arena::Bump::new();
    /// bump.alloc(1u8);
    /// // SAFETY: no allocation while iterating.
    /// let total: usize = unsafe { bump.iter_allocated_chunks_raw() }.map(|(_, len)| len).sum();
    /// assert_eq!(total, 1);
    /// ```
    pub unsafe fn iter_allocated_chunks_raw(&self) -> ChunkRawIter<'_, MIN_ALIGN> {
        ChunkRawIter::new(self.raw.chunks())
    }

    /// Grants `raw` access to the allocator core for `Allocator`.
    pub(crate) fn raw(&self) -> &RawBump {
        &self.raw
    }

    /// Applies `MIN_ALIGN` to a layout for the `Allocator` impl.
    pub(crate) fn adjusted(layout: Layout) -> Option<Layout> {
        Self::adjust(layout)
    }
}

/// Panics for an exact-size iterator that ended after `got` of its `len`
/// items, with bumpalo's phrase first.
#[cold]
#[inline(never)]
fn too_few(op: &str, len: usize, got: usize) -> ! {
    panic!(
        "Iterator supplied too few elements: {op}: its len() was {len}, but it ended after {got}"
    )
}
