//! The HTTP side: the builder, the routes, and the handle of a running sandbox.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use twocheckout_codegen::model::Spec;

use crate::app::{Answer, App, Endpoint, Settings, Stats};
use crate::faults::{FaultKind, Faults, RandomFaults};
use crate::ledger::Ledger;

/// The merchant code used when none is configured (the docs' samples use `MERCHANT`).
pub const DEFAULT_MERCHANT_CODE: &str = "MERCHANT";
/// The secret key used when none is configured (the docs' samples use `SECRET_KEY`).
pub const DEFAULT_SECRET_KEY: &str = "SECRET_KEY";
/// Sessions last 10 minutes, as every method page says.
pub const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(600);
/// How far a login date may be from the server's clock.
pub const DEFAULT_MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);

/// Why a sandbox could not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// The embedded spec did not load (which file, line and problem).
    Spec(String),
    /// A seeded record has no identifier ([`SandboxBuilder::seed`]).
    Seed(crate::kit::SeedError),
    /// The runtime of a blocking sandbox could not be built.
    Runtime(std::io::Error),
    /// The listen address could not be bound.
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Spec(diagnostics) => write!(f, "the API spec did not load:\n{diagnostics}"),
            StartError::Bind { addr, source } => write!(f, "cannot listen on {addr}: {source}"),
            StartError::Seed(error) => write!(f, "{error}"),
            StartError::Runtime(error) => write!(f, "cannot build the sandbox's runtime: {error}"),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind { source, .. } | StartError::Runtime(source) => Some(source),
            StartError::Seed(error) => Some(error),
            StartError::Spec(_) => None,
        }
    }
}

/// Configures a sandbox. Start with [`Sandbox::builder`].
#[derive(Clone)]
pub struct SandboxBuilder {
    listen: SocketAddr,
    merchant_code: String,
    secret_key: String,
    session_lifetime: Duration,
    max_clock_skew: Duration,
    faults: Faults,
    ledger: Option<Ledger>,
    spec: Option<Arc<Spec>>,
    seed: crate::kit::SeedPlan,
}

impl fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("listen", &self.listen)
            .field("merchant_code", &self.merchant_code)
            .field("secret_key", &"<redacted>")
            .field("session_lifetime", &self.session_lifetime)
            .field("max_clock_skew", &self.max_clock_skew)
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

/// A local server speaking the documented 2Checkout JSON-RPC protocol.
#[derive(Debug)]
pub struct Sandbox;

impl Sandbox {
    /// A builder with the defaults: `127.0.0.1:0` (a free port), merchant `MERCHANT`, key
    /// `SECRET_KEY`, 10-minute sessions, no faults, the embedded spec.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            merchant_code: DEFAULT_MERCHANT_CODE.into(),
            secret_key: DEFAULT_SECRET_KEY.into(),
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            max_clock_skew: DEFAULT_MAX_CLOCK_SKEW,
            faults: Faults::default(),
            ledger: None,
            spec: None,
            seed: crate::kit::SeedPlan::default(),
        }
    }
}

impl SandboxBuilder {
    /// The address to listen on (port 0 picks a free port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// The merchant code `login` accepts.
    pub fn merchant_code(mut self, code: impl Into<String>) -> Self {
        self.merchant_code = code.into();
        self
    }

    /// The secret key login hashes are checked with.
    pub fn secret_key(mut self, key: impl Into<String>) -> Self {
        self.secret_key = key.into();
        self
    }

    /// How long a session lives after login.
    pub fn session_lifetime(mut self, lifetime: Duration) -> Self {
        self.session_lifetime = lifetime;
        self
    }

    /// How far a login date may be from the server's clock.
    pub fn max_clock_skew(mut self, skew: Duration) -> Self {
        self.max_clock_skew = skew;
        self
    }

    /// All fault settings at once.
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// Every `n`th request answers a JSON-RPC `INTERNAL_ERROR` (`0` turns it off).
    pub fn fail_every(mut self, n: u64) -> Self {
        self.faults.fail_every = (n > 0).then_some(n);
        self
    }

    /// Every `n`th request answers HTTP 500 (`0` turns it off).
    pub fn http_500_every(mut self, n: u64) -> Self {
        self.faults.http_500_every = (n > 0).then_some(n);
        self
    }

    /// Every answer is delayed by `latency`.
    pub fn latency(mut self, latency: Duration) -> Self {
        self.faults.latency = latency;
        self
    }

    /// Random faults drawn from a seeded generator (see [`RandomFaults`]).
    pub fn random_faults(mut self, faults: RandomFaults) -> Self {
        self.faults.random = Some(faults);
        self
    }

    /// Keeps a [`Ledger`] of every request read, keyed by the params' strings that start with
    /// `marker_prefix`; read it with [`RunningSandbox::ledger`].
    pub fn ledger(mut self, marker_prefix: impl Into<String>) -> Self {
        self.ledger = Some(Ledger::new(marker_prefix));
        self
    }

    /// Serve this spec instead of the embedded `api-spec/` files.
    pub fn spec(mut self, spec: Spec) -> Self {
        self.spec = Some(Arc::new(spec));
        self
    }

    pub(crate) fn seed_plan_mut(&mut self) -> &mut crate::kit::SeedPlan {
        &mut self.seed
    }

    /// Loads the spec, binds the address and starts serving on the current Tokio runtime.
    pub async fn start(self) -> Result<RunningSandbox, StartError> {
        let spec = match self.spec {
            Some(spec) => spec,
            None => crate::kit::embedded_spec().map_err(StartError::Spec)?,
        };
        let listener = TcpListener::bind(self.listen)
            .await
            .map_err(|source| StartError::Bind {
                addr: self.listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: self.listen,
            source,
        })?;
        let settings = Settings {
            merchant_code: self.merchant_code.clone(),
            secret_key: self.secret_key.clone(),
            max_clock_skew: self.max_clock_skew,
            faults: self.faults,
            ledger: self.ledger,
        };
        let app = Arc::new(App::new(spec, settings, self.session_lifetime));
        crate::kit::prepare(&app, &self.seed).map_err(StartError::Seed)?;
        let (stop, stopped) = oneshot::channel::<()>();
        let router = router(Arc::clone(&app));
        let task = tokio::spawn(async move {
            let shutdown = async {
                // Either an explicit stop or the handle being dropped ends the server.
                let _ = stopped.await;
            };
            if let Err(error) = axum::serve(listener, router)
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::error!(%error, "sandbox server stopped with an error");
            }
        });
        tracing::info!(%addr, "sandbox listening");
        Ok(RunningSandbox {
            addr,
            merchant_code: self.merchant_code,
            secret_key: self.secret_key,
            app,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

fn router(app: Arc<App>) -> Router {
    let mut router = Router::new();
    for endpoint in [Endpoint::Rpc6, Endpoint::Rpc3, Endpoint::Cm21] {
        let with_slash = endpoint.path();
        let without_slash = with_slash.trim_end_matches('/');
        let handle =
            move |AxumState(app): AxumState<Arc<App>>, body: Bytes| serve(app, endpoint, body);
        router = router
            .route(with_slash, post(handle))
            .route(without_slash, post(handle));
    }
    router.with_state(app)
}

async fn serve(app: Arc<App>, endpoint: Endpoint, body: Bytes) -> Response {
    let latency = app.faults().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let (answer, held) = app.handle_held(endpoint, &body);
    if !held.is_zero() {
        tokio::time::sleep(held).await;
    }
    match answer {
        Answer::Json(value) => (
            [(header::CONTENT_TYPE, "application/json")],
            value.to_string(),
        )
            .into_response(),
        Answer::Http500 => (StatusCode::INTERNAL_SERVER_ERROR, "Injected HTTP 500").into_response(),
        Answer::Fault(kind, value) => {
            let random = app.faults().random.unwrap_or(RandomFaults::new(0, 0));
            crate::faults::respond(kind, value.to_string(), &random).await
        }
        Answer::Status(status, body) => (
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
        )
            .into_response(),
    }
}

/// A sandbox serving on a local port. Dropping it stops the server.
pub struct RunningSandbox {
    addr: SocketAddr,
    merchant_code: String,
    secret_key: String,
    app: Arc<App>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for RunningSandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningSandbox")
            .field("addr", &self.addr)
            .field("merchant_code", &self.merchant_code)
            .field("secret_key", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl RunningSandbox {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The JSON-RPC 6.0 endpoint (also serves Channel Manager 6.0 methods).
    pub fn rpc6_url(&self) -> String {
        format!("{}{}", self.url(), Endpoint::Rpc6.path())
    }

    /// The legacy JSON-RPC 3.0 endpoint.
    pub fn rpc3_url(&self) -> String {
        format!("{}{}", self.url(), Endpoint::Rpc3.path())
    }

    /// The Channel Manager 2.1 endpoint.
    pub fn cm21_url(&self) -> String {
        format!("{}{}", self.url(), Endpoint::Cm21.path())
    }

    /// The merchant code `login` accepts.
    pub fn merchant_code(&self) -> &str {
        &self.merchant_code
    }

    /// The secret key login hashes are checked with.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    pub(crate) fn app(&self) -> &App {
        &self.app
    }

    /// Requests, logins and errors so far.
    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// The ledger of handled requests, when [`SandboxBuilder::ledger`] enabled it. The handle
    /// stays readable after the sandbox stopped.
    pub fn ledger(&self) -> Option<Ledger> {
        self.app.ledger().cloned()
    }

    /// Random faults injected so far, per kind (every kind listed, zeros included).
    pub fn fault_counts(&self) -> Vec<(FaultKind, u64)> {
        self.app.fault_counts()
    }

    /// Stops accepting connections and waits for open requests to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            // A panic inside the server task has already been reported by Tokio; nothing to add.
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Idle keep-alive connections would hold a graceful shutdown open; on drop nobody waits.
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
