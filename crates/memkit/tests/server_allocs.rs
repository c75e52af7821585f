//! The example server's claim, counted: once warm, a keep-alive request
//! costs no allocation.
//!
//! Method: the server and the bounded load client run as tasks on one
//! current-thread tokio runtime, driven by this test's thread, so every
//! allocation they (and tokio) make happens on this thread; a
//! `memkit::alloc` thread region counts them. The client allocates its
//! buffer once, at connect, so whatever the region counts per request is
//! the server's (or tokio's) doing.

#[path = "../examples/server.rs"]
#[allow(dead_code, unreachable_pub)]
mod server;

use std::sync::Arc;
use std::time::{Duration, Instant};

use memkit::alloc::{CountingAlloc, measure};
use server::{Client, LOAD_REQUEST, Server};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

/// Requests before counting: the cache entry, both read buffers of the
/// pool's rotation and tokio's lazily built structures all exist by then.
const WARM_UP: u64 = 1_000;
/// Requests counted: enough to cycle the 1 KiB read buffers many times.
/// (Miri cannot open sockets, so this binary does not run under it.)
const COUNTED: u64 = 5_000;

#[test]
fn a_warm_keep_alive_request_allocates_nothing() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = Arc::new(Server::new(64));
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut client: Client = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(server::serve(listener, server.clone()));
        Client::connect(addr, LOAD_REQUEST).await.unwrap()
    });
    let (answered, cold) = measure(|| rt.block_on(client.run(WARM_UP, deadline)));
    assert_eq!(answered.unwrap(), WARM_UP);
    assert_eq!(client.body(), b"GET /cached 0\n");
    // The region sees the server's work: the first request's miss encodes
    // and caches a response, and the connection task was spawned.
    assert!(cold.allocs > 0, "{cold:?}");

    let (answered, stats) = measure(|| rt.block_on(client.run(COUNTED, deadline)));
    assert_eq!(answered.unwrap(), COUNTED);
    assert_eq!(
        (stats.allocs, stats.reallocs, stats.bytes_allocated),
        (0, 0, 0),
        "{COUNTED} warm keep-alive requests: {stats:?}"
    );
    assert_eq!(stats.deallocs, 0, "{stats:?}");
    let cache = server.cache_stats();
    assert_eq!(cache.misses, 1);
    assert_eq!(cache.hits, WARM_UP + COUNTED - 1);
}
