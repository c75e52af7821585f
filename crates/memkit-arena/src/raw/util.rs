//! Small pointer helpers shared by the safe wrappers.

use core::mem::MaybeUninit;
use core::num::NonZeroUsize;
use core::ptr::{self, NonNull};

/// A dangling, non-null pointer aligned to `align` (a power of two). Never
/// dereferenced for more than zero bytes.
#[inline(always)]
pub(crate) const fn dangling(align: usize) -> NonNull<u8> {
    let Some(a) = NonZeroUsize::new(align) else {
        panic!("alignment is never zero")
    };
    NonNull::without_provenance(a)
}

/// Writes `value` to `p` and returns it as a reference.
///
/// # Safety
///
/// * `p` is valid for writes of `T`, aligned, and not used by anything else
///   for `'a`.
#[inline(always)]
pub(crate) unsafe fn write<'a, T>(p: NonNull<u8>, value: T) -> &'a mut T {
    let p = p.cast::<T>();
    // SAFETY: the caller's contract.
    unsafe {
        p.write(value);
        &mut *p.as_ptr()
    }
}

/// Reinterprets initialised memory as a slice.
///
/// # Safety
///
/// * `p .. p + len` holds `len` initialised `T`s, aligned, used by nothing
///   else for `'a`.
#[inline(always)]
pub(crate) unsafe fn slice_mut<'a, T>(p: NonNull<T>, len: usize) -> &'a mut [T] {
    // SAFETY: the caller's contract.
    unsafe { core::slice::from_raw_parts_mut(p.as_ptr(), len) }
}

/// Reinterprets memory as a slice of uninitialised `T`s.
///
/// # Safety
///
/// * `p .. p + len` is valid for `len` `T`s, aligned, used by nothing else
///   for `'a`.
#[inline(always)]
pub(crate) unsafe fn uninit_slice<'a, T>(p: NonNull<u8>, len: usize) -> &'a mut [MaybeUninit<T>] {
    // SAFETY: the caller's contract; `MaybeUninit` needs no initialisation.
    unsafe { core::slice::from_raw_parts_mut(p.cast::<MaybeUninit<T>>().as_ptr(), len) }
}

/// Copies `src` into `dst`.
///
/// # Safety
///
/// * `dst` is valid for writes of `src.len()` `T`s, aligned, disjoint from
///   `src`, and used by nothing else for `'a`.
#[inline(always)]
pub(crate) unsafe fn copy_slice<'a, T: Copy>(dst: NonNull<u8>, src: &[T]) -> &'a mut [T] {
    let dst = dst.cast::<T>();
    // SAFETY: the caller's contract; `T: Copy`, so a bitwise copy is a copy.
    unsafe {
        ptr::copy_nonoverlapping(src.as_ptr(), dst.as_ptr(), src.len());
        slice_mut(dst, src.len())
    }
}

/// Drops the initialised prefix of a slice being filled if the filler
/// panics, so no value leaks and none is dropped twice.
struct FillGuard<T> {
    ptr: NonNull<T>,
    done: usize,
}

impl<T> Drop for FillGuard<T> {
    fn drop(&mut self) {
        // SAFETY: exactly the first `done` elements were written and nothing
        // else owns them yet.
        unsafe { ptr::drop_in_place(ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.done)) };
    }
}

/// Fills `len` slots at `dst` with `f(i)`, stopping at the first error. On
/// error or panic the values written so far are dropped.
///
/// # Safety
///
/// * `dst` is valid for writes of `len` `T`s, aligned, and used by nothing
///   else for `'a`.
#[inline(always)]
pub(crate) unsafe fn try_fill<'a, T, E>(
    dst: NonNull<u8>,
    len: usize,
    mut f: impl FnMut(usize) -> Result<T, E>,
) -> Result<&'a mut [T], E> {
    let mut guard = FillGuard {
        ptr: dst.cast::<T>(),
        done: 0,
    };
    while guard.done < len {
        let value = f(guard.done)?;
        // SAFETY: `done < len`, within the caller's region.
        unsafe { guard.ptr.add(guard.done).write(value) };
        guard.done += 1;
    }
    let ptr = guard.ptr;
    core::mem::forget(guard);
    // SAFETY: all `len` elements are initialised; the caller's contract.
    Ok(unsafe { slice_mut(ptr, len) })
}

/// Turns a `&'a mut str` out of initialised UTF-8 bytes.
///
/// # Safety
///
/// * As [`copy_slice`], and `src` is valid UTF-8.
#[inline(always)]
pub(crate) unsafe fn copy_str<'a>(dst: NonNull<u8>, src: &str) -> &'a mut str {
    // SAFETY: the caller's contract; the bytes are a copy of a `str`.
    unsafe { core::str::from_utf8_unchecked_mut(copy_slice(dst, src.as_bytes())) }
}

/// Writes `n` zero bytes at `p`.
///
/// # Safety
///
/// * `p` is valid for `n` byte writes.
#[inline]
pub(crate) unsafe fn zero(p: NonNull<u8>, n: usize) {
    // SAFETY: the caller's contract.
    unsafe { ptr::write_bytes(p.as_ptr(), 0, n) }
}

/// Drops `value` in place.
///
/// # Safety
///
/// * `value` is never used again, not even by its owner's drop glue.
#[inline]
pub(crate) unsafe fn drop_value<T: ?Sized>(value: &mut T) {
    // SAFETY: the caller's contract.
    unsafe { ptr::drop_in_place(value) }
}

/// Reads the value out of `value`.
///
/// # Safety
///
/// * `value` is treated as moved-from afterwards: never dropped or read again.
#[inline]
pub(crate) unsafe fn take<T>(value: &mut T) -> T {
    // SAFETY: the caller's contract.
    unsafe { ptr::read(value) }
}

/// Turns a raw pointer back into a reference.
///
/// # Safety
///
/// * `p` is non-null, aligned, points to a valid `T` that nothing else uses
///   for `'a`.
#[inline]
pub(crate) unsafe fn from_raw<'a, T: ?Sized>(p: *mut T) -> &'a mut T {
    // SAFETY: the caller's contract.
    unsafe { &mut *p }
}

/// Reinterprets bytes as `str`.
///
/// # Safety
///
/// * `bytes` is valid UTF-8.
#[inline]
pub(crate) unsafe fn str_mut(bytes: &mut [u8]) -> &mut str {
    // SAFETY: the caller's contract.
    unsafe { core::str::from_utf8_unchecked_mut(bytes) }
}

/// Turns a raw pointer back into a shared reference.
///
/// # Safety
///
/// * `p` is aligned and points to a valid `T` that nothing mutates for `'a`.
#[inline]
pub(crate) unsafe fn from_raw_ref<'a, T: ?Sized>(p: *const T) -> &'a T {
    // SAFETY: the caller's contract.
    unsafe { &*p }
}
