//! Every failure says whether the call was performed (`Error::outcome`), calls that may have
//! been performed are never repeated unless retry-safe, and HTTP 429 `Retry-After` is honoured
//! for retry-safe calls within the retry budget.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use common::methods::{Echo, PlaceOrder};
use common::{Account, Action, MERCHANT, SECRET, ok, server_with};
use serde_json::json;
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials, Error, Outcome, RetryPolicy};

fn policy(max_attempts: u32, total_budget: Duration) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        total_budget,
    }
}

fn client(url: &str, retry: RetryPolicy) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(retry)
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap()
}

fn too_many(retry_after: &str) -> Action {
    Action::Raw(
        format!(
            "HTTP/1.1 429 Too Many Requests\r\ncontent-type: text/plain\r\nretry-after: {retry_after}\r\ncontent-length: 4\r\nconnection: close\r\n\r\nslow"
        )
        .into_bytes(),
    )
}

/// A server whose non-login requests meet `fault(n)` for the first `failures`, then succeed.
async fn failing_first(
    failures: usize,
    fault: impl Fn() -> Action + Send + Sync + 'static,
) -> (common::TestServer, Arc<AtomicUsize>) {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let server = server_with(Account::new(), move |_, request| {
        if counter.fetch_add(1, Ordering::SeqCst) < failures {
            fault()
        } else {
            ok(request, json!("fine"))
        }
    })
    .await;
    (server, seen)
}

#[tokio::test]
async fn retry_after_in_seconds_is_waited_for_a_retry_safe_call() {
    let (server, _) = failing_first(1, || too_many("1")).await;
    let started = Instant::now();
    let answer = client(&server.url, policy(3, Duration::from_secs(10)))
        .call(Echo::new("a"))
        .await
        .unwrap();
    assert_eq!(answer, "fine");
    // The backoff alone would be a few milliseconds.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count("echo"), 2);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    let (server, _) = failing_first(1, || {
        too_many(&httpdate::fmt_http_date(
            SystemTime::now() + Duration::from_secs(2),
        ))
    })
    .await;
    let started = Instant::now();
    client(&server.url, policy(3, Duration::from_secs(10)))
        .call(Echo::new("a"))
        .await
        .unwrap();
    // Whole seconds on the wire: "now + 2 s" is at least one second away.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count("echo"), 2);
}

#[tokio::test]
async fn a_429_is_never_retried_for_a_call_that_is_not_retry_safe() {
    let (server, _) = failing_first(usize::MAX, || too_many("7")).await;
    let error = client(&server.url, policy(5, Duration::from_secs(30)))
        .call(PlaceOrder("o1".into()))
        .await
        .unwrap_err();
    match &error {
        Error::RateLimited {
            method,
            retry_after,
            excerpt,
        } => {
            assert_eq!(*method, "placeOrder");
            assert_eq!(*retry_after, Some(Duration::from_secs(7)));
            assert_eq!(excerpt, "slow");
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(error.outcome(), Outcome::NotExecuted);
    assert!(!error.maybe_executed());
    assert!(error.to_string().contains("429"), "{error}");
    assert_eq!(server.count("placeOrder"), 1);
}

#[tokio::test]
async fn a_retry_after_past_the_budget_is_surfaced_at_once() {
    let (server, _) = failing_first(usize::MAX, || too_many("120")).await;
    let started = Instant::now();
    let error = client(&server.url, policy(5, Duration::from_secs(5)))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(120)),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.count("echo"), 1);
}

#[tokio::test]
async fn an_endless_retry_after_is_surfaced_without_overflow() {
    let (server, _) = failing_first(usize::MAX, || too_many("99999999999999999999999")).await;
    let error = client(&server.url, policy(3, Duration::from_secs(5)))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(u64::MAX)));
    assert_eq!(server.count("echo"), 1);
}

#[tokio::test]
async fn repeated_429s_end_with_the_attempts() {
    let (server, _) = failing_first(usize::MAX, || too_many("0")).await;
    let error = client(&server.url, policy(3, Duration::from_secs(5)))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::RateLimited { .. }), "{error:?}");
    assert_eq!(server.count("echo"), 3);
}

#[tokio::test]
async fn a_429_without_retry_after_uses_the_backoff() {
    let (server, _) = failing_first(1, || {
        Action::Status(429, "text/html", "<html>Too Many Requests</html>".into())
    })
    .await;
    client(&server.url, policy(2, Duration::from_secs(5)))
        .call(Echo::new("a"))
        .await
        .unwrap();
    assert_eq!(server.count("echo"), 2);
    let (server, _) = failing_first(1, || too_many("soon")).await;
    let error = client(&server.url, RetryPolicy::NONE)
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::RateLimited {
                retry_after: None,
                ..
            }
        ),
        "{error:?}"
    );
}

/// How a test server spoils an answer.
type Fault = fn() -> Action;

#[tokio::test]
async fn outcomes_of_answers_that_leave_the_call_unknown() {
    let unknown: [(&str, Fault); 6] = [
        ("html 502", || {
            Action::Status(502, "text/html", "<html><h1>Bad Gateway</h1></html>".into())
        }),
        ("truncated json", || {
            Action::Status(200, "application/json", r#"{"jsonrpc":"2.0","id":"#.into())
        }),
        ("reset", || Action::Reset),
        ("cut body", || {
            Action::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"result\":".to_vec())
        }),
        ("slow", || {
            Action::Delay(Duration::from_secs(3), Box::new(Action::Json(json!(null))))
        }),
        ("wrong id", || {
            Action::Json(json!({"id": 987_654_321, "result": "other"}))
        }),
    ];
    for (name, fault) in unknown {
        let (server, _) = failing_first(usize::MAX, fault).await;
        let error = client(&server.url, policy(4, Duration::from_secs(10)))
            .call(PlaceOrder("o1".into()))
            .await
            .unwrap_err();
        assert_eq!(error.outcome(), Outcome::Unknown, "{name}: {error:?}");
        assert!(error.maybe_executed(), "{name}");
        // Never sent twice: it may have been performed.
        assert_eq!(server.count("placeOrder"), 1, "{name}: {error}");
    }
}

#[tokio::test]
async fn outcomes_of_answers_that_refuse_the_call() {
    let (server, _) = failing_first(usize::MAX, || {
        Action::Json(
            json!({"id": null, "error": {"code": "ORDER_PRODUCTS_EMPTY", "message": "none"}}),
        )
    })
    .await;
    let error = client(&server.url, policy(4, Duration::from_secs(10)))
        .call(PlaceOrder("o1".into()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Rpc(_)), "{error:?}");
    assert_eq!(error.outcome(), Outcome::NotExecuted);
    let (server, _) = failing_first(usize::MAX, || {
        Action::Status(404, "text/html", "<html>Not Found</html>".into())
    })
    .await;
    let error = client(&server.url, policy(4, Duration::from_secs(10)))
        .call(PlaceOrder("o1".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(error.outcome(), Outcome::NotExecuted);
}

#[tokio::test]
async fn no_connection_means_not_executed() {
    // A port nobody listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/rpc/6.0/");
    let error = client(&url, policy(2, Duration::from_secs(10)))
        .call(PlaceOrder("o1".into()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connect { .. }), "{error:?}");
    assert_eq!(error.outcome(), Outcome::NotExecuted);
}
