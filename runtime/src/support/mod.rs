//! Types the generated bindings are made of.
//!
//! Generated code (from `twocheckout-codegen` or the `api!` macro) refers to these through
//! absolute `::twocheckout_rpc::…` paths, so it compiles in any crate that depends on this one.

mod builder;
pub(crate) mod dates;
mod impls;
mod json;
mod maybe;
pub mod money;
pub mod object;
pub mod reader;
mod rows;
pub mod union;
pub mod wire;
pub mod wire_enum;

pub use builder::{Provided, Set, Unset};
pub use dates::{Date, DateTime};
#[cfg(feature = "time")]
pub use dates::{DateError, TypedDateTime};
pub use json::{Json, JsonKind};
pub use maybe::Maybe;
pub use money::Money;
pub use wire::WireForms;

/// Fields a response carried that the spec does not know, each kept as its exact JSON text.
///
/// Generated structs keep them and send them back, so a read-modify-write round trip
/// (`getProductByCode` → edit → `updateProduct`) loses nothing the server sent.
pub type Extra = std::collections::BTreeMap<String, Json>;
