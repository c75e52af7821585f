//! The `bytes1` bridge: conversions between memkit's `Bytes` and
//! `bytes::Bytes` keep the pointer, drop the data exactly once, and let pool
//! buffers go back to their pool.
#![cfg(all(feature = "bytes1", feature = "std"))]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use memkit_alloc::{CountingAlloc, Stats, measure};
use memkit_bytes::{BufMut, Bytes, BytesMut, BytesPool};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// An owner that counts how often it is dropped.
struct Counted {
    data: Vec<u8>,
    drops: Arc<AtomicUsize>,
}

impl AsRef<[u8]> for Counted {
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

fn counted(data: &[u8]) -> (Counted, Arc<AtomicUsize>) {
    let drops = Arc::new(AtomicUsize::new(0));
    let owner = Counted {
        data: data.to_vec(),
        drops: Arc::clone(&drops),
    };
    (owner, drops)
}

/// memkit `Bytes` of every storage kind, with the bytes they hold.
fn memkit_samples() -> Vec<Bytes> {
    let mut inline = BytesMut::with_capacity(32);
    inline.put_slice(b"inline storage");
    let (owner, _) = counted(b"user owner");
    vec![
        inline.freeze(),
        Bytes::from(b"adopted vec".to_vec()),
        Bytes::from_owner(owner),
        Bytes::from_static(b"static bytes"),
        Bytes::from(b"a slice of a vec".to_vec()).slice(2..7),
        Bytes::new(),
    ]
}

#[test]
fn memkit_to_bytes_keeps_the_pointer() {
    for memkit in memkit_samples() {
        let (addr, expected) = (memkit.as_ptr(), memkit.to_vec());
        let peer = bytes::Bytes::from(memkit);
        assert_eq!(peer[..], expected[..]);
        if !expected.is_empty() {
            assert_eq!(peer.as_ptr(), addr, "{expected:?} was copied");
        }
    }
}

#[test]
fn bytes_to_memkit_keeps_the_pointer() {
    let (owner, _) = counted(b"peer owner");
    let samples = [
        bytes::Bytes::from(b"peer vec".to_vec()),
        bytes::Bytes::from_static(b"peer static"),
        bytes::Bytes::from_owner(owner),
        bytes::Bytes::copy_from_slice(b"peer shared").slice(5..),
        bytes::Bytes::new(),
    ];
    for peer in samples {
        let (addr, expected) = (peer.as_ptr(), peer.to_vec());
        let memkit = Bytes::from(peer);
        assert_eq!(memkit, expected[..]);
        if !expected.is_empty() {
            assert_eq!(memkit.as_ptr(), addr, "{expected:?} was copied");
        }
    }
}

#[test]
fn memkit_data_is_dropped_once_after_the_last_peer_handle() {
    let (owner, drops) = counted(b"dropped once");
    let memkit = Bytes::from_owner(owner);
    let kept = memkit.slice(8..);
    let peer = bytes::Bytes::from(memkit);
    let peer_clone = peer.clone();
    let peer_slice = peer.slice(..7);
    drop(peer);
    drop(kept);
    drop(peer_clone);
    assert_eq!(drops.load(Ordering::SeqCst), 0, "a peer slice is alive");
    assert_eq!(peer_slice, "dropped");
    drop(peer_slice);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn peer_data_is_dropped_once_after_the_last_memkit_handle() {
    let (owner, drops) = counted(b"dropped once");
    let peer = bytes::Bytes::from_owner(owner);
    let peer_kept = peer.slice(..4);
    let memkit = Bytes::from(peer);
    let memkit_clone = memkit.clone();
    let memkit_slice = memkit.slice(8..);
    drop(memkit);
    drop(peer_kept);
    drop(memkit_clone);
    assert_eq!(drops.load(Ordering::SeqCst), 0, "a memkit slice is alive");
    assert_eq!(memkit_slice, "once");
    drop(memkit_slice);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn round_trips_drop_once_and_keep_the_pointer() {
    let (owner, drops) = counted(b"there and back");
    let memkit = Bytes::from_owner(owner);
    let addr = memkit.as_ptr();
    let back = Bytes::from(bytes::Bytes::from(memkit));
    assert_eq!(back.as_ptr(), addr);
    let peer_again = bytes::Bytes::from(back.clone());
    assert_eq!(peer_again.as_ptr(), addr);
    drop(back);
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    drop(peer_again);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn last_handles_dropped_on_other_threads_drop_once() {
    let (owner, drops) = counted(b"across threads");
    let memkit = Bytes::from_owner(owner);
    let peer = bytes::Bytes::from(memkit.clone());
    let back = Bytes::from(peer.clone());
    let threads = [
        thread::spawn(move || drop(memkit)),
        thread::spawn(move || drop(peer)),
        thread::spawn(move || drop(back)),
    ];
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn pool_buffers_return_to_the_pool_through_the_peer() {
    let pool = BytesPool::new(2);
    let mut buf = pool.get(256);
    let addr = buf.as_ptr();
    buf.put_slice(b"pooled frame");
    let frame = buf.split().freeze();
    drop(buf);
    let peer = bytes::Bytes::from(frame);
    let peer_part = peer.slice(7..);
    drop(peer);
    assert_eq!(pool.pooled(), 0, "a peer handle is alive");
    assert_eq!(peer_part, "frame");
    drop(peer_part);
    assert_eq!(pool.pooled(), 1);
    // The same storage comes out again.
    assert_eq!(pool.get(256).as_ptr(), addr);
}

#[test]
fn pool_buffers_return_after_a_round_trip() {
    let pool = BytesPool::new(2);
    let mut buf = pool.get(64);
    buf.put_slice(b"round trip");
    let back = Bytes::from(bytes::Bytes::from(buf.freeze()));
    assert_eq!(pool.pooled(), 0);
    let on_thread = thread::spawn(move || drop(back));
    on_thread.join().unwrap();
    assert_eq!(pool.pooled(), 1);
}

#[test]
fn converted_peer_bytes_are_never_unique() {
    let memkit = Bytes::from(bytes::Bytes::from(b"borrowed".to_vec()));
    assert!(!memkit.is_unique());
    let memkit = memkit
        .try_into_mut()
        .expect_err("the peer owns the storage");
    assert_eq!(memkit, "borrowed");
}

#[test]
fn a_conversion_allocates_one_box_and_the_last_drop_frees_each_once() {
    let memkit = Bytes::copy_from_slice(b"counted");
    let (peer, c) = measure(|| bytes::Bytes::from(memkit));
    assert_eq!(
        (c.allocs, c.deallocs, c.reallocs),
        (1, 0, 0),
        "bytes' owner box"
    );
    let (back, c) = measure(|| Bytes::from(peer));
    assert_eq!(
        (c.allocs, c.deallocs, c.reallocs),
        (1, 0, 0),
        "memkit's owner box"
    );
    let ((), c) = measure(|| drop(back));
    assert_eq!(c.allocs, 0);
    assert_eq!(
        c.deallocs, 3,
        "both owner boxes and the data block, once each"
    );
}

#[test]
fn static_and_empty_bytes_convert_without_allocating() {
    let (peer, c) = measure(|| bytes::Bytes::from(Bytes::from_static(b"static")));
    assert_eq!(c, Stats::ZERO);
    assert_eq!(peer, "static");
    let (memkit, c) = measure(|| Bytes::from(bytes::Bytes::new()));
    assert_eq!(c, Stats::ZERO);
    assert!(memkit.is_empty());
    let (peer, c) = measure(|| bytes::Bytes::from(Bytes::new()));
    assert_eq!(c, Stats::ZERO);
    assert!(peer.is_empty());
}

#[test]
fn a_warm_pool_buffer_through_the_peer_costs_only_the_box() {
    let pool = BytesPool::new(2);
    drop(pool.get(256));
    let ((), c) = measure(|| {
        let mut buf = pool.get(256);
        buf.put_slice(b"frame");
        let peer = bytes::Bytes::from(buf.freeze());
        assert_eq!(peer, "frame");
    });
    assert_eq!(
        (c.allocs, c.deallocs),
        (1, 1),
        "the owner box, and no block"
    );
    assert_eq!(pool.pooled(), 1);
}
