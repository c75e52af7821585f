//! Test support shared by the memkit crates' test suites: the proptest
//! configuration, a panic catcher that keeps expected panics quiet, and a
//! hasher that keeps a key as its hash.
//!
//! Add it as a dev-dependency:
//!
//! ```toml
//! [dev-dependencies]
//! memkit-testkit = { path = "../memkit-testkit" }
//! ```
//!
//! # Examples
//!
//! ```
//! use memkit_testkit::{config, quiet};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     #![proptest_config(config())]
//!     fn out_of_range_index_panics(len in 0usize..16, i in 0usize..32) {
//!         let v = vec![0u8; len];
//!         prop_assert_eq!(quiet(|| v[i]).is_some(), i < len);
//!     }
//! }
//! out_of_range_index_panics();
//! ```
#![doc(test(attr(deny(warnings))))]

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use proptest::test_runner::Config;

mod identity_hasher;

pub use identity_hasher::IdentityHasher;

/// The proptest configuration of memkit's property tests.
///
/// It starts from `Config::default()`, which reads `PROPTEST_CASES` (unlike
/// `Config::with_cases`, which would override it). Only when the variable
/// is unset does it choose the case count: 256, or 4 under Miri. Under Miri
/// failure persistence is off, since Miri's isolation forbids the file
/// system.
///
/// # Examples
///
/// ```
/// let config = memkit_testkit::config();
/// if std::env::var_os("PROPTEST_CASES").is_none() {
///     assert_eq!(config.cases, 256);
/// }
/// ```
#[must_use]
pub fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = if cfg!(miri) { 4 } else { 256 };
    }
    if cfg!(miri) {
        config.failure_persistence = None;
    }
    config
}

thread_local! {
    /// Whether a panic on this thread is expected and must not be printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic without printing it: `Some` with `f`'s result,
/// or `None` if it panicked.
///
/// The first call installs a panic hook that stays silent on a thread while
/// it runs `quiet`, and calls the previous hook otherwise, so panics
/// elsewhere (a failing assertion) are still reported.
///
/// # Examples
///
/// ```
/// use memkit_testkit::quiet;
///
/// let v = vec![1, 2, 3];
/// assert_eq!(quiet(|| v[1]), Some(2));
/// assert_eq!(quiet(|| v[7]), None); // panicked, printed nothing
/// ```
pub fn quiet<R>(f: impl FnOnce() -> R) -> Option<R> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.replace(true);
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.set(was_quiet);
    r.ok()
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
