//! The example server, started in-process, driven by clients no one here
//! wrote: `ureq`, and `curl` where it is installed; plus raw sockets for
//! what a well-behaved client never sends (pipelining, a malformed
//! request, `Expect: 100-continue` by hand).

#[path = "../examples/server.rs"]
#[allow(dead_code, unreachable_pub)]
mod server;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use server::Server;

/// Starts the server on an ephemeral port, on its own runtime thread.
fn start() -> (SocketAddr, Arc<Server>) {
    let server = Arc::new(Server::new(64));
    let (tx, rx) = std::sync::mpsc::channel();
    let served = server.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            server::serve(listener, served).await.unwrap();
        });
    });
    (rx.recv().unwrap(), server)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// Everything the server sends until it closes the connection.
fn raw_exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn ureq_get() {
    let (addr, _) = start();
    let mut response = agent()
        .get(format!("http://{addr}/hello?x=1"))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        "GET /hello?x=1 0\n"
    );
}

#[test]
fn ureq_post_with_content_length() {
    let (addr, _) = start();
    let mut response = agent()
        .post(format!("http://{addr}/upload"))
        .send("hello")
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        "POST /upload 5\n"
    );
}

#[test]
fn ureq_chunked_upload() {
    let (addr, server) = start();
    let data = vec![b'z'; 100_000];
    let mut reader = &data[..];
    let mut response = agent()
        .put(format!("http://{addr}/big"))
        .send(ureq::SendBody::from_reader(&mut reader))
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.body_mut().read_to_string().unwrap(),
        "PUT /big 100000\n"
    );
    assert_eq!(server.stats().chunked_requests.load(Ordering::Relaxed), 1);
}

#[test]
fn ureq_reuses_the_connection() {
    let (addr, server) = start();
    let agent = agent();
    for i in 0..5 {
        let mut response = agent.get(format!("http://{addr}/{i}")).call().unwrap();
        assert_eq!(
            response.body_mut().read_to_string().unwrap(),
            format!("GET /{i} 0\n")
        );
    }
    assert_eq!(server.stats().requests.load(Ordering::Relaxed), 5);
    assert_eq!(server.stats().connections.load(Ordering::Relaxed), 1);
}

#[test]
fn malformed_request_gets_400_and_a_close() {
    let (addr, _) = start();
    let out = raw_exchange(
        addr,
        b"GET / HTTP/1.1\r\nHost : x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{out}");
    assert!(out.contains("Connection: close\r\n"), "{out}");
    assert!(out.contains("whitespace before a field's colon"), "{out}");
    assert_eq!(
        out.matches("HTTP/1.1").count(),
        1,
        "nothing after the 400: {out}"
    );
}

#[test]
fn pipelined_requests_are_answered_in_order() {
    let (addr, _) = start();
    let out = raw_exchange(
        addr,
        b"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    let bodies: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("GET") || l.starts_with("POST"))
        .collect();
    assert_eq!(bodies, ["GET /1 0", "POST /2 3", "GET /3 0"], "{out}");
}

#[test]
fn expect_100_continue() {
    let (addr, _) = start();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut interim = [0u8; 25];
    stream.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(b"data").unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200 OK\r\n"), "{out}");
    assert!(out.ends_with("POST /e 4\n"), "{out}");
}

/// curl, where it is installed: GET, POST, a chunked upload, two requests
/// on one connection, and `Expect: 100-continue`.
#[test]
fn curl() {
    let Ok(version) = Command::new("curl").arg("--version").output() else {
        eprintln!("curl is not installed: skipped");
        return;
    };
    assert!(version.status.success());
    let (addr, server) = start();
    let curl = |args: &[&str]| {
        let out = Command::new("curl")
            .args(["-sS", "--http1.1"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "curl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let url = format!("http://{addr}");
    assert_eq!(curl(&[&format!("{url}/a")]), "GET /a 0\n");
    assert_eq!(curl(&["-d", "hello", &format!("{url}/b")]), "POST /b 5\n");
    assert_eq!(
        curl(&[
            "-H",
            "Transfer-Encoding: chunked",
            "--data-binary",
            "0123456789",
            &format!("{url}/c")
        ]),
        "POST /c 10\n"
    );
    assert_eq!(server.stats().chunked_requests.load(Ordering::Relaxed), 1);
    assert_eq!(
        curl(&[
            "-H",
            "Expect: 100-continue",
            "--data-binary",
            "xyz",
            &format!("{url}/d")
        ]),
        "POST /d 3\n"
    );
    let before = server.stats().connections.load(Ordering::Relaxed);
    assert_eq!(
        curl(&[&format!("{url}/e"), &format!("{url}/f")]),
        "GET /e 0\nGET /f 0\n"
    );
    assert_eq!(
        server.stats().connections.load(Ordering::Relaxed),
        before + 1,
        "curl reused its connection"
    );
}

/// Polls `done` every few milliseconds for up to ten seconds.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Sends one keep-alive GET on `stream` and reads its whole response.
fn keep_alive_get(stream: &mut TcpStream, target: &str) -> String {
    write!(stream, "GET {target} HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
    let expected = format!("GET {target} 0\n");
    let mut out = Vec::new();
    let mut chunk = [0u8; 512];
    while !out.ends_with(expected.as_bytes()) {
        let n = stream.read(&mut chunk).unwrap();
        assert_ne!(n, 0, "closed early: {}", String::from_utf8_lossy(&out));
        out.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8(out).unwrap()
}

/// A connected client runtime and the bounded load client on it.
fn load_client(addr: SocketAddr) -> (tokio::runtime::Runtime, server::Client) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt
        .block_on(server::Client::connect(addr, server::LOAD_REQUEST))
        .unwrap();
    (rt, client)
}

#[test]
fn a_repeated_request_is_served_from_the_cache() {
    let (addr, server) = start();
    let agent = agent();
    for _ in 0..3 {
        let mut response = agent.get(format!("http://{addr}/same")).call().unwrap();
        assert_eq!(
            response.body_mut().read_to_string().unwrap(),
            "GET /same 0\n"
        );
    }
    let stats = server.cache_stats();
    assert_eq!((stats.misses, stats.insertions, stats.hits), (1, 1, 2));
    // A hit hands out the cached bytes themselves: a reference count, no copy.
    let first = server.response(b"GET /same 0").unwrap();
    let second = server.response(b"GET /same 0").unwrap();
    assert_eq!(first.as_ptr(), second.as_ptr());
    assert!(first.ends_with(b"\r\nContent-Length: 12\r\n\r\nGET /same 0\n"));
    assert_eq!(server.cache_stats().hits, 4);
}

#[test]
fn a_closed_connection_frees_its_slab_slot() {
    let (addr, server) = start();
    let mut first = TcpStream::connect(addr).unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    keep_alive_get(&mut first, "/a");
    keep_alive_get(&mut first, "/b");
    let open = server.connections();
    assert_eq!(open.len(), 1);
    let (key, connection) = open[0];
    assert_eq!(connection.peer, first.local_addr().unwrap());
    assert_eq!(connection.requests, 2);

    drop(first);
    wait_until("the slot is freed", || server.open_connections() == 0);

    let mut second = TcpStream::connect(addr).unwrap();
    second
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    keep_alive_get(&mut second, "/c");
    let open = server.connections();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].0, key, "the freed slot is reused");
    assert_eq!(open[0].1.peer, second.local_addr().unwrap());
    assert_eq!(open[0].1.requests, 1);
}

#[test]
fn read_buffers_go_back_to_the_pool() {
    let (addr, server) = start();
    assert_eq!(server.pool().pooled(), 0);
    let deadline = Instant::now() + Duration::from_secs(30);
    // 1000 requests of 41 bytes fill many 1 KiB read buffers in turn.
    let requests = 1000;
    let (rt, mut client) = load_client(addr);
    assert_eq!(
        rt.block_on(client.run(requests, deadline)).unwrap(),
        requests
    );
    assert_eq!(client.body(), b"GET /cached 0\n");
    drop(client);
    wait_until("the connection closes", || server.open_connections() == 0);
    let idle = server.pool().pooled();
    assert!(
        idle >= 1,
        "the closed connection's buffers are idle in the pool"
    );

    let (rt, mut client) = load_client(addr);
    assert_eq!(
        rt.block_on(client.run(requests, deadline)).unwrap(),
        requests
    );
    drop(client);
    wait_until("the connection closes", || server.open_connections() == 0);
    assert_eq!(
        server.pool().pooled(),
        idle,
        "the second connection read into the same buffers, and gave them back"
    );
}

#[test]
fn the_load_client_talks_to_loopback_only() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = rt
        .block_on(server::Client::connect(
            "192.0.2.1:80".parse().unwrap(),
            server::LOAD_REQUEST,
        ))
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn the_load_client_stops_at_its_deadline() {
    let (addr, server) = start();
    let (rt, mut client) = load_client(addr);
    let answered = rt.block_on(client.run(1_000_000, Instant::now())).unwrap();
    assert!(answered < 1_000_000, "{answered}");
    // Its last request may have been cut off: a fresh client goes on.
    drop((client, rt));
    let (rt, mut client) = load_client(addr);
    let deadline = Instant::now() + Duration::from_millis(200);
    let answered = rt.block_on(client.run(u64::MAX, deadline)).unwrap();
    assert!(Instant::now() >= deadline);
    assert!(answered < u64::MAX);
    drop(client);
    wait_until("the connection closes", || server.open_connections() == 0);
}
