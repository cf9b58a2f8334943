//! Products, price option groups, cross-sell campaigns and installments.

use serde_json::{Value, json};

use rust_decimal::Decimal;

use super::{Call, as_f64, as_text, page_and_limit, paginate};
use crate::money;
use crate::rpc::RpcError;
use crate::state::{Record, merge};

/// Fields `updateProduct` never changes (the docs: "You can update all parameters except
/// AvangateID and ProductType").
const READ_ONLY_PRODUCT_FIELDS: [&str; 3] = ["AvangateId", "AvangateID", "ProductType"];

/// `getProductByCode(ProductCode)`.
pub fn get_product_by_code(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("ProductCode")?;
    let store = call.state.read();
    store
        .products
        .get(&code)
        .map(|product| Value::Object(product.clone()))
        .ok_or_else(|| unknown_product(call, &code))
}

/// `updateProduct(Product)`: merges the sent fields into the stored product.
pub fn update_product(call: &Call<'_>) -> Result<Value, RpcError> {
    let Some(Value::Object(changes)) = call.arg("Product") else {
        return Err(crate::validate::missing(call.method, "Product"));
    };
    let code = changes
        .get("ProductCode")
        .and_then(as_text)
        .unwrap_or_default();
    if code.is_empty() {
        return Err(crate::validate::missing(call.method, "ProductCode"));
    }
    let mut store = call.state.write();
    let Some(product) = store.products.get(&code) else {
        return Err(unknown_product(call, &code));
    };
    check_pricing_configurations(call, product, changes)?;
    let mut changes = changes.clone();
    for field in READ_ONLY_PRODUCT_FIELDS {
        changes.remove(field);
    }
    // GroupName is read-only: it follows ProductGroupCode.
    changes.remove("GroupName");
    if changes.contains_key("ProductGroupCode") {
        let group = super::products::group_name_for(call, &store, &changes)?;
        changes.insert("GroupName".into(), group);
    }
    if let Some(product) = store.products.get_mut(&code) {
        merge(product, &changes);
    }
    Ok(Value::Bool(true))
}

/// The docs' exceptions: a pricing configuration keeps its `PricingSchema` (DYNAMIC ↔ FLAT
/// cannot be switched).
fn check_pricing_configurations(
    call: &Call<'_>,
    stored: &Record,
    changes: &Record,
) -> Result<(), RpcError> {
    let (Some(Value::Array(old)), Some(Value::Array(new))) = (
        stored.get("PricingConfigurations"),
        changes.get("PricingConfigurations"),
    ) else {
        return Ok(());
    };
    for config in new {
        let Some(code) = config.get("Code").and_then(as_text) else {
            continue;
        };
        let previous = old
            .iter()
            .find(|c| c.get("Code").and_then(as_text).as_deref() == Some(&code));
        let schema = |c: &Value| {
            c.get("PricingSchema")
                .and_then(Value::as_str)
                .map(str::to_ascii_uppercase)
        };
        if let (Some(previous), Some(requested)) = (previous, schema(config))
            && schema(previous).is_some_and(|current| current != requested)
        {
            return Err(call.error(
                "INVALID_PRICING_CONFIGURATION",
                &format!("The PricingSchema of pricing configuration {code} cannot be changed."),
            ));
        }
    }
    Ok(())
}

fn unknown_product(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "PRODUCT_NOT_FOUND",
        &format!("No product found for code {code}."),
    )
}

/// `addPriceOptionGroup(PriceOptionsGroup)`.
pub fn add_price_option_group(call: &Call<'_>) -> Result<Value, RpcError> {
    let Some(Value::Object(group)) = call
        .method
        .params
        .first()
        .and_then(|p| call.arg(&p.wire_name))
    else {
        return Err(crate::validate::missing(call.method, "PriceOptionsGroup"));
    };
    let options = match group.get("Options") {
        Some(Value::Array(options)) if !options.is_empty() => options,
        _ => {
            return Err(call.error(
                "INVALID_PRICE_OPTIONS",
                "A price option group needs at least one option.",
            ));
        }
    };
    let is_interval = group
        .get("Type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("INTERVAL"));
    if is_interval {
        check_intervals(call, options)?;
    }
    let code = match group
        .get("Code")
        .and_then(as_text)
        .filter(|c| !c.is_empty())
    {
        Some(code) => code,
        None => generated_code(group.get("Name").and_then(Value::as_str).unwrap_or("GROUP")),
    };
    let mut store = call.state.write();
    if store.price_option_groups.contains_key(&code) {
        return Err(call.error(
            "DUPLICATE_PRICE_OPTION_GROUP",
            &format!("A price option group with code {code} already exists."),
        ));
    }
    let mut record = group.clone();
    record.insert("Code".into(), Value::String(code.clone()));
    store.price_option_groups.insert(code, record);
    Ok(Value::Bool(true))
}

/// INTERVAL options need `ScaleMin` ≤ `ScaleMax`, and their intervals must not overlap.
pub(super) fn check_intervals(call: &Call<'_>, options: &[Value]) -> Result<(), RpcError> {
    let mut intervals = Vec::new();
    for option in options {
        let bound = |name: &str| option.get(name).and_then(as_f64);
        let (Some(min), Some(max)) = (bound("ScaleMin"), bound("ScaleMax")) else {
            return Err(call.error(
                "INVALID_PRICE_OPTIONS",
                "Every option of an INTERVAL group needs ScaleMin and ScaleMax.",
            ));
        };
        if min > max {
            return Err(call.error(
                "INVALID_PRICE_OPTIONS",
                &format!("ScaleMin {min} is greater than ScaleMax {max}."),
            ));
        }
        intervals.push((min, max));
    }
    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
    if let Some(pair) = intervals.windows(2).find(|pair| pair[1].0 <= pair[0].1) {
        return Err(call.error(
            "INVALID_PRICE_OPTIONS",
            &format!(
                "Intervals {}-{} and {}-{} overlap.",
                pair[0].0, pair[0].1, pair[1].0, pair[1].1
            ),
        ));
    }
    Ok(())
}

/// A group code from its name, as the Control Panel derives one: `Support level` → `SUPPORT_LEVEL`.
fn generated_code(name: &str) -> String {
    let code: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if code.is_empty() {
        "GROUP".into()
    } else {
        code
    }
}

/// `getPriceOptionGroup(groupCode)`.
pub fn get_price_option_group(call: &Call<'_>) -> Result<Value, RpcError> {
    let name = call
        .method
        .params
        .first()
        .map_or("groupCode", |p| p.wire_name.as_str());
    let code = call.required_text(name)?;
    let store = call.state.read();
    let group = store.price_option_groups.get(&code).ok_or_else(|| {
        call.error(
            "INVALID_PRICE_OPTION_GROUP",
            &format!("No price option group with code {code}."),
        )
    })?;
    // Documented as "Array of objects".
    Ok(if returns_array(call) {
        json!([group])
    } else {
        Value::Object(group.clone())
    })
}

/// `getAssignedPriceOptionGroups(ProductCode)`: the groups the product's pricing configurations
/// use, each once, in first-use order. A group code no longer stored is skipped.
pub fn get_assigned_price_option_groups(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("ProductCode")?;
    let store = call.state.read();
    let product = store
        .products
        .get(&code)
        .ok_or_else(|| unknown_product(call, &code))?;
    let mut codes: Vec<&str> = Vec::new();
    let configurations = product
        .get("PricingConfigurations")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for configuration in configurations {
        let options = configuration
            .get("PriceOptions")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for option in options {
            if let Some(group) = option.get("Code").and_then(Value::as_str)
                && !codes.contains(&group)
            {
                codes.push(group);
            }
        }
    }
    let groups = codes
        .into_iter()
        .filter_map(|group| store.price_option_groups.get(group))
        .map(|group| Value::Object(group.clone()))
        .collect();
    Ok(Value::Array(groups))
}

fn returns_array(call: &Call<'_>) -> bool {
    matches!(
        call.method.returns,
        twocheckout_codegen::model::TypeRef::Array(_)
    )
}

/// `searchCrossSellCampaigns(SearchOptions)`.
pub fn search_cross_sell_campaigns(call: &Call<'_>) -> Result<Value, RpcError> {
    let name = call.text("CampaignName").map(|n| n.to_lowercase());
    let statuses = texts(call.arg("Status"));
    let masters = texts(call.arg("Products"));
    let recommended = texts(call.arg("RecommendedProducts"));
    let owner = call.text("Type");
    // The window the sample sends (`2020-01-01` to `2020-12-31`): campaigns that start on or
    // after StartDate and end on or before EndDate. `YYYY-MM-DD` texts order as dates.
    let starts_from = call.text("StartDate");
    let ends_by = call.text("EndDate");
    let store = call.state.read();
    let matching: Vec<Value> = store
        .cross_sell_campaigns
        .values()
        .filter(|c| {
            starts_from.as_ref().is_none_or(|from| {
                c.get("StartDate")
                    .and_then(Value::as_str)
                    .is_some_and(|start| start >= from.as_str())
            })
        })
        .filter(|c| {
            ends_by.as_ref().is_none_or(|by| {
                c.get("EndDate")
                    .and_then(Value::as_str)
                    .is_some_and(|end| end <= by.as_str())
            })
        })
        .filter(|c| {
            name.as_ref().is_none_or(|n| {
                c.get("Name")
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.to_lowercase().contains(n))
            })
        })
        .filter(|c| statuses.is_empty() || field_in(c, "CampaignStatus", &statuses))
        .filter(|c| {
            owner
                .as_ref()
                .is_none_or(|o| field_in(c, "CampaignOwnerType", std::slice::from_ref(o)))
        })
        .filter(|c| {
            masters.is_empty()
                || texts(c.get("MasterProducts"))
                    .iter()
                    .any(|p| masters.contains(p))
        })
        .filter(|c| {
            recommended.is_empty()
                || c.get("Products")
                    .and_then(Value::as_array)
                    .is_some_and(|products| {
                        products
                            .iter()
                            .filter_map(|p| p.get("ProductCode").and_then(as_text))
                            .any(|code| recommended.contains(&code))
                    })
        })
        .map(|c| Value::Object(c.clone()))
        .collect();
    let (page, limit) = page_and_limit(call.arg("Pagination"));
    Ok(Value::Array(paginate(&matching, page, limit)))
}

/// `getCrossSellCampaign(CampaignCode)`.
pub fn get_cross_sell_campaign(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("CampaignCode")?;
    let store = call.state.read();
    store
        .cross_sell_campaigns
        .get(&code)
        .map(|c| Value::Object(c.clone()))
        .ok_or_else(|| {
            call.error(
                "INVALID_CAMPAIGN_CODE",
                &format!("No cross-sell campaign with code {code:?}."),
            )
        })
}

/// A string or an array of strings as a list of strings.
fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

fn field_in(record: &Record, field: &str, wanted: &[String]) -> bool {
    record
        .get(field)
        .and_then(Value::as_str)
        .is_some_and(|v| wanted.iter().any(|w| w.eq_ignore_ascii_case(v)))
}

/// Installments are offered on local cards in these (country, currency) pairs.
const INSTALLMENT_MARKETS: [(&str, &str); 2] = [("BR", "BRL"), ("TR", "TRY")];
/// Payment types that are card payments (an order without payment details is priced as one).
const CARD_PAYMENT_TYPES: [&str; 3] = ["CC", "EES_TOKEN_PAYMENT", "TEST"];
/// At most this many installments.
const MAX_INSTALLMENTS: u32 = 12;
/// No installment is smaller than this amount (in the order currency).
const MIN_INSTALLMENT: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// `getInstallments(Order)`: the installment options for the order total.
pub fn get_installments(call: &Call<'_>) -> Result<Value, RpcError> {
    let Some(order) = call
        .method
        .params
        .first()
        .and_then(|p| call.arg(&p.wire_name))
    else {
        return Err(crate::validate::missing(call.method, "Order"));
    };
    let currency = order
        .get("Currency")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_uppercase();
    let country = order
        .get("Country")
        .or_else(|| order.pointer("/BillingDetails/CountryCode"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_ascii_uppercase();
    let paid_by_card = order
        .pointer("/PaymentDetails/Type")
        .and_then(Value::as_str)
        .is_none_or(|kind| {
            CARD_PAYMENT_TYPES
                .iter()
                .any(|card| card.eq_ignore_ascii_case(kind))
        });
    if !paid_by_card || !INSTALLMENT_MARKETS.contains(&(country.as_str(), currency.as_str())) {
        // Installments exist only for local Brazilian (and Turkish) cards: no options otherwise.
        return Ok(json!([]));
    }
    let total = order_total(call, order, &currency)?;
    let count = u32::try_from((total / MIN_INSTALLMENT).floor().mantissa())
        .unwrap_or(MAX_INSTALLMENTS)
        .clamp(1, MAX_INSTALLMENTS);
    let options: Vec<Value> = (1..=count)
        .map(|n| {
            let amount = money::cents(total / Decimal::from(n));
            json!({ "Number": n, "Amount": money::to_value(amount), "Currency": currency })
        })
        .collect();
    Ok(Value::Array(options))
}

/// The order total: its `Amount` when sent (the 6.0 sample), else the items priced from their
/// `Price.Amount` or from the catalog.
fn order_total(call: &Call<'_>, order: &Value, currency: &str) -> Result<Decimal, RpcError> {
    if let Some(amount) = order.get("Amount").and_then(money::from_value) {
        return Ok(amount);
    }
    let items = order
        .get("Items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        return Err(crate::validate::missing(call.method, "Items"));
    }
    let store = call.state.read();
    let mut total = Decimal::ZERO;
    for item in &items {
        let quantity = item
            .get("Quantity")
            .and_then(money::from_value)
            .unwrap_or(Decimal::ONE);
        let unit = match item.pointer("/Price/Amount").and_then(money::from_value) {
            Some(amount) => amount,
            None => {
                let code = item.get("Code").and_then(as_text).unwrap_or_default();
                let product = store
                    .products
                    .get(&code)
                    .ok_or_else(|| unknown_product(call, &code))?;
                if !super::products::is_orderable(product) {
                    return Err(call.error(
                        "INVALID_PRODUCT",
                        &format!("Product {code} is disabled and cannot be ordered."),
                    ));
                }
                catalog_price(product, currency).ok_or_else(|| {
                    call.error(
                        "INVALID_CURRENCY",
                        &format!("Product {code} has no price in {currency}."),
                    )
                })?
            }
        };
        total += unit * quantity;
    }
    Ok(money::cents(total))
}

/// The regular price of a product in `currency`, from its default pricing configuration.
pub fn catalog_price(product: &Record, currency: &str) -> Option<Decimal> {
    let configs = product.get("PricingConfigurations")?.as_array()?;
    let config = configs
        .iter()
        .find(|c| c.get("Default").and_then(Value::as_bool) == Some(true))
        .or_else(|| configs.first())?;
    config
        .pointer("/Prices/Regular")?
        .as_array()?
        .iter()
        .find(|p| {
            p.get("Currency")
                .and_then(Value::as_str)
                .is_some_and(|c| c.eq_ignore_ascii_case(currency))
        })
        .and_then(|p| p.get("Amount"))
        .and_then(money::from_value)
}
