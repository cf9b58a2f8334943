//! The async client of one API, and its builder.

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::api::{Api, AvailableOn};
use crate::auth::HashAlgorithm;
use crate::config::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RENEWAL_MARGIN, DEFAULT_TIMEOUT,
    RetryPolicy, SESSION_LIFETIME, SessionSettings,
};
use crate::core::Core;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::method::{CallFuture, Method, Scope};
use crate::observe::{Observer, Observers};
use crate::session::SessionCell;
use crate::transport::Transport;

/// A client of API `A` ([`crate::api::Rpc6`], [`crate::api::Rpc3`] or [`crate::api::Cm21`]).
///
/// Cheap to clone: clones share the connection pool and the session. The first call logs in;
/// the session is reused and renewed shortly before the documented 10 minutes run out.
pub struct Client<A> {
    pub(crate) core: Arc<Core>,
    pub(crate) session: Arc<SessionCell>,
    api: PhantomData<fn() -> A>,
}

impl<A> Clone for Client<A> {
    fn clone(&self) -> Self {
        Self {
            core: Arc::clone(&self.core),
            session: Arc::clone(&self.session),
            api: PhantomData,
        }
    }
}

impl<A: Api> fmt::Debug for Client<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api", &A::NAME)
            .field("endpoint", &self.core.transport.endpoint.as_str())
            .field("credentials", &self.core.credentials)
            .field("hash", &self.core.hash)
            .finish_non_exhaustive()
    }
}

impl<A: Api> Client<A> {
    /// Starts configuring a client for `credentials`, talking to `A`'s documented endpoint.
    pub fn builder(credentials: Credentials) -> ClientBuilder<A> {
        ClientBuilder::new(credentials)
    }

    /// A client with every setting at its default.
    pub fn new(credentials: Credentials) -> Result<Self, Error> {
        Self::builder(credentials).build()
    }

    /// Sends `method` and decodes its documented response.
    pub async fn call<M>(&self, method: M) -> Result<M::Response, Error>
    where
        M: Method + AvailableOn<A>,
    {
        self.core.call(&self.session, &method).await
    }

    /// The endpoint requests are posted to.
    pub fn endpoint(&self) -> &str {
        self.core.transport.endpoint.as_str()
    }

    pub(crate) fn with_core(core: Arc<Core>, session: Arc<SessionCell>) -> Self {
        Self {
            core,
            session,
            api: PhantomData,
        }
    }
}

impl<A: Api> Scope for Client<A> {
    type Marker = A;

    fn call<'a, M>(&'a self, method: M) -> CallFuture<'a, M::Response>
    where
        M: Method + AvailableOn<Self::Marker> + Send + Sync + 'a,
    {
        Box::pin(async move { self.core.call(&self.session, &method).await })
    }
}

/// Configures a [`Client`]. Every setting has a default; only the credentials are required.
pub struct ClientBuilder<A> {
    credentials: Credentials,
    endpoint: Option<String>,
    hash: Option<HashAlgorithm>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    user_agent: Option<String>,
    session_lifetime: Duration,
    renewal_margin: Duration,
    max_response_bytes: usize,
    accept_invalid_certs: bool,
    allow_plain_http: bool,
    http_client: Option<reqwest::Client>,
    observer: Option<Arc<dyn Observer>>,
    api: PhantomData<fn() -> A>,
}

impl<A: Api> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &A::NAME)
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .field("hash", &self.hash)
            .field("retry", &self.retry)
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("own_http_client", &self.http_client.is_some())
            .field("observer", &self.observer.is_some())
            .finish_non_exhaustive()
    }
}

impl<A: Api> ClientBuilder<A> {
    fn new(credentials: Credentials) -> Self {
        Self {
            credentials,
            endpoint: None,
            hash: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            user_agent: None,
            session_lifetime: SESSION_LIFETIME,
            renewal_margin: DEFAULT_RENEWAL_MARGIN,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            accept_invalid_certs: false,
            allow_plain_http: false,
            http_client: None,
            observer: None,
            api: PhantomData,
        }
    }

    /// Posts to `url` instead of the documented endpoint (a sandbox, a proxy).
    ///
    /// Plain `http://` is accepted only for loopback hosts unless
    /// [`ClientBuilder::danger_allow_plain_http`] is set.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The login hash algorithm (default: [`Api::DEFAULT_HASH`] of `A`).
    pub fn hash_algorithm(mut self, algorithm: HashAlgorithm) -> Self {
        self.hash = Some(algorithm);
        self
    }

    /// Limit for establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Limit for one HTTP exchange, request to last body byte (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Retry policy for retry-safe calls (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The `User-Agent` header (default `twocheckout-rpc/<version>`; with
    /// [`ClientBuilder::http_client`], the given client's own unless this is set).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends every request through `client` instead of a client of its own: the application's
    /// proxies, root certificates, TLS and pool settings apply, and connections are shared with
    /// the rest of the application.
    ///
    /// The given client's settings are used as they are, so [`ClientBuilder::connect_timeout`]
    /// and [`ClientBuilder::danger_accept_invalid_certs`] do not apply (the latter is refused
    /// with it: configure the client itself). [`ClientBuilder::timeout`] is still set on each
    /// request, and so is [`ClientBuilder::user_agent`] when given. Build `client` with
    /// `redirect(reqwest::redirect::Policy::none())`: an API endpoint does not redirect, and
    /// following a redirect could post the session id elsewhere.
    ///
    /// With the blocking client (`blocking::Client`, feature `blocking`), give a client that is
    /// not also used on another tokio runtime: a pooled connection is driven by a task of the
    /// runtime that opened it.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Tells `observer` about every attempt of every call: before it is sent, and after its
    /// answer was read or it failed (method, request id, attempt, HTTP status, latency, error
    /// kind). See [`crate::observe`]. It never sees the secret key or the session id. Pass an
    /// `Arc` of it to keep a handle (to read its figures).
    pub fn observer(mut self, observer: impl Observer) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// How long the server keeps a session (default: the documented 10 minutes).
    pub fn session_lifetime(mut self, lifetime: Duration) -> Self {
        self.session_lifetime = lifetime;
        self
    }

    /// How long before the session lifetime runs out a new login is made (default 60 s).
    pub fn session_renewal_margin(mut self, margin: Duration) -> Self {
        self.renewal_margin = margin;
        self
    }

    /// Largest response body accepted (default 64 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// DANGEROUS: accepts any TLS certificate, including expired, self-signed and ones for
    /// another host. Anyone on the network path can then read the session id and act as the
    /// merchant. Use only against a local test server with a self-signed certificate.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// DANGEROUS: allows a plain `http://` endpoint on a non-loopback host, sending the login
    /// hash and the session id unencrypted. Use only inside a trusted network (a test proxy).
    pub fn danger_allow_plain_http(mut self, allow: bool) -> Self {
        self.allow_plain_http = allow;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client<A>, Error> {
        let endpoint = self.checked_endpoint()?;
        if self.credentials.merchant_code().is_empty() {
            return Err(Error::Config("the merchant code is empty".to_owned()));
        }
        if self.retry.max_attempts == 0 {
            return Err(Error::Config(
                "retry policy: max_attempts must be at least 1 (the first attempt)".to_owned(),
            ));
        }
        if self.renewal_margin >= self.session_lifetime {
            return Err(Error::Config(format!(
                "session renewal margin ({:?}) must be shorter than the session lifetime ({:?})",
                self.renewal_margin, self.session_lifetime
            )));
        }
        if self.accept_invalid_certs {
            tracing::warn!(
                endpoint = endpoint.as_str(),
                "TLS certificate verification is OFF for this client"
            );
        }
        let user_agent = self.user_agent.as_deref().map(|text| {
            reqwest::header::HeaderValue::from_str(text).map_err(|_| {
                Error::Config(format!(
                    "user agent `{text}` is not a valid HTTP header value"
                ))
            })
        });
        let user_agent = user_agent.transpose()?;
        let transport = match self.http_client {
            Some(_) if self.accept_invalid_certs => {
                return Err(Error::Config(
                    "danger_accept_invalid_certs does not apply to a client given with \
                     http_client: configure certificate checks on that client"
                        .to_owned(),
                ));
            }
            Some(http) => Transport {
                http,
                endpoint,
                max_response_bytes: self.max_response_bytes,
                request_timeout: Some(self.timeout),
                user_agent,
                observers: Observers::new(self.observer),
            },
            None => {
                let user_agent = user_agent.unwrap_or_else(|| {
                    reqwest::header::HeaderValue::from_static(concat!(
                        "twocheckout-rpc/",
                        env!("CARGO_PKG_VERSION")
                    ))
                });
                let http = reqwest::Client::builder()
                    .use_rustls_tls()
                    .connect_timeout(self.connect_timeout)
                    .timeout(self.timeout)
                    .user_agent(user_agent)
                    // An API endpoint does not redirect; following one could post the session
                    // elsewhere.
                    .redirect(reqwest::redirect::Policy::none())
                    .danger_accept_invalid_certs(self.accept_invalid_certs)
                    .build()
                    .map_err(|e| Error::Config(format!("could not set up the HTTP client: {e}")))?;
                Transport {
                    http,
                    endpoint,
                    max_response_bytes: self.max_response_bytes,
                    request_timeout: None,
                    user_agent: None,
                    observers: Observers::new(self.observer),
                }
            }
        };
        let sessions = SessionSettings {
            lifetime: self.session_lifetime,
            renewal_margin: self.renewal_margin,
        };
        let hash = self.hash.unwrap_or(A::DEFAULT_HASH);
        let core = Core::new(transport, self.credentials, hash, self.retry, sessions);
        Ok(Client::with_core(
            Arc::new(core),
            Arc::new(SessionCell::new(None)),
        ))
    }

    fn checked_endpoint(&self) -> Result<reqwest::Url, Error> {
        let text = self.endpoint.as_deref().unwrap_or(A::DEFAULT_URL);
        let url = reqwest::Url::parse(text)
            .map_err(|e| Error::Config(format!("endpoint `{text}` is not a valid URL: {e}")))?;
        match url.scheme() {
            "https" => Ok(url),
            "http" if self.allow_plain_http || is_loopback(&url) => Ok(url),
            "http" => Err(Error::Config(format!(
                "endpoint `{text}` uses plain http on a non-loopback host; use https \
                 (or `danger_allow_plain_http` inside a trusted network)"
            ))),
            other => Err(Error::Config(format!(
                "endpoint `{text}` has scheme `{other}`; expected https"
            ))),
        }
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
