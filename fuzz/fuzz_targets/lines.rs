//! Fuzz target `lines`: see `memkit_fuzz::lines`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::lines::run(data));
