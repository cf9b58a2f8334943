//! Loopback load through the generated client: the end-to-end load test as a benchmark.
//!
//! `load/10k_calls_64_tasks`: 10,000 `getProductByCode` calls spread over 64 Tokio tasks sharing
//! one client (one session), on a 2-worker runtime, against the in-process sandbox.
//! `load/sequential_call`: one call at a time, for per-call latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use twocheckout::prelude::*;
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials};
use twocheckout_sandbox::{RunningSandbox, Sandbox};

const TASKS: usize = 64;
const CALLS: usize = 10_000;
const PRODUCT: &str = "NewProdCodeAPI12345";

fn client(sandbox: &RunningSandbox) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(
        sandbox.merchant_code(),
        sandbox.secret_key(),
    ))
    .endpoint(sandbox.rpc6_url())
    .build()
    .expect("the client builds")
}

/// Runs `CALLS` calls from `TASKS` tasks and returns how long they took.
async fn burst(client: &Arc<Client<Rpc6>>) -> Duration {
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(TASKS);
    for task in 0..TASKS {
        let client = Arc::clone(client);
        let calls = CALLS / TASKS + usize::from(task < CALLS % TASKS);
        tasks.push(tokio::spawn(async move {
            for _ in 0..calls {
                client
                    .get_product_by_code(PRODUCT)
                    .await
                    .expect("the call succeeds");
            }
        }));
    }
    for task in tasks {
        task.await.expect("the task completes");
    }
    started.elapsed()
}

fn load(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    let sandbox = runtime
        .block_on(Sandbox::builder().start())
        .expect("the sandbox starts");
    let client = Arc::new(client(&sandbox));
    // Log in before measuring: the benchmark is about calls on a live session.
    runtime
        .block_on(client.get_product_by_code(PRODUCT).send())
        .expect("warm-up call");

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(CALLS as u64));
    group.bench_function("10k_calls_64_tasks", |b| {
        b.iter_custom(|iterations| {
            runtime.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    total += burst(&client).await;
                }
                total
            })
        });
    });
    group.throughput(Throughput::Elements(1));
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("sequential_call", |b| {
        b.iter(|| {
            runtime
                .block_on(client.get_product_by_code(PRODUCT).send())
                .expect("the call succeeds")
        });
    });
    group.finish();

    let stats = sandbox.stats();
    assert_eq!(stats.errors, 0, "no call failed");
    assert_eq!(stats.logins, 1, "one login for the whole run");
    runtime.block_on(sandbox.shutdown());
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    load(&mut criterion);
    criterion.final_summary();
}
