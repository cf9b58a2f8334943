//! Response bytes → envelope + typed decode, for the method the first line names.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    twocheckout_fuzz::response::check(data);
});
