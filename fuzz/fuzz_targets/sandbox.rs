//! Request bytes → the sandbox's handler, in-process.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    twocheckout_fuzz::sandbox::check(data);
});
