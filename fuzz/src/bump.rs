//! Target `bump`: [`Bump`] with scopes, checkpoints and `reset`, and its
//! `collections::{Vec, String}`, against models.
//!
//! Every live allocation and collection keeps its model. After every
//! operation the `Bump`'s chunk invariants are checked (`assert_invariants`),
//! each value's contents are compared with its model, and the
//! memory ranges they occupy (a collection's whole capacity) must not
//! overlap. `reset_to` drops what was made (or grown) after its checkpoint
//! first, as its contract asks. Entering a nested scope needs the `Bump`
//! mutably, so the outer level's values are checked and dropped before it;
//! their addresses and contents are kept, and re-read once the nested scope
//! has ended, to show that it freed only its own allocations.

use arbitrary::Arbitrary;
use memkit_arena::collections::{String as BumpString, Vec as BumpVec};
use memkit_arena::{Bump, Checkpoint, Scope};

use crate::{Ops, clamp, ops, raw};

/// Most values (allocations and collections) alive at once in one level.
pub const MAX_LIVE: usize = 64;
/// Most scopes nested inside each other.
pub const MAX_DEPTH: usize = 8;
/// Longest single byte allocation.
pub const MAX_ALLOC: usize = 8192;

/// One step. Indexes are reduced modulo the number of live values.
#[derive(Arbitrary, Debug)]
pub enum Op {
    /// `alloc_slice_fill_copy(len, byte)`.
    Bytes(u16, u8),
    /// `alloc` of a `u64`.
    Word(u64),
    /// `alloc` of an over-aligned value.
    Wide(u128),
    /// `alloc_str`.
    Str(String),
    /// Fills a byte allocation with a new byte.
    Fill(u8, u8),
    /// Forgets one live value (a collection is dropped).
    Forget(u8),
    /// `collections::Vec::with_capacity_in`.
    VecNew(u8),
    /// `Vec::push`.
    VecPush(u8, u32),
    /// `Vec::extend_from_slice` of `n` copies.
    VecExtend(u8, u8, u32),
    /// `Vec::pop`.
    VecPop(u8),
    /// `Vec::truncate`.
    VecTruncate(u8, u8),
    /// `collections::String::new_in`.
    StringNew,
    /// `String::push`.
    StringPush(u8, char),
    /// `String::push_str`.
    StringPushStr(u8, String),
    /// `String::pop`.
    StringPop(u8),
    /// `Bump::checkpoint`.
    Checkpoint,
    /// `Bump::reset_to` one of this level's checkpoints.
    ResetTo(u8),
    /// `Bump::reset` (top level only).
    Reset,
    /// Enters a nested scope.
    Enter,
    /// Leaves the current scope.
    Exit,
}

/// Why a level stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    End,
    Reset,
    Enter,
    Exit,
}

/// A value living in the arena, with its model.
#[derive(Debug)]
enum Value<'b> {
    Bytes(&'b mut [u8], Vec<u8>),
    Word(&'b mut u64, u64),
    Wide(&'b mut u128, u128),
    Str(&'b mut str, String),
    Vec(BumpVec<'b, u32>, Vec<u32>),
    String(BumpString<'b>, String),
}

impl Value<'_> {
    /// Compares with the model; returns the bytes the value occupies.
    fn check(&self, step: usize) -> (usize, usize) {
        let (ptr, len) = match self {
            Value::Bytes(b, m) => {
                assert_eq!(&b[..], &m[..], "step {step}: byte allocation changed");
                (b.as_ptr().addr(), b.len())
            }
            Value::Word(w, m) => {
                assert_eq!(**w, *m, "step {step}: u64 changed");
                (core::ptr::from_ref::<u64>(w).addr(), 8)
            }
            Value::Wide(w, m) => {
                assert_eq!(**w, *m, "step {step}: u128 changed");
                let addr = core::ptr::from_ref::<u128>(w).addr();
                assert_eq!(addr % align_of::<u128>(), 0, "step {step}: u128 misaligned");
                (addr, 16)
            }
            Value::Str(s, m) => {
                assert_eq!(&**s, m, "step {step}: str changed");
                (s.as_ptr().addr(), s.len())
            }
            Value::Vec(v, m) => {
                assert_eq!(
                    v.as_slice(),
                    &m[..],
                    "step {step}: Vec differs from its model"
                );
                assert!(v.capacity() >= v.len(), "step {step}: Vec capacity");
                (v.as_ptr().addr(), v.capacity() * size_of::<u32>())
            }
            Value::String(s, m) => {
                assert_eq!(s.as_str(), m, "step {step}: String differs from its model");
                (s.as_str().as_ptr().addr(), s.capacity())
            }
        };
        (ptr, ptr + len)
    }
}

/// A live value and the number of checkpoints that existed when it was
/// made or last grown: `reset_to(checkpoints[i])` frees it when that number
/// is above `i`.
#[derive(Debug)]
struct Live<'b> {
    value: Value<'b>,
    level: usize,
}

/// One stretch of operations on a shared `&Bump`, until one needs the
/// `Bump` mutably or the scope ends.
struct Level<'b> {
    bump: &'b Bump,
    live: Vec<Live<'b>>,
    checkpoints: Vec<Checkpoint>,
}

/// Runs the operations decoded from `data`, checking every live value
/// against its model after each.
///
/// # Panics
///
/// When memkit and the model disagree, naming the step.
pub fn run(data: &[u8]) {
    let mut ops = ops::<Op>(data);
    let mut bump = Bump::new();
    loop {
        let (stop, kept) = Level::new(&bump).run(&mut ops, true);
        match stop {
            Stop::End => return,
            Stop::Reset => bump.reset(),
            Stop::Exit => {}
            Stop::Enter => {
                let ended = bump.scope(|s| in_scope(s, &mut ops, 1));
                raw::check_kept(&kept, "after a scope at the top level");
                if ended {
                    return;
                }
            }
        }
    }
}

/// Runs operations inside scope `s`, `depth` scopes deep. Returns whether
/// the operations ran out.
fn in_scope(s: &mut Scope<'_>, ops: &mut Ops<'_, Op>, depth: usize) -> bool {
    loop {
        let (stop, kept) = Level::new(s).run(ops, false);
        match stop {
            Stop::End => return true,
            Stop::Exit => return false,
            Stop::Reset => {}
            Stop::Enter if depth >= MAX_DEPTH => raw::check_kept(&kept, "at the deepest scope"),
            Stop::Enter => {
                let ended = s.scope(|inner| in_scope(inner, ops, depth + 1));
                raw::check_kept(&kept, "after a nested scope");
                if ended {
                    return true;
                }
            }
        }
    }
}

impl<'b> Level<'b> {
    fn new(bump: &'b Bump) -> Self {
        Level {
            bump,
            live: Vec::new(),
            checkpoints: Vec::new(),
        }
    }

    /// Applies operations until one needs the `Bump` mutably. Returns it,
    /// with the byte allocations to re-read after a nested scope.
    fn run(mut self, ops: &mut Ops<'_, Op>, top: bool) -> (Stop, Vec<raw::Kept>) {
        for (step, op) in ops {
            let stop = match op {
                Op::Reset if top => Stop::Reset,
                Op::Reset => continue,
                Op::Enter => Stop::Enter,
                Op::Exit => Stop::Exit,
                op => {
                    self.apply(op, step);
                    self.check(step);
                    continue;
                }
            };
            self.check(step);
            return (stop, self.keep());
        }
        (Stop::End, Vec::new())
    }

    fn keep(self) -> Vec<raw::Kept> {
        self.live
            .into_iter()
            .filter_map(|live| match live.value {
                Value::Bytes(b, model) => Some(raw::Kept::new(b, model)),
                _ => None,
            })
            .collect()
    }

    fn push(&mut self, value: Value<'b>) {
        if self.live.len() < MAX_LIVE {
            let level = self.checkpoints.len();
            self.live.push(Live { value, level });
        }
    }

    /// The live value chosen by `i`, marked as grown now.
    fn grow(&mut self, i: u8) -> Option<&mut Value<'b>> {
        if self.live.is_empty() {
            return None;
        }
        let now = self.checkpoints.len();
        let len = self.live.len();
        let live = &mut self.live[usize::from(i) % len];
        live.level = live.level.max(now);
        Some(&mut live.value)
    }

    fn apply(&mut self, op: Op, step: usize) {
        let bump = self.bump;
        match op {
            Op::Bytes(len, byte) => {
                let len = clamp(usize::from(len), MAX_ALLOC);
                let b = bump.alloc_slice_fill_copy(len, byte);
                self.push(Value::Bytes(b, vec![byte; len]));
            }
            Op::Word(w) => self.push(Value::Word(bump.alloc(w), w)),
            Op::Wide(w) => self.push(Value::Wide(bump.alloc(w), w)),
            Op::Str(s) => self.push(Value::Str(bump.alloc_str(&s), s)),
            Op::Fill(i, byte) => {
                if let Some(Value::Bytes(b, m)) = self.grow(i) {
                    b.fill(byte);
                    m.fill(byte);
                }
            }
            Op::Forget(i) => {
                if !self.live.is_empty() {
                    let i = usize::from(i) % self.live.len();
                    self.live.swap_remove(i);
                }
            }
            Op::VecNew(cap) => {
                let v = BumpVec::with_capacity_in(usize::from(cap), bump);
                assert!(
                    v.capacity() >= usize::from(cap),
                    "step {step}: Vec::with_capacity_in"
                );
                self.push(Value::Vec(v, Vec::new()));
            }
            Op::VecPush(i, x) => {
                if let Some(Value::Vec(v, m)) = self.grow(i) {
                    v.push(x);
                    m.push(x);
                }
            }
            Op::VecExtend(i, n, x) => {
                if let Some(Value::Vec(v, m)) = self.grow(i)
                    && m.len() < MAX_ALLOC
                {
                    let more = vec![x; usize::from(n)];
                    v.extend_from_slice(&more);
                    m.extend_from_slice(&more);
                }
            }
            Op::VecPop(i) => {
                if let Some(Value::Vec(v, m)) = self.grow(i) {
                    assert_eq!(v.pop(), m.pop(), "step {step}: Vec::pop");
                }
            }
            Op::VecTruncate(i, len) => {
                if let Some(Value::Vec(v, m)) = self.grow(i) {
                    v.truncate(usize::from(len));
                    m.truncate(usize::from(len));
                }
            }
            Op::StringNew => self.push(Value::String(BumpString::new_in(bump), String::new())),
            Op::StringPush(i, c) => {
                if let Some(Value::String(s, m)) = self.grow(i) {
                    s.push(c);
                    m.push(c);
                }
            }
            Op::StringPushStr(i, more) => {
                if let Some(Value::String(s, m)) = self.grow(i)
                    && m.len() < MAX_ALLOC
                {
                    s.push_str(&more);
                    m.push_str(&more);
                }
            }
            Op::StringPop(i) => {
                if let Some(Value::String(s, m)) = self.grow(i) {
                    assert_eq!(s.pop(), m.pop(), "step {step}: String::pop");
                }
            }
            Op::Checkpoint => self.checkpoints.push(bump.checkpoint()),
            Op::ResetTo(i) => {
                if self.checkpoints.is_empty() {
                    return;
                }
                let i = usize::from(i) % self.checkpoints.len();
                // What the reset frees goes first, while it is still valid.
                self.live.retain(|live| live.level <= i);
                let checkpoint = self.checkpoints[i];
                self.checkpoints.truncate(i + 1);
                // SAFETY: `checkpoint` was taken from `bump` in this level,
                // so inside the current scope, and since then there was no
                // `reset` and no scope exit (both end the level), and no
                // `reset_to` an earlier checkpoint (that truncates
                // `checkpoints` below it). Every value made or grown after
                // it has `level > i` and was dropped just above.
                unsafe { bump.reset_to(checkpoint) };
            }
            Op::Reset | Op::Enter | Op::Exit => {}
        }
    }

    fn check(&self, step: usize) {
        self.bump.assert_invariants();
        let mut ranges: Vec<(usize, usize)> = self
            .live
            .iter()
            .map(|live| live.value.check(step))
            .filter(|(start, end)| start < end)
            .collect();
        ranges.sort_unstable();
        for pair in ranges.windows(2) {
            assert!(
                pair[0].1 <= pair[1].0,
                "step {step}: live allocations overlap: {:#x}..{:#x} and {:#x}..{:#x}",
                pair[0].0,
                pair[0].1,
                pair[1].0,
                pair[1].1
            );
        }
    }
}
