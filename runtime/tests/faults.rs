//! Fault injection: each fault gives the documented error or a transparent recovery, and a
//! call that is not retry-safe is never sent twice.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::methods::{Echo, PlaceOrder};
use common::{Account, Action, MERCHANT, SECRET, echo_server, ok, server_with};
use serde_json::{Value, json};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials, Error, RetryPolicy};

fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        total_budget: Duration::from_secs(10),
    }
}

fn client(url: &str, retry: RetryPolicy) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(retry)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

/// A server whose non-login methods meet `fault` for their first `failures` requests, then
/// answer normally.
async fn flaky(failures: usize, fault: fn() -> Action) -> (common::TestServer, Arc<Account>) {
    let account = Account::new();
    let seen = Arc::new(AtomicUsize::new(0));
    let server = server_with(account.clone(), move |_, request| {
        if seen.fetch_add(1, Ordering::SeqCst) < failures {
            fault()
        } else {
            ok(request, json!("fine"))
        }
    })
    .await;
    (server, account)
}

fn html_500() -> Action {
    Action::Status(
        500,
        "text/html",
        format!(
            "<html><body><h1>Internal Server Error</h1>{}</body></html>",
            "é".repeat(400)
        ),
    )
}

#[tokio::test]
async fn session_expired_mid_run_relogs_in_once() {
    let account = Account::new();
    let server = echo_server(account.clone()).await;
    let client = client(&server.url, RetryPolicy::NONE);
    assert_eq!(client.call(Echo::new("a")).await.unwrap(), "a");
    account.expire_all();
    assert_eq!(client.call(Echo::new("b")).await.unwrap(), "b");
    assert_eq!(account.logins(), 2);
    assert_eq!(
        server.sequence(),
        ["login", "echo", "echo", "login", "echo"]
    );
}

#[tokio::test]
async fn session_error_retry_happens_once_only() {
    let account = Account::new();
    // Every echo is rejected for its session, even right after a login.
    let server = server_with(account.clone(), |account, r| account.session_error(r)).await;
    let error = client(&server.url, fast_retries(5))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(error.is_session_error(), "{error:?}");
    assert_eq!(server.count("echo"), 2);
    assert_eq!(account.logins(), 2);
}

#[tokio::test]
async fn string_session_codes_also_relogin() {
    for (code, error_code) in [
        (json!("SESSION_EXPIRED"), None),
        (json!("AUTHENTICATION_FAILED"), None),
        (json!(1), Some("INVALID_SESSION")),
        (json!(10000), Some("FORBIDDEN")),
    ] {
        let account = Account::new();
        let rejected = Arc::new(AtomicUsize::new(0));
        let server = server_with(account.clone(), move |_, r| {
            if rejected.fetch_add(1, Ordering::SeqCst) == 0 {
                common::rpc_error(r, code.clone(), "session", error_code)
            } else {
                ok(r, json!("ok"))
            }
        })
        .await;
        client(&server.url, RetryPolicy::NONE)
            .call(Echo::new("a"))
            .await
            .unwrap();
        assert_eq!(account.logins(), 2);
    }
}

#[tokio::test]
async fn non_retry_safe_call_is_resent_only_after_a_session_rejection() {
    let account = Account::new();
    let server = server_with(account.clone(), |account, r| match account.session_of(r) {
        Some(_) => ok(r, json!({"RefNo": "1"})),
        None => account.session_error(r),
    })
    .await;
    let client = client(&server.url, fast_retries(5));
    client.call(PlaceOrder("o1".into())).await.unwrap();
    account.expire_all();
    // The server refused the call (it did not place the order), so one resend is safe.
    client.call(PlaceOrder("o2".into())).await.unwrap();
    assert_eq!(server.count("placeOrder"), 3);
    assert_eq!(account.logins(), 2);
}

#[tokio::test]
async fn http_500_with_html_is_retried_for_retry_safe_calls() {
    let (server, _) = flaky(2, html_500).await;
    let answer = client(&server.url, fast_retries(3))
        .call(Echo::new("a"))
        .await
        .unwrap();
    assert_eq!(answer, "fine");
    assert_eq!(server.count("echo"), 3);
}

#[tokio::test]
async fn http_500_gives_status_and_a_short_excerpt() {
    let (server, _) = flaky(usize::MAX, html_500).await;
    let error = client(&server.url, fast_retries(3))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    match &error {
        Error::Http {
            status,
            excerpt,
            method,
        } => {
            assert_eq!(*status, 500);
            assert_eq!(*method, "echo");
            assert!(
                excerpt.starts_with("<html><body><h1>Internal Server Error"),
                "{excerpt}"
            );
            assert!(
                excerpt.chars().count() <= 201,
                "{}",
                excerpt.chars().count()
            );
        }
        other => panic!("expected Http, got {other:?}"),
    }
    // Bounded: exactly max_attempts sends.
    assert_eq!(server.count("echo"), 3);
}

#[tokio::test]
async fn http_500_is_never_retried_for_non_retry_safe_calls() {
    let (server, _) = flaky(usize::MAX, html_500).await;
    let error = client(&server.url, fast_retries(5))
        .call(PlaceOrder("o".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 500, .. }),
        "{error:?}"
    );
    assert_eq!(server.count("placeOrder"), 1);
}

#[tokio::test]
async fn http_4xx_is_not_retried() {
    let (server, _) = flaky(usize::MAX, || {
        Action::Status(404, "text/plain", "not here".into())
    })
    .await;
    let error = client(&server.url, fast_retries(5))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Http { status: 404, excerpt, .. } if excerpt == "not here"),
        "{error:?}"
    );
    assert_eq!(server.count("echo"), 1);
}

#[tokio::test]
async fn rpc_error_in_a_500_is_an_rpc_error() {
    let account = Account::new();
    let server = server_with(account, |_, r| {
        Action::Status(
            500,
            "application/json",
            json!({"id": r["id"], "error": {"code": 55201, "message": "order error"}}).to_string(),
        )
    })
    .await;
    let error = client(&server.url, fast_retries(5))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(error.rpc_code_is("55201"), "{error:?}");
    assert_eq!(server.count("echo"), 1);
}

#[tokio::test]
async fn truncated_json_is_malformed_and_not_retried() {
    let (server, _) = flaky(usize::MAX, || {
        Action::Status(
            200,
            "application/json",
            r#"{"jsonrpc":"2.0","id":1,"result":{"Pro"#.into(),
        )
    })
    .await;
    let error = client(&server.url, fast_retries(5))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    match &error {
        Error::Malformed {
            reason, excerpt, ..
        } => {
            assert!(reason.contains("EOF"), "{reason}");
            assert!(excerpt.starts_with(r#"{"jsonrpc":"2.0""#), "{excerpt}");
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
    assert_eq!(server.count("echo"), 1);
}

#[tokio::test]
async fn body_cut_short_by_the_connection_is_a_transport_error() {
    let (server, _) = flaky(usize::MAX, || {
        Action::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"result\":".to_vec())
    })
    .await;
    let error = client(&server.url, RetryPolicy::NONE)
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { method: "echo", .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn wrong_id_is_a_typed_error_and_not_retried() {
    let (server, _) = flaky(usize::MAX, || {
        Action::Json(json!({"jsonrpc": "2.0", "id": 999_999, "result": "someone else's"}))
    })
    .await;
    let error = client(&server.url, fast_retries(5))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::WrongId { .. }), "{error:?}");
    assert_eq!(server.count("echo"), 1);
}

#[tokio::test]
async fn slow_server_times_out() {
    let (server, _) = flaky(usize::MAX, || {
        Action::Delay(Duration::from_secs(5), Box::new(Action::Json(Value::Null)))
    })
    .await;
    let started = std::time::Instant::now();
    let error = client(&server.url, RetryPolicy::NONE)
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { method: "echo", .. }),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn slow_server_then_recovery_for_retry_safe_calls() {
    let (server, _) = flaky(1, || {
        Action::Delay(Duration::from_secs(5), Box::new(Action::Json(Value::Null)))
    })
    .await;
    let answer = client(&server.url, fast_retries(2))
        .call(Echo::new("a"))
        .await
        .unwrap();
    assert_eq!(answer, "fine");
    assert_eq!(server.count("echo"), 2);
}

#[tokio::test]
async fn slow_server_never_gets_a_second_non_retry_safe_call() {
    let (server, _) = flaky(usize::MAX, || {
        Action::Delay(Duration::from_secs(5), Box::new(Action::Json(Value::Null)))
    })
    .await;
    let error = client(&server.url, fast_retries(5))
        .call(PlaceOrder("o".into()))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(server.count("placeOrder"), 1);
}

#[tokio::test]
async fn connection_reset_is_retried_for_retry_safe_calls() {
    let (server, _) = flaky(2, || Action::Reset).await;
    let answer = client(&server.url, fast_retries(3))
        .call(Echo::new("a"))
        .await
        .unwrap();
    assert_eq!(answer, "fine");
    assert_eq!(server.count("echo"), 3);
}

#[tokio::test]
async fn connection_reset_fails_a_non_retry_safe_call_once() {
    let (server, _) = flaky(usize::MAX, || Action::Reset).await;
    let error = client(&server.url, fast_retries(5))
        .call(PlaceOrder("o".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Transport { .. } | Error::Connect { .. }),
        "{error:?}"
    );
    assert_eq!(server.count("placeOrder"), 1);
}

#[tokio::test]
async fn nothing_listening_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rpc/", listener.local_addr().unwrap());
    drop(listener);
    let error = client(&url, fast_retries(2))
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Connect {
                method: "login",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn retry_budget_bounds_the_total_time() {
    let (server, _) = flaky(usize::MAX, html_500).await;
    let policy = RetryPolicy {
        max_attempts: 100,
        base_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(50),
        total_budget: Duration::from_millis(300),
    };
    let started = std::time::Instant::now();
    let error = client(&server.url, policy)
        .call(Echo::new("a"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Http { status: 500, .. }));
    assert!(started.elapsed() < Duration::from_secs(2));
    let sent = server.count("echo");
    assert!((2..=13).contains(&sent), "{sent}");
}

#[tokio::test]
async fn oversized_body_is_refused_without_retry() {
    let account = Account::new();
    let server = server_with(account, |_, r| ok(r, json!("x".repeat(10_000)))).await;
    let client = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(&server.url)
        .max_response_bytes(1000)
        .retry_policy(fast_retries(5))
        .build()
        .unwrap();
    let error = client.call(Echo::new("a")).await.unwrap_err();
    assert!(
        matches!(&error, Error::Malformed { reason, .. } if reason.contains("1000 byte limit")),
        "{error:?}"
    );
    assert_eq!(server.count("echo"), 1);
}
