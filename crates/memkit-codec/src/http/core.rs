//! The HTTP/1.1 message state machine shared by the request and response
//! decoders (RFC 9112).
//!
//! One enum, [`State`], names every state; [`Core::step`] advances it over
//! the bytes that have arrived. Lines are found with one forward scan that
//! resumes at `scanned`, and each complete line is examined once, so a
//! message costs O(n) however it was split into reads. The head stays in
//! the caller's buffer until its empty line arrives; it is then split off
//! and frozen, and every slice of the head is a view of that one `Bytes`.
//!
//! Split independence: limits are checked against the position where they
//! are first exceeded, before the line's content, so an over-long line gives
//! the same error and offset whether it arrived whole or byte by byte.

use triomphe::Arc;

use memkit_bytes::{Buf, Bytes, BytesMut};

use super::chars::{eq_ignore_case, find_lf, is_field_value_byte, is_ows, trim_ows};
use super::field_list::{FieldList, FieldSpan, Span};
use super::limits::{Lenient, Limits};
use super::{Error, ErrorKind, Framing, Version};
use crate::raw::{
    FieldLine, LineScan, LineScanUser, field_value_end, run_with_line_scan, target_end, token_end,
};

/// Which side of the exchange the decoder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Request,
    Response,
}

/// What a response decoder needs to know about the request it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum RequestKind {
    #[default]
    Other,
    Head,
    Connect,
}

/// The start line, as positions in the head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StartLine {
    Request { method: Span, target: Span },
    Response { status: u16, reason: Span },
}

/// A parsed head but its fields, handed to the public decoders.
#[derive(Debug, Clone)]
pub(crate) struct HeadParts {
    pub(crate) line: StartLine,
    pub(crate) version: Version,
    pub(crate) framing: Framing,
    pub(crate) keep_alive: bool,
    pub(crate) expect_continue: bool,
}

/// What one step yields. A head or trailer section carries only its
/// bytes; the field positions wait in the decoder for
/// [`Core::take_fields`], so that a step that yields
/// nothing moves nothing large.
#[derive(Debug)]
pub(crate) enum Event {
    Head(Bytes),
    Data(Bytes),
    Trailers(Bytes),
    End,
}

/// Every state of the decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the start line; one empty line may be skipped.
    Start,
    /// After the start line, reading field lines.
    Fields,
    /// The message is complete; `End` is next.
    EndPending,
    /// The message is complete; `End` is next, and then the stream is no
    /// longer HTTP/1.1.
    EndThenUpgrade,
    /// Content-Length body bytes still to come (> 0).
    Length(u64),
    /// Reading a chunk-size line.
    ChunkSize,
    /// Chunk data bytes still to come (> 0).
    ChunkData(u64),
    /// The CRLF after chunk data.
    ChunkEnd,
    /// Reading the trailer section.
    Trailers,
    /// A response body that ends with the stream.
    UntilClose,
    /// The stream is no longer HTTP/1.1.
    Upgraded,
    /// An error was found; it is returned again on every call.
    Failed(ErrorKind, u64),
}

/// A complete line: `start..content_end` is its content, `next` the first
/// byte after its LF.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    content_end: usize,
    next: usize,
}

/// [`Core::head`], to run with the processor's best [`LineScan`].
struct HeadPass<'a> {
    core: &'a mut Core,
    buf: &'a mut BytesMut,
}

impl LineScanUser for HeadPass<'_> {
    type Output = Result<Option<Event>, Error>;

    #[inline(always)]
    fn run<S: LineScan>(self, scan: S) -> Self::Output {
        self.core.head_with(self.buf, scan)
    }
}

/// What [`Core::field_lines_in_one_pass`] made of the first line it did
/// not record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnePass {
    /// The line has not ended yet, and nothing in it is wrong so far.
    Incomplete,
    /// The line is for the general path.
    Other,
}

/// What the framing fields of a head said.
#[derive(Debug, Clone, Copy, Default)]
struct FramingFields {
    content_length: Option<u64>,
    content_length_at: usize,
    /// Transfer-Encoding seen, and where its first line starts.
    transfer_encoding_at: Option<usize>,
    chunked_seen: bool,
    chunked_last: bool,
    hosts: usize,
    close: bool,
    keep_alive: bool,
    expect_continue: bool,
    /// The last field was a framing field: it may not be folded.
    last_is_framing: bool,
}

/// The decoder state machine. Positions below are indices into the
/// caller's buffer, whose first byte is `message_offset` bytes into the
/// current message.
#[derive(Debug, Clone)]
pub(crate) struct Core {
    role: Role,
    limits: Limits,
    lenient: Lenient,
    state: State,
    /// The request the next response answers (response decoders only).
    pub(crate) request: RequestKind,
    /// Bytes of the current message already split off the buffer.
    message_offset: u64,
    /// Start of the line being read.
    line_start: usize,
    /// Bytes of the buffer already scanned for LF; `line_start <= scanned`.
    scanned: usize,
    skipped_empty_line: bool,
    line: Option<StartLine>,
    version: Version,
    /// The fields of the section being read.
    fields: FieldList,
    /// The list the last section's fields were handed out in, reused for
    /// the next section once no `Fields` holds it.
    handed_out: Option<Arc<FieldList>>,
    framing: FramingFields,
    chunk_extension_bytes: usize,
    /// The framing, keep-alive and expect-continue of the head just read.
    head_info: (Framing, bool, bool),
}

impl Core {
    pub(crate) fn new(role: Role, limits: Limits, lenient: Lenient) -> Core {
        let mut limits = limits;
        // Spans are u32: keep every head below 4 GiB.
        limits.max_head_bytes = limits.max_head_bytes.min(u32::MAX as usize - 1);
        limits.max_trailer_bytes = limits.max_trailer_bytes.min(u32::MAX as usize - 1);
        Core {
            role,
            limits,
            lenient,
            state: State::Start,
            request: RequestKind::Other,
            message_offset: 0,
            line_start: 0,
            scanned: 0,
            skipped_empty_line: false,
            line: None,
            version: Version::Http11,
            fields: FieldList::default(),
            handed_out: None,
            framing: FramingFields::default(),
            chunk_extension_bytes: 0,
            head_info: (Framing::Empty, false, false),
        }
    }

    /// What the head an `Event::Head` just yielded says, but its fields.
    #[inline]
    pub(crate) fn head_parts(&self) -> HeadParts {
        let (framing, keep_alive, expect_continue) = self.head_info;
        HeadParts {
            line: self.line.expect("a head was read"),
            version: self.version,
            framing,
            keep_alive,
            expect_continue,
        }
    }

    /// The fields of the head an `Event::Head` just yielded, or of the
    /// trailers an `Event::Trailers` did; `None` when there are none.
    ///
    /// They move into the list handed out last time when nothing else
    /// holds it any more, so that a decoder whose frames are dropped before
    /// the next section allocates nothing; otherwise into a new one.
    #[inline]
    pub(crate) fn take_fields(&mut self) -> Option<Arc<FieldList>> {
        if self.fields.len() == 0 {
            return None;
        }
        match self.handed_out.as_mut().and_then(Arc::get_mut) {
            Some(list) => list.move_from(&mut self.fields),
            None => self.hand_out_new_list(),
        }
        self.handed_out.clone()
    }

    /// [`take_fields`](Core::take_fields) when the last list is still held.
    #[inline(never)]
    fn hand_out_new_list(&mut self) {
        let mut list = FieldList::default();
        list.move_from(&mut self.fields);
        self.handed_out = Some(Arc::new(list));
    }

    /// Whether the decoder is between messages.
    pub(crate) fn is_idle(&self) -> bool {
        self.state == State::Start && !self.skipped_empty_line
    }

    pub(crate) fn is_failed(&self) -> bool {
        matches!(self.state, State::Failed(..))
    }

    fn error(&self, kind: ErrorKind, at: usize) -> Error {
        Error::new(kind, self.message_offset + at as u64)
    }

    /// Advances over the bytes in `buf`; the sticky failed state wraps
    /// [`step`](Core::step).
    /// The common calls that yield nothing, or the `End` of a message
    /// without a body, are inlined into the caller.
    #[inline]
    pub(crate) fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Event>, Error> {
        if self.nothing_new_in_head(buf) {
            return Ok(None);
        }
        if self.state == State::EndPending {
            // The call after a bodiless head: inlined too.
            self.finish_message();
            return Ok(Some(Event::End));
        }
        self.decode_step(buf)
    }

    /// [`decode`](Core::decode) past its quick check.
    #[inline(never)]
    fn decode_step(&mut self, buf: &mut BytesMut) -> Result<Option<Event>, Error> {
        if let State::Failed(kind, offset) = self.state {
            return Err(Error::new(kind, offset));
        }
        self.step(buf).inspect_err(|e| {
            self.state = State::Failed(e.kind(), e.offset());
        })
    }

    /// Whether a head is being read and the few bytes (fewer than 16) that
    /// arrived since the last call hold no LF and pass no limit: then the
    /// step would only scan them, as this does, and yield nothing. Keeps
    /// the cost of a call per byte that arrives small; more bytes than
    /// that are left to the step, which scans them anyway.
    #[inline]
    fn nothing_new_in_head(&mut self, buf: &BytesMut) -> bool {
        if !matches!(self.state, State::Start | State::Fields) {
            return false;
        }
        let Some(new) = buf.get(self.scanned..) else {
            return false;
        };
        let line_limit = self.line_start.saturating_add(self.limits.max_line_bytes);
        if new.is_empty()
            || new.len() >= 16
            || buf.len() > line_limit
            || buf.len() > self.limits.max_head_bytes
            || find_lf(new).is_some()
        {
            return false;
        }
        self.scanned = buf.len();
        true
    }

    /// As [`decode`](Core::decode), at the end of the stream.
    pub(crate) fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Event>, Error> {
        if let Some(event) = self.decode(buf)? {
            return Ok(Some(event));
        }
        match self.state {
            State::Start if buf.is_empty() && self.is_idle() => Ok(None),
            State::Upgraded => Ok(None),
            State::UntilClose => {
                self.finish_message();
                Ok(Some(Event::End))
            }
            _ => {
                let e = self.error(ErrorKind::IncompleteMessage, buf.len());
                self.state = State::Failed(e.kind(), e.offset());
                Err(e)
            }
        }
    }

    fn step(&mut self, buf: &mut BytesMut) -> Result<Option<Event>, Error> {
        loop {
            match self.state {
                State::Start | State::Fields => return self.head(buf),
                State::EndPending => {
                    self.finish_message();
                    return Ok(Some(Event::End));
                }
                State::EndThenUpgrade => {
                    self.finish_message();
                    self.state = State::Upgraded;
                    return Ok(Some(Event::End));
                }
                State::Length(left) => {
                    let Some(data) = self.body_bytes(buf, left) else {
                        return Ok(None);
                    };
                    let left = left - data.len() as u64;
                    self.state = if left == 0 {
                        State::EndPending
                    } else {
                        State::Length(left)
                    };
                    return Ok(Some(Event::Data(data)));
                }
                State::ChunkData(left) => {
                    let Some(data) = self.body_bytes(buf, left) else {
                        return Ok(None);
                    };
                    let left = left - data.len() as u64;
                    self.state = if left == 0 {
                        State::ChunkEnd
                    } else {
                        State::ChunkData(left)
                    };
                    return Ok(Some(Event::Data(data)));
                }
                State::ChunkSize => {
                    let Some(line) = self.next_line(buf, None)? else {
                        return Ok(None);
                    };
                    let size = self.chunk_size_line(buf, line)?;
                    self.consume_lines(buf, line.next);
                    self.state = if size == 0 {
                        State::Trailers
                    } else {
                        State::ChunkData(size)
                    };
                }
                State::ChunkEnd => {
                    let Some(&first) = buf.first() else {
                        return Ok(None);
                    };
                    let crlf = match first {
                        b'\n' if self.lenient.bare_lf => 1,
                        b'\r' => match buf.get(1) {
                            None => return Ok(None),
                            Some(b'\n') => 2,
                            Some(_) => return Err(self.error(ErrorKind::InvalidChunkEnd, 1)),
                        },
                        _ => return Err(self.error(ErrorKind::InvalidChunkEnd, 0)),
                    };
                    self.consume_lines(buf, crlf);
                    self.state = State::ChunkSize;
                }
                State::Trailers => return self.trailers(buf),
                State::UntilClose => {
                    if buf.is_empty() {
                        return Ok(None);
                    }
                    let data = buf.split().freeze();
                    self.message_offset += data.len() as u64;
                    return Ok(Some(Event::Data(data)));
                }
                State::Upgraded => return Ok(None),
                State::Failed(kind, offset) => return Err(Error::new(kind, offset)),
            }
        }
    }

    /// Up to `left` body bytes, split off the buffer; `None` when empty.
    fn body_bytes(&mut self, buf: &mut BytesMut, left: u64) -> Option<Bytes> {
        if buf.is_empty() {
            return None;
        }
        let n = usize::try_from(left).map_or(buf.len(), |left| left.min(buf.len()));
        self.message_offset += n as u64;
        Some(buf.split_to(n).freeze())
    }

    /// Drops `n` bytes of body framing (chunk lines, CRLFs) and starts the
    /// next line after them.
    fn consume_lines(&mut self, buf: &mut BytesMut, n: usize) {
        buf.advance(n);
        self.message_offset += n as u64;
        self.line_start = 0;
        self.scanned = 0;
    }

    /// Resets for the next message.
    fn finish_message(&mut self) {
        self.state = State::Start;
        self.message_offset = 0;
        self.line_start = 0;
        self.scanned = 0;
        self.skipped_empty_line = false;
        self.line = None;
        self.fields.clear();
        self.framing = FramingFields::default();
        self.chunk_extension_bytes = 0;
    }

    /// The next complete line, or `None` when its LF has not arrived.
    ///
    /// `section` is the limit of the section the line belongs to: the
    /// position (an index into the buffer) past which the section is too
    /// long, and its error kind. The line limit is checked too, first by
    /// position.
    fn next_line(
        &mut self,
        buf: &BytesMut,
        section: Option<(usize, ErrorKind)>,
    ) -> Result<Option<Line>, Error> {
        let lf = find_lf(&buf[self.scanned..]).map(|i| self.scanned + i);
        let end = lf.map_or(buf.len(), |lf| lf + 1);
        let line_limit = self.line_start.saturating_add(self.limits.max_line_bytes);
        let mut exceeded = (end > line_limit).then_some((line_limit, ErrorKind::LineTooLong));
        if let Some((limit, kind)) = section
            && end > limit
            && exceeded.is_none_or(|(first, _)| limit < first)
        {
            exceeded = Some((limit, kind));
        }
        if let Some((at, kind)) = exceeded {
            return Err(self.error(kind, at));
        }
        let Some(lf) = lf else {
            self.scanned = buf.len();
            return Ok(None);
        };
        let content_end = if lf > self.line_start && buf[lf - 1] == b'\r' {
            lf - 1
        } else if self.lenient.bare_lf {
            lf
        } else {
            return Err(self.error(ErrorKind::BareLf, lf));
        };
        let line = Line {
            start: self.line_start,
            content_end,
            next: lf + 1,
        };
        self.line_start = lf + 1;
        self.scanned = lf + 1;
        Ok(Some(line))
    }

    /// Reads the start line and field lines; yields the head at its empty
    /// line.
    fn head(&mut self, buf: &mut BytesMut) -> Result<Option<Event>, Error> {
        run_with_line_scan(HeadPass { core: self, buf })
    }

    /// [`head`](Core::head) with the line scans `scan`.
    #[inline(always)]
    fn head_with<S: LineScan>(
        &mut self,
        buf: &mut BytesMut,
        scan: S,
    ) -> Result<Option<Event>, Error> {
        if self.state == State::Start && self.role == Role::Request && self.scanned == 0 {
            self.request_line_in_one_pass(buf, scan);
        }
        loop {
            // A line is looked at in one pass when it is new, or when bytes
            // arrived since it was last found incomplete: with a call per
            // byte that arrives, the early return in `decode` keeps an
            // incomplete line from being scanned again on every call.
            if self.state == State::Fields
                && (self.scanned == self.line_start || buf.len() > self.scanned)
            {
                match self.field_lines_in_one_pass(buf, scan)? {
                    OnePass::Incomplete => {
                        self.scanned = buf.len();
                        return Ok(None);
                    }
                    OnePass::Other => {}
                }
                // The empty line that ends the head, whole and within the
                // limits: what `next_line` would find, without its search.
                let start = self.line_start;
                if buf.get(start..start + 2) == Some(b"\r\n")
                    && start + 2 <= start.saturating_add(self.limits.max_line_bytes)
                    && start + 2 <= self.limits.max_head_bytes
                {
                    let line = Line {
                        start,
                        content_end: start,
                        next: start + 2,
                    };
                    self.line_start = start + 2;
                    self.scanned = start + 2;
                    return self.end_of_head(buf, line);
                }
            }
            let section = Some((self.limits.max_head_bytes, ErrorKind::HeadTooLarge));
            let Some(line) = self.next_line(buf, section)? else {
                return Ok(None);
            };
            let empty = line.start == line.content_end;
            match self.state {
                State::Start if empty && !self.skipped_empty_line => {
                    // RFC 9112 §2.2: one empty line before the start line
                    // is ignored.
                    self.skipped_empty_line = true;
                    self.consume_lines(buf, line.next);
                }
                State::Start => {
                    self.start_line(buf, line)?;
                    self.state = State::Fields;
                }
                _ if empty => return self.end_of_head(buf, line),
                _ => self.field_line(buf, line, false)?,
            }
        }
    }

    /// The request line at the start of `buf`, found and checked in one
    /// pass and taken, when it is complete, well formed and within the
    /// limits; otherwise changes nothing, and the line goes the general way
    /// ([`next_line`](Core::next_line) and
    /// [`start_line`](Core::start_line)), which gives the same result for
    /// every line this one takes.
    #[inline(always)]
    fn request_line_in_one_pass<S: LineScan>(&mut self, buf: &BytesMut, scan: S) {
        let line: &[u8] = buf;
        let (method_end, target_end) = scan.request_line_ends(line);
        let target_start = method_end + 1;
        if method_end == 0 || target_end <= target_start || line.get(target_end) != Some(&b' ') {
            return;
        }
        let version_start = target_end + 1;
        let next = version_start + b"HTTP/1.1\r\n".len();
        let Some(version_crlf) = line.get(version_start..next) else {
            return;
        };
        let (version, crlf) = version_crlf.split_at(8);
        if crlf != b"\r\n" || next > self.limits.max_line_bytes || next > self.limits.max_head_bytes
        {
            return;
        }
        let Ok(version) = self.version(version, version_start) else {
            return;
        };
        self.line = Some(StartLine::Request {
            method: Span::new(0, method_end),
            target: Span::new(target_start, target_end),
        });
        self.version = version;
        self.state = State::Fields;
        self.line_start = next;
        self.scanned = next;
    }

    fn start_line(&mut self, buf: &BytesMut, line: Line) -> Result<(), Error> {
        let bytes = &buf[line.start..line.content_end];
        let (start_line, version) = match self.role {
            Role::Request => self.request_line(bytes, line.start)?,
            Role::Response => self.status_line(bytes, line.start)?,
        };
        self.line = Some(start_line);
        self.version = version;
        Ok(())
    }

    /// `method SP request-target SP HTTP-version`, each separator exactly
    /// one SP.
    fn request_line(&self, line: &[u8], at: usize) -> Result<(StartLine, Version), Error> {
        let method_end = token_end(line);
        if method_end == 0 {
            return Err(self.error(ErrorKind::InvalidMethod, at));
        }
        match line.get(method_end) {
            Some(b' ') => {}
            Some(_) => return Err(self.error(ErrorKind::InvalidMethod, at + method_end)),
            None => return Err(self.error(ErrorKind::InvalidRequestLine, at + method_end)),
        }
        let target_start = method_end + 1;
        let target_end = target_start + target_end(&line[target_start..]);
        if target_end == target_start {
            return Err(self.error(ErrorKind::InvalidRequestLine, at + target_start));
        }
        match line.get(target_end) {
            Some(b' ') => {}
            Some(_) => return Err(self.error(ErrorKind::InvalidTarget, at + target_end)),
            None => return Err(self.error(ErrorKind::InvalidRequestLine, at + target_end)),
        }
        let version = self.version(&line[target_end + 1..], at + target_end + 1)?;
        let start_line = StartLine::Request {
            method: Span::new(at, at + method_end),
            target: Span::new(at + target_start, at + target_end),
        };
        Ok((start_line, version))
    }

    /// `HTTP-version SP 3DIGIT SP reason-phrase`.
    fn status_line(&self, line: &[u8], at: usize) -> Result<(StartLine, Version), Error> {
        let version = self.version(&line[..line.len().min(8)], at)?;
        if line.get(8) != Some(&b' ') {
            return Err(self.error(ErrorKind::InvalidStatusLine, at + 8));
        }
        let digits = line.get(9..12).unwrap_or_default();
        if digits.len() != 3 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(self.error(ErrorKind::InvalidStatusLine, at + 9));
        }
        let status = digits
            .iter()
            .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        if line.get(12) != Some(&b' ') {
            return Err(self.error(ErrorKind::InvalidStatusLine, at + 12));
        }
        if let Some(bad) = line[13..].iter().position(|&b| !is_field_value_byte(b)) {
            return Err(self.error(ErrorKind::InvalidStatusLine, at + 13 + bad));
        }
        let reason = Span::new(at + 13, at + line.len());
        Ok((StartLine::Response { status, reason }, version))
    }

    /// `HTTP/DIGIT.DIGIT`, major 1; a minor above 1 reads as 1.1.
    #[inline]
    fn version(&self, bytes: &[u8], at: usize) -> Result<Version, Error> {
        match *bytes {
            [b'H', b'T', b'T', b'P', b'/', major, b'.', minor]
                if major.is_ascii_digit() && minor.is_ascii_digit() =>
            {
                match (major, minor) {
                    (b'1', b'0') => Ok(Version::Http10),
                    (b'1', _) => Ok(Version::Http11),
                    _ => Err(self.error(ErrorKind::VersionNotSupported, at + 5)),
                }
            }
            _ => Err(self.error(ErrorKind::InvalidVersion, at)),
        }
    }

    /// One field line of a head (or of trailers when `trailer`).
    fn field_line(&mut self, buf: &mut BytesMut, line: Line, trailer: bool) -> Result<(), Error> {
        let bytes = &buf[line.start..line.content_end];
        if is_ows(bytes[0]) {
            return self.obs_fold(buf, line);
        }
        if self.fields.len() >= self.limits.max_fields {
            return Err(self.error(ErrorKind::TooManyFields, line.start));
        }
        let name_end = token_end(bytes);
        match bytes.get(name_end) {
            Some(b':') if name_end > 0 => {}
            Some(&b) if is_ows(b) && name_end > 0 => {
                let after = bytes[name_end..].iter().position(|&b| !is_ows(b));
                let kind = match after.map(|i| bytes[name_end + i]) {
                    Some(b':') => ErrorKind::WhitespaceBeforeColon,
                    _ => ErrorKind::InvalidFieldName,
                };
                return Err(self.error(kind, line.start + name_end));
            }
            _ => return Err(self.error(ErrorKind::InvalidFieldName, line.start + name_end)),
        }
        let value = &bytes[name_end + 1..];
        let bad = field_value_end(value);
        if bad < value.len() {
            return Err(self.error(
                ErrorKind::InvalidFieldValue,
                line.start + name_end + 1 + bad,
            ));
        }
        let (trim_start, trim_end) = trim_ows(value);
        let field = FieldSpan {
            name: Span::new(line.start, line.start + name_end),
            value: Span::new(
                line.start + name_end + 1 + trim_start,
                line.start + name_end + 1 + trim_end,
            ),
        };
        let name = &bytes[..name_end];
        let value = &value[trim_start..trim_end];
        self.record_field(name, value, field, trailer)
    }

    /// The field lines from `line_start` on, each found and checked in one
    /// pass and recorded, for as long as they are complete, well formed and
    /// within the limits: a line's name is scanned as tokens, then its value
    /// up to the first byte that a value may not hold, which must be the
    /// line's CRLF. At the first line that is not, returns
    /// [`OnePass::Incomplete`] when every byte up to the end of the buffer
    /// could still begin a field line within the limits (so no LF has
    /// arrived), and [`OnePass::Other`], having changed nothing for that
    /// line, for anything else (an obs-fold, a malformed line, a limit
    /// reached, the empty line), which then goes the way of every other
    /// line: [`next_line`](Core::next_line) and
    /// [`field_line`](Core::field_line). Both ways give the same result for
    /// the lines this one accepts, and the same `None` for those it finds
    /// incomplete, so the verdict does not depend on which was taken.
    #[inline(always)]
    fn field_lines_in_one_pass<S: LineScan>(
        &mut self,
        buf: &BytesMut,
        scan: S,
    ) -> Result<OnePass, Error> {
        let bytes: &[u8] = buf;
        let max_head = self.limits.max_head_bytes;
        let max_line = self.limits.max_line_bytes;
        loop {
            let start = self.line_start;
            let line = &bytes[start..];
            let line_limit = start.saturating_add(max_line);
            let incomplete = || {
                if bytes.len() <= line_limit && bytes.len() <= max_head {
                    OnePass::Incomplete
                } else {
                    OnePass::Other
                }
            };
            let FieldLine {
                name_end,
                value_start,
                value_end,
                trimmed_end,
            } = scan.field_line(line);
            match line.get(name_end) {
                Some(b':') if name_end > 0 => {}
                None => return Ok(incomplete()),
                Some(_) => return Ok(OnePass::Other),
            }
            // The value's first byte outside its class must be the CR of
            // the line's CRLF.
            if line.get(value_end..value_end + 2) != Some(b"\r\n") {
                let tail = &line[value_end..];
                return Ok(if tail.is_empty() || tail == b"\r" {
                    incomplete()
                } else {
                    OnePass::Other
                });
            }
            let next = start + value_end + 2;
            if next > line_limit || next > max_head || self.fields.len() >= self.limits.max_fields {
                return Ok(OnePass::Other);
            }
            let field = FieldSpan {
                name: Span::new(start, start + name_end),
                value: Span::new(start + value_start, start + trimmed_end),
            };
            self.record_field(
                &line[..name_end],
                &line[value_start..trimmed_end],
                field,
                false,
            )?;
            self.line_start = next;
            self.scanned = next;
        }
    }

    /// Checks what the field `name: value` at `field` says about framing
    /// and adds it to the list.
    #[inline(always)]
    fn record_field(
        &mut self,
        name: &[u8],
        value: &[u8],
        field: FieldSpan,
        trailer: bool,
    ) -> Result<(), Error> {
        match FramingName::candidate(name) {
            Some(candidate) => {
                let at = field.name.start as usize;
                self.framing_field(candidate, name, value, at, trailer)?;
            }
            None => self.framing.last_is_framing = false,
        }
        self.fields.push(field);
        Ok(())
    }

    /// A line that starts with whitespace: obs-fold. Refused unless the
    /// lenient option is on; then the fold becomes spaces, in place, and the
    /// previous value grows over it.
    fn obs_fold(&mut self, buf: &mut BytesMut, line: Line) -> Result<(), Error> {
        let allowed = self.lenient.obs_fold && !self.framing.last_is_framing;
        if !allowed || self.fields.len() == 0 {
            return Err(self.error(ErrorKind::ObsFold, line.start));
        }
        let bytes = &buf[line.start..line.content_end];
        if let Some(bad) = bytes.iter().position(|&b| !is_field_value_byte(b)) {
            return Err(self.error(ErrorKind::InvalidFieldValue, line.start + bad));
        }
        let (continuation, trim_end) = trim_ows(bytes);
        if continuation == trim_end {
            return Ok(());
        }
        let Some(mut previous) = self.fields.last() else {
            return Err(self.error(ErrorKind::ObsFold, line.start));
        };
        let old_end = previous.value.end as usize;
        let continuation = line.start + continuation;
        if previous.value.start == previous.value.end {
            previous.value.start = continuation as u32;
        }
        previous.value.end = (line.start + trim_end) as u32;
        self.fields.set_last(previous);
        buf[old_end..continuation].fill(b' ');
        Ok(())
    }

    /// When `name` is `candidate`, records what the field says about
    /// framing, and refuses what RFC 9112 §6 forbids on sight. Out of line:
    /// most fields are not about framing.
    #[inline(never)]
    fn framing_field(
        &mut self,
        candidate: FramingName,
        name: &[u8],
        value: &[u8],
        at: usize,
        trailer: bool,
    ) -> Result<(), Error> {
        let offset = self.message_offset + at as u64;
        let error = |kind| Err(Error::new(kind, offset));
        let lenient_cl = self.lenient.repeated_content_length;
        let f = &mut self.framing;
        if !candidate.is(name) {
            f.last_is_framing = false;
            return Ok(());
        }
        let which = candidate;
        f.last_is_framing = matches!(
            which,
            FramingName::ContentLength | FramingName::TransferEncoding | FramingName::Host
        );
        if trailer {
            return if f.last_is_framing {
                error(ErrorKind::ForbiddenTrailer)
            } else {
                Ok(())
            };
        }
        match which {
            FramingName::ContentLength => {
                let Some(n) = parse_content_length(value) else {
                    return error(ErrorKind::InvalidContentLength);
                };
                match f.content_length {
                    Some(old) if old == n && lenient_cl => {}
                    Some(_) => return error(ErrorKind::MultipleContentLength),
                    None => {
                        f.content_length = Some(n);
                        f.content_length_at = at;
                    }
                }
            }
            FramingName::TransferEncoding => {
                f.transfer_encoding_at.get_or_insert(at);
                for element in value.split(|&b| b == b',') {
                    let (s, e) = trim_ows(element);
                    let element = &element[s..e];
                    if element.is_empty() {
                        continue;
                    }
                    let coding_end = token_end(element);
                    let params_ok = check_parameters(&element[coding_end..], true).is_ok();
                    if coding_end == 0 || !params_ok || f.chunked_seen {
                        // Nothing may follow chunked: neither chunked again
                        // nor another coding.
                        return error(ErrorKind::InvalidTransferEncoding);
                    }
                    let chunked = eq_ignore_case(&element[..coding_end], b"chunked");
                    f.chunked_seen |= chunked;
                    f.chunked_last = chunked;
                }
            }
            FramingName::Host => {
                f.hosts += 1;
                if f.hosts > 1 {
                    return error(ErrorKind::MultipleHost);
                }
            }
            // Most values are one option, compared whole.
            FramingName::Connection if eq_ignore_case(value, b"keep-alive") => f.keep_alive = true,
            FramingName::Connection if eq_ignore_case(value, b"close") => f.close = true,
            FramingName::Connection => {
                for option in value.split(|&b| b == b',') {
                    let (s, e) = trim_ows(option);
                    let option = &option[s..e];
                    // The length picks the one option it may be.
                    match option.len() {
                        5 => f.close |= eq_ignore_case(option, b"close"),
                        10 => f.keep_alive |= eq_ignore_case(option, b"keep-alive"),
                        _ => {}
                    }
                }
            }
            FramingName::Expect => {
                f.expect_continue = eq_ignore_case(value, b"100-continue");
            }
        }
        Ok(())
    }

    /// The empty line: checks the framing as a whole, splits the head off
    /// the buffer and sets up the body. Returns the type of
    /// [`head`](Core::head), so that the head is written once, in the
    /// caller's place, and not copied out of a return value of its own.
    fn end_of_head(&mut self, buf: &mut BytesMut, line: Line) -> Result<Option<Event>, Error> {
        let f = self.framing;
        let start_line = self.line.expect("a start line precedes the fields");
        if let Some(te_at) = f.transfer_encoding_at {
            if self.version == Version::Http10 {
                return Err(self.error(ErrorKind::TransferEncodingOnHttp10, te_at));
            }
            if f.content_length.is_some() {
                let at = te_at.max(f.content_length_at);
                return Err(self.error(ErrorKind::TransferEncodingWithContentLength, at));
            }
            if self.role == Role::Request && !f.chunked_last {
                return Err(self.error(ErrorKind::InvalidTransferEncoding, te_at));
            }
        }
        if self.role == Role::Request && self.version == Version::Http11 && f.hosts == 0 {
            return Err(self.error(ErrorKind::MissingHost, line.start));
        }
        let framing = match start_line {
            StartLine::Request { .. } => self.request_framing(),
            StartLine::Response { status, .. } => self.response_framing(status),
        };
        let keep_alive = match self.version {
            Version::Http11 => !f.close,
            Version::Http10 => f.keep_alive && !f.close,
        } && framing != Framing::UntilClose;
        let head = buf.split_to(line.next).freeze();
        self.message_offset += line.next as u64;
        self.line_start = 0;
        self.scanned = 0;
        self.state = match framing {
            Framing::Empty => State::EndPending,
            Framing::Length(n) => State::Length(n),
            Framing::Chunked => State::ChunkSize,
            Framing::UntilClose => State::UntilClose,
            Framing::Upgrade => State::EndThenUpgrade,
        };
        self.head_info = (framing, keep_alive, f.expect_continue);
        Ok(Some(Event::Head(head)))
    }

    fn request_framing(&self) -> Framing {
        match self.framing.content_length {
            _ if self.framing.transfer_encoding_at.is_some() => Framing::Chunked,
            Some(0) | None => Framing::Empty,
            Some(n) => Framing::Length(n),
        }
    }

    /// RFC 9112 §6.3, in order.
    fn response_framing(&self, status: u16) -> Framing {
        let f = &self.framing;
        match (self.request, status) {
            (_, 101) => Framing::Upgrade,
            (RequestKind::Connect, 200..=299) => Framing::Upgrade,
            (RequestKind::Head, _) | (_, 100..=199 | 204 | 304) => Framing::Empty,
            _ if f.transfer_encoding_at.is_some() && f.chunked_last => Framing::Chunked,
            _ if f.transfer_encoding_at.is_some() => Framing::UntilClose,
            _ => match f.content_length {
                Some(0) => Framing::Empty,
                Some(n) => Framing::Length(n),
                None => Framing::UntilClose,
            },
        }
    }

    /// `1*HEXDIG [ chunk-ext ]`; returns the size.
    fn chunk_size_line(&mut self, buf: &BytesMut, line: Line) -> Result<u64, Error> {
        let bytes = &buf[line.start..line.content_end];
        let digits = bytes.iter().take_while(|b| b.is_ascii_hexdigit()).count();
        if digits == 0 {
            return Err(self.error(ErrorKind::InvalidChunkSize, line.start));
        }
        let mut size = 0u64;
        for &d in &bytes[..digits] {
            let v = (d as char).to_digit(16).unwrap_or(0);
            size = size
                .checked_mul(16)
                .and_then(|s| s.checked_add(u64::from(v)))
                .ok_or_else(|| self.error(ErrorKind::InvalidChunkSize, line.start))?;
        }
        let extensions = &bytes[digits..];
        if let Some(&b) = extensions.first()
            && b != b';'
            && !is_ows(b)
        {
            return Err(self.error(ErrorKind::InvalidChunkSize, line.start + digits));
        }
        if let Err(bad) = check_parameters(extensions, false) {
            return Err(self.error(ErrorKind::InvalidChunkExtension, line.start + digits + bad));
        }
        let room = self.limits.max_chunk_extension_bytes - self.chunk_extension_bytes;
        if extensions.len() > room {
            let at = line.start + digits + room;
            return Err(self.error(ErrorKind::ChunkExtensionsTooLarge, at));
        }
        self.chunk_extension_bytes += extensions.len();
        Ok(size)
    }

    /// The trailer section, up to its empty line.
    fn trailers(&mut self, buf: &mut BytesMut) -> Result<Option<Event>, Error> {
        loop {
            let section = Some((self.limits.max_trailer_bytes, ErrorKind::TrailersTooLarge));
            let Some(line) = self.next_line(buf, section)? else {
                return Ok(None);
            };
            if line.start == line.content_end {
                if self.fields.len() == 0 {
                    self.consume_lines(buf, line.next);
                    self.finish_message();
                    return Ok(Some(Event::End));
                }
                self.state = State::EndPending;
                let bytes = buf.split_to(line.next).freeze();
                self.message_offset += line.next as u64;
                return Ok(Some(Event::Trailers(bytes)));
            }
            self.field_line(buf, line, true)?;
        }
    }
}

/// The five field names that say something about framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FramingName {
    ContentLength,
    TransferEncoding,
    Host,
    Connection,
    Expect,
}

impl FramingName {
    /// The one of the five that `name` (a token, not empty) may be, judged
    /// by its length and first letter only; [`FramingName::is`] then
    /// compares it. Most names fail here, without a comparison.
    #[inline]
    fn candidate(name: &[u8]) -> Option<FramingName> {
        match (name.len(), name[0] | 0x20) {
            (4, b'h') => Some(FramingName::Host),
            (6, b'e') => Some(FramingName::Expect),
            (10, b'c') => Some(FramingName::Connection),
            (14, b'c') => Some(FramingName::ContentLength),
            (17, b't') => Some(FramingName::TransferEncoding),
            _ => None,
        }
    }

    /// Whether `name` is this one, ignoring case. Each comparison is with
    /// a constant, which the compiler unrolls.
    fn is(self, name: &[u8]) -> bool {
        match self {
            FramingName::ContentLength => eq_ignore_case(name, b"content-length"),
            FramingName::TransferEncoding => eq_ignore_case(name, b"transfer-encoding"),
            FramingName::Host => eq_ignore_case(name, b"host"),
            FramingName::Connection => eq_ignore_case(name, b"connection"),
            FramingName::Expect => eq_ignore_case(name, b"expect"),
        }
    }
}

/// `1*DIGIT` as a `u64`; `None` when empty, not digits, or too large.
fn parse_content_length(value: &[u8]) -> Option<u64> {
    if value.is_empty() {
        return None;
    }
    value.iter().try_fold(0u64, |n, &d| {
        if d.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        } else {
            None
        }
    })
}

/// `*( BWS ";" BWS token [ BWS "=" BWS ( token / quoted-string ) ] )`,
/// the chunk-extension grammar; with `value_required`, the `=` part is
/// required (transfer-coding parameters). `Err` holds the position of the
/// first byte that breaks the grammar.
fn check_parameters(ext: &[u8], value_required: bool) -> Result<(), usize> {
    let skip_ows = |mut i: usize| {
        while i < ext.len() && is_ows(ext[i]) {
            i += 1;
        }
        i
    };
    let mut i = 0;
    loop {
        if i == ext.len() {
            return Ok(());
        }
        i = skip_ows(i);
        if ext.get(i) != Some(&b';') {
            return Err(i);
        }
        i = skip_ows(i + 1);
        let name = token_end(&ext[i..]);
        if name == 0 {
            return Err(i);
        }
        i = skip_ows(i + name);
        if ext.get(i) != Some(&b'=') {
            if value_required {
                return Err(i);
            }
            continue;
        }
        i = skip_ows(i + 1);
        if ext.get(i) == Some(&b'"') {
            i = quoted_string_end(ext, i)?;
        } else {
            let value = token_end(&ext[i..]);
            if value == 0 {
                return Err(i);
            }
            i += value;
        }
    }
}

/// The end of the quoted-string that starts at `start` (its opening
/// DQUOTE); `Err` at the first byte the grammar refuses.
fn quoted_string_end(bytes: &[u8], start: usize) -> Result<usize, usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Ok(i + 1),
            b'\\' => match bytes.get(i + 1) {
                Some(&b) if b == b'\t' || (b >= 0x20 && b != 0x7f) => i += 2,
                _ => return Err(i + 1),
            },
            b if b == b'\t' || (b >= 0x20 && b != 0x7f) => i += 1,
            _ => return Err(i),
        }
    }
    Err(bytes.len())
}
