//! Every panic names the operation and the numbers involved, after
//! bumpalo's own phrase where bumpalo has one ("out of memory", "capacity
//! overflow", "Iterator supplied too few elements", ...), so that a test
//! written for bumpalo with `#[should_panic(expected = …)]` still passes.

use std::panic::{AssertUnwindSafe, catch_unwind};

use memkit_arena::Bump;
use memkit_arena::collections::{String, Vec};

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce()) -> std::string::String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("no panic");
    if let Some(s) = payload.downcast_ref::<std::string::String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else {
        panic!("a panic without a message")
    }
}

/// Asserts that `msg` contains each of `parts`.
fn assert_mentions(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "{msg:?} does not mention {p:?}");
    }
}

/// An element count whose size in `u64`s overflows `isize::MAX` bytes.
const HUGE: usize = usize::MAX / 4;

#[test]
fn slice_fill_size_overflow_is_out_of_memory() {
    let bump = Bump::new();
    let huge = HUGE.to_string();
    let cases: [(&str, &dyn Fn()); 5] = [
        ("Bump::alloc_slice_fill_with", &|| {
            bump.alloc_slice_fill_with(HUGE, |i| i as u64);
        }),
        ("Bump::alloc_slice_fill_copy", &|| {
            bump.alloc_slice_fill_copy(HUGE, 0u64);
        }),
        ("Bump::alloc_slice_fill_clone", &|| {
            bump.alloc_slice_fill_clone(HUGE, &0u64);
        }),
        ("Bump::alloc_slice_fill_default", &|| {
            bump.alloc_slice_fill_default::<u64>(HUGE);
        }),
        ("Bump::alloc_slice_fill_iter", &|| {
            bump.alloc_slice_fill_iter((0..HUGE).map(|i| i as u64));
        }),
    ];
    for (op, f) in cases {
        let msg = panic_message(f);
        assert_mentions(
            &msg,
            &[
                "out of memory",
                "requested allocation size overflowed",
                op,
                &huge,
                "8 bytes",
            ],
        );
    }
    let msg = panic_message(|| {
        bump.alloc_slice_try_fill_with(HUGE, |i| Ok::<u64, ()>(i as u64))
            .ok();
    });
    assert_mentions(
        &msg,
        &["out of memory", "Bump::alloc_slice_try_fill_with", &huge],
    );
}

#[test]
fn allocation_failure_names_the_operation_and_size() {
    let bump = Bump::new();
    bump.set_allocation_limit(Some(0));
    let msg = panic_message(|| {
        bump.alloc([0u8; 40]);
    });
    assert_mentions(
        &msg,
        &["out of memory", "Bump::alloc", "40 bytes", "limit Some(0)"],
    );
    let msg = panic_message(|| {
        bump.alloc_str("hello");
    });
    assert_mentions(&msg, &["out of memory", "Bump::alloc_str", "5 bytes"]);
    let msg = panic_message(|| {
        bump.alloc_slice_copy(&[1u32, 2, 3]);
    });
    assert_mentions(
        &msg,
        &["out of memory", "Bump::alloc_slice_copy", "12 bytes"],
    );
    let msg = panic_message(|| {
        let _ = Bump::with_capacity(usize::MAX);
    });
    assert_mentions(
        &msg,
        &[
            "out of memory",
            "Bump::with_capacity",
            &usize::MAX.to_string(),
        ],
    );
}

#[test]
fn short_iterator_names_the_lengths() {
    /// Claims three items, yields one.
    struct Liar(u8);
    impl Iterator for Liar {
        type Item = u8;
        fn next(&mut self) -> Option<u8> {
            self.0 = self.0.checked_sub(1)?;
            Some(self.0)
        }
    }
    impl ExactSizeIterator for Liar {
        fn len(&self) -> usize {
            3
        }
    }
    let bump = Bump::new();
    let msg = panic_message(|| {
        bump.alloc_slice_fill_iter(Liar(1));
    });
    assert_mentions(
        &msg,
        &[
            "Iterator supplied too few elements",
            "Bump::alloc_slice_fill_iter",
            "3",
            "after 1",
        ],
    );
}

#[test]
fn vec_capacity_overflow_names_the_operation_and_numbers() {
    let bump = Bump::new();
    let mut v = Vec::<u64>::new_in(&bump);
    v.push(1);
    let msg = panic_message(|| v.reserve(usize::MAX));
    assert_mentions(
        &msg,
        &[
            "capacity overflow",
            "Vec::reserve",
            "1 + ",
            &usize::MAX.to_string(),
        ],
    );
    let msg = panic_message(|| v.reserve_exact(HUGE));
    assert_mentions(
        &msg,
        &["capacity overflow", "Vec::reserve_exact", &HUGE.to_string()],
    );
    let msg = panic_message(|| {
        Vec::<u64>::with_capacity_in(HUGE, &bump);
    });
    assert_mentions(&msg, &["capacity overflow", "Vec::with_capacity_in"]);
}

#[test]
fn vec_allocation_failure_panics_instead_of_aborting() {
    let bump = Bump::new();
    bump.set_allocation_limit(Some(0));
    let mut v = Vec::<u64>::new_in(&bump);
    let msg = panic_message(|| v.push(1));
    assert_mentions(
        &msg,
        &["out of memory", "Vec::push", "0 + 1 elements of 8 bytes"],
    );
    let msg = panic_message(|| v.reserve(10));
    assert_mentions(&msg, &["out of memory", "Vec::reserve", "0 + 10"]);
    let msg = panic_message(|| v.extend(0..5u64));
    assert_mentions(&msg, &["out of memory", "Vec::extend"]);
    let msg = panic_message(|| v.insert(0, 1));
    assert_mentions(&msg, &["out of memory", "Vec::insert"]);
    let msg = panic_message(|| v.resize(3, 0));
    assert_mentions(&msg, &["out of memory", "Vec::resize"]);
    let mut s = String::new_in(&bump);
    let msg = panic_message(|| s.push_str("abc"));
    assert_mentions(&msg, &["out of memory", "3 elements of 1 bytes"]);
}

#[test]
fn vec_index_panics_carry_bumpalos_phrase_and_numbers() {
    let bump = Bump::new();
    let mut v = memkit_arena::vec![in &bump; 1, 2, 3];
    let msg = panic_message(|| v.insert(5, 0));
    assert_mentions(
        &msg,
        &[
            "assertion failed: index <= len",
            "Vec::insert",
            "index 5",
            "len 3",
        ],
    );
    let msg = panic_message(|| {
        v.remove(3);
    });
    assert_mentions(
        &msg,
        &[
            "assertion failed: index < len",
            "Vec::remove",
            "index 3",
            "len 3",
        ],
    );
    let msg = panic_message(|| {
        v.swap_remove(7);
    });
    assert_mentions(
        &msg,
        &[
            "assertion failed: index < len",
            "Vec::swap_remove",
            "index 7",
        ],
    );
    let msg = panic_message(|| {
        v.split_off(4);
    });
    assert_mentions(
        &msg,
        &["`at` out of bounds", "Vec::split_off", "at 4", "len 3"],
    );
    assert_eq!(v, [1, 2, 3]);
    assert_eq!(v.split_off(1), [2, 3]);
}
