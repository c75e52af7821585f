//! Zero-copy byte buffers for memkit (work in progress).
