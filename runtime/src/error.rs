//! The one error type a caller matches on.

use std::fmt;
use std::time::Duration;

use crate::secret::scrub;

/// The boxed cause of a transport error (kept opaque so the HTTP stack is not part of the API).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// How many characters of a response body an error keeps.
pub const EXCERPT_CHARS: usize = 200;

/// Everything that can go wrong in a call.
///
/// Server-provided text kept here (body excerpts, RPC messages) never contains the session id:
/// it is replaced by `<redacted>` before the error is built. The secret key is never sent, so it
/// cannot come back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Encoding the request failed.
    #[error("could not encode the request: {0}")]
    Encode(#[source] serde_json::Error),

    /// The connection to the endpoint could not be made (refused, DNS, TLS handshake).
    #[error("`{method}`: could not connect to the endpoint: {source}")]
    Connect {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The underlying cause.
        #[source]
        source: BoxError,
    },

    /// The request did not complete within the configured connect or total timeout.
    #[error("`{method}`: the request timed out")]
    Timeout {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The underlying cause.
        #[source]
        source: BoxError,
    },

    /// Any other transport failure: connection reset, truncated body, protocol error.
    #[error("`{method}`: transport error: {source}")]
    Transport {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The underlying cause.
        #[source]
        source: BoxError,
    },

    /// The server answered with a non-success HTTP status and no JSON-RPC error.
    #[error("`{method}`: HTTP status {status}: {excerpt}")]
    Http {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The HTTP status code.
        status: u16,
        /// The first characters of the body (often an HTML error page).
        excerpt: String,
    },

    /// The server answered, but not with a JSON-RPC response this client can read.
    #[error(
        "`{method}` (request {request_id}): malformed response: {reason}; body starts with: {excerpt}"
    )]
    Malformed {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The id of the request.
        request_id: u64,
        /// What was wrong.
        reason: String,
        /// The first characters of the body.
        excerpt: String,
    },

    /// The server answered this request with a `result`, but it does not have the documented
    /// shape. The server performed the call ([`Outcome::Executed`]); only its answer is unusable.
    #[error(
        "`{method}` (request {request_id}): the call was performed but its result could not be decoded: {reason}; body starts with: {excerpt}"
    )]
    Decode {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The id of the request.
        request_id: u64,
        /// What did not match the documented response type.
        reason: String,
        /// The first characters of the body.
        excerpt: String,
    },

    /// The answer carried the id of another request (or none), so it says nothing about this
    /// one: the call may or may not have been performed.
    #[error(
        "`{method}` (request {request_id}): the answer is for another request ({received}); body starts with: {excerpt}"
    )]
    WrongId {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// The id this client sent.
        request_id: u64,
        /// The id the answer carried (`id 42`, `id null`, `no id`).
        received: String,
        /// The first characters of the body.
        excerpt: String,
    },

    /// HTTP 429: the server refused the call because too many were sent. It was not performed.
    /// Retry-safe calls are sent again after `retry_after` while the retry policy allows it;
    /// this error is what remains when it does not, and for calls that are not retry-safe.
    #[error("`{method}`: rate limited (HTTP 429){}", retry_after_text(.retry_after))]
    RateLimited {
        /// The JSON-RPC method being sent.
        method: &'static str,
        /// How long the server asked to wait (`Retry-After`, in seconds or as an HTTP date),
        /// when it said.
        retry_after: Option<Duration>,
        /// The first characters of the body.
        excerpt: String,
    },

    /// The server answered with a JSON-RPC error object.
    #[error(transparent)]
    Rpc(Box<RpcError>),

    /// The session of a cart handle ended (it expired, or the server rejected it), and the
    /// cart kept in it with it. The call was not sent on another session: open a new cart and
    /// add the products again.
    #[error("`{method}`: the cart's session {reason}; the cart is gone: open a new cart")]
    CartSessionLost {
        /// The JSON-RPC method that was not performed.
        method: &'static str,
        /// How the session ended.
        reason: String,
    },

    /// The client configuration is invalid (bad endpoint, unusable TLS setup, …).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

impl Error {
    /// The JSON-RPC error, when the server answered with one.
    pub fn rpc(&self) -> Option<&RpcError> {
        match self {
            Self::Rpc(rpc) => Some(rpc),
            _ => None,
        }
    }

    /// Whether the server rejected the call because the session is invalid or expired.
    pub fn is_session_error(&self) -> bool {
        self.rpc().is_some_and(RpcError::is_session_error)
    }

    /// Whether this is a JSON-RPC error carrying `code`, as its `code` (string or number) or
    /// its `data.error_code`. Comparison is exact (codes are upper case on the wire).
    pub fn rpc_code_is(&self, code: &str) -> bool {
        self.rpc().is_some_and(|rpc| rpc.has_code(code))
    }

    /// Same as [`Error::rpc_code_is`].
    pub fn has_code(&self, code: &str) -> bool {
        self.rpc_code_is(code)
    }

    /// Whether the server performed the call this error ended (see [`Outcome`]).
    ///
    /// The error of a login made on the way to a call (its `method` is `login` or
    /// `setPartner`) is classified as that login's outcome: [`Outcome::Unknown`] for a
    /// transport failure, although the call itself was not sent. It is never
    /// [`Outcome::Executed`]: an undecodable login answer is [`Outcome::Unknown`], so it cannot
    /// be read as the call having been performed.
    pub fn outcome(&self) -> Outcome {
        match self {
            Self::Encode(_)
            | Self::Config(_)
            | Self::Connect { .. }
            | Self::RateLimited { .. }
            | Self::Rpc(_)
            | Self::CartSessionLost { .. } => Outcome::NotExecuted,
            Self::Http { status, .. } if (400..500).contains(status) => Outcome::NotExecuted,
            Self::Http { .. }
            | Self::Timeout { .. }
            | Self::Transport { .. }
            | Self::Malformed { .. }
            | Self::WrongId { .. } => Outcome::Unknown,
            Self::Decode { method, .. } if matches!(*method, "login" | "setPartner") => {
                Outcome::Unknown
            }
            Self::Decode { .. } => Outcome::Executed,
        }
    }

    /// Whether the call may have been performed although it failed: the outcome is
    /// [`Outcome::Unknown`] or [`Outcome::Executed`]. Such a call must not be sent again
    /// blindly unless it is idempotent.
    pub fn maybe_executed(&self) -> bool {
        self.outcome() != Outcome::NotExecuted
    }

    /// The delay the server asked for with HTTP 429 `Retry-After`, when it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A copy for callers that waited on the same failed login. Transport causes are kept as
    /// their text, since the underlying error types cannot be cloned.
    pub(crate) fn duplicate(&self) -> Self {
        let text = |source: &BoxError| -> BoxError { source.to_string().into() };
        match self {
            Self::Encode(e) => Self::Config(format!("could not encode the request: {e}")),
            Self::Connect { method, source } => Self::Connect {
                method,
                source: text(source),
            },
            Self::Timeout { method, source } => Self::Timeout {
                method,
                source: text(source),
            },
            Self::Transport { method, source } => Self::Transport {
                method,
                source: text(source),
            },
            Self::Http {
                method,
                status,
                excerpt,
            } => Self::Http {
                method,
                status: *status,
                excerpt: excerpt.clone(),
            },
            Self::Malformed {
                method,
                request_id,
                reason,
                excerpt,
            } => Self::Malformed {
                method,
                request_id: *request_id,
                reason: reason.clone(),
                excerpt: excerpt.clone(),
            },
            Self::Decode {
                method,
                request_id,
                reason,
                excerpt,
            } => Self::Decode {
                method,
                request_id: *request_id,
                reason: reason.clone(),
                excerpt: excerpt.clone(),
            },
            Self::WrongId {
                method,
                request_id,
                received,
                excerpt,
            } => Self::WrongId {
                method,
                request_id: *request_id,
                received: received.clone(),
                excerpt: excerpt.clone(),
            },
            Self::RateLimited {
                method,
                retry_after,
                excerpt,
            } => Self::RateLimited {
                method,
                retry_after: *retry_after,
                excerpt: excerpt.clone(),
            },
            Self::Rpc(rpc) => Self::Rpc(rpc.clone()),
            Self::CartSessionLost { method, reason } => Self::CartSessionLost {
                method,
                reason: reason.clone(),
            },
            Self::Config(message) => Self::Config(message.clone()),
        }
    }

    /// Whether sending the call again may succeed: transport failures, HTTP 5xx and 429
    /// answers, never JSON-RPC errors (the server read the call and answered). Whether the
    /// call may be sent again is [`Error::may_retry`].
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            Self::Connect { .. }
            | Self::Timeout { .. }
            | Self::Transport { .. }
            | Self::RateLimited { .. } => true,
            Self::Http { status, .. } => (500..600).contains(status),
            _ => false,
        }
    }

    /// Whether a call failing with this error may be sent again: it is transient, and either
    /// the method is retry-safe or the call was certainly not performed. A 429 is retried only
    /// for retry-safe methods; other calls get it as [`Error::RateLimited`].
    pub(crate) fn may_retry(&self, retry_safe: bool) -> bool {
        if !self.is_transient() {
            return false;
        }
        match self {
            Self::RateLimited { .. } => retry_safe,
            _ => retry_safe || self.outcome() == Outcome::NotExecuted,
        }
    }
}

fn retry_after_text(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(delay) => format!("; retry after {} ms", delay.as_millis()),
        None => String::new(),
    }
}

/// Whether a failed call was performed by the server, as far as the client can tell.
///
/// Every [`Error`] says which with [`Error::outcome`]. A caller that must not perform a call
/// twice (an order, a refund) re-sends it only after [`Outcome::NotExecuted`]; after
/// [`Outcome::Unknown`] it looks the effect up first (search the orders, read the record).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The server did not perform the call: it was never sent (configuration, encoding, no
    /// connection), or the server answered that it refused it (a JSON-RPC error, HTTP 4xx
    /// including 429, a rejected session).
    NotExecuted,
    /// The call may or may not have been performed: the connection failed after the request
    /// was sent, the answer did not arrive in time, was cut short, was not JSON-RPC, was an
    /// HTTP 5xx, or answered another request.
    Unknown,
    /// The server performed the call and answered with a result, which could not be decoded.
    Executed,
}

/// A JSON-RPC `code`: numeric in the merchant APIs, a string in Channel Manager pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RpcCode {
    /// A numeric code such as `10001`.
    Int(i64),
    /// A string code such as `INVALID_PARTNER`.
    Str(String),
}

impl RpcCode {
    /// Whether the code equals `code`, compared as text for numeric codes.
    pub fn is(&self, code: &str) -> bool {
        match self {
            Self::Int(n) => code.parse::<i64>().is_ok_and(|c| c == *n),
            Self::Str(s) => s == code,
        }
    }
}

impl fmt::Display for RpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Int(n) => write!(f, "{n}"),
            Self::Str(s) => f.write_str(s),
        }
    }
}

/// Numeric codes meaning the session is invalid or expired (10000 also covers a bad login hash,
/// but a session-bearing call never carries a hash).
const SESSION_INT_CODES: [i64; 3] = [10000, 10001, 10002];

/// String codes meaning the session is invalid or expired when a session-bearing call gets them.
const SESSION_STR_CODES: [&str; 4] = [
    "FORBIDDEN",
    "INVALID_SESSION",
    "SESSION_EXPIRED",
    "AUTHENTICATION_FAILED",
];

/// A JSON-RPC error object, with the request it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RpcError {
    /// The method that failed.
    pub method: &'static str,
    /// The id of the request.
    pub request_id: u64,
    /// `error.code`.
    pub code: RpcCode,
    /// `error.message` (empty when absent).
    pub message: String,
    /// `error.data.error_code`, when present.
    pub error_code: Option<String>,
}

impl RpcError {
    /// Whether the session this call was sent with is no longer valid, so a fresh login may
    /// make the same call succeed. Never true for `login` itself: there a `FORBIDDEN` means a
    /// wrong hash, which another login cannot fix.
    pub fn is_session_error(&self) -> bool {
        if self.method == "login" {
            return false;
        }
        let int_code = matches!(self.code, RpcCode::Int(n) if SESSION_INT_CODES.contains(&n));
        let str_code = SESSION_STR_CODES
            .iter()
            .any(|c| self.code.is(c) || self.error_code.as_deref() == Some(*c));
        int_code || str_code
    }

    /// Whether `code` is this error's `code` or its `data.error_code`.
    pub fn has_code(&self, code: &str) -> bool {
        self.code.is(code) || self.error_code.as_deref() == Some(code)
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` (request {}) failed with code {}",
            self.method, self.request_id, self.code
        )?;
        if let Some(error_code) = &self.error_code {
            write!(f, " ({error_code})")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for RpcError {}

/// A short, printable excerpt of a response body: at most [`EXCERPT_CHARS`] characters, cut on a
/// character boundary, whitespace runs folded, with `secret` (the session id) scrubbed out.
pub(crate) fn excerpt(body: &[u8], secret: Option<&str>) -> String {
    // Scrub before cutting so a secret straddling the cut cannot leave a prefix behind: the
    // window holds every secret that starts within the kept characters (at most 4 bytes each).
    let window = EXCERPT_CHARS * 4 + secret.map_or(0, str::len);
    let head = &body[..body.len().min(window)];
    let text = scrub(&String::from_utf8_lossy(head), secret);
    let mut out = String::with_capacity(EXCERPT_CHARS);
    let mut kept = 0;
    let mut last_space = false;
    for c in text.chars() {
        let c = if c.is_whitespace() || c.is_control() {
            ' '
        } else {
            c
        };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        if kept == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
        kept += 1;
    }
    if body.is_empty() {
        out.push_str("<empty body>");
    }
    let out = out.trim();
    if out.is_empty() && !body.is_empty() {
        // Folding left nothing to show: show the characters themselves, escaped.
        let shown: String = text.chars().take(40).collect();
        return format!("<only white space or control characters: {shown:?}>");
    }
    out.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_of_white_space_is_shown_escaped() {
        assert_eq!(
            excerpt(b"\n       ", None),
            r#"<only white space or control characters: "\n       ">"#
        );
        assert_eq!(
            excerpt(b"\0\x01", None),
            r#"<only white space or control characters: "\0\u{1}">"#
        );
        assert_eq!(excerpt(b"", None), "<empty body>");
    }

    #[test]
    fn excerpt_is_capped_on_char_boundaries() {
        let body = "é".repeat(1000);
        let e = excerpt(body.as_bytes(), None);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
    }

    #[test]
    fn excerpt_scrubs_a_secret_straddling_the_cut() {
        let secret = "S".repeat(64);
        let body = format!("{}{}tail", "x".repeat(190), secret);
        let e = excerpt(body.as_bytes(), Some(&secret));
        assert!(!e.contains("SSSS"), "{e}");
    }

    #[test]
    fn excerpt_folds_whitespace_and_handles_invalid_utf8() {
        let e = excerpt(b"<html>\n\n  <body>\xff</body>", None);
        assert_eq!(e, "<html> <body>\u{fffd}</body>");
        assert_eq!(excerpt(b"", None), "<empty body>");
    }

    fn transport(method: &'static str) -> Error {
        Error::Transport {
            method,
            source: "reset".into(),
        }
    }

    #[test]
    fn outcomes_and_retries() {
        let connect = Error::Connect {
            method: "placeOrder",
            source: "refused".into(),
        };
        assert_eq!(connect.outcome(), Outcome::NotExecuted);
        // Certainly not sent: any call may be sent again.
        assert!(connect.may_retry(false) && connect.may_retry(true));

        for unknown in [
            transport("placeOrder"),
            Error::Timeout {
                method: "placeOrder",
                source: "slow".into(),
            },
            Error::Http {
                method: "placeOrder",
                status: 503,
                excerpt: "<html>".into(),
            },
        ] {
            assert_eq!(unknown.outcome(), Outcome::Unknown, "{unknown}");
            assert!(unknown.maybe_executed());
            assert!(unknown.may_retry(true), "{unknown}");
            assert!(!unknown.may_retry(false), "{unknown}");
        }

        let limited = Error::RateLimited {
            method: "placeOrder",
            retry_after: Some(Duration::from_secs(2)),
            excerpt: String::new(),
        };
        assert_eq!(limited.outcome(), Outcome::NotExecuted);
        assert_eq!(limited.retry_after(), Some(Duration::from_secs(2)));
        assert!(limited.may_retry(true));
        assert!(!limited.may_retry(false));
        assert_eq!(
            limited.to_string(),
            "`placeOrder`: rate limited (HTTP 429); retry after 2000 ms"
        );
        assert!(
            matches!(limited.duplicate(), Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(2))
        );

        let wrong_id = Error::WrongId {
            method: "placeOrder",
            request_id: 3,
            received: "id 4".into(),
            excerpt: String::new(),
        };
        assert_eq!(wrong_id.outcome(), Outcome::Unknown);
        assert!(!wrong_id.may_retry(true));
        assert!(matches!(
            wrong_id.duplicate(),
            Error::WrongId { request_id: 3, .. }
        ));

        let decode = Error::Decode {
            method: "placeOrder",
            request_id: 3,
            reason: "invalid type".into(),
            excerpt: String::new(),
        };
        assert_eq!(decode.outcome(), Outcome::Executed);
        assert!(decode.maybe_executed() && !decode.may_retry(true));
        let login = Error::Decode {
            method: "login",
            request_id: 1,
            reason: "login returned an empty session id".into(),
            excerpt: String::new(),
        };
        assert_eq!(login.outcome(), Outcome::Unknown);

        let client_side = Error::Http {
            method: "placeOrder",
            status: 404,
            excerpt: String::new(),
        };
        assert_eq!(client_side.outcome(), Outcome::NotExecuted);
        assert!(!client_side.may_retry(true));
        assert_eq!(Error::Config("x".into()).outcome(), Outcome::NotExecuted);
        assert_eq!(transport("login").retry_after(), None);
    }

    #[test]
    fn session_codes() {
        let mut e = RpcError {
            method: "getProduct",
            request_id: 1,
            code: RpcCode::Int(10001),
            message: String::new(),
            error_code: None,
        };
        assert!(e.is_session_error());
        e.code = RpcCode::Int(55200);
        assert!(!e.is_session_error());
        e.error_code = Some("SESSION_EXPIRED".into());
        assert!(e.is_session_error());
        e.error_code = None;
        e.code = RpcCode::Str("INVALID_PARTNER".into());
        assert!(!e.is_session_error());
        assert!(e.has_code("INVALID_PARTNER"));
        e.code = RpcCode::Str("FORBIDDEN".into());
        assert!(e.is_session_error());
        e.method = "login";
        assert!(!e.is_session_error());
    }
}
