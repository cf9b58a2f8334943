//! Channel Manager 2.1 carts: a handle that owns the session its cart lives in.
//!
//! The 2.1 server keeps the cart in the session: `addProduct` adds to the cart of the session
//! that sends it, and `placeOrder` orders that cart. A [`CartClient`] therefore logs in on a
//! session of its own (shared with no other handle, not even another cart of the same partner),
//! sets the partner on it, and keeps it for the cart's lifetime: it never renews or replaces the
//! session. Two carts never mix, and a cart never moves to a new, empty session behind the
//! caller's back: once its session has expired or the server rejected it, every call fails with
//! [`Error::CartSessionLost`] without being sent.

use std::fmt;
use std::sync::Arc;

use crate::api::{AvailableOn, Cart, Cm21};
use crate::client::Client;
use crate::error::Error;
use crate::method::{CallFuture, Method, Scope};
use crate::partner::PartnerClient;
use crate::session::SessionCell;

impl PartnerClient<Cm21> {
    /// A new, empty cart of this partner, on a session of its own.
    ///
    /// Nothing is sent until the first call, which logs in and sends `setPartner`. The session
    /// then lasts the documented lifetime from that login; place the order before it runs out.
    pub fn cart(&self) -> CartClient<Cm21> {
        let partner = self.partner_code().to_owned();
        CartClient {
            client: Client::with_core(
                Arc::clone(&self.client.core),
                Arc::new(SessionCell::pinned(partner)),
            ),
        }
    }
}

/// A cart handle on API `A`, made by [`PartnerClient::cart`]: the only handle cart methods
/// (`#[cart]` in the spec) can be sent on.
///
/// Not `Clone`: one handle is one cart. Share it by reference (or in an `Arc`) to fill it
/// from several tasks; the calls then share its one session.
pub struct CartClient<A> {
    client: Client<A>,
}

impl<A> CartClient<A> {
    /// The partner code sent with `setPartner`.
    pub fn partner_code(&self) -> &str {
        self.client.session.partner().unwrap_or_default()
    }

    /// Sends `method` in the cart's session and decodes its documented response.
    pub async fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<Cart<A>>,
    {
        self.client.core.call(&self.client.session, &method).await
    }
}

impl<A> fmt::Debug for CartClient<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CartClient")
            .field("endpoint", &self.client.core.transport.endpoint.as_str())
            .field("credentials", &self.client.core.credentials)
            .field("partner_code", &self.partner_code())
            .finish_non_exhaustive()
    }
}

impl<A> Scope for CartClient<A> {
    type Marker = Cart<A>;

    fn call<'a, M>(&'a self, method: M) -> CallFuture<'a, M::Response>
    where
        M: Method + AvailableOn<Self::Marker> + Send + Sync + 'a,
    {
        Box::pin(async move { self.client.core.call(&self.client.session, &method).await })
    }
}
