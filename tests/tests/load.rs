//! A bounded load test on loopback: 10,000 calls from 64 tasks share one session.

use std::sync::Arc;
use std::time::Instant;

use twocheckout::prelude::*;
use twocheckout_tests::{rpc6, sandbox};

const TASKS: usize = 64;
const CALLS: usize = 10_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_one_login() {
    let sandbox = sandbox().await;
    let client = Arc::new(rpc6(&sandbox));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(TASKS);
    for task in 0..TASKS {
        let client = Arc::clone(&client);
        let calls = CALLS / TASKS + usize::from(task < CALLS % TASKS);
        tasks.push(tokio::spawn(async move {
            for _ in 0..calls {
                let product = client.get_product_by_code("NewProdCodeAPI12345").await?;
                assert_eq!(product.product_code, "NewProdCodeAPI12345");
            }
            Ok::<usize, twocheckout_rpc::Error>(calls)
        }));
    }
    let mut done = 0;
    for task in tasks {
        done += task
            .await
            .expect("task did not panic")
            .expect("no call failed");
    }
    let elapsed = started.elapsed();
    assert_eq!(done, CALLS);
    let stats = sandbox.stats();
    assert_eq!(
        stats.logins, 1,
        "one login for the whole run (well within one session lifetime)"
    );
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.requests, CALLS as u64 + 1);
    eprintln!("{CALLS} calls from {TASKS} tasks in {elapsed:?}");
}
