//! Spec text → load + check (the generator's front end) and tokens → load (the macro's).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        twocheckout_fuzz::spec::check(text);
    }
});
