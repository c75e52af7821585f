//! Fuzz target `http_response`: see `memkit_fuzz::http_response`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::http_response::run(data));
