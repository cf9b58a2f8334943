//! SKUs: `getSchema` makes one code per combination of pricing configuration, currency, quantity
//! interval, purchase type and one option of each chosen price option group; the others read
//! them. Every SKU names its product and pricing configuration, so a code resolves to the
//! configuration that prices it. The seeded catalog has SKUs for new purchases and renewals in
//! each configuration's currencies.
//!
//! The pages document no error codes: an unknown SKU or combination is `SKU_NOT_FOUND`, an
//! unknown product `PRODUCT_NOT_FOUND`, configuration `PRICING_CONFIGURATION_NOT_FOUND`, group
//! `INVALID_PRICE_OPTION_GROUP`, malformed criteria `INVALID_PARAMETER`.

use serde_json::{Value, json};

use super::products::unknown_product;
use super::{Call, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};
use crate::validate::INVALID_PARAMETER;

/// The quantity interval of a configuration without volume prices.
const WHOLE_RANGE: (i64, i64) = (1, 99_999);

/// One combination an SKU stands for.
struct Combination<'a> {
    product: &'a str,
    config: &'a str,
    currency: &'a str,
    purchase: &'a str,
    interval: (i64, i64),
    /// `(group code, option code)` pairs.
    options: &'a [(String, String)],
}

impl Combination<'_> {
    /// `SKU-{configuration}-{currency}-{from}-{to}-{N|R|T|U}[-{option}…]`, after the docs'
    /// example `SKU-EUR-1-10-N-A`.
    fn code(&self) -> String {
        let kind = self
            .purchase
            .chars()
            .next()
            .unwrap_or('N')
            .to_ascii_uppercase();
        let mut code = format!(
            "SKU-{}-{}-{}-{}-{kind}",
            self.config,
            self.currency.to_ascii_uppercase(),
            self.interval.0,
            self.interval.1
        );
        for (_, option) in self.options {
            code.push('-');
            code.push_str(option);
        }
        code
    }

    fn record(&self) -> Record {
        record(json!({
            "ProductSKU": self.code(),
            "ProductCode": self.product,
            "PricingConfigurationCode": self.config,
            "Currency": self.currency.to_ascii_uppercase(),
            "PurchaseType": self.purchase.to_ascii_uppercase(),
            "FromQuantity": self.interval.0,
            "ToQuantity": self.interval.1,
            "Options": self.options.iter().map(|(g, o)| json!({ "GroupCode": g, "Option": o })).collect::<Vec<_>>(),
        }))
    }
}

/// The configuration `code` of the product `product`.
fn config_of<'s>(store: &'s Store, product: &str, code: &str) -> Option<&'s Value> {
    store
        .products
        .get(product)?
        .get("PricingConfigurations")?
        .as_array()?
        .iter()
        .find(|c| c.get("Code").and_then(as_text).is_some_and(|c| c == code))
}

/// The quantity intervals of a configuration's regular prices (the whole range without any).
fn intervals_of(config: &Value) -> Vec<(i64, i64)> {
    let mut intervals: Vec<(i64, i64)> = config
        .pointer("/Prices/Regular")
        .and_then(Value::as_array)
        .map(|prices| {
            prices
                .iter()
                .map(|p| {
                    let bound =
                        |name, default| p.get(name).and_then(as_f64).map_or(default, |n| n as i64);
                    (
                        bound("MinQuantity", WHOLE_RANGE.0),
                        bound("MaxQuantity", WHOLE_RANGE.1),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    intervals.sort_unstable();
    intervals.dedup();
    if intervals.is_empty() {
        intervals.push(WHOLE_RANGE);
    }
    intervals
}

/// The currencies a configuration has regular prices in.
fn currencies_of(config: &Value) -> Vec<String> {
    let mut currencies: Vec<String> = config
        .pointer("/Prices/Regular")
        .and_then(Value::as_array)
        .map(|prices| {
            prices
                .iter()
                .filter_map(|p| p.get("Currency").and_then(as_text))
                .map(|c| c.to_ascii_uppercase())
                .collect()
        })
        .unwrap_or_default();
    currencies.sort();
    currencies.dedup();
    currencies
}

/// Registers the SKUs of every combination; answers them in order.
fn register(
    store: &mut Store,
    product: &str,
    config: &str,
    currencies: &[String],
    purchases: &[String],
    intervals: &[(i64, i64)],
    option_sets: &[Vec<(String, String)>],
) -> Vec<Record> {
    let mut made = Vec::new();
    for currency in currencies {
        for purchase in purchases {
            for interval in intervals {
                for options in option_sets {
                    let combination = Combination {
                        product,
                        config,
                        currency,
                        purchase,
                        interval: *interval,
                        options,
                    };
                    let sku = combination.record();
                    store.skus.insert(combination.code(), sku.clone());
                    made.push(sku);
                }
            }
        }
    }
    made
}

/// The SKUs of the seeded catalog: new purchases and renewals, per configuration currency and
/// price interval, without options.
pub fn seed(store: &mut Store) {
    let configs: Vec<(String, Value)> = store
        .products
        .iter()
        .flat_map(|(code, product)| {
            product
                .get("PricingConfigurations")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |config| (code.clone(), config))
        })
        .collect();
    let purchases = ["NEW_PRODUCT".to_string(), "RENEWAL".to_string()];
    for (product, config) in configs {
        let Some(code) = config.get("Code").and_then(as_text) else {
            continue;
        };
        register(
            store,
            &product,
            &code,
            &currencies_of(&config),
            &purchases,
            &intervals_of(&config),
            &[Vec::new()],
        );
    }
}

fn unknown_sku(call: &Call<'_>, what: &str) -> RpcError {
    call.error("SKU_NOT_FOUND", &format!("No SKU {what}."))
}

fn option_codes(sku: &Record) -> Vec<String> {
    sku.get("Options")
        .and_then(Value::as_array)
        .map(|o| {
            o.iter()
                .filter_map(|o| o.get("Option").and_then(as_text))
                .collect()
        })
        .unwrap_or_default()
}

/// `getSKUDetails(skuCode)`.
pub fn get_sku_details(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("skuCode")?;
    let store = call.state.read();
    let sku = store
        .skus
        .get(&code)
        .ok_or_else(|| unknown_sku(call, &format!("with code {code}")))?;
    let field = |name: &str| sku.get(name).cloned().unwrap_or(Value::Null);
    Ok(json!({
        "PricingConfigurationCode": field("PricingConfigurationCode"),
        "ProductCode": field("ProductCode"),
        "Currency": field("Currency"),
        "PriceOptions": option_codes(sku),
        "PurchaseType": field("PurchaseType"),
        "FromQuantity": field("FromQuantity"),
        "ToQuantity": field("ToQuantity"),
    }))
}

/// `getSKUCodeByDetails(skuDetailsObject)`: the SKU of the configuration, currency (default: the
/// configuration's), purchase type (default NEW_PRODUCT), options and quantity (default 1).
pub fn get_sku_code_by_details(call: &Call<'_>) -> Result<Value, RpcError> {
    let config = call.required_text("PricingConfigurationCode")?;
    let store = call.state.read();
    let owner = store
        .products
        .iter()
        .find_map(|(code, _)| config_of(&store, code, &config).map(|c| (code.clone(), c.clone())));
    let Some((_, config_record)) = owner else {
        return Err(call.error(
            "PRICING_CONFIGURATION_NOT_FOUND",
            &format!("No pricing configuration with code {config}."),
        ));
    };
    let currency = call
        .text("Currency")
        .or_else(|| config_record.get("DefaultCurrency").and_then(as_text))
        .unwrap_or_default();
    let purchase = call
        .text("PurchaseType")
        .unwrap_or_else(|| "NEW_PRODUCT".into());
    let quantity = call
        .arg("Quantity")
        .and_then(as_f64)
        .map_or(1, |q| q as i64);
    let mut options: Vec<String> = call
        .arg("PriceOptions")
        .and_then(Value::as_array)
        .map(|o| o.iter().filter_map(as_text).collect())
        .unwrap_or_default();
    options.sort();
    let found = store.skus.iter().find(|(_, sku)| {
        let text = |name: &str| sku.get(name).and_then(as_text).unwrap_or_default();
        let bound = |name: &str| sku.get(name).and_then(as_f64).map_or(0, |n| n as i64);
        let mut codes = option_codes(sku);
        codes.sort();
        text("PricingConfigurationCode") == config
            && text("Currency").eq_ignore_ascii_case(&currency)
            && text("PurchaseType").eq_ignore_ascii_case(&purchase)
            && (bound("FromQuantity")..=bound("ToQuantity")).contains(&quantity)
            && codes == options
    });
    found
        .map(|(code, _)| Value::String(code.clone()))
        .ok_or_else(|| {
            unknown_sku(
                call,
                &format!(
                    "for {config}, {currency}, {purchase}, quantity {quantity}, options {options:?}"
                ),
            )
        })
}

/// Every way of picking one option of each group (one empty pick without groups).
fn option_sets(
    call: &Call<'_>,
    store: &Store,
    groups: &[String],
) -> Result<Vec<Vec<(String, String)>>, RpcError> {
    let mut sets = vec![Vec::new()];
    for group in groups {
        let record = store.price_option_groups.get(group).ok_or_else(|| {
            call.error(
                "INVALID_PRICE_OPTION_GROUP",
                &format!("No price option group with code {group}."),
            )
        })?;
        let options: Vec<String> = record
            .get("Options")
            .and_then(Value::as_array)
            .map(|o| {
                o.iter()
                    .filter_map(|o| o.get("Code").or_else(|| o.get("Value")).and_then(as_text))
                    .collect()
            })
            .unwrap_or_default();
        sets = sets
            .into_iter()
            .flat_map(|set| {
                options.iter().map(move |option| {
                    let mut next = set.clone();
                    next.push((group.clone(), option.clone()));
                    next
                })
            })
            .collect();
    }
    Ok(sets)
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(as_text).collect())
        .unwrap_or_default()
}

/// `getSchema(inputSchema)`: registers the SKUs of the criteria and answers them per product and
/// configuration (the response table is cut; the rows use searchSku's names).
pub fn get_schema(call: &Call<'_>) -> Result<Value, RpcError> {
    let products = call
        .arg("Products")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| crate::validate::missing(call.method, "Products"))?;
    let mut store = call.state.write();
    let mut answer = Vec::new();
    for product in &products {
        let code = product.get("Code").and_then(as_text).unwrap_or_default();
        if !store.products.contains_key(&code) {
            return Err(unknown_product(call, &code));
        }
        let currencies = strings(product.get("Currencies"));
        let purchases = strings(product.get("PurchaseTypes"));
        if currencies.is_empty() || purchases.is_empty() {
            return Err(RpcError::business(
                INVALID_PARAMETER,
                format!("Product {code}: Currencies and PurchaseTypes may not be empty."),
            ));
        }
        let configs = product
            .get("PricingConfigurationCodes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for criteria in configs {
            let config = criteria.get("Code").and_then(as_text).unwrap_or_default();
            let stored = config_of(&store, &code, &config).cloned().ok_or_else(|| {
                call.error(
                    "PRICING_CONFIGURATION_NOT_FOUND",
                    &format!("Product {code} has no pricing configuration with code {config}."),
                )
            })?;
            let intervals = match criteria.get("VolumeDiscounts").and_then(Value::as_array) {
                Some(pairs) if !pairs.is_empty() => pairs
                    .iter()
                    .map(|pair| {
                        match pair
                            .as_array()
                            .map(|p| p.iter().filter_map(as_f64).collect::<Vec<_>>())
                        {
                            Some(bounds)
                                if bounds.len() == 2
                                    && bounds[0] >= 1.0
                                    && bounds[0] <= bounds[1] =>
                            {
                                Ok((bounds[0] as i64, bounds[1] as i64))
                            }
                            _ => Err(RpcError::business(
                                INVALID_PARAMETER,
                                format!("VolumeDiscounts of {config}: {pair} is not [from, to]."),
                            )),
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?,
                _ => intervals_of(&stored),
            };
            let groups: Vec<String> = criteria
                .get("OptionGroups")
                .and_then(Value::as_array)
                .map(|g| {
                    g.iter()
                        .filter_map(|g| g.get("Code").and_then(as_text))
                        .collect()
                })
                .unwrap_or_default();
            let sets = option_sets(call, &store, &groups)?;
            let made = register(
                &mut store,
                &code,
                &config,
                &currencies,
                &purchases,
                &intervals,
                &sets,
            );
            answer.push(json!({
                "ProductCode": code,
                "PricingConfigurationCode": config,
                "Details": made.iter().map(detail).collect::<Vec<_>>(),
            }));
        }
    }
    Ok(Value::Array(answer))
}

/// An SKU as searchSku's Details rows show it.
fn detail(sku: &Record) -> Value {
    let field = |name: &str| sku.get(name).cloned().unwrap_or(Value::Null);
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for option in sku
        .get("Options")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let group = option
            .get("GroupCode")
            .and_then(as_text)
            .unwrap_or_default();
        let name = json!({ "Name": option.get("Option").cloned().unwrap_or(Value::Null) });
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, options)) => options.push(name),
            None => groups.push((group, vec![name])),
        }
    }
    json!({
        "ProductSKU": field("ProductSKU"),
        "Currency": field("Currency"),
        "FromQty": field("FromQuantity"),
        "ToQty": field("ToQuantity"),
        "PurchaseTypes": field("PurchaseType"),
        "Groups": groups.into_iter().map(|(g, o)| json!({ "GroupCode": g, "Options": o })).collect::<Vec<_>>(),
    })
}

/// `searchSku(inputSchema)`: the product's SKUs matching any of the configuration criteria, a
/// page at a time, as `{Items: {ProductCode: {Details}}, Errors, Pagination}`.
pub fn search_sku(call: &Call<'_>) -> Result<Value, RpcError> {
    let product = call.required_text("ProductCode")?;
    let criteria = call
        .arg("PricingConfigurations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let pagination = call.arg("Pagination");
    let read = |name: &str, default: i64| {
        pagination
            .and_then(|p| p.get(name))
            .and_then(as_f64)
            .map_or(default, |n| n as i64)
    };
    let (page, limit) = (read("Page", 1), read("Limit", 10));
    if page < 1 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("Page and Limit must be at least 1 (got {page}, {limit})."),
        ));
    }
    let store = call.state.read();
    if !store.products.contains_key(&product) {
        return Err(unknown_product(call, &product));
    }
    let codes = |value: Option<&Value>| -> Vec<String> {
        value
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.get("Code").and_then(as_text))
                    .collect()
            })
            .unwrap_or_default()
    };
    let matching: Vec<Value> = store
        .skus
        .values()
        .filter(|sku| sku.get("ProductCode").and_then(as_text).as_deref() == Some(product.as_str()))
        .filter(|sku| {
            let text = |name: &str| sku.get(name).and_then(as_text).unwrap_or_default();
            let bound = |name: &str| sku.get(name).and_then(as_f64).map_or(0, |n| n as i64);
            criteria.is_empty()
                || criteria.iter().any(|c| {
                    let config = c.get("Code").and_then(as_text).unwrap_or_default();
                    let currencies = codes(c.get("Currencies"));
                    let purchases = codes(c.get("PurchaseTypes"));
                    let intervals: Vec<(i64, i64)> = c
                        .get("QuantityIntervals")
                        .and_then(Value::as_array)
                        .map(|i| {
                            i.iter()
                                .map(|i| {
                                    let b =
                                        |n: &str| i.get(n).and_then(as_f64).map_or(0, |v| v as i64);
                                    (b("MinQuantity"), b("MaxQuantity"))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    let wanted_options: Vec<String> = c
                        .get("PriceOptionGroups")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .flat_map(|g| {
                            g.get("Options")
                                .and_then(Value::as_array)
                                .into_iter()
                                .flatten()
                                .filter_map(|o| o.get("OptionValue").and_then(as_text))
                        })
                        .collect();
                    text("PricingConfigurationCode") == config
                        && (currencies.is_empty()
                            || currencies
                                .iter()
                                .any(|w| w.eq_ignore_ascii_case(&text("Currency"))))
                        && (purchases.is_empty()
                            || purchases
                                .iter()
                                .any(|w| w.eq_ignore_ascii_case(&text("PurchaseType"))))
                        && (intervals.is_empty()
                            || intervals.iter().any(|(min, max)| {
                                bound("FromQuantity") <= *max && bound("ToQuantity") >= *min
                            }))
                        && (wanted_options.is_empty()
                            || option_codes(sku).iter().any(|o| wanted_options.contains(o)))
                })
        })
        .map(detail)
        .collect();
    let count = matching.len();
    let details = paginate(&matching, page, limit);
    Ok(json!({
        "Items": { product: { "Details": details } },
        "Errors": [],
        "Pagination": { "Limit": limit, "Page": page, "Count": count },
    }))
}
