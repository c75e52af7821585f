//! The `bytes1` bridge: zero-copy conversions between [`Bytes`] and
//! `bytes::Bytes` (bytes 1.x), for APIs such as hyper's, http's, tonic's and
//! tokio-util's that take the latter.
//!
//! Each direction wraps the whole handle as the other crate's owner
//! (`from_owner`), so the bytes stay where they are: the pointer is the same
//! on both sides, the storage is freed once, when the last handle of either
//! crate drops, and a pool buffer still goes back to its pool then. A
//! conversion allocates one small box for the wrapped handle; static and
//! empty bytes convert with no allocation.

use crate::Bytes;

impl From<Bytes> for ::bytes::Bytes {
    /// Hands memkit bytes to code that takes `bytes::Bytes`, without copying.
    ///
    /// The `bytes::Bytes` keeps the memkit handle alive; the storage is
    /// released (or goes back to its [`BytesPool`](crate::BytesPool)) when
    /// the last `bytes::Bytes` sharing it drops.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::BytesMut;
    ///
    /// let mut buf = BytesMut::with_capacity(64);
    /// buf.extend_from_slice(b"frame");
    /// let ours = buf.freeze();
    /// let addr = ours.as_ptr();
    ///
    /// let theirs = bytes::Bytes::from(ours);
    /// assert_eq!(theirs, "frame");
    /// assert_eq!(theirs.as_ptr(), addr); // not copied
    /// ```
    fn from(bytes: Bytes) -> ::bytes::Bytes {
        match bytes.as_static() {
            Some(slice) => ::bytes::Bytes::from_static(slice),
            None => ::bytes::Bytes::from_owner(bytes),
        }
    }
}

impl From<::bytes::Bytes> for Bytes {
    /// Takes `bytes::Bytes` from code that returns them, without copying.
    ///
    /// The memkit `Bytes` keeps the `bytes::Bytes` alive, which frees its
    /// storage when the last handle of either crate drops. Such bytes are
    /// never unique: [`try_into_mut`](Bytes::try_into_mut) hands them back.
    ///
    /// # Examples
    ///
    /// ```
    /// use memkit_bytes::Bytes;
    ///
    /// let theirs = bytes::Bytes::from(b"response".to_vec());
    /// let addr = theirs.as_ptr();
    ///
    /// let ours = Bytes::from(theirs);
    /// assert_eq!(ours, "response");
    /// assert_eq!(ours.as_ptr(), addr); // not copied
    /// ```
    fn from(bytes: ::bytes::Bytes) -> Bytes {
        if bytes.is_empty() {
            return Bytes::new();
        }
        Bytes::from_owner(bytes)
    }
}
