//! Fault injection seen through the generated client: retry-safe calls survive HTTP 500s and
//! latency; other calls report the failure instead of repeating a write.

use std::time::{Duration, Instant};

use twocheckout::prelude::*;
use twocheckout_rpc::Error;
use twocheckout_sandbox::Sandbox;
use twocheckout_tests::{rpc6, start};

#[tokio::test]
async fn retry_safe_reads_survive_http_500s() {
    let sandbox = start(Sandbox::builder().http_500_every(2)).await;
    let client = rpc6(&sandbox);
    for _ in 0..10 {
        client
            .get_product_by_code("NewProdCodeAPI12345")
            .await
            .expect("retried through the 500");
    }
    assert!(sandbox.stats().errors >= 5, "{:?}", sandbox.stats());
}

#[tokio::test]
async fn writes_are_not_repeated_after_a_500() {
    let sandbox = start(Sandbox::builder().http_500_every(3)).await;
    let client = rpc6(&sandbox);
    // Request 1 is the login, request 2 the first read; request 3 answers 500.
    let product = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("read");
    let error = client
        .update_product(product)
        .await
        .expect_err("the write is not retried");
    assert!(matches!(error, Error::Http { status: 500, .. }), "{error}");
    assert_eq!(sandbox.stats().requests, 3);
}

#[tokio::test]
async fn injected_rpc_failures_reach_the_caller() {
    let sandbox = start(Sandbox::builder().fail_every(2)).await;
    let client = rpc6(&sandbox);
    let error = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect_err("request 2 fails");
    assert!(error.rpc_code_is("INTERNAL_ERROR"), "{error}");
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("request 3 succeeds");
}

#[tokio::test]
async fn latency_is_felt_by_the_caller() {
    let sandbox = start(Sandbox::builder().latency(Duration::from_millis(100))).await;
    let client = rpc6(&sandbox);
    let started = Instant::now();
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("slow but fine");
    // Login plus the call, each delayed.
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "{:?}",
        started.elapsed()
    );
}
