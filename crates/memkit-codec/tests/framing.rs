//! Framing codecs: the behaviour beyond tokio-util, and edge cases.

use std::io;

use memkit_bytes::BytesMut;
use memkit_codec::{
    Builder, BytesCodec, Decoder, Encoder, LengthDelimitedCodec, LinesCodec, LinesCodecError,
};

/// tokio-util issue 333: a declared length is not reserved before its bytes
/// arrive. The peer reserves the whole declared frame; memkit reserves
/// nothing beyond what the caller put in the buffer.
#[test]
fn declared_length_is_not_reserved() {
    let header = [0x00, 0x80, 0x00, 0x00]; // 8 MiB
    let mut memkit_buf = BytesMut::with_capacity(16);
    memkit_buf.extend_from_slice(&header);
    memkit_buf.extend_from_slice(b"0123456789");
    let before = memkit_buf.capacity();
    let mut codec = LengthDelimitedCodec::new();
    assert!(codec.decode(&mut memkit_buf).unwrap().is_none());
    assert!(
        memkit_buf.capacity() <= before,
        "reserved {} bytes",
        memkit_buf.capacity()
    );

    let mut peer_buf = bytes::BytesMut::with_capacity(16);
    peer_buf.extend_from_slice(&header);
    peer_buf.extend_from_slice(b"0123456789");
    let mut peer = tokio_util::codec::LengthDelimitedCodec::new();
    assert!(
        tokio_util::codec::Decoder::decode(&mut peer, &mut peer_buf)
            .unwrap()
            .is_none()
    );
    assert!(
        peer_buf.capacity() >= 8 << 20,
        "the peer reserves the declared length"
    );
}

/// The default `decode_eof` reports bytes left over.
#[test]
fn decode_eof_reports_leftover_bytes() {
    let mut codec = LengthDelimitedCodec::new();
    let mut buf = BytesMut::from(&b"\0\0\0\x09abc"[..]);
    let err = codec.decode_eof(&mut buf).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::Other);
    assert_eq!(err.to_string(), "bytes remaining on stream");
}

/// Frames are views of the read buffer: no copy.
#[test]
fn frames_are_zero_copy() {
    let mut buf = BytesMut::from(&b"\0\0\0\x03abc"[..]);
    let data = buf[4..].as_ptr();
    let frame = LengthDelimitedCodec::new()
        .decode(&mut buf)
        .unwrap()
        .unwrap();
    assert_eq!(frame.as_ptr(), data);

    let mut buf = BytesMut::from(&b"a,b"[..]);
    let start = buf.as_ptr();
    let chunk = memkit_codec::AnyDelimiterCodec::default()
        .decode(&mut buf)
        .unwrap()
        .unwrap();
    assert_eq!(chunk.as_ptr(), start);

    let mut buf = BytesMut::from(&b"xyz"[..]);
    let start = buf.as_ptr();
    assert_eq!(
        BytesCodec::new()
            .decode(&mut buf)
            .unwrap()
            .unwrap()
            .as_ptr(),
        start
    );
}

#[test]
fn lines_codec_discards_until_newline() {
    let mut codec = LinesCodec::new_with_max_length(3);
    let mut buf = BytesMut::from(&b"abcdefgh"[..]);
    assert!(matches!(
        codec.decode(&mut buf),
        Err(LinesCodecError::MaxLineLengthExceeded)
    ));
    buf.extend_from_slice(b"ij\nok\n");
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("ok"));
}

#[test]
fn lines_codec_eof_ignores_lone_cr() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"\r"[..]);
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
}

#[test]
fn length_field_widths_cap_the_frame_length() {
    for (width, max) in [(1, 0xff), (2, 0xffff), (3, 8 << 20)] {
        let codec = Builder::new().length_field_length(width).new_codec();
        assert_eq!(codec.max_frame_length(), max);
    }
    let codec = Builder::new()
        .length_field_length(1)
        .length_adjustment(-10)
        .new_codec();
    assert_eq!(codec.max_frame_length(), 245);
}

#[test]
#[should_panic(expected = "invalid length field length: Builder::length_field_length(9)")]
fn length_field_length_panics_past_eight() {
    Builder::new().length_field_length(9);
}

#[test]
fn try_length_field_length_hands_the_value_back() {
    let mut builder = Builder::new();
    assert_eq!(builder.try_length_field_length(0).unwrap_err(), 0);
    assert_eq!(builder.new_codec().max_frame_length(), 8 << 20);
}

#[test]
fn encode_refuses_frames_over_the_limit() {
    let mut codec = Builder::new().max_frame_length(2).new_codec();
    let mut dst = BytesMut::new();
    let err = codec.encode(&b"abc"[..], &mut dst).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    assert_eq!(err.to_string(), "frame size too big");
    assert!(dst.is_empty());
}
