//! Group `std`: the standard-library costs the guide puts numbers or
//! verdicts on, measured so each claim can be checked on this machine.
//!
//! Not a memkit comparison (except `bump_vs_box_1m`, which uses
//! `memkit_arena::Bump`): side A is the type the guide warns about or
//! recommends, relabelled, and the ratio is A / B.
//!
//! | case | A | B | the guide's claim |
//! |---|---|---|---|
//! | `arc_clone_vs_rc_clone` | `Arc` | `Rc` | an `Rc` clone costs about 1 ns, an `Arc` clone 2–3 ns |
//! | `bump_vs_box_1m` | `Bump` | `Box` | 1M bump allocations are about 10× faster than 1M `Box`es (5 ms against 50 ms) |
//! | `refcell_borrow_mut_vs_cell_set` | `RefCell` | `Cell` | `RefCell` pays a run-time borrow check that `Cell` does not |
//! | `rwlock_read_vs_mutex_lock` | `RwLock` | `Mutex` | `RwLock` serves readers; uncontended, a read costs about a lock |
//! | `cow_borrowed_vs_string` | `Cow` | `String` | `Cow` allocates only when something changes |

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::hint::black_box;
use std::rc::Rc;
use std::sync::{Arc, Mutex, RwLock};

use crate::harness::{Case, Runner, runner};

const GROUP: &str = "std";

/// Allocations per operation of `bump_vs_box_1m`: the guide's "1M".
const MILLION: usize = if cfg!(test) { 1_000 } else { 1_000_000 };

/// Op: clone an `Arc` and drop the clone.
fn arc_clone() -> Runner {
    let p = Arc::new(0u64);
    runner(move |n| {
        for _ in 0..n {
            black_box(Arc::clone(&p));
        }
    })
}

/// Op: clone an `Rc` and drop the clone.
fn rc_clone() -> Runner {
    let p = Rc::new(0u64);
    runner(move |n| {
        for _ in 0..n {
            black_box(Rc::clone(&p));
        }
    })
}

/// Op: 1M `u64`s bump-allocated and kept alive, then all freed by `reset`.
fn bump_1m() -> Runner {
    let mut bump = memkit_arena::Bump::with_capacity(MILLION * 8 + 64);
    let mut keep: Vec<*const u64> = Vec::with_capacity(MILLION);
    runner(move |n| {
        for _ in 0..n {
            for i in 0..MILLION as u64 {
                keep.push(bump.alloc(black_box(i)));
            }
            black_box(&keep);
            keep.clear();
            bump.reset();
        }
    })
}

/// Op: 1M `Box<u64>`s kept alive, then all dropped.
fn box_1m() -> Runner {
    let mut keep: Vec<Box<u64>> = Vec::with_capacity(MILLION);
    runner(move |n| {
        for _ in 0..n {
            for i in 0..MILLION as u64 {
                keep.push(Box::new(black_box(i)));
            }
            black_box(&keep);
            keep.clear();
        }
    })
}

/// Op: one `*cell.borrow_mut() = i` (borrow flag checked, set, reset).
fn refcell_borrow_mut() -> Runner {
    let cell = RefCell::new(0u64);
    runner(move |n| {
        for i in 0..n {
            *black_box(&cell).borrow_mut() = black_box(i);
        }
        *cell.borrow()
    })
}

/// Op: one `cell.set(i)`.
fn cell_set() -> Runner {
    let cell = Cell::new(0u64);
    runner(move |n| {
        for i in 0..n {
            black_box(&cell).set(black_box(i));
        }
        cell.get()
    })
}

/// Op: take an uncontended `RwLock` read guard, read, release.
fn rwlock_read() -> Runner {
    let lock = RwLock::new(7u64);
    runner(move |n| {
        let mut sum = 0u64;
        for _ in 0..n {
            let guard = black_box(&lock)
                .read()
                .expect("std/rwlock_read: the lock is never poisoned");
            sum = sum.wrapping_add(*guard);
        }
        sum
    })
}

/// Op: take an uncontended `Mutex` guard, read, release.
fn mutex_lock() -> Runner {
    let lock = Mutex::new(7u64);
    runner(move |n| {
        let mut sum = 0u64;
        for _ in 0..n {
            let guard = black_box(&lock)
                .lock()
                .expect("std/mutex_lock: the lock is never poisoned");
            sum = sum.wrapping_add(*guard);
        }
        sum
    })
}

/// A 64-byte identifier with no space in it: nothing to change.
const CLEAN: &str = "content_length_of_the_request_body_in_bytes_as_sent_by_client_01";

/// The guide's `Cow` function: strips spaces, allocating only if there are
/// any.
fn remove_spaces_cow(input: &str) -> Cow<'_, str> {
    if input.contains(' ') {
        Cow::Owned(input.replace(' ', ""))
    } else {
        Cow::Borrowed(input)
    }
}

/// Op: `remove_spaces_cow` on a string with no spaces (returns `Borrowed`).
fn cow_borrowed() -> Runner {
    runner(|n| {
        let mut len = 0usize;
        for _ in 0..n {
            len = len.wrapping_add(black_box(remove_spaces_cow(black_box(CLEAN))).len());
        }
        len
    })
}

/// Op: the same function written to always return an owned `String`.
fn string_owned() -> Runner {
    runner(|n| {
        let mut len = 0usize;
        for _ in 0..n {
            len = len.wrapping_add(black_box(black_box(CLEAN).replace(' ', "")).len());
        }
        len
    })
}

/// The `std` group's cases.
pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        arc_clone_vs_rc_clone => arc_clone, rc_clone, "Rc", subject_label("Arc");
        bump_vs_box_1m => bump_1m, box_1m, "Box", subject_label("Bump");
        refcell_borrow_mut_vs_cell_set =>
            refcell_borrow_mut, cell_set, "Cell", subject_label("RefCell");
        rwlock_read_vs_mutex_lock => rwlock_read, mutex_lock, "Mutex", subject_label("RwLock");
        cow_borrowed_vs_string => cow_borrowed, string_owned, "String", subject_label("Cow");
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cow_borrows_clean_input_and_owns_changed_input() {
        assert!(matches!(remove_spaces_cow(CLEAN), Cow::Borrowed(_)));
        assert_eq!(CLEAN.len(), 64);
        let changed = remove_spaces_cow("a b c");
        assert!(matches!(changed, Cow::Owned(_)));
        assert_eq!(changed, "abc");
    }
}
