//! Helpers shared by the integration tests of the generated crate.

#![allow(dead_code, reason = "each test binary uses a part of the helpers")]

pub mod compact;
pub mod exact;
