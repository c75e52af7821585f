//! Response conformance: RFC 9112 §4 and §6.3 (message body length), each
//! case through the split-independence harness.

mod support;

use memkit_codec::http::ResponseDecoder;
use support::response_with;

/// A decoder that expects answers to `methods`, in order.
fn answering(methods: &'static [&'static str]) -> impl Fn() -> ResponseDecoder {
    move || {
        let mut decoder = ResponseDecoder::new();
        for m in methods {
            decoder.expect_response_to(m);
        }
        decoder
    }
}

fn response(input: &[u8], frames: &[&str], verdict: &str) {
    response_with(ResponseDecoder::new, input, frames, verdict);
}

#[test]
fn content_length_body() {
    response(
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc",
        &["HEAD HTTP/1.1 200 OK Content-Length=3", "DATA abc", "END"],
        "ok",
    );
}

#[test]
fn chunked_body_with_trailers() {
    response(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\nX: 1\r\n\r\n",
        &[
            "HEAD HTTP/1.1 200 OK Transfer-Encoding=chunked",
            "DATA ab",
            "TRAILERS X=1",
            "END",
        ],
        "ok",
    );
}

#[test]
fn body_until_close() {
    response(
        b"HTTP/1.1 200 OK\r\n\r\nall of it",
        &["HEAD HTTP/1.1 200 OK", "DATA all of it", "END"],
        "ok",
    );
    response(
        b"HTTP/1.0 200 OK\r\n\r\n",
        &["HEAD HTTP/1.0 200 OK", "END"],
        "ok",
    );
}

#[test]
fn transfer_coding_not_ending_in_chunked_reads_until_close() {
    response(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzzz",
        &[
            "HEAD HTTP/1.1 200 OK Transfer-Encoding=gzip",
            "DATA zzz",
            "END",
        ],
        "ok",
    );
}

#[test]
fn head_response_has_no_body() {
    response_with(
        answering(&["HEAD", "GET"]),
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
        &["HEAD HTTP/1.1 200 OK Content-Length=5", "END", "HEAD HTTP/1.1 200 OK Content-Length=1", "DATA x", "END"],
        "ok",
    );
}

#[test]
fn no_body_statuses() {
    for status in ["204 No Content", "304 Not Modified"] {
        let input = format!("HTTP/1.1 {status}\r\nContent-Length: 5\r\n\r\n");
        response(
            input.as_bytes(),
            &[&format!("HEAD HTTP/1.1 {status} Content-Length=5"), "END"],
            "ok",
        );
    }
}

#[test]
fn interim_responses_precede_the_final_one() {
    response_with(
        answering(&["HEAD"]),
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n",
        &["HEAD HTTP/1.1 100 Continue", "END", "HEAD HTTP/1.1 103 Early Hints Link=</a>", "END", "HEAD HTTP/1.1 200 OK Content-Length=4", "END"],
        "ok",
    );
}

#[test]
fn connect_and_switching_protocols_end_http() {
    response_with(
        answering(&["CONNECT"]),
        b"HTTP/1.1 200 OK\r\n\r\n",
        &["HEAD HTTP/1.1 200 OK", "END"],
        "ok",
    );
    response_with(
        answering(&["CONNECT"]),
        b"HTTP/1.1 407 Proxy Auth\r\nContent-Length: 1\r\n\r\nx",
        &[
            "HEAD HTTP/1.1 407 Proxy Auth Content-Length=1",
            "DATA x",
            "END",
        ],
        "ok",
    );
    response(
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
        &[
            "HEAD HTTP/1.1 101 Switching Protocols Upgrade=websocket",
            "END",
        ],
        "ok",
    );
}

#[test]
fn status_line_rules() {
    response(
        b"HTTP/1.1 200 \r\n\r\n",
        &["HEAD HTTP/1.1 200 ", "END"],
        "ok",
    );
    response(
        b"HTTP/1.1 200 \xe9t\xe9\r\n\r\n",
        &["HEAD HTTP/1.1 200 \u{fffd}t\u{fffd}", "END"],
        "ok",
    );
    response(b"HTTP/1.1 200\r\n\r\n", &[], "err InvalidStatusLine@12");
    response(b"HTTP/1.1 20 OK\r\n\r\n", &[], "err InvalidStatusLine@9");
    response(b"HTTP/1.1 2000 OK\r\n\r\n", &[], "err InvalidStatusLine@12");
    response(b"HTTP/1.1  200 OK\r\n\r\n", &[], "err InvalidStatusLine@9");
    response(
        b"HTTP/1.1 200 O\x01K\r\n\r\n",
        &[],
        "err InvalidStatusLine@14",
    );
    response(b"HTTP/2 200 OK\r\n\r\n", &[], "err InvalidVersion@0");
    response(b"HTTP/1.1\t200 OK\r\n\r\n", &[], "err InvalidStatusLine@8");
}

#[test]
fn framing_conflicts_are_refused() {
    response(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        &[],
        "err TransferEncodingWithContentLength@36",
    );
    response(
        b"HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        &[],
        "err TransferEncodingOnHttp10@17",
    );
    response(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        &[],
        "err MultipleContentLength@36",
    );
    response(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
        &[],
        "err InvalidTransferEncoding@17",
    );
}

#[test]
fn end_of_stream_inside_a_response() {
    response(
        b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab",
        &["HEAD HTTP/1.1 200 OK Content-Length=3", "DATA ab"],
        "err IncompleteMessage@40",
    );
    response(b"HTTP/1.1 200 OK\r\n", &[], "err IncompleteMessage@17");
}
