//! Pricing configurations (kept inside their product's `PricingConfigurations`, where order
//! pricing reads them) and the search and update of price option groups.
//!
//! The pages document no error codes: an unknown product is `PRODUCT_NOT_FOUND`, an unknown
//! configuration `PRICING_CONFIGURATION_NOT_FOUND`, a change the docs forbid
//! `INVALID_PRICING_CONFIGURATION`, an unknown group `INVALID_PRICE_OPTION_GROUP` (as
//! getPriceOptionGroup answers), a bad group `INVALID_PRICE_OPTIONS`.

use serde_json::Value;

use super::products::{generated_code, unknown_product};
use super::{Call, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, merge};
use crate::validate::INVALID_PARAMETER;

/// Price lists of a configuration whose quantity intervals are fixed once set.
const PRICE_LISTS: [&str; 2] = ["Regular", "Renewal"];

fn config_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("PricingConfiguration") {
        Some(Value::Object(config)) => Ok(config),
        _ => Err(crate::validate::missing(
            call.method,
            "PricingConfiguration",
        )),
    }
}

fn configs_of(product: &Record) -> Vec<&Record> {
    product
        .get("PricingConfigurations")
        .and_then(Value::as_array)
        .map(|configs| configs.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default()
}

fn text(record: &Record, field: &str) -> Option<String> {
    record.get(field).and_then(as_text)
}

fn same(a: Option<String>, b: &str) -> bool {
    a.is_some_and(|a| a.eq_ignore_ascii_case(b))
}

/// `addPricingConfiguration(PricingConfiguration, ProductCode)`.
pub fn add_pricing_configuration(call: &Call<'_>) -> Result<Value, RpcError> {
    let config = config_arg(call)?;
    let product_code = call.required_text("ProductCode")?;
    let name = text(config, "Name")
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| crate::validate::missing(call.method, "Name"))?;
    let mut store = call.state.write();
    let product = store
        .products
        .get_mut(&product_code)
        .ok_or_else(|| unknown_product(call, &product_code))?;
    if configs_of(product)
        .iter()
        .any(|c| same(text(c, "Name"), &name))
    {
        return Err(call.error(
            "INVALID_PRICING_CONFIGURATION",
            &format!("Product {product_code} already has a pricing configuration named {name:?}."),
        ));
    }
    let mut record = config.clone();
    // The code is system-generated.
    let code = (0..)
        .map(|n| generated_code(&format!("{product_code}:{name}:{n}")))
        .find(|code| {
            configs_of(product)
                .iter()
                .all(|c| !same(text(c, "Code"), code))
        })
        .unwrap_or_default();
    record.insert("Code".into(), Value::String(code));
    record
        .entry("PricingSchema")
        .or_insert_with(|| Value::String("DYNAMIC".into()));
    record
        .entry("PriceType")
        .or_insert_with(|| Value::String("NET".into()));
    let is_default = record.get("Default").and_then(Value::as_bool) == Some(true);
    record.insert("Default".into(), Value::Bool(is_default));
    let configs = product
        .entry("PricingConfigurations")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(configs) = configs {
        if is_default {
            // One default per product.
            for other in configs.iter_mut() {
                if let Value::Object(other) = other {
                    other.insert("Default".into(), Value::Bool(false));
                }
            }
        }
        configs.push(Value::Object(record));
    }
    Ok(Value::Bool(true))
}

/// `updatePricingConfiguration(PricingConfiguration, ProductCode)`.
pub fn update_pricing_configuration(call: &Call<'_>) -> Result<Value, RpcError> {
    let changes = config_arg(call)?;
    let product_code = call.required_text("ProductCode")?;
    let code = text(changes, "Code")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| crate::validate::missing(call.method, "Code"))?;
    let mut store = call.state.write();
    let product = store
        .products
        .get_mut(&product_code)
        .ok_or_else(|| unknown_product(call, &product_code))?;
    let Some(Value::Array(configs)) = product.get_mut("PricingConfigurations") else {
        return Err(unknown_config(call, &product_code, &code));
    };
    let Some(stored) = configs
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .find(|c| same(text(c, "Code"), &code))
    else {
        return Err(unknown_config(call, &product_code, &code));
    };
    if let Some(schema) = text(changes, "PricingSchema")
        && !same(text(stored, "PricingSchema"), &schema)
    {
        return Err(call.error(
            "INVALID_PRICING_CONFIGURATION",
            &format!("The PricingSchema of pricing configuration {code} cannot be changed."),
        ));
    }
    check_intervals_kept(call, stored, changes, &code)?;
    merge(stored, changes);
    Ok(Value::Bool(true))
}

/// The quantity intervals of a price list stay those it has (a list without prices yet takes
/// any).
fn check_intervals_kept(
    call: &Call<'_>,
    stored: &Record,
    changes: &Record,
    code: &str,
) -> Result<(), RpcError> {
    for list in PRICE_LISTS {
        let intervals = |config: &Record| -> Vec<(i64, i64)> {
            config
                .get("Prices")
                .and_then(|p| p.get(list))
                .and_then(Value::as_array)
                .map(|prices| prices.iter().map(interval).collect())
                .unwrap_or_default()
        };
        let existing = intervals(stored);
        if existing.is_empty() {
            continue;
        }
        if let Some(moved) = intervals(changes)
            .into_iter()
            .find(|i| !existing.contains(i))
        {
            return Err(call.error(
                "INVALID_PRICING_CONFIGURATION",
                &format!(
                    "The quantity intervals of pricing configuration {code} cannot be changed ({list} {}-{} is new).",
                    moved.0, moved.1
                ),
            ));
        }
    }
    Ok(())
}

/// A price's quantity interval, with the documented defaults 1 and 99999.
fn interval(price: &Value) -> (i64, i64) {
    let bound = |name: &str, default: i64| {
        price
            .get(name)
            .and_then(as_f64)
            .map_or(default, |n| n as i64)
    };
    (bound("MinQuantity", 1), bound("MaxQuantity", 99_999))
}

/// `getPricingConfigurations(ProductCode)`.
pub fn get_pricing_configurations(call: &Call<'_>) -> Result<Value, RpcError> {
    let product_code = call.required_text("ProductCode")?;
    let store = call.state.read();
    let product = store
        .products
        .get(&product_code)
        .ok_or_else(|| unknown_product(call, &product_code))?;
    Ok(Value::Array(
        configs_of(product)
            .into_iter()
            .map(|c| Value::Object(c.clone()))
            .collect(),
    ))
}

/// `getPricingConfigurationByCode(productCode, pricingConfigurationCode)`.
pub fn get_pricing_configuration_by_code(call: &Call<'_>) -> Result<Value, RpcError> {
    let product_code = call.required_text("productCode")?;
    let code = call.required_text("pricingConfigurationCode")?;
    find_config(call, &product_code, |c| same(text(c, "Code"), &code))?
        .ok_or_else(|| unknown_config(call, &product_code, &code))
}

/// `getPricingConfigurationByName(productCode, pricingConfigurationName, schemaType, priceType)`.
pub fn get_pricing_configuration_by_name(call: &Call<'_>) -> Result<Value, RpcError> {
    let product_code = call.required_text("productCode")?;
    let name = call.required_text("pricingConfigurationName")?;
    let schema = call.required_text("schemaType")?;
    if !["FLAT", "DYNAMIC"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(&schema))
    {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("schemaType {schema:?} is neither FLAT nor DYNAMIC."),
        ));
    }
    let price_type = call.text("priceType");
    find_config(call, &product_code, |c| {
        same(text(c, "Name"), &name)
            && same(text(c, "PricingSchema"), &schema)
            && price_type
                .as_ref()
                .is_none_or(|t| same(text(c, "PriceType"), t))
    })?
    .ok_or_else(|| {
        call.error(
            "PRICING_CONFIGURATION_NOT_FOUND",
            &format!(
                "Product {product_code} has no {schema} pricing configuration named {name:?}."
            ),
        )
    })
}

/// The first configuration of the product that `matches` picks (an unknown product is an error).
fn find_config(
    call: &Call<'_>,
    product_code: &str,
    matches: impl Fn(&Record) -> bool,
) -> Result<Option<Value>, RpcError> {
    let store = call.state.read();
    let product = store
        .products
        .get(product_code)
        .ok_or_else(|| unknown_product(call, product_code))?;
    Ok(configs_of(product)
        .into_iter()
        .find(|c| matches(c))
        .map(|c| Value::Object(c.clone())))
}

fn unknown_config(call: &Call<'_>, product_code: &str, code: &str) -> RpcError {
    call.error(
        "PRICING_CONFIGURATION_NOT_FOUND",
        &format!("Product {product_code} has no pricing configuration with code {code}."),
    )
}

/// `searchPriceOptionGroups(PriceOptionGroupSearch)`: by name and type, a page at a time.
pub fn search_price_option_groups(call: &Call<'_>) -> Result<Value, RpcError> {
    let search = call.arg("PriceOptionGroupSearch");
    let name = search
        .and_then(|s| s.get("Name"))
        .and_then(as_text)
        .map(|n| n.to_lowercase());
    let types: Vec<String> = search
        .and_then(|s| s.get("Types"))
        .and_then(Value::as_array)
        .map(|types| types.iter().filter_map(as_text).collect())
        .unwrap_or_default();
    let read = |field: &str| {
        search
            .and_then(|s| s.get(field))
            .or_else(|| search.and_then(|s| s.pointer(&format!("/Pagination/{field}"))))
            .and_then(as_f64)
            .map(|n| n as i64)
    };
    let (page, limit) = (read("Page").unwrap_or(1), read("Limit").unwrap_or(10));
    if page < 1 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("Page and Limit must be at least 1 (got {page}, {limit})."),
        ));
    }
    let store = call.state.read();
    let found: Vec<Value> = store
        .price_option_groups
        .values()
        .filter(|g| {
            name.as_ref().is_none_or(|n| {
                text(g, "Name").is_some_and(|v| v.to_lowercase().contains(n.as_str()))
            })
        })
        .filter(|g| {
            types.is_empty()
                || text(g, "Type").is_some_and(|t| types.iter().any(|w| w.eq_ignore_ascii_case(&t)))
        })
        .map(|g| Value::Object(g.clone()))
        .collect();
    Ok(Value::Array(paginate(&found, page, limit)))
}

/// `updatePriceOptionGroup(PriceOptionsGroup)`: the group named by `Code`, its `Code` and
/// `Required` kept.
pub fn update_price_option_group(call: &Call<'_>) -> Result<Value, RpcError> {
    let Some(Value::Object(changes)) = call.arg("PriceOptionsGroup") else {
        return Err(crate::validate::missing(call.method, "PriceOptionsGroup"));
    };
    let code = text(changes, "Code")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| crate::validate::missing(call.method, "Code"))?;
    let mut store = call.state.write();
    let Some(stored) = store.price_option_groups.get_mut(&code) else {
        return Err(call.error(
            "INVALID_PRICE_OPTION_GROUP",
            &format!("No price option group with code {code}."),
        ));
    };
    let options = match changes.get("Options") {
        Some(Value::Array(options)) if !options.is_empty() => options,
        _ => {
            return Err(call.error(
                "INVALID_PRICE_OPTIONS",
                "A price option group needs at least one option.",
            ));
        }
    };
    let kind = text(changes, "Type").or_else(|| text(stored, "Type"));
    if kind.is_some_and(|k| k.eq_ignore_ascii_case("INTERVAL")) {
        super::catalog::check_intervals(call, options)?;
    }
    let mut changes = changes.clone();
    for fixed in ["Code", "Required"] {
        changes.remove(fixed);
    }
    merge(stored, &changes);
    Ok(Value::Bool(true))
}
