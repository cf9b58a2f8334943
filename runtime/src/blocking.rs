//! A blocking client for programs without an async runtime.
//!
//! Each client owns a current-thread tokio runtime and drives the async client on it. Calling
//! it from inside an async runtime would block that runtime's thread, so it returns
//! [`Error::Config`] there instead: use the async [`crate::Client`] in async code.

use std::fmt;
use std::sync::Arc;

use crate::api::{Api, AvailableOn, Cart, Cm21, Partner};
use crate::client::ClientBuilder;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::method::Method;
use crate::pages::{Pages, Paginated};

/// A blocking client of API `A`. Cheap to clone; clones share the runtime and the session.
pub struct Client<A> {
    inner: crate::Client<A>,
    runtime: Arc<OwnedRuntime>,
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
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
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
        self.runtime.block_on(self.inner.call(method))
    }

    /// The async client this one drives.
    pub fn as_async(&self) -> &crate::Client<A> {
        &self.inner
    }

    /// Every item of the search `request`, page after page (see [`crate::pages`]): each page is
    /// asked for when the previous one is used up.
    pub fn pages<'c, M>(&'c self, request: M) -> PageIter<'c, A, M>
    where
        M: Paginated + AvailableOn<A> + Send + Sync + Unpin + 'c,
        M::Item: Unpin,
    {
        PageIter {
            pages: Pages::new(&self.inner, request),
            runtime: &self.runtime,
        }
    }
}

/// The items of a search on the blocking client, made by [`Client::pages`].
pub struct PageIter<'c, A: Api, M: Paginated> {
    pages: Pages<'c, crate::Client<A>, M>,
    runtime: &'c OwnedRuntime,
}

impl<'c, A, M> Iterator for PageIter<'c, A, M>
where
    A: Api,
    M: Paginated + AvailableOn<A> + Send + Sync + Unpin + 'c,
    M::Item: Unpin,
{
    type Item = Result<M::Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let pages = &mut self.pages;
        match self
            .runtime
            .block_on(async { Ok::<_, Error>(pages.next().await) })
        {
            Ok(item) => item,
            // Called inside an async runtime, or after shutdown: say so once, then end.
            Err(error) => Some(Err(error)),
        }
    }
}

impl<A: Api, M: Paginated> fmt::Debug for PageIter<'_, A, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::PageIter")
            .field("pages", &self.pages)
            .finish()
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
    runtime: Arc<OwnedRuntime>,
}

impl<A> PartnerClient<A> {
    /// Sends `method` in the partner context and waits for its documented response.
    pub fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<Partner<A>>,
    {
        self.runtime.block_on(self.inner.call(method))
    }
}

impl<A> fmt::Debug for PartnerClient<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::PartnerClient")
            .field("inner", &self.inner)
            .finish()
    }
}

impl PartnerClient<Cm21> {
    /// A blocking cart handle on a session of its own; see [`crate::PartnerClient::cart`].
    pub fn cart(&self) -> CartClient<Cm21> {
        CartClient {
            inner: self.inner.cart(),
            runtime: Arc::clone(&self.runtime),
        }
    }
}

/// A blocking cart handle, made by [`PartnerClient::cart`]: it owns its session for the cart's
/// lifetime, like [`crate::CartClient`].
pub struct CartClient<A> {
    inner: crate::CartClient<A>,
    runtime: Arc<OwnedRuntime>,
}

impl<A> CartClient<A> {
    /// Sends `method` in the cart's session and waits for its documented response.
    pub fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<Cart<A>>,
    {
        self.runtime.block_on(self.inner.call(method))
    }
}

impl<A> fmt::Debug for CartClient<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::CartClient")
            .field("inner", &self.inner)
            .finish()
    }
}

/// The runtime a blocking client owns. Dropping a runtime inside an async context would
/// panic, so it is shut down in the background instead (a client may well be dropped there).
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl OwnedRuntime {
    fn block_on<T>(&self, call: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "the blocking client was called from inside an async runtime; use the async \
                 client"
                    .to_owned(),
            ));
        }
        match &self.0 {
            Some(runtime) => runtime.block_on(call),
            None => Err(Error::Config("the client runtime is shut down".to_owned())),
        }
    }
}

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}
