//! Fuzz target `http_request`: see `memkit_fuzz::http_request`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::http_request::run(data));
