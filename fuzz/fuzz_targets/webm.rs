#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| homeroom::fuzz_targets::webm(data));
