//! The body half of the encoders: framing what follows a head.

use memkit_bytes::{BufMut, Bytes, BytesMut};

use super::chars::{is_field_value_byte, is_tchar};
use super::{Error, ErrorKind, Fields, Framing};

/// Where an encoder is within a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum BodyState {
    /// No head written yet.
    #[default]
    Idle,
    /// Body bytes still owed (Content-Length).
    Length(u64),
    /// A chunked body; `true` once the trailers are written.
    Chunked(bool),
    /// A body that ends with the connection.
    UntilClose,
    /// A message without a body.
    Empty,
}

impl BodyState {
    pub(crate) fn after_head(framing: Framing) -> BodyState {
        match framing {
            Framing::Empty | Framing::Upgrade => BodyState::Empty,
            Framing::Length(0) => BodyState::Empty,
            Framing::Length(n) => BodyState::Length(n),
            Framing::Chunked => BodyState::Chunked(false),
            Framing::UntilClose => BodyState::UntilClose,
        }
    }
}

/// Writes `name: value\r\n` for every field, refusing a name that is not a
/// token and a value with CR, LF, NUL or another control byte (the bytes
/// that would split a message). `dst` is unchanged on error.
pub(crate) fn write_fields(fields: &Fields, dst: &mut BytesMut) -> Result<(), Error> {
    let mut len = 2usize;
    for (index, (name, value)) in fields.iter().enumerate() {
        let at = index as u64;
        if name.is_empty() || !name.bytes().all(is_tchar) {
            return Err(Error::new(ErrorKind::InvalidFieldName, at));
        }
        if !value.iter().all(|&b| is_field_value_byte(b)) {
            return Err(Error::new(ErrorKind::InvalidFieldValue, at));
        }
        len = len.saturating_add(name.len() + value.len() + 4);
    }
    dst.reserve(len);
    for (name, value) in fields {
        dst.put_slice(name.as_bytes());
        dst.put_slice(b": ");
        dst.put_slice(value);
        dst.put_slice(b"\r\n");
    }
    Ok(())
}

/// Writes body bytes as `state` frames them.
pub(crate) fn write_data(
    state: &mut BodyState,
    data: &Bytes,
    dst: &mut BytesMut,
) -> Result<(), Error> {
    match *state {
        BodyState::Length(left) => {
            let n = data.len() as u64;
            if n > left {
                return Err(Error::new(ErrorKind::BodyLengthMismatch, left));
            }
            *state = BodyState::Length(left - n);
            dst.extend_from_slice(data);
        }
        BodyState::Chunked(false) => {
            if !data.is_empty() {
                let mut size = [0u8; 16];
                let digits = hex(data.len() as u64, &mut size);
                dst.reserve(digits.len() + data.len() + 4);
                dst.put_slice(digits);
                dst.put_slice(b"\r\n");
                dst.put_slice(data);
                dst.put_slice(b"\r\n");
            }
        }
        BodyState::UntilClose => dst.extend_from_slice(data),
        BodyState::Empty if data.is_empty() => {}
        BodyState::Idle | BodyState::Empty | BodyState::Chunked(true) => {
            return Err(Error::new(ErrorKind::BodyLengthMismatch, 0));
        }
    }
    Ok(())
}

/// Writes the trailer section of a chunked body.
pub(crate) fn write_trailers(
    state: &mut BodyState,
    trailers: &Fields,
    dst: &mut BytesMut,
) -> Result<(), Error> {
    if *state != BodyState::Chunked(false) {
        return Err(Error::new(ErrorKind::BodyLengthMismatch, 0));
    }
    for (name, _) in trailers {
        let framing = ["content-length", "transfer-encoding", "host"];
        if framing.iter().any(|f| name.eq_ignore_ascii_case(f)) {
            return Err(Error::new(ErrorKind::ForbiddenTrailer, 0));
        }
    }
    let mut section = BytesMut::new();
    write_fields(trailers, &mut section)?;
    dst.put_slice(b"0\r\n");
    dst.put_slice(&section);
    dst.put_slice(b"\r\n");
    *state = BodyState::Chunked(true);
    Ok(())
}

/// Ends the message.
pub(crate) fn write_end(state: &mut BodyState, dst: &mut BytesMut) -> Result<(), Error> {
    match *state {
        BodyState::Length(left) if left > 0 => {
            return Err(Error::new(ErrorKind::BodyLengthMismatch, left));
        }
        BodyState::Chunked(false) => dst.extend_from_slice(b"0\r\n\r\n"),
        BodyState::Idle => return Err(Error::new(ErrorKind::BodyLengthMismatch, 0)),
        BodyState::Length(_)
        | BodyState::Chunked(true)
        | BodyState::UntilClose
        | BodyState::Empty => {}
    }
    *state = BodyState::Idle;
    Ok(())
}

/// `n` in lower-case hex, without leading zeros.
fn hex(mut n: u64, out: &mut [u8; 16]) -> &[u8] {
    let mut i = out.len();
    loop {
        i -= 1;
        out[i] = b"0123456789abcdef"[(n & 0xf) as usize];
        n >>= 4;
        if n == 0 {
            return &out[i..];
        }
    }
}
