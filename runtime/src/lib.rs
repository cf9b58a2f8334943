//! Client core for the 2Checkout (Avangate / Verifone) JSON-RPC APIs.
//!
//! This crate is what the generated bindings (`twocheckout`) and the `api!` macro emit code
//! against: the [`Method`] contract every request implements, the API scope markers in [`api`],
//! the support types in [`support`], and the client that sends requests.
//!
//! The client logs in lazily (one login however many calls start at once), keeps the session
//! and renews it before the documented 10 minutes run out, logs in again once when the server
//! rejects a session, retries only retry-safe calls after transport failures, and never lets the
//! secret key or the session id reach `Debug`, `Display`, errors or logs.
//!
//! - Endpoints: [`api::Rpc6`], [`api::Rpc3`] and [`api::Cm21`] carry their documented URL and
//!   login hash algorithm; [`ClientBuilder::endpoint`] points a client anywhere else.
//! - Channel Manager partner methods go through [`Client::with_partner`], which sends
//!   `setPartner` after every login of its session before any partner call.
//! - Retries: only for methods whose [`Method::RETRY_SAFE`] is true, after transport failures
//!   and HTTP 5xx, as the [`RetryPolicy`] allows. Re-sending after a session rejection happens
//!   once for every method, since the server did not perform the rejected call.
//! - Errors: one [`Error`] enum; [`Error::rpc_code_is`] and [`Error::is_session_error`] answer
//!   the usual questions about a JSON-RPC error.
//! - The HTTP stack: [`ClientBuilder::http_client`] sends through the application's own
//!   `reqwest::Client` (proxies, custom root certificates, one connection pool), and
//!   [`ClientBuilder::observer`] sees every attempt of every call ([`observe`]): method, id,
//!   attempt, status, latency, error kind, never the secret key or the session id.
//! - The `blocking` cargo feature adds `blocking::Client`, which owns a current-thread runtime.
//! - Dates: [`support::Date`] and [`support::DateTime`] keep the text the API sent, whatever it
//!   is, and write it back unchanged. The `time` cargo feature (on by default) adds typed access
//!   through the `time` crate: `Date::to_date`, `DateTime::to_typed` / `to_primitive` /
//!   `to_offset` (a `DateError` naming the text for anything outside the documented formats),
//!   and constructors from `time` values that write the documented formats.
//!
//! ```no_run
//! use twocheckout_rpc::api::Rpc6;
//! use twocheckout_rpc::{Client, Credentials, Error};
//! # use serde::ser::SerializeSeq;
//! # struct GetProductByCode<'a>(&'a str);
//! # impl twocheckout_rpc::Method for GetProductByCode<'_> {
//! #     const NAME: &'static str = "getProductByCode";
//! #     const RETRY_SAFE: bool = true;
//! #     type Response = serde_json::Value;
//! #     fn param_count(&self) -> usize { 1 }
//! #     fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
//! #         seq.serialize_element(self.0)
//! #     }
//! # }
//! # impl twocheckout_rpc::AvailableOn<Rpc6> for GetProductByCode<'_> {}
//!
//! # async fn run() -> Result<(), Error> {
//! let credentials = Credentials::from_env().expect("TWOCHECKOUT_MERCHANT_CODE and _SECRET_KEY");
//! let client = Client::<Rpc6>::builder(credentials)
//!     // Optional: a sandbox or a proxy instead of https://api.2checkout.com/rpc/6.0/
//!     .endpoint("http://127.0.0.1:8080/rpc/6.0/")
//!     .build()?;
//! let product = client.call(GetProductByCode("my-product")).await?;
//! println!("{product}");
//! # Ok(())
//! # }
//! ```

pub mod api;
pub mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
mod calls;
mod cart;
mod client;
pub mod config;
mod core;
mod credentials;
pub mod decode;
mod envelope;
pub mod error;
mod method;
pub mod observe;
pub mod pages;
mod partner;
pub mod secret;
mod session;
pub mod support;
mod transport;

pub use api::AvailableOn;
pub use cart::CartClient;
pub use client::{Client, ClientBuilder};
pub use config::RetryPolicy;
pub use credentials::Credentials;
pub use decode::{DecodeError, DecodeParams};
pub use error::{Error, Outcome, RpcCode, RpcError};
pub use method::{CallFuture, Method, Scope};
pub use observe::Observer;
pub use pages::{Page, Pages, Paginated, Paging, Window};
pub use partner::PartnerClient;
pub use secret::{SecretKey, SessionId};

/// Re-exports used by generated code; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;

    pub use crate::core::read_answer;
}

/// Compiles the README's examples as doctests, so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
