//! Shared helpers for the end-to-end tests: an in-process sandbox and generated-client handles
//! pointed at it.

use std::time::Duration;

use twocheckout_rpc::api::{Cm21, Rpc6};
use twocheckout_rpc::{Client, Credentials, RetryPolicy};
use twocheckout_sandbox::{RunningSandbox, Sandbox, SandboxBuilder};

/// The partner of the documentation's Channel Manager samples, seeded in the sandbox.
pub const PARTNER: &str = "Test Avangate";

/// Starts a sandbox with the defaults on a free loopback port.
pub async fn sandbox() -> RunningSandbox {
    start(Sandbox::builder()).await
}

/// Starts a configured sandbox, failing the test with the reason when it cannot start.
pub async fn start(builder: SandboxBuilder) -> RunningSandbox {
    match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(error) => panic!("the sandbox did not start: {error}"),
    }
}

/// The sandbox's credentials.
pub fn credentials(sandbox: &RunningSandbox) -> Credentials {
    Credentials::new(sandbox.merchant_code(), sandbox.secret_key())
}

/// A JSON-RPC 6.0 client of the sandbox, with fast retries so fault tests stay quick.
pub fn rpc6(sandbox: &RunningSandbox) -> Client<Rpc6> {
    let client = Client::<Rpc6>::builder(credentials(sandbox))
        .endpoint(sandbox.rpc6_url())
        .retry_policy(fast_retries())
        .build();
    match client {
        Ok(client) => client,
        Err(error) => panic!("the 6.0 client did not build: {error}"),
    }
}

/// A Channel Manager 2.1 client of the sandbox.
pub fn cm21(sandbox: &RunningSandbox) -> Client<Cm21> {
    let client = Client::<Cm21>::builder(credentials(sandbox))
        .endpoint(sandbox.cm21_url())
        .retry_policy(fast_retries())
        .build();
    match client {
        Ok(client) => client,
        Err(error) => panic!("the 2.1 client did not build: {error}"),
    }
}

/// The default retry policy with millisecond back-off.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        base_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    }
}

/// Asserts that `result` failed with the documented (symbolic) error `code`.
#[track_caller]
pub fn code_is<T: std::fmt::Debug>(result: Result<T, twocheckout_rpc::Error>, code: &str) {
    match result {
        Err(error) => assert!(error.rpc_code_is(code), "expected {code}, got {error}"),
        Ok(value) => panic!("expected {code}, got {value:?}"),
    }
}

/// A blocking JSON-RPC 6.0 client of the sandbox.
pub fn blocking_rpc6(sandbox: &RunningSandbox) -> twocheckout_rpc::blocking::Client<Rpc6> {
    match twocheckout_rpc::blocking::Client::from_builder(
        Client::<Rpc6>::builder(credentials(sandbox)).endpoint(sandbox.rpc6_url()),
    ) {
        Ok(client) => client,
        Err(error) => panic!("the blocking 6.0 client did not build: {error}"),
    }
}
