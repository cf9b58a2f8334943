//! Raw JSON-RPC helpers shared by the sandbox's tests.

#![allow(dead_code)]

use serde_json::{Value, json};
use twocheckout_sandbox::auth::{Algorithm, compute_hash};
use twocheckout_sandbox::{RunningSandbox, Sandbox, login_date_now};

/// Starts a sandbox with the defaults on a free port.
pub async fn start() -> RunningSandbox {
    Sandbox::builder().start().await.expect("sandbox starts")
}

/// A raw JSON-RPC client bound to one endpoint.
pub struct Raw {
    http: reqwest::Client,
    url: String,
}

impl Raw {
    /// A client for `url`.
    pub fn new(url: String) -> Self {
        Raw {
            http: reqwest::Client::new(),
            url,
        }
    }

    /// Posts `body` as is; returns the HTTP status and the body parsed as JSON (or as a string).
    pub async fn post(&self, body: &str) -> (u16, Value) {
        let response = self
            .http
            .post(&self.url)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request reaches the sandbox");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    /// Sends `method(params…)` and returns the whole response object.
    pub async fn call(&self, method: &str, params: Value) -> Value {
        let body = json!({ "jsonrpc": "2.0", "id": 1, "method": method, "params": params });
        let (status, value) = self.post(&body.to_string()).await;
        assert_eq!(status, 200, "HTTP status of {method}: {value}");
        value
    }

    /// Sends a call and returns its `result`, failing the test on an error answer.
    pub async fn ok(&self, method: &str, params: Value) -> Value {
        let response = self.call(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Sends a call and returns its `error`, failing the test on a success.
    pub async fn err(&self, method: &str, params: Value) -> Value {
        let response = self.call(method, params).await;
        assert!(
            response.get("result").is_none(),
            "{method} unexpectedly succeeded: {response}"
        );
        response["error"].clone()
    }

    /// Logs in with HMAC-SHA256 and returns the session id.
    pub async fn login(&self, sandbox: &RunningSandbox) -> String {
        let date = login_date_now();
        let hash = compute_hash(
            Algorithm::Sha256,
            sandbox.secret_key(),
            sandbox.merchant_code(),
            &date,
        );
        let result = self
            .ok(
                "login",
                json!([sandbox.merchant_code(), date, hash, "sha256"]),
            )
            .await;
        result.as_str().expect("session id is a string").to_string()
    }
}

/// Asserts an error object carries `code` and the same `data.error_code`.
pub fn assert_code(error: &Value, code: &str) {
    assert_eq!(error["code"], code, "{error}");
    assert_eq!(error["data"]["error_code"], code, "{error}");
}
