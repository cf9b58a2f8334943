//! Additional order and product fields. A field assigned to a product is listed in the
//! product's `AdditionalFields` as `{Code, Required}`, so getProductByCode shows it.
//!
//! The pages document no error codes: an unknown field is `ADDITIONAL_FIELD_NOT_FOUND`, a taken
//! code `DUPLICATE_ADDITIONAL_FIELD`, a malformed field or assignment `INVALID_ADDITIONAL_FIELD`,
//! an unknown product `PRODUCT_NOT_FOUND`.

use serde_json::{Value, json};

use super::products::unknown_product;
use super::{Call, as_bool, as_text};
use crate::rpc::RpcError;
use crate::state::{Record, merge, record};

fn unknown_field(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "ADDITIONAL_FIELD_NOT_FOUND",
        &format!("No additional field with code {code}."),
    )
}

fn invalid(call: &Call<'_>, message: &str) -> RpcError {
    call.error("INVALID_ADDITIONAL_FIELD", message)
}

fn field_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("AdditionalField") {
        Some(Value::Object(field)) => Ok(field),
        _ => Err(crate::validate::missing(call.method, "AdditionalField")),
    }
}

/// Letters, digits, underscores and dashes, as the docs allow.
fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A LISTBOX field needs values to pick from.
fn check_values(call: &Call<'_>, field: &Record) -> Result<(), RpcError> {
    let listbox = field
        .get("Type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("LISTBOX"));
    let has_values = field
        .get("Values")
        .and_then(Value::as_array)
        .is_some_and(|v| !v.is_empty());
    if listbox && !has_values {
        return Err(invalid(call, "A LISTBOX field needs Values."));
    }
    Ok(())
}

/// `getAdditionalFields()`.
pub fn get_additional_fields(call: &Call<'_>) -> Result<Value, RpcError> {
    let store = call.state.read();
    Ok(Value::Array(
        store
            .additional_fields
            .values()
            .map(|f| Value::Object(f.clone()))
            .collect(),
    ))
}

/// `getAdditionalField(fieldCode)`.
pub fn get_additional_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("fieldCode")?;
    let store = call.state.read();
    store
        .additional_fields
        .get(&code)
        .map(|f| Value::Object(f.clone()))
        .ok_or_else(|| unknown_field(call, &code))
}

/// `addAdditionalField(AdditionalField)`.
pub fn add_additional_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let field = field_arg(call)?;
    let code = field.get("Code").and_then(as_text).unwrap_or_default();
    if !valid_code(&code) {
        return Err(invalid(
            call,
            &format!("Field code {code:?} must be letters, digits, underscores and dashes."),
        ));
    }
    check_values(call, field)?;
    let mut store = call.state.write();
    if store.additional_fields.contains_key(&code) {
        return Err(call.error(
            "DUPLICATE_ADDITIONAL_FIELD",
            &format!("An additional field with code {code} already exists."),
        ));
    }
    let mut stored = field.clone();
    stored
        .entry("ApplyTo")
        .or_insert_with(|| Value::String("ORDER".into()));
    stored
        .entry("Type")
        .or_insert_with(|| Value::String("TEXT".into()));
    store.additional_fields.insert(code, stored);
    Ok(Value::Bool(true))
}

/// `updateAdditionalField(AdditionalField)`: merges the sent fields into the field named by Code.
pub fn update_additional_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let changes = field_arg(call)?;
    let code = changes
        .get("Code")
        .and_then(as_text)
        .ok_or_else(|| crate::validate::missing(call.method, "Code"))?;
    let mut store = call.state.write();
    let stored = store
        .additional_fields
        .get_mut(&code)
        .ok_or_else(|| unknown_field(call, &code))?;
    let mut merged = stored.clone();
    merge(&mut merged, changes);
    check_values(call, &merged)?;
    *stored = merged;
    Ok(Value::Bool(true))
}

/// `assignAdditionalField(FieldCode, Required, ProductCode)`: a PRODUCT field joins (or, when
/// assigned already, updates) the product's `AdditionalFields`.
pub fn assign_additional_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("FieldCode")?;
    let product_code = call.required_text("ProductCode")?;
    let required = call
        .arg("Required")
        .and_then(as_bool)
        .ok_or_else(|| crate::validate::missing(call.method, "Required"))?;
    let mut store = call.state.write();
    let field = store
        .additional_fields
        .get(&code)
        .ok_or_else(|| unknown_field(call, &code))?;
    let per_order = field
        .get("ApplyTo")
        .and_then(Value::as_str)
        .is_some_and(|a| a.eq_ignore_ascii_case("ORDER"));
    if per_order {
        return Err(invalid(
            call,
            &format!(
                "Field {code} applies to orders; only PRODUCT fields are assigned to products."
            ),
        ));
    }
    let product = store
        .products
        .get_mut(&product_code)
        .ok_or_else(|| unknown_product(call, &product_code))?;
    let mut assigned = assigned_fields(product);
    assigned.retain(|f| f.get("Code").and_then(as_text).as_deref() != Some(code.as_str()));
    assigned.push(json!({ "Code": code, "Required": required }));
    product.insert("AdditionalFields".into(), Value::Array(assigned));
    Ok(Value::Bool(true))
}

/// `unassignAdditionalField(FieldCode, ProductCode)`.
pub fn unassign_additional_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("FieldCode")?;
    let product_code = call.required_text("ProductCode")?;
    let mut store = call.state.write();
    let product = store
        .products
        .get_mut(&product_code)
        .ok_or_else(|| unknown_product(call, &product_code))?;
    let assigned = assigned_fields(product);
    let left: Vec<Value> = assigned
        .iter()
        .filter(|f| f.get("Code").and_then(as_text).as_deref() != Some(code.as_str()))
        .cloned()
        .collect();
    if left.len() == assigned.len() {
        return Err(invalid(
            call,
            &format!("Field {code} is not assigned to product {product_code}."),
        ));
    }
    product.insert("AdditionalFields".into(), Value::Array(left));
    Ok(Value::Bool(true))
}

fn assigned_fields(product: &Record) -> Vec<Value> {
    product
        .get("AdditionalFields")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The seeded fields: one per order, one per product.
pub fn seed() -> Vec<Record> {
    vec![
        record(json!({
            "Label": "How did you hear about us?",
            "Code": "REFERRAL",
            "Type": "LISTBOX",
            "ApplyTo": "ORDER",
            "Values": ["Search engine", "A friend", "Other"],
            "ValidationRule": null,
            "Translations": [],
        })),
        record(json!({
            "Label": "Licensed to",
            "Code": "LICENSE_OWNER",
            "Type": "TEXT",
            "ApplyTo": "PRODUCT",
            "Values": [],
            "ValidationRule": "^.{2,}$",
            "Translations": [{ "Label": "Lizenznehmer", "Values": null, "Language": "de" }],
        })),
    ]
}
