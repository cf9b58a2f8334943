//! Fault injection: slow answers, JSON-RPC failures and HTTP 500s on a fixed rhythm, and random
//! faults drawn from a seeded generator (session expiry, HTML 5xx pages, truncated JSON, cut
//! connections, answers past the client's timeout, wrong ids, 429 with `Retry-After`), so
//! clients' retry and error paths can be exercised deterministically.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::rpc::RpcError;

/// Which faults to inject. Counting is over every HTTP request the sandbox receives, from 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// Every Nth request answers a JSON-RPC error `INTERNAL_ERROR` (after decoding the request,
    /// so the id is echoed).
    pub fail_every: Option<u64>,
    /// Every Nth request answers HTTP 500 with a plain-text body, before any JSON-RPC handling.
    pub http_500_every: Option<u64>,
    /// Every answer is delayed by this much.
    pub latency: Duration,
    /// Random faults, on top of the rhythms above.
    pub random: Option<RandomFaults>,
}

/// What a fault does to request number `n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Injected {
    /// Answer HTTP 500.
    Http500,
    /// Answer this JSON-RPC error.
    RpcError(RpcError),
}

impl Faults {
    /// The fault for request number `n` (1-based), if any. An HTTP 500 wins over an RPC error
    /// when both rhythms hit the same request.
    pub fn for_request(&self, n: u64) -> Option<Injected> {
        let hits =
            |every: Option<u64>| every.is_some_and(|every| every > 0 && n.is_multiple_of(every));
        if hits(self.http_500_every) {
            Some(Injected::Http500)
        } else if hits(self.fail_every) {
            Some(Injected::RpcError(RpcError::business(
                "INTERNAL_ERROR",
                format!(
                    "Injected failure: request {n} (every {} requests fail)",
                    self.fail_every.unwrap_or(0)
                ),
            )))
        } else {
            None
        }
    }
}

/// A kind of random fault. Each is injected either before the method runs (the call is not
/// performed) or after it ran (performed, but the client cannot read the answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaultKind {
    /// Before: the session is expired on the spot and the call answered `SESSION_EXPIRED`
    /// (only for methods that take a session).
    SessionExpiry,
    /// Before: HTTP 502 or 503 with an HTML error page, as a proxy in front of the API sends.
    HtmlErrorBefore,
    /// After: HTTP 500 or 504 with an HTML error page.
    HtmlErrorAfter,
    /// After: HTTP 200 with the first half of the JSON answer.
    TruncatedJson,
    /// Before: the connection is cut before any answer byte.
    ResetBefore,
    /// After: the connection is cut in the middle of the answer.
    ResetAfter,
    /// After: the answer is sent only after [`RandomFaults::slow_by`].
    SlowAnswer,
    /// After: the answer carries the id of another request.
    WrongId,
    /// Before: HTTP 429 with `Retry-After` in seconds.
    RateLimitedSeconds,
    /// Before: HTTP 429 with `Retry-After` as an HTTP date.
    RateLimitedDate,
}

impl FaultKind {
    /// Every kind, in declaration order.
    pub const ALL: [FaultKind; 10] = [
        FaultKind::SessionExpiry,
        FaultKind::HtmlErrorBefore,
        FaultKind::HtmlErrorAfter,
        FaultKind::TruncatedJson,
        FaultKind::ResetBefore,
        FaultKind::ResetAfter,
        FaultKind::SlowAnswer,
        FaultKind::WrongId,
        FaultKind::RateLimitedSeconds,
        FaultKind::RateLimitedDate,
    ];

    /// Whether the method runs before the fault hits the answer.
    pub fn after_execution(self) -> bool {
        matches!(
            self,
            FaultKind::HtmlErrorAfter
                | FaultKind::TruncatedJson
                | FaultKind::ResetAfter
                | FaultKind::SlowAnswer
                | FaultKind::WrongId
        )
    }

    /// A short name for reports (`reset-after`).
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::SessionExpiry => "session-expiry",
            FaultKind::HtmlErrorBefore => "html-5xx-before",
            FaultKind::HtmlErrorAfter => "html-5xx-after",
            FaultKind::TruncatedJson => "truncated-json",
            FaultKind::ResetBefore => "reset-before",
            FaultKind::ResetAfter => "reset-after",
            FaultKind::SlowAnswer => "slow-answer",
            FaultKind::WrongId => "wrong-id",
            FaultKind::RateLimitedSeconds => "429-seconds",
            FaultKind::RateLimitedDate => "429-http-date",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A set of [`FaultKind`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultKinds(u16);

impl FaultKinds {
    /// Every kind.
    pub fn all() -> Self {
        Self::only(&FaultKind::ALL)
    }

    /// Just these kinds.
    pub fn only(kinds: &[FaultKind]) -> Self {
        Self(kinds.iter().fold(0, |set, kind| set | 1 << kind.index()))
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: FaultKind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    fn members(self) -> impl Iterator<Item = FaultKind> {
        FaultKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }
}

/// Faults drawn at random: each request other than `login` and `setPartner` (the client's own
/// bookkeeping) is hit with probability `per_mille / 1000`, by one of `kinds` chosen uniformly.
///
/// The draw for request number `n` depends only on `seed` and `n`, so a run with the same
/// order of requests injects the same faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RandomFaults {
    /// The generator's seed.
    pub seed: u64,
    /// How many requests in a thousand are hit.
    pub per_mille: u32,
    /// The kinds drawn from.
    pub kinds: FaultKinds,
    /// How late a [`FaultKind::SlowAnswer`] answers: set it past the client's timeout.
    pub slow_by: Duration,
    /// The `Retry-After` a 429 asks for (whole seconds in both forms).
    pub retry_after: Duration,
}

impl RandomFaults {
    /// Every kind, `per_mille` requests in a thousand, slow answers 2 s late, `Retry-After: 1`.
    pub fn new(seed: u64, per_mille: u32) -> Self {
        Self {
            seed,
            per_mille,
            kinds: FaultKinds::all(),
            slow_by: Duration::from_secs(2),
            retry_after: Duration::from_secs(1),
        }
    }

    /// The fault drawn for request number `n` of `method`, if any. `has_session` tells whether
    /// the method takes a session (session expiry needs one).
    pub fn draw(&self, n: u64, method: &str, has_session: bool) -> Option<FaultKind> {
        if matches!(method, "login" | "setPartner") {
            return None;
        }
        let mut rng = fastrand::Rng::with_seed(self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        if rng.u32(0..1000) >= self.per_mille {
            return None;
        }
        let kinds: Vec<FaultKind> = self
            .kinds
            .members()
            .filter(|k| has_session || *k != FaultKind::SessionExpiry)
            .collect();
        if kinds.is_empty() {
            return None;
        }
        Some(kinds[rng.usize(0..kinds.len())])
    }
}

/// How many faults of each kind were injected.
#[derive(Debug, Default)]
pub(crate) struct FaultCounts([std::sync::atomic::AtomicU64; FaultKind::ALL.len()]);

impl FaultCounts {
    pub(crate) fn count(&self, kind: FaultKind) {
        self.0[kind.index()].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> Vec<(FaultKind, u64)> {
        FaultKind::ALL
            .into_iter()
            .map(|k| {
                (
                    k,
                    self.0[k.index()].load(std::sync::atomic::Ordering::Relaxed),
                )
            })
            .collect()
    }
}

/// The HTTP answer of a random fault. `json` is the JSON-RPC answer the method produced (for
/// faults after execution) or would have carried.
pub(crate) async fn respond(kind: FaultKind, json: String, faults: &RandomFaults) -> Response {
    match kind {
        // The JSON answer already says it; wrong ids are written by the app.
        FaultKind::SessionExpiry | FaultKind::WrongId => json_response(StatusCode::OK, json),
        FaultKind::HtmlErrorBefore => html_error(StatusCode::BAD_GATEWAY),
        FaultKind::HtmlErrorAfter => html_error(StatusCode::GATEWAY_TIMEOUT),
        FaultKind::TruncatedJson => {
            let cut = half(&json);
            json_response(StatusCode::OK, cut.to_owned())
        }
        FaultKind::ResetBefore => cut_connection(Bytes::new()),
        FaultKind::ResetAfter => cut_connection(Bytes::copy_from_slice(half(&json).as_bytes())),
        FaultKind::SlowAnswer => {
            tokio::time::sleep(faults.slow_by).await;
            json_response(StatusCode::OK, json)
        }
        FaultKind::RateLimitedSeconds => {
            rate_limited(faults.retry_after.as_secs().max(1).to_string())
        }
        FaultKind::RateLimitedDate => {
            // HTTP dates have whole seconds: one more keeps the wait from rounding to nothing.
            let at = SystemTime::now() + faults.retry_after + Duration::from_secs(1);
            rate_limited(httpdate::fmt_http_date(at))
        }
    }
}

/// The first half of `text`, cut on a character boundary.
fn half(text: &str) -> &str {
    let mut cut = text.len() / 2;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn html_error(status: StatusCode) -> Response {
    let reason = status.canonical_reason().unwrap_or("Error");
    let code = status.as_u16();
    let page = format!(
        "<!DOCTYPE html>\n<html><head><title>{code} {reason}</title></head>\n<body><h1>{reason}</h1>\n<p>The server is temporarily unable to service your request.</p>\n<hr><address>injected by the sandbox</address></body></html>\n"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn rate_limited(retry_after: String) -> Response {
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::CONTENT_TYPE, "text/plain")],
        "Too many requests: slow down",
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&retry_after) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A 200 whose body sends `head` and then fails, so the server closes the connection without
/// finishing the answer.
fn cut_connection(head: Bytes) -> Response {
    let body = Body::from_stream(CutStream { head: Some(head) });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// Yields `head` (when not empty), then an error.
struct CutStream {
    head: Option<Bytes>,
}

impl futures_core::Stream for CutStream {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self.head.take() {
            Some(head) if !head.is_empty() => Poll::Ready(Some(Ok(head))),
            _ => Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "injected connection reset",
            )))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rhythm() {
        let faults = Faults {
            fail_every: Some(3),
            http_500_every: Some(5),
            ..Faults::default()
        };
        let kinds: Vec<Option<bool>> = (1..=15)
            .map(|n| faults.for_request(n).map(|f| f == Injected::Http500))
            .collect();
        assert_eq!(kinds[2], Some(false));
        assert_eq!(kinds[4], Some(true));
        assert_eq!(kinds[14], Some(true));
        assert_eq!(kinds[0], None);
        assert_eq!(Faults::default().for_request(7), None);
    }

    #[test]
    fn random_draws_are_seeded_and_reach_every_kind() {
        let faults = RandomFaults::new(42, 200);
        let draws: Vec<_> = (1..=5_000)
            .map(|n| faults.draw(n, "getProductByCode", true))
            .collect();
        let again: Vec<_> = (1..=5_000)
            .map(|n| faults.draw(n, "getProductByCode", true))
            .collect();
        assert_eq!(draws, again);
        let hit = draws.iter().flatten().count();
        assert!((800..1200).contains(&hit), "{hit} of 5000 hit at 20%");
        for kind in FaultKind::ALL {
            assert!(draws.contains(&Some(kind)), "{kind:?} never drawn");
        }
        let other_seed: Vec<_> = (1..=5_000)
            .map(|n| RandomFaults::new(43, 200).draw(n, "getProductByCode", true))
            .collect();
        assert_ne!(draws, other_seed);
    }

    #[test]
    fn login_and_sessionless_methods_are_spared_what_does_not_apply() {
        let faults = RandomFaults::new(7, 1000);
        for n in 1..500 {
            assert_eq!(faults.draw(n, "login", false), None);
            assert_eq!(faults.draw(n, "setPartner", true), None);
            assert!(faults.draw(n, "x", true).is_some());
            assert_ne!(faults.draw(n, "x", false), Some(FaultKind::SessionExpiry));
        }
        let only = RandomFaults {
            kinds: FaultKinds::only(&[FaultKind::SessionExpiry]),
            ..faults
        };
        assert_eq!(only.draw(1, "x", false), None);
        assert_eq!(only.draw(1, "x", true), Some(FaultKind::SessionExpiry));
    }

    #[test]
    fn halves_cut_on_char_boundaries() {
        assert_eq!(half("abcd"), "ab");
        assert_eq!(half("é"), "");
        assert_eq!(half("aé"), "a");
    }
}
