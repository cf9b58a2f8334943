//! The properties the fuzz targets check, one module per target. Each `check` panics (which
//! libFuzzer reports as a crash) when the code under test panics or breaks its contract.

pub mod import;
pub mod response;
pub mod sandbox;
pub mod spec;
