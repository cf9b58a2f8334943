//! The record of every call a sandbox received, in arrival order, with its exact params.

use std::sync::Mutex;

use serde::Deserialize;
use serde_json::value::RawValue;
use time::OffsetDateTime;

use crate::app::Endpoint;

/// One JSON-RPC call the sandbox received (a body that decoded as a request object).
#[derive(Debug, Clone)]
pub struct RecordedCall {
    /// Its position among the recorded calls, from 1.
    pub seq: u64,
    /// The endpoint it arrived on.
    pub endpoint: Endpoint,
    /// The method's wire name as sent.
    pub method: String,
    /// The session id it was sent with (the first param of a method that takes a session).
    pub session: Option<String>,
    /// The partner set on that session when the call arrived (`setPartner`), if any.
    pub partner: Option<String>,
    /// The params after the session id, each as the exact JSON text sent.
    pub params: Vec<Box<RawValue>>,
    /// The sandbox's clock when the call arrived.
    pub at: OffsetDateTime,
    /// How the sandbox answered.
    pub outcome: Outcome,
}

impl RecordedCall {
    /// The params as borrowed raw values, as request decoders take them.
    pub fn raw_params(&self) -> Vec<&RawValue> {
        self.params.iter().map(AsRef::as_ref).collect()
    }
}

/// How a recorded call was answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A JSON-RPC result.
    Ok,
    /// A JSON-RPC error with this symbolic code (`data.error_code`).
    Error(String),
    /// An HTTP error status without a JSON-RPC body.
    Http(u16),
    /// A random fault spoiled the answer (see [`crate::RandomFaults`]).
    Fault(crate::FaultKind),
}

impl Outcome {
    /// Whether the call got a result.
    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok)
    }
}

/// The recorded calls of one sandbox.
#[derive(Debug, Default)]
pub struct CallLog {
    calls: Mutex<Vec<RecordedCall>>,
}

/// The request fields the log keeps, read from the body again so params keep their exact text.
#[derive(Deserialize)]
struct RawRequest<'a> {
    #[serde(borrow, default)]
    params: Option<Vec<&'a RawValue>>,
}

/// The params of a request body as exact text (empty when the body has none or is not a
/// request object).
pub fn raw_params(body: &[u8]) -> Vec<Box<RawValue>> {
    serde_json::from_slice::<RawRequest<'_>>(body)
        .ok()
        .and_then(|request| request.params)
        .unwrap_or_default()
        .into_iter()
        .map(ToOwned::to_owned)
        .collect()
}

impl CallLog {
    /// Appends a call; fills in its `seq`.
    pub fn push(&self, mut call: RecordedCall) {
        let mut calls = self.lock();
        call.seq = calls.len() as u64 + 1;
        calls.push(call);
    }

    /// Every call so far, oldest first.
    pub fn all(&self) -> Vec<RecordedCall> {
        self.lock().clone()
    }

    /// The calls to `method` (wire name), oldest first.
    pub fn to(&self, method: &str) -> Vec<RecordedCall> {
        self.lock()
            .iter()
            .filter(|call| call.method == method)
            .cloned()
            .collect()
    }

    /// How many calls to `method` arrived.
    pub fn count(&self, method: &str) -> usize {
        self.lock()
            .iter()
            .filter(|call| call.method == method)
            .count()
    }

    /// Forgets every call (numbering starts again at 1).
    pub fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<RecordedCall>> {
        // A push cannot leave the list half-written, so a poisoned lock is still usable.
        self.calls
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_param_text() {
        let params = raw_params(br#"{"method":"m","params":["s", 19.990, {"A": 1}]}"#);
        let texts: Vec<&str> = params.iter().map(|p| p.get()).collect();
        assert_eq!(texts, ["\"s\"", "19.990", "{\"A\": 1}"]);
        assert!(raw_params(b"{nope").is_empty());
        assert!(raw_params(br#"{"method":"m"}"#).is_empty());
    }
}
