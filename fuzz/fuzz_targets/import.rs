//! Documentation page text → the importer.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    twocheckout_fuzz::import::check(&String::from_utf8_lossy(data));
});
