//! `RawBytesMut`: a uniquely owned, growable region of a buffer (invariants 6–7).

use alloc::vec::Vec;
use core::mem::MaybeUninit;
use core::ptr::{self, NonNull};
use core::slice;

use super::shared::{MAX_INLINE_CAP, Storage};
use super::{AllocFailure, RawBytes, SharedRef};

/// The smallest buffer a growing empty `BytesMut` allocates: the header costs
/// a few words, so tiny first buffers would only be regrown at once.
const MIN_FRESH_CAP: usize = 64;
/// When a shared buffer must be copied to grow, the copy gets at least the
/// old buffer's size, up to this bound, so read loops keep their buffer size.
const KEEP_CAP_LIMIT: usize = 64 * 1024;

/// Copies `n` bytes from `src` to `dst`. Up to sixteen bytes go as two
/// loads and two stores of one width, which may overlap, inline; a call to
/// `memcpy` costs more than the copy for the few bytes of a small append (a
/// byte of a socket read, a piece of an encoded head).
///
/// # Safety
///
/// As for `ptr::copy_nonoverlapping(src, dst, n)`: `src .. src + n` readable,
/// `dst .. dst + n` writable, and the two disjoint.
#[inline(always)]
unsafe fn copy_bytes(src: *const u8, dst: *mut u8, n: usize) {
    /// The first and last `size_of::<T>()` bytes, `size_of::<T>() <= n <=
    /// 2 * size_of::<T>()`, which together cover all `n`.
    ///
    /// # Safety
    ///
    /// As `copy_bytes`, and `size_of::<T>() <= n`.
    #[inline(always)]
    unsafe fn ends<T: Copy>(src: *const u8, dst: *mut u8, n: usize) {
        let last = n - size_of::<T>();
        // SAFETY: both ends lie inside the `n` bytes of `src` and of `dst`
        // (`size_of::<T>() <= n`); unaligned accesses need no alignment;
        // every load happens before any store, and the regions are disjoint.
        unsafe {
            let head = src.cast::<T>().read_unaligned();
            let tail = src.add(last).cast::<T>().read_unaligned();
            dst.cast::<T>().write_unaligned(head);
            dst.add(last).cast::<T>().write_unaligned(tail);
        }
    }
    // SAFETY: each branch meets `ends`' width bound or copies exactly `n`
    // bytes, under the caller's guarantee. One byte (a read of one byte)
    // is tested first, then the widest sizes, so a large copy pays two
    // comparisons before its `memcpy`.
    unsafe {
        if n == 1 {
            dst.write(src.read());
        } else if n >= 8 {
            if n > 16 {
                ptr::copy_nonoverlapping(src, dst, n);
            } else {
                ends::<u64>(src, dst, n);
            }
        } else if n >= 4 {
            ends::<u32>(src, dst, n);
        } else if n >= 2 {
            ends::<u16>(src, dst, n);
        }
    }
}

/// The guts of `BytesMut`: `ptr .. ptr + cap`, of which `len` bytes are set.
pub(crate) struct RawBytesMut {
    ptr: NonNull<u8>,
    len: usize,
    cap: usize,
    /// `None` means no storage: `cap == 0` and `ptr` is dangling.
    owner: Option<SharedRef>,
}

const _: () = assert!(core::mem::size_of::<RawBytesMut>() == 4 * core::mem::size_of::<usize>());

impl RawBytesMut {
    /// An empty buffer with no storage.
    #[inline]
    pub(crate) const fn new() -> RawBytesMut {
        RawBytesMut {
            ptr: NonNull::dangling(),
            len: 0,
            cap: 0,
            owner: None,
        }
    }

    /// An empty buffer with room for `cap` bytes, header and data in one block.
    ///
    /// # Panics
    ///
    /// If `cap` exceeds `isize::MAX` minus the header size.
    #[inline]
    pub(crate) fn with_capacity(cap: usize) -> RawBytesMut {
        if cap == 0 {
            return RawBytesMut::new();
        }
        RawBytesMut::from_empty_block(SharedRef::new_inline(cap, false))
    }

    /// `with_capacity` that reports failure instead of panicking or aborting.
    pub(crate) fn try_with_capacity(cap: usize) -> Result<RawBytesMut, AllocFailure> {
        if cap == 0 {
            return Ok(RawBytesMut::new());
        }
        SharedRef::try_new_block(cap, false, Storage::Inline).map(RawBytesMut::from_empty_block)
    }

    /// `len` zero bytes, from zeroed memory.
    pub(crate) fn zeroed(len: usize) -> RawBytesMut {
        if len == 0 {
            return RawBytesMut::new();
        }
        let mut raw = RawBytesMut::from_empty_block(SharedRef::new_inline(len, true));
        // The block was zeroed, so its first `len` bytes are initialized.
        raw.len = len;
        raw
    }

    /// An empty buffer over the whole data region of a fresh or reused block.
    pub(super) fn from_empty_block(owner: SharedRef) -> RawBytesMut {
        RawBytesMut {
            ptr: owner.buf(),
            len: 0,
            cap: owner.cap(),
            owner: Some(owner),
        }
    }

    /// Builds a handle from parts the caller checked (invariant 7).
    pub(super) fn from_parts(
        ptr: NonNull<u8>,
        len: usize,
        cap: usize,
        owner: SharedRef,
    ) -> RawBytesMut {
        RawBytesMut {
            ptr,
            len,
            cap,
            owner: Some(owner),
        }
    }

    /// Adopts `vec`'s buffer without copying (one header allocation).
    pub(crate) fn from_vec(vec: Vec<u8>) -> RawBytesMut {
        match SharedRef::from_vec(vec) {
            Some((owner, ptr, len)) => {
                let cap = owner.cap();
                RawBytesMut::from_parts(ptr, len, cap, owner)
            }
            None => RawBytesMut::new(),
        }
    }

    /// A new buffer holding a copy of `src`, with capacity `src.len()`.
    pub(crate) fn copy_from_slice(src: &[u8]) -> RawBytesMut {
        let mut raw = RawBytesMut::with_capacity(src.len());
        raw.extend_from_slice(src);
        raw
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub(crate) fn capacity(&self) -> usize {
        self.cap
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[u8] {
        // SAFETY: the first `len` bytes of the region are initialized and only
        // this handle reaches them (invariant 7); dangling is fine for len 0.
        unsafe { slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    #[inline]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: as `as_slice`, and `&mut self` makes the access exclusive.
        unsafe { slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }

    /// The writable, possibly uninitialized room after the contents.
    #[inline]
    pub(crate) fn spare_capacity_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        // SAFETY: `len <= cap` (invariant 6) and `ptr .. ptr + cap` belongs to
        // this handle alone (invariant 7); MaybeUninit needs no initialization.
        unsafe {
            slice::from_raw_parts_mut(
                self.ptr.as_ptr().add(self.len).cast::<MaybeUninit<u8>>(),
                self.cap - self.len,
            )
        }
    }

    /// Sets the length.
    ///
    /// # Safety
    ///
    /// * `len <= capacity()`;
    /// * the first `len` bytes are initialized.
    #[inline]
    pub(crate) unsafe fn set_len(&mut self, len: usize) {
        debug_assert!(len <= self.cap);
        self.len = len;
    }

    /// Shortens the contents to `len` bytes if they are longer.
    #[inline]
    pub(crate) fn truncate(&mut self, len: usize) {
        if len < self.len {
            self.len = len;
        }
    }

    /// Appends one byte.
    #[inline]
    pub(crate) fn push(&mut self, byte: u8) {
        if self.len == self.cap {
            self.reserve_inner(1, true);
        }
        // SAFETY: `len < cap` after the reserve, inside this handle's region.
        unsafe { self.ptr.as_ptr().add(self.len).write(byte) };
        self.len += 1;
    }

    /// Appends `src`, growing as needed.
    #[inline]
    pub(crate) fn extend_from_slice(&mut self, src: &[u8]) {
        let n = src.len();
        if self.cap - self.len < n {
            self.reserve_inner(n, true);
        }
        // SAFETY: 1. `len + n <= cap` after the reserve, inside this handle's
        // region; 2. `src` is a borrowed slice, so it cannot overlap a region
        // that only this `&mut` handle reaches.
        unsafe { copy_bytes(src.as_ptr(), self.ptr.as_ptr().add(self.len), n) };
        self.len += n;
    }

    /// Appends `cnt` copies of `byte`.
    pub(crate) fn extend_with(&mut self, byte: u8, cnt: usize) {
        if self.cap - self.len < cnt {
            self.reserve_inner(cnt, true);
        }
        // SAFETY: `len + cnt <= cap` after the reserve, inside this handle's region.
        unsafe { ptr::write_bytes(self.ptr.as_ptr().add(self.len), byte, cnt) };
        self.len += cnt;
    }

    /// Appends a copy of `begin .. end` of the contents (caller checked
    /// `begin <= end <= len`).
    pub(crate) fn extend_from_within(&mut self, begin: usize, end: usize) {
        debug_assert!(begin <= end && end <= self.len);
        let n = end - begin;
        if self.cap - self.len < n {
            self.reserve_inner(n, true);
        }
        // SAFETY: 1. source `begin .. end` is initialized contents, destination
        // `len .. len + n` is spare room (reserved above): they do not overlap;
        // 2. both lie in this handle's region, re-read after the reserve.
        unsafe {
            let base = self.ptr.as_ptr();
            ptr::copy_nonoverlapping(base.add(begin), base.add(self.len), n);
        }
        self.len += n;
    }

    /// Moves the start forward by `n <= cap` bytes, dropping them.
    #[inline]
    pub(crate) fn advance_start(&mut self, n: usize) {
        assert!(
            n <= self.cap,
            "internal: advance {n} past capacity {}",
            self.cap
        );
        // SAFETY: `n <= cap`, so the new start is inside the region or one
        // past its end.
        self.ptr = unsafe { self.ptr.add(n) };
        self.len = self.len.saturating_sub(n);
        self.cap -= n;
    }

    /// A second handle to the same region. Private: until the caller narrows
    /// one of the two, they overlap and break invariant 7.
    #[inline]
    fn shallow_clone(&mut self) -> RawBytesMut {
        RawBytesMut {
            ptr: self.ptr,
            len: self.len,
            cap: self.cap,
            owner: self.owner.as_mut().map(SharedRef::share),
        }
    }

    /// Splits off `at .. cap` (the caller checked `at <= cap`).
    pub(crate) fn split_off(&mut self, at: usize) -> RawBytesMut {
        let mut tail = self.shallow_clone();
        tail.advance_start(at);
        self.cap = at;
        self.len = self.len.min(at);
        // The two regions are now `.. at` and `at ..`: invariant 7 holds.
        tail
    }

    /// Splits off `0 .. at` (the caller checked `at <= len`).
    pub(crate) fn split_to(&mut self, at: usize) -> RawBytesMut {
        let mut head = self.shallow_clone();
        self.advance_start(at);
        head.cap = at;
        head.len = at;
        // The two regions are now `.. at` and `at ..`: invariant 7 holds.
        head
    }

    /// Freezes into an immutable view, keeping the same storage.
    #[inline]
    pub(crate) fn freeze(self) -> RawBytes {
        let RawBytesMut {
            ptr, len, owner, ..
        } = self;
        RawBytes::from_parts(ptr, len, owner)
    }

    /// Rejoins `other` when it starts right where this handle's contents end,
    /// in the same buffer (so this handle is full). Hands it back otherwise.
    pub(crate) fn try_unsplit(&mut self, other: RawBytesMut) -> Result<(), RawBytesMut> {
        if other.cap == 0 {
            return Ok(());
        }
        let adjacent = self.ptr.as_ptr().wrapping_add(self.len) == other.ptr.as_ptr();
        match (&self.owner, &other.owner) {
            (Some(a), Some(b)) if adjacent && a.same(b) => {
                // Regions are disjoint (invariant 7), so adjacency at `len`
                // means `len == cap` and the two regions are contiguous parts
                // of one data region: the sums stay within it.
                self.len += other.len;
                self.cap += other.cap;
                Ok(())
            }
            _ => Err(other),
        }
    }

    /// Makes room for `additional` more bytes. Returns whether it succeeded;
    /// with `allocate == false` it only reuses room in the current buffer.
    ///
    /// # Panics
    ///
    /// With `allocate`, if `len + additional` overflows the largest buffer;
    /// aborts through `handle_alloc_error` if the allocator fails.
    #[track_caller]
    pub(crate) fn reserve_inner(&mut self, additional: usize, allocate: bool) -> bool {
        match self.try_reserve_inner(additional, allocate) {
            Ok(done) => done,
            Err(failure) => failure.raise("BytesMut::reserve", self.len, additional),
        }
    }

    /// `reserve_inner` that reports overflow and allocator failure, leaving
    /// the buffer as it was. `Ok(false)` only with `allocate == false`.
    pub(crate) fn try_reserve_inner(
        &mut self,
        additional: usize,
        allocate: bool,
    ) -> Result<bool, AllocFailure> {
        let len = self.len;
        let needed = match len.checked_add(additional) {
            Some(needed) if needed <= MAX_INLINE_CAP => needed,
            _ if !allocate => return Ok(false),
            _ => return Err(AllocFailure::CapacityOverflow),
        };
        if self.cap >= needed {
            return Ok(true);
        }
        let fresh_cap = match &mut self.owner {
            Some(owner) if owner.is_unique() => {
                let base = owner.buf();
                let total = owner.cap();
                // The region lies in the data region (invariant 7).
                let offset = self.ptr.as_ptr().addr() - base.as_ptr().addr();
                if total - offset >= needed {
                    // The only handle may claim the rest of the region.
                    self.cap = total - offset;
                    return Ok(true);
                }
                if total >= needed && offset >= len {
                    // An emptied buffer (a connection's read buffer, once its
                    // last frame was split off and dropped) moves nothing.
                    if len > 0 {
                        // SAFETY: 1. this is the only handle, so the whole
                        // data region is ours; 2. `offset >= len`, so
                        // `base .. base+len` and `ptr .. ptr+len` do not
                        // overlap.
                        unsafe { ptr::copy_nonoverlapping(self.ptr.as_ptr(), base.as_ptr(), len) };
                    }
                    self.ptr = base;
                    self.cap = total;
                    return Ok(true);
                }
                if !allocate {
                    return Ok(false);
                }
                let grown = needed.max(total.saturating_mul(2)).min(MAX_INLINE_CAP);
                if offset == 0 && owner.try_grow_in_place(grown)? {
                    self.ptr = owner.buf();
                    self.cap = owner.cap();
                    return Ok(true);
                }
                grown
            }
            Some(owner) => {
                if !allocate {
                    return Ok(false);
                }
                needed.max(owner.cap().min(KEEP_CAP_LIMIT))
            }
            None => {
                if !allocate {
                    return Ok(false);
                }
                needed.max(MIN_FRESH_CAP)
            }
        };
        let mut fresh = RawBytesMut::try_with_capacity(fresh_cap)?;
        // `fresh_cap >= needed >= len`: the copy fits without growing.
        fresh.extend_from_slice(self.as_slice());
        // Dropping the old handle after the copy releases the old buffer
        // (back to its pool, if it has one).
        *self = fresh;
        Ok(true)
    }

    /// Converts into a `Vec<u8>`, reusing a unique adopted `Vec` buffer.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        self.freeze().into_vec()
    }

    /// Checks invariants 6 and 7, as far as one handle can see them, and
    /// invariants 1 and 2 of the header behind the buffer.
    ///
    /// # Panics
    ///
    /// With a message naming the broken invariant and the numbers, if one is
    /// broken.
    pub(crate) fn assert_invariants(&self) {
        let (ptr, len, cap) = (self.ptr.as_ptr().addr(), self.len, self.cap);
        assert!(
            len <= cap,
            "memkit-bytes invariant 6 (len <= cap) broken: BytesMut len {len} > cap {cap}"
        );
        match &self.owner {
            None => assert!(
                cap == 0 && self.ptr == NonNull::dangling(),
                "memkit-bytes invariant 6 (no storage means cap 0 and a dangling \
                 pointer) broken: BytesMut without storage has cap {cap} at {ptr:#x}"
            ),
            Some(owner) => {
                owner.assert_invariants();
                let (buf, region_cap) = owner.region();
                let end = ptr.checked_add(cap);
                assert!(
                    buf <= ptr && end.is_some_and(|end| end <= buf + region_cap),
                    "memkit-bytes invariant 7 (ptr + cap within storage) broken: \
                     BytesMut {ptr:#x} + {cap} is outside its storage {buf:#x}..{:#x}",
                    buf + region_cap
                );
                assert!(
                    owner.is_mutable(),
                    "memkit-bytes invariant 7 (storage is never Owner) broken: \
                     BytesMut holds a from_owner buffer"
                );
            }
        }
    }
}

// SAFETY: the handle reaches its region alone (invariant 7); the owner handle
// is Send + Sync.
unsafe impl Send for RawBytesMut {}
// SAFETY: `&RawBytesMut` only reads the region.
unsafe impl Sync for RawBytesMut {}
