//! Compile-time behaviour of `api!`: what compiles, and the exact errors for what does not.
//!
//! The `.stderr` snapshots depend on the compiler's wording; the toolchain is pinned in
//! `rust-toolchain.toml`. After a deliberate change, re-bless them with
//! `TRYBUILD=overwrite cargo test -p twocheckout-macros --test ui` and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
