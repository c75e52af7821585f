//! `RawBytes`: an immutable view of shared or static bytes (invariants 4–5).

use alloc::vec::Vec;
use core::ptr::{self, NonNull};
use core::slice;

use super::{RawBytesMut, SharedRef};

/// The guts of `Bytes`: `ptr .. ptr + len`, kept alive by `owner`.
pub(crate) struct RawBytes {
    ptr: NonNull<u8>,
    len: usize,
    /// `None` for static or empty bytes.
    owner: Option<SharedRef>,
}

// Three words: the header handle uses the null niche.
const _: () = assert!(core::mem::size_of::<RawBytes>() == 3 * core::mem::size_of::<usize>());

impl RawBytes {
    /// Borrows a static slice; no allocation, no count.
    #[inline]
    pub(crate) const fn from_static(bytes: &'static [u8]) -> RawBytes {
        RawBytes {
            // A slice's pointer is never null.
            ptr: NonNull::from_ref(bytes).cast::<u8>(),
            len: bytes.len(),
            owner: None,
        }
    }

    /// An empty view at `addr`, tied to no allocation.
    #[inline]
    pub(crate) fn empty_at(ptr: NonNull<u8>) -> RawBytes {
        // An empty slice may sit at any non-null address; dropping the
        // provenance keeps the view from pinning the allocation it came from.
        let ptr = NonNull::new(ptr::without_provenance_mut::<u8>(ptr.as_ptr().addr()))
            .unwrap_or(NonNull::dangling());
        RawBytes {
            ptr,
            len: 0,
            owner: None,
        }
    }

    /// Takes ownership of `vec`'s buffer without copying (one header allocation).
    pub(crate) fn from_vec(vec: Vec<u8>) -> RawBytes {
        match SharedRef::from_vec(vec) {
            Some((owner, ptr, len)) => RawBytes {
                ptr,
                len,
                owner: Some(owner),
            },
            None => RawBytes::from_static(&[]),
        }
    }

    /// Keeps `owner` alive for as long as any view of its bytes exists.
    pub(crate) fn from_owner<T: AsRef<[u8]> + Send + 'static>(owner: T) -> RawBytes {
        let owner = SharedRef::from_owner(owner);
        RawBytes {
            ptr: owner.buf(),
            len: owner.cap(),
            owner: Some(owner),
        }
    }

    /// Builds a view from parts the caller checked (invariant 4).
    pub(super) fn from_parts(ptr: NonNull<u8>, len: usize, owner: Option<SharedRef>) -> RawBytes {
        RawBytes { ptr, len, owner }
    }

    #[inline]
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    /// The bytes as a `'static` slice when no storage keeps them alive
    /// (static or empty views).
    #[cfg(feature = "bytes1")]
    #[inline]
    pub(crate) fn as_static(&self) -> Option<&'static [u8]> {
        if self.owner.is_some() {
            return None;
        }
        // SAFETY: with no owner, `ptr .. ptr + len` is a `&'static [u8]` or
        // empty at a non-null address (invariant 5).
        Some(unsafe { slice::from_raw_parts(self.ptr.as_ptr(), self.len) })
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[u8] {
        // SAFETY: `ptr .. ptr + len` is initialized and kept alive by `owner`
        // or is static (invariants 4, 5), and is never written while shared.
        unsafe { slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    /// Whether this is the only view of a heap buffer that may be mutated.
    #[inline]
    pub(crate) fn is_unique(&self) -> bool {
        self.owner
            .as_ref()
            .is_some_and(|o| o.is_mutable() && o.is_unique())
    }

    /// A view of `begin .. end` of this one, sharing the buffer.
    ///
    /// The caller checked `begin <= end <= len`.
    #[inline]
    pub(crate) fn slice(&self, begin: usize, end: usize) -> RawBytes {
        debug_assert!(begin <= end && end <= self.len);
        if begin == end {
            return RawBytes::empty_at(self.at(begin));
        }
        RawBytes {
            ptr: self.at(begin),
            len: end - begin,
            owner: self.owner.clone(),
        }
    }

    /// Pointer `n` bytes in, `n <= len`.
    #[inline]
    fn at(&self, n: usize) -> NonNull<u8> {
        assert!(
            n <= self.len,
            "internal: offset {n} past length {}",
            self.len
        );
        // SAFETY: `n <= len`, so the result is inside the view or one past it.
        unsafe { self.ptr.add(n) }
    }

    /// Drops the first `n` bytes from the view. The caller checked `n <= len`.
    #[inline]
    pub(crate) fn advance(&mut self, n: usize) {
        self.ptr = self.at(n);
        self.len -= n;
    }

    /// Shortens the view to `len` bytes if it is longer. Truncating to zero
    /// lets go of the storage, as an empty view needs none.
    #[inline]
    pub(crate) fn truncate(&mut self, len: usize) {
        if len == 0 {
            // Replace first, then drop: an owner's `Drop` that panics leaves
            // `self` a valid empty view.
            let start = self.ptr;
            drop(core::mem::replace(self, RawBytes::empty_at(start)));
        } else if len < self.len {
            self.len = len;
        }
    }

    /// Splits off `at .. len` (the caller checked `at <= len`).
    pub(crate) fn split_off(&mut self, at: usize) -> RawBytes {
        if at == 0 {
            let start = self.ptr;
            return core::mem::replace(self, RawBytes::empty_at(start));
        }
        let tail = self.slice(at, self.len);
        self.len = at;
        tail
    }

    /// Splits off `0 .. at` (the caller checked `at <= len`).
    pub(crate) fn split_to(&mut self, at: usize) -> RawBytes {
        if at == self.len {
            let end = self.at(at);
            return core::mem::replace(self, RawBytes::empty_at(end));
        }
        let head = self.slice(0, at);
        self.advance(at);
        head
    }

    /// Rejoins `other` to the end of `self` when both are adjacent views of
    /// one heap buffer. Hands `other` back otherwise.
    pub(crate) fn try_unsplit(&mut self, other: RawBytes) -> Result<(), RawBytes> {
        if other.len == 0 {
            return Ok(());
        }
        if self.len == 0 {
            *self = other;
            return Ok(());
        }
        let adjacent = self.ptr.as_ptr().wrapping_add(self.len) == other.ptr.as_ptr();
        match (&self.owner, &other.owner) {
            (Some(a), Some(b)) if adjacent && a.same(b) => {
                // Both lie in one data region (invariant 4), so the joined
                // length is within it too and cannot overflow.
                self.len += other.len;
                Ok(())
            }
            _ => Err(other),
        }
    }

    /// Turns a unique view into a mutable buffer without copying, or copies.
    pub(crate) fn into_mut(self) -> RawBytesMut {
        match self.try_into_mut() {
            Ok(m) => m,
            Err(shared) => RawBytesMut::copy_from_slice(shared.as_slice()),
        }
    }

    /// Turns a unique view into a mutable buffer without copying; hands the
    /// view back when the buffer is shared, static or user-owned.
    pub(crate) fn try_into_mut(self) -> Result<RawBytesMut, RawBytes> {
        if !self.is_unique() {
            return Err(self);
        }
        let RawBytes { ptr, len, owner } = self;
        let owner = owner.expect("internal: unique view without owner");
        // The view lies in the data region (invariant 4), so this cannot
        // underflow. Being the only handle, it may claim the rest of the region.
        let offset = ptr.as_ptr().addr() - owner.buf().as_ptr().addr();
        let cap = owner.cap() - offset;
        Ok(RawBytesMut::from_parts(ptr, len, cap, owner))
    }

    /// Converts into a `Vec<u8>`, reusing a unique adopted `Vec` buffer.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        let RawBytes { ptr, len, owner } = self;
        let Some(owner) = owner else {
            return RawBytes::from_parts(ptr, len, None).as_slice().to_vec();
        };
        let offset = ptr.as_ptr().addr() - owner.buf().as_ptr().addr();
        match owner.try_into_vec() {
            Ok(mut vec) => {
                // SAFETY: 1. we held the only handle, so the buffer is ours;
                // 2. `offset .. offset + len` is initialized and inside the
                // buffer (invariant 4); `ptr::copy` allows overlap.
                unsafe {
                    ptr::copy(vec.as_ptr().add(offset), vec.as_mut_ptr(), len);
                    vec.set_len(len);
                }
                vec
            }
            Err(owner) => RawBytes::from_parts(ptr, len, Some(owner))
                .as_slice()
                .to_vec(),
        }
    }

    /// Checks invariants 4 and 5, and invariants 1 and 2 of the header
    /// behind the view.
    ///
    /// # Panics
    ///
    /// With a message naming the broken invariant and the numbers, if one is
    /// broken.
    pub(crate) fn assert_invariants(&self) {
        let ptr = self.ptr.as_ptr().addr();
        let len = self.len;
        let Some(end) = ptr.checked_add(len) else {
            panic!("memkit-bytes: Bytes view {ptr:#x} + {len} wraps around the address space")
        };
        match &self.owner {
            Some(owner) => {
                owner.assert_invariants();
                let (buf, cap) = owner.region();
                assert!(
                    buf <= ptr && end <= buf + cap,
                    "memkit-bytes invariant 4 (view within storage) broken: Bytes view \
                     {ptr:#x}..{end:#x} is outside its storage {buf:#x}..{:#x}",
                    buf + cap
                );
            }
            None => assert!(
                len <= isize::MAX as usize,
                "memkit-bytes invariant 5 (static or empty) broken: Bytes view without \
                 storage has len {len} > isize::MAX"
            ),
        }
    }
}

impl Clone for RawBytes {
    #[inline]
    fn clone(&self) -> RawBytes {
        RawBytes {
            ptr: self.ptr,
            len: self.len,
            owner: self.owner.clone(),
        }
    }
}

// SAFETY: the view only reads its bytes, which no one writes while it exists
// (invariant 4); the owner handle is Send + Sync.
unsafe impl Send for RawBytes {}
// SAFETY: as for Send.
unsafe impl Sync for RawBytes {}
