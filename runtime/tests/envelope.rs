//! Envelope variants the servers and documentation disagree on, and the request layout.

mod common;

use std::collections::HashSet;

use common::methods::{Echo, GetProductByCode, Product};
use common::{Account, Action, MERCHANT, SECRET, TestServer, ok, server_with};
use serde_json::{Value, json};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials, Error, Outcome, RetryPolicy, RpcCode};

fn client(url: &str) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap()
}

/// A server that logs in normally and answers other methods with `answer(request)`.
async fn answering(answer: impl Fn(&Value) -> Value + Send + Sync + 'static) -> TestServer {
    server_with(Account::new(), move |_, request| {
        Action::Json(answer(request))
    })
    .await
}

#[tokio::test]
async fn request_layout() {
    let server = answering(|r| json!({"jsonrpc": "2.0", "id": r["id"], "result": 1})).await;
    client(&server.url).call(Echo::new("value")).await.unwrap();
    let echo = &server.calls("echo")[0];
    assert_eq!(echo["jsonrpc"], "2.0");
    assert!(echo["id"].is_u64());
    let params = echo["params"].as_array().unwrap();
    assert_eq!(params.len(), 2);
    assert!(params[0].as_str().unwrap().starts_with("SESSION-"));
    assert_eq!(params[1], "value");
}

#[tokio::test]
async fn response_member_is_accepted() {
    let server =
        answering(|r| json!({"jsonrpc": 2.0, "id": r["id"], "response": "via response"})).await;
    assert_eq!(
        client(&server.url).call(Echo::new("x")).await.unwrap(),
        "via response"
    );
}

#[tokio::test]
async fn jsonrpc_as_number_or_missing() {
    let server = answering(|r| json!({"jsonrpc": 6.0, "id": r["id"], "result": {"a": 1}})).await;
    assert_eq!(
        client(&server.url).call(Echo::new("x")).await.unwrap(),
        json!({"a": 1})
    );
    let server = answering(|r| json!({"id": r["id"], "result": true})).await;
    assert_eq!(
        client(&server.url).call(Echo::new("x")).await.unwrap(),
        json!(true)
    );
}

#[tokio::test]
async fn id_echoed_as_string() {
    let server = answering(|r| json!({"id": r["id"].to_string(), "result": 5})).await;
    assert_eq!(
        client(&server.url).call(Echo::new("x")).await.unwrap(),
        json!(5)
    );
}

#[tokio::test]
async fn typed_result() {
    let server = answering(
        |r| json!({"id": r["id"], "result": {"ProductCode": "P1", "Enabled": true, "Unknown": 1}}),
    )
    .await;
    let product = client(&server.url)
        .call(GetProductByCode("P1".into()))
        .await
        .unwrap();
    assert_eq!(
        product,
        Product {
            code: "P1".into(),
            enabled: true
        }
    );
}

#[tokio::test]
async fn result_of_the_wrong_shape_is_a_decode_error_of_a_performed_call() {
    let server = answering(|r| json!({"id": r["id"], "result": {"ProductCode": 7}})).await;
    let error = client(&server.url)
        .call(GetProductByCode("P1".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Decode {
                method: "getProductByCode",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.outcome(), Outcome::Executed);
    assert!(error.maybe_executed());
}

#[tokio::test]
async fn null_result_for_a_nullable_type() {
    let server = answering(|r| json!({"id": r["id"], "result": null})).await;
    assert_eq!(
        client(&server.url).call(Echo::new("x")).await.unwrap(),
        Value::Null
    );
    let error = client(&server.url)
        .call(GetProductByCode("P1".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Decode { reason, .. } if reason.contains("null")),
        "{error:?}"
    );
}

#[tokio::test]
async fn numeric_error_code() {
    let server = answering(
        |r| json!({"id": r["id"], "error": {"code": 55200, "message": "Payment failed"}}),
    )
    .await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    let rpc = error.rpc().unwrap();
    assert_eq!(rpc.code, RpcCode::Int(55200));
    assert_eq!(rpc.message, "Payment failed");
    assert_eq!(rpc.method, "echo");
    assert_eq!(rpc.error_code, None);
    assert!(error.rpc_code_is("55200"));
    assert!(!error.is_session_error());
}

#[tokio::test]
async fn string_error_code_and_data_error_code() {
    let server = answering(
        |r| json!({"id": r["id"], "error": {"code": "INVALID_ID_SALE", "message": "no such sale"}}),
    )
    .await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    assert_eq!(
        error.rpc().unwrap().code,
        RpcCode::Str("INVALID_ID_SALE".into())
    );
    assert!(error.rpc_code_is("INVALID_ID_SALE"));

    let server = answering(|r| {
        json!({"id": r["id"], "result": null, "error": {"code": 10004, "message": "not allowed",
               "data": {"error_code": "NOT_ALLOWED"}}})
    })
    .await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    let rpc = error.rpc().unwrap();
    assert_eq!(rpc.error_code.as_deref(), Some("NOT_ALLOWED"));
    assert!(error.has_code("NOT_ALLOWED") && error.has_code("10004"));
    assert!(!error.has_code("10001"));
    let text = error.to_string();
    assert!(
        text.contains("echo") && text.contains("10004") && text.contains("NOT_ALLOWED"),
        "{text}"
    );
}

#[tokio::test]
async fn error_with_null_id_is_reported() {
    let server =
        answering(|_| json!({"id": null, "error": {"code": -32700, "message": "Parse error"}}))
            .await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    assert_eq!(error.rpc().unwrap().code, RpcCode::Int(-32700));
}

#[tokio::test]
async fn wrong_echoed_id_is_a_wrong_id_error() {
    let server =
        answering(|r| json!({"id": r["id"].as_u64().unwrap() + 1000, "result": "late"})).await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    match &error {
        Error::WrongId {
            received,
            request_id,
            ..
        } => {
            assert_eq!(*received, format!("id {}", request_id + 1000));
            assert!(*request_id > 0);
        }
        other => panic!("expected WrongId, got {other:?}"),
    }
    assert_eq!(error.outcome(), Outcome::Unknown);
    assert!(error.to_string().contains("another request"), "{error}");
    let server = answering(|_| json!({"result": "no id"})).await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    assert!(
        matches!(&error, Error::WrongId { received, .. } if received == "no id"),
        "{error:?}"
    );
}

#[tokio::test]
async fn neither_result_nor_error_is_malformed() {
    let server = answering(|r| json!({"id": r["id"], "jsonrpc": "2.0"})).await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    assert!(matches!(error, Error::Malformed { .. }), "{error:?}");
}

#[tokio::test]
async fn non_object_bodies_are_malformed() {
    for body in ["[]", "\"text\"", "", "{\"id\":1,\"result\":1} trailing"] {
        let server = server_with(Account::new(), move |_, _| {
            Action::Status(200, "application/json", body.to_owned())
        })
        .await;
        let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
        // The login itself gets the odd body; its excerpt is withheld.
        assert!(
            matches!(error, Error::Malformed { .. }),
            "{body}: {error:?}"
        );
    }
}

#[tokio::test]
async fn ids_are_unique() {
    let account = Account::new();
    let server = server_with(account, |_, r| ok(r, json!(1))).await;
    let client = client(&server.url);
    let calls = (0..50).map(|i| {
        let client = client.clone();
        tokio::spawn(async move { client.call(Echo(i.to_string())).await })
    });
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let ids: Vec<u64> = server
        .requests
        .lock()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids.len(), 51);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
}

#[tokio::test]
async fn empty_session_id_is_refused() {
    let server = TestServer::start(|r| ok(r, json!(""))).await;
    let error = client(&server.url).call(Echo::new("x")).await.unwrap_err();
    match &error {
        Error::Decode { method, reason, .. } => {
            assert_eq!(*method, "login");
            assert!(reason.contains("empty session id"), "{reason}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(server.count("echo"), 0);
}
