//! Typed bindings (generated).
