//! Fuzz target `bytes`: see `memkit_fuzz::bytes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::bytes::run(data));
