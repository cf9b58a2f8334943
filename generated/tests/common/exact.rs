//! JSON compared exactly: numbers by their text (`0` is not `0.0`, `29.90` is not `29.9`),
//! strings apart from numbers, objects by key (their order aside).

use std::collections::BTreeMap;

use serde_json::value::RawValue;

/// JSON compared exactly: numbers by their text, objects by key (order aside).
#[derive(Debug, PartialEq)]
pub enum Exact {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Exact>),
    Object(BTreeMap<String, Exact>),
}

pub fn exact(text: &str) -> Exact {
    let text = text.trim();
    match text.as_bytes().first() {
        Some(b'{') => {
            let entries: BTreeMap<String, &RawValue> =
                serde_json::from_str(text).expect("an object");
            Exact::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, exact(v.get())))
                    .collect(),
            )
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).expect("an array");
            Exact::Array(items.into_iter().map(|v| exact(v.get())).collect())
        }
        Some(b'"') => Exact::String(serde_json::from_str(text).expect("a string")),
        Some(b't') => Exact::Bool(true),
        Some(b'f') => Exact::Bool(false),
        Some(b'n') => Exact::Null,
        _ => Exact::Number(text.to_owned()),
    }
}

/// The first place where two exact trees differ, as a JSON pointer with both sides.
pub fn first_difference(path: &str, a: &Exact, b: &Exact) -> Option<String> {
    match (a, b) {
        (Exact::Object(x), Exact::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let here = format!("{path}/{key}");
                match (x.get(key), y.get(key)) {
                    (Some(p), Some(q)) => {
                        if let Some(d) = first_difference(&here, p, q) {
                            return Some(d);
                        }
                    }
                    (p, q) => return Some(format!("{here}: {p:?} vs {q:?}")),
                }
            }
            None
        }
        (Exact::Array(x), Exact::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(&format!("{path}/{i}"), p, q)),
        _ if a == b => None,
        _ => Some(format!("{path}: {a:?} vs {b:?}")),
    }
}
