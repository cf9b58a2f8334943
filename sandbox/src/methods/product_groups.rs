//! Product groups. Products name their group by `GroupName` (read-only on the product), so a
//! renamed group renames it on its products too.
//!
//! The pages document no error codes: a blank or taken name is `INVALID_PRODUCT_GROUP`, an
//! unknown code `PRODUCT_GROUP_NOT_FOUND`.

use serde_json::{Value, json};

use super::products::generated_code;
use super::{Call, as_text};
use crate::rpc::RpcError;
use crate::state::{Record, Store, merge};

/// The template of a group sent without one.
const DEFAULT_TEMPLATE: &str = "Default Template";

/// `addProductGroup(ProductGroup)`: a new group with a generated code.
pub fn add_product_group(call: &Call<'_>) -> Result<Value, RpcError> {
    let group = group_arg(call)?;
    let name = name_of(call, group)?;
    let mut store = call.state.write();
    check_name_free(call, &store, &name, None)?;
    // The code sent is ignored: 2Checkout makes its own.
    let code = (0..)
        .map(|n| generated_code(&format!("group:{name}:{n}")))
        .find(|code| !store.product_groups.contains_key(code))
        .unwrap_or_default();
    let mut record = group.clone();
    record.insert("Code".into(), Value::String(code.clone()));
    let template = record
        .get("TemplateName")
        .and_then(as_text)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_TEMPLATE.into());
    record.insert("TemplateName".into(), Value::String(template));
    record.entry("Description").or_insert(Value::Null);
    record.entry("Enabled").or_insert(Value::Bool(true));
    store.product_groups.insert(code, record);
    Ok(Value::Bool(true))
}

/// `getProductGroup(groupCode)`: documented as an array of groups.
pub fn get_product_group(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("groupCode")?;
    let store = call.state.read();
    let group = store
        .product_groups
        .get(&code)
        .ok_or_else(|| unknown_group(call, &code))?;
    Ok(json!([group]))
}

/// `getProductGroups()`: every group, by code.
pub fn get_product_groups(call: &Call<'_>) -> Result<Value, RpcError> {
    let store = call.state.read();
    Ok(Value::Array(
        store
            .product_groups
            .values()
            .map(|g| Value::Object(g.clone()))
            .collect(),
    ))
}

/// `updateProductGroup(ProductGroup)`: merges the sent fields into the group named by `Code`.
pub fn update_product_group(call: &Call<'_>) -> Result<Value, RpcError> {
    let group = group_arg(call)?;
    let code = group
        .get("Code")
        .and_then(as_text)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| crate::validate::missing(call.method, "Code"))?;
    let name = name_of(call, group)?;
    let mut store = call.state.write();
    let old_name = store
        .product_groups
        .get(&code)
        .ok_or_else(|| unknown_group(call, &code))?
        .get("Name")
        .and_then(as_text)
        .unwrap_or_default();
    check_name_free(call, &store, &name, Some(&code))?;
    if let Some(stored) = store.product_groups.get_mut(&code) {
        merge(stored, group);
    }
    if old_name != name {
        for product in store.products.values_mut() {
            let member = product
                .get("GroupName")
                .and_then(Value::as_str)
                .is_some_and(|g| g == old_name);
            if member {
                product.insert("GroupName".into(), Value::String(name.clone()));
            }
        }
    }
    Ok(Value::Bool(true))
}

fn group_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("ProductGroup") {
        Some(Value::Object(group)) => Ok(group),
        _ => Err(crate::validate::missing(call.method, "ProductGroup")),
    }
}

fn name_of(call: &Call<'_>, group: &Record) -> Result<String, RpcError> {
    group
        .get("Name")
        .and_then(as_text)
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| call.error("INVALID_PRODUCT_GROUP", "A product group needs a name."))
}

fn check_name_free(
    call: &Call<'_>,
    store: &Store,
    name: &str,
    except: Option<&str>,
) -> Result<(), RpcError> {
    let taken = store.product_groups.iter().any(|(code, group)| {
        Some(code.as_str()) != except
            && group
                .get("Name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
    });
    if taken {
        return Err(call.error(
            "INVALID_PRODUCT_GROUP",
            &format!("A product group named {name:?} already exists."),
        ));
    }
    Ok(())
}

fn unknown_group(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "PRODUCT_GROUP_NOT_FOUND",
        &format!("No product group with code {code}."),
    )
}
