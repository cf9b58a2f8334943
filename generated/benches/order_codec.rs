//! Typed decode + encode of a full `Order` (a getOrder response with three items, every
//! documented field and a few unknown ones) against the same round trip through
//! `serde_json::Value`.
#![allow(
    missing_docs,
    reason = "criterion's macros generate undocumented items"
)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use twocheckout::Order;

#[path = "../tests/common/compact.rs"]
mod compact;

/// The fixture as checked in: pretty-printed, 8 KiB.
const ORDER_PRETTY: &str = include_str!("../tests/fixtures/order_full.json");

fn order_codec(c: &mut Criterion) {
    // The API answers compact JSON with its keys in its own order (the fixture's): measure that.
    let compact = compact::compact_json(ORDER_PRETTY);
    let order_text = compact.as_str();
    // The same text with its keys sorted (what `Value` writes), where the typed reader's guess
    // of the next key always misses: kept to show what key order costs.
    let sorted: String = serde_json::from_str::<serde_json::Value>(ORDER_PRETTY)
        .and_then(|v| serde_json::to_string(&v))
        .expect("the fixture is JSON");
    let sorted_text = sorted.as_str();
    // Both paths must read the same thing before their speed is compared.
    let typed: Order = serde_json::from_str(order_text).expect("the order decodes");
    assert_eq!(typed.items.len(), 3);
    assert_eq!(
        serde_json::from_str::<Order>(sorted_text).expect("the sorted order decodes"),
        typed
    );
    assert_eq!(
        serde_json::from_str::<Order>(ORDER_PRETTY).expect("the pretty order decodes"),
        typed
    );

    let mut group = c.benchmark_group("order_round_trip");
    group.bench_function("typed", |b| {
        b.iter(|| {
            let order: Order = serde_json::from_str(black_box(order_text)).expect("decode");
            serde_json::to_string(&order).expect("encode")
        })
    });
    group.bench_function("value", |b| {
        b.iter(|| {
            let order: serde_json::Value =
                serde_json::from_str(black_box(order_text)).expect("decode");
            serde_json::to_string(&order).expect("encode")
        })
    });
    group.finish();

    let mut group = c.benchmark_group("order_round_trip_sorted_keys");
    group.bench_function("typed", |b| {
        b.iter(|| {
            let order: Order = serde_json::from_str(black_box(sorted_text)).expect("decode");
            serde_json::to_string(&order).expect("encode")
        })
    });
    group.bench_function("value", |b| {
        b.iter(|| {
            let order: serde_json::Value =
                serde_json::from_str(black_box(sorted_text)).expect("decode");
            serde_json::to_string(&order).expect("encode")
        })
    });
    group.finish();

    let mut group = c.benchmark_group("order_decode");
    group.bench_function("typed", |b| {
        b.iter(|| serde_json::from_str::<Order>(black_box(order_text)).expect("decode"))
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(order_text)).expect("decode"))
    });
    // The parser alone: what any decode of this text costs at least.
    group.bench_function("parse_only", |b| {
        b.iter(|| {
            serde_json::from_str::<serde::de::IgnoredAny>(black_box(order_text)).expect("decode")
        })
    });
    group.finish();

    let value: serde_json::Value = serde_json::from_str(order_text).expect("decode");
    let mut group = c.benchmark_group("order_encode");
    group.bench_function("typed", |b| {
        b.iter(|| serde_json::to_string(black_box(&typed)).expect("encode"))
    });
    group.bench_function("value", |b| {
        b.iter(|| serde_json::to_string(black_box(&value)).expect("encode"))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = order_codec
}
criterion_main!(benches);
