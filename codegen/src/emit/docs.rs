//! Rustdoc attributes from spec docs.
