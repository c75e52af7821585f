//! Fuzz target `length_delimited`: see `memkit_fuzz::length_delimited`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::length_delimited::run(data));
