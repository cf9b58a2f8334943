//! Payloads that 2Checkout's servers really sent (recorded by third parties, see
//! `shared/reference/payloads/INDEX.md`) decode into the generated types and encode back to
//! exactly the same JSON: the same keys, the same nulls, and the same scalar forms — a number's
//! text (`0` vs `0.0`, `29.90` vs `29.9`) and strings vs numbers are compared as written.

use std::path::{Path, PathBuf};

mod common;

use common::exact::{exact, first_difference};
use serde::Serialize;
use serde::de::DeserializeOwned;
use twocheckout::{CrossSellCampaign, Customer, Order, PriceOptionsGroup, Product, Subscription};

/// Decodes a payload into a generated type and encodes it back.
type RoundTrip = fn(&str) -> Result<String, serde_json::Error>;

/// Which generated type each recorded call's value maps to (the INDEX says which call returned
/// each file).
fn decoder(file: &str) -> Option<RoundTrip> {
    let call = file.split("__").next().unwrap_or_default();
    Some(match call {
        "placeOrder" | "getOrder" | "getContents" => round_trip::<Order>,
        "getSubscription" => round_trip::<Subscription>,
        "getCustomerInformation" => round_trip::<Customer>,
        "getProductByCode" => round_trip::<Product>,
        "getProductCrossSellCampaigns" => round_trip::<Vec<CrossSellCampaign>>,
        "searchPriceOptionGroups-item" => round_trip::<PriceOptionsGroup>,
        _ => return None,
    })
}

/// Files that map to no generated type, and why.
const NOT_BOUND: &[(&str, &str)] = &[
    (
        "getAvailableLanguages",
        "a pre-3.0 cart method with no documentation page; not in the spec",
    ),
    (
        "error-object",
        "the `error` member of an envelope: decoded by the runtime, tested in runtime/tests",
    ),
];

fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> Result<String, serde_json::Error> {
    let value: T = serde_json::from_str(text)?;
    serde_json::to_string(&value)
}

fn payloads_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/payloads");
    dir.is_dir().then_some(dir)
}

#[test]
fn every_recorded_payload_round_trips_exactly() {
    let Some(dir) = payloads_dir() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the recorded payloads (shared/reference/payloads) are missing"
        );
        eprintln!("recorded payloads not found: skipped outside CI");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("payload folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "expected the 20 recorded payloads");
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("payload");
        let Some(decode) = decoder(&name) else {
            let call = name.split("__").next().unwrap_or_default();
            assert!(
                NOT_BOUND.iter().any(|(c, _)| *c == call),
                "{name}: map it to a generated type in `decoder` or list it in NOT_BOUND"
            );
            continue;
        };
        checked += 1;
        match decode(&text) {
            Ok(back) => {
                if let Some(difference) = first_difference("", &exact(&text), &exact(&back)) {
                    failures.push(format!("{name}: differs at {difference}"));
                }
            }
            Err(error) => failures.push(format!("{name}: does not decode: {error}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, 18, "every payload that maps to a type was checked");
}

#[test]
fn the_exact_comparison_tells_number_forms_apart() {
    assert_ne!(exact("0"), exact("0.0"));
    assert_ne!(exact("29.90"), exact("29.9"));
    assert_ne!(exact("\"1\""), exact("1"));
    assert_eq!(
        exact(r#"{"a": 1, "b": [null]}"#),
        exact(r#"{"b":[null],"a":1}"#)
    );
    assert!(
        first_difference("", &exact(r#"{"a":[1,2]}"#), &exact(r#"{"a":[1,3]}"#))
            .is_some_and(|d| d.starts_with("/a/1"))
    );
}
