//! The test kit over raw JSON: seeding, the call log, scripted answers and the clock.

mod common;

use std::time::{Duration, Instant};

use common::{Raw, assert_code};
use serde_json::{Value, json};
use twocheckout_sandbox::{Action, Collection, Outcome, Rule, Sandbox};

fn record(value: Value) -> serde_json::Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn subscription(reference: &str, expires: &str) -> serde_json::Map<String, Value> {
    record(json!({
        "SubscriptionReference": reference,
        "StartDate": "2026-01-01",
        "ExpirationDate": expires,
        "RecurringEnabled": true,
        "SubscriptionEnabled": true,
        "Lifetime": false,
        "TestSubscription": true,
    }))
}

#[tokio::test]
async fn seeds_on_top_of_or_instead_of_the_default_records() {
    let sandbox = Sandbox::builder()
        .seed(
            Collection::Subscriptions,
            subscription("KIT0000001", "2027-01-01"),
        )
        .start()
        .await
        .unwrap();
    assert!(
        sandbox
            .raw_record(Collection::Subscriptions, "KIT0000001")
            .is_some()
    );
    assert!(
        sandbox
            .raw_record(Collection::Subscriptions, "30E47F8699")
            .is_some()
    );

    let empty = Sandbox::builder()
        .without_default_seed()
        .seed(
            Collection::Subscriptions,
            subscription("KIT0000001", "2027-01-01"),
        )
        .start()
        .await
        .unwrap();
    assert_eq!(empty.raw_records(Collection::Subscriptions).len(), 1);
    assert!(empty.raw_records(Collection::Products).is_empty());
    let raw = Raw::new(empty.rpc6_url());
    let session = raw.login(&empty).await;
    let found = raw
        .ok("getSubscription", json!([session, "KIT0000001"]))
        .await;
    assert_eq!(found["ExpirationDate"], "2027-01-01");

    let error = Sandbox::builder()
        .seed(
            Collection::Products,
            record(json!({"ProductName": "no code"})),
        )
        .start()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("no ProductCode"), "{error}");
}

#[tokio::test]
async fn records_every_call_with_its_session_partner_and_exact_params() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    // Sent as text, so the amount keeps its trailing zero.
    let body = format!(
        r#"{{"jsonrpc":"2.0","id":1,"method":"renewSubscription","params":["{session}","30E47F8699",30,19.990,"usd"]}}"#
    );
    let (status, answer) = raw.post(&body).await;
    assert_eq!((status, &answer["result"]), (200, &json!(true)), "{answer}");
    raw.err("getSubscription", json!([session, "NOPE"])).await;

    let calls = sandbox.raw_calls();
    let methods: Vec<&str> = calls.iter().map(|c| c.method.as_str()).collect();
    assert_eq!(methods, ["login", "renewSubscription", "getSubscription"]);
    assert_eq!(calls[0].session, None, "login takes no session");
    let renew = &calls[1];
    assert_eq!(renew.seq, 2);
    assert_eq!(renew.session.as_deref(), Some(session.as_str()));
    let params: Vec<&str> = renew.params.iter().map(|p| p.get()).collect();
    assert_eq!(params, ["\"30E47F8699\"", "30", "19.990", "\"usd\""]);
    assert_eq!(renew.outcome, Outcome::Ok);
    assert!(matches!(&calls[2].outcome, Outcome::Error(code) if !code.is_empty()));
    assert_eq!(sandbox.raw_count("renewSubscription"), 1);

    // The partner a Channel Manager session had when the call arrived.
    let cm = Raw::new(sandbox.cm21_url());
    let session = cm.login(&sandbox).await;
    cm.ok("setPartner", json!([session, "Test Avangate"])).await;
    cm.call("getPartnerPricingLists", json!([session])).await;
    let calls = sandbox.raw_calls_to("getPartnerPricingLists");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].partner.as_deref(), Some("Test Avangate"));
    sandbox.clear_calls();
    assert!(sandbox.raw_calls().is_empty());
}

#[tokio::test]
async fn scripted_answers_run_out_then_the_method_behaves_normally() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let only_xyz: twocheckout_sandbox::kit::Matcher =
        std::sync::Arc::new(|params| params.first().is_some_and(|p| p.get() == "\"XYZ23GHUJK\""));
    sandbox.add_rule(
        Rule::new(
            "getSubscription",
            Action::Error {
                code: "INVALID_REFERENCE".into(),
                message: None,
            },
        )
        .matching(only_xyz)
        .times(2),
    );
    sandbox.add_rule(
        Rule::new(
            "getPromotion",
            Action::Http {
                status: 503,
                body: "down for maintenance".into(),
            },
        )
        .times(1),
    );
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    // Another reference is not picked by the predicate.
    raw.ok("getSubscription", json!([session, "30E47F8699"]))
        .await;
    for _ in 0..2 {
        let error = raw
            .err("getSubscription", json!([session, "XYZ23GHUJK"]))
            .await;
        assert_code(&error, "INVALID_REFERENCE");
    }
    raw.ok("getSubscription", json!([session, "XYZ23GHUJK"]))
        .await;
    assert_eq!(sandbox.pending_rules(), 1);

    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "getPromotion", "params": [session]});
    let (status, text) = raw.post(&body.to_string()).await;
    assert_eq!((status, text), (503, json!("down for maintenance")));
    assert_eq!(
        sandbox.raw_calls_to("getPromotion")[0].outcome,
        Outcome::Http(503)
    );
    // Scripted answers count in the stats like the sandbox's own.
    let stats = sandbox.stats();
    assert_eq!(stats.requests, sandbox.raw_calls().len() as u64);
    assert_eq!(stats.errors, 3, "two scripted errors and the HTTP fault");

    sandbox.add_rule(
        Rule::new(
            "getSubscription",
            Action::Respond(json!({"SubscriptionReference": "FAKE"})),
        )
        .times(1),
    );
    let answer = raw
        .ok("getSubscription", json!([session, "30E47F8699"]))
        .await;
    assert_eq!(answer, json!({"SubscriptionReference": "FAKE"}));

    sandbox
        .add_rule(Rule::new("getSubscription", Action::Delay(Duration::from_millis(150))).times(1));
    let started = Instant::now();
    raw.ok("getSubscription", json!([session, "30E47F8699"]))
        .await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(sandbox.pending_rules(), 0);
}

#[tokio::test]
async fn advancing_the_clock_expires_sessions_and_moves_today() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let today = sandbox.today();
    raw.ok("getSubscription", json!([session, "30E47F8699"]))
        .await;

    sandbox.advance(Duration::from_secs(11 * 60));
    let error = raw
        .err("getSubscription", json!([session, "30E47F8699"]))
        .await;
    assert_eq!(error["code"], 10002, "{error}");
    // Logging in again still works: login dates are checked against the real clock.
    let session = raw.login(&sandbox).await;
    raw.ok("getSubscription", json!([session, "30E47F8699"]))
        .await;

    sandbox.advance(Duration::from_secs(3 * 86_400));
    let later = sandbox.today();
    assert_ne!(today, later);
    // Dates the methods write come from the sandbox's clock.
    let session = raw.login(&sandbox).await;
    raw.ok(
        "renewSubscription",
        json!([session, "30E47F8699", 30, 10, "USD"]),
    )
    .await;
    let calls = sandbox.raw_calls_to("renewSubscription");
    assert_eq!(calls[0].at.date().to_string(), later);

    // Another sandbox's clock has not moved.
    let other = Sandbox::builder().start().await.unwrap();
    assert_eq!(other.today(), today);
}

#[test]
fn a_blocking_sandbox_serves_without_a_runtime_of_the_test() {
    let sandbox = Sandbox::builder().start_blocking().unwrap();
    let url = sandbox.rpc6_url();
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "getSubscription", "params": ["nope", "30E47F8699"]});
    let text = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            reqwest::Client::new()
                .post(url)
                .body(body.to_string())
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        })
    })
    .join()
    .unwrap();
    assert!(text.contains("INVALID_SESSION"), "{text}");
    assert_eq!(sandbox.raw_count("getSubscription"), 1);
}
