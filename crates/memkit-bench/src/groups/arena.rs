//! Group `arena`: `memkit_arena` against bumpalo 3, typed-arena 2 and
//! `Box`.
//!
//! Bump cases are written once in `bump_bodies!` and instantiated for
//! each crate (the APIs match), so the two sides cannot drift apart. Only
//! `reset_loop` differs on purpose: memkit uses `reset_keep_chunks`,
//! bumpalo its `reset` (it has no keep-all reset).

use std::hint::black_box;

use crate::harness::{Case, Runner, runner};

const GROUP: &str = "arena";

/// A 256-byte value.
#[derive(Clone, Copy)]
struct Big(#[expect(dead_code, reason = "a payload, only written")] [u64; 32]);

/// Defines module `$module` with one runner factory per case over the bump
/// crate `$krate`.
macro_rules! bump_bodies {
    ($module:ident, $krate:ident) => {
        #[doc = concat!("Case bodies over `", stringify!($krate), "`.")]
        mod $module {
            use std::hint::black_box;

            use ::$krate::Bump;
            use ::$krate::collections::{String, Vec};

            use super::Big;
            use crate::harness::{Runner, runner};

            /// Op: 10k `alloc(u64)` then `reset`.
            pub(super) fn alloc_u64_10k() -> Runner {
                let mut b = Bump::with_capacity(10_000 * 8 + 64);
                runner(move |n| {
                    for _ in 0..n {
                        for i in 0..10_000u64 {
                            black_box(b.alloc(black_box(i)));
                        }
                        b.reset();
                    }
                })
            }

            /// Op: 10k `alloc_layout` of a layout the compiler cannot see
            /// (24 bytes, align 8), then `reset`.
            pub(super) fn alloc_layout_dyn_10k() -> Runner {
                let mut b = Bump::with_capacity(10_000 * 24 + 64);
                let layout = std::alloc::Layout::from_size_align(24, 8).unwrap();
                runner(move |n| {
                    for _ in 0..n {
                        for _ in 0..10_000 {
                            black_box(b.alloc_layout(black_box(layout)));
                        }
                        b.reset();
                    }
                })
            }

            /// Op: 1k `alloc` of a 256-byte struct then `reset`.
            pub(super) fn alloc_256b_1k() -> Runner {
                let mut b = Bump::with_capacity(1000 * 256 + 64);
                runner(move |n| {
                    for _ in 0..n {
                        for i in 0..1000u64 {
                            black_box(b.alloc(Big([black_box(i); 32])));
                        }
                        b.reset();
                    }
                })
            }

            /// Op: 1k `alloc_slice_copy` of 64 bytes then `reset`.
            pub(super) fn alloc_slice_copy_1k() -> Runner {
                let mut b = Bump::with_capacity(1000 * 64 + 64);
                let src = [7u8; 64];
                runner(move |n| {
                    for _ in 0..n {
                        for _ in 0..1000 {
                            black_box(b.alloc_slice_copy(black_box(&src[..])));
                        }
                        b.reset();
                    }
                })
            }

            /// Op: 1k `alloc_str` of 16 bytes then `reset`.
            pub(super) fn alloc_str_1k() -> Runner {
                let mut b = Bump::with_capacity(1000 * 16 + 64);
                runner(move |n| {
                    for _ in 0..n {
                        for _ in 0..1000 {
                            black_box(b.alloc_str(black_box("sixteen bytes!!!")));
                        }
                        b.reset();
                    }
                })
            }

            /// Op: arena `Vec<u32>`, 10k `push`, drop, `reset`.
            pub(super) fn vec_push_10k() -> Runner {
                let mut b = Bump::with_capacity(1 << 17);
                runner(move |n| {
                    for _ in 0..n {
                        {
                            let mut v = Vec::new_in(&b);
                            for i in 0..10_000u32 {
                                v.push(black_box(i));
                            }
                            black_box(&v);
                        }
                        b.reset();
                    }
                })
            }

            /// Op: arena `Vec<u32>`, 2k × (`reserve_exact(1)`, `push`).
            pub(super) fn vec_push_reserve_exact_2k() -> Runner {
                let mut b = Bump::with_capacity(1 << 17);
                runner(move |n| {
                    for _ in 0..n {
                        {
                            let mut v = Vec::new_in(&b);
                            for i in 0..2_000u32 {
                                v.reserve_exact(1);
                                v.push(black_box(i));
                            }
                            black_box(&v);
                        }
                        b.reset();
                    }
                })
            }

            /// Op: arena `String`, 1k `push_str("abc")`.
            pub(super) fn string_push_1k() -> Runner {
                let mut b = Bump::with_capacity(1 << 14);
                runner(move |n| {
                    for _ in 0..n {
                        {
                            let mut s = String::new_in(&b);
                            for _ in 0..1000 {
                                s.push_str(black_box("abc"));
                            }
                            black_box(&s);
                        }
                        b.reset();
                    }
                })
            }

            /// Op: 1k `Box::pin_in` of a value with drop glue (an empty
            /// `Vec`), each dropped at once, then `reset`.
            pub(super) fn box_pin_in_1k() -> Runner {
                let mut b = Bump::with_capacity(1 << 15);
                runner(move |n| {
                    for _ in 0..n {
                        for _ in 0..1000 {
                            let v: std::vec::Vec<u8> = black_box(std::vec::Vec::new());
                            black_box(::$krate::boxed::Box::pin_in(v, &b));
                        }
                        b.reset();
                    }
                })
            }
        }
    };
}

bump_bodies!(memkit, memkit_arena);
bump_bodies!(peer, bumpalo);

/// Phase peaks of the reset loop, in `u64`s.
const PEAKS: [u64; 8] = [5_000, 300, 1_700, 5_000, 100, 3_300, 4_900, 800];

/// Op: one pass over the phases, each filled then reset (keep-all).
fn memkit_reset_loop() -> Runner {
    let mut b = memkit_arena::Bump::new();
    runner(move |n| {
        for _ in 0..n {
            for &peak in &PEAKS {
                for i in 0..peak {
                    black_box(b.alloc(i));
                }
                b.reset_keep_chunks();
            }
        }
    })
}

/// Op: the same phases with bumpalo's `reset`.
fn peer_reset_loop() -> Runner {
    let mut b = bumpalo::Bump::new();
    runner(move |n| {
        for _ in 0..n {
            for &peak in &PEAKS {
                for i in 0..peak {
                    black_box(b.alloc(i));
                }
                b.reset();
            }
        }
    })
}

/// Op: a fresh `Arena<u64>`, 10k `alloc`, drop.
fn memkit_typed_alloc() -> Runner {
    runner(|n| {
        for _ in 0..n {
            let a = memkit_arena::Arena::new();
            for i in 0..10_000u64 {
                black_box(a.alloc(black_box(i)));
            }
        }
    })
}

fn peer_typed_alloc() -> Runner {
    runner(|n| {
        for _ in 0..n {
            let a = typed_arena::Arena::new();
            for i in 0..10_000u64 {
                black_box(a.alloc(black_box(i)));
            }
        }
    })
}

/// Op: a fresh `Arena<u64>`, 10 × `alloc_extend` of 1000 items, drop.
fn memkit_typed_extend() -> Runner {
    runner(|n| {
        for _ in 0..n {
            let a = memkit_arena::Arena::new();
            for k in 0..10u64 {
                black_box(a.alloc_extend((0..1000u64).map(|i| i + k)));
            }
        }
    })
}

fn peer_typed_extend() -> Runner {
    runner(|n| {
        for _ in 0..n {
            let a = typed_arena::Arena::new();
            for k in 0..10u64 {
                black_box(a.alloc_extend((0..1000u64).map(|i| i + k)));
            }
        }
    })
}

/// Op: 1000 `u64` allocations kept alive, then all freed at once (bump:
/// `reset`; `Box`: dropping them). The guide's "1M allocations" is 1000 ops.
fn memkit_vs_box_1k() -> Runner {
    let mut b = memkit_arena::Bump::with_capacity(1000 * 8 + 64);
    let mut keep: Vec<*const u64> = Vec::with_capacity(1000);
    runner(move |n| {
        for _ in 0..n {
            for i in 0..1000u64 {
                keep.push(b.alloc(black_box(i)));
            }
            black_box(&keep);
            keep.clear();
            b.reset();
        }
    })
}

fn box_1k() -> Runner {
    let mut keep: Vec<Box<u64>> = Vec::with_capacity(1000);
    runner(move |n| {
        for _ in 0..n {
            for i in 0..1000u64 {
                keep.push(Box::new(black_box(i)));
            }
            black_box(&keep);
            keep.clear();
        }
    })
}

/// The `arena` group's cases.
pub(crate) fn cases() -> Vec<Case> {
    const B: &str = "bumpalo";
    const T: &str = "typed-arena";
    cases![GROUP;
        alloc_u64_10k => memkit::alloc_u64_10k, peer::alloc_u64_10k, B;
        alloc_layout_dyn_10k => memkit::alloc_layout_dyn_10k, peer::alloc_layout_dyn_10k, B;
        alloc_256b_1k => memkit::alloc_256b_1k, peer::alloc_256b_1k, B;
        alloc_slice_copy_1k => memkit::alloc_slice_copy_1k, peer::alloc_slice_copy_1k, B;
        alloc_str_1k => memkit::alloc_str_1k, peer::alloc_str_1k, B;
        vec_push_10k => memkit::vec_push_10k, peer::vec_push_10k, B;
        vec_push_reserve_exact_2k =>
            memkit::vec_push_reserve_exact_2k, peer::vec_push_reserve_exact_2k, B;
        string_push_1k => memkit::string_push_1k, peer::string_push_1k, B;
        box_pin_in_1k => memkit::box_pin_in_1k, peer::box_pin_in_1k, B;
        reset_loop => memkit_reset_loop, peer_reset_loop, B;
        typed_alloc_10k => memkit_typed_alloc, peer_typed_alloc, T;
        typed_alloc_extend_10x1k => memkit_typed_extend, peer_typed_extend, T;
        bump_vs_box_1k => memkit_vs_box_1k, box_1k, "Box";
    ]
}
