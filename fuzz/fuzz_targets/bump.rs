//! Fuzz target `bump`: see `memkit_fuzz::bump`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::bump::run(data));
