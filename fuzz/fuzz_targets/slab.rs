//! Fuzz target `slab`: see `memkit_fuzz::slab`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| memkit_fuzz::slab::run(data));
