//! The request handler in-process, without HTTP: for the fuzz targets and their regression
//! tests. Not part of the public API.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use twocheckout_codegen::model::Spec;

pub use crate::app::{Answer, Endpoint, Stats};
use crate::app::{App, Settings};
use crate::auth::{Algorithm, compute_hash};
use crate::faults::Faults;
use crate::server::{DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MERCHANT_CODE, DEFAULT_SECRET_KEY};

/// One sandbox app answering request bodies directly, as the HTTP server would.
pub struct Handler {
    app: App,
}

impl Handler {
    /// A fresh app over `spec` (seeded records, no sessions), the default merchant account,
    /// sessions that last an hour, and `faults`.
    pub fn new(spec: Arc<Spec>, faults: Faults) -> Self {
        let settings = Settings {
            merchant_code: DEFAULT_MERCHANT_CODE.to_owned(),
            secret_key: DEFAULT_SECRET_KEY.to_owned(),
            max_clock_skew: DEFAULT_MAX_CLOCK_SKEW,
            faults,
            ledger: None,
        };
        Handler {
            app: App::new(spec, settings, Duration::from_secs(3600)),
        }
    }

    /// Answers one request body received on `endpoint`, through the same path as the HTTP
    /// server (the test kit's call log and clock included; no rules are scripted here).
    pub fn handle(&self, endpoint: Endpoint, body: &[u8]) -> Answer {
        self.app.handle_held(endpoint, body).0
    }

    /// The counters so far.
    pub fn stats(&self) -> Stats {
        self.app.stats()
    }

    /// Logs in on `endpoint` with the default account and returns the session id, or the
    /// answer when it was not a session.
    pub fn login(&self, endpoint: Endpoint) -> Result<String, Answer> {
        let date = crate::login_date_now();
        let hash = compute_hash(
            Algorithm::Sha256,
            DEFAULT_SECRET_KEY,
            DEFAULT_MERCHANT_CODE,
            &date,
        );
        let body = json!({
            "jsonrpc": "2.0",
            "id": 1,
            "method": "login",
            "params": [DEFAULT_MERCHANT_CODE, date, hash, "sha256"],
        });
        let answer = self.handle(endpoint, body.to_string().as_bytes());
        match &answer {
            Answer::Json(response) => match response.get("result") {
                Some(Value::String(session)) => Ok(session.clone()),
                _ => Err(answer),
            },
            _ => Err(answer),
        }
    }
}
