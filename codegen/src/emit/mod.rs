//! Model → Rust tokens → formatted source.
//!
//! [`types`] emits the named types, [`methods`] the request types and extension traits,
//! [`module`] assembles one module per spec file and the crate root, and [`format`] turns tokens
//! into the checked-in source text.

pub mod docs;
pub mod methods;
pub mod module;
pub mod names;
pub mod types;
