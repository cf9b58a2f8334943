//! Every spec method, fed odd params on its own endpoint, answers a JSON-RPC response: never a
//! dropped connection, never a panic.

mod common;

use common::{Raw, start};
use serde_json::{Value, json};
use twocheckout_codegen::model::ApiFamily;
use twocheckout_sandbox::embedded_spec;

fn odd_params(session: &str) -> Vec<Value> {
    vec![
        json!([]),
        json!([session]),
        json!([session, null]),
        json!([session, null, null, null, null]),
        json!([session, 1, "x", {}, [], true]),
        json!([session, {"a": {"b": [1, 2, {"c": null}]}}]),
        json!([session, "", ""]),
        json!([session, -1, -1]),
        json!([session, {"Page": -5, "Limit": 1e300, "Items": [{"Quantity": "NaN"}], "action": "SEND"}]),
        json!([session, "0573e71d-38bb-4d61-88ca-b3c557517c68", {"action": "send", "ExpirationDate": "x", "SentBy": 3}]),
        json!([session, {"PartnerCode": "Test Avangate", "SearchBy": {"Page": 9_223_372_036_854_775_807_i64, "Limit": 9_223_372_036_854_775_807_i64}}]),
    ]
}

#[tokio::test]
async fn every_method_answers_every_odd_input() {
    let spec = embedded_spec().expect("the embedded spec loads");
    let sandbox = start().await;
    let rpc6 = Raw::new(sandbox.rpc6_url());
    let rpc3 = Raw::new(sandbox.rpc3_url());
    let cm21 = Raw::new(sandbox.cm21_url());
    let session = rpc6.login(&sandbox).await;
    cm21.ok("setPartner", json!([session, "Test Avangate"]))
        .await;
    let mut answered = 0;
    for method in &spec.methods {
        for family in &method.apis {
            let raw = match family {
                ApiFamily::Rpc6 | ApiFamily::Cm6 => &rpc6,
                ApiFamily::Rpc3 => &rpc3,
                ApiFamily::Cm21 => &cm21,
            };
            for params in odd_params(&session) {
                let body = json!({"jsonrpc": "2.0", "id": 1, "method": method.wire_name, "params": params});
                let (status, response) = raw.post(&body.to_string()).await;
                assert_eq!(status, 200, "{} {params}", method.wire_name);
                assert!(
                    response.get("result").is_some() ^ response.get("error").is_some(),
                    "{} {params}: {response}",
                    method.wire_name
                );
                answered += 1;
            }
        }
    }
    assert!(answered > 100, "{answered}");
    assert_eq!(sandbox.stats().nonconforming, 0);
}
