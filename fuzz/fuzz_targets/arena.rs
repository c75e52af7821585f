//! Fuzz target `arena`: see `memkit_fuzz::arena`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::arena::run(data));
