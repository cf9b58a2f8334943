//! Channel Manager partner context: a handle whose session is bound to one partner.

use std::fmt;
use std::sync::Arc;

use crate::api::{AvailableOn, Cm21, Partner};
use crate::client::Client;
use crate::error::Error;
use crate::method::{CallFuture, Method, Scope};

impl Client<Cm21> {
    /// A handle for partner-scoped Channel Manager methods of `partner_code`.
    ///
    /// The server keeps the partner chosen by `setPartner` on the session, so the handle logs
    /// in on a session of its own and sends `setPartner` after each of its logins, before any
    /// partner method. Handles for different partners therefore never disturb each other,
    /// while every handle for the same partner (from this client or its clones) shares one
    /// session, so making a handle per request costs no extra login.
    pub fn with_partner(&self, partner_code: impl Into<String>) -> PartnerClient<Cm21> {
        let session = self.core.partner_session(partner_code.into());
        PartnerClient {
            client: Client::with_core(Arc::clone(&self.core), session),
        }
    }
}

/// A partner-scoped handle on API `A`, made by [`Client::with_partner`].
pub struct PartnerClient<A> {
    pub(crate) client: Client<A>,
}

impl<A> Clone for PartnerClient<A> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
        }
    }
}

impl<A> PartnerClient<A> {
    /// The partner code sent with `setPartner`.
    pub fn partner_code(&self) -> &str {
        self.client.session.partner().unwrap_or_default()
    }

    /// Sends `method` in the partner context and decodes its documented response.
    pub async fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<Partner<A>>,
    {
        self.client.core.call(&self.client.session, &method).await
    }
}

impl<A> fmt::Debug for PartnerClient<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PartnerClient")
            .field("endpoint", &self.client.core.transport.endpoint.as_str())
            .field("credentials", &self.client.core.credentials)
            .field("partner_code", &self.partner_code())
            .finish_non_exhaustive()
    }
}

impl<A> Scope for PartnerClient<A> {
    type Marker = Partner<A>;

    fn call<'a, M>(&'a self, method: M) -> CallFuture<'a, M::Response>
    where
        M: Method + AvailableOn<Self::Marker> + Send + Sync + 'a,
    {
        Box::pin(async move { self.client.core.call(&self.client.session, &method).await })
    }
}
