//! Target `bytes`: [`Bytes`], [`BytesMut`], [`BytesPool`] and the [`Buf`] /
//! [`BufMut`] combinators against `Vec<u8>` models.
//!
//! Up to [`MAX_HANDLES`] handles live at once, each a `Bytes` or a
//! `BytesMut` with the `Vec<u8>` it should hold. After every operation every
//! handle's raw invariants are checked (`assert_invariants`) and its
//! contents are compared with its model, so a write through one
//! handle that shows through another (two handles wrongly sharing writable
//! storage) fails at once. [`Op::Drain`] drains `Chain`s and `Take`s over
//! user buffers made of several segments the way a writer does:
//! `chunks_vectored`, then `advance` by what was written.

use std::io::IoSlice;

use arbitrary::Arbitrary;
use memkit_bytes::{Buf, BufMut, Bytes, BytesMut, BytesPool};

use crate::segments::Segments;
use crate::{clamp, ops};

/// Most handles alive at once.
pub const MAX_HANDLES: usize = 16;
/// Longest a handle may grow; longer operations are skipped.
pub const MAX_LEN: usize = 1 << 16;
/// Most idle buffers the target's pool keeps.
pub const POOL_MAX: usize = 4;

/// One step. Handle indexes are reduced modulo the number of live handles,
/// offsets and lengths modulo what is in range.
#[derive(Arbitrary, Debug)]
pub enum Op {
    /// `BytesMut::with_capacity`.
    WithCapacity(u16),
    /// `Bytes::from(Vec<u8>)`.
    FromVec(Vec<u8>),
    /// `Bytes::copy_from_slice`.
    CopyFromSlice(Vec<u8>),
    /// `Bytes::from(&'static [u8])`: a prefix of a fixed text.
    FromStatic(u8),
    /// `BytesMut::from(&[u8])`.
    MutFromSlice(Vec<u8>),
    /// `BytesPool::get`.
    PoolGet(u16),
    /// `clone`.
    Clone(u8),
    /// Drops a handle.
    Drop(u8),
    /// `BytesMut::extend_from_slice`.
    ExtendFromSlice(u8, Vec<u8>),
    /// `BytesMut::extend_from_within(start..end)`.
    ExtendFromWithin(u8, u16, u16),
    /// A `BufMut::put_*` on a `BytesMut`.
    Put(u8, Put),
    /// `BytesMut::reserve`.
    Reserve(u8, u16),
    /// `BytesMut::resize`.
    Resize(u8, u16, u8),
    /// Overwrites one byte through `DerefMut` of a `BytesMut`.
    Overwrite(u8, u16, u8),
    /// `truncate`.
    Truncate(u8, u16),
    /// `clear`.
    Clear(u8),
    /// `split_to`.
    SplitTo(u8, u16),
    /// `split_off`.
    SplitOff(u8, u16),
    /// `BytesMut::split`.
    Split(u8),
    /// `BytesMut::freeze`.
    Freeze(u8),
    /// `Bytes::try_into_mut`.
    TryIntoMut(u8),
    /// `BytesMut::from(Bytes)`.
    IntoMut(u8),
    /// `BytesMut::unsplit` (both `BytesMut`).
    Unsplit(u8, u8),
    /// `try_unsplit` (both `Bytes` or both `BytesMut`).
    TryUnsplit(u8, u8),
    /// `Bytes::slice(start..end)`.
    Slice(u8, u16, u16),
    /// `Buf::advance`.
    Advance(u8, u16),
    /// A `Buf::get_*` or `try_get_*`.
    Get(u8, Get),
    /// `Buf::copy_to_bytes`: the result becomes a new handle.
    CopyToBytes(u8, u16),
    /// `BufMut::limit` over a `BytesMut`, then `put_slice`.
    Limit(u8, u16, Vec<u8>),
    /// `chain_mut` of two limited `BytesMut`s, then `put_slice`.
    ChainMut(u8, u16, u8, u16, Vec<u8>),
    /// Drains a combinator over user buffers as a writer does.
    Drain(Drain),
}

/// A `BufMut` write.
#[derive(Arbitrary, Debug)]
pub enum Put {
    /// `put_u8`.
    U8(u8),
    /// `put_u16`.
    U16(u16),
    /// `put_u32_le`.
    U32Le(u32),
    /// `put_u64`.
    U64(u64),
    /// `put_uint(value, nbytes)`, `nbytes` reduced into `1..=8`.
    Uint(u64, u8),
    /// `put_int_le(value, nbytes)`, `nbytes` reduced into `1..=8`.
    IntLe(i64, u8),
    /// `put_slice`.
    Slice(Vec<u8>),
    /// `put_bytes(value, count)`.
    Bytes(u8, u8),
}

/// A `Buf` read. Uses the `try_get_*` form, and checks its error, when too
/// few bytes remain.
#[derive(Arbitrary, Debug)]
pub enum Get {
    /// `get_u8`.
    U8,
    /// `get_u16`.
    U16,
    /// `get_u32_le`.
    U32Le,
    /// `get_u64`.
    U64,
    /// `get_uint(nbytes)`, `nbytes` reduced into `1..=8`.
    Uint(u8),
    /// `get_int_le(nbytes)`, `nbytes` reduced into `1..=8`.
    IntLe(u8),
    /// `copy_to_slice` of `n` bytes.
    Slice(u8),
}

/// A combinator over user buffers, drained as a writer does.
#[derive(Arbitrary, Debug)]
pub struct Drain {
    /// The segments of the first user buffer.
    pub first: Vec<Vec<u8>>,
    /// The segments of the second user buffer.
    pub second: Vec<Vec<u8>>,
    /// A memkit `Bytes` to chain as well.
    pub tail: Vec<u8>,
    /// How the parts are combined.
    pub shape: Shape,
    /// The limit of the shape's `Take`s.
    pub limit: u16,
    /// Entries of the `IoSlice` array handed to `chunks_vectored` (reduced
    /// into `0..=8`; with 0 the writer uses `chunk`).
    pub slices: u8,
    /// Bytes the writer takes at each call, cycled; a value with the top bit
    /// set reads through `copy_to_bytes` instead.
    pub writes: Vec<u16>,
}

/// The combinators a [`Drain`] builds; `A` and `B` are the user buffers, `T`
/// the `Bytes`.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Shape {
    /// `A.chain(T)`.
    UserBytes,
    /// `T.chain(A)`.
    BytesUser,
    /// `A.chain(B).chain(T)`.
    NestedLeft,
    /// `A.chain(B.chain(T))`.
    NestedRight,
    /// `A.chain(B).take(limit)`.
    TakeOfChain,
    /// `A.take(limit).chain(B)`.
    ChainOfTake,
    /// `A.chain(B).chain(T).take(limit)`.
    TakeOfNested,
    /// `A.chain(B.take(limit)).take(limit)`.
    TakeOfChainOfTake,
}

/// A memkit handle.
#[derive(Debug)]
enum Handle {
    Shared(Bytes),
    Unique(BytesMut),
}

impl Handle {
    fn as_slice(&self) -> &[u8] {
        match self {
            Handle::Shared(b) => b,
            Handle::Unique(b) => b,
        }
    }
}

/// A handle and the bytes it should hold.
#[derive(Debug)]
struct Slot {
    memkit: Handle,
    model: Vec<u8>,
}

/// Text that `Op::FromStatic` takes prefixes of.
const STATIC_TEXT: &[u8] = b"GET /index.html HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";

/// Runs the operations decoded from `data`, checking every handle against
/// its model after each.
///
/// # Panics
///
/// When memkit and the model disagree, naming the step.
pub fn run(data: &[u8]) {
    let pool = BytesPool::new(POOL_MAX);
    let mut slots: Vec<Slot> = Vec::new();
    for (step, op) in ops::<Op>(data) {
        apply(&pool, &mut slots, op, step);
        for (i, slot) in slots.iter().enumerate() {
            assert_eq!(
                slot.memkit.as_slice(),
                &slot.model[..],
                "step {step}: handle {i} differs from its model"
            );
            match &slot.memkit {
                Handle::Shared(b) => b.assert_invariants(),
                Handle::Unique(b) => {
                    b.assert_invariants();
                    assert!(b.capacity() >= b.len(), "step {step}: capacity below len");
                }
            }
        }
        assert!(
            pool.pooled() <= POOL_MAX,
            "step {step}: pool over its bound"
        );
    }
}

fn push(slots: &mut Vec<Slot>, memkit: Handle, model: Vec<u8>) {
    if slots.len() < MAX_HANDLES {
        slots.push(Slot { memkit, model });
    }
}

/// The index of a live handle chosen by `i`, if any is live.
fn pick(slots: &[Slot], i: u8) -> Option<usize> {
    (!slots.is_empty()).then(|| usize::from(i) % slots.len())
}

/// Reduces `nbytes` into `1..=8`.
fn width(nbytes: u8) -> usize {
    usize::from(nbytes % 8) + 1
}

fn apply(pool: &BytesPool, slots: &mut Vec<Slot>, op: Op, step: usize) {
    match op {
        Op::WithCapacity(cap) => {
            let b = BytesMut::with_capacity(usize::from(cap));
            assert!(
                b.capacity() >= usize::from(cap),
                "step {step}: with_capacity"
            );
            push(slots, Handle::Unique(b), Vec::new());
        }
        Op::FromVec(v) => push(slots, Handle::Shared(Bytes::from(v.clone())), v),
        Op::CopyFromSlice(v) => push(slots, Handle::Shared(Bytes::copy_from_slice(&v)), v),
        Op::FromStatic(n) => {
            let text = &STATIC_TEXT[..clamp(usize::from(n), STATIC_TEXT.len())];
            push(slots, Handle::Shared(Bytes::from(text)), text.to_vec());
        }
        Op::MutFromSlice(v) => push(slots, Handle::Unique(BytesMut::from(&v[..])), v),
        Op::PoolGet(cap) => {
            let b = pool.get(usize::from(cap));
            assert!(b.is_empty(), "step {step}: a pool buffer comes back empty");
            assert!(
                b.capacity() >= usize::from(cap),
                "step {step}: pool get capacity"
            );
            push(slots, Handle::Unique(b), Vec::new());
        }
        Op::Clone(i) => {
            let Some(i) = pick(slots, i) else { return };
            let memkit = match &slots[i].memkit {
                Handle::Shared(b) => Handle::Shared(b.clone()),
                Handle::Unique(b) => Handle::Unique(b.clone()),
            };
            let model = slots[i].model.clone();
            push(slots, memkit, model);
        }
        Op::Drop(i) => {
            if let Some(i) = pick(slots, i) {
                slots.swap_remove(i);
            }
        }
        Op::Overwrite(i, at, value) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            if let Handle::Unique(b) = &mut slot.memkit
                && !slot.model.is_empty()
            {
                let at = usize::from(at) % slot.model.len();
                b[at] = value;
                slot.model[at] = value;
            }
        }
        Op::Truncate(i, len) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            let len = clamp(usize::from(len), slot.model.len() + 1);
            match &mut slot.memkit {
                Handle::Shared(b) => b.truncate(len),
                Handle::Unique(b) => b.truncate(len),
            }
            slot.model.truncate(len);
        }
        Op::Clear(i) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            match &mut slot.memkit {
                Handle::Shared(b) => b.clear(),
                Handle::Unique(b) => b.clear(),
            }
            slot.model.clear();
        }
        Op::SplitTo(i, at) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            let at = clamp(usize::from(at), slot.model.len());
            let rest = slot.model.split_off(at);
            let head = core::mem::replace(&mut slot.model, rest);
            let memkit = match &mut slot.memkit {
                Handle::Shared(b) => Handle::Shared(b.split_to(at)),
                Handle::Unique(b) => Handle::Unique(b.split_to(at)),
            };
            push(slots, memkit, head);
        }
        Op::SplitOff(i, at) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            let at = clamp(usize::from(at), slot.model.len());
            let tail = slot.model.split_off(at);
            let memkit = match &mut slot.memkit {
                Handle::Shared(b) => Handle::Shared(b.split_off(at)),
                Handle::Unique(b) => Handle::Unique(b.split_off(at)),
            };
            push(slots, memkit, tail);
        }
        Op::Split(i) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            if let Handle::Unique(b) = &mut slot.memkit {
                let taken = b.split();
                assert!(b.is_empty(), "step {step}: split leaves an empty buffer");
                let model = core::mem::take(&mut slot.model);
                push(slots, Handle::Unique(taken), model);
            }
        }
        Op::Freeze(i) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            if let Handle::Unique(b) = &mut slot.memkit {
                slot.memkit = Handle::Shared(core::mem::take(b).freeze());
            }
        }
        Op::TryIntoMut(i) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            if let Handle::Shared(b) = &mut slot.memkit {
                slot.memkit = match core::mem::take(b).try_into_mut() {
                    Ok(m) => Handle::Unique(m),
                    Err(b) => Handle::Shared(b),
                };
            }
        }
        Op::IntoMut(i) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            if let Handle::Shared(b) = &mut slot.memkit {
                slot.memkit = Handle::Unique(BytesMut::from(core::mem::take(b)));
            }
        }
        Op::Unsplit(a, b) => {
            let (Some(a), Some(b)) = (pick(slots, a), pick(slots, b)) else {
                return;
            };
            if a == b || slots[a].model.len() + slots[b].model.len() > MAX_LEN {
                return;
            }
            if !matches!(
                (&slots[a].memkit, &slots[b].memkit),
                (Handle::Unique(_), Handle::Unique(_))
            ) {
                return;
            }
            let other = take_slot(slots, b);
            let a = if a == slots.len() { b } else { a };
            let Handle::Unique(other_mk) = other.memkit else {
                unreachable!()
            };
            let slot = &mut slots[a];
            if let Handle::Unique(m) = &mut slot.memkit {
                m.unsplit(other_mk);
            }
            slot.model.extend_from_slice(&other.model);
        }
        Op::TryUnsplit(a, b) => {
            let (Some(a), Some(b)) = (pick(slots, a), pick(slots, b)) else {
                return;
            };
            if a == b {
                return;
            }
            let other = take_slot(slots, b);
            let a = if a == slots.len() { b } else { a };
            try_unsplit(slots, a, other, step);
        }
        Op::Slice(i, start, end) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &slots[i];
            if let Handle::Shared(b) = &slot.memkit {
                let end = clamp(usize::from(end), slot.model.len());
                let start = clamp(usize::from(start), end);
                let memkit = Handle::Shared(b.slice(start..end));
                let model = slot.model[start..end].to_vec();
                push(slots, memkit, model);
            }
        }
        Op::Advance(i, n) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            let n = clamp(usize::from(n), slot.model.len());
            match &mut slot.memkit {
                Handle::Shared(b) => b.advance(n),
                Handle::Unique(b) => b.advance(n),
            }
            slot.model.drain(..n);
        }
        Op::Get(i, get) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            match &mut slot.memkit {
                Handle::Shared(b) => read(b, &mut slot.model, &get, step),
                Handle::Unique(b) => read(b, &mut slot.model, &get, step),
            }
        }
        Op::CopyToBytes(i, n) => {
            let Some(i) = pick(slots, i) else { return };
            let slot = &mut slots[i];
            let n = clamp(usize::from(n), slot.model.len());
            let copied = match &mut slot.memkit {
                Handle::Shared(b) => b.copy_to_bytes(n),
                Handle::Unique(b) => b.copy_to_bytes(n),
            };
            let model = slot.model.drain(..n).collect();
            push(slots, Handle::Shared(copied), model);
        }
        Op::ExtendFromSlice(i, data) => {
            with_unique(slots, i, data.len(), |b, model| {
                b.extend_from_slice(&data);
                model.extend_from_slice(&data);
            });
        }
        Op::ExtendFromWithin(i, start, end) => {
            let Some(len) = pick(slots, i).map(|i| slots[i].model.len()) else {
                return;
            };
            let end = clamp(usize::from(end), len);
            let start = clamp(usize::from(start), end);
            with_unique(slots, i, end - start, |b, model| {
                b.extend_from_within(start..end);
                model.extend_from_within(start..end);
            });
        }
        Op::Put(i, put) => with_unique(slots, i, 256, |b, model| write(b, model, put)),
        Op::Reserve(i, additional) => {
            with_unique(slots, i, 0, |b, model| {
                let additional = usize::from(additional);
                b.reserve(additional);
                assert!(
                    b.capacity() >= model.len() + additional,
                    "step {step}: reserve({additional}) left capacity {}",
                    b.capacity()
                );
            });
        }
        Op::Resize(i, len, value) => {
            with_unique(slots, i, usize::from(len), |b, model| {
                b.resize(usize::from(len), value);
                model.resize(usize::from(len), value);
            });
        }
        Op::Limit(i, limit, data) => {
            with_unique(slots, i, data.len(), |b, model| {
                let limit = usize::from(limit);
                let mut limited = b.limit(limit);
                assert_eq!(
                    limited.remaining_mut(),
                    limit,
                    "step {step}: Limit::remaining_mut"
                );
                assert!(
                    limited.chunk_mut().len() <= limit,
                    "step {step}: Limit::chunk_mut"
                );
                let n = data.len().min(limit);
                limited.put_slice(&data[..n]);
                assert_eq!(
                    limited.remaining_mut(),
                    limit - n,
                    "step {step}: Limit after put"
                );
                model.extend_from_slice(&data[..n]);
            });
        }
        Op::ChainMut(a, limit_a, b, limit_b, data) => {
            chain_mut(slots, (a, limit_a), (b, limit_b), &data, step);
        }
        Op::Drain(drain) => drain.run(step),
    }
}

/// Removes slot `i`; the last slot takes its index.
fn take_slot(slots: &mut Vec<Slot>, i: usize) -> Slot {
    slots.swap_remove(i)
}

fn try_unsplit(slots: &mut Vec<Slot>, a: usize, other: Slot, step: usize) {
    let slot = &mut slots[a];
    let back = match (&mut slot.memkit, other.memkit) {
        (Handle::Shared(x), Handle::Shared(y)) => x.try_unsplit(y).err().map(Handle::Shared),
        (Handle::Unique(x), Handle::Unique(y)) => x.try_unsplit(y).err().map(Handle::Unique),
        (_, memkit) => Some(memkit),
    };
    match back {
        None => slot.model.extend_from_slice(&other.model),
        Some(memkit) => {
            assert_eq!(
                memkit.as_slice(),
                &other.model[..],
                "step {step}: try_unsplit handed back a changed buffer"
            );
            push(slots, memkit, other.model);
        }
    }
}

/// Runs `f` on handle `i` when it is a `BytesMut` that may grow by `grow`.
fn with_unique(
    slots: &mut [Slot],
    i: u8,
    grow: usize,
    f: impl FnOnce(&mut BytesMut, &mut Vec<u8>),
) {
    let Some(i) = pick(slots, i) else { return };
    let slot = &mut slots[i];
    if let Handle::Unique(b) = &mut slot.memkit
        && slot.model.len() + grow <= MAX_LEN
    {
        f(b, &mut slot.model);
    }
}

fn chain_mut(
    slots: &mut [Slot],
    (a, limit_a): (u8, u16),
    (b, limit_b): (u8, u16),
    data: &[u8],
    step: usize,
) {
    let (Some(a), Some(b)) = (pick(slots, a), pick(slots, b)) else {
        return;
    };
    let Ok([x, y]) = slots.get_disjoint_mut([a, b]) else {
        return;
    };
    let (Handle::Unique(mx), Handle::Unique(my)) = (&mut x.memkit, &mut y.memkit) else {
        return;
    };
    let (limit_a, limit_b) = (usize::from(limit_a), usize::from(limit_b));
    let mut chain = mx.limit(limit_a).chain_mut(my.limit(limit_b));
    assert_eq!(
        chain.remaining_mut(),
        limit_a + limit_b,
        "step {step}: Chain::remaining_mut"
    );
    let n = data.len().min(limit_a + limit_b);
    chain.put_slice(&data[..n]);
    let into_a = n.min(limit_a);
    x.model.extend_from_slice(&data[..into_a]);
    y.model.extend_from_slice(&data[into_a..n]);
}

fn write(b: &mut BytesMut, model: &mut Vec<u8>, put: Put) {
    match put {
        Put::U8(v) => {
            b.put_u8(v);
            model.push(v);
        }
        Put::U16(v) => {
            b.put_u16(v);
            model.extend_from_slice(&v.to_be_bytes());
        }
        Put::U32Le(v) => {
            b.put_u32_le(v);
            model.extend_from_slice(&v.to_le_bytes());
        }
        Put::U64(v) => {
            b.put_u64(v);
            model.extend_from_slice(&v.to_be_bytes());
        }
        Put::Uint(v, n) => {
            let n = width(n);
            b.put_uint(v, n);
            model.extend_from_slice(&v.to_be_bytes()[8 - n..]);
        }
        Put::IntLe(v, n) => {
            let n = width(n);
            b.put_int_le(v, n);
            model.extend_from_slice(&v.to_le_bytes()[..n]);
        }
        Put::Slice(data) => {
            let data = &data[..data.len().min(256)];
            b.put_slice(data);
            model.extend_from_slice(data);
        }
        Put::Bytes(v, n) => {
            b.put_bytes(v, usize::from(n));
            model.extend(core::iter::repeat_n(v, usize::from(n)));
        }
    }
}

/// The big-endian number in `bytes`.
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}

fn read<B: Buf>(b: &mut B, model: &mut Vec<u8>, get: &Get, step: usize) {
    let need = match *get {
        Get::U8 => 1,
        Get::U16 => 2,
        Get::U32Le => 4,
        Get::U64 => 8,
        Get::Uint(n) | Get::IntLe(n) => width(n),
        Get::Slice(n) => usize::from(n),
    };
    let available = model.len();
    if available < need {
        let err = match *get {
            Get::U8 => b.try_get_u8().map(u64::from),
            Get::U16 => b.try_get_u16().map(u64::from),
            Get::U32Le => b.try_get_u32_le().map(u64::from),
            Get::U64 => b.try_get_u64(),
            Get::Uint(_) => b.try_get_uint(need),
            Get::IntLe(_) => b.try_get_int_le(need).map(|v| v as u64),
            Get::Slice(_) => b.try_copy_to_slice(&mut vec![0; need]).map(|()| 0),
        }
        .expect_err("a read past the end must fail");
        assert_eq!(
            (err.requested, err.available),
            (need, available),
            "step {step}: TryGetError fields"
        );
        return;
    }
    let bytes: Vec<u8> = model.drain(..need).collect();
    match *get {
        Get::U8 => assert_eq!(b.get_u8(), bytes[0], "step {step}: get_u8"),
        Get::U16 => assert_eq!(u64::from(b.get_u16()), be(&bytes), "step {step}: get_u16"),
        Get::U32Le => {
            let want = u32::from_le_bytes(bytes[..].try_into().expect("4 bytes"));
            assert_eq!(b.get_u32_le(), want, "step {step}: get_u32_le");
        }
        Get::U64 => assert_eq!(b.get_u64(), be(&bytes), "step {step}: get_u64"),
        Get::Uint(_) => assert_eq!(
            b.get_uint(need),
            be(&bytes),
            "step {step}: get_uint({need})"
        ),
        Get::IntLe(_) => {
            let mut le = [0u8; 8];
            le[..need].copy_from_slice(&bytes);
            let shift = 64 - 8 * need as u32;
            let want = (i64::from_le_bytes(le) << shift) >> shift;
            assert_eq!(b.get_int_le(need), want, "step {step}: get_int_le({need})");
        }
        Get::Slice(_) => {
            let mut out = vec![0; need];
            b.copy_to_slice(&mut out);
            assert_eq!(out, bytes, "step {step}: copy_to_slice");
        }
    }
}

/// What `chunks_vectored` must leave untouched past the count it returns.
static UNTOUCHED: [u8; 1] = [0xA5];

impl Drain {
    /// Builds the combinator, drains it, and compares every step with the
    /// concatenation of the parts.
    ///
    /// # Panics
    ///
    /// When the drained bytes or any `chunks_vectored` answer disagree with
    /// the model.
    pub fn run(self, step: usize) {
        let limit = usize::from(self.limit);
        let first_model: Vec<u8> = self.first.concat();
        let second_model: Vec<u8> = self.second.concat();
        let a = Segments::new(self.first);
        let b = Segments::new(self.second);
        let t = Bytes::from(self.tail.clone());
        let cut = |v: Vec<u8>| v[..v.len().min(limit)].to_vec();
        let drainer = Drainer {
            slices: clamp(usize::from(self.slices), 8),
            writes: self.writes,
            step,
            shape: self.shape,
        };
        let a_m = first_model;
        let b_m = second_model;
        let t_m = self.tail;
        match self.shape {
            Shape::UserBytes => drainer.drain(a.chain(t), [a_m, t_m].concat()),
            Shape::BytesUser => drainer.drain(t.chain(a), [t_m, a_m].concat()),
            Shape::NestedLeft => drainer.drain(a.chain(b).chain(t), [a_m, b_m, t_m].concat()),
            Shape::NestedRight => drainer.drain(a.chain(b.chain(t)), [a_m, b_m, t_m].concat()),
            Shape::TakeOfChain => drainer.drain(a.chain(b).take(limit), cut([a_m, b_m].concat())),
            Shape::ChainOfTake => drainer.drain(a.take(limit).chain(b), [cut(a_m), b_m].concat()),
            Shape::TakeOfNested => {
                drainer.drain(
                    a.chain(b).chain(t).take(limit),
                    cut([a_m, b_m, t_m].concat()),
                );
            }
            Shape::TakeOfChainOfTake => {
                drainer.drain(
                    a.chain(b.take(limit)).take(limit),
                    cut([a_m, cut(b_m)].concat()),
                );
            }
        }
    }
}

/// How a [`Drain`] reads.
struct Drainer {
    slices: usize,
    writes: Vec<u16>,
    step: usize,
    shape: Shape,
}

impl Drainer {
    fn drain<B: Buf>(&self, mut buf: B, model: Vec<u8>) {
        let (step, shape) = (self.step, self.shape);
        let mut drained = 0;
        let mut writes = self.writes.iter().copied().cycle();
        while drained < model.len() {
            let rest = &model[drained..];
            assert_eq!(
                buf.remaining(),
                rest.len(),
                "step {step}: {shape:?} remaining"
            );
            let chunk = buf.chunk();
            assert!(
                !chunk.is_empty(),
                "step {step}: {shape:?} empty chunk with data left"
            );
            assert_eq!(
                chunk,
                &rest[..chunk.len().min(rest.len())],
                "step {step}: {shape:?} chunk"
            );
            let write = writes.next().unwrap_or(u16::MAX >> 1);
            let want = usize::from(write & (u16::MAX >> 1)).max(1);
            if write & !(u16::MAX >> 1) != 0 {
                let n = want.min(rest.len());
                let copied = buf.copy_to_bytes(n);
                assert_eq!(
                    &copied[..],
                    &rest[..n],
                    "step {step}: {shape:?} copy_to_bytes({n})"
                );
                drained += n;
                continue;
            }
            let offered = self.offered(&buf);
            assert!(
                !offered.is_empty(),
                "step {step}: {shape:?} chunks_vectored offered nothing with {} left",
                rest.len()
            );
            assert_eq!(
                offered,
                &rest[..offered.len().min(rest.len())],
                "step {step}: {shape:?} chunks_vectored is not the next bytes of the buffer"
            );
            let n = want.min(offered.len());
            buf.advance(n);
            drained += n;
        }
        assert_eq!(
            buf.remaining(),
            0,
            "step {step}: {shape:?} remaining at the end"
        );
        let mut dst = [IoSlice::new(&[]); 2];
        assert_eq!(
            buf.chunks_vectored(&mut dst),
            0,
            "step {step}: {shape:?} empty chunks_vectored"
        );
    }

    /// What a vectored write would see: the bytes of `chunks_vectored`, or
    /// of `chunk` when the writer has no slices to offer.
    fn offered<B: Buf>(&self, buf: &B) -> Vec<u8> {
        let (step, shape) = (self.step, self.shape);
        if self.slices == 0 {
            return buf.chunk().to_vec();
        }
        let mut dst = [IoSlice::new(&UNTOUCHED); 8];
        let dst = &mut dst[..self.slices];
        let filled = buf.chunks_vectored(dst);
        assert!(
            filled <= dst.len(),
            "step {step}: {shape:?} chunks_vectored count"
        );
        for slot in &dst[filled..] {
            assert!(
                slot.as_ptr() == UNTOUCHED.as_ptr() && slot.len() == 1,
                "step {step}: {shape:?} chunks_vectored wrote past the {filled} entries it returned"
            );
        }
        dst[..filled]
            .iter()
            .flat_map(|s| s.iter().copied())
            .collect()
    }
}
