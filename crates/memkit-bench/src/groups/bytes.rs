//! Group `bytes`: `memkit_bytes` against `bytes` 1.12.
//!
//! The two crates share one API, so each case body is written once, in the
//! `bodies!` macro, and instantiated for each crate: the two sides cannot
//! drift apart. Only `pool_loop` differs on purpose: memkit takes its
//! buffers from a `BytesPool`, the peer does what bytes users write today,
//! `BytesMut::with_capacity`.

use crate::harness::{Case, Runner};

const GROUP: &str = "bytes";
const PEER: &str = "bytes";

/// Fill byte patterns; the values do not matter.
const CHUNK16: [u8; 16] = [0x11; 16];
const CHUNK512: [u8; 512] = [0x55; 512];
static STATIC64: [u8; 64] = [0x42; 64];

/// Defines module `$module` with one runner factory per case, using the
/// byte-buffer crate `$krate`.
macro_rules! bodies {
    ($module:ident, $krate:ident) => {
        #[doc = concat!("Case bodies over `", stringify!($krate), "`.")]
        mod $module {
            use std::hint::black_box;

            use ::$krate::{Buf, BufMut, Bytes, BytesMut};

            use super::{CHUNK16, CHUNK512, STATIC64};
            use crate::harness::{Runner, runner};

            /// A 64-byte `Bytes` made the common way: `with_capacity`, fill, `freeze`.
            fn frozen(len: usize) -> Bytes {
                let mut m = BytesMut::with_capacity(len);
                for i in 0..len {
                    m.put_u8(i as u8);
                }
                m.freeze()
            }

            /// Op: clone and drop a shared `Bytes` (already cloned once, so
            /// any lazy promotion has happened before timing).
            pub(super) fn clone_shared() -> Runner {
                let b = frozen(64);
                drop(b.clone());
                runner(move |n| {
                    for _ in 0..n {
                        black_box(b.clone());
                    }
                })
            }

            /// Op: clone and drop a `Bytes::from_static`.
            pub(super) fn clone_static() -> Runner {
                let b = Bytes::from_static(&STATIC64);
                runner(move |n| {
                    for _ in 0..n {
                        black_box(b.clone());
                    }
                })
            }

            /// Op: `b.slice(4..20)` and drop.
            pub(super) fn slice_small() -> Runner {
                let b = frozen(64);
                drop(b.clone());
                runner(move |n| {
                    for _ in 0..n {
                        black_box(b.slice(black_box(4..20)));
                    }
                })
            }

            /// Op: `Bytes::copy_from_slice` of 128 bytes, and drop.
            pub(super) fn copy_from_slice_128() -> Runner {
                let src = [0x77u8; 128];
                runner(move |n| {
                    for _ in 0..n {
                        black_box(Bytes::copy_from_slice(black_box(&src[..])));
                    }
                })
            }

            fn alloc(cap: usize) -> Runner {
                runner(move |n| {
                    for _ in 0..n {
                        black_box(BytesMut::with_capacity(black_box(cap)));
                    }
                })
            }

            /// Op: `BytesMut::with_capacity(12)` and drop.
            pub(super) fn bytesmut_alloc_12() -> Runner {
                alloc(12)
            }

            /// Op: `BytesMut::with_capacity(128)` and drop.
            pub(super) fn bytesmut_alloc_128() -> Runner {
                alloc(128)
            }

            /// Op: `BytesMut::with_capacity(4096)` and drop.
            pub(super) fn bytesmut_alloc_4k() -> Runner {
                alloc(4096)
            }

            /// Op: one 16-byte `put_slice` into a reserved 1 KiB buffer,
            /// cleared every 64 puts.
            pub(super) fn put_slice_small() -> Runner {
                let mut buf = BytesMut::with_capacity(1024);
                runner(move |n| {
                    for _ in 0..n {
                        buf.put_slice(black_box(&CHUNK16));
                        if buf.len() == 1024 {
                            buf.clear();
                        }
                    }
                    buf.len()
                })
            }

            /// Op: 1024 `put_u8` into a fresh `BytesMut::new()` (growth
            /// included), then drop.
            pub(super) fn put_u8_loop() -> Runner {
                runner(|n| {
                    for _ in 0..n {
                        let mut b = BytesMut::new();
                        for i in 0..1024u32 {
                            b.put_u8(i as u8);
                        }
                        black_box(b);
                    }
                })
            }

            /// Op: `clear` + `extend_from_slice` of 4 KiB into a buffer
            /// that already has the capacity.
            ///
            /// The source is placed 2 KiB away from the destination modulo
            /// 4 KiB, on both sides alike. Left to the allocator, one side's
            /// destination can land just past a multiple of 4 KiB from the
            /// source, and its `memcpy` then stalls on 4K aliasing (seen: 20x
            /// slower with identical instruction counts), which measures the
            /// heap layout, not the crate.
            pub(super) fn extend_from_slice_4k() -> Runner {
                let backing = vec![0x33u8; 8192];
                let mut buf = BytesMut::with_capacity(4096);
                let dst = buf.as_ptr().addr();
                let start = (dst + 2048).wrapping_sub(backing.as_ptr().addr()) % 4096;
                runner(move |n| {
                    for _ in 0..n {
                        buf.clear();
                        buf.extend_from_slice(black_box(&backing[start..start + 4096]));
                        black_box(&buf);
                    }
                })
            }

            /// Op: one `get_u32` through `Buf` from a 4 KiB `Bytes`; the
            /// cursor (a local) is a fresh clone every 1024 reads.
            pub(super) fn get_u32_loop() -> Runner {
                let b = frozen(4096);
                runner(move |n| {
                    let mut acc = 0u32;
                    let mut cur = b.clone();
                    for _ in 0..n {
                        if cur.remaining() < 4 {
                            cur = b.clone();
                        }
                        acc = acc.wrapping_add(cur.get_u32());
                    }
                    acc
                })
            }

            /// Op: the network-read pattern on a 64 KiB buffer: `reserve(512)`
            /// (reclaims the space once the frozen chunks are gone), write 512
            /// bytes, `split_to(512).freeze()`, drop the chunk.
            pub(super) fn split_freeze_loop() -> Runner {
                let mut buf = BytesMut::with_capacity(64 * 1024);
                runner(move |n| {
                    for _ in 0..n {
                        buf.reserve(512);
                        buf.put_slice(&CHUNK512);
                        black_box(buf.split_to(512).freeze());
                    }
                    buf.capacity()
                })
            }

            /// Op: `BytesMut::with_capacity(64)`, put 32 bytes, `freeze`, drop.
            pub(super) fn freeze() -> Runner {
                runner(|n| {
                    for _ in 0..n {
                        let mut m = BytesMut::with_capacity(64);
                        m.put_slice(black_box(&CHUNK512[..32]));
                        black_box(m.freeze());
                    }
                })
            }

            /// Op: get a 4 KiB buffer from `get`, write 512 bytes,
            /// `split_to(256).freeze()`, drop both halves.
            pub(super) fn pool_loop_with(
                mut get: impl FnMut(usize) -> BytesMut + 'static,
            ) -> Runner {
                runner(move |n| {
                    for _ in 0..n {
                        let mut m = get(4096);
                        m.put_slice(&CHUNK512);
                        let head = m.split_to(256).freeze();
                        black_box(head);
                        black_box(m);
                    }
                })
            }
        }
    };
}

bodies!(memkit, memkit_bytes);
bodies!(peer, bytes);

/// memkit's `pool_loop`: one `BytesPool::new(64)`, made before timing.
fn memkit_pool_loop() -> Runner {
    let pool = memkit_bytes::BytesPool::new(64);
    memkit::pool_loop_with(move |cap| pool.get(cap))
}

/// The peer's `pool_loop`: no pool in `bytes`, so `BytesMut::with_capacity`.
fn peer_pool_loop() -> Runner {
    peer::pool_loop_with(bytes::BytesMut::with_capacity)
}

/// The `bytes` group's cases.
pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        clone_shared => memkit::clone_shared, peer::clone_shared, PEER;
        clone_static => memkit::clone_static, peer::clone_static, PEER;
        slice_small => memkit::slice_small, peer::slice_small, PEER;
        copy_from_slice_128 => memkit::copy_from_slice_128, peer::copy_from_slice_128, PEER;
        bytesmut_alloc_12 => memkit::bytesmut_alloc_12, peer::bytesmut_alloc_12, PEER;
        bytesmut_alloc_128 => memkit::bytesmut_alloc_128, peer::bytesmut_alloc_128, PEER;
        bytesmut_alloc_4k => memkit::bytesmut_alloc_4k, peer::bytesmut_alloc_4k, PEER;
        put_slice_small => memkit::put_slice_small, peer::put_slice_small, PEER;
        put_u8_loop => memkit::put_u8_loop, peer::put_u8_loop, PEER;
        extend_from_slice_4k => memkit::extend_from_slice_4k, peer::extend_from_slice_4k, PEER;
        get_u32_loop => memkit::get_u32_loop, peer::get_u32_loop, PEER;
        split_freeze_loop => memkit::split_freeze_loop, peer::split_freeze_loop, PEER;
        freeze => memkit::freeze, peer::freeze, PEER;
        pool_loop => memkit_pool_loop, peer_pool_loop, PEER;
    ]
}
