//! Conversions to and from the `http` crate (feature `http`).
//!
//! Heads convert to `request::Parts` / `response::Parts` and fields to a
//! `HeaderMap`; the other way, parts are checked by the strict decoder,
//! as [`RequestHead::new`] and [`ResponseHead::new`] check theirs.

use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, request, response};

use super::{Error, ErrorKind, Fields, RequestHead, ResponseHead, Version};

fn http_version(version: Version) -> http::Version {
    match version {
        Version::Http10 => http::Version::HTTP_10,
        Version::Http11 => http::Version::HTTP_11,
    }
}

impl TryFrom<&Fields> for HeaderMap {
    type Error = http::Error;

    /// The fields in order, repeated names appended.
    fn try_from(fields: &Fields) -> Result<HeaderMap, http::Error> {
        let mut map = HeaderMap::with_capacity(fields.len());
        for (name, value) in fields {
            map.append(
                HeaderName::from_bytes(name.as_bytes())?,
                HeaderValue::from_bytes(value)?,
            );
        }
        Ok(map)
    }
}

impl TryFrom<&RequestHead> for request::Parts {
    type Error = http::Error;

    fn try_from(head: &RequestHead) -> Result<request::Parts, http::Error> {
        let (mut parts, ()) = http::Request::builder()
            .method(head.method())
            .uri(head.target())
            .version(http_version(head.version()))
            .body(())?
            .into_parts();
        parts.headers = HeaderMap::try_from(head.fields())?;
        Ok(parts)
    }
}

impl TryFrom<&ResponseHead> for response::Parts {
    type Error = http::Error;

    fn try_from(head: &ResponseHead) -> Result<response::Parts, http::Error> {
        let (mut parts, ()) = http::Response::builder()
            .status(head.status())
            .version(http_version(head.version()))
            .body(())?
            .into_parts();
        parts.headers = HeaderMap::try_from(head.fields())?;
        Ok(parts)
    }
}

/// The header map as `(name, value)` pairs.
fn pairs(headers: &HeaderMap) -> Vec<(&str, &[u8])> {
    headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .collect()
}

impl TryFrom<&request::Parts> for RequestHead {
    type Error = Error;

    /// An HTTP/1.1 head; the target is the URI as written (origin or
    /// absolute form). A missing Host is taken from the URI's authority.
    fn try_from(parts: &request::Parts) -> Result<RequestHead, Error> {
        let mut fields = pairs(&parts.headers);
        let authority = parts.uri.authority().map(|a| a.as_str().to_owned());
        if !parts.headers.contains_key(http::header::HOST)
            && let Some(authority) = &authority
        {
            fields.insert(0, ("host", authority.as_bytes()));
        }
        let target = parts.uri.to_string();
        RequestHead::new(parts.method.as_str(), &target, &fields)
    }
}

impl TryFrom<&response::Parts> for ResponseHead {
    type Error = Error;

    /// An HTTP/1.1 head with the status's standard reason phrase.
    fn try_from(parts: &response::Parts) -> Result<ResponseHead, Error> {
        if parts.version != http::Version::HTTP_11 && parts.version != http::Version::HTTP_10 {
            return Err(Error::new(ErrorKind::VersionNotSupported, 0));
        }
        ResponseHead::new(parts.status.as_u16(), &pairs(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_round_trip() {
        let head = RequestHead::new(
            "PUT",
            "/a?b",
            &[("Host", b"x"), ("X-A", b"1"), ("x-a", b"2")],
        )
        .unwrap();
        let parts = request::Parts::try_from(&head).unwrap();
        assert_eq!(parts.method, http::Method::PUT);
        assert_eq!(parts.uri, "/a?b");
        assert_eq!(parts.headers.get_all("x-a").iter().count(), 2);
        let back = RequestHead::try_from(&parts).unwrap();
        assert_eq!(back.method(), "PUT");
        assert_eq!(back.target(), "/a?b");
        assert_eq!(
            back.fields().get_all("X-A").collect::<Vec<_>>(),
            [&b"1"[..], b"2"]
        );
    }

    #[test]
    fn host_from_the_authority() {
        let (parts, ()) = http::Request::get("http://example.com/x")
            .body(())
            .unwrap()
            .into_parts();
        let head = RequestHead::try_from(&parts).unwrap();
        assert_eq!(head.header("host"), Some(&b"example.com"[..]));
        assert_eq!(head.target(), "http://example.com/x");
    }

    #[test]
    fn response_round_trip() {
        let head = ResponseHead::new(404, &[("Content-Length", b"0")]).unwrap();
        let parts = response::Parts::try_from(&head).unwrap();
        assert_eq!(parts.status, http::StatusCode::NOT_FOUND);
        let back = ResponseHead::try_from(&parts).unwrap();
        assert_eq!(back.status(), 404);
        assert_eq!(back.header("content-length"), Some(&b"0"[..]));
    }
}
