//! How long a test waits for its own sandbox: building, seeding, binding a port and serving.
//! The embedded spec is parsed once per process (the first sandbox pays for it), so this
//! measures every start after the first.

use std::time::Duration;

use criterion::Criterion;
use twocheckout::Subscription;
use twocheckout_testkit::{Sandbox, SeedExt};

fn startup(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    // The first start parses the spec; leave it out of the figures.
    runtime.block_on(async {
        let first = Sandbox::builder()
            .start()
            .await
            .expect("the sandbox starts");
        first.shutdown().await;
    });

    let mut group = c.benchmark_group("sandbox_start");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("default_seed", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let sandbox = Sandbox::builder()
                    .start()
                    .await
                    .expect("the sandbox starts");
                sandbox.shutdown().await;
            })
        })
    });
    let seeded = (1..=3).fold(Sandbox::builder().without_default_seed(), |builder, n| {
        builder.subscription(
            Subscription::builder()
                .subscription_reference(format!("DUE000000{n}"))
                .build(),
        )
    });
    group.bench_function("three_typed_subscriptions", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let sandbox = seeded.clone().start().await.expect("the sandbox starts");
                sandbox.shutdown().await;
            })
        })
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    startup(&mut criterion);
    criterion.final_summary();
}
