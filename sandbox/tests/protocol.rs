//! The envelope, login, sessions, partner context, spec validation and faults, over raw JSON.

mod common;

use std::time::Duration;

use common::{Raw, assert_code, start};
use serde_json::{Value, json};
use twocheckout_sandbox::auth::{Algorithm, compute_hash};
use twocheckout_sandbox::{Sandbox, login_date_now};

#[tokio::test]
async fn envelope_errors_use_the_json_rpc_codes() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());

    let (status, response) = raw.post("{not json").await;
    assert_eq!(status, 200);
    assert_eq!(response["error"]["code"], -32700);
    assert_eq!(response["id"], Value::Null);
    assert_eq!(response["jsonrpc"], "2.0");

    let (_, response) = raw.post(r#"{"jsonrpc":"2.0","id":5,"params":[]}"#).await;
    assert_eq!(response["error"]["code"], -32600);
    assert_eq!(response["id"], 5);

    let (_, response) = raw
        .post(r#"[{"jsonrpc":"2.0","id":5,"method":"login"}]"#)
        .await;
    assert_eq!(response["error"]["code"], -32600);

    let (_, response) = raw
        .post(r#"{"jsonrpc":"2.0","id":"abc","method":"noSuchMethod","params":["x"]}"#)
        .await;
    assert_eq!(response["error"]["code"], -32601);
    assert_eq!(response["error"]["data"]["error_code"], "METHOD_NOT_FOUND");
    assert_eq!(response["id"], "abc", "string ids are echoed as sent");
}

#[tokio::test]
async fn methods_are_served_only_on_their_endpoints() {
    let sandbox = start().await;
    // setPartner is Channel Manager 2.1 only; getProductByCode is JSON-RPC 6.0 only.
    let rpc6 = Raw::new(sandbox.rpc6_url());
    let cm21 = Raw::new(sandbox.cm21_url());
    let session = rpc6.login(&sandbox).await;
    let error = rpc6
        .err("setPartner", json!([session, "Test Avangate"]))
        .await;
    assert_eq!(error["code"], -32601);
    let error = cm21
        .err("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(error["code"], -32601);
    // Channel Manager 6.0 methods live on the 6.0 endpoint.
    let resellers = rpc6
        .ok(
            "getPartnerResellers",
            json!([session, {"PartnerCode": "Test Avangate"}]),
        )
        .await;
    assert!(resellers.as_array().is_some_and(|r| !r.is_empty()));
}

#[tokio::test]
async fn paths_work_with_and_without_trailing_slash() {
    let sandbox = start().await;
    for url in [
        sandbox.rpc6_url(),
        sandbox.rpc6_url().trim_end_matches('/').to_string(),
        sandbox.rpc3_url().trim_end_matches('/').to_string(),
        sandbox.cm21_url().trim_end_matches('/').to_string(),
    ] {
        let raw = Raw::new(url.clone());
        let session = raw.login(&sandbox).await;
        assert_eq!(session.len(), 32, "{url}");
    }
}

#[tokio::test]
async fn login_accepts_every_documented_algorithm() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let date = login_date_now();
    let code = sandbox.merchant_code();
    let key = sandbox.secret_key();
    let md5 = compute_hash(Algorithm::Md5, key, code, &date);
    let sha256 = compute_hash(Algorithm::Sha256, key, code, &date);
    let sha3 = compute_hash(Algorithm::Sha3_256, key, code, &date);
    for params in [
        json!([code, date, md5]),
        json!([code, date, sha256, "sha256"]),
        json!([code, date, sha256, "SHA256"]),
        json!([code, date, sha3, "SHA3-256"]),
        json!([code, date, sha3, "sha3-256"]),
    ] {
        let session = raw.ok("login", params.clone()).await;
        assert!(session.is_string(), "{params}");
    }
    assert_eq!(sandbox.stats().logins, 5);
}

#[tokio::test]
async fn login_rejects_bad_credentials_with_authentication_failed() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let date = login_date_now();
    let code = sandbox.merchant_code();
    let good = compute_hash(Algorithm::Sha256, sandbox.secret_key(), code, &date);
    let other_key = compute_hash(Algorithm::Sha256, "WRONG", code, &date);
    let stale = "2010-05-13 12:12:12";
    let stale_hash = compute_hash(Algorithm::Sha256, sandbox.secret_key(), code, stale);
    let cases = [
        json!([code, date, other_key, "sha256"]),
        json!([
            "OTHER",
            date,
            compute_hash(Algorithm::Sha256, sandbox.secret_key(), "OTHER", &date),
            "sha256"
        ]),
        json!([code, stale, stale_hash, "sha256"]),
        json!([code, date, good, "md5-but-not-really"]),
        json!([code, "yesterday", good, "sha256"]),
        // An MD5 hash sent as SHA-256.
        json!([
            code,
            date,
            compute_hash(Algorithm::Md5, sandbox.secret_key(), code, &date),
            "sha256"
        ]),
    ];
    for params in cases {
        let error = raw.err("login", params.clone()).await;
        assert_eq!(error["code"], 10000, "{params}");
        assert_eq!(
            error["data"]["error_code"], "AUTHENTICATION_FAILED",
            "{params}"
        );
        let message = error["message"].as_str().unwrap_or_default();
        assert!(
            !message.contains(sandbox.secret_key()),
            "the key never appears in errors"
        );
    }
    assert_eq!(sandbox.stats().logins, 0);
}

#[tokio::test]
async fn login_checks_arity_against_the_spec() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let error = raw
        .err("login", json!(["MERCHANT", "2026-01-01 00:00:00"]))
        .await;
    assert_code(&error, "MISSING_PARAMETER");
    assert_eq!(error["message"], "Missing required parameter: hash");
    let error = raw
        .err("login", json!(["a", "b", "c", "sha256", "extra"]))
        .await;
    assert_code(&error, "INVALID_PARAMETER");
}

#[tokio::test]
async fn unknown_and_missing_sessions_are_invalid() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let error = raw
        .err(
            "getProductByCode",
            json!(["not-a-session", "NewProdCodeAPI12345"]),
        )
        .await;
    assert_eq!(error["code"], 10001);
    assert_eq!(error["data"]["error_code"], "INVALID_SESSION");
    let error = raw.err("getProductByCode", json!([])).await;
    assert_eq!(error["code"], 10001);
    let error = raw
        .err("getProductByCode", json!([42, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(error["code"], 10001);
}

#[tokio::test]
async fn sessions_expire_and_a_new_login_works() {
    let sandbox = Sandbox::builder()
        .session_lifetime(Duration::from_millis(1_500))
        .start()
        .await
        .expect("sandbox starts");
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    raw.ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    tokio::time::sleep(Duration::from_millis(1_700)).await;
    let error = raw
        .err("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(error["code"], 10002);
    assert_eq!(error["data"]["error_code"], "SESSION_EXPIRED");
    let fresh = raw.login(&sandbox).await;
    assert_ne!(fresh, session);
    raw.ok("getProductByCode", json!([fresh, "NewProdCodeAPI12345"]))
        .await;
}

#[tokio::test]
async fn partner_methods_need_set_partner_first() {
    let sandbox = start().await;
    let cm21 = Raw::new(sandbox.cm21_url());
    let session = cm21.login(&sandbox).await;
    let error = cm21
        .err(
            "setOrderReseller",
            json!([session, "731522351", "Q6WSZXXAA7"]),
        )
        .await;
    assert_code(&error, "NOT_FOUND_PARTNER");
    assert_eq!(
        error["message"],
        "No partner set before invoking the method."
    );

    let error = cm21.err("setPartner", json!([session, "Nobody"])).await;
    assert_code(&error, "INVALID_PARTNER");
    let error = cm21.err("setPartner", json!([session, ""])).await;
    assert_code(&error, "INVALID_PARTNER");

    assert_eq!(
        cm21.ok("setPartner", json!([session, "Test Avangate"]))
            .await,
        true
    );
    assert_eq!(
        cm21.ok(
            "setOrderReseller",
            json!([session, "731522351", "Q6WSZXXAA7"])
        )
        .await,
        true
    );
    let attached = cm21
        .ok("getOrderReseller", json!([session, "731522351"]))
        .await;
    assert_eq!(attached["ResellerCode"], "Q6WSZXXAA7");

    // The partner context belongs to the session.
    let other = cm21.login(&sandbox).await;
    let error = cm21
        .err("getOrderReseller", json!([other, "731522351"]))
        .await;
    assert_code(&error, "NOT_FOUND_PARTNER");
}

#[tokio::test]
async fn params_are_validated_against_the_spec() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;

    // Arity.
    let error = raw.err("getProductByCode", json!([session])).await;
    assert_code(&error, "MISSING_PARAMETER");
    assert_eq!(error["message"], "Missing required parameter: ProductCode");
    let error = raw
        .err("getProductByCode", json!([session, "A", "B"]))
        .await;
    assert_code(&error, "INVALID_PARAMETER");

    // JSON types.
    let error = raw
        .err("getProductByCode", json!([session, {"a": 1}]))
        .await;
    assert_code(&error, "INVALID_PARAMETER");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("ProductCode")),
        "{error}"
    );
    let error = raw
        .err(
            "setRenewalNotificationStatus",
            json!([session, "30E47F8699", "maybe"]),
        )
        .await;
    assert_code(&error, "INVALID_PARAMETER");

    // Required object fields: the method documents the code for each.
    let error = raw
        .err(
            "updateOrderReseller",
            json!([session, {"ResellerCode": "DB6F1A946E", "OrderRefNo": 731522351}]),
        )
        .await;
    assert_code(&error, "Missing required parameter: PartnerCode");
    assert_eq!(error["message"], "Missing required parameter: PartnerCode");
    let error = raw
        .err(
            "getPartnerResellers",
            json!([session, {"SearchBy": {"Page": 1}}]),
        )
        .await;
    assert_code(&error, "MISSING_PARAMETER");
    assert_eq!(error["message"], "Missing required parameter: PartnerCode");

    // Enum values (case-insensitive), nested arrays of enums.
    let error = raw
        .err(
            "cancelSubscription",
            json!([session, "30E47F8699", ["CHURN_REASON_BORED"]]),
        )
        .await;
    assert_code(&error, "INVALID_PARAMETER");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("ChurnReasons[0]")),
        "{error}"
    );

    // Unions: the tag picks the variant, the variant's fields are checked.
    let proposal = "0573e71d-38bb-4d61-88ca-b3c557517c68";
    let error = raw
        .err(
            "performAction",
            json!([session, proposal, {"action": "explode"}]),
        )
        .await;
    assert_code(&error, "INVALID_PARAMETER");
    let error = raw
        .err(
            "performAction",
            json!([session, proposal, {"action": "send"}]),
        )
        .await;
    assert_code(&error, "MISSING_PARAMETER");

    // Lenient fields accept a number or a string.
    let reseller = raw
        .ok("updateOrderReseller", json!([session, {"PartnerCode": "Test Avangate", "ResellerCode": "DB6F1A946E", "OrderRefNo": "731522351"}]))
        .await;
    assert_eq!(reseller["ResellerCode"], "DB6F1A946E");
}

#[tokio::test]
async fn injected_faults_follow_their_rhythm() {
    let sandbox = Sandbox::builder()
        .fail_every(3)
        .http_500_every(5)
        .start()
        .await
        .expect("sandbox starts");
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await; // request 1
    let body = json!({"jsonrpc": "2.0", "id": 9, "method": "getProductByCode", "params": [session, "NewProdCodeAPI12345"]})
        .to_string();
    let mut outcomes = Vec::new();
    for _ in 2..=10 {
        let (status, response) = raw.post(&body).await;
        outcomes.push(match (status, response.get("error")) {
            (500, _) => "500",
            (200, Some(error)) if error["code"] == "INTERNAL_ERROR" => "rpc",
            (200, None) => "ok",
            other => panic!("unexpected answer {other:?}"),
        });
    }
    // Requests 2..=10: 3, 6, 9 fail over JSON-RPC; 5 and 10 answer HTTP 500.
    assert_eq!(
        outcomes,
        ["ok", "rpc", "ok", "500", "rpc", "ok", "ok", "rpc", "500"]
    );
    assert_eq!(sandbox.stats().requests, 10);
}

#[tokio::test]
async fn latency_delays_answers() {
    let sandbox = Sandbox::builder()
        .latency(Duration::from_millis(150))
        .start()
        .await
        .expect("sandbox starts");
    let raw = Raw::new(sandbox.rpc6_url());
    let started = std::time::Instant::now();
    raw.login(&sandbox).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sandbox = start().await;
    let url = sandbox.rpc6_url();
    sandbox.shutdown().await;
    let result = reqwest::Client::new().post(&url).body("{}").send().await;
    assert!(result.is_err(), "nothing listens after shutdown");
}

#[tokio::test]
async fn debug_output_hides_the_secret_key() {
    let sandbox = Sandbox::builder()
        .secret_key("TOP-SECRET-VALUE")
        .start()
        .await
        .expect("starts");
    assert!(!format!("{sandbox:?}").contains("TOP-SECRET-VALUE"));
    let builder = Sandbox::builder().secret_key("TOP-SECRET-VALUE");
    assert!(!format!("{builder:?}").contains("TOP-SECRET-VALUE"));
}
