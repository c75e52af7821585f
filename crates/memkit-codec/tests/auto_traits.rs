//! Decoded frames cross threads: a server hands a head to another task
//! while its decoder reads on.

use std::sync::mpsc;
use std::thread;

use memkit_bytes::BytesMut;
use memkit_codec::Decoder;
use memkit_codec::http::{
    Error, Fields, RequestDecoder, RequestFrame, RequestHead, ResponseDecoder, ResponseFrame,
    ResponseHead,
};

fn send_and_sync<T: Send + Sync>() {}

#[test]
fn frames_heads_fields_and_decoders_are_send_and_sync() {
    send_and_sync::<RequestFrame>();
    send_and_sync::<ResponseFrame>();
    send_and_sync::<RequestHead>();
    send_and_sync::<ResponseHead>();
    send_and_sync::<Fields>();
    send_and_sync::<RequestDecoder>();
    send_and_sync::<ResponseDecoder>();
    send_and_sync::<Error>();
}

/// Heads held by another thread keep their fields while the decoder, which
/// shares a field list with the last head it made, decodes the next ones.
#[test]
fn heads_sent_to_another_thread_keep_their_fields_while_decoding_goes_on() {
    let (tx, rx) = mpsc::channel::<RequestHead>();
    let reader = thread::spawn(move || {
        rx.iter()
            .map(|head| {
                let n: usize = head
                    .header("x-n")
                    .map_or(0, |v| std::str::from_utf8(v).unwrap().parse().unwrap());
                assert_eq!(head.target(), format!("/{n}"));
                assert_eq!(head.fields().len(), 3);
                assert_eq!(head.header("host"), Some(&b"example.com"[..]));
                n
            })
            .sum::<usize>()
    });
    let mut decoder = RequestDecoder::new();
    let mut buf = BytesMut::new();
    for n in 0..200 {
        buf.extend_from_slice(
            format!("GET /{n} HTTP/1.1\r\nHost: example.com\r\nX-N: {n}\r\nAccept: */*\r\n\r\n")
                .as_bytes(),
        );
        let Some(RequestFrame::Head(head)) = decoder.decode(&mut buf).unwrap() else {
            panic!("a head was expected")
        };
        tx.send(head).unwrap();
        assert_eq!(decoder.decode(&mut buf).unwrap(), Some(RequestFrame::End));
    }
    drop(tx);
    assert_eq!(reader.join().unwrap(), (0..200).sum::<usize>());
}
