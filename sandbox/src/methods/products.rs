//! Adding, searching, enabling and disabling products, and their upgrade schemas.
//!
//! The product pages document no error codes: an unknown product is `PRODUCT_NOT_FOUND`, a
//! taken code `DUPLICATE_PRODUCT_CODE`, an unknown group `PRODUCT_GROUP_NOT_FOUND`, values out
//! of their documented range `INVALID_PARAMETER`.

use std::cmp::Ordering;

use serde_json::{Value, json};

use super::{Call, as_bool, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store};
use crate::validate::INVALID_PARAMETER;

/// searchProducts answers at most this many products a page.
const MAX_LIMIT: i64 = 200;

/// Whether a product can be ordered: it exists and is not disabled (`setProductStatus`,
/// `updateProduct` with `Enabled: false`). Order-placing methods check this before pricing.
pub fn is_orderable(product: &Record) -> bool {
    product.get("Enabled").and_then(as_bool).unwrap_or(true)
}

/// The error for a product code the catalog does not hold.
pub fn unknown_product(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "PRODUCT_NOT_FOUND",
        &format!("No product found for code {code}."),
    )
}

/// `addProduct(Product)`: stores a new product with a system-generated `AvangateId` and codes for
/// pricing configurations sent without one.
pub fn add_product(call: &Call<'_>) -> Result<Value, RpcError> {
    let Some(Value::Object(product)) = call.arg("Product") else {
        return Err(crate::validate::missing(call.method, "Product"));
    };
    let code = required_field(call, product, "ProductCode")?;
    required_field(call, product, "ProductName")?;
    let configs = match product.get("PricingConfigurations") {
        Some(Value::Array(configs)) if !configs.is_empty() => configs.clone(),
        _ => {
            return Err(crate::validate::missing(
                call.method,
                "PricingConfigurations",
            ));
        }
    };
    let mut store = call.state.write();
    if store.products.contains_key(&code) {
        return Err(call.error(
            "DUPLICATE_PRODUCT_CODE",
            &format!("A product with code {code} already exists."),
        ));
    }
    let mut record = product.clone();
    // AvangateID and GroupName cannot be set: the system assigns them.
    for field in ["AvangateId", "AvangateID", "GroupName"] {
        record.remove(field);
    }
    let group_name = group_name_for(call, &store, &record)?;
    record.insert("GroupName".into(), group_name);
    let id = next_avangate_id(&store);
    record.insert("AvangateId".into(), Value::String(id.to_string()));
    record
        .entry("ProductType")
        .or_insert_with(|| Value::String("REGULAR".into()));
    record.entry("Enabled").or_insert(Value::Bool(true));
    let configs = with_codes(&code, configs);
    record.insert("PricingConfigurations".into(), Value::Array(configs));
    store.products.insert(code, record);
    Ok(Value::Bool(true))
}

fn required_field(call: &Call<'_>, record: &Record, name: &str) -> Result<String, RpcError> {
    record
        .get(name)
        .and_then(as_text)
        .filter(|text| !text.trim().is_empty())
        .ok_or_else(|| crate::validate::missing(call.method, name))
}

/// The `GroupName` a product gets: its `ProductGroupCode`'s group, else the default group.
pub fn group_name_for(call: &Call<'_>, store: &Store, product: &Record) -> Result<Value, RpcError> {
    let Some(code) = product.get("ProductGroupCode").and_then(as_text) else {
        return Ok(Value::String(DEFAULT_GROUP.into()));
    };
    store
        .product_groups
        .get(&code)
        .and_then(|group| group.get("Name").cloned())
        .ok_or_else(|| {
            call.error(
                "PRODUCT_GROUP_NOT_FOUND",
                &format!("No product group with code {code}."),
            )
        })
}

/// The group of products added without a group.
pub const DEFAULT_GROUP: &str = "General";

fn next_avangate_id(store: &Store) -> i64 {
    store
        .products
        .values()
        .filter_map(|p| p.get("AvangateId").and_then(as_f64))
        .map(|id| id as i64)
        .max()
        .unwrap_or(4_590_000)
        + 1
}

/// Pricing configurations with a `Code` each (system-generated when missing) and exactly one
/// `Default` (the first, unless one is marked).
fn with_codes(product_code: &str, configs: Vec<Value>) -> Vec<Value> {
    let has_default = configs
        .iter()
        .any(|c| c.get("Default").and_then(as_bool) == Some(true));
    configs
        .into_iter()
        .enumerate()
        .map(|(index, mut config)| {
            if let Value::Object(fields) = &mut config {
                let missing = fields
                    .get("Code")
                    .and_then(as_text)
                    .is_none_or(|c| c.is_empty());
                if missing {
                    fields.insert(
                        "Code".into(),
                        Value::String(generated_code(&format!("{product_code}#{index}"))),
                    );
                }
                if !has_default {
                    fields.insert("Default".into(), Value::Bool(index == 0));
                }
            }
            config
        })
        .collect()
}

/// A deterministic 10-character upper-case hex code, as the system generates them.
pub fn generated_code(seed: &str) -> String {
    // FNV-1a: stable across runs and platforms.
    let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:010X}", hash & 0xFF_FFFF_FFFF)
}

/// `searchProducts(SearchOptions)`: filters, orders and pages the catalog.
pub fn search_products(call: &Call<'_>) -> Result<Value, RpcError> {
    let name = call.text("Name").map(|n| n.to_lowercase());
    let codes = texts(call.arg("Codes"));
    let types = texts(call.arg("Types"));
    let enabled = call.arg("Enabled").and_then(as_bool);
    let group = call.text("GroupName");
    let order = call.arg("OrderBy");
    let field = order
        .and_then(|o| o.get("Field"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let descending = order
        .and_then(|o| o.get("Direction"))
        .and_then(Value::as_str)
        .is_none_or(|d| !d.eq_ignore_ascii_case("asc"));
    let (page, limit) = page_and_limit(call)?;
    let store = call.state.read();
    let mut matching: Vec<&Record> = store
        .products
        .values()
        .filter(|p| {
            name.as_ref().is_none_or(|n| {
                text_of(p, "ProductName").is_some_and(|v| v.to_lowercase().contains(n))
            })
        })
        .filter(|p| {
            codes.is_empty() || text_of(p, "ProductCode").is_some_and(|c| codes.contains(&c))
        })
        .filter(|p| {
            types.is_empty()
                || text_of(p, "ProductType")
                    .is_some_and(|t| types.iter().any(|w| w.eq_ignore_ascii_case(&t)))
        })
        .filter(|p| enabled.is_none_or(|e| is_orderable(p) == e))
        .filter(|p| {
            group
                .as_ref()
                .is_none_or(|g| text_of(p, "GroupName").is_some_and(|v| v.eq_ignore_ascii_case(g)))
        })
        .collect();
    if let Some(field) = field {
        let key = sort_key(&field).ok_or_else(|| {
            RpcError::business(
                INVALID_PARAMETER,
                format!("OrderBy.Field {field:?} is not one of ProductStatus, ProductName, ProductCode, UpdateDatetime, AvangateId."),
            )
        })?;
        matching.sort_by(|a, b| {
            let ordering = compare(&key(a), &key(b));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
    }
    let found: Vec<Value> = matching
        .into_iter()
        .map(|p| Value::Object(p.clone()))
        .collect();
    Ok(Value::Array(paginate(&found, page, limit)))
}

/// `Page` / `Limit` at the top of SearchOptions, else in its `Pagination` (defaults 1 and 10).
fn page_and_limit(call: &Call<'_>) -> Result<(i64, i64), RpcError> {
    let options = call.arg("SearchOptions");
    let read = |name: &str| {
        options
            .and_then(|o| o.get(name))
            .or_else(|| options.and_then(|o| o.pointer(&format!("/Pagination/{name}"))))
            .and_then(as_f64)
            .map(|n| n as i64)
    };
    let page = read("Page").unwrap_or(1);
    let limit = read("Limit").unwrap_or(10);
    if page < 1 || !(1..=MAX_LIMIT).contains(&limit) {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!(
                "Page must be at least 1 and Limit between 1 and {MAX_LIMIT} (got {page}, {limit})."
            ),
        ));
    }
    Ok((page, limit))
}

/// A sortable key of a product.
#[derive(PartialEq)]
enum Key {
    Number(f64),
    Text(String),
    Missing,
}

type KeyFn = fn(&Record) -> Key;

fn sort_key(field: &str) -> Option<KeyFn> {
    let key: KeyFn = match field.to_ascii_lowercase().as_str() {
        "productstatus" => |p| Key::Number(if is_orderable(p) { 1.0 } else { 0.0 }),
        "productname" => |p| text_key(p, "ProductName"),
        "productcode" => |p| text_key(p, "ProductCode"),
        "updatedatetime" => |p| text_key(p, "UpdateDatetime"),
        "avangateid" => |p| {
            p.get("AvangateId")
                .and_then(as_f64)
                .map_or(Key::Missing, Key::Number)
        },
        _ => return None,
    };
    Some(key)
}

fn text_key(product: &Record, field: &str) -> Key {
    text_of(product, field).map_or(Key::Missing, |t| Key::Text(t.to_lowercase()))
}

fn compare(a: &Key, b: &Key) -> Ordering {
    match (a, b) {
        (Key::Number(x), Key::Number(y)) => x.total_cmp(y),
        (Key::Text(x), Key::Text(y)) => x.cmp(y),
        (Key::Missing, Key::Missing) => Ordering::Equal,
        (Key::Missing, _) => Ordering::Less,
        (_, Key::Missing) => Ordering::Greater,
        (Key::Number(_), Key::Text(_)) => Ordering::Less,
        (Key::Text(_), Key::Number(_)) => Ordering::Greater,
    }
}

fn text_of(record: &Record, field: &str) -> Option<String> {
    record.get(field).and_then(as_text)
}

fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// `setProductStatus(productCode, Status, …)`: enables or disables the product.
pub fn set_product_status(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("productCode")?;
    let status = call
        .arg("Status")
        .and_then(as_bool)
        .ok_or_else(|| crate::validate::missing(call.method, "Status"))?;
    let mut store = call.state.write();
    let product = store
        .products
        .get_mut(&code)
        .ok_or_else(|| unknown_product(call, &code))?;
    product.insert("Enabled".into(), Value::Bool(status));
    Ok(Value::Bool(true))
}

/// `setProductUpgradeSchema(ProductCode, UpgradeSettings)`: keeps the schema of the product.
pub fn set_product_upgrade_schema(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("ProductCode")?;
    let Some(Value::Object(settings)) = call.arg("UpgradeSettings") else {
        return Err(crate::validate::missing(call.method, "UpgradeSettings"));
    };
    in_range(settings, "PricingScheme", 1, 4)?;
    in_range(settings, "SubscriptionUpgradeType", 1, 3)?;
    if let Some(operator) = settings.get("OptionPriceOperator").and_then(Value::as_str)
        && !["ADD", "SUBTRACT"]
            .iter()
            .any(|known| known.eq_ignore_ascii_case(operator))
    {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("OptionPriceOperator {operator:?} is neither ADD nor SUBTRACT."),
        ));
    }
    let mut store = call.state.write();
    if !store.products.contains_key(&code) {
        return Err(unknown_product(call, &code));
    }
    store.product_upgrade_schemas.insert(code, settings.clone());
    Ok(json!(true))
}

fn in_range(settings: &Record, name: &str, low: i64, high: i64) -> Result<(), RpcError> {
    let value = settings.get(name).and_then(Value::as_i64);
    match value {
        Some(value) if (low..=high).contains(&value) => Ok(()),
        _ => Err(RpcError::business(
            INVALID_PARAMETER,
            format!("UpgradeSettings.{name} must be an integer from {low} to {high}."),
        )),
    }
}
