//! Exports of the spec for other tools.
//!
//! [`openrpc`] renders one OpenRPC document per API family (`rpc6.json`, `rpc3.json`, …), so
//! playgrounds, generators in other languages and API catalogues can use the spec. The files
//! are computed by [`openrpc_files`], and written or compared for drift like the generated
//! sources.

pub mod openrpc;
pub mod schema;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use crate::model::Spec;

/// File name (`rpc6.json`) → contents of every OpenRPC document of `spec`.
///
/// Deterministic: keys are written in sorted order whatever `serde_json`'s map is, and the text
/// ends with a newline.
pub fn openrpc_files(spec: &Spec) -> BTreeMap<String, String> {
    openrpc::FAMILIES
        .iter()
        .filter_map(|&family| {
            let document = openrpc::document(spec, family)?;
            let mut text = serde_json::to_string_pretty(&sorted(document))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            text.push('\n');
            Some((format!("{}.json", family.spec_name()), text))
        })
        .collect()
}

/// `value` with every object's keys in sorted order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(object) => {
            let mut entries: Vec<(String, Value)> = object.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted(v)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Writes `files` into `dir` (created if missing) and deletes the `*.json` files there that
/// `files` does not hold; returns how many files changed.
pub fn write_files(files: &BTreeMap<String, String>, dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut changed = 0;
    for (name, text) in files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)?;
            changed += 1;
        }
    }
    for name in json_files(dir)? {
        if !files.contains_key(&name) {
            std::fs::remove_file(dir.join(&name))?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// What differs between `files` and the `*.json` files in `dir`: one line per stale, missing or
/// extra file (empty when `dir` is up to date).
pub fn compare_files(files: &BTreeMap<String, String>, dir: &Path) -> std::io::Result<Vec<String>> {
    let mut stale = Vec::new();
    for (name, text) in files {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(existing) if existing == *text => {}
            Ok(_) => stale.push(format!("{name}: differs from the spec")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                stale.push(format!("{name}: missing"));
            }
            Err(e) => return Err(e),
        }
    }
    if dir.is_dir() {
        for name in json_files(dir)? {
            if !files.contains_key(&name) {
                stale.push(format!("{name}: no longer produced by the spec"));
            }
        }
    }
    Ok(stale)
}

/// The names of the `*.json` files directly in `dir`, sorted.
fn json_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        if let Some(name) = name.to_str().filter(|n| n.ends_with(".json")) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}
