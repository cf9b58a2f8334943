//! A hook around every HTTP exchange of a client, for metrics and logging.
//!
//! An [`Observer`] given to [`crate::ClientBuilder::observer`] is told before each attempt is
//! sent ([`Observer::before_send`]) and after its answer was read and decoded, or the attempt
//! failed ([`Observer::after_receive`]): the JSON-RPC method, the request id, the attempt number
//! (retries of one call share the id), then the HTTP status, the latency and, on failure, the
//! kind of error. Logins and `setPartner` calls are observed like any other call.
//!
//! What an observer sees never holds the secret key, the session id, the login hash or a body:
//! only the fields of [`CallInfo`] and [`Received`].
//!
//! ```
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use twocheckout_rpc::observe::{CallInfo, Observer, Received};
//!
//! /// Counts failed attempts and logs slow ones.
//! #[derive(Default)]
//! struct Metrics {
//!     failures: AtomicU64,
//! }
//!
//! impl Observer for Metrics {
//!     fn after_receive(&self, call: &CallInfo, received: &Received) {
//!         if received.error.is_some() {
//!             self.failures.fetch_add(1, Ordering::Relaxed);
//!         }
//!         if received.latency.as_secs() >= 2 {
//!             eprintln!("slow: {} #{} attempt {}", call.method, call.id, call.attempt);
//!         }
//!     }
//! }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::Error;

/// Receives an event before and after every attempt of every call.
///
/// Both methods run on the task making the call, so they should be quick (hand the figures to a
/// metrics registry or a channel) and must not panic: a panic would end the call. Both do
/// nothing by default.
pub trait Observer: Send + Sync + 'static {
    /// The attempt is about to be sent.
    fn before_send(&self, call: &CallInfo) {
        let _ = call;
    }

    /// The attempt's answer was read and decoded, or the attempt failed.
    fn after_receive(&self, call: &CallInfo, received: &Received) {
        let _ = (call, received);
    }
}

/// An observer the application keeps a handle to (to read its figures) is shared as an `Arc`.
impl<T: Observer + ?Sized> Observer for Arc<T> {
    fn before_send(&self, call: &CallInfo) {
        (**self).before_send(call);
    }

    fn after_receive(&self, call: &CallInfo, received: &Received) {
        (**self).after_receive(call, received);
    }
}

/// Which attempt of which call an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallInfo {
    /// The JSON-RPC method (`getProductByCode`, `login`).
    pub method: &'static str,
    /// The JSON-RPC request id; every attempt of one call has the same id.
    pub id: u64,
    /// 1 for the first attempt, 2 for the first retry, …
    pub attempt: u32,
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Received {
    /// The HTTP status, when an answer arrived.
    pub status: Option<u16>,
    /// From just before sending to the end of decoding (or the failure).
    pub latency: Duration,
    /// The kind of error the attempt ended with; `None` on success.
    pub error: Option<ErrorKind>,
}

/// The kind of an [`Error`], without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The connection could not be made.
    Connect,
    /// The request timed out.
    Timeout,
    /// Another transport failure (reset, truncated body).
    Transport,
    /// A non-success HTTP status without a JSON-RPC error.
    Http,
    /// An answer that is not a readable JSON-RPC response.
    Malformed,
    /// A JSON-RPC error object, with its symbolic code (`data.error_code`) when it has one.
    Rpc {
        /// The symbolic code (`INVALID_SESSION`, `FORBIDDEN`), if the server sent one.
        error_code: Option<String>,
    },
    /// HTTP 429: the server asked the client to slow down.
    RateLimited,
    /// A JSON-RPC answer carrying another request's id.
    WrongId,
    /// A success whose result does not have the documented shape.
    Decode,
    /// Anything else (encoding, configuration, a lost cart session).
    Other,
}

impl ErrorKind {
    /// The kind of `error`.
    pub fn of(error: &Error) -> Self {
        match error {
            Error::Connect { .. } => ErrorKind::Connect,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Http { .. } => ErrorKind::Http,
            Error::Malformed { .. } => ErrorKind::Malformed,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::WrongId { .. } => ErrorKind::WrongId,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Rpc(rpc) => ErrorKind::Rpc {
                error_code: rpc.error_code.clone(),
            },
            _ => ErrorKind::Other,
        }
    }

    /// A short name for metrics labels (`connect`, `timeout`, `rpc`, …).
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Transport => "transport",
            ErrorKind::Http => "http",
            ErrorKind::Malformed => "malformed",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::WrongId => "wrong_id",
            ErrorKind::Decode => "decode",
            ErrorKind::Rpc { .. } => "rpc",
            ErrorKind::Other => "other",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Rpc {
                error_code: Some(code),
            } => write!(f, "rpc ({code})"),
            other => f.write_str(other.name()),
        }
    }
}

/// The observer of a client, if any.
#[derive(Clone, Default)]
pub(crate) struct Observers(Option<Arc<dyn Observer>>);

impl fmt::Debug for Observers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Some(..)" } else { "None" })
    }
}

impl Observers {
    pub(crate) fn new(observer: Option<Arc<dyn Observer>>) -> Self {
        Self(observer)
    }

    /// Tells the observer an attempt starts; the returned value reports its end.
    pub(crate) fn start(&self, method: &'static str, id: u64, attempt: u32) -> Attempt<'_> {
        let call = CallInfo {
            method,
            id,
            attempt,
        };
        if let Some(observer) = &self.0 {
            observer.before_send(&call);
        }
        Attempt {
            observer: self.0.as_deref(),
            call,
            started: Instant::now(),
        }
    }
}

/// An attempt being observed.
pub(crate) struct Attempt<'a> {
    observer: Option<&'a dyn Observer>,
    call: CallInfo,
    started: Instant,
}

impl Attempt<'_> {
    /// Reports how the attempt ended.
    pub(crate) fn finish<T>(self, status: Option<u16>, result: &Result<T, Error>) {
        if let Some(observer) = self.observer {
            let received = Received {
                status,
                latency: self.started.elapsed(),
                error: result.as_ref().err().map(ErrorKind::of),
            };
            observer.after_receive(&self.call, &received);
        }
    }
}
