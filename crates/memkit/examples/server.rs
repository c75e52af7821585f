//! An HTTP/1.1 server on tokio, built from memkit's parts: a `Framed`
//! connection reading into `BytesPool` buffers, the strict
//! `RequestDecoder`, and the `ResponseEncoder`.
//!
//! It keeps connections alive, answers pipelined requests in order, reads
//! chunked request bodies, answers `Expect: 100-continue`, and answers bad
//! input with 400 and a close. Each response body says what was received:
//! `METHOD TARGET BODY-BYTES`.
//!
//! ```sh
//! cargo run --example server --features tokio -- 8080
//! curl -d hello http://127.0.0.1:8080/echo
//! ```

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::{SinkExt, StreamExt};
use memkit::bytes::{Bytes, BytesMut, BytesPool};
use memkit::codec::http::{
    Error, Framing, RequestDecoder, RequestFrame, ResponseEncoder, ResponseFrame, ResponseHead,
};
use memkit::codec::{Decoder, Encoder, Framed};
use tokio::net::{TcpListener, TcpStream};

/// Requests in, responses out: one codec for a server connection.
#[derive(Debug, Default)]
pub struct ServerCodec {
    requests: RequestDecoder,
    responses: ResponseEncoder,
}

impl Decoder for ServerCodec {
    type Item = RequestFrame;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<RequestFrame>, Error> {
        self.requests.decode(src)
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<RequestFrame>, Error> {
        self.requests.decode_eof(src)
    }
}

impl Encoder<ResponseFrame> for ServerCodec {
    type Error = Error;

    fn encode(&mut self, frame: ResponseFrame, dst: &mut BytesMut) -> Result<(), Error> {
        self.responses.encode(frame, dst)
    }
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

/// Sends one complete response with a Content-Length body.
async fn respond(
    conn: &mut Framed<TcpStream, ServerCodec>,
    status: u16,
    close: bool,
    body: Bytes,
) -> Result<(), Error> {
    let length = body.len().to_string();
    let mut fields: Vec<(&str, &[u8])> = vec![("Content-Length", length.as_bytes())];
    if close {
        fields.push(("Connection", b"close"));
    }
    conn.feed(ResponseFrame::Head(ResponseHead::new(status, &fields)?))
        .await?;
    conn.feed(ResponseFrame::Data(body)).await?;
    conn.feed(ResponseFrame::End).await?;
    // Pipelined requests already buffered are answered before flushing.
    if conn.read_buffer().is_empty() || close {
        conn.flush().await?;
    }
    Ok(())
}

/// Serves one connection until the client closes it, asks to, or sends
/// something the decoder refuses.
pub async fn connection(
    stream: TcpStream,
    pool: BytesPool,
    stats: Arc<Stats>,
) -> Result<(), Error> {
    let mut conn = Framed::with_pool(stream, ServerCodec::default(), pool, 4096);
    let mut request: Option<(String, bool)> = None;
    let mut received = 0usize;
    while let Some(frame) = conn.next().await {
        match frame {
            Ok(RequestFrame::Head(head)) => {
                if head.expects_continue() {
                    conn.send(ResponseFrame::Head(ResponseHead::new(100, &[])?))
                        .await?;
                    conn.send(ResponseFrame::End).await?;
                }
                if head.framing() == Framing::Chunked {
                    stats.chunked_requests.fetch_add(1, Ordering::Relaxed);
                }
                request = Some((
                    format!("{} {}", head.method(), head.target()),
                    head.keep_alive(),
                ));
                received = 0;
            }
            Ok(RequestFrame::Data(data)) => received += data.len(),
            Ok(RequestFrame::Trailers(_)) => {}
            Ok(RequestFrame::End) => {
                stats.requests.fetch_add(1, Ordering::Relaxed);
                let (line, keep_alive) = request.take().unwrap_or_default();
                let body = Bytes::from(format!("{line} {received}\n"));
                respond(&mut conn, 200, !keep_alive, body).await?;
                if !keep_alive {
                    break;
                }
            }
            Err(e) if e.io_error().is_some() => return Err(e),
            Err(e) => {
                let body = Bytes::from(format!("bad request: {e}\n"));
                respond(&mut conn, 400, true, body).await?;
                break;
            }
        }
    }
    SinkExt::<ResponseFrame>::close(&mut conn).await
}

/// Accepts connections on `listener` forever.
pub async fn serve(listener: TcpListener, stats: Arc<Stats>) -> io::Result<()> {
    let pool = BytesPool::new(1024);
    loop {
        let (stream, _) = listener.accept().await?;
        stats.connections.fetch_add(1, Ordering::Relaxed);
        let (pool, stats) = (pool.clone(), stats.clone());
        tokio::spawn(async move {
            if let Err(e) = connection(stream, pool, stats).await {
                eprintln!("connection: {e}");
            }
        });
    }
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
            serve(listener, Arc::new(Stats::default())).await
        })
}
