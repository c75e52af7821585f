//! The one unsafe read of the `bump` target: allocations of an outer level
//! re-read by address once a nested scope has ended.
//!
//! Invariants: a [`Kept`] is made from a live byte allocation of a `Bump`,
//! and read only while that `Bump` is alive and has not been reset (nor
//! reset to a checkpoint taken before the allocation), because the `bump`
//! target checks kept allocations right after the nested scope returns, in
//! the level that made them.

/// A byte allocation whose reference was dropped, kept by address.
#[derive(Debug)]
pub(crate) struct Kept {
    ptr: *const u8,
    model: Vec<u8>,
}

impl Kept {
    /// Keeps `bytes`, which should hold `model`.
    pub(crate) fn new(bytes: &mut [u8], model: Vec<u8>) -> Kept {
        Kept {
            ptr: bytes.as_ptr(),
            model,
        }
    }
}

/// Asserts that every kept allocation still holds its model.
///
/// # Panics
///
/// When one changed; `when` says at which point.
pub(crate) fn check_kept(kept: &[Kept], when: &str) {
    for k in kept {
        // SAFETY: by the module's invariants, `k.ptr` points to
        // `k.model.len()` initialised bytes of a live allocation that no
        // reference aliases mutably (the nested scope that borrowed the
        // `Bump` has returned).
        let now = unsafe { core::slice::from_raw_parts(k.ptr, k.model.len()) };
        assert_eq!(now, &k.model[..], "an outer allocation changed {when}");
    }
}
