//! One OpenRPC 1.3 document per API family.
//!
//! Every method of the family with its positional params (`paramStructure: by-position`; the
//! session id first where the method sends one), its result and its documented errors; the
//! JSON Schema of every named type the methods reach, under `components.schemas`; the family's
//! endpoint as its server. Extensions (`x-…`) carry what OpenRPC has no field for: whether a
//! call is retry-safe, needs a partner context or a cart session, the Rust names, the sources.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::schema::{self, description};
use crate::model::{ApiFamily, ErrorDoc, Method, Param, Spec};

/// The OpenRPC version the documents are written in.
pub const OPENRPC_VERSION: &str = "1.3.2";

/// The `code` of a documented error whose code is not an integer. OpenRPC codes are integers,
/// while 2Checkout sends symbolic codes (`INVALID_ID_SALE`) in `code` and `data.error_code`:
/// such an error is listed under this implementation-defined server error code, with the
/// symbolic code as its `message` and in `data.error_code`.
pub const SYMBOLIC_ERROR_CODE: i64 = -32000;

/// Every family, in document order.
pub const FAMILIES: [ApiFamily; 4] = [
    ApiFamily::Rpc6,
    ApiFamily::Rpc3,
    ApiFamily::Cm21,
    ApiFamily::Cm6,
];

/// The title, version and description of a family's document.
fn family_info(family: ApiFamily) -> (&'static str, &'static str, &'static str) {
    match family {
        ApiFamily::Rpc6 => (
            "2Checkout JSON-RPC 6.0 API",
            "6.0",
            "The merchant JSON-RPC 6.0 API of 2Checkout (Verifone).",
        ),
        ApiFamily::Rpc3 => (
            "2Checkout JSON-RPC 3.0 API",
            "3.0",
            "The legacy merchant JSON-RPC 3.0 API of 2Checkout (Avangate).",
        ),
        ApiFamily::Cm21 => (
            "2Checkout Channel Manager 2.1 API",
            "2.1",
            "The Channel Manager 2.1 API of 2Checkout (Avangate), for partners and resellers.",
        ),
        ApiFamily::Cm6 => (
            "2Checkout Channel Manager 6.0 API",
            "6.0",
            "The Channel Manager methods of the JSON-RPC 6.0 API, sent to the 6.0 endpoint.",
        ),
    }
}

/// The documented endpoint of a family (the same URLs as the client's `Api::DEFAULT_URL`).
pub fn server_url(family: ApiFamily) -> &'static str {
    match family {
        ApiFamily::Rpc6 | ApiFamily::Cm6 => "https://api.2checkout.com/rpc/6.0/",
        ApiFamily::Rpc3 => "https://api.avangate.com/rpc/3.0/",
        ApiFamily::Cm21 => "https://api.avangate.com/channel-manager/2.1/rpc/",
    }
}

/// The document of `family`, or `None` when the spec has no method in it.
pub fn document(spec: &Spec, family: ApiFamily) -> Option<Value> {
    let methods: Vec<&Method> = spec
        .methods
        .iter()
        .filter(|m| m.apis.contains(&family))
        .collect();
    if methods.is_empty() {
        return None;
    }
    let (title, version, about) = family_info(family);
    let description = format!(
        "{about} Requests are JSON-RPC 2.0 calls with positional params; every method but \
         `login` takes the session id first. Generated from the twocheckout spec \
         (`api-spec/`); do not edit by hand. Amounts (`Money`) are exact decimals sent as \
         numbers or decimal strings. Documented errors with a symbolic code are listed with \
         code {SYMBOLIC_ERROR_CODE} and the symbolic code as message and `data.error_code`."
    );
    let schemas = reachable_schemas(spec, &methods);
    Some(json!({
        "openrpc": OPENRPC_VERSION,
        "info": {
            "title": title,
            "version": version,
            "description": description,
        },
        "servers": [{
            "name": family.spec_name(),
            "url": server_url(family),
        }],
        "methods": methods.iter().map(|m| method_object(m)).collect::<Vec<_>>(),
        "components": { "schemas": schemas },
    }))
}

/// The schemas of every named type the methods refer to, directly or through other types.
fn reachable_schemas(spec: &Spec, methods: &[&Method]) -> Map<String, Value> {
    let mut pending = Vec::new();
    for method in methods {
        for param in &method.params {
            schema::named_in(&param.ty, &mut pending);
        }
        schema::named_in(&method.returns, &mut pending);
    }
    let mut seen = BTreeSet::new();
    let mut schemas = BTreeMap::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        // A checked spec resolves every reference; one that does not is left out rather than
        // failing the export.
        if let Some(def) = spec.type_def(&name) {
            pending.extend(schema::references_of(def));
            schemas.insert(name, schema::type_def_schema(def));
        }
    }
    schemas.into_iter().collect()
}

fn method_object(method: &Method) -> Value {
    let mut params = Vec::new();
    if method.session {
        params.push(json!({
            "name": "sessionID",
            "description": "The session id returned by `login`.",
            "required": true,
            "schema": { "type": "string" },
        }));
    }
    params.extend(method.params.iter().map(param_object));
    let mut object = json!({
        "name": method.wire_name,
        "paramStructure": "by-position",
        "params": params,
        "result": {
            "name": "result",
            "schema": schema::type_schema(&method.returns),
        },
        "x-rust-name": method.rust_name,
        "x-retry-safe": method.retry_safe,
        "x-partner-context": method.partner,
        "x-cart-session": method.cart,
    });
    let text = description(&method.docs);
    if !text.is_empty() {
        object["description"] = Value::String(text.clone());
        if let Some(first) = text.lines().next().filter(|l| !l.trim().is_empty()) {
            object["summary"] = Value::String(first.trim().to_owned());
        }
    }
    if !method.errors.is_empty() {
        object["errors"] = Value::Array(method.errors.iter().map(error_object).collect());
    }
    if !method.docs.sources.is_empty() {
        object["x-sources"] = json!(method.docs.sources);
        if let Some(url) = method
            .docs
            .sources
            .iter()
            .find(|s| s.starts_with("https://"))
        {
            object["externalDocs"] = json!({ "url": url });
        }
    }
    object
}

fn param_object(param: &Param) -> Value {
    let mut object = json!({
        "name": param.wire_name,
        "required": param.required,
        "schema": schema::value_schema(
            &param.ty,
            param.nullable,
            param.lenient.as_deref(),
            &Default::default(),
        ),
    });
    let text = description(&param.docs);
    if !text.is_empty() {
        object["description"] = Value::String(text);
    }
    object
}

fn error_object(error: &ErrorDoc) -> Value {
    match error.code.trim().parse::<i64>() {
        Ok(code) => json!({ "code": code, "message": error.meaning }),
        Err(_) => json!({
            "code": SYMBOLIC_ERROR_CODE,
            "message": error.code,
            "data": { "error_code": error.code, "meaning": error.meaning },
        }),
    }
}
