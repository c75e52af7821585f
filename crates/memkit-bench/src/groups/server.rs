//! Group `server`: the facade's example server (`crates/memkit/examples/
//! server.rs`, included here as it is) against a hyper 1.x server doing the
//! same work, under the same keep-alive load.
//!
//! The work, per request: decode `GET /cached`, count its body bytes, and
//! answer `METHOD TARGET BODY-BYTES` from a memkit `sync::Cache` of bytes
//! (the memkit server caches whole encoded responses and writes a hit by
//! reference count; hyper caches the body as a `bytes::Bytes` and encodes
//! the head itself).
//!
//! The load: the example's [`Client`], one keep-alive connection, one
//! request in flight, to 127.0.0.1 only, bounded in count (the harness's
//! `iters`) and time ([`LIMIT`] per batch). Client and server are tasks on
//! one current-thread tokio runtime driven by the bench thread, so the
//! harness's thread-scoped allocation count sees the server's (and
//! tokio's) allocations; the client allocates nothing per request, so the
//! count per operation is the server's per request.
//!
//! One op is one request. Besides the timed case, [`figures`] reports
//! requests/s and allocations/request for each server, from its own short
//! run of [`FIGURE_ROUNDS`] alternating rounds.

use std::convert::Infallible;
use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use memkit_cache::sync::Cache;
use tokio::net::TcpListener;
use tokio::runtime::Runtime;

use crate::alloc_counter;
use crate::figure::Figure;
use crate::harness::{Case, Runner, runner};
use crate::stats;

#[path = "../../../memkit/examples/server.rs"]
#[allow(dead_code, unreachable_pub)]
mod example;

use example::{Client, LOAD_REQUEST};

const GROUP: &str = "server";

/// The most one batch of requests may take before the bench gives up.
const LIMIT: Duration = Duration::from_secs(60);

/// Requests each side answers before it is measured.
const WARM_UP: u64 = 500;

/// Rounds of the figures' run, alternating memkit and hyper.
const FIGURE_ROUNDS: usize = 5;

/// The response cache's capacity, in entries, on both sides.
const CACHED: usize = 64;

pub(crate) fn cases() -> Vec<Case> {
    cases![GROUP;
        keep_alive_get => memkit_server, hyper_server, "hyper";
    ]
}

/// A server on its own current-thread runtime and a client connected to
/// it.
struct Load {
    rt: Runtime,
    client: Client,
}

impl Load {
    /// Starts a server with `spawn` on a fresh runtime, on an ephemeral
    /// port of 127.0.0.1, connects the client and warms both up.
    fn start(spawn: impl FnOnce(TcpListener)) -> Load {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server bench: building a current-thread runtime");
        let client = rt.block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0")
                .await
                .expect("server bench: binding 127.0.0.1:0");
            let addr = listener
                .local_addr()
                .expect("server bench: the listener's address");
            spawn(listener);
            Client::connect(addr, LOAD_REQUEST)
                .await
                .expect("server bench: connecting the client")
        });
        let mut load = Load { rt, client };
        load.run(WARM_UP);
        assert_eq!(
            load.client.body(),
            b"GET /cached 0\n",
            "server bench: the response body"
        );
        load
    }

    fn memkit() -> Load {
        Load::start(|listener| {
            let server = Arc::new(example::Server::new(CACHED));
            tokio::spawn(example::serve(listener, server));
        })
    }

    fn hyper() -> Load {
        Load::start(|listener| {
            tokio::spawn(hyper_serve(listener, Arc::new(Cache::new(CACHED))));
        })
    }

    /// `n` requests, one after the other.
    fn run(&mut self, n: u64) {
        let answered = self
            .rt
            .block_on(self.client.run(n, Instant::now() + LIMIT))
            .expect("server bench: a request failed");
        assert_eq!(
            answered, n,
            "server bench: {answered} of {n} requests answered within {LIMIT:?}"
        );
    }
}

/// Op: one keep-alive request to the memkit example server.
fn memkit_server() -> Runner {
    let mut load = Load::memkit();
    runner(move |n| load.run(n))
}

/// Op: one keep-alive request to the hyper server.
fn hyper_server() -> Runner {
    let mut load = Load::hyper();
    runner(move |n| load.run(n))
}

/// hyper's side: accepts connections and serves each with
/// `http1::Builder` and [`hyper_respond`].
async fn hyper_serve(listener: TcpListener, cache: Arc<Cache<Box<[u8]>, Bytes>>) {
    while let Ok((stream, _)) = listener.accept().await {
        if stream.set_nodelay(true).is_err() {
            continue;
        }
        let cache = cache.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| hyper_respond(request, cache.clone()));
            // A connection error ends only that connection; the client
            // reports its own side.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The memkit server's work in hyper's terms: count the body, build the
/// `METHOD TARGET BODY-BYTES` key on the stack, answer from the cache.
async fn hyper_respond(
    request: Request<Incoming>,
    cache: Arc<Cache<Box<[u8]>, Bytes>>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, mut body) = request.into_parts();
    let mut received = 0;
    while let Some(Ok(frame)) = body.frame().await {
        if let Some(data) = frame.data_ref() {
            received += data.len();
        }
    }
    let mut key = [0u8; 256];
    let written = {
        let mut cursor = &mut key[..];
        write!(cursor, "{} {} {received}", parts.method, parts.uri)
            .ok()
            .map(|()| 256 - cursor.len())
    };
    let body = if let Some(len) = written {
        let line = &key[..len];
        cache.get(line).unwrap_or_else(|| {
            let body = Bytes::from([line, b"\n"].concat());
            cache.insert(line.into(), body.clone());
            body
        })
    } else {
        Bytes::from(format!("{} {} {received}\n", parts.method, parts.uri))
    };
    Ok(Response::new(Full::new(body)))
}

/// requests/s and allocations/request of each server, from
/// [`FIGURE_ROUNDS`] alternating rounds of the same load: the median
/// rate, and the allocations of all rounds over their requests.
pub(crate) fn figures(quick: bool) -> Vec<Figure> {
    let per_round: u64 = if quick { 1_000 } else { 20_000 };
    let mut sides = [("memkit", Load::memkit()), ("hyper", Load::hyper())];
    let mut rates = [Vec::new(), Vec::new()];
    let mut allocs = [0u64; 2];
    for _ in 0..FIGURE_ROUNDS {
        for (i, (_, load)) in sides.iter_mut().enumerate() {
            let start = Instant::now();
            let counts = alloc_counter::count(|| load.run(per_round));
            rates[i].push(per_round as f64 / start.elapsed().as_secs_f64());
            allocs[i] += counts.allocs + counts.reallocs;
        }
    }
    let requests = per_round * FIGURE_ROUNDS as u64;
    let case = format!("keep_alive_get_{requests}");
    let mut out = Vec::new();
    for (i, (implementation, _)) in sides.iter().enumerate() {
        out.push(Figure {
            group: GROUP,
            case: case.clone(),
            implementation,
            metric: "requests_per_s",
            value: stats::median(&rates[i]),
        });
        out.push(Figure {
            group: GROUP,
            case: case.clone(),
            implementation,
            metric: "allocs_per_request",
            value: allocs[i] as f64 / requests as f64,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both servers give the client the same body, and the memkit server
    /// answers warm requests without allocating. hyper's count, under the
    /// same client on the same thread, shows that the count sees a server's
    /// allocations, so memkit's zero is not an artefact of the method.
    #[test]
    fn same_answers_and_memkit_allocates_nothing_warm() {
        let mut memkit = Load::memkit();
        let mut hyper = Load::hyper();
        assert_eq!(memkit.client.body(), hyper.client.body());
        let counts = alloc_counter::count(|| memkit.run(200));
        assert_eq!(counts.allocs + counts.reallocs, 0, "{counts:?}");
        let counts = alloc_counter::count(|| hyper.run(200));
        assert!(counts.allocs > 0, "hyper allocates per request: {counts:?}");
    }

    #[test]
    fn figures_name_both_servers() {
        let figures = figures(true);
        assert_eq!(figures.len(), 4);
        for f in &figures {
            assert!(f.value.is_finite() && f.value >= 0.0, "{f:?}");
        }
        let memkit_allocs = figures
            .iter()
            .find(|f| f.implementation == "memkit" && f.metric == "allocs_per_request")
            .map(|f| f.value);
        assert_eq!(memkit_allocs, Some(0.0));
    }
}
