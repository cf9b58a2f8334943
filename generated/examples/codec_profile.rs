//! A fixed workload for instruction counts of the `Order` codec, typed or through
//! `serde_json::Value` (see BENCHMARKS.md):
//!
//! ```sh
//! cargo build --release -p twocheckout --example codec_profile
//! valgrind --tool=callgrind target/release/examples/codec_profile typed-decode
//! ```
//!
//! Modes: `typed-decode`, `value-decode` (2,000 decodes each), `typed-round-trip`,
//! `value-round-trip` (2,000 decodes and encodes each), `typed-encode`, `value-encode` (one decode,
//! then 2,000 encodes).
//!
//! The payload is the fixture made compact with its keys in the fixture's order, the order the
//! API sends them in. A second argument `sorted` compacts it through `serde_json::Value` instead,
//! which sorts the keys alphabetically (the payload of the earlier figures in BENCHMARKS.md).

use twocheckout::Order;

#[path = "../tests/common/compact.rs"]
mod compact;

const ORDER: &str = include_str!("../tests/fixtures/order_full.json");
const RUNS: usize = 2_000;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let compact = if std::env::args().nth(2).as_deref() == Some("sorted") {
        serde_json::from_str::<serde_json::Value>(ORDER)
            .and_then(|v| serde_json::to_string(&v))
            .expect("the fixture is JSON")
    } else {
        compact::compact_json(ORDER)
    };
    let typed: Order = decode(&compact);
    let value: serde_json::Value = decode(&compact);
    let mut bytes = 0;
    for _ in 0..RUNS {
        bytes += match mode.as_str() {
            "typed-decode" => decode::<Order>(&compact).items.len(),
            "value-decode" => decode::<serde_json::Value>(&compact)
                .as_object()
                .map_or(0, serde_json::Map::len),
            "typed-round-trip" => encode(&decode::<Order>(&compact)),
            "value-round-trip" => encode(&decode::<serde_json::Value>(&compact)),
            "typed-encode" => encode(&typed),
            "value-encode" => encode(&value),
            other => {
                eprintln!("unknown mode {other:?}; see the file's docs");
                std::process::exit(2);
            }
        };
    }
    println!("{bytes}");
}

// Not inlined: every mode then runs the same code for a type, so the modes' counts add up and do
// not depend on how the loop around them was optimised.
#[inline(never)]
fn decode<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("decodes")
}

#[inline(never)]
fn encode<T: serde::Serialize>(value: &T) -> usize {
    serde_json::to_string(value).expect("encodes").len()
}
