//! Marker types for the API families and the scopes a method can be called in.
//!
//! Every generated request implements [`AvailableOn`] for the scopes its spec lists, so calling a
//! method on a client of another API (or a partner method without a partner context) is a compile
//! error rather than a runtime surprise.

use std::marker::PhantomData;

use crate::auth::HashAlgorithm;

mod sealed {
    pub trait Sealed {}
}

/// An API family with its own endpoint. Implemented only by the markers in this module.
pub trait Api: sealed::Sealed + Send + Sync + 'static {
    /// Human-readable name, used in logs and errors.
    const NAME: &'static str;
    /// The documented production endpoint.
    const DEFAULT_URL: &'static str;
    /// The login hash algorithm used when the caller does not choose one.
    const DEFAULT_HASH: HashAlgorithm;
}

/// JSON-RPC 6.0 merchant API (`https://api.2checkout.com/rpc/6.0/`). Channel Manager 6.0 methods
/// are served on the same endpoint and are available here too.
#[derive(Debug, Clone, Copy)]
pub enum Rpc6 {}

/// Legacy Avangate JSON-RPC 3.0 API (`https://api.avangate.com/rpc/3.0/`).
#[derive(Debug, Clone, Copy)]
pub enum Rpc3 {}

/// Channel Manager JSON-RPC 2.1 API (`https://api.avangate.com/channel-manager/2.1/rpc/`).
#[derive(Debug, Clone, Copy)]
pub enum Cm21 {}

impl sealed::Sealed for Rpc6 {}
impl sealed::Sealed for Rpc3 {}
impl sealed::Sealed for Cm21 {}

impl Api for Rpc6 {
    const NAME: &'static str = "JSON-RPC 6.0";
    const DEFAULT_URL: &'static str = "https://api.2checkout.com/rpc/6.0/";
    const DEFAULT_HASH: HashAlgorithm = HashAlgorithm::Sha256;
}

impl Api for Rpc3 {
    const NAME: &'static str = "JSON-RPC 3.0";
    const DEFAULT_URL: &'static str = "https://api.avangate.com/rpc/3.0/";
    const DEFAULT_HASH: HashAlgorithm = HashAlgorithm::Md5;
}

impl Api for Cm21 {
    const NAME: &'static str = "Channel Manager 2.1";
    const DEFAULT_URL: &'static str = "https://api.avangate.com/channel-manager/2.1/rpc/";
    const DEFAULT_HASH: HashAlgorithm = HashAlgorithm::Md5;
}

/// Scope marker of a partner-scoped handle on API `A` (after `setPartner`).
#[derive(Debug, Clone, Copy)]
pub struct Partner<A>(PhantomData<A>);

/// Scope marker of a cart handle on API `A`: a partner-scoped session that holds a Channel
/// Manager 2.1 cart (`addProduct`, `placeOrder`, …) and is never replaced while the cart lives.
#[derive(Debug, Clone, Copy)]
pub struct Cart<A>(PhantomData<A>);

/// Implemented by a request type for every scope it may be sent in.
///
/// Scopes are [`Rpc6`], [`Rpc3`], [`Cm21`], [`Partner<Cm21>`] and [`Cart<Cm21>`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent on a `{S}` client",
    label = "this method is not part of the API this client talks to",
    note = "each method is callable only on clients of the APIs its spec lists; Channel Manager partner methods need a partner-scoped handle: `client.with_partner(code)`, cart methods a cart handle: `client.with_partner(code).cart()`"
)]
pub trait AvailableOn<S> {}
