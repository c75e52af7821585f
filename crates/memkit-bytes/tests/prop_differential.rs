//! Differential property tests: random operation sequences run against
//! memkit-bytes, `bytes` 1.12 and a naive model (`VecDeque<u8>` for
//! `BytesMut`, `Vec<u8>` for `Bytes`). Contents and lengths must agree after
//! every step; an out-of-range index must make both crates panic (and the
//! model says when it is out of range).
//!
//! # Case count
//!
//! `ProptestConfig::with_cases(n)` would override `PROPTEST_CASES`, so this
//! file starts from `ProptestConfig::default()` (which reads the variable)
//! and only lowers the count to 256, or 4 under Miri, when the variable is
//! unset. Failure persistence is off under Miri (no file system there).
//!
//! Every check also runs memkit's `assert_invariants()` on each live handle,
//! so a step that breaks an invariant of the unsafe core fails at that step.
//!
//! The `Buf`/`BufMut` integer methods (every width, both byte orders, and
//! `try_get_*`) are driven by the `Num` operations.

use std::collections::VecDeque;
use std::ops::Bound;

use bytes::{Buf as _, BufMut as _};
use memkit_bytes::{Buf as _, BufMut as _};
use memkit_testkit::{config, quiet};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------
// Quiet expected panics

/// Runs the memkit and the `bytes` side of one fallible operation. Both must
/// panic exactly when the model says the operation is out of range.
fn both<A, B>(
    valid: bool,
    what: &str,
    memkit: impl FnOnce() -> A,
    peer: impl FnOnce() -> B,
) -> Result<Option<(A, B)>, TestCaseError> {
    let a = quiet(memkit);
    let b = quiet(peer);
    prop_assert_eq!(a.is_some(), valid, "memkit: {} (valid = {})", what, valid);
    prop_assert_eq!(b.is_some(), valid, "bytes: {} (valid = {})", what, valid);
    Ok(a.zip(b))
}

// ---------------------------------------------------------------------------
// State

/// One `BytesMut` in all three implementations.
struct Mut3 {
    memkit: memkit_bytes::BytesMut,
    peer: bytes::BytesMut,
    model: VecDeque<u8>,
}

/// One `Bytes` in all three implementations.
struct Frozen3 {
    memkit: memkit_bytes::Bytes,
    peer: bytes::Bytes,
    model: Vec<u8>,
    /// Whether `is_unique` and `try_into_mut` must agree with `bytes`: true
    /// for bytes derived only through `Bytes` operations. A `Bytes` split or
    /// frozen from a `BytesMut` may share storage with that `BytesMut`,
    /// which in one crate moves to new storage when it grows and in the
    /// other does not (their growth policies differ, by design), so whether
    /// the frozen part is unique later differs too.
    cmp: bool,
}

impl Mut3 {
    fn empty() -> Mut3 {
        Mut3 {
            memkit: memkit_bytes::BytesMut::new(),
            peer: bytes::BytesMut::new(),
            model: VecDeque::new(),
        }
    }

    fn check(&self, what: &str) -> Result<(), TestCaseError> {
        self.memkit.assert_invariants();
        let v: Vec<u8> = self.model.iter().copied().collect();
        prop_assert_eq!(
            &self.memkit[..],
            &v[..],
            "memkit BytesMut vs model after {}",
            what
        );
        prop_assert_eq!(
            &self.peer[..],
            &v[..],
            "bytes BytesMut vs model after {}",
            what
        );
        prop_assert_eq!(self.memkit.len(), self.model.len());
        prop_assert_eq!(self.memkit.is_empty(), self.model.is_empty());
        prop_assert!(
            self.memkit.capacity() >= self.memkit.len(),
            "capacity < len after {}",
            what
        );
        Ok(())
    }
}

impl Frozen3 {
    fn check(&self, what: &str) -> Result<(), TestCaseError> {
        self.memkit.assert_invariants();
        prop_assert_eq!(
            &self.memkit[..],
            &self.model[..],
            "memkit Bytes vs model after {}",
            what
        );
        prop_assert_eq!(
            &self.peer[..],
            &self.model[..],
            "bytes Bytes vs model after {}",
            what
        );
        prop_assert_eq!(self.memkit.len(), self.model.len());
        prop_assert_eq!(self.memkit.is_empty(), self.model.is_empty());
        Ok(())
    }
}

struct State {
    cur: Mut3,
    parts: Vec<Mut3>,
    frozen: Vec<Frozen3>,
}

impl State {
    fn check(&self, what: &str) -> Result<(), TestCaseError> {
        self.cur.check(what)?;
        for p in &self.parts {
            p.check(what)?;
        }
        for f in &self.frozen {
            f.check(what)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Indices and ranges

/// An index: in range of some bound, or past it.
#[derive(Debug, Clone, Copy)]
enum Idx {
    /// `n % (bound + 1)`: always valid.
    In(usize),
    /// `bound + 1 + k`: always invalid.
    Out(usize),
    /// `usize::MAX`.
    Max,
}

impl Idx {
    fn resolve(self, bound: usize) -> usize {
        match self {
            Idx::In(n) => n % (bound + 1),
            Idx::Out(k) => bound + 1 + k,
            Idx::Max => usize::MAX,
        }
    }
}

fn idx() -> impl Strategy<Value = Idx> {
    prop_oneof![
        8 => any::<usize>().prop_map(Idx::In),
        2 => (0usize..4).prop_map(Idx::Out),
        1 => Just(Idx::Max),
    ]
}

/// A range in one of the forms `RangeBounds` offers, from two indices.
#[derive(Debug, Clone, Copy)]
struct Rng {
    kind: u8,
    a: Idx,
    b: Idx,
}

fn rng() -> impl Strategy<Value = Rng> {
    (0u8..6, idx(), idx()).prop_map(|(kind, a, b)| Rng { kind, a, b })
}

impl Rng {
    /// The bounds, and whether a slice of `len` with them is valid.
    fn resolve(self, len: usize) -> ((Bound<usize>, Bound<usize>), bool) {
        let a = self.a.resolve(len);
        let b = self.b.resolve(len);
        let (lo, hi) = match self.kind {
            0 => (Bound::Included(a.min(b)), Bound::Excluded(a.max(b))), // a..b ordered
            1 => (Bound::Included(a), Bound::Excluded(b)),               // maybe inverted
            2 => (Bound::Included(a), Bound::Unbounded),                 // a..
            3 => (Bound::Unbounded, Bound::Excluded(b)),                 // ..b
            4 => (Bound::Unbounded, Bound::Included(b)),                 // ..=b
            _ => (Bound::Excluded(a.min(b)), Bound::Included(a.max(b))), // (a, b]
        };
        let begin = match lo {
            Bound::Included(n) => Some(n),
            Bound::Excluded(n) => n.checked_add(1),
            Bound::Unbounded => Some(0),
        };
        let end = match hi {
            Bound::Included(n) => n.checked_add(1),
            Bound::Excluded(n) => Some(n),
            Bound::Unbounded => Some(len),
        };
        let valid = matches!((begin, end), (Some(s), Some(e)) if s <= e && e <= len);
        ((lo, hi), valid)
    }
}

// ---------------------------------------------------------------------------
// Operations

#[derive(Debug, Clone)]
enum Op {
    // --- on the current BytesMut
    Extend(Vec<u8>),
    PutU8(u8),
    PutU16(u16),
    PutU32(u32),
    PutBytes(u8, u8),
    PutSlice(Vec<u8>),
    Reserve(u16),
    TryReclaim(u16),
    Truncate(Idx),
    Clear,
    Resize(u8, u8),
    Advance(Idx),
    SplitTo(Idx),
    /// `split_off` at an index within the length, within the spare
    /// capacity (`Spare`), or past the capacity.
    SplitOff(Idx),
    SplitOffSpare(usize),
    Split,
    Unsplit(usize),
    TryUnsplit(usize),
    SwapWithPart(usize),
    DropPart(usize),
    FreezeSplitTo(Idx),
    FreezeCur,
    CopyToBytes(Idx),
    GetU32,
    ExtendFromWithin(Rng),
    ExtendByIter(Vec<u8>),
    /// Put a number with the given width/order selector and value, or read
    /// one back with `get_*` (panics when short) or `try_get_*`.
    PutNum(u8, u64),
    GetNum(u8),
    TryGetNum(u8),
    // --- on a Bytes
    BClone(usize),
    BSlice(usize, Rng),
    BSplitTo(usize, Idx),
    BSplitOff(usize, Idx),
    BTruncate(usize, Idx),
    BClear(usize),
    BAdvance(usize, Idx),
    BTryIntoMut(usize),
    BIntoMut(usize),
    BTryUnsplit(usize, usize),
    BDrop(usize),
    BCopyToBytes(usize, Idx),
    BIsUnique(usize),
}

/// Number kinds: u16/i16/u32/i32/u64/i64/f32/f64 × big/little/native order.
const NUM_KINDS: u8 = 24;

/// Width in bytes of number kind `k`.
fn num_width(k: u8) -> usize {
    [2, 2, 4, 4, 8, 8, 4, 8][usize::from(k / 3)]
}

/// The model's bytes for number kind `k` holding `v` (truncated to width).
fn num_bytes(k: u8, v: u64) -> Vec<u8> {
    let w = num_width(k);
    let be = v.to_be_bytes()[8 - w..].to_vec();
    match k % 3 {
        0 => be,
        1 => be.into_iter().rev().collect(),
        _ if cfg!(target_endian = "big") => be,
        _ => be.into_iter().rev().collect(),
    }
}

/// Generates `put_num`, `get_num` and `try_get_num` for one crate's traits;
/// numbers travel as their bit patterns in a `u64`.
macro_rules! num_ops {
    ($modname:ident, $krate:ident) => {
        mod $modname {
            use $krate::{Buf, BufMut};

            pub(crate) fn put_num<B: BufMut>(b: &mut B, k: u8, v: u64) {
                match k {
                    0 => b.put_u16(v as u16),
                    1 => b.put_u16_le(v as u16),
                    2 => b.put_u16_ne(v as u16),
                    3 => b.put_i16(v as i16),
                    4 => b.put_i16_le(v as i16),
                    5 => b.put_i16_ne(v as i16),
                    6 => b.put_u32(v as u32),
                    7 => b.put_u32_le(v as u32),
                    8 => b.put_u32_ne(v as u32),
                    9 => b.put_i32(v as i32),
                    10 => b.put_i32_le(v as i32),
                    11 => b.put_i32_ne(v as i32),
                    12 => b.put_u64(v),
                    13 => b.put_u64_le(v),
                    14 => b.put_u64_ne(v),
                    15 => b.put_i64(v as i64),
                    16 => b.put_i64_le(v as i64),
                    17 => b.put_i64_ne(v as i64),
                    18 => b.put_f32(f32::from_bits(v as u32)),
                    19 => b.put_f32_le(f32::from_bits(v as u32)),
                    20 => b.put_f32_ne(f32::from_bits(v as u32)),
                    21 => b.put_f64(f64::from_bits(v)),
                    22 => b.put_f64_le(f64::from_bits(v)),
                    _ => b.put_f64_ne(f64::from_bits(v)),
                }
            }

            pub(crate) fn get_num<B: Buf>(b: &mut B, k: u8) -> u64 {
                match k {
                    0 => u64::from(b.get_u16()),
                    1 => u64::from(b.get_u16_le()),
                    2 => u64::from(b.get_u16_ne()),
                    3 => u64::from(b.get_i16() as u16),
                    4 => u64::from(b.get_i16_le() as u16),
                    5 => u64::from(b.get_i16_ne() as u16),
                    6 => u64::from(b.get_u32()),
                    7 => u64::from(b.get_u32_le()),
                    8 => u64::from(b.get_u32_ne()),
                    9 => u64::from(b.get_i32() as u32),
                    10 => u64::from(b.get_i32_le() as u32),
                    11 => u64::from(b.get_i32_ne() as u32),
                    12 => b.get_u64(),
                    13 => b.get_u64_le(),
                    14 => b.get_u64_ne(),
                    15 => b.get_i64() as u64,
                    16 => b.get_i64_le() as u64,
                    17 => b.get_i64_ne() as u64,
                    18 => u64::from(b.get_f32().to_bits()),
                    19 => u64::from(b.get_f32_le().to_bits()),
                    20 => u64::from(b.get_f32_ne().to_bits()),
                    21 => b.get_f64().to_bits(),
                    22 => b.get_f64_le().to_bits(),
                    _ => b.get_f64_ne().to_bits(),
                }
            }

            /// `Ok(value)` or `Err((requested, available))`.
            pub(crate) fn try_get_num<B: Buf>(b: &mut B, k: u8) -> Result<u64, (usize, usize)> {
                let r = match k {
                    0 => b.try_get_u16().map(u64::from),
                    1 => b.try_get_u16_le().map(u64::from),
                    2 => b.try_get_u16_ne().map(u64::from),
                    3 => b.try_get_i16().map(|x| u64::from(x as u16)),
                    4 => b.try_get_i16_le().map(|x| u64::from(x as u16)),
                    5 => b.try_get_i16_ne().map(|x| u64::from(x as u16)),
                    6 => b.try_get_u32().map(u64::from),
                    7 => b.try_get_u32_le().map(u64::from),
                    8 => b.try_get_u32_ne().map(u64::from),
                    9 => b.try_get_i32().map(|x| u64::from(x as u32)),
                    10 => b.try_get_i32_le().map(|x| u64::from(x as u32)),
                    11 => b.try_get_i32_ne().map(|x| u64::from(x as u32)),
                    12 => b.try_get_u64(),
                    13 => b.try_get_u64_le(),
                    14 => b.try_get_u64_ne(),
                    15 => b.try_get_i64().map(|x| x as u64),
                    16 => b.try_get_i64_le().map(|x| x as u64),
                    17 => b.try_get_i64_ne().map(|x| x as u64),
                    18 => b.try_get_f32().map(|x| u64::from(x.to_bits())),
                    19 => b.try_get_f32_le().map(|x| u64::from(x.to_bits())),
                    20 => b.try_get_f32_ne().map(|x| u64::from(x.to_bits())),
                    21 => b.try_get_f64().map(f64::to_bits),
                    22 => b.try_get_f64_le().map(f64::to_bits),
                    _ => b.try_get_f64_ne().map(f64::to_bits),
                };
                r.map_err(|e| (e.requested, e.available))
            }
        }
    };
}

num_ops!(memkit, memkit_bytes);
num_ops!(peer, bytes);

/// The model's value of number kind `k` read from `bytes` (big-endian
/// bit pattern of the width, as `num_ops` returns it).
fn num_value(k: u8, bytes: &[u8]) -> u64 {
    let mut be: Vec<u8> = match k % 3 {
        0 => bytes.to_vec(),
        1 => bytes.iter().rev().copied().collect(),
        _ if cfg!(target_endian = "big") => bytes.to_vec(),
        _ => bytes.iter().rev().copied().collect(),
    };
    while be.len() < 8 {
        be.insert(0, 0);
    }
    u64::from_be_bytes(be.try_into().unwrap())
}

fn data() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..48)
}

fn op() -> impl Strategy<Value = Op> {
    let sel = any::<usize>();
    let mut_ops_a = prop_oneof![
        data().prop_map(Op::Extend),
        any::<u8>().prop_map(Op::PutU8),
        any::<u16>().prop_map(Op::PutU16),
        any::<u32>().prop_map(Op::PutU32),
        (any::<u8>(), 0u8..40).prop_map(|(v, n)| Op::PutBytes(v, n)),
        data().prop_map(Op::PutSlice),
        (0u16..600).prop_map(Op::Reserve),
        (0u16..600).prop_map(Op::TryReclaim),
        idx().prop_map(Op::Truncate),
        Just(Op::Clear),
    ];
    let mut_ops_b = prop_oneof![
        (any::<u8>(), any::<u8>()).prop_map(|(n, v)| Op::Resize(n % 96, v)),
        idx().prop_map(Op::Advance),
        idx().prop_map(Op::SplitTo),
        idx().prop_map(Op::SplitOff),
        sel.prop_map(Op::SplitOffSpare),
        Just(Op::Split),
        sel.prop_map(Op::Unsplit),
        sel.prop_map(Op::TryUnsplit),
        sel.prop_map(Op::SwapWithPart),
        sel.prop_map(Op::DropPart),
    ];
    let mut_ops_c = prop_oneof![
        idx().prop_map(Op::FreezeSplitTo),
        Just(Op::FreezeCur),
        idx().prop_map(Op::CopyToBytes),
        Just(Op::GetU32),
        rng().prop_map(Op::ExtendFromWithin),
        data().prop_map(Op::ExtendByIter),
        (0u8..NUM_KINDS, any::<u64>()).prop_map(|(k, v)| Op::PutNum(k, v)),
        (0u8..NUM_KINDS).prop_map(Op::GetNum),
        (0u8..NUM_KINDS).prop_map(Op::TryGetNum),
    ];
    let bytes_ops_a = prop_oneof![
        sel.prop_map(Op::BClone),
        (sel, rng()).prop_map(|(s, r)| Op::BSlice(s, r)),
        (sel, idx()).prop_map(|(s, i)| Op::BSplitTo(s, i)),
        (sel, idx()).prop_map(|(s, i)| Op::BSplitOff(s, i)),
        (sel, idx()).prop_map(|(s, i)| Op::BTruncate(s, i)),
        sel.prop_map(Op::BClear),
        (sel, idx()).prop_map(|(s, i)| Op::BAdvance(s, i)),
    ];
    let bytes_ops_b = prop_oneof![
        sel.prop_map(Op::BTryIntoMut),
        sel.prop_map(Op::BIntoMut),
        (sel, sel).prop_map(|(a, b)| Op::BTryUnsplit(a, b)),
        sel.prop_map(Op::BDrop),
        (sel, idx()).prop_map(|(s, i)| Op::BCopyToBytes(s, i)),
        sel.prop_map(Op::BIsUnique),
    ];
    prop_oneof![
        4 => mut_ops_a,
        4 => mut_ops_b,
        3 => mut_ops_c,
        3 => bytes_ops_a,
        2 => bytes_ops_b,
    ]
}

/// How the first `BytesMut` and `Bytes` are built.
#[derive(Debug, Clone)]
struct Init {
    data: Vec<u8>,
    extra_cap: usize,
    kind: u8,
}

fn init() -> impl Strategy<Value = Init> {
    (
        prop::collection::vec(any::<u8>(), 0..64),
        0usize..128,
        0u8..4,
    )
        .prop_map(|(data, extra_cap, kind)| Init {
            data,
            extra_cap,
            kind,
        })
}

static STATIC_DATA: [u8; 40] = *b"static bytes for the differential tests!";

fn initial_state(init: &Init) -> State {
    let data = &init.data;
    let cap = data.len() + init.extra_cap;
    // Capacity differs from length unless `extra_cap` is 0 or kind 2.
    let (memkit, peer) = match init.kind {
        0 => {
            let mut memkit = memkit_bytes::BytesMut::with_capacity(cap);
            memkit.extend_from_slice(data);
            let mut peer = bytes::BytesMut::with_capacity(cap);
            peer.extend_from_slice(data);
            (memkit, peer)
        }
        1 => {
            let mut vec = Vec::with_capacity(cap);
            vec.extend_from_slice(data);
            let mut peer = bytes::BytesMut::with_capacity(cap);
            peer.extend_from_slice(data);
            (memkit_bytes::BytesMut::from(vec), peer)
        }
        2 => (
            memkit_bytes::BytesMut::from(&data[..]),
            bytes::BytesMut::from(&data[..]),
        ),
        _ => {
            let mut memkit = memkit_bytes::BytesMut::zeroed(cap);
            let mut peer = bytes::BytesMut::zeroed(cap);
            memkit.truncate(data.len());
            peer.truncate(data.len());
            memkit.copy_from_slice(data);
            peer.copy_from_slice(data);
            (memkit, peer)
        }
    };
    let frozen = vec![
        Frozen3 {
            memkit: memkit_bytes::Bytes::from_static(&STATIC_DATA),
            peer: bytes::Bytes::from_static(&STATIC_DATA),
            model: STATIC_DATA.to_vec(),
            cmp: true,
        },
        Frozen3 {
            memkit: memkit_bytes::Bytes::from(data.clone()),
            peer: bytes::Bytes::from(data.clone()),
            model: data.clone(),
            cmp: true,
        },
        Frozen3 {
            memkit: memkit_bytes::Bytes::copy_from_slice(data),
            peer: bytes::Bytes::copy_from_slice(data),
            model: data.clone(),
            cmp: true,
        },
    ];
    State {
        cur: Mut3 {
            memkit,
            peer,
            model: data.iter().copied().collect(),
        },
        parts: Vec::new(),
        frozen,
    }
}

/// After `truncate(0)` or `clear`, `bytes` releases the storage of a
/// Vec-backed ("promotable") `Bytes` at once, while memkit (like `bytes` for
/// its other storage kinds) keeps it until the handle drops. That changes
/// `is_unique` of the other handles. The contents were checked; replace the
/// emptied pair by a fresh empty one so the reference counts agree again.
fn forget_emptied(s: &mut State, i: usize) -> Result<(), TestCaseError> {
    s.frozen[i].check("truncate to empty")?;
    s.frozen[i] = Frozen3 {
        memkit: memkit_bytes::Bytes::new(),
        peer: bytes::Bytes::new(),
        model: Vec::new(),
        cmp: true,
    };
    Ok(())
}

fn pick(sel: usize, len: usize) -> Option<usize> {
    (len > 0).then(|| sel % len)
}

/// Applies one operation to all three implementations and checks them.
fn apply(s: &mut State, op: &Op) -> Result<(), TestCaseError> {
    let what = format!("{op:?}");
    let len = s.cur.model.len();
    match op {
        Op::Extend(d) => {
            s.cur.memkit.extend_from_slice(d);
            s.cur.peer.extend_from_slice(d);
            s.cur.model.extend(d);
        }
        Op::PutU8(n) => {
            s.cur.memkit.put_u8(*n);
            s.cur.peer.put_u8(*n);
            s.cur.model.push_back(*n);
        }
        Op::PutU16(n) => {
            s.cur.memkit.put_u16(*n);
            s.cur.peer.put_u16(*n);
            s.cur.model.extend(n.to_be_bytes());
        }
        Op::PutU32(n) => {
            s.cur.memkit.put_u32(*n);
            s.cur.peer.put_u32(*n);
            s.cur.model.extend(n.to_be_bytes());
        }
        Op::PutBytes(val, cnt) => {
            s.cur.memkit.put_bytes(*val, usize::from(*cnt));
            s.cur.peer.put_bytes(*val, usize::from(*cnt));
            s.cur
                .model
                .extend(std::iter::repeat_n(*val, usize::from(*cnt)));
        }
        Op::PutSlice(d) => {
            s.cur.memkit.put_slice(d);
            s.cur.peer.put_slice(d);
            s.cur.model.extend(d);
        }
        Op::Reserve(n) => {
            let n = usize::from(*n);
            s.cur.memkit.reserve(n);
            s.cur.peer.reserve(n);
            prop_assert!(
                s.cur.memkit.capacity() - s.cur.memkit.len() >= n,
                "memkit reserve({})",
                n
            );
            prop_assert!(
                s.cur.peer.capacity() - s.cur.peer.len() >= n,
                "bytes reserve({})",
                n
            );
        }
        Op::TryReclaim(n) => {
            let n = usize::from(*n);
            let before = s.cur.memkit.as_ptr().addr();
            let ok = s.cur.memkit.try_reclaim(n);
            if ok {
                prop_assert!(s.cur.memkit.capacity() - s.cur.memkit.len() >= n);
            } else {
                prop_assert_eq!(
                    s.cur.memkit.as_ptr().addr(),
                    before,
                    "a failed try_reclaim moves nothing"
                );
            }
            let _ = s.cur.peer.try_reclaim(n);
        }
        Op::Truncate(i) => {
            let at = i.resolve(len);
            s.cur.memkit.truncate(at);
            s.cur.peer.truncate(at);
            s.cur.model.truncate(at);
        }
        Op::Clear => {
            s.cur.memkit.clear();
            s.cur.peer.clear();
            s.cur.model.clear();
        }
        Op::Resize(n, val) => {
            let n = usize::from(*n);
            s.cur.memkit.resize(n, *val);
            s.cur.peer.resize(n, *val);
            s.cur.model.resize(n, *val);
        }
        Op::Advance(i) => {
            let cnt = i.resolve(len);
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if both(
                cnt <= len,
                &what,
                || memkit.advance(cnt),
                || peer.advance(cnt),
            )?
            .is_some()
            {
                s.cur.model.drain(..cnt);
            }
        }
        Op::SplitTo(i) => {
            let at = i.resolve(len);
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if let Some((part_memkit, part_peer)) = both(
                at <= len,
                &what,
                || memkit.split_to(at),
                || peer.split_to(at),
            )? {
                let pv: VecDeque<u8> = s.cur.model.drain(..at).collect();
                s.parts.push(Mut3 {
                    memkit: part_memkit,
                    peer: part_peer,
                    model: pv,
                });
            }
        }
        Op::SplitOff(i) => {
            // In range relative to the length (always within both capacities);
            // out of range relative to the larger capacity.
            let cap = s.cur.memkit.capacity().max(s.cur.peer.capacity());
            let at = match i {
                Idx::In(_) => i.resolve(len),
                _ => i.resolve(cap),
            };
            let valid = at <= len;
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if let Some((part_memkit, part_peer)) =
                both(valid, &what, || memkit.split_off(at), || peer.split_off(at))?
            {
                let pv = s.cur.model.split_off(at);
                s.parts.push(Mut3 {
                    memkit: part_memkit,
                    peer: part_peer,
                    model: pv,
                });
            }
        }
        Op::SplitOffSpare(n) => {
            // Between the length and the smaller capacity: valid for both.
            let cap = s.cur.memkit.capacity().min(s.cur.peer.capacity());
            let at = len + n % (cap - len + 1);
            let part_memkit = s.cur.memkit.split_off(at);
            let part_peer = s.cur.peer.split_off(at);
            prop_assert!(part_memkit.is_empty() && part_peer.is_empty());
            prop_assert_eq!(s.cur.memkit.capacity(), at);
            prop_assert_eq!(s.cur.peer.capacity(), at);
            s.parts.push(Mut3 {
                memkit: part_memkit,
                peer: part_peer,
                model: VecDeque::new(),
            });
        }
        Op::Split => {
            let part_memkit = s.cur.memkit.split();
            let part_peer = s.cur.peer.split();
            let pv = std::mem::take(&mut s.cur.model);
            s.parts.push(Mut3 {
                memkit: part_memkit,
                peer: part_peer,
                model: pv,
            });
        }
        Op::Unsplit(sel) => {
            if let Some(i) = pick(*sel, s.parts.len()) {
                let p = s.parts.swap_remove(i);
                s.cur.memkit.unsplit(p.memkit);
                s.cur.peer.unsplit(p.peer);
                s.cur.model.extend(p.model);
            }
        }
        Op::TryUnsplit(sel) => {
            // Whether the halves join depends on the capacities, which differ
            // between the crates after a `reserve` (memkit may grant more), so
            // each side is checked against the model alone: joined contents on
            // success, both buffers untouched on failure (then joined by copy).
            if let Some(i) = pick(*sel, s.parts.len()) {
                let p = s.parts.swap_remove(i);
                let before: Vec<u8> = s.cur.model.iter().copied().collect();
                let ptr = s.cur.memkit.as_ptr().addr();
                match s.cur.memkit.try_unsplit(p.memkit) {
                    Ok(()) => {
                        if !before.is_empty() {
                            prop_assert_eq!(
                                s.cur.memkit.as_ptr().addr(),
                                ptr,
                                "a join never moves"
                            );
                        }
                    }
                    Err(back) => {
                        prop_assert_eq!(
                            &back[..],
                            &p.model.iter().copied().collect::<Vec<u8>>()[..]
                        );
                        prop_assert_eq!(&s.cur.memkit[..], &before[..]);
                        s.cur.memkit.unsplit(back);
                    }
                }
                match s.cur.peer.try_unsplit(p.peer) {
                    Ok(()) => {}
                    Err(back) => s.cur.peer.unsplit(back),
                }
                s.cur.model.extend(p.model);
            }
        }
        Op::SwapWithPart(sel) => {
            if let Some(i) = pick(*sel, s.parts.len()) {
                std::mem::swap(&mut s.cur, &mut s.parts[i]);
            }
        }
        Op::DropPart(sel) => {
            if let Some(i) = pick(*sel, s.parts.len()) {
                s.parts.swap_remove(i);
            }
        }
        Op::FreezeSplitTo(i) => {
            let at = i.resolve(len);
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if let Some((frozen_memkit, frozen_peer)) = both(
                at <= len,
                &what,
                || memkit.split_to(at).freeze(),
                || peer.split_to(at).freeze(),
            )? {
                let model: Vec<u8> = s.cur.model.drain(..at).collect();
                s.frozen.push(Frozen3 {
                    memkit: frozen_memkit,
                    peer: frozen_peer,
                    model,
                    cmp: false,
                });
            }
        }
        Op::FreezeCur => {
            let cur = std::mem::replace(&mut s.cur, Mut3::empty());
            s.frozen.push(Frozen3 {
                memkit: cur.memkit.freeze(),
                peer: cur.peer.freeze(),
                model: cur.model.into_iter().collect(),
                cmp: false,
            });
        }
        Op::CopyToBytes(i) => {
            let at = i.resolve(len);
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if let Some((frozen_memkit, frozen_peer)) = both(
                at <= len,
                &what,
                || memkit.copy_to_bytes(at),
                || peer.copy_to_bytes(at),
            )? {
                let model: Vec<u8> = s.cur.model.drain(..at).collect();
                s.frozen.push(Frozen3 {
                    memkit: frozen_memkit,
                    peer: frozen_peer,
                    model,
                    cmp: false,
                });
            }
        }
        Op::GetU32 => {
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if let Some((a, b)) = both(len >= 4, &what, || memkit.get_u32(), || peer.get_u32())? {
                let expect: Vec<u8> = s.cur.model.drain(..4).collect();
                let expect = u32::from_be_bytes(expect.try_into().unwrap());
                prop_assert_eq!(a, expect);
                prop_assert_eq!(b, expect);
            }
        }
        Op::ExtendFromWithin(range) => {
            let (bounds, valid) = range.resolve(len);
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if both(
                valid,
                &what,
                || memkit.extend_from_within(bounds),
                || peer.extend_from_within(bounds),
            )?
            .is_some()
            {
                let copy: Vec<u8> = s.cur.model.range(bounds).copied().collect();
                s.cur.model.extend(copy);
            }
        }
        Op::ExtendByIter(d) => {
            s.cur.memkit.extend(d.iter().copied());
            s.cur.peer.extend(d.iter().copied());
            s.cur.model.extend(d);
        }
        Op::PutNum(k, v) => {
            memkit::put_num(&mut s.cur.memkit, *k, *v);
            peer::put_num(&mut s.cur.peer, *k, *v);
            s.cur.model.extend(num_bytes(*k, *v));
        }
        Op::GetNum(k) => {
            let w = num_width(*k);
            let (memkit, peer) = (&mut s.cur.memkit, &mut s.cur.peer);
            if let Some((a, b)) = both(
                len >= w,
                &what,
                || memkit::get_num(memkit, *k),
                || peer::get_num(peer, *k),
            )? {
                let raw: Vec<u8> = s.cur.model.drain(..w).collect();
                let expect = num_value(*k, &raw);
                prop_assert_eq!(a, expect, "memkit {}", what);
                prop_assert_eq!(b, expect, "bytes {}", what);
            }
        }
        Op::TryGetNum(k) => {
            let w = num_width(*k);
            let a = memkit::try_get_num(&mut s.cur.memkit, *k);
            let b = peer::try_get_num(&mut s.cur.peer, *k);
            prop_assert_eq!(a, b, "try_get differs: {}", what);
            if len >= w {
                let raw: Vec<u8> = s.cur.model.drain(..w).collect();
                prop_assert_eq!(a, Ok(num_value(*k, &raw)));
            } else {
                prop_assert_eq!(a, Err((w, len)), "a failed try_get reports the numbers");
            }
        }
        Op::BClone(sel) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &s.frozen[i];
                let c = Frozen3 {
                    memkit: f.memkit.clone(),
                    peer: f.peer.clone(),
                    model: f.model.clone(),
                    cmp: f.cmp,
                };
                prop_assert_eq!(c.memkit.as_ptr(), f.memkit.as_ptr(), "clone is zero-copy");
                s.frozen.push(c);
            }
        }
        Op::BSlice(sel, range) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &s.frozen[i];
                let (bounds, valid) = range.resolve(f.model.len());
                if let Some((memkit, peer)) = both(
                    valid,
                    &what,
                    || f.memkit.slice(bounds),
                    || f.peer.slice(bounds),
                )? {
                    let model = f.model[bounds].to_vec();
                    let begin = match bounds.0 {
                        Bound::Included(b) => b,
                        Bound::Excluded(b) => b + 1,
                        Bound::Unbounded => 0,
                    };
                    prop_assert_eq!(
                        memkit.as_ptr().addr(),
                        f.memkit.as_ptr().addr() + begin,
                        "slice is zero-copy"
                    );
                    let cmp = f.cmp;
                    s.frozen.push(Frozen3 {
                        memkit,
                        peer,
                        model,
                        cmp,
                    });
                }
            }
        }
        Op::BSplitTo(sel, at) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &mut s.frozen[i];
                let at = at.resolve(f.model.len());
                let valid = at <= f.model.len();
                let (frozen_memkit, frozen_peer) = (&mut f.memkit, &mut f.peer);
                if let Some((memkit, peer)) = both(
                    valid,
                    &what,
                    || frozen_memkit.split_to(at),
                    || frozen_peer.split_to(at),
                )? {
                    let model: Vec<u8> = f.model.drain(..at).collect();
                    let cmp = f.cmp;
                    s.frozen.push(Frozen3 {
                        memkit,
                        peer,
                        model,
                        cmp,
                    });
                }
            }
        }
        Op::BSplitOff(sel, at) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &mut s.frozen[i];
                let at = at.resolve(f.model.len());
                let valid = at <= f.model.len();
                let (frozen_memkit, frozen_peer) = (&mut f.memkit, &mut f.peer);
                if let Some((memkit, peer)) = both(
                    valid,
                    &what,
                    || frozen_memkit.split_off(at),
                    || frozen_peer.split_off(at),
                )? {
                    let model = f.model.split_off(at);
                    let cmp = f.cmp;
                    s.frozen.push(Frozen3 {
                        memkit,
                        peer,
                        model,
                        cmp,
                    });
                }
            }
        }
        Op::BTruncate(sel, at) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &mut s.frozen[i];
                let at = at.resolve(f.model.len());
                f.memkit.truncate(at);
                f.peer.truncate(at);
                f.model.truncate(at);
                if f.model.is_empty() {
                    forget_emptied(s, i)?;
                }
            }
        }
        Op::BClear(sel) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &mut s.frozen[i];
                f.memkit.clear();
                f.peer.clear();
                f.model.clear();
                forget_emptied(s, i)?;
            }
        }
        Op::BAdvance(sel, cnt) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &mut s.frozen[i];
                let cnt = cnt.resolve(f.model.len());
                let valid = cnt <= f.model.len();
                let (frozen_memkit, frozen_peer) = (&mut f.memkit, &mut f.peer);
                if both(
                    valid,
                    &what,
                    || frozen_memkit.advance(cnt),
                    || frozen_peer.advance(cnt),
                )?
                .is_some()
                {
                    f.model.drain(..cnt);
                }
            }
        }
        Op::BTryIntoMut(sel) => {
            // For empty bytes the outcome is not compared: `bytes` may hold a
            // zero-capacity storage (and call it unique) where memkit holds
            // none. Contents are compared either way.
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = s.frozen.swap_remove(i);
                let ptr = f.memkit.as_ptr();
                let am = f.memkit.try_into_mut();
                let ar = f.peer.try_into_mut();
                if f.cmp && !f.model.is_empty() {
                    prop_assert_eq!(am.is_ok(), ar.is_ok(), "try_into_mut outcome differs");
                }
                match (am, ar) {
                    (Ok(memkit), peer) => {
                        prop_assert_eq!(memkit.as_ptr(), ptr, "try_into_mut is zero-copy");
                        let peer = peer.unwrap_or_else(bytes::BytesMut::from);
                        s.parts.push(Mut3 {
                            memkit,
                            peer,
                            model: f.model.into_iter().collect(),
                        });
                    }
                    (Err(memkit), Ok(peer)) => {
                        s.parts.push(Mut3 {
                            memkit: memkit_bytes::BytesMut::from(memkit),
                            peer,
                            model: f.model.into_iter().collect(),
                        });
                    }
                    (Err(memkit), Err(peer)) => {
                        prop_assert_eq!(
                            memkit.as_ptr(),
                            ptr,
                            "try_into_mut hands the same Bytes back"
                        );
                        s.frozen.push(Frozen3 {
                            memkit,
                            peer,
                            model: f.model,
                            cmp: f.cmp,
                        });
                    }
                }
            }
        }
        Op::BIntoMut(sel) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = s.frozen.swap_remove(i);
                s.parts.push(Mut3 {
                    memkit: memkit_bytes::BytesMut::from(f.memkit),
                    peer: bytes::BytesMut::from(f.peer),
                    model: f.model.into_iter().collect(),
                });
            }
        }
        Op::BTryUnsplit(a, b) => {
            // Not in `bytes`: checked against the model only.
            if let (Some(i), Some(j)) = (pick(*a, s.frozen.len()), pick(*b, s.frozen.len()))
                && i != j
            {
                let other = s.frozen.remove(j);
                let i = if j < i { i - 1 } else { i };
                let f = &mut s.frozen[i];
                let before = f.memkit.as_ptr().addr();
                match f.memkit.try_unsplit(other.memkit.clone()) {
                    Ok(()) => {
                        if !f.model.is_empty() && !other.model.is_empty() {
                            prop_assert_eq!(
                                f.memkit.as_ptr().addr(),
                                before,
                                "a join never copies"
                            );
                        }
                        f.model.extend(&other.model);
                        prop_assert_eq!(&f.memkit[..], &f.model[..]);
                        // `bytes` cannot join, so both sides continue with a
                        // fresh copy: their reference counts stay in step.
                        f.memkit = memkit_bytes::Bytes::copy_from_slice(&f.model);
                        f.peer = bytes::Bytes::copy_from_slice(&f.model);
                    }
                    Err(back) => {
                        prop_assert_eq!(
                            &back[..],
                            &other.model[..],
                            "try_unsplit hands other back"
                        );
                        prop_assert_eq!(f.memkit.as_ptr().addr(), before);
                        s.frozen.push(Frozen3 {
                            memkit: back,
                            peer: other.peer,
                            model: other.model,
                            cmp: other.cmp,
                        });
                    }
                }
            }
        }
        Op::BDrop(sel) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                s.frozen.swap_remove(i);
            }
        }
        Op::BCopyToBytes(sel, at) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &mut s.frozen[i];
                let at = at.resolve(f.model.len());
                let valid = at <= f.model.len();
                let (frozen_memkit, frozen_peer) = (&mut f.memkit, &mut f.peer);
                if let Some((memkit, peer)) = both(
                    valid,
                    &what,
                    || frozen_memkit.copy_to_bytes(at),
                    || frozen_peer.copy_to_bytes(at),
                )? {
                    let model: Vec<u8> = f.model.drain(..at).collect();
                    let cmp = f.cmp;
                    s.frozen.push(Frozen3 {
                        memkit,
                        peer,
                        model,
                        cmp,
                    });
                }
            }
        }
        Op::BIsUnique(sel) => {
            if let Some(i) = pick(*sel, s.frozen.len()) {
                let f = &s.frozen[i];
                if f.cmp && !f.model.is_empty() {
                    prop_assert_eq!(
                        f.memkit.is_unique(),
                        f.peer.is_unique(),
                        "is_unique differs"
                    );
                }
            }
        }
    }
    s.check(&what)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn bytes_and_bytes_mut_agree_with_bytes_crate_and_model(
        init in init(),
        ops in prop::collection::vec(op(), 1..if cfg!(miri) { 24 } else { 64 }),
    ) {
        let mut state = initial_state(&init);
        state.check("init")?;
        for op in &ops {
            apply(&mut state, op)?;
        }
        // Tear down in a scrambled order: every handle's drop must be sound.
        let State { cur, mut parts, mut frozen } = state;
        drop(cur);
        while let Some(p) = parts.pop() {
            drop(p);
            if let Some(f) = frozen.pop() {
                f.check("teardown")?;
            }
        }
    }

    #[test]
    fn slices_agree_for_every_range_form(
        data in prop::collection::vec(any::<u8>(), 0..40),
        ranges in prop::collection::vec(rng(), 1..16),
    ) {
        let memkit = memkit_bytes::Bytes::copy_from_slice(&data);
        let peer = bytes::Bytes::copy_from_slice(&data);
        for range in ranges {
            let (bounds, valid) = range.resolve(data.len());
            let what = format!("slice {bounds:?} of {}", data.len());
            if let Some((slice_memkit, slice_peer)) = both(valid, &what, || memkit.slice(bounds), || peer.slice(bounds))? {
                prop_assert_eq!(&slice_memkit[..], &data[bounds]);
                prop_assert_eq!(&slice_peer[..], &data[bounds]);
            }
        }
    }
}
