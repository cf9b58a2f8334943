//! A blocking client for programs without an async runtime.
//!
//! Each client owns a current-thread tokio runtime and drives the async client on it. Calling
//! it from inside an async runtime would block that runtime's thread, so it returns
//! [`Error::Config`] there instead: use the async [`crate::Client`] in async code.

use std::fmt;
use std::sync::Arc;

use crate::api::{Api, AvailableOn, Cm21, Partner};
use crate::client::ClientBuilder;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::method::Method;

/// A blocking client of API `A`. Cheap to clone; clones share the runtime and the session.
pub struct Client<A> {
    inner: crate::Client<A>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl<A> Clone for Client<A> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            runtime: Arc::clone(&self.runtime),
        }
    }
}

impl<A: Api> fmt::Debug for Client<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::Client")
            .field("inner", &self.inner)
            .finish()
    }
}

impl<A: Api> Client<A> {
    /// Builds a blocking client from a configured async builder.
    pub fn from_builder(builder: ClientBuilder<A>) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("could not start the client runtime: {e}")))?;
        Ok(Self {
            inner: builder.build()?,
            runtime: Arc::new(runtime),
        })
    }

    /// A blocking client with every setting at its default.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::from_builder(crate::Client::builder(credentials))
    }

    /// Sends `method` and waits for its documented response.
    pub fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<A>,
    {
        block_on(&self.runtime, self.inner.call(method))
    }

    /// The async client this one drives.
    pub fn as_async(&self) -> &crate::Client<A> {
        &self.inner
    }
}

impl Client<Cm21> {
    /// A blocking partner-scoped handle; see [`crate::Client::with_partner`].
    pub fn with_partner(&self, partner_code: impl Into<String>) -> PartnerClient<Cm21> {
        PartnerClient {
            inner: self.inner.with_partner(partner_code),
            runtime: Arc::clone(&self.runtime),
        }
    }
}

/// A blocking partner-scoped handle, made by [`Client::with_partner`].
pub struct PartnerClient<A> {
    inner: crate::PartnerClient<A>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl<A> PartnerClient<A> {
    /// Sends `method` in the partner context and waits for its documented response.
    pub fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<Partner<A>>,
    {
        block_on(&self.runtime, self.inner.call(method))
    }
}

impl<A> fmt::Debug for PartnerClient<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::PartnerClient")
            .field("inner", &self.inner)
            .finish()
    }
}

fn block_on<T>(
    runtime: &tokio::runtime::Runtime,
    call: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::Config(
            "the blocking client was called from inside an async runtime; use the async client"
                .to_owned(),
        ));
    }
    runtime.block_on(call)
}
