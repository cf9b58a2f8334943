//! Rust identifiers from spec names.
