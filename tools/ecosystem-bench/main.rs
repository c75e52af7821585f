//! A small hyper 1.x HTTP/1.1 echo server under a bounded keep-alive load
//! from an in-process client, both on 127.0.0.1 and on one thread.
//!
//! `tools/ecosystem-bench/run` builds this file twice, once on the registry
//! `bytes` and once with `bytes` patched to memkit's compat/bytes, and
//! compares the two. It prints one line:
//! `requests N seconds S requests_per_s R allocs_per_request A bytes_per_request B`.
//!
//! The load is bounded: `CONNECTIONS` keep-alive connections each send
//! `WARMUP_PER_CONNECTION` requests, then the measured ones (the first
//! argument, default `REQUESTS_PER_CONNECTION`), and a connection stops early
//! once the time limit has passed (the second argument in seconds, default
//! `TIME_LIMIT`). Only the measured requests are timed and counted.

use std::error::Error;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::header::{CONTENT_TYPE, HOST, HeaderValue};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use memkit_alloc::{CountingAlloc, Region};
use tokio::net::{TcpListener, TcpStream};

#[global_allocator]
static GLOBAL: CountingAlloc = CountingAlloc::system();

const CONNECTIONS: usize = 8;
const WARMUP_PER_CONNECTION: usize = 500;
const REQUESTS_PER_CONNECTION: usize = 5_000;
const TIME_LIMIT: Duration = Duration::from_secs(20);
const REQUEST_BODY: &[u8] = &[b'q'; 512];

type BoxError = Box<dyn Error + Send + Sync>;

/// Echoes the request body back, with a content type.
async fn echo(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let body = request.into_body().collect().await?.to_bytes();
    let mut response = Response::new(Full::new(body));
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    Ok(response)
}

async fn serve(listener: TcpListener) {
    while let Ok((stream, _)) = listener.accept().await {
        if stream.set_nodelay(true).is_err() {
            continue;
        }
        tokio::spawn(async move {
            // A connection error ends only that connection; the client
            // reports its own side.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service_fn(echo))
                .await;
        });
    }
}

async fn connect(addr: SocketAddr) -> Result<SendRequest<Full<Bytes>>, BoxError> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends up to `requests` requests on one connection, one at a time, and
/// stops at `deadline`. Returns the connection and how many it sent.
async fn drive(
    mut sender: SendRequest<Full<Bytes>>,
    requests: usize,
    deadline: Instant,
) -> Result<(SendRequest<Full<Bytes>>, usize), BoxError> {
    let mut sent = 0;
    while sent < requests && Instant::now() < deadline {
        let request = Request::post("/echo")
            .header(HOST, "127.0.0.1")
            .body(Full::new(Bytes::from_static(REQUEST_BODY)))?;
        let response = sender.send_request(request).await?;
        let body = response.into_body().collect().await?.to_bytes();
        if body != REQUEST_BODY {
            return Err(format!(
                "echo returned {} bytes, sent {}",
                body.len(),
                REQUEST_BODY.len()
            )
            .into());
        }
        sent += 1;
    }
    Ok((sender, sent))
}

/// Runs one phase on every connection at once; returns the connections and
/// the number of requests sent.
async fn phase(
    senders: Vec<SendRequest<Full<Bytes>>>,
    requests: usize,
    deadline: Instant,
) -> Result<(Vec<SendRequest<Full<Bytes>>>, usize), BoxError> {
    let tasks: Vec<_> = senders
        .into_iter()
        .map(|sender| tokio::spawn(drive(sender, requests, deadline)))
        .collect();
    let mut senders = Vec::with_capacity(tasks.len());
    let mut total = 0;
    for task in tasks {
        let (sender, sent) = task.await??;
        senders.push(sender);
        total += sent;
    }
    Ok((senders, total))
}

async fn bench(requests_per_connection: usize, time_limit: Duration) -> Result<(), BoxError> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(serve(listener));

    let deadline = Instant::now() + time_limit;
    let mut senders = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        senders.push(connect(addr).await?);
    }
    let (senders, _) = phase(senders, WARMUP_PER_CONNECTION, deadline).await?;

    let region = Region::global(&GLOBAL);
    let start = Instant::now();
    let (senders, requests) = phase(senders, requests_per_connection, deadline).await?;
    let seconds = start.elapsed().as_secs_f64();
    let stats = region.stats();
    drop(region);

    drop(senders);
    server.abort();
    if requests == 0 {
        return Err("no request finished before the time limit".into());
    }
    let per_request = |n: u64| n as f64 / requests as f64;
    println!(
        "requests {requests} seconds {seconds:.3} requests_per_s {:.0} allocs_per_request {:.2} bytes_per_request {:.1}",
        requests as f64 / seconds,
        per_request(stats.allocs),
        per_request(stats.bytes_allocated),
    );
    Ok(())
}

fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let requests_per_connection = match args.next() {
        Some(arg) => arg.parse()?,
        None => REQUESTS_PER_CONNECTION,
    };
    let time_limit = match args.next() {
        Some(arg) => Duration::from_secs(arg.parse()?),
        None => TIME_LIMIT,
    };
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?
        .block_on(bench(requests_per_connection, time_limit))
}
