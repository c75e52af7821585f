//! Request conformance: RFC 9112 §2–7, RFC 9110 §5, §6.2 and §8.6, and the
//! request-smuggling cases of public advisories. Every case goes through
//! the split-independence harness in `support`.

mod support;

use memkit_bytes::BytesMut;
use memkit_codec::Decoder;
use memkit_codec::http::{DecoderBuilder, RequestDecoder, RequestFrame};
use support::{request, request_with};

const GET: &str = "HEAD GET / HTTP/1.1 Host=a";

// RFC 9112 §2: message format, line endings, the empty line before a
// request.

#[test]
fn simple_get() {
    request(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n", &[GET, "END"], "ok");
}

#[test]
fn message_without_body_still_ends() {
    request(
        b"DELETE /x HTTP/1.1\r\nHost: a\r\n\r\n",
        &["HEAD DELETE /x HTTP/1.1 Host=a", "END"],
        "ok",
    );
}

#[test]
fn one_leading_empty_line_is_skipped() {
    request(
        b"\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[GET, "END"],
        "ok",
    );
}

#[test]
fn two_leading_empty_lines_are_refused() {
    request(
        b"\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidMethod@2",
    );
}

#[test]
fn bare_lf_is_refused() {
    request(b"GET / HTTP/1.1\nHost: a\r\n\r\n", &[], "err BareLf@14");
    request(b"GET / HTTP/1.1\r\nHost: a\n\r\n", &[], "err BareLf@23");
    request(b"GET / HTTP/1.1\r\nHost: a\r\n\n", &[], "err BareLf@25");
}

#[test]
fn bare_lf_allowed_when_lenient() {
    let lenient = || DecoderBuilder::new().allow_bare_lf(true).request_decoder();
    request_with(lenient, b"GET / HTTP/1.1\nHost: a\n\n", &[GET, "END"], "ok");
    request_with(
        lenient,
        b"\nGET / HTTP/1.1\r\nHost: a\n\r\n",
        &[GET, "END"],
        "ok",
    );
}

#[test]
fn bare_cr_is_refused() {
    request(
        b"GET / HTTP/1.1\rHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
        &[],
        "err InvalidFieldValue@23",
    );
}

#[test]
fn pipelined_requests() {
    request(
        b"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhiGET /3 HTTP/1.0\r\n\r\n",
        &[
            "HEAD GET /1 HTTP/1.1 Host=a",
            "END",
            "HEAD POST /2 HTTP/1.1 Host=a Content-Length=2",
            "DATA hi",
            "END",
            "HEAD GET /3 HTTP/1.0",
            "END",
        ],
        "ok",
    );
}

#[test]
fn end_of_stream_inside_a_message() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\n",
        &[],
        "err IncompleteMessage@25",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab",
        &["HEAD GET / HTTP/1.1 Host=a Content-Length=5", "DATA ab"],
        "err IncompleteMessage@48",
    );
    request(b"\r\n", &[], "err IncompleteMessage@2");
    request(b"", &[], "ok");
}

// RFC 9112 §2.3: version.

#[test]
fn versions() {
    request(
        b"GET / HTTP/1.0\r\n\r\n",
        &["HEAD GET / HTTP/1.0", "END"],
        "ok",
    );
    request(b"GET / HTTP/1.2\r\nHost: a\r\n\r\n", &[GET, "END"], "ok");
    request(b"GET / HTTP/1.9\r\n\r\n", &[], "err MissingHost@16");
    request(
        b"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
        &[],
        "err VersionNotSupported@11",
    );
    request(
        b"GET / HTTP/0.9\r\nHost: a\r\n\r\n",
        &[],
        "err VersionNotSupported@11",
    );
    request(
        b"GET / http/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(
        b"GET / HTTP/11\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(
        b"GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(
        b"GET / HTTP/1.10\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(
        b"GET / HTTP/1.1\x00\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
}

// RFC 9112 §3: request line.

#[test]
fn request_line_separators() {
    request(
        b"GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidRequestLine@4",
    );
    request(
        b"GET /  HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(
        b"GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidMethod@3",
    );
    request(b"GET /\r\nHost: a\r\n\r\n", &[], "err InvalidRequestLine@5");
    request(b"GET\r\n\r\n", &[], "err InvalidRequestLine@3");
    request(
        b" GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidMethod@0",
    );
}

#[test]
fn methods_are_tokens() {
    request(
        b"M-SEARCH * HTTP/1.1\r\nHost: a\r\n\r\n",
        &["HEAD M-SEARCH * HTTP/1.1 Host=a", "END"],
        "ok",
    );
    request(
        b"GE(T / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidMethod@2",
    );
    request(
        b"G\x00T / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidMethod@1",
    );
    request(
        b"G\xc3\xa9T / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidMethod@1",
    );
}

#[test]
fn target_forms() {
    request(
        b"GET http://a/b?c HTTP/1.1\r\nHost: a\r\n\r\n",
        &["HEAD GET http://a/b?c HTTP/1.1 Host=a", "END"],
        "ok",
    );
    request(
        b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n",
        &["HEAD CONNECT a:443 HTTP/1.1 Host=a:443", "END"],
        "ok",
    );
    request(
        b"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
        &["HEAD OPTIONS * HTTP/1.1 Host=a", "END"],
        "ok",
    );
}

#[test]
fn target_without_whitespace_or_controls() {
    request(
        b"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@7",
    );
    request(
        b"GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidTarget@6",
    );
    request(
        b"GET /a\x7fb HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidTarget@6",
    );
    request(
        b"GET /\xff HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidTarget@5",
    );
    request(
        b"GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidTarget@5",
    );
}

// RFC 9112 §3.2: Host.

#[test]
fn host_rules() {
    request(b"GET / HTTP/1.1\r\n\r\n", &[], "err MissingHost@16");
    request(
        b"GET / HTTP/1.0\r\n\r\n",
        &["HEAD GET / HTTP/1.0", "END"],
        "ok",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        &[],
        "err MultipleHost@25",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nhOsT: a\r\n\r\n",
        &[],
        "err MultipleHost@25",
    );
    request(
        b"GET / HTTP/1.1\r\nHost:\r\n\r\n",
        &["HEAD GET / HTTP/1.1 Host=", "END"],
        "ok",
    );
}

// RFC 9112 §5 and RFC 9110 §5: fields.

#[test]
fn field_values_are_trimmed_and_keep_order() {
    request(
        b"GET / HTTP/1.1\r\nHost:  \t a \t\r\nX-A: 1\r\nx-a:2\r\nEmpty:\r\n\r\n",
        &["HEAD GET / HTTP/1.1 Host=a X-A=1 x-a=2 Empty=", "END"],
        "ok",
    );
}

#[test]
fn field_values_allow_htab_and_obs_text() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\tb\xe9\r\n\r\n",
        &["HEAD GET / HTTP/1.1 Host=a X=a\tb\u{fffd}", "END"],
        "ok",
    );
}

#[test]
fn field_values_refuse_controls() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n",
        &[],
        "err InvalidFieldValue@29",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x7fb\r\n\r\n",
        &[],
        "err InvalidFieldValue@29",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x0bb\r\n\r\n",
        &[],
        "err InvalidFieldValue@29",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\x1bb\r\n\r\n",
        &[],
        "err InvalidFieldValue@29",
    );
}

#[test]
fn field_names_are_tokens() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n",
        &[],
        "err InvalidFieldName@25",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX(y): z\r\n\r\n",
        &[],
        "err InvalidFieldName@26",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
        &[],
        "err InvalidFieldName@32",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX\x00: z\r\n\r\n",
        &[],
        "err InvalidFieldName@26",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nA B: z\r\n\r\n",
        &[],
        "err InvalidFieldName@26",
    );
}

#[test]
fn no_whitespace_before_colon() {
    request(
        b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        &[],
        "err WhitespaceBeforeColon@20",
    );
    request(
        b"GET / HTTP/1.1\r\nHost\t: a\r\n\r\n",
        &[],
        "err WhitespaceBeforeColon@20",
    );
}

#[test]
fn obs_fold_is_refused() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n",
        &[],
        "err ObsFold@31",
    );
    request(b"GET / HTTP/1.1\r\n Host: a\r\n\r\n", &[], "err ObsFold@16");
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n",
        &[],
        "err ObsFold@31",
    );
}

#[test]
fn obs_fold_becomes_spaces_when_lenient() {
    let lenient = || DecoderBuilder::new().allow_obs_fold(true).request_decoder();
    request_with(
        lenient,
        b"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n  b \r\n\tc\r\n\r\n",
        &["HEAD GET / HTTP/1.1 Host=a X=a    b    c", "END"],
        "ok",
    );
    request_with(
        lenient,
        b"GET / HTTP/1.1\r\nHost: a\r\nX:\r\n b\r\n\r\n",
        &["HEAD GET / HTTP/1.1 Host=a X=b", "END"],
        "ok",
    );
    // Never on a framing field, never before the first field.
    request_with(
        lenient,
        b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n 0\r\n\r\n",
        &[],
        "err ObsFold@44",
    );
    request_with(
        lenient,
        b"GET / HTTP/1.1\r\n X: a\r\nHost: a\r\n\r\n",
        &[],
        "err ObsFold@16",
    );
}

// RFC 9112 §6 and RFC 9110 §8.6: Content-Length.

#[test]
fn content_length_body() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        &[
            "HEAD POST / HTTP/1.1 Host=a Content-Length=5",
            "DATA hello",
            "END",
        ],
        "ok",
    );
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
        &["HEAD POST / HTTP/1.1 Host=a Content-Length=0", "END"],
        "ok",
    );
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\nabcdefg",
        &[
            "HEAD POST / HTTP/1.1 Host=a Content-Length=007",
            "DATA abcdefg",
            "END",
        ],
        "ok",
    );
}

#[test]
fn content_length_is_digits_only() {
    for value in [
        "+5", "-5", "5 5", "0x5", "5,5", "5, 5", "", "5a", "1_0", "\u{663}",
    ] {
        let input = format!("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: {value}\r\n\r\nhello");
        request(input.as_bytes(), &[], "err InvalidContentLength@26");
    }
}

#[test]
fn content_length_overflow() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551616\r\n\r\n",
        &[],
        "err InvalidContentLength@26",
    );
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        &[],
        "err InvalidContentLength@26",
    );
}

#[test]
fn repeated_content_length() {
    let input = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi";
    request(input, &[], "err MultipleContentLength@45");
    let lenient = || {
        DecoderBuilder::new()
            .allow_repeated_content_length(true)
            .request_decoder()
    };
    request_with(
        lenient,
        input,
        &[
            "HEAD POST / HTTP/1.1 Host=a Content-Length=2 Content-Length=2",
            "DATA hi",
            "END",
        ],
        "ok",
    );
    let differing =
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi";
    request_with(lenient, differing, &[], "err MultipleContentLength@45");
}

// RFC 9112 §6.1 and §7: Transfer-Encoding and chunked.

const CHUNKED_HEAD: &str = "HEAD POST / HTTP/1.1 Host=a Transfer-Encoding=chunked";

fn chunked(body: &str) -> Vec<u8> {
    format!("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n{body}").into_bytes()
}

/// Offset of the body in [`chunked`]'s output.
const BODY: usize = 56;

#[test]
fn chunked_body() {
    request(
        &chunked("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA hello world", "END"],
        "ok",
    );
    request(&chunked("0\r\n\r\n"), &[CHUNKED_HEAD, "END"], "ok");
    request(
        &chunked("A\r\n0123456789\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA 0123456789", "END"],
        "ok",
    );
    request(
        &chunked("000a\r\n0123456789\r\n0000\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA 0123456789", "END"],
        "ok",
    );
}

#[test]
fn chunked_trailers() {
    request(
        &chunked("1\r\nx\r\n0\r\nChecksum: abc\r\nX-T: 1\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA x", "TRAILERS Checksum=abc X-T=1", "END"],
        "ok",
    );
    for name in [
        "Content-Length",
        "Transfer-Encoding",
        "Host",
        "content-length",
    ] {
        let input = chunked(&format!("0\r\n{name}: 1\r\n\r\n"));
        request(
            &input,
            &[CHUNKED_HEAD],
            &format!("err ForbiddenTrailer@{}", BODY + 3),
        );
    }
    request(
        &chunked("0\r\nX : 1\r\n\r\n"),
        &[CHUNKED_HEAD],
        &format!("err WhitespaceBeforeColon@{}", BODY + 4),
    );
}

#[test]
fn chunk_size_is_hexdig_only() {
    for size in ["0x5", "+5", "-5", " 5", "g", ""] {
        let input = chunked(&format!("{size}\r\nhello\r\n0\r\n\r\n"));
        let outcome = support::check(RequestDecoder::new, &input);
        assert!(
            outcome.verdict.starts_with("err InvalidChunkSize@"),
            "{size:?}: {outcome:?}"
        );
    }
    request(
        &chunked("5 \r\nhello\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD],
        &format!("err InvalidChunkExtension@{}", BODY + 2),
    );
}

#[test]
fn chunk_size_overflow() {
    request(
        &chunked("10000000000000000\r\n"),
        &[CHUNKED_HEAD],
        &format!("err InvalidChunkSize@{BODY}"),
    );
    request(
        &chunked("ffffffffffffffff1\r\n"),
        &[CHUNKED_HEAD],
        &format!("err InvalidChunkSize@{BODY}"),
    );
}

#[test]
fn chunk_extensions() {
    for ext in [
        ";a",
        ";a=b",
        "; a = b",
        " ;a=b",
        ";a=\"b c\"",
        ";a=\"q\\\"x\"",
        ";a;b=c;d=\"\"",
    ] {
        request(
            &chunked(&format!("1{ext}\r\nx\r\n0{ext}\r\n\r\n")),
            &[CHUNKED_HEAD, "DATA x", "END"],
            "ok",
        );
    }
    for (ext, at) in [
        (";", 2),
        (";=b", 2),
        (";a=", 4),
        (";a=\"b", 6),
        (";a=b c", 6),
        (";a=\"\x01\"", 5),
        (";a\x00", 3),
    ] {
        request(
            &chunked(&format!("1{ext}\r\nx\r\n0\r\n\r\n")),
            &[CHUNKED_HEAD],
            &format!("err InvalidChunkExtension@{}", BODY + at),
        );
    }
}

#[test]
fn chunk_data_is_followed_by_exactly_crlf() {
    request(
        &chunked("1\r\nxYZ0\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA x"],
        &format!("err InvalidChunkEnd@{}", BODY + 4),
    );
    request(
        &chunked("1\r\nx\rZ0\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA x"],
        &format!("err InvalidChunkEnd@{}", BODY + 5),
    );
    request(
        &chunked("1\r\nx\n0\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA x"],
        &format!("err InvalidChunkEnd@{}", BODY + 4),
    );
    let lenient = || DecoderBuilder::new().allow_bare_lf(true).request_decoder();
    request_with(
        lenient,
        &chunked("1\nx\n0\n\n"),
        &[CHUNKED_HEAD, "DATA x", "END"],
        "ok",
    );
}

#[test]
fn chunked_ends_with_the_stream() {
    request(
        &chunked("5\r\nhel"),
        &[CHUNKED_HEAD, "DATA hel"],
        &format!("err IncompleteMessage@{}", BODY + 6),
    );
    request(
        &chunked("0\r\n"),
        &[CHUNKED_HEAD],
        &format!("err IncompleteMessage@{}", BODY + 3),
    );
}

#[test]
fn transfer_encoding_rules() {
    let cases: &[(&str, &str)] = &[
        (
            "Transfer-Encoding: chunked\r\nContent-Length: 5",
            "err TransferEncodingWithContentLength@54",
        ),
        (
            "Content-Length: 5\r\nTransfer-Encoding: chunked",
            "err TransferEncodingWithContentLength@45",
        ),
        (
            "Transfer-Encoding: chunked, chunked",
            "err InvalidTransferEncoding@26",
        ),
        (
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
            "err InvalidTransferEncoding@54",
        ),
        ("Transfer-Encoding: gzip", "err InvalidTransferEncoding@26"),
        (
            "Transfer-Encoding: chunked, gzip",
            "err InvalidTransferEncoding@26",
        ),
        (
            "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity",
            "err InvalidTransferEncoding@54",
        ),
        (
            "Transfer-Encoding: xchunked",
            "err InvalidTransferEncoding@26",
        ),
        (
            "Transfer-Encoding: chunked;q=1 x",
            "err InvalidTransferEncoding@26",
        ),
        (
            "Transfer-Encoding: \"chunked\"",
            "err InvalidTransferEncoding@26",
        ),
        ("Transfer-Encoding: \x0bchunked", "err InvalidFieldValue@45"),
    ];
    for (fields, verdict) in cases {
        let input = format!("POST / HTTP/1.1\r\nHost: a\r\n{fields}\r\n\r\n0\r\n\r\n");
        request(input.as_bytes(), &[], verdict);
    }
}

#[test]
fn transfer_encoding_lists_that_end_in_chunked() {
    for te in [
        "gzip, chunked",
        "Chunked",
        "CHUNKED",
        "chunked ",
        ",chunked",
        "gzip,,chunked",
        "gzip\r\nTransfer-Encoding: chunked",
    ] {
        let input = format!(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: {te}\r\n\r\n1\r\nx\r\n0\r\n\r\n"
        );
        let outcome = support::check(RequestDecoder::new, input.as_bytes());
        assert_eq!(outcome.verdict, "ok", "{te:?}");
        assert_eq!(&outcome.frames[1..], ["DATA x", "END"], "{te:?}");
    }
}

#[test]
fn transfer_encoding_on_http_1_0_is_refused() {
    request(
        b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        &[],
        "err TransferEncodingOnHttp10@17",
    );
}

// Limits: each its own kind, at the position where it is passed.

#[test]
fn limits() {
    let small = || {
        DecoderBuilder::new()
            .max_head_bytes(40)
            .max_line_bytes(24)
            .max_fields(2)
            .max_chunk_extension_bytes(6)
            .max_trailer_bytes(12)
            .request_decoder()
    };
    request_with(
        small,
        b"GET /aaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\n",
        &[],
        "err LineTooLong@24",
    );
    request_with(
        small,
        b"GET / HTTP/1.1\r\nHost: a\r\nX: 123456789\r\n\r\n",
        &[],
        "err HeadTooLarge@40",
    );
    request_with(
        small,
        b"GET / HTTP/1.1\r\nHost: a\r\nB: 1\r\nC: 2\r\n\r\n",
        &[],
        "err TooManyFields@31",
    );
    request_with(
        small,
        b"GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\n\r\n",
        &["HEAD GET / HTTP/1.1 Host=a A=1", "END"],
        "ok",
    );
    let te = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nHost: a\r\n";
    let mut input = te.to_vec();
    input.extend_from_slice(b"\r\n1;a=b\r\nx\r\n1;c=d\r\ny\r\n0\r\n\r\n");
    let defaults = || {
        DecoderBuilder::new()
            .max_chunk_extension_bytes(6)
            .request_decoder()
    };
    let head = "HEAD POST / HTTP/1.1 Transfer-Encoding=chunked Host=a";
    request_with(
        defaults,
        &input,
        &[head, "DATA x"],
        "err ChunkExtensionsTooLarge@69",
    );
    let mut input = te.to_vec();
    input.extend_from_slice(b"\r\n0\r\nA: 1\r\nB: 22\r\n\r\n");
    let trailers = || {
        DecoderBuilder::new()
            .max_trailer_bytes(12)
            .request_decoder()
    };
    request_with(trailers, &input, &[head], "err TrailersTooLarge@71");
}

#[test]
fn line_limit_counts_the_crlf() {
    let tight = || DecoderBuilder::new().max_line_bytes(16).request_decoder();
    request_with(
        tight,
        b"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        &[GET, "END"],
        "ok",
    );
    request_with(
        tight,
        b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err LineTooLong@16",
    );
}

// Public request-smuggling write-ups.

/// hyper GHSA-f3pg-qwvg-p99c (CVE-2021-32715): a `+` before the
/// Content-Length digits was accepted.
#[test]
fn hyper_plus_sign_content_length() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc",
        &[],
        "err InvalidContentLength@26",
    );
}

/// hyper GHSA-5h46-h7hh-c6x9 (CVE-2021-32714): a chunk size that overflows
/// wrapped around.
#[test]
fn hyper_chunk_size_overflow() {
    request(
        &chunked("f0000000000000003\r\nabc\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD],
        &format!("err InvalidChunkSize@{BODY}"),
    );
}

/// hyper GHSA-6hfq-h8hq-87mf (CVE-2021-21299): `Transfer-Encoding:
/// chunked` followed by another coding in a later line.
#[test]
fn hyper_multiple_transfer_codings() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: cow\r\n\r\n0\r\n\r\n",
        &[],
        "err InvalidTransferEncoding@54",
    );
}

/// llhttp / Node CVE-2022-32215 and CVE-2022-32214: obs-fold and bare LF
/// inside Transfer-Encoding.
#[test]
fn llhttp_folded_transfer_encoding() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n , identity\r\n\r\n",
        &[],
        "err ObsFold@54",
    );
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\n\r\n0\r\n\r\n",
        &[],
        "err BareLf@52",
    );
}

/// Node CVE-2022-32213: a space before a header name.
#[test]
fn node_space_before_field_name() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\r\n Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        &[],
        "err ObsFold@26",
    );
}

/// Node CVE-2023-30589: CR not followed by LF in a header.
#[test]
fn node_cr_without_lf() {
    request(
        b"POST / HTTP/1.1\r\nHost: a\rContent-Length: 1\r\n\r\nx",
        &[],
        "err InvalidFieldValue@24",
    );
}

/// llhttp CVE-2024-27982: a space before Content-Length's name in the
/// first field line.
#[test]
fn llhttp_leading_space_content_length() {
    request(
        b"POST / HTTP/1.1\r\n Content-Length: 1\r\nHost: a\r\n\r\nx",
        &[],
        "err ObsFold@17",
    );
}

/// llhttp (Node CVE-2024-22019): unbounded chunk extensions.
#[test]
fn llhttp_chunk_extension_flood() {
    let ext = ";a=".to_string() + &"b".repeat(100);
    let body = format!("1{ext}\r\nx\r\n").repeat(200) + "0\r\n\r\n";
    let outcome = support::check(
        || {
            DecoderBuilder::new()
                .max_chunk_extension_bytes(1000)
                .request_decoder()
        },
        &chunked(&body),
    );
    assert!(
        outcome.verdict.starts_with("err ChunkExtensionsTooLarge@"),
        "{outcome:?}"
    );
}

/// llhttp: a bare LF or CR inside a chunk extension.
#[test]
fn llhttp_lf_in_chunk_extension() {
    request(
        &chunked("1;a=b\nx\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD],
        &format!("err BareLf@{}", BODY + 5),
    );
    request(
        &chunked("1;a=\rb\r\nx\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD],
        &format!("err InvalidChunkExtension@{}", BODY + 4),
    );
}

/// h11 GHSA-vqfr-h8mv-ghfj (CVE-2025-43859): bytes other than CRLF after
/// chunk data were accepted.
#[test]
fn h11_chunk_data_terminator() {
    request(
        &chunked("3\r\nabcXX1\r\nd\r\n0\r\n\r\n"),
        &[CHUNKED_HEAD, "DATA abc"],
        &format!("err InvalidChunkEnd@{}", BODY + 6),
    );
}

/// picohttpparser: a NUL in a header value ended the value early.
#[test]
fn picohttpparser_nul_in_value() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\x00b\r\n\r\n",
        &[],
        "err InvalidFieldValue@23",
    );
}

/// HTTP Garden: whitespace and junk around the version, and Content-Length
/// with a trailing comma.
#[test]
fn http_garden_findings() {
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1,\r\n\r\nx",
        &[],
        "err InvalidContentLength@25",
    );
    request(
        b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n",
        &[],
        "err InvalidContentLength@25",
    );
    request(
        b"GET / \tHTTP/1.1\r\nHost: a\r\n\r\n",
        &[],
        "err InvalidVersion@6",
    );
    request(b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", &[], "err TransferEncodingWithContentLength@44");
    request(
        &chunked("1\r\nx\r\n0\r\n\r"),
        &[CHUNKED_HEAD, "DATA x"],
        &format!("err IncompleteMessage@{}", BODY + 10),
    );
}

#[test]
fn data_frames_are_zero_copy_views_of_the_buffer() {
    use memkit_bytes::BytesMut;
    use memkit_codec::Decoder;
    use memkit_codec::http::RequestFrame;

    let mut buf =
        BytesMut::from(&b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"[..]);
    let body = buf[buf.len() - 3..].as_ptr();
    let head_start = buf.as_ptr();
    let mut decoder = RequestDecoder::new();
    let Some(RequestFrame::Head(head)) = decoder.decode(&mut buf).unwrap() else {
        panic!()
    };
    assert_eq!(head.as_bytes().as_ptr(), head_start);
    assert_eq!(head.method().as_ptr(), head_start);
    let Some(RequestFrame::Data(data)) = decoder.decode(&mut buf).unwrap() else {
        panic!()
    };
    assert_eq!(data.as_ptr(), body);
}

// RFC 9112 §9.3: whether the connection persists after the request.

/// From the version and the Connection options (in any case, any order,
/// with OWS), with the head fed at every split point.
#[test]
fn keep_alive_follows_version_and_connection_options() {
    let cases = [
        ("1.1", "", true),
        ("1.1", "Connection: close\r\n", false),
        ("1.1", "Connection: Close\r\n", false),
        ("1.1", "Connection: keep-alive, close\r\n", false),
        ("1.1", "Connection: upgrade\r\n", true),
        ("1.1", "Connection: closed\r\n", true),
        ("1.0", "", false),
        ("1.0", "Connection: keep-alive\r\n", true),
        ("1.0", "Connection: KEEP-ALIVE\r\n", true),
        ("1.0", "Connection:   keep-alive \t\r\n", true),
        ("1.0", "Connection: Upgrade, Keep-Alive\r\n", true),
        (
            "1.0",
            "Connection: keep-alive\r\nConnection: close\r\n",
            false,
        ),
        ("1.0", "Connection: close, keep-alive\r\n", false),
        ("1.0", "Connection: keep-alives\r\n", false),
    ];
    for (version, fields, expected) in cases {
        let wire = format!("GET / HTTP/{version}\r\nHost: a\r\n{fields}\r\n");
        let wire = wire.as_bytes();
        for split in 0..=wire.len() {
            let mut decoder = RequestDecoder::new();
            let mut buf = BytesMut::from(&wire[..split]);
            let first = decoder.decode(&mut buf).unwrap();
            buf.extend_from_slice(&wire[split..]);
            let frame = match first {
                Some(frame) => frame,
                None => decoder.decode(&mut buf).unwrap().expect("a whole head"),
            };
            let RequestFrame::Head(head) = frame else {
                panic!("{wire:?}: the first frame is the head");
            };
            assert_eq!(head.keep_alive(), expected, "{wire:?} split at {split}");
        }
    }
}
