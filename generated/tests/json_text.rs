//! Encoding to JSON text: `serde_json::to_string` / `to_vec` write generated objects directly
//! (static keys copied, values through serde_json); any other serializer goes through serde's
//! `SerializeMap`. Both must write the same bytes, and the exact text that was read.

mod common;

use serde::Serialize;
use serde::de::DeserializeOwned;
use twocheckout::{Order, ProposalAction};

/// Compact text of a fixture, as the API sends it: whitespace between tokens dropped, keys kept
/// in their order (`serde_json::Value` would sort them).
fn compact(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the fixture is readable");
    let out = common::compact::compact_json(&text);
    let _: serde_json::Value = serde_json::from_str(&out).expect("the fixture is JSON");
    out
}

/// The text written through serde's map path: a writer other than `&mut Vec<u8>` is not
/// written directly.
fn through_serde<T: Serialize>(value: &T) -> String {
    let mut out = std::io::Cursor::new(Vec::new());
    serde_json::to_writer(&mut out, value).expect("encodes");
    String::from_utf8(out.into_inner()).expect("JSON is UTF-8")
}

/// Objects are written in spec order, so a fixture whose keys come in another order comes back
/// with the same entries reordered; the direct and the serde path must agree byte for byte.
fn check<T: DeserializeOwned + Serialize>(name: &str) {
    let text = compact(name);
    let typed: T = serde_json::from_str(&text).expect("the fixture decodes");
    let direct = serde_json::to_string(&typed).expect("encodes");
    let read: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let written: serde_json::Value = serde_json::from_str(&direct).expect("JSON");
    assert_eq!(written, read, "{name}: the same entries");
    assert_eq!(through_serde(&typed), direct, "{name}: both paths agree");
    assert_eq!(
        serde_json::to_vec(&typed).expect("encodes"),
        direct.as_bytes()
    );
    // Written in spec order, the text reads back and writes again unchanged.
    let again: T = serde_json::from_str(&direct).expect("decodes");
    assert_eq!(
        serde_json::to_string(&again).expect("encodes"),
        direct,
        "{name}: stable"
    );
}

#[test]
fn direct_and_serde_paths_write_the_same_text() {
    check::<Order>("order_full.json");
    check::<Order>("installments_order.json");
    check::<ProposalAction>("perform_action.json");
}

#[test]
fn changed_values_and_escapes_are_written_alike_on_both_paths() {
    let text = compact("order_full.json");
    let mut order: Order = serde_json::from_str(&text).expect("decodes");
    order.customer_reference = twocheckout::Maybe::Value("quote \" backslash \\ tab \t é".into());
    order.items[0].quantity = 7;
    order
        .unknown_fields
        .insert("Odd \"key\"\n".into(), twocheckout::Json::string("x"));
    let direct = serde_json::to_string(&order).expect("encodes");
    assert_eq!(through_serde(&order), direct);
    let back: serde_json::Value = serde_json::from_str(&direct).expect("valid JSON");
    assert_eq!(back["CustomerReference"], "quote \" backslash \\ tab \t é");
    assert_eq!(back["Items"][0]["Quantity"], 7);
    assert_eq!(back["Odd \"key\"\n"], "x");
    // Pretty printing goes through serde's map path and stays pretty.
    let pretty = serde_json::to_string_pretty(&order).expect("encodes");
    assert!(pretty.contains("\n  \"RefNo\": "), "{}", &pretty[..80]);
}
