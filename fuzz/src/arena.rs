//! Target `arena`: [`Arena<T>`] against a `Vec` model, with a `T` that
//! counts its drops.
//!
//! Every value made gets an id. After every operation, each id the model
//! holds has not been dropped and each other id has been dropped exactly
//! once; `len` matches the model; and every reference `alloc` and
//! `alloc_extend` handed out in the current stretch still reads its value.
//! `iter_mut` and `into_vec` must yield the model, in allocation order.
//! `alloc_extend` also runs with iterators whose `size_hint` is wrong and
//! with iterators that panic part way.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

use arbitrary::Arbitrary;
use memkit_arena::Arena;

use crate::{Ops, ops};

/// Most values made in one run.
pub const MAX_VALUES: usize = 1 << 14;
/// Most references kept and re-read after each step.
pub const MAX_HELD: usize = 256;
/// Longest `alloc_extend`.
pub const MAX_EXTEND: usize = 512;

/// One step.
#[derive(Arbitrary, Debug)]
pub enum Op {
    /// `alloc`.
    Alloc(u64),
    /// `alloc_extend` of `n` values from `first` up, whose iterator reports
    /// `hint` as its `size_hint`.
    AllocExtend {
        /// How many values.
        n: u16,
        /// The first value; the others count up from it.
        first: u64,
        /// The `size_hint` the iterator reports, if not the true one.
        hint: Option<(u16, Option<u16>)>,
    },
    /// `alloc_extend` whose iterator panics before yielding value `at`.
    AllocExtendPanics(u16, u8),
    /// `reserve_extend`.
    ReserveExtend(u16),
    /// Adds to one value through a reference `alloc` handed out.
    Touch(u8, u64),
    /// `iter_mut`, adding to every value.
    IterMut(u64),
    /// `into_vec`, then a new `Arena::with_capacity`.
    IntoVec(u8),
    /// Drops the arena, then a new `Arena::with_capacity`.
    Renew(u8),
}

/// How often each value was dropped, by id, and in all.
#[derive(Debug, Default)]
pub struct Tally {
    counts: Vec<u8>,
    total: usize,
}

/// A value that records its drop in a shared tally.
#[derive(Debug)]
pub struct Counted {
    id: usize,
    value: u64,
    drops: Rc<RefCell<Tally>>,
}

impl Counted {
    fn new(value: u64, drops: &Rc<RefCell<Tally>>) -> Counted {
        let mut tally = drops.borrow_mut();
        let id = tally.counts.len();
        tally.counts.push(0);
        Counted {
            id,
            value,
            drops: Rc::clone(drops),
        }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut tally = self.drops.borrow_mut();
        tally.counts[self.id] += 1;
        tally.total += 1;
    }
}

/// The message of [`Values`]' panic.
const ITERATOR_PANIC: &str = "the fuzzed iterator panics";

/// Runs `f`, catching its panic without the panic hook: the fuzzer's hook
/// aborts on any panic, caught or not.
fn quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    result
}

/// An iterator with a chosen `size_hint`, that may panic part way.
struct Values<'a> {
    next: u64,
    left: usize,
    panic_at: Option<usize>,
    hint: Option<(usize, Option<usize>)>,
    drops: &'a Rc<RefCell<Tally>>,
    yielded: usize,
}

impl Iterator for Values<'_> {
    type Item = Counted;

    fn next(&mut self) -> Option<Counted> {
        if self.panic_at == Some(self.yielded) {
            std::panic::panic_any(String::from(ITERATOR_PANIC));
        }
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        self.yielded += 1;
        let value = self.next;
        self.next = self.next.wrapping_add(1);
        Some(Counted::new(value, self.drops))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.hint.unwrap_or((self.left, Some(self.left)))
    }
}

/// Why a stretch of shared use of the arena stopped.
enum Stop {
    End,
    IterMut(u64),
    IntoVec(u8),
    Renew(u8),
}

/// The run's state outside the arena.
struct Model {
    /// `(id, value)` of every value in the arena, in allocation order.
    values: Vec<(usize, u64)>,
    drops: Rc<RefCell<Tally>>,
}

/// Runs the operations decoded from `data`, checking the arena against the
/// model after each.
///
/// # Panics
///
/// When memkit and the model disagree, naming the step.
pub fn run(data: &[u8]) {
    let mut model = Model {
        values: Vec::new(),
        drops: Rc::new(RefCell::new(Tally::default())),
    };
    let mut ops = ops::<Op>(data);
    let mut arena = Arena::new();
    loop {
        match shared(&arena, &mut model, &mut ops) {
            Stop::End => break,
            Stop::IterMut(add) => {
                let mut seen = Vec::new();
                for c in arena.iter_mut() {
                    c.value = c.value.wrapping_add(add);
                    seen.push((c.id, c.value));
                }
                for v in &mut model.values {
                    v.1 = v.1.wrapping_add(add);
                }
                assert_eq!(
                    seen, model.values,
                    "iter_mut yields the model in allocation order"
                );
            }
            Stop::IntoVec(cap) => {
                let old = core::mem::replace(&mut arena, Arena::with_capacity(usize::from(cap)));
                let got: Vec<(usize, u64)> =
                    old.into_vec().iter().map(|c| (c.id, c.value)).collect();
                assert_eq!(
                    got, model.values,
                    "into_vec yields the model in allocation order"
                );
                model.values.clear();
            }
            Stop::Renew(cap) => {
                drop(core::mem::replace(
                    &mut arena,
                    Arena::with_capacity(usize::from(cap)),
                ));
                model.values.clear();
            }
        }
        model.check_drops("after the arena was used mutably");
    }
    drop(arena);
    model.values.clear();
    model.check_drops("at the end");
}

impl Model {
    /// Each id the model holds is not dropped; each other id was dropped
    /// exactly once.
    fn check_drops(&self, when: &str) {
        let tally = self.drops.borrow();
        let mut live = vec![false; tally.counts.len()];
        for &(id, _) in &self.values {
            live[id] = true;
        }
        for (id, (&count, &live)) in tally.counts.iter().zip(&live).enumerate() {
            let want = u8::from(!live);
            assert_eq!(
                count, want,
                "{when}: value {id} dropped {count} times, not {want}"
            );
        }
    }
}

/// Applies operations that need only `&arena`, keeping every reference it
/// hands out, until one needs it mutably.
fn shared(arena: &Arena<Counted>, model: &mut Model, ops: &mut Ops<'_, Op>) -> Stop {
    let mut held: Vec<(&mut Counted, usize)> = Vec::new();
    let check = |held: &[(&mut Counted, usize)], model: &Model, step: usize| {
        assert_eq!(arena.len(), model.values.len(), "step {step}: Arena::len");
        assert_eq!(
            arena.is_empty(),
            model.values.is_empty(),
            "step {step}: is_empty"
        );
        for (c, at) in held {
            assert_eq!(
                (c.id, c.value),
                model.values[*at],
                "step {step}: a held reference changed"
            );
        }
        // Every step: as many drops as values gone. Per value: at the end of
        // each stretch (a full scan each step would dominate the run time).
        let tally = model.drops.borrow();
        let gone = tally.counts.len() - model.values.len();
        assert_eq!(
            tally.total, gone,
            "step {step}: {} drops for {gone} values gone",
            tally.total
        );
    };
    for (step, op) in ops {
        let made = model.drops.borrow().counts.len();
        match op {
            Op::IterMut(add) => return Stop::IterMut(add),
            Op::IntoVec(cap) => return Stop::IntoVec(cap),
            Op::Renew(cap) => return Stop::Renew(cap),
            _ if made >= MAX_VALUES => {}
            Op::Alloc(value) => {
                let c = arena.alloc(Counted::new(value, &model.drops));
                model.values.push((c.id, c.value));
                if held.len() < MAX_HELD {
                    held.push((c, model.values.len() - 1));
                }
            }
            Op::AllocExtend { n, first, hint } => {
                let n = usize::from(n) % (MAX_EXTEND + 1);
                let values = Values {
                    next: first,
                    left: n,
                    panic_at: None,
                    hint: hint.map(|(lo, hi)| (usize::from(lo), hi.map(usize::from))),
                    drops: &model.drops,
                    yielded: 0,
                };
                let start = model.values.len();
                let slice = arena.alloc_extend(values);
                assert_eq!(slice.len(), n, "step {step}: alloc_extend length");
                for (k, c) in slice.iter_mut().enumerate() {
                    assert_eq!(
                        c.value,
                        first.wrapping_add(k as u64),
                        "step {step}: alloc_extend value"
                    );
                    model.values.push((c.id, c.value));
                    if held.len() < MAX_HELD {
                        held.push((c, start + k));
                    }
                }
            }
            Op::AllocExtendPanics(n, at) => {
                let n = usize::from(n) % (MAX_EXTEND + 1);
                let at = usize::from(at).min(n);
                let first_id = made;
                let values = Values {
                    next: 0,
                    left: n,
                    panic_at: Some(at),
                    hint: None,
                    drops: &model.drops,
                    yielded: 0,
                };
                let before = arena.len();
                let result = quietly(|| arena.alloc_extend(values).len());
                let payload = result.expect_err("the iterator's panic was swallowed");
                let message = payload.downcast_ref::<String>().map(String::as_str);
                assert_eq!(
                    message,
                    Some(ITERATOR_PANIC),
                    "step {step}: another panic than the iterator's"
                );
                let kept = arena.len() - before;
                assert!(
                    kept <= at,
                    "step {step}: alloc_extend kept {kept} of {at} values"
                );
                for k in 0..kept {
                    model.values.push((first_id + k, k as u64));
                }
            }
            Op::ReserveExtend(n) => arena.reserve_extend(usize::from(n) % (MAX_EXTEND + 1)),
            Op::Touch(i, add) => {
                if !held.is_empty() {
                    let len = held.len();
                    let (c, at) = &mut held[usize::from(i) % len];
                    c.value = c.value.wrapping_add(add);
                    model.values[*at].1 = c.value;
                }
            }
        }
        check(&held, model, step);
    }
    Stop::End
}
