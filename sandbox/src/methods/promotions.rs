//! Promotions with their coupons, products, sources and translations.
//!
//! Promotions are kept as sent (request shape: `Coupon {Type, Code|Codes}`, `Discount {Type,
//! Value|Values}`, `Products [{Code, …}]`) plus their system-generated `Code`. A coupon code
//! belongs to one promotion at a time. [`coupon_discount`] tells order pricing what a coupon takes
//! off a product's price.
//!
//! The pages document no error codes: an unknown promotion is `PROMOTION_NOT_FOUND`, a coupon
//! code another promotion uses `DUPLICATE_COUPON_CODE`, a malformed coupon, discount or product
//! list `INVALID_PROMOTION`, an unknown product `PRODUCT_NOT_FOUND`.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::products::{generated_code, unknown_product};
use super::{Call, as_bool, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, merge};
use crate::validate::INVALID_PARAMETER;

fn text(record: &Record, field: &str) -> Option<String> {
    record.get(field).and_then(as_text)
}

fn invalid(call: &Call<'_>, message: &str) -> RpcError {
    call.error("INVALID_PROMOTION", message)
}

fn unknown_promotion(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "PROMOTION_NOT_FOUND",
        &format!("No promotion with code {code}."),
    )
}

/// The codes of a coupon object: `Code` for SINGLE, `Codes` for MULTIPLE.
fn coupon_codes(coupon: &Value) -> Vec<String> {
    let mut codes: Vec<String> = coupon
        .get("Codes")
        .and_then(Value::as_array)
        .map(|codes| codes.iter().filter_map(as_text).collect())
        .unwrap_or_default();
    if let Some(code) = coupon.get("Code").and_then(as_text) {
        codes.push(code);
    }
    codes.retain(|c| !c.trim().is_empty());
    codes
}

fn is_multiple(coupon: &Value) -> bool {
    coupon
        .get("Type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("MULTIPLE"))
}

/// A coupon object as the docs describe it: SINGLE with a `Code`, MULTIPLE with `Codes`.
fn check_coupon(call: &Call<'_>, coupon: &Value) -> Result<Vec<String>, RpcError> {
    let kind = coupon
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let codes = coupon_codes(coupon);
    let well_formed = match kind.to_ascii_uppercase().as_str() {
        "SINGLE" => coupon
            .get("Code")
            .and_then(as_text)
            .is_some_and(|c| !c.is_empty()),
        "MULTIPLE" => coupon
            .get("Codes")
            .and_then(Value::as_array)
            .is_some_and(|codes| !codes.is_empty()),
        _ => false,
    };
    if !well_formed {
        return Err(invalid(
            call,
            "A coupon is SINGLE with a Code or MULTIPLE with Codes.",
        ));
    }
    Ok(codes)
}

/// No other promotion than `except` may use one of `codes`.
fn check_codes_free(
    call: &Call<'_>,
    store: &Store,
    codes: &[String],
    except: Option<&str>,
) -> Result<(), RpcError> {
    for (code, promotion) in &store.promotions {
        if Some(code.as_str()) == except {
            continue;
        }
        let taken = promotion
            .get("Coupon")
            .map(coupon_codes)
            .unwrap_or_default();
        if let Some(clash) = codes
            .iter()
            .find(|c| taken.iter().any(|t| t.eq_ignore_ascii_case(c)))
        {
            return Err(call.error(
                "DUPLICATE_COUPON_CODE",
                &format!("Coupon code {clash} is used by promotion {code}."),
            ));
        }
    }
    Ok(())
}

/// A discount: FIXED or PERCENT, with a Value or Values.
fn check_discount(call: &Call<'_>, discount: &Value) -> Result<(), RpcError> {
    let kind = discount
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let value = discount.get("Value").and_then(crate::money::from_value);
    let has_values = discount
        .get("Values")
        .and_then(Value::as_array)
        .is_some_and(|v| !v.is_empty());
    match kind.to_ascii_uppercase().as_str() {
        "PERCENT" => match value {
            Some(v) if v > Decimal::ZERO && v <= Decimal::ONE_HUNDRED => Ok(()),
            _ => Err(invalid(
                call,
                "A PERCENT discount needs a Value from 0 to 100.",
            )),
        },
        "FIXED" if value.is_some_and(|v| v > Decimal::ZERO) || has_values => Ok(()),
        _ => Err(invalid(
            call,
            "A discount is FIXED (with Value or Values) or PERCENT (with Value).",
        )),
    }
}

/// Product codes of a products list (objects or bare codes).
fn product_codes(products: &Value) -> Vec<String> {
    products
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|p| p.get("Code").and_then(as_text).or_else(|| as_text(p)))
                .collect()
        })
        .unwrap_or_default()
}

fn check_products(call: &Call<'_>, store: &Store, products: &Value) -> Result<(), RpcError> {
    for code in product_codes(products) {
        if !store.products.contains_key(&code) {
            return Err(unknown_product(call, &code));
        }
    }
    Ok(())
}

fn promotion_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("Promotion") {
        Some(Value::Object(promotion)) => Ok(promotion),
        _ => Err(crate::validate::missing(call.method, "Promotion")),
    }
}

/// `addPromotion(Promotion)`: answers the stored promotion with its new Code.
pub fn add_promotion(call: &Call<'_>) -> Result<Value, RpcError> {
    let promotion = promotion_arg(call)?;
    if text(promotion, "Name").is_none_or(|n| n.trim().is_empty()) {
        return Err(crate::validate::missing(call.method, "Name"));
    }
    let coupon = promotion
        .get("Coupon")
        .filter(|c| !c.is_null())
        .ok_or_else(|| crate::validate::missing(call.method, "Coupon"))?;
    let codes = check_coupon(call, coupon)?;
    let discount = promotion
        .get("Discount")
        .filter(|d| !d.is_null())
        .ok_or_else(|| crate::validate::missing(call.method, "Discount"))?;
    check_discount(call, discount)?;
    let mut store = call.state.write();
    check_codes_free(call, &store, &codes, None)?;
    if let Some(products) = promotion.get("Products") {
        check_products(call, &store, products)?;
    }
    let name = text(promotion, "Name").unwrap_or_default();
    let code = (0..)
        .map(|n| generated_code(&format!("promotion:{name}:{n}")))
        .find(|code| !store.promotions.contains_key(code))
        .unwrap_or_default();
    let mut record = promotion.clone();
    record.insert("Code".into(), Value::String(code.clone()));
    for (field, default) in [
        ("Enabled", json!(true)),
        ("Type", json!("REGULAR")),
        ("ChannelType", json!("ECOMMERCE")),
        ("Products", json!([])),
        ("Translations", json!([])),
        ("Sources", json!([])),
    ] {
        let absent = record.get(field).is_none_or(Value::is_null);
        if absent {
            record.insert(field.into(), default);
        }
    }
    store.promotions.insert(code, record.clone());
    Ok(Value::Object(record))
}

/// `updatePromotion(Promotion)`: merges the sent fields into the promotion named by Code.
pub fn update_promotion(call: &Call<'_>) -> Result<Value, RpcError> {
    let changes = promotion_arg(call)?;
    let code = text(changes, "Code")
        .filter(|c| !c.is_empty())
        .ok_or_else(|| crate::validate::missing(call.method, "Code"))?;
    let mut store = call.state.write();
    if !store.promotions.contains_key(&code) {
        return Err(unknown_promotion(call, &code));
    }
    if let Some(coupon) = changes.get("Coupon").filter(|c| c.is_object()) {
        let codes = check_coupon(call, coupon)?;
        check_codes_free(call, &store, &codes, Some(&code))?;
    }
    if let Some(discount) = changes.get("Discount").filter(|d| d.is_object()) {
        check_discount(call, discount)?;
    }
    if let Some(products) = changes.get("Products") {
        check_products(call, &store, products)?;
    }
    let stored = store
        .promotions
        .get_mut(&code)
        .ok_or_else(|| unknown_promotion(call, &code))?;
    let mut changes = changes.clone();
    // A bare Discount value (response shape) cannot replace the discount object.
    if changes.get("Discount").is_some_and(|d| !d.is_object()) {
        changes.remove("Discount");
    }
    merge(stored, &changes);
    Ok(Value::Object(stored.clone()))
}

/// `getPromotion(PromotionCode)`.
pub fn get_promotion(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("PromotionCode")?;
    let store = call.state.read();
    store
        .promotions
        .get(&code)
        .map(|p| Value::Object(p.clone()))
        .ok_or_else(|| unknown_promotion(call, &code))
}

/// `searchPromotions(searchOptions)`: filters, then pages (defaults 1 and 10).
pub fn search_promotions(call: &Call<'_>) -> Result<Value, RpcError> {
    let options = call.arg("searchOptions");
    let field = |name: &str| options.and_then(|o| o.get(name)).filter(|v| !v.is_null());
    let types: Vec<String> = field("Types")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(as_text).collect())
        .unwrap_or_default();
    let channel = field("Channel").and_then(as_text);
    let product = field("ProductCode").and_then(as_text);
    let enabled = field("Enabled").and_then(as_bool);
    let coupons: Vec<String> = field("Coupons")
        .and_then(as_text)
        .map(|c| {
            c.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let paging = |name: &str| {
        field(name)
            .or_else(|| options.and_then(|o| o.pointer(&format!("/Pagination/{name}"))))
            .and_then(as_f64)
            .map(|n| n as i64)
    };
    let (page, limit) = (paging("Page").unwrap_or(1), paging("Limit").unwrap_or(10));
    if page < 1 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("Page and Limit must be at least 1 (got {page}, {limit})."),
        ));
    }
    let store = call.state.read();
    let same =
        |value: Option<String>, wanted: &str| value.is_some_and(|v| v.eq_ignore_ascii_case(wanted));
    let found: Vec<Value> = store
        .promotions
        .values()
        .filter(|p| types.is_empty() || types.iter().any(|t| same(text(p, "Type"), t)))
        .filter(|p| {
            // A promotion on ALL channels is found by either channel.
            channel.as_ref().is_none_or(|c| {
                same(text(p, "ChannelType"), c) || same(text(p, "ChannelType"), "ALL")
            })
        })
        .filter(|p| {
            product.as_ref().is_none_or(|wanted| {
                p.get("Products")
                    .map(product_codes)
                    .is_some_and(|codes| codes.contains(wanted))
            })
        })
        .filter(|p| enabled.is_none_or(|e| p.get("Enabled").and_then(as_bool).unwrap_or(true) == e))
        .filter(|p| {
            coupons.is_empty()
                || p.get("Coupon").map(coupon_codes).is_some_and(|codes| {
                    codes
                        .iter()
                        .any(|c| coupons.iter().any(|w| w.eq_ignore_ascii_case(c)))
                })
        })
        .map(|p| Value::Object(p.clone()))
        .collect();
    Ok(Value::Array(paginate(&found, page, limit)))
}

/// The promotion `promotionCode` names, for writing.
fn promotion_mut<'s>(
    call: &Call<'_>,
    store: &'s mut Store,
    code: &str,
) -> Result<&'s mut Record, RpcError> {
    store
        .promotions
        .get_mut(code)
        .ok_or_else(|| unknown_promotion(call, code))
}

fn coupon_arg<'c>(call: &'c Call<'_>) -> Result<&'c Value, RpcError> {
    call.arg("promotionCoupon")
        .filter(|c| c.is_object())
        .ok_or_else(|| crate::validate::missing(call.method, "promotionCoupon"))
}

/// `addPromotionCoupon(promotionCode, promotionCoupon)`: MULTIPLE codes join an existing
/// MULTIPLE coupon, anything else replaces the coupon; the promotion stops applying itself.
pub fn add_promotion_coupon(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let coupon = coupon_arg(call)?;
    let codes = check_coupon(call, coupon)?;
    let mut store = call.state.write();
    check_codes_free(call, &store, &codes, Some(&code))?;
    let promotion = promotion_mut(call, &mut store, &code)?;
    let merged = match promotion.get("Coupon") {
        Some(existing) if is_multiple(existing) && is_multiple(coupon) => {
            let mut all = coupon_codes(existing);
            for c in codes {
                if !all.contains(&c) {
                    all.push(c);
                }
            }
            json!({ "Type": "MULTIPLE", "Codes": all })
        }
        _ => coupon.clone(),
    };
    promotion.insert("Coupon".into(), merged.clone());
    // "Using addPromotionCoupon for a promotion that is set to apply automatically will change
    // the promotion type to the manual flow."
    promotion.insert("AutoApply".into(), Value::Bool(false));
    promotion.insert("InstantDiscount".into(), Value::Bool(false));
    Ok(merged)
}

/// `updatePromotionCoupon(promotionCode, promotionCoupon)`: the coupon is replaced.
pub fn update_promotion_coupon(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let coupon = coupon_arg(call)?;
    let codes = check_coupon(call, coupon)?;
    let mut store = call.state.write();
    check_codes_free(call, &store, &codes, Some(&code))?;
    let promotion = promotion_mut(call, &mut store, &code)?;
    promotion.insert("Coupon".into(), coupon.clone());
    Ok(coupon.clone())
}

/// `deletePromotionCoupon(promotionCode, promotionCoupon)`: removes codes of a MULTIPLE coupon;
/// the last code stays (a promotion needs its coupon).
pub fn delete_promotion_coupon(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let coupon = coupon_arg(call)?;
    if !is_multiple(coupon) {
        return Err(invalid(
            call,
            "Only codes of a MULTIPLE coupon can be removed; a SINGLE coupon is required.",
        ));
    }
    let removing = check_coupon(call, coupon)?;
    let mut store = call.state.write();
    let promotion = promotion_mut(call, &mut store, &code)?;
    let existing = promotion.get("Coupon").cloned().unwrap_or(Value::Null);
    if !is_multiple(&existing) {
        return Err(invalid(
            call,
            &format!("Promotion {code} has no MULTIPLE coupon."),
        ));
    }
    let current = coupon_codes(&existing);
    if let Some(missing) = removing.iter().find(|c| !current.contains(c)) {
        return Err(invalid(
            call,
            &format!("Promotion {code} has no coupon code {missing}."),
        ));
    }
    let left: Vec<String> = current
        .into_iter()
        .filter(|c| !removing.contains(c))
        .collect();
    if left.is_empty() {
        return Err(invalid(
            call,
            &format!(
                "Removing every code would leave promotion {code} without its required coupon."
            ),
        ));
    }
    let remaining = json!({ "Type": "MULTIPLE", "Codes": left });
    promotion.insert("Coupon".into(), remaining.clone());
    Ok(remaining)
}

fn list_arg(call: &Call<'_>, name: &str) -> Result<Vec<Value>, RpcError> {
    match call.arg(name) {
        Some(Value::Array(items)) => Ok(items.clone()),
        _ => Err(crate::validate::missing(call.method, name)),
    }
}

fn list_of(promotion: &Record, field: &str) -> Vec<Value> {
    promotion
        .get(field)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// The identity of a promotion product: its code, configuration and options.
fn product_key(product: &Value) -> (Option<String>, Option<String>, Vec<String>) {
    let mut options: Vec<String> = product
        .get("PricingOptionCodes")
        .and_then(Value::as_array)
        .map(|o| o.iter().filter_map(as_text).collect())
        .unwrap_or_default();
    options.sort();
    (
        product
            .get("Code")
            .and_then(as_text)
            .or_else(|| as_text(product)),
        product.get("PricingConfigurationCode").and_then(as_text),
        options,
    )
}

/// `addPromotionProducts(promotionCode, promotionProducts)`: answers the promotion's products.
pub fn add_promotion_products(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let products = list_arg(call, "promotionProducts")?;
    let mut store = call.state.write();
    check_products(call, &store, &Value::Array(products.clone()))?;
    let promotion = promotion_mut(call, &mut store, &code)?;
    let mut list = list_of(promotion, "Products");
    for product in products {
        let key = product_key(&product);
        if !list.iter().any(|p| product_key(p) == key) {
            list.push(product);
        }
    }
    promotion.insert("Products".into(), Value::Array(list.clone()));
    Ok(Value::Array(list))
}

/// `deletePromotionProducts(promotionCode, promotionProducts)`.
pub fn delete_promotion_products(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let products = list_arg(call, "promotionProducts")?;
    let mut store = call.state.write();
    let promotion = promotion_mut(call, &mut store, &code)?;
    let list = list_of(promotion, "Products");
    let removing: Vec<_> = products.iter().map(product_key).collect();
    if let Some(missing) = removing
        .iter()
        .find(|key| !list.iter().any(|p| &product_key(p) == *key))
    {
        return Err(invalid(
            call,
            &format!(
                "Promotion {code} has no product {}.",
                missing.0.clone().unwrap_or_default()
            ),
        ));
    }
    let left: Vec<Value> = list
        .into_iter()
        .filter(|p| !removing.contains(&product_key(p)))
        .collect();
    promotion.insert("Products".into(), Value::Array(left));
    Ok(Value::Bool(true))
}

/// `addPromotionSources(promotionCode, promotionSources)`: answers every source.
pub fn add_promotion_sources(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let sources = list_arg(call, "promotionSources")?;
    let mut store = call.state.write();
    let promotion = promotion_mut(call, &mut store, &code)?;
    let mut list = list_of(promotion, "Sources");
    for source in sources {
        if !list.contains(&source) {
            list.push(source);
        }
    }
    promotion.insert("Sources".into(), Value::Array(list.clone()));
    Ok(Value::Array(list))
}

/// `deletePromotionSources(promotionCode, promotionSources)`.
pub fn delete_promotion_sources(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let sources = list_arg(call, "promotionSources")?;
    let mut store = call.state.write();
    let promotion = promotion_mut(call, &mut store, &code)?;
    let list = list_of(promotion, "Sources");
    if let Some(missing) = sources.iter().find(|s| !list.contains(s)) {
        return Err(invalid(
            call,
            &format!("Promotion {code} has no source {missing}."),
        ));
    }
    let left: Vec<Value> = list.into_iter().filter(|s| !sources.contains(s)).collect();
    promotion.insert("Sources".into(), Value::Array(left));
    Ok(Value::Bool(true))
}

/// `addPromotionTranslations(promotionCode, promotions)`: one name per language (a new one
/// replaces the old); answers every translation.
pub fn add_promotion_translations(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let translations = list_arg(call, "promotions")?;
    let mut store = call.state.write();
    let promotion = promotion_mut(call, &mut store, &code)?;
    let language = |t: &Value| {
        t.get("Language")
            .and_then(as_text)
            .map(|l| l.to_lowercase())
    };
    let mut list = list_of(promotion, "Translations");
    for translation in translations {
        list.retain(|t| language(t) != language(&translation));
        list.push(translation);
    }
    promotion.insert("Translations".into(), Value::Array(list.clone()));
    Ok(Value::Array(list))
}

/// `deletePromotionTranslations(promotionCode)`: removes every translation.
pub fn delete_promotion_translations(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("promotionCode")?;
    let mut store = call.state.write();
    let promotion = promotion_mut(call, &mut store, &code)?;
    promotion.insert("Translations".into(), Value::Array(Vec::new()));
    Ok(Value::Bool(true))
}

/// What `coupon` takes off one unit of `product_code` priced `unit_price` in `currency`: the
/// enabled promotion holding the coupon, when it covers the product (GLOBAL promotions cover
/// every product), its PERCENT share (rounded to cents) or FIXED amount in that currency, never
/// more than the price. `None` when the coupon gives nothing here. Dates and order limits are
/// not checked.
pub fn coupon_discount(
    store: &Store,
    coupon: &str,
    product_code: &str,
    currency: &str,
    unit_price: Decimal,
) -> Option<Decimal> {
    let promotion = store.promotions.values().find(|p| {
        p.get("Coupon")
            .map(coupon_codes)
            .is_some_and(|codes| codes.iter().any(|c| c.eq_ignore_ascii_case(coupon)))
    })?;
    if !promotion.get("Enabled").and_then(as_bool).unwrap_or(true) {
        return None;
    }
    let global = text(promotion, "Type").is_some_and(|t| t.eq_ignore_ascii_case("GLOBAL"));
    let covered = global
        || promotion
            .get("Products")
            .map(product_codes)
            .is_some_and(|codes| codes.iter().any(|c| c == product_code));
    if !covered {
        return None;
    }
    let discount = promotion.get("Discount")?;
    let decimal = |value: &Value| match value {
        Value::Number(n) => crate::money::parse(&n.to_string()),
        Value::String(s) => crate::money::parse(s.trim()),
        _ => None,
    };
    let kind = discount
        .get("Type")
        .and_then(Value::as_str)?
        .to_ascii_uppercase();
    let off = match kind.as_str() {
        "PERCENT" => {
            let percent = discount.get("Value").and_then(decimal)?;
            (unit_price * percent / Decimal::from(100)).round_dp(2)
        }
        "FIXED" => {
            let in_currency = discount
                .get("Values")
                .and_then(Value::as_array)
                .and_then(|values| {
                    values.iter().find(|v| {
                        v.get("Currency")
                            .and_then(Value::as_str)
                            .is_some_and(|c| c.eq_ignore_ascii_case(currency))
                    })
                })
                .and_then(|v| v.get("Amount"))
                .and_then(decimal);
            let default_currency = discount
                .get("DefaultCurrency")
                .or_else(|| promotion.get("DefaultCurrency"))
                .and_then(Value::as_str);
            let by_value = default_currency
                .filter(|c| c.eq_ignore_ascii_case(currency))
                .and_then(|_| discount.get("Value"))
                .and_then(decimal);
            in_currency.or(by_value)?
        }
        _ => return None,
    };
    (off > Decimal::ZERO).then(|| off.min(unit_price))
}

/// The seeded promotion: 20% off the basic product with coupon `SPRING2026`.
pub fn seed() -> Vec<Record> {
    let promotion = json!({
        "Code": "MY_PROMO_CODE_1",
        "Name": "Spring sale",
        "Description": "20% off the basic plan",
        "StartDate": "2026-03-01",
        "EndDate": null,
        "MaximumOrdersNumber": 0,
        "MaximumQuantity": 0,
        "InstantDiscount": false,
        "Coupon": { "Type": "SINGLE", "Code": "SPRING2026" },
        "Enabled": true,
        "ChannelType": "ECOMMERCE",
        "Type": "REGULAR",
        "Discount": { "Type": "PERCENT", "Value": 20 },
        "Products": [{ "Code": "NewProdCodeAPI12345" }],
        "ApplyRecurring": "NONE",
        "RecurringChargesNumber": 0,
        "PublishToAffiliatesNetwork": false,
        "AutoApply": false,
        "Translations": [],
        "Sources": [],
    });
    match promotion {
        Value::Object(record) => vec![record],
        _ => vec![Map::new()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    fn price(text: &str) -> Decimal {
        crate::money::parse(text).expect("a price")
    }

    #[test]
    fn the_seeded_coupon_takes_a_fifth_off_the_basic_plan_only() {
        let state = State::seeded();
        let store = state.read();
        assert_eq!(
            coupon_discount(
                &store,
                "spring2026",
                "NewProdCodeAPI12345",
                "USD",
                price("99.99")
            ),
            Some(price("20.00"))
        );
        assert_eq!(
            coupon_discount(
                &store,
                "SPRING2026",
                "NewProdCodeAPI12345_PRO",
                "USD",
                price("199")
            ),
            None
        );
        assert_eq!(
            coupon_discount(&store, "NOPE", "NewProdCodeAPI12345", "USD", price("99")),
            None
        );
    }

    #[test]
    fn fixed_discounts_are_per_currency_and_capped_at_the_price() {
        let state = State::seeded();
        let mut store = state.write();
        if let Some(promotion) = store.promotions.get_mut("MY_PROMO_CODE_1") {
            promotion.insert(
                "Discount".into(),
                json!({ "Type": "FIXED", "Values": [{ "Currency": "EUR", "Amount": 15.5 }] }),
            );
        }
        let code = "NewProdCodeAPI12345";
        assert_eq!(
            coupon_discount(&store, "SPRING2026", code, "EUR", price("49.99")),
            Some(price("15.5"))
        );
        assert_eq!(
            coupon_discount(&store, "SPRING2026", code, "EUR", price("9.99")),
            Some(price("9.99"))
        );
        assert_eq!(
            coupon_discount(&store, "SPRING2026", code, "USD", price("49.99")),
            None
        );
    }
}
