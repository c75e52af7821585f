//! Decoder limits, with their defaults.

/// The limits of an HTTP decoder. Each has its own [`ErrorKind`](super::ErrorKind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Bytes of a head: start line, fields and the empty line.
    pub(crate) max_head_bytes: usize,
    /// Bytes of one line, CRLF included.
    pub(crate) max_line_bytes: usize,
    /// Fields in a head or a trailer section.
    pub(crate) max_fields: usize,
    /// Chunk-extension bytes of one message, all chunks together.
    pub(crate) max_chunk_extension_bytes: usize,
    /// Bytes of a trailer section.
    pub(crate) max_trailer_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_head_bytes: 64 * 1024,
            max_line_bytes: 8 * 1024,
            max_fields: 100,
            max_chunk_extension_bytes: 16 * 1024,
            max_trailer_bytes: 16 * 1024,
        }
    }
}

/// The named lenient options; all off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lenient {
    pub(crate) bare_lf: bool,
    pub(crate) obs_fold: bool,
    pub(crate) repeated_content_length: bool,
}
