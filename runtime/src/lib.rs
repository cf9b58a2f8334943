//! Client core for the 2Checkout (Avangate / Verifone) JSON-RPC APIs.
//!
//! This crate is what the generated bindings (`twocheckout`) and the `api!` macro emit code
//! against: the [`Method`] contract every request implements, the API scope markers in [`api`],
//! the support types in [`support`], and the client that sends requests.

pub mod api;
pub mod auth;
pub mod error;
mod method;
pub mod support;

pub use api::AvailableOn;
pub use error::Error;
pub use method::{CallFuture, Method, Scope};

/// Re-exports used by generated code; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}
