//! Group `slab`: `memkit_slab::Slab` against `slab` 0.4.12, and
//! `memkit_slab::GenSlab` against `slotmap::SlotMap` (cases prefixed `gen_`).
//!
//! Each case body is written once, in a macro, and instantiated for both
//! crates of a pair, so both sides do identical work: the same random keys
//! (a fixed-seed xorshift), the same sizes, the same bookkeeping.
//!
//! An op is small (one insert, one get, …) wherever that is possible, so the
//! harness can calibrate; whole-structure operations (`iterate`, `compact`,
//! `retain`, `random_remove`) run over `N` slots. `slot_*` cases report
//! memory: their bytes/op column is the bytes one slot takes.
//!
//! Why `N` is 65536 slots: the whole-structure cases branch on a random
//! half-occupied pattern that repeats every op. With a few thousand slots
//! the branch predictor learns much of the pattern, by an amount that
//! depends on code placement, so the ratio would measure placement rather
//! than the code. At 65536 slots neither side can memorise it.

use crate::harness::Case;

const GROUP: &str = "slab";

/// Inserts before `insert_1m` starts over with a fresh, empty slab. Not
/// 2^20: slotmap keeps a sentinel in slot 0, so 2^20 values would push it
/// into a 2^21-slot buffer, and the case would measure that buffer's page
/// faults rather than the insert.
const FILL: usize = 1_000_000;
/// Live values for the random-access cases, and slots for the
/// whole-structure ones.
const N: usize = 1 << 16;
/// Removals, then inserts, per churn op.
const CHURN: usize = 1024;

/// Fixed-seed xorshift: the same sequence on both sides.
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        Rng(0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A random permutation of `0..n`.
    fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            p.swap(i, self.below(i + 1));
        }
        p
    }
}

/// Cases with `usize` keys: `$krate::Slab`.
macro_rules! slab_bodies {
    ($module:ident, $krate:ident) => {
        #[doc = concat!("Case bodies over `", stringify!($krate), "::Slab`.")]
        mod $module {
            use std::hint::black_box;

            use ::$krate::Slab;

            use super::{CHURN, FILL, N, Rng};
            use crate::harness::{Runner, runner};

            /// `n` values, then a random half removed.
            fn half_full(n: usize) -> Slab<u64> {
                let mut s = Slab::with_capacity(n);
                for i in 0..n {
                    s.insert(i as u64);
                }
                for &k in &Rng::new().permutation(n)[..n / 2] {
                    s.remove(k);
                }
                s
            }

            /// Op: one insert into a slab grown from empty; every `FILL`
            /// inserts the slab is dropped and started again.
            pub(super) fn insert_1m() -> Runner {
                let mut s = Slab::new();
                runner(move |n| {
                    for i in 0..n {
                        if s.len() == FILL {
                            s = Slab::new();
                        }
                        black_box(s.insert(i));
                    }
                })
            }

            /// Op: `get` of a random live key among `N`.
            pub(super) fn random_get() -> Runner {
                let mut s = Slab::with_capacity(N);
                for i in 0..N {
                    s.insert(i as u64);
                }
                let mut rng = Rng::new();
                let keys: Vec<usize> = (0..N).map(|_| rng.below(N)).collect();
                let mut at = 0;
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        at = (at + 1) % N;
                        sum += s.get(black_box(keys[at])).copied().unwrap_or(0);
                    }
                    sum
                })
            }

            /// Op: fill an emptied slab with `N` values, then `remove`
            /// all of them in random order.
            pub(super) fn random_remove() -> Runner {
                let mut s = Slab::with_capacity(N);
                let order = Rng::new().permutation(N);
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        s.clear();
                        for i in 0..N {
                            s.insert(i as u64);
                        }
                        for &k in &order {
                            sum += s.remove(black_box(k));
                        }
                    }
                    sum
                })
            }

            /// Op: over `N` values, remove `CHURN` random live keys, then
            /// insert `CHURN` values into the scattered free list.
            pub(super) fn churn() -> Runner {
                let mut s = Slab::with_capacity(N);
                let mut live: Vec<usize> = (0..N).map(|i| s.insert(i as u64)).collect();
                let mut rng = Rng::new();
                runner(move |n| {
                    for _ in 0..n {
                        for _ in 0..CHURN {
                            let k = live.swap_remove(rng.below(live.len()));
                            black_box(s.remove(k));
                        }
                        for i in 0..CHURN {
                            live.push(s.insert(i as u64));
                        }
                    }
                })
            }

            /// Op: iterate (and sum) a slab of `N` slots, half of them
            /// vacant at random.
            pub(super) fn iterate_50() -> Runner {
                let s = half_full(N);
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        for (k, v) in black_box(&s).iter() {
                            sum = sum.wrapping_add(k as u64 ^ v);
                        }
                    }
                    sum
                })
            }

            /// Op: `clone_from` a half-vacant slab of `N` slots, then
            /// `compact` it.
            pub(super) fn compact() -> Runner {
                let template = half_full(N);
                let mut s = template.clone();
                runner(move |n| {
                    for _ in 0..n {
                        s.clone_from(&template);
                        s.compact(|_, _, _| true);
                        black_box(&s);
                    }
                })
            }

            /// Op: `clone_from` a half-vacant slab of `N` slots, then
            /// `retain` the even values.
            pub(super) fn retain() -> Runner {
                let template = half_full(N);
                let mut s = template.clone();
                runner(move |n| {
                    for _ in 0..n {
                        s.clone_from(&template);
                        s.retain(|_, v| *v % 2 == 0);
                        black_box(&s);
                    }
                })
            }

            /// `make` is a closure type, not a `fn` pointer, so the value is
            /// built right at the `insert` call as in user code, not by an
            /// indirect call that leaves it in memory for `insert` to copy.
            fn slot<T: 'static>(make: impl Fn(u64) -> T + 'static) -> Runner {
                runner(move |n| {
                    let mut s = Slab::with_capacity(n as usize);
                    for i in 0..n {
                        s.insert(make(i));
                    }
                    s.len()
                })
            }

            /// Op: one `u32` slot (bytes/op = bytes per slot).
            pub(super) fn slot_u32() -> Runner {
                slot(|i| i as u32)
            }

            /// Op: one `u64` slot (bytes/op = bytes per slot).
            pub(super) fn slot_u64() -> Runner {
                slot(|i| i)
            }

            /// Op: one empty-`String` slot (bytes/op = bytes per slot).
            pub(super) fn slot_string() -> Runner {
                slot(|_| String::new())
            }
        }
    };
}

/// Cases with generational keys: `$map` is the map type, `$key` its key.
macro_rules! gen_bodies {
    ($module:ident, $map:ident, [$($ty:tt)*]) => {
        #[doc = concat!("Case bodies over `", stringify!($($ty)*), "`.")]
        mod $module {
            use std::hint::black_box;

            use super::{CHURN, FILL, N, Rng};
            use crate::harness::{Runner, runner};

            type $map<T> = $($ty)*<T>;

            /// `n` values and their keys.
            fn full(n: usize) -> ($map<u64>, Vec<<$map<u64> as super::Keyed>::Key>) {
                let mut s = $map::with_capacity(n);
                let keys = (0..n).map(|i| s.insert(i as u64)).collect();
                (s, keys)
            }

            /// `n` values, then a random half removed.
            fn half_full(n: usize) -> $map<u64> {
                let (mut s, keys) = full(n);
                for &i in &Rng::new().permutation(n)[..n / 2] {
                    s.remove(keys[i]);
                }
                s
            }

            /// Op: one insert into a map grown from empty; every `FILL`
            /// inserts the map is dropped and started again.
            pub(super) fn insert_1m() -> Runner {
                let mut s = $map::new();
                runner(move |n| {
                    for i in 0..n {
                        if s.len() == FILL {
                            s = $map::new();
                        }
                        black_box(s.insert(i));
                    }
                })
            }

            /// Op: `get` of a random live key among `N`.
            pub(super) fn random_get() -> Runner {
                let (s, keys) = full(N);
                let mut rng = Rng::new();
                let picks: Vec<_> = (0..N).map(|_| keys[rng.below(N)]).collect();
                let mut at = 0;
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        at = (at + 1) % N;
                        sum += s.get(black_box(picks[at])).copied().unwrap_or(0);
                    }
                    sum
                })
            }

            /// Op: `get` of a random stale key (its value removed, its slot
            /// reused since): always `None`.
            pub(super) fn stale_get() -> Runner {
                let (mut s, keys) = full(N);
                for k in &keys {
                    s.remove(*k);
                }
                for i in 0..N {
                    s.insert(i as u64);
                }
                let mut rng = Rng::new();
                let picks: Vec<_> = (0..N).map(|_| keys[rng.below(N)]).collect();
                let mut at = 0;
                runner(move |n| {
                    let mut hits = 0u64;
                    for _ in 0..n {
                        at = (at + 1) % N;
                        hits += u64::from(s.get(black_box(picks[at])).is_some());
                    }
                    assert_eq!(hits, 0);
                    hits
                })
            }

            /// Op: fill an emptied map with `N` values, then `remove`
            /// all of them in random order.
            pub(super) fn random_remove() -> Runner {
                let mut s = $map::with_capacity(N);
                let order = Rng::new().permutation(N);
                let mut keys = Vec::with_capacity(N);
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        s.clear();
                        keys.clear();
                        for i in 0..N {
                            keys.push(s.insert(i as u64));
                        }
                        for &i in &order {
                            sum += s.remove(black_box(keys[i])).unwrap_or(0);
                        }
                    }
                    sum
                })
            }

            /// Op: over `N` values, remove `CHURN` random live keys, then
            /// insert `CHURN` values.
            pub(super) fn churn() -> Runner {
                let (mut s, mut live) = full(N);
                let mut rng = Rng::new();
                runner(move |n| {
                    for _ in 0..n {
                        for _ in 0..CHURN {
                            let k = live.swap_remove(rng.below(live.len()));
                            black_box(s.remove(k));
                        }
                        for i in 0..CHURN {
                            live.push(s.insert(i as u64));
                        }
                    }
                })
            }

            /// Op: iterate (and sum) `N` slots, half of them vacant.
            pub(super) fn iterate_50() -> Runner {
                let s = half_full(N);
                runner(move |n| {
                    let mut sum = 0u64;
                    for _ in 0..n {
                        for (_, v) in black_box(&s).iter() {
                            sum = sum.wrapping_add(*v);
                        }
                    }
                    sum
                })
            }

            /// Op: clone a half-vacant map of `N` slots, then `retain`
            /// the even values.
            pub(super) fn retain() -> Runner {
                let template = half_full(N);
                runner(move |n| {
                    for _ in 0..n {
                        let mut s = template.clone();
                        s.retain(|_, v| *v % 2 == 0);
                        black_box(&s);
                    }
                })
            }

            /// `make` is a closure type, not a `fn` pointer, so the value is
            /// built right at the `insert` call as in user code, not by an
            /// indirect call that leaves it in memory for `insert` to copy.
            fn slot<T: 'static>(make: impl Fn(u64) -> T + 'static) -> Runner {
                runner(move |n| {
                    let mut s = $map::with_capacity(n as usize);
                    for i in 0..n {
                        s.insert(make(i));
                    }
                    s.len()
                })
            }

            /// Op: one `u32` slot (bytes/op = bytes per slot).
            pub(super) fn slot_u32() -> Runner {
                slot(|i| i as u32)
            }

            /// Op: one `u64` slot (bytes/op = bytes per slot).
            pub(super) fn slot_u64() -> Runner {
                slot(|i| i)
            }

            /// Op: one empty-`String` slot (bytes/op = bytes per slot).
            pub(super) fn slot_string() -> Runner {
                slot(|_| String::new())
            }
        }
    };
}

/// The key type of a generational map, so one body serves both.
trait Keyed {
    type Key: Copy;
}

impl<T> Keyed for memkit_slab::GenSlab<T> {
    type Key = memkit_slab::GenKey;
}

impl<T> Keyed for slotmap::SlotMap<slotmap::DefaultKey, T> {
    type Key = slotmap::DefaultKey;
}

/// `SlotMap` with its default key, as a one-parameter type.
type SlotMap<T> = slotmap::SlotMap<slotmap::DefaultKey, T>;

slab_bodies!(memkit, memkit_slab);
slab_bodies!(peer, slab);
gen_bodies!(gen_memkit, Map, [memkit_slab::GenSlab]);
gen_bodies!(gen_peer, Map, [super::SlotMap]);

/// The `slab` group's cases; the `slot_*` cases measure memory, bytes per
/// slot.
pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        insert_1m => memkit::insert_1m, peer::insert_1m, "slab";
        random_get => memkit::random_get, peer::random_get, "slab";
        random_remove => memkit::random_remove, peer::random_remove, "slab";
        churn => memkit::churn, peer::churn, "slab";
        iterate_50 => memkit::iterate_50, peer::iterate_50, "slab";
        compact => memkit::compact, peer::compact, "slab";
        retain => memkit::retain, peer::retain, "slab";
        slot_u32 => memkit::slot_u32, peer::slot_u32, "slab", memory();
        slot_u64 => memkit::slot_u64, peer::slot_u64, "slab", memory();
        slot_string => memkit::slot_string, peer::slot_string, "slab", memory();
        gen_insert_1m => gen_memkit::insert_1m, gen_peer::insert_1m, "slotmap";
        gen_random_get => gen_memkit::random_get, gen_peer::random_get, "slotmap";
        gen_random_remove => gen_memkit::random_remove, gen_peer::random_remove, "slotmap";
        gen_churn => gen_memkit::churn, gen_peer::churn, "slotmap";
        gen_iterate_50 => gen_memkit::iterate_50, gen_peer::iterate_50, "slotmap";
        gen_retain => gen_memkit::retain, gen_peer::retain, "slotmap";
        gen_stale_get => gen_memkit::stale_get, gen_peer::stale_get, "slotmap";
        gen_slot_u32 => gen_memkit::slot_u32, gen_peer::slot_u32, "slotmap", memory();
        gen_slot_u64 => gen_memkit::slot_u64, gen_peer::slot_u64, "slotmap", memory();
        gen_slot_string => gen_memkit::slot_string, gen_peer::slot_string, "slotmap", memory();
    ]
}
