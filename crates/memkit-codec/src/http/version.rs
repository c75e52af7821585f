//! [`Version`]: the HTTP version of a message.

use std::fmt;

/// The HTTP version of a message. `HTTP/1.x` with a minor version above 1
/// is read as 1.1 (RFC 9112 §2.3).
///
/// # Examples
///
/// ```
/// use memkit_codec::http::Version;
///
/// assert_eq!(Version::Http11.to_string(), "HTTP/1.1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// HTTP/1.0.
    Http10,
    /// HTTP/1.1.
    Http11,
}

impl Version {
    /// The version as it is written on the wire.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(memkit_codec::http::Version::Http10.as_str(), "HTTP/1.0");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Version::Http10 => "HTTP/1.0",
            Version::Http11 => "HTTP/1.1",
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
