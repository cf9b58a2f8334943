//! The in-process handler the fuzz target `sandbox` drives: it logs in, answers, and keeps
//! serving. The target's findings are kept here as regression cases.

use std::sync::Arc;

use serde_json::{Value, json};
use twocheckout_sandbox::fuzzing::{Answer, Endpoint, Handler};
use twocheckout_sandbox::{Faults, embedded_spec};

fn handler() -> Handler {
    Handler::new(
        Arc::new(embedded_spec().expect("the embedded spec loads")),
        Faults::default(),
    )
}

fn json(answer: Answer) -> Value {
    match answer {
        Answer::Json(value) => value,
        Answer::Http500 => panic!("HTTP 500 without an injected fault"),
        Answer::Status(status, _) => panic!("HTTP {status} without a scripted rule"),
        Answer::Fault(kind, _) => panic!("random fault {kind:?} without random faults"),
    }
}

#[test]
fn logs_in_and_answers_on_the_session() {
    let handler = handler();
    let session = handler.login(Endpoint::Rpc6).expect("login");
    let body = json!({"jsonrpc": "2.0", "id": 7, "method": "getProductByCode", "params": [session, "NewProdCodeAPI12345"]});
    let response = json(handler.handle(Endpoint::Rpc6, body.to_string().as_bytes()));
    assert_eq!(response["id"], 7);
    assert_eq!(response["result"]["ProductCode"], "NewProdCodeAPI12345");
    assert_eq!(handler.stats().nonconforming, 0);
}

#[test]
fn garbage_gets_a_parse_error_and_the_handler_keeps_serving() {
    let handler = handler();
    let response = json(handler.handle(Endpoint::Cm21, b"\xff{not json"));
    assert_eq!(response["error"]["code"], -32700);
    assert!(handler.login(Endpoint::Cm21).is_ok());
}
