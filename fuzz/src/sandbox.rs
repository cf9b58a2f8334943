//! Request bytes → the sandbox's handler in-process: never a panic, never an HTTP 500 (no
//! faults are injected), always one JSON-RPC response, results that match the spec, and the
//! sandbox keeps serving afterwards.
//!
//! Input: the first byte picks the endpoint (`0`/`6`: JSON-RPC 6.0, `3`: 3.0, `2`: Channel
//! Manager 2.1, any other byte by its lower-case value modulo 3; an upper-case letter also sets
//! the partner `Test Avangate` on the session first); the rest is the body, where every
//! `$SESSION` is replaced by a live session id.

use std::sync::{Arc, OnceLock};

use serde_json::{Value, json};
use twocheckout_codegen::model::Spec;
use twocheckout_sandbox::fuzzing::{Answer, Endpoint, Handler};
use twocheckout_sandbox::{Faults, embedded_spec};

/// The placeholder replaced by the session id.
pub const SESSION: &str = "$SESSION";

fn spec() -> Arc<Spec> {
    static SPEC: OnceLock<Arc<Spec>> = OnceLock::new();
    Arc::clone(SPEC.get_or_init(|| Arc::new(embedded_spec().expect("the embedded spec loads"))))
}

/// The endpoint and whether to set a partner, from the first byte.
pub fn mode(byte: u8) -> (Endpoint, bool) {
    let endpoint = match byte.to_ascii_lowercase() {
        b'0' | b'6' => Endpoint::Rpc6,
        b'3' => Endpoint::Rpc3,
        b'2' => Endpoint::Cm21,
        other => [Endpoint::Rpc6, Endpoint::Rpc3, Endpoint::Cm21][usize::from(other % 3)],
    };
    (endpoint, byte.is_ascii_uppercase())
}

/// How many inputs one sandbox answers before it is replaced by a freshly seeded one. Sharing
/// it is what makes the target fast (seeding costs far more than a request); replacing it keeps
/// the records from drifting far from the seeds.
pub const INPUTS_PER_SANDBOX: u32 = 256;

thread_local! {
    static CURRENT: std::cell::RefCell<Option<(Handler, u32)>> = const { std::cell::RefCell::new(None) };
}

/// Sends the input to the current sandbox and checks the answer and the sandbox afterwards.
pub fn check(data: &[u8]) {
    CURRENT.with(|current| {
        let mut current = current.borrow_mut();
        let fresh = current
            .as_ref()
            .is_none_or(|(_, served)| *served >= INPUTS_PER_SANDBOX);
        if fresh {
            *current = Some((Handler::new(spec(), Faults::default()), 0));
        }
        let (handler, served) = current.as_mut().expect("just set");
        *served += 1;
        check_on(handler, data);
    });
}

/// Sends the input to `handler` and checks the answer and the handler afterwards.
pub fn check_on(handler: &Handler, data: &[u8]) {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let (endpoint, partner) = mode(first);
    let session = handler
        .login(endpoint)
        .unwrap_or_else(|answer| panic!("login refused: {answer:?}"));
    if partner {
        let set = json!({"jsonrpc": "2.0", "id": 1, "method": "setPartner", "params": [session, "Test Avangate"]});
        let _ = handler.handle(endpoint, set.to_string().as_bytes());
    }
    let body = replace(body, SESSION.as_bytes(), session.as_bytes());
    let answer = handler.handle(endpoint, &body);
    well_formed(&answer);
    assert_eq!(
        handler.stats().nonconforming,
        0,
        "a result does not match the spec: {answer:?}"
    );
    // Still serving: a new login and a read on the new session.
    let again = handler
        .login(endpoint)
        .unwrap_or_else(|answer| panic!("login refused after the request: {answer:?}"));
    let probe = json!({"jsonrpc": "2.0", "id": 2, "method": "login", "params": []});
    well_formed(&handler.handle(endpoint, probe.to_string().as_bytes()));
    assert!(!again.is_empty());
}

/// Asserts an answer is one JSON-RPC response: an object with `id` and exactly one of `result`
/// and `error`; an error has a code and a message.
pub fn well_formed(answer: &Answer) {
    let Answer::Json(response) = answer else {
        panic!("HTTP 500 without an injected fault");
    };
    assert!(response.is_object(), "{response}");
    assert!(response.get("id").is_some(), "no id: {response}");
    assert!(
        response.get("result").is_some() != response.get("error").is_some(),
        "{response}"
    );
    if let Some(error) = response.get("error") {
        assert!(
            matches!(error.get("code"), Some(Value::Number(_) | Value::String(_))),
            "{response}"
        );
        assert!(
            error.get("message").is_some_and(Value::is_string),
            "{response}"
        );
    }
}

/// `haystack` with every `from` replaced by `to`.
fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while !rest.is_empty() {
        if rest.starts_with(from) {
            out.extend_from_slice(to);
            rest = &rest[from.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out
}
