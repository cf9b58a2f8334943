//! Random faults as a raw HTTP client sees them, and the ledger of what was really executed.

mod common;

use std::time::Duration;

use common::Raw;
use serde_json::{Value, json};
use twocheckout_sandbox::{FaultKind, FaultKinds, RandomFaults, RunningSandbox, Sandbox};

/// A sandbox injecting only `kind`, into every request but the login.
async fn only(kind: FaultKind) -> RunningSandbox {
    let faults = RandomFaults {
        kinds: FaultKinds::only(&[kind]),
        slow_by: Duration::from_millis(600),
        ..RandomFaults::new(1, 1000)
    };
    Sandbox::builder()
        .random_faults(faults)
        .ledger("mark-")
        .start()
        .await
        .expect("sandbox starts")
}

const PROPOSAL: &str = "0573e71d-38bb-4d61-88ca-b3c557517c68";

/// Logs in, then sends `performAction` on the seeded opened proposal with `action` and the
/// marker as its status comment, as a raw request; returns the HTTP status, body and
/// `Retry-After`.
async fn marked_action(
    sandbox: &RunningSandbox,
    action: &str,
    marker: &str,
    timeout: Duration,
) -> Result<(u16, String, Option<String>), reqwest::Error> {
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(sandbox).await;
    let body = json!({
        "jsonrpc": "2.0", "id": 77, "method": "performAction",
        "params": [session, PROPOSAL, {"action": action, "StatusComment": marker}],
    });
    let response = reqwest::Client::new()
        .post(sandbox.rpc6_url())
        .timeout(timeout)
        .body(body.to_string())
        .send()
        .await?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = response.text().await?;
    Ok((status, text, retry_after))
}

fn executed(sandbox: &RunningSandbox, marker: &str) -> Vec<bool> {
    sandbox
        .ledger()
        .expect("ledger enabled")
        .for_key(marker)
        .iter()
        .map(|e| e.executed)
        .collect()
}

fn counted(sandbox: &RunningSandbox, kind: FaultKind) -> u64 {
    sandbox
        .fault_counts()
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map_or(0, |(_, n)| n)
}

#[tokio::test]
async fn html_errors_before_and_after_execution() {
    for (kind, status, ran) in [
        (FaultKind::HtmlErrorBefore, 502, false),
        (FaultKind::HtmlErrorAfter, 504, true),
    ] {
        let sandbox = only(kind).await;
        let (got, body, _) = marked_action(&sandbox, "discard", "mark-1", Duration::from_secs(5))
            .await
            .expect("answered");
        assert_eq!(got, status, "{kind:?}");
        assert!(body.starts_with("<!DOCTYPE html>"), "{body}");
        assert_eq!(executed(&sandbox, "mark-1"), [ran], "{kind:?}");
        assert_eq!(counted(&sandbox, kind), 1);
    }
}

#[tokio::test]
async fn truncated_json_after_execution() {
    let sandbox = only(FaultKind::TruncatedJson).await;
    let (status, body, _) = marked_action(&sandbox, "discard", "mark-2", Duration::from_secs(5))
        .await
        .expect("answered");
    assert_eq!(status, 200);
    assert!(body.starts_with(r#"{""#), "{body}");
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    assert_eq!(executed(&sandbox, "mark-2"), [true]);
}

#[tokio::test]
async fn connections_are_cut_before_and_after_execution() {
    for (kind, ran) in [
        (FaultKind::ResetBefore, false),
        (FaultKind::ResetAfter, true),
    ] {
        let sandbox = only(kind).await;
        let outcome = marked_action(&sandbox, "discard", "mark-3", Duration::from_secs(5)).await;
        assert!(outcome.is_err(), "{kind:?}: {outcome:?}");
        assert_eq!(executed(&sandbox, "mark-3"), [ran], "{kind:?}");
    }
}

#[tokio::test]
async fn slow_answers_pass_the_timeout_after_execution() {
    let sandbox = only(FaultKind::SlowAnswer).await;
    let error = marked_action(&sandbox, "discard", "mark-4", Duration::from_millis(200))
        .await
        .expect_err("answer too late");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(executed(&sandbox, "mark-4"), [true]);
    // With patience the answer comes.
    let (status, body, _) = marked_action(&sandbox, "reopen", "mark-5", Duration::from_secs(5))
        .await
        .expect("answered");
    assert_eq!(
        (status, body.contains(r#""status":"opened""#)),
        (200, true),
        "{body}"
    );
}

#[tokio::test]
async fn wrong_ids_after_execution() {
    let sandbox = only(FaultKind::WrongId).await;
    let (status, body, _) = marked_action(&sandbox, "discard", "mark-6", Duration::from_secs(5))
        .await
        .expect("answered");
    assert_eq!(status, 200);
    let answer: Value = serde_json::from_str(&body).expect("JSON");
    assert_ne!(answer["id"], json!(77), "{answer}");
    assert_eq!(answer["result"]["status"], json!("closed_lost"), "{answer}");
    assert_eq!(executed(&sandbox, "mark-6"), [true]);
}

#[tokio::test]
async fn rate_limits_carry_retry_after_in_both_forms() {
    let sandbox = only(FaultKind::RateLimitedSeconds).await;
    let (status, _, retry_after) =
        marked_action(&sandbox, "discard", "mark-7", Duration::from_secs(5))
            .await
            .expect("answered");
    assert_eq!((status, retry_after.as_deref()), (429, Some("1")));
    assert_eq!(executed(&sandbox, "mark-7"), [false]);

    let sandbox = only(FaultKind::RateLimitedDate).await;
    let (status, _, retry_after) =
        marked_action(&sandbox, "discard", "mark-8", Duration::from_secs(5))
            .await
            .expect("answered");
    assert_eq!(status, 429);
    let at = httpdate::parse_http_date(retry_after.as_deref().unwrap_or_default())
        .expect("an HTTP date");
    assert!(at > std::time::SystemTime::now(), "{retry_after:?}");
    assert_eq!(executed(&sandbox, "mark-8"), [false]);
}

#[tokio::test]
async fn session_expiry_ends_the_session() {
    let sandbox = only(FaultKind::SessionExpiry).await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let error = raw
        .err(
            "performAction",
            json!([session, PROPOSAL, {"action": "discard", "StatusComment": "mark-9"}]),
        )
        .await;
    assert_eq!(
        error["data"]["error_code"],
        json!("SESSION_EXPIRED"),
        "{error}"
    );
    assert_eq!(executed(&sandbox, "mark-9"), [false]);
    assert_eq!(counted(&sandbox, FaultKind::SessionExpiry), 1);
    // `login` is never faulted, so the ledger holds it as executed, without a key.
    let entries = sandbox.ledger().expect("ledger").entries();
    assert!(
        entries
            .iter()
            .any(|e| e.method == "login" && e.executed && e.key.is_none())
    );
}

#[tokio::test]
async fn without_faults_the_ledger_counts_each_execution() {
    let sandbox = Sandbox::builder()
        .ledger("mark-")
        .start()
        .await
        .expect("sandbox starts");
    for action in ["discard", "reopen", "reopen"] {
        let (status, _, _) = marked_action(&sandbox, action, "mark-10", Duration::from_secs(5))
            .await
            .expect("answered");
        assert_eq!(status, 200);
    }
    // The second reopen is refused: the proposal is open already.
    assert_eq!(executed(&sandbox, "mark-10"), [true, true, false]);
    assert_eq!(
        sandbox.ledger().expect("ledger").executions_by_key()["mark-10"],
        2
    );
    assert!(sandbox.fault_counts().iter().all(|(_, n)| *n == 0));
    assert!(
        Sandbox::builder()
            .start()
            .await
            .expect("starts")
            .ledger()
            .is_none()
    );
}
