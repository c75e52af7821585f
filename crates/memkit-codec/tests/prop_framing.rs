//! Differential property tests of the framing codecs: `memkit` against the
//! `peer`, tokio-util 0.7.20. Random frames are encoded, split at random
//! points and fed to both; the frames, the errors and the bytes left over
//! must agree. Bytes cross between the two `BytesMut` types by copying, here
//! in the test only.

use memkit_codec as memkit;
use proptest::prelude::*;
use tokio_util::codec as peer;

/// What one side saw: each frame or error, in order, then the bytes left.
type Trace = (Vec<String>, Vec<u8>);

/// Splits `input` at the sorted `cuts` (taken modulo its length).
fn chunks(input: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
    points.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for p in points.into_iter().chain([input.len()]) {
        out.push(input[start..p].to_vec());
        start = p;
    }
    out
}

/// Feeds `chunks` to a decoder of either crate and records what it yields.
/// After an error it stops, unless `resumes` (the line codecs go on past an
/// over-long line).
macro_rules! trace {
    ($decoder:expr, $buf:ty, $trait:path, $chunks:expr, $resumes:expr, $show:expr) => {{
        use $trait as _;
        let mut decoder = $decoder;
        let mut buf = <$buf>::new();
        let mut seen = Vec::new();
        let mut failed = false;
        'feed: for chunk in $chunks {
            buf.extend_from_slice(chunk);
            loop {
                match decoder.decode(&mut buf) {
                    Ok(Some(frame)) => seen.push($show(frame)),
                    Ok(None) => break,
                    Err(e) => {
                        seen.push(format!("error: {e}"));
                        if !$resumes {
                            failed = true;
                            break 'feed;
                        }
                    }
                }
                // A frame that consumes nothing (num_skip 0, length 0)
                // repeats forever, on both sides alike: record and stop.
                if seen.len() > 1_000 {
                    seen.push("loops".to_string());
                    failed = true;
                    break 'feed;
                }
            }
        }
        while !failed {
            match decoder.decode_eof(&mut buf) {
                Ok(Some(frame)) => seen.push($show(frame)),
                Ok(None) => break,
                Err(e) => {
                    seen.push(format!("error at eof: {e}"));
                    if !$resumes || seen.len() > 10_000 {
                        break;
                    }
                }
            }
        }
        (seen, buf.to_vec())
    }};
}

fn lines_input() -> impl Strategy<Value = Vec<u8>> {
    // Short lines of a small alphabet with newlines, CRs and invalid UTF-8.
    proptest::collection::vec(
        prop_oneof![
            4 => Just(b'a'),
            2 => Just(b'\n'),
            1 => Just(b'\r'),
            1 => Just(b','),
            1 => Just(0xff_u8),
            1 => any::<u8>(),
        ],
        0..200,
    )
}

fn max_length() -> impl Strategy<Value = Option<usize>> {
    prop_oneof![Just(None), (0usize..12).prop_map(Some)]
}

fn show_string(s: String) -> String {
    format!("frame {s:?}")
}

fn show_bytes<B: AsRef<[u8]>>(b: B) -> String {
    format!("frame {:?}", b.as_ref())
}

proptest! {
    #[test]
    fn lines_codec_matches_peer(
        input in lines_input(),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
        max in max_length(),
    ) {
        let parts = chunks(&input, &cuts);
        let memkit_trace: Trace = trace!(
            max.map_or_else(memkit::LinesCodec::new, memkit::LinesCodec::new_with_max_length),
            memkit_bytes::BytesMut, memkit::Decoder, &parts, true, show_string
        );
        let peer_trace: Trace = trace!(
            max.map_or_else(peer::LinesCodec::new, peer::LinesCodec::new_with_max_length),
            bytes::BytesMut, peer::Decoder, &parts, true, show_string
        );
        prop_assert_eq!(memkit_trace, peer_trace);
    }

    #[test]
    fn any_delimiter_codec_matches_peer(
        input in lines_input(),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
        max in max_length(),
        delimiters in proptest::sample::select(vec![&b","[..], b",\n", b",\n\r", b",;\n\r", b""]),
    ) {
        let parts = chunks(&input, &cuts);
        let (d, w) = (delimiters.to_vec(), b";".to_vec());
        let memkit_trace: Trace = trace!(
            match max {
                Some(m) => memkit::AnyDelimiterCodec::new_with_max_length(d.clone(), w.clone(), m),
                None => memkit::AnyDelimiterCodec::new(d.clone(), w.clone()),
            },
            memkit_bytes::BytesMut, memkit::Decoder, &parts, true, show_bytes
        );
        let peer_trace: Trace = trace!(
            match max {
                Some(m) => peer::AnyDelimiterCodec::new_with_max_length(d, w, m),
                None => peer::AnyDelimiterCodec::new(d, w),
            },
            bytes::BytesMut, peer::Decoder, &parts, true, show_bytes
        );
        prop_assert_eq!(memkit_trace, peer_trace);
    }

    #[test]
    fn bytes_codec_matches_peer(
        input in proptest::collection::vec(any::<u8>(), 0..100),
        cuts in proptest::collection::vec(any::<usize>(), 0..8),
    ) {
        let parts = chunks(&input, &cuts);
        let memkit_trace: Trace = trace!(
            memkit::BytesCodec::new(), memkit_bytes::BytesMut, memkit::Decoder, &parts, false, show_bytes
        );
        let peer_trace: Trace = trace!(
            peer::BytesCodec::new(), bytes::BytesMut, peer::Decoder, &parts, false, show_bytes
        );
        prop_assert_eq!(memkit_trace, peer_trace);
    }

    #[test]
    fn length_delimited_codec_matches_peer(
        config in (1usize..=8, 0usize..3, -6isize..6, prop::option::of(0usize..12), any::<bool>(),
                   prop::option::of(0usize..40)),
        frames in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..30), 0..6),
        garbage in proptest::collection::vec(any::<u8>(), 0..6),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
    ) {
        let (field_len, offset, adjustment, skip, big, max) = config;
        macro_rules! codec {
            ($krate:ident) => {{
                let mut b = $krate::LengthDelimitedCodec::builder();
                b.length_field_length(field_len).length_field_offset(offset).length_adjustment(adjustment);
                if let Some(s) = skip { b.num_skip(s); }
                if big { b.big_endian(); } else { b.little_endian(); }
                if let Some(m) = max { b.max_frame_length(m); }
                b.new_codec()
            }};
        }
        // Encode with both; the wire bytes and the errors must agree.
        let mut memkit_enc = codec!(memkit);
        let mut peer_enc = codec!(peer);
        let mut wire = Vec::new();
        for frame in &frames {
            let mut a = memkit_bytes::BytesMut::new();
            let mut b = bytes::BytesMut::new();
            let ra = memkit::Encoder::encode(&mut memkit_enc, &frame[..], &mut a).map_err(|e| e.to_string());
            let rb = peer::Encoder::encode(&mut peer_enc, &frame[..], &mut b).map_err(|e| e.to_string());
            prop_assert_eq!(&ra, &rb);
            prop_assert_eq!(&a[..], &b[..]);
            wire.extend_from_slice(&a);
        }
        wire.extend_from_slice(&garbage);
        prop_assert_eq!(memkit_enc.max_frame_length(), peer_enc.max_frame_length());
        let parts = chunks(&wire, &cuts);
        let memkit_trace: Trace = trace!(codec!(memkit), memkit_bytes::BytesMut, memkit::Decoder, &parts, false, show_bytes);
        let peer_trace: Trace = trace!(codec!(peer), bytes::BytesMut, peer::Decoder, &parts, false, show_bytes);
        prop_assert_eq!(memkit_trace, peer_trace);
    }
}
