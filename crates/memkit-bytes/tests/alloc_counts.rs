//! Allocation-count tests: memkit-alloc's counting global allocator proves
//! the zero-allocation and zero-copy claims of memkit-bytes, and shows where
//! `bytes` 1.12 allocates for comparison.
//!
//! Counts are per thread (`memkit_alloc::measure`), so tests running in
//! parallel do not disturb each other. Only the test's own thread is
//! counted; none of the measured code spawns threads.

use memkit_alloc::{CountingAlloc, Stats, measure};
use memkit_bytes::{BufMut, Bytes, BytesMut, BytesPool};

/// Iterations of the steady-state loops; small under Miri.
const ITERS: usize = if cfg!(miri) { 16 } else { 1000 };

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

#[test]
fn counter_works() {
    let (v, c) = measure(|| vec![1u8; 100]);
    assert_eq!(c.allocs, 1);
    let ((), c) = measure(|| drop(v));
    assert_eq!(c.deallocs, 1);
}

#[test]
fn with_capacity_allocates_once_then_split_freeze_clone_slice_are_free() {
    let (mut buf, c) = measure(|| BytesMut::with_capacity(1024));
    assert_eq!(c.allocs, 1, "header and data share one allocation");
    buf.extend_from_slice(&[7; 512]);

    let (parts, c) = measure(|| {
        let a = buf.split_to(100);
        let b = buf.split_off(300);
        let c = buf.split();
        let fa = a.freeze();
        let fa2 = fa.clone();
        let sl = fa.slice(10..20);
        let fb = b.freeze();
        let fc = c.freeze();
        let fc2 = fc.clone();
        (fa, fa2, sl, fb, fc, fc2)
    });
    assert_eq!(
        c,
        Stats::ZERO,
        "split_to, split_off, split, freeze, clone, slice"
    );
    assert_eq!(parts.0.len(), 100);
    assert_eq!(parts.3.len(), 112);
    assert_eq!(parts.4.len(), 300);

    let ((), c) = measure(|| drop(parts));
    assert_eq!(c.new_memory(), 0);
    assert_eq!(c.deallocs, 0, "`buf` still holds the storage");
    let ((), c) = measure(|| drop(buf));
    assert_eq!(c.deallocs, 1, "the last handle frees the one block");
}

#[test]
fn first_split_and_clone_of_a_fresh_buffer_do_not_allocate() {
    let mut buf = BytesMut::with_capacity(64);
    buf.extend_from_slice(b"0123456789");
    let (head, c) = measure(|| buf.split_to(5));
    assert_eq!(c, Stats::ZERO, "first split");
    let frozen = head.freeze();
    let (clone, c) = measure(|| frozen.clone());
    assert_eq!(c, Stats::ZERO, "first clone");
    drop((clone, frozen, buf));
}

#[test]
fn try_into_mut_and_unsplit_do_not_allocate() {
    let mut buf = BytesMut::with_capacity(256);
    buf.extend_from_slice(&[1; 200]);
    let ((), c) = measure(|| {
        let tail = buf.split_off(100);
        buf.unsplit(tail);
        let head = buf.split_to(50);
        let mut head_owner = head;
        head_owner.unsplit(std::mem::take(&mut buf));
        buf = head_owner;
    });
    assert_eq!(c, Stats::ZERO, "contiguous unsplit in both directions");
    assert_eq!(buf.len(), 200);

    let frozen = buf.freeze();
    let (back, c) = measure(|| frozen.try_into_mut());
    assert_eq!(c, Stats::ZERO, "unique try_into_mut");
    let mut buf = back.expect("unique");

    let mut b2 = buf.split_off(10).freeze();
    let tail = b2.split_off(5);
    let (r, c) = measure(|| b2.try_unsplit(tail));
    assert!(r.is_ok());
    assert_eq!(c, Stats::ZERO, "Bytes::try_unsplit");
    drop(b2);
    let (ok, c) = measure(|| buf.try_reclaim(200));
    assert!(ok);
    assert_eq!(c, Stats::ZERO, "try_reclaim never allocates");
}

#[test]
fn freeze_never_allocates() {
    let (b, c) = measure(|| BytesMut::new().freeze());
    assert_eq!(c, Stats::ZERO, "BytesMut::new().freeze()");
    drop(b);

    let m = BytesMut::with_capacity(32);
    let (b, c) = measure(|| m.freeze());
    assert_eq!(c, Stats::ZERO, "with_capacity, empty");
    drop(b);

    let mut m = BytesMut::with_capacity(32);
    m.extend_from_slice(b"data");
    let (b, c) = measure(|| m.freeze());
    assert_eq!(c, Stats::ZERO, "with_capacity, written");
    drop(b);

    let mut v = Vec::with_capacity(64);
    v.extend_from_slice(b"vec-backed");
    let m = BytesMut::from(v);
    let (b, c) = measure(|| m.freeze());
    assert_eq!(c, Stats::ZERO, "Vec-backed");
    drop(b);

    let m = BytesMut::zeroed(16);
    let (b, c) = measure(|| m.freeze());
    assert_eq!(c, Stats::ZERO, "zeroed");
    drop(b);
}

#[test]
fn from_vec_for_bytes_mut_copies_nothing_and_allocates_one_header() {
    let mut v = Vec::with_capacity(4096);
    v.extend_from_slice(&[3; 1000]);
    let p = v.as_ptr();
    let (m, c) = measure(|| BytesMut::from(v));
    assert_eq!(m.as_ptr(), p, "the vector's buffer is adopted");
    assert_eq!(m.capacity(), 4096);
    assert_eq!(c.allocs, 1, "exactly one header allocation");
    assert_eq!(c.reallocs, 0);
    assert_eq!(c.deallocs, 0);
    let ((), c) = measure(|| drop(m));
    assert_eq!(c.deallocs, 2, "header and vector buffer");

    // An empty vector without a buffer needs no header.
    let (m, c) = measure(|| BytesMut::from(Vec::new()));
    assert_eq!(c, Stats::ZERO);
    drop(m);
}

#[test]
fn from_vec_for_bytes_allocates_one_header_then_clones_free() {
    let v = vec![5u8; 100];
    let p = v.as_ptr();
    let (b, c) = measure(|| Bytes::from(v));
    assert_eq!(b.as_ptr(), p);
    assert_eq!(c.new_memory(), 1);
    let (b2, c) = measure(|| b.clone());
    assert_eq!(c, Stats::ZERO);
    drop((b, b2));
}

#[test]
fn static_bytes_never_allocate() {
    let ((), c) = measure(|| {
        let b = Bytes::from_static(b"static bytes here");
        let c2 = b.clone();
        let mut s = c2.slice(2..10);
        let t = s.split_off(3);
        let u = s.split_to(1);
        drop((b, c2, s, t, u));
        let _ = Bytes::new();
        let _ = BytesMut::new();
    });
    assert_eq!(c, Stats::ZERO);
}

#[test]
fn copy_from_slice_is_one_allocation() {
    let (b, c) = measure(|| Bytes::copy_from_slice(&[9; 300]));
    assert_eq!(c.new_memory(), 1);
    let ((), c) = measure(|| drop(b));
    assert_eq!(c.deallocs, 1);
}

#[test]
fn steady_pool_loop_makes_no_allocation_after_warm_up() {
    let pool = BytesPool::new(8);
    let payload = [0xA5u8; 512];
    let round = || {
        let mut buf = pool.get(4096);
        buf.put_slice(&payload);
        let head = buf.split_to(256).freeze();
        assert_eq!(head.len(), 256);
        drop(head);
        drop(buf);
    };
    // Warm-up: the first round allocates the one pooled block.
    let ((), c) = measure(round);
    assert_eq!(c.new_memory(), 1);
    let ((), c) = measure(|| {
        for _ in 0..ITERS {
            round();
        }
    });
    assert_eq!(c, Stats::ZERO, "{ITERS} pooled rounds after warm-up");
    assert_eq!(pool.pooled(), 1);
}

#[test]
fn steady_pool_loop_with_handles_kept_across_rounds() {
    // Frames outlive the next `get`, so two blocks circulate.
    let pool = BytesPool::new(4);
    let mut previous: Option<Bytes> = None;
    let mut round = || {
        let mut buf = pool.get(4096);
        buf.put_slice(&[1; 512]);
        let frame = buf.split_to(256).freeze();
        drop(buf);
        previous = Some(frame);
    };
    for _ in 0..3 {
        round();
    }
    let ((), c) = measure(|| {
        for _ in 0..ITERS {
            round();
        }
    });
    assert_eq!(c, Stats::ZERO);
}

#[test]
fn read_split_freeze_loop_on_one_buffer_makes_no_allocation_after_warm_up() {
    let payload = [0x5Au8; 512];
    let mut buf = BytesMut::with_capacity(64 * 1024);
    let round = |buf: &mut BytesMut| {
        buf.reserve(512);
        buf.put_slice(&payload);
        let frame = buf.split_to(512).freeze();
        assert_eq!(frame.len(), 512);
        drop(frame);
    };
    // Warm-up: long enough to use the whole buffer once and reclaim it.
    for _ in 0..(64 * 1024 / 512 + 2) {
        round(&mut buf);
    }
    let ((), c) = measure(|| {
        for _ in 0..ITERS.max(300) {
            round(&mut buf);
        }
    });
    assert_eq!(c, Stats::ZERO, "reserve reclaims the dropped frames' room");
}

#[test]
fn framing_loop_with_carry_over_makes_no_allocation_after_warm_up() {
    // Reads of 512 bytes, frames of 200: a partial frame is always carried
    // over, so `reserve` must move it to the front of the same storage.
    let chunk = [0x11u8; 512];
    let mut buf = BytesMut::with_capacity(4096);
    let mut frames = 0usize;
    let mut round = |buf: &mut BytesMut| {
        buf.reserve(512);
        buf.put_slice(&chunk);
        while buf.len() >= 200 {
            let frame = buf.split_to(200).freeze();
            frames += frame.len();
        }
    };
    for _ in 0..20 {
        round(&mut buf);
    }
    let ((), c) = measure(|| {
        for _ in 0..ITERS.max(100) {
            round(&mut buf);
        }
    });
    assert_eq!(c, Stats::ZERO);
    assert!(frames > 0);
}

#[test]
fn bytes_crate_allocates_on_first_split_of_with_capacity_buffer() {
    // The comparison point: `bytes` 1.12 promotes a fresh `with_capacity`
    // buffer to shared storage on its first split, allocating its header.
    let mut peer = bytes::BytesMut::with_capacity(64);
    peer.extend_from_slice(b"0123456789");
    let (head, c) = measure(|| peer.split_to(5));
    assert_eq!(c.new_memory(), 1, "bytes 1.12 allocates on the first split");
    drop(head);

    let mut memkit = BytesMut::with_capacity(64);
    memkit.extend_from_slice(b"0123456789");
    let (head, c) = measure(|| memkit.split_to(5));
    assert_eq!(c.new_memory(), 0, "memkit does not");
    drop(head);

    // And freezing a written `with_capacity` buffer, then cloning it.
    let mut peer = bytes::BytesMut::with_capacity(64);
    peer.extend_from_slice(b"0123456789");
    let (frozen, c) = measure(|| peer.freeze());
    assert_eq!(
        c.new_memory(),
        1,
        "bytes 1.12 allocates on freeze (len != cap)"
    );
    let (clone, c) = measure(|| frozen.clone());
    assert_eq!(c.new_memory(), 0);
    drop((clone, frozen));

    let mut memkit = BytesMut::with_capacity(64);
    memkit.extend_from_slice(b"0123456789");
    let ((frozen, clone), c) = measure(|| {
        let f = memkit.freeze();
        let c = f.clone();
        (f, c)
    });
    assert_eq!(c.new_memory(), 0, "memkit does not");
    drop((clone, frozen));
}
