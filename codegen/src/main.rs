//! `twocheckout-codegen generate | check`
fn main() {}
