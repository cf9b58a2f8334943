//! The OpenRPC export: each document is valid against the OpenRPC meta-schema (vendored in
//! `tests/openrpc/`), every schema in it is a valid JSON Schema whose references resolve inside
//! the document, the recorded payloads are valid against the result schemas of the calls that
//! returned them, and the checked-in copy (`generated/openrpc/`) is what the spec exports.
//!
//! `TWOCHECKOUT_BLESS=1` rewrites the checked-in copy instead of failing on drift.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jsonschema::{Draft, Registry, Validator};
use serde_json::{Value, json};
use twocheckout_codegen::export::{self, openrpc};
use twocheckout_codegen::load;
use twocheckout_codegen::model::Spec;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec() -> Spec {
    load::load_dir(&workspace().join("api-spec")).unwrap_or_else(|e| panic!("{e}"))
}

fn documents() -> BTreeMap<String, Value> {
    export::openrpc_files(&spec())
        .into_iter()
        .map(|(name, text)| {
            let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, value)
        })
        .collect()
}

/// A vendored meta-schema. Both declare `https://meta.json-schema.tools/` as their `$schema`:
/// that meta-schema is the draft-07 vocabulary under another id, which the validator cannot
/// know by name, so the validator is told draft-07 instead.
fn meta_schema(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/openrpc")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    schema["$schema"] = json!("http://json-schema.org/draft-07/schema#");
    schema
}

/// The OpenRPC meta-schema, with the JSON Schema meta-schema it refers to registered locally.
fn openrpc_validator() -> Validator {
    let tools = meta_schema("json-schema-tools-meta-schema.json");
    let registry = Registry::new()
        .add(
            "https://meta.json-schema.tools",
            Draft::Draft7.create_resource(tools),
        )
        .and_then(|r| r.prepare())
        .expect("the JSON Schema meta-schema registers");
    jsonschema::options()
        .with_draft(Draft::Draft7)
        .with_registry(&registry)
        .offline()
        .build(&meta_schema("openrpc-meta-schema.json"))
        .expect("the OpenRPC meta-schema compiles")
}

fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .take(20)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn every_family_has_a_document_with_its_methods_and_server() {
    let spec = spec();
    let documents = documents();
    for family in openrpc::FAMILIES {
        let count = spec
            .methods
            .iter()
            .filter(|m| m.apis.contains(&family))
            .count();
        let name = format!("{}.json", family.spec_name());
        let Some(document) = documents.get(&name) else {
            assert_eq!(
                count, 0,
                "{name} is missing though {count} methods are in its family"
            );
            continue;
        };
        let methods = document["methods"].as_array().expect("methods");
        assert_eq!(methods.len(), count, "{name}: one method object per method");
        assert_eq!(document["servers"][0]["url"], openrpc::server_url(family));
        for method in methods {
            assert_eq!(
                method["paramStructure"], "by-position",
                "{name}: {}",
                method["name"]
            );
        }
    }
    assert!(
        documents.len() >= 4,
        "rpc6, rpc3, cm21 and cm6: {:?}",
        documents.keys()
    );
}

#[test]
fn documents_are_valid_openrpc() {
    let validator = openrpc_validator();
    for (name, document) in documents() {
        let problems = errors(&validator, &document);
        assert!(
            problems.is_empty(),
            "{name} is not a valid OpenRPC document:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn the_meta_schema_rejects_a_broken_document() {
    let validator = openrpc_validator();
    let mut document = documents().remove("rpc6.json").expect("rpc6.json");
    document["methods"][0]["paramStructure"] = json!("positional");
    assert!(
        !validator.is_valid(&document),
        "an unknown paramStructure passed"
    );
    let mut document = documents().remove("rpc6.json").expect("rpc6.json");
    document["methods"][0]["errors"] = json!([{ "code": "INVALID_ID_SALE", "message": "x" }]);
    assert!(!validator.is_valid(&document), "a string error code passed");
}

/// Every schema of a document, with where it is.
fn schemas(document: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    if let Some(components) = document["components"]["schemas"].as_object() {
        out.extend(
            components
                .iter()
                .map(|(k, v)| (format!("components.schemas.{k}"), v)),
        );
    }
    for method in document["methods"].as_array().into_iter().flatten() {
        let name = method["name"].as_str().unwrap_or_default();
        for param in method["params"].as_array().into_iter().flatten() {
            out.push((format!("{name}.params.{}", param["name"]), &param["schema"]));
        }
        out.push((format!("{name}.result"), &method["result"]["schema"]));
    }
    out
}

/// A registry holding `document` under `base`, so `#/components/schemas/…` resolves in it.
fn document_registry(base: &str, document: &Value) -> Registry<'static> {
    Registry::new()
        .add(base, Draft::Draft7.create_resource(document.clone()))
        .and_then(|r| r.prepare())
        .expect("the document registers")
}

/// A validator of the schema at JSON pointer `pointer` in the document registered at `base`.
fn validator_at(registry: &Registry<'_>, base: &str, pointer: &str) -> Validator {
    jsonschema::options()
        .with_draft(Draft::Draft7)
        .with_registry(registry)
        .offline()
        .build(&json!({ "$ref": format!("{base}#{pointer}") }))
        .unwrap_or_else(|e| panic!("{base}#{pointer} does not compile: {e}"))
}

#[test]
fn every_schema_is_json_schema_and_its_references_resolve() {
    for (name, document) in documents() {
        for (place, schema) in schemas(&document) {
            if let Err(e) = jsonschema::draft7::meta::validate(schema) {
                panic!("{name}: {place} is not a draft-07 JSON Schema: {e}");
            }
        }
        let base = format!("https://twocheckout.invalid/openrpc/{name}");
        let registry = document_registry(&base, &document);
        for key in document["components"]["schemas"]
            .as_object()
            .expect("schemas")
            .keys()
        {
            validator_at(&registry, &base, &format!("/components/schemas/{key}"));
        }
        for (i, _) in document["methods"]
            .as_array()
            .expect("methods")
            .iter()
            .enumerate()
        {
            validator_at(&registry, &base, &format!("/methods/{i}/result/schema"));
        }
    }
}

#[test]
fn money_is_a_decimal_string_or_number() {
    let documents = documents();
    let document = &documents["rpc6.json"];
    let base = "https://twocheckout.invalid/openrpc/rpc6.json";
    let registry = document_registry(base, document);
    // The first object of the document with a Money field.
    let (object, field) = document["components"]["schemas"]
        .as_object()
        .expect("schemas")
        .iter()
        .find_map(|(name, schema)| {
            schema["properties"]
                .as_object()?
                .iter()
                .find_map(|(key, field)| {
                    (field["pattern"] == export::schema::MONEY_PATTERN
                        && field["description"]
                            .as_str()
                            .is_some_and(|d| d.contains(export::schema::MONEY_NOTE)))
                    .then(|| (name.clone(), key.clone()))
                })
        })
        .expect("an object with a Money field");
    let validator = validator_at(
        &registry,
        base,
        &format!("/components/schemas/{object}/properties/{field}"),
    );
    for good in [json!("29.90"), json!("-3"), json!(29.9), json!(0)] {
        assert!(
            validator.is_valid(&good),
            "{object}.{field}: {good} refused"
        );
    }
    for bad in [json!("29,90"), json!("ten"), json!(true), json!([1])] {
        assert!(
            !validator.is_valid(&bad),
            "{object}.{field}: {bad} accepted"
        );
    }
}

fn payloads_dir() -> Option<PathBuf> {
    let dir = workspace().join("../shared/reference/payloads");
    dir.is_dir().then_some(dir)
}

/// Recorded answers are valid against the result schema of the method that returned them
/// (the file name starts with the call, `getOrder__…`).
#[test]
fn recorded_payloads_match_the_result_schemas() {
    let Some(dir) = payloads_dir() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the recorded payloads (shared/reference/payloads) are missing"
        );
        return;
    };
    let documents = documents();
    let document = &documents["rpc6.json"];
    let base = "https://twocheckout.invalid/openrpc/rpc6.json";
    let registry = document_registry(base, document);
    let methods = document["methods"].as_array().expect("methods");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("payloads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let call = file.split("__").next().unwrap_or_default();
        let pointer = match methods.iter().position(|m| m["name"] == call) {
            Some(i) => format!("/methods/{i}/result/schema"),
            None if call == "searchPriceOptionGroups-item" => {
                "/components/schemas/PriceOptionsGroup".to_owned()
            }
            None => continue,
        };
        let text = std::fs::read_to_string(&path).expect("payload");
        let payload: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let validator = validator_at(&registry, base, &pointer);
        let problems = errors(&validator, &payload);
        if !problems.is_empty() {
            failures.push(format!("{file}:\n  {}", problems.join("\n  ")));
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} payloads map to a method");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_checked_in_copy_is_up_to_date() {
    let files = export::openrpc_files(&spec());
    let dir = workspace().join("generated/openrpc");
    if std::env::var_os("TWOCHECKOUT_BLESS").is_some() {
        export::write_files(&files, &dir).expect("write generated/openrpc");
        return;
    }
    let stale = export::compare_files(&files, &dir).expect("read generated/openrpc");
    assert!(
        stale.is_empty(),
        "generated/openrpc is stale; run `cargo run -p twocheckout-codegen -- export openrpc`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn enums_list_the_documented_values_and_accept_any_case() {
    let documents = documents();
    let document = &documents["rpc6.json"];
    let base = "https://twocheckout.invalid/openrpc/rpc6.json";
    let registry = document_registry(base, document);
    let schema = &document["components"]["schemas"]["CardType"];
    assert!(
        schema["anyOf"][0]["enum"]
            .as_array()
            .is_some_and(|values| values.contains(&json!("Visa Electron"))),
        "{schema}"
    );
    let validator = validator_at(&registry, base, "/components/schemas/CardType");
    for good in ["Visa", "visa", "VISA", "visa electron", "Carte Bleue"] {
        assert!(validator.is_valid(&json!(good)), "{good} refused");
    }
    for bad in [json!("Vizza"), json!("Visa Electronic"), json!(1)] {
        assert!(!validator.is_valid(&bad), "{bad} accepted");
    }
}
