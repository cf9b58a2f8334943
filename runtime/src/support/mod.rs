//! Types the generated bindings are made of.
//!
//! Generated code (from `twocheckout-codegen` or the `api!` macro) refers to these through
//! absolute `::twocheckout_rpc::…` paths, so it compiles in any crate that depends on this one.

mod builder;
pub(crate) mod dates;
pub mod lenient;
mod maybe;
pub mod object;
pub mod union;
pub mod wire_enum;

pub use builder::{Provided, Set, Unset};
pub use dates::{Date, DateTime};
#[cfg(feature = "time")]
pub use dates::{DateError, TypedDateTime};
pub use maybe::Maybe;

/// Fields a response carried that the spec does not know (a `serde_json::Map`: sorted by key,
/// or in arrival order when `serde_json`'s `preserve_order` feature is on).
///
/// Generated structs keep them and send them back, so a read-modify-write round trip
/// (`getProductByCode` → edit → `updateProduct`) loses nothing the server sent.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// Any JSON value: used where the documentation gives no usable shape.
pub type Json = serde_json::Value;
