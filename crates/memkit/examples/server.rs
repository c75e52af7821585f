//! The guide's event-loop server, for real, on tokio:
//!
//! - every connection has a slot in a memkit `Slab`, under the key it got
//!   when it was accepted, and the slot is freed when it closes;
//! - reads go into `BytesPool` buffers, which come back to the pool once
//!   the last request framed from them is dropped;
//! - requests go through memkit's strict HTTP/1.1 `RequestDecoder`;
//! - each response is encoded once, whole, by the `ResponseEncoder`, and
//!   kept in a `memkit::cache` cache of `Bytes`: a hit clones the `Bytes`
//!   (a reference count) and writes it, without copying it.
//!
//! It keeps connections alive, answers pipelined requests in order (in one
//! vectored write), reads chunked request bodies, answers `Expect:
//! 100-continue`, and answers bad input with 400 and a close. Each response
//! body says what was received: `METHOD TARGET BODY-BYTES`.
//!
//! Once warm, a keep-alive request costs no allocation:
//! `tests/server_allocs.rs` asserts it, and the bench's `server` group
//! measures it next to hyper. The [`Client`] at the bottom is the bounded,
//! loopback-only load both use.
//!
//! ```sh
//! cargo run --example server --features tokio -- 8080
//! curl -d hello http://127.0.0.1:8080/echo
//! ```

use std::io::{self, IoSlice, Write as _};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use futures::StreamExt;
use memkit::bytes::{Buf, BufMut, Bytes, BytesMut, BytesPool};
use memkit::cache::sync::Cache;
use memkit::codec::http::{
    Error, Framing, RequestDecoder, RequestFrame, ResponseEncoder, ResponseFrame, ResponseHead,
};
use memkit::codec::{Encoder, FramedRead};
use memkit::slab::Slab;
use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Capacity of the pooled read buffers: room for a typical request head
/// (a longer one grows the buffer).
pub const READ_CAPACITY: usize = 1024;
/// Responses queued before a connection writes them (one vectored write).
const MAX_QUEUED: usize = 16;
/// The interim response to `Expect: 100-continue`.
const CONTINUE: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";

/// What the server knows about one open connection: its slab slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    /// The client's address.
    pub peer: SocketAddr,
    /// Requests answered on it so far.
    pub requests: u64,
}

/// Counts of what the server did, for tests and logs.
#[derive(Debug, Default)]
pub struct Stats {
    /// Connections accepted.
    pub connections: AtomicUsize,
    /// Requests answered with 200.
    pub requests: AtomicUsize,
    /// Requests whose body was chunked.
    pub chunked_requests: AtomicUsize,
}

/// The server's state, shared by its connections: the slab of open
/// connections, the read-buffer pool and the response cache.
#[derive(Debug)]
pub struct Server {
    connections: Mutex<Slab<Connection>>,
    pool: BytesPool,
    responses: Cache<Bytes, Bytes>,
    stats: Stats,
}

impl Server {
    /// A server that keeps up to `cached_responses` encoded responses and up
    /// to 1024 idle read buffers.
    pub fn new(cached_responses: usize) -> Server {
        Server {
            connections: Mutex::new(Slab::with_capacity(64)),
            pool: BytesPool::new(1024),
            responses: Cache::new(cached_responses),
            stats: Stats::default(),
        }
    }

    /// What the server counted.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The pool the connections read into.
    pub fn pool(&self) -> &BytesPool {
        &self.pool
    }

    /// Hits, misses, insertions and evictions of the response cache.
    pub fn cache_stats(&self) -> memkit::cache::Stats {
        self.responses.stats()
    }

    /// The open connections, by slab key.
    pub fn connections(&self) -> Vec<(usize, Connection)> {
        self.slab().iter().map(|(key, c)| (key, *c)).collect()
    }

    /// How many connections are open.
    pub fn open_connections(&self) -> usize {
        self.slab().len()
    }

    fn slab(&self) -> MutexGuard<'_, Slab<Connection>> {
        // A slab of plain counters stays consistent even if a holder panicked.
        self.connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The keep-alive response to the request `line` (`METHOD TARGET
    /// BODY-BYTES`): from the cache when it is there, so that it costs a
    /// reference count; encoded and cached otherwise.
    ///
    /// # Errors
    ///
    /// When the encoder refuses the response (it never does for this body).
    pub fn response(&self, line: &[u8]) -> Result<Bytes, Error> {
        if let Some(hit) = self.responses.get(line) {
            return Ok(hit);
        }
        let response = encode(200, false, line)?;
        self.responses
            .insert(Bytes::copy_from_slice(line), response.clone());
        Ok(response)
    }
}

/// One whole response, `status` with the body `line` and a newline, with
/// `Connection: close` when `close`.
fn encode(status: u16, close: bool, line: &[u8]) -> Result<Bytes, Error> {
    let mut body = BytesMut::with_capacity(line.len() + 1);
    body.put_slice(line);
    body.put_u8(b'\n');
    let length = body.len().to_string();
    let fields: &[(&str, &[u8])] = if close {
        &[
            ("Content-Length", length.as_bytes()),
            ("Connection", b"close"),
        ]
    } else {
        &[("Content-Length", length.as_bytes())]
    };
    let mut encoder = ResponseEncoder::new();
    let mut out = BytesMut::with_capacity(64 + body.len());
    encoder.encode(
        ResponseFrame::Head(ResponseHead::new(status, fields)?),
        &mut out,
    )?;
    encoder.encode(ResponseFrame::Data(body.freeze()), &mut out)?;
    encoder.encode(ResponseFrame::End, &mut out)?;
    Ok(out.freeze())
}

/// A connection's slab slot, freed when it drops (however the connection
/// ends).
struct Slot<'a> {
    server: &'a Server,
    key: usize,
}

impl<'a> Slot<'a> {
    fn open(server: &'a Server, peer: SocketAddr) -> Slot<'a> {
        let key = server.slab().insert(Connection { peer, requests: 0 });
        Slot { server, key }
    }

    fn answered(&self) {
        if let Some(connection) = self.server.slab().get_mut(self.key) {
            connection.requests += 1;
        }
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.server.slab().try_remove(self.key);
    }
}

/// Responses waiting to be written, in order: a hit is queued as a clone
/// of the cached `Bytes`, and the queue goes out in vectored writes.
struct Outbox {
    queue: Vec<Bytes>,
}

impl Outbox {
    fn new() -> Outbox {
        Outbox {
            queue: Vec::with_capacity(MAX_QUEUED),
        }
    }

    fn push(&mut self, response: Bytes) {
        self.queue.push(response);
    }

    fn is_full(&self) -> bool {
        self.queue.len() >= MAX_QUEUED
    }

    async fn flush<W: AsyncWrite + Unpin>(&mut self, out: &mut W) -> io::Result<()> {
        while !self.queue.is_empty() {
            let mut slices = [IoSlice::new(&[]); MAX_QUEUED];
            let count = self.queue.len().min(MAX_QUEUED);
            for (slice, bytes) in slices.iter_mut().zip(&self.queue) {
                *slice = IoSlice::new(bytes);
            }
            let mut written = out.write_vectored(&slices[..count]).await?;
            if written == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            let mut done = 0;
            for bytes in &mut self.queue {
                if written < bytes.len() {
                    bytes.advance(written);
                    break;
                }
                written -= bytes.len();
                done += 1;
            }
            self.queue.drain(..done);
        }
        out.flush().await
    }
}

/// Serves one connection until the client closes it, asks to, or sends
/// something the decoder refuses.
///
/// # Errors
///
/// When reading or writing the socket fails.
pub async fn connection(
    mut stream: TcpStream,
    peer: SocketAddr,
    server: Arc<Server>,
) -> Result<(), Error> {
    // Responses go out whole, one write each: no reason to wait for ACKs.
    stream.set_nodelay(true)?;
    let slot = Slot::open(&server, peer);
    let (read, mut write) = stream.split();
    let mut requests = FramedRead::with_pool(
        read,
        RequestDecoder::default(),
        server.pool.clone(),
        READ_CAPACITY,
    );
    let mut outbox = Outbox::new();
    // `METHOD TARGET BODY-BYTES` of the request being read: the cache key.
    let mut line: Vec<u8> = Vec::with_capacity(256);
    let mut keep_alive = true;
    let mut received = 0usize;
    while let Some(frame) = requests.next().await {
        match frame {
            Ok(RequestFrame::Head(head)) => {
                if head.expects_continue() {
                    outbox.push(Bytes::from_static(CONTINUE));
                    outbox.flush(&mut write).await?;
                }
                if head.framing() == Framing::Chunked {
                    server
                        .stats
                        .chunked_requests
                        .fetch_add(1, Ordering::Relaxed);
                }
                line.clear();
                line.extend_from_slice(head.method().as_bytes());
                line.push(b' ');
                line.extend_from_slice(head.target().as_bytes());
                keep_alive = head.keep_alive();
                received = 0;
            }
            Ok(RequestFrame::Data(data)) => received += data.len(),
            Ok(RequestFrame::Trailers(_)) => {}
            Ok(RequestFrame::End) => {
                server.stats.requests.fetch_add(1, Ordering::Relaxed);
                slot.answered();
                write!(line, " {received}")?;
                if !keep_alive {
                    outbox.push(encode(200, true, &line)?);
                    break;
                }
                outbox.push(server.response(&line)?);
                // Pipelined requests already read are answered together.
                if requests.read_buffer().is_empty() || outbox.is_full() {
                    outbox.flush(&mut write).await?;
                }
            }
            Err(e) if e.io_error().is_some() => return Err(e),
            Err(e) => {
                let message = format!("bad request: {e}");
                outbox.push(encode(400, true, message.as_bytes())?);
                break;
            }
        }
    }
    outbox.flush(&mut write).await?;
    write.shutdown().await?;
    Ok(())
}

/// Accepts connections on `listener` forever, each served by its own task.
///
/// # Errors
///
/// When accepting fails.
pub async fn serve(listener: TcpListener, server: Arc<Server>) -> io::Result<()> {
    loop {
        let (stream, peer) = listener.accept().await?;
        server.stats.connections.fetch_add(1, Ordering::Relaxed);
        let server = server.clone();
        tokio::spawn(async move {
            if let Err(e) = connection(stream, peer, server).await {
                eprintln!("connection {peer}: {e}");
            }
        });
    }
}

/// The request the load [`Client`] sends by default.
pub const LOAD_REQUEST: &[u8] = b"GET /cached HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

/// A keep-alive HTTP/1.1 load client, bounded in count and time, that
/// talks to loopback addresses only. It sends one fixed request at a time
/// and reads each whole response into one buffer allocated up front, so it
/// allocates nothing per request itself.
#[derive(Debug)]
pub struct Client {
    stream: TcpStream,
    request: &'static [u8],
    buffer: Box<[u8]>,
    body: std::ops::Range<usize>,
}

impl Client {
    /// Connects to `addr`, which must be a loopback address.
    ///
    /// # Errors
    ///
    /// `InvalidInput` for an address that is not loopback, and whatever
    /// connecting fails with.
    pub async fn connect(addr: SocketAddr, request: &'static [u8]) -> io::Result<Client> {
        if !addr.ip().is_loopback() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("the load client talks to loopback only, not {addr}"),
            ));
        }
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream,
            request,
            buffer: vec![0; 64 * 1024].into_boxed_slice(),
            body: 0..0,
        })
    }

    /// The body of the last response.
    pub fn body(&self) -> &[u8] {
        &self.buffer[self.body.clone()]
    }

    /// Sends the request once and reads its whole response, which must be
    /// a 200 with a Content-Length.
    ///
    /// # Errors
    ///
    /// I/O errors, and `InvalidData` for any other response.
    pub async fn request(&mut self) -> io::Result<()> {
        self.stream.write_all(self.request).await?;
        let mut filled = 0;
        loop {
            if filled == self.buffer.len() {
                return Err(invalid("a response larger than the client's buffer"));
            }
            let n = self.stream.read(&mut self.buffer[filled..]).await?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            filled += n;
            if let Some((head, length)) = response_head(&self.buffer[..filled])? {
                let end = head + length;
                if filled > end {
                    return Err(invalid("bytes after the response"));
                }
                if filled == end {
                    self.body = head..end;
                    return Ok(());
                }
            }
        }
    }

    /// Up to `count` requests, one after the other, stopping once
    /// `deadline` has passed, even in the middle of a request; how many
    /// were answered. A request cut off by the deadline leaves its response
    /// unread, so drop a client that answered fewer than `count`.
    ///
    /// # Errors
    ///
    /// As [`request`](Client::request).
    pub async fn run(&mut self, count: u64, deadline: Instant) -> io::Result<u64> {
        let deadline = tokio::time::Instant::from_std(deadline);
        for done in 0..count {
            match tokio::time::timeout_at(deadline, self.request()).await {
                Ok(answered) => answered?,
                Err(_elapsed) => return Ok(done),
            }
        }
        Ok(count)
    }
}

fn invalid(what: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// The head's length and the Content-Length of a complete `200` head at the
/// start of `buf`, or `None` while the head is incomplete.
fn response_head(buf: &[u8]) -> io::Result<Option<(usize, usize)>> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = &buf[..end];
    if !head.starts_with(b"HTTP/1.1 200 ") {
        return Err(invalid("a response other than 200"));
    }
    let length = head
        .split(|&b| b == b'\n')
        .find_map(|field| {
            let colon = field.iter().position(|&b| b == b':')?;
            let (name, value) = field.split_at(colon);
            if !name.eq_ignore_ascii_case(b"content-length") {
                return None;
            }
            std::str::from_utf8(&value[1..]).ok()?.trim().parse().ok()
        })
        .ok_or_else(|| invalid("a response without a Content-Length"))?;
    Ok(Some((end + 4, length)))
}

fn main() -> io::Result<()> {
    let port: u16 = match std::env::args().nth(1).map(|p| p.parse()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("usage: server PORT");
            std::process::exit(2);
        }
    };
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?
        .block_on(async {
            let listener = TcpListener::bind(("127.0.0.1", port)).await?;
            println!("listening on http://{}", listener.local_addr()?);
            serve(listener, Arc::new(Server::new(4096))).await
        })
}
