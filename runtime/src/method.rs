//! The contract between a typed request (generated or hand-written) and the client.

use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde::ser::SerializeSeq;

use crate::api::AvailableOn;
use crate::error::Error;

/// One JSON-RPC method: its wire name, its positional params and its response type.
///
/// Implemented by every generated request type. The session id (when [`Method::SESSION`] is true)
/// is written by the client before the params, so implementations write only their own params.
pub trait Method {
    /// The method name on the wire (case sensitive), e.g. `getProductByCode`.
    const NAME: &'static str;
    /// Whether the call may be repeated after a transport error or a 5xx without side effects.
    const RETRY_SAFE: bool;
    /// Whether the session id is sent as the first positional param (false only for `login`).
    const SESSION: bool = true;
    /// Error codes the documentation lists for this method, with their meaning.
    const ERRORS: &'static [(&'static str, &'static str)] = &[];
    /// The documented response type.
    type Response: DeserializeOwned + Send + 'static;

    /// Number of positional params (after the session id) that [`Method::serialize_params`] writes.
    fn param_count(&self) -> usize;

    /// Writes the positional params (after the session id), in order. Optional trailing params
    /// that are absent are omitted; an absent optional param followed by a present one is `null`.
    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error>;
}

/// The future returned by [`Scope::call`].
pub type CallFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

/// A handle that can send requests: a client for one API, or a partner-scoped handle.
pub trait Scope: Send + Sync {
    /// The scope marker requests must be [`AvailableOn`].
    type Marker;

    /// Sends `method` and decodes its documented response.
    fn call<'a, M>(&'a self, method: M) -> CallFuture<'a, M::Response>
    where
        M: Method + AvailableOn<Self::Marker> + Send + Sync + 'a;
}
