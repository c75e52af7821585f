//! [`Scope`]: a region of a [`Bump`] freed when its closure returns.

use core::fmt;
use core::marker::PhantomData;

use super::{Bump, Checkpoint};

/// Runs `f` in a new scope of `bump` and rewinds `bump` when it returns or
/// unwinds.
pub(super) fn run_scope<const M: usize, R>(
    bump: &Bump<M>,
    f: impl for<'s> FnOnce(&mut Scope<'s, M>) -> R,
) -> R {
    /// Rewinds on exit, also when `f` unwinds.
    struct Restore<'b, const M: usize> {
        bump: &'b Bump<M>,
        cp: Checkpoint,
    }
    impl<const M: usize> Drop for Restore<'_, M> {
        fn drop(&mut self) {
            // SAFETY: 1. `cp` was taken from `bump` just before `f` ran;
            // 2. `f` could only allocate through its `Scope` (the outer
            // `Bump` or `Scope` is mutably borrowed), could not reset past
            // `cp` safely, and nothing it allocated outlives it (the
            // lifetime of the `Scope` borrow is local to `f`).
            unsafe { self.bump.reset_to(self.cp) }
        }
    }
    let _restore = Restore {
        bump,
        cp: bump.checkpoint(),
    };
    let mut scope = Scope {
        bump,
        _invariant: PhantomData,
    };
    f(&mut scope)
}

/// A scope of a [`Bump`], given to the closure of [`Bump::scope`]. It
/// dereferences to the `Bump`, so every allocation method works on it;
/// everything allocated through it is freed when the scope ends.
///
/// Scopes nest through [`Scope::scope`].
///
/// # Examples
///
/// ```
/// let mut bump = memkit_arena::Bump::new();
/// bump.scope(|outer| {
///     let a = *outer.alloc(1);
///     let b = outer.scope(|inner| *inner.alloc(2));
///     assert_eq!(a + b, 3);
/// });
/// ```
pub struct Scope<'s, const MIN_ALIGN: usize = 1> {
    bump: &'s Bump<MIN_ALIGN>,
    /// Invariant in `'s`: two scopes never have the same type, so they
    /// cannot be swapped.
    _invariant: PhantomData<fn(&'s ()) -> &'s ()>,
}

impl<const MIN_ALIGN: usize> fmt::Debug for Scope<'_, MIN_ALIGN> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Scope").field(self.bump).finish()
    }
}

impl<const MIN_ALIGN: usize> core::ops::Deref for Scope<'_, MIN_ALIGN> {
    type Target = Bump<MIN_ALIGN>;

    fn deref(&self) -> &Bump<MIN_ALIGN> {
        self.bump
    }
}

impl<const MIN_ALIGN: usize> Scope<'_, MIN_ALIGN> {
    /// Opens a nested scope; everything allocated through it is freed when
    /// `f` returns. Allocations of this scope cannot be held across it.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut bump = memkit_arena::Bump::new();
    /// let n = bump.scope(|s| s.scope(|t| t.alloc_str("nested").len()));
    /// assert_eq!(n, 6);
    /// ```
    pub fn scope<R>(&mut self, f: impl for<'t> FnOnce(&mut Scope<'t, MIN_ALIGN>) -> R) -> R {
        run_scope(self.bump, f)
    }
}
