//! Heads past 64 KiB, under raised limits: the decoder keeps the
//! positions of a head's first fields in 16 bits, and these inputs take it
//! past that. They are too long for the every-split harness of the
//! conformance tests, so each is fed whole and in reads of several sizes.

use memkit_bytes::BytesMut;
use memkit_codec::Decoder;
use memkit_codec::http::{DecoderBuilder, RequestFrame};

/// The fields past 16-bit positions come after the first ones, in order,
/// and a fold that carries a value past 64 KiB takes the field with them.
#[test]
fn fields_past_64_kib_keep_their_order_and_values() {
    let big = "v".repeat(30_000);
    let fold = "w".repeat(10_000);
    let mut input =
        format!("GET / HTTP/1.1\r\nHost: a\r\nX-0: {big}\r\nX-1: {big}\r\n").into_bytes();
    input.extend_from_slice(format!("F: f\r\n {fold}\r\nX-2: {big}\r\nZ:\r\n\r\n").as_bytes());
    let folded = format!("f   {fold}");
    let expected: Vec<(&str, &[u8])> = vec![
        ("Host", b"a"),
        ("X-0", big.as_bytes()),
        ("X-1", big.as_bytes()),
        ("F", folded.as_bytes()),
        ("X-2", big.as_bytes()),
        ("Z", b""),
    ];
    for step in [usize::MAX, 4096, 1000, 7] {
        let mut decoder = DecoderBuilder::new()
            .max_head_bytes(1 << 20)
            .max_line_bytes(1 << 20)
            .allow_obs_fold(true)
            .request_decoder();
        let mut buf = BytesMut::new();
        let mut head = None;
        for chunk in input.chunks(step) {
            buf.extend_from_slice(chunk);
            if let Some(RequestFrame::Head(h)) = decoder.decode(&mut buf).unwrap() {
                head = Some(h);
            }
        }
        let head = head.expect("the head is complete");
        let fields = head.fields();
        assert_eq!(fields.iter().collect::<Vec<_>>(), expected, "step {step}");
        assert_eq!(fields.len(), expected.len());
        assert_eq!(fields.get("f"), Some(folded.as_bytes()));
        assert_eq!(fields.get("x-2"), Some(big.as_bytes()));
        assert_eq!(fields.get_all("z").collect::<Vec<_>>(), [b""]);
        assert_eq!(decoder.decode(&mut buf).unwrap(), Some(RequestFrame::End));
    }
}
