//! Merchant subscription upgrades: the price of moving a subscription to another product, and
//! the move itself.

use serde_json::{Value, json};

use rust_decimal::Decimal;

use super::catalog::catalog_price;
use super::{Call, as_text, field};
use crate::money;
use crate::rpc::RpcError;

/// Seconds in the year a subscription's remaining time is prorated over.
const YEAR_SECONDS: i64 = 365 * 86_400;

/// `getProductUpgradeOptionsPrice(subscriptionReference, productCode, currency, options)`.
///
/// The billing price is the new product's price for the subscription's quantity; the prorated
/// price is the difference with the current product for the time left until expiration
/// (negative when downgrading, as the docs say).
pub fn get_product_upgrade_options_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let product_code = call.required_text("productCode")?;
    let currency = call.required_text("currency")?.to_ascii_uppercase();
    let store = call.state.read();
    let subscription = store
        .subscriptions
        .get(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    let target = store.products.get(&product_code).ok_or_else(|| {
        call.error(
            "INVALID_PRODUCT",
            &format!("No product found for code {product_code:?}."),
        )
    })?;
    let no_price = || {
        call.error(
            "INVALID_CURRENCY",
            &format!("Product {product_code} has no price in {currency}."),
        )
    };
    let unit = catalog_price(target, &currency).ok_or_else(no_price)?;
    let current_unit = field(subscription, "Product/ProductCode")
        .and_then(as_text)
        .and_then(|code| store.products.get(&code))
        .and_then(|product| catalog_price(product, &currency))
        .unwrap_or(Decimal::ZERO);
    let quantity = field(subscription, "Product/ProductQuantity")
        .and_then(money::from_value)
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE)
        .trunc();
    let billing = money::to_value(money::cents(unit * quantity));
    let prorated = money::to_value(money::cents(
        (unit - current_unit) * quantity * remaining_fraction(subscription),
    ));
    let zero = money::to_value(Decimal::ZERO);
    Ok(json!({
        "BillingPrice": billing,
        "BillingGrossPrice": billing,
        "BillingCurrency": currency,
        "Quantity": money::to_value(quantity),
        "DisplayPrice": billing,
        "DisplayGrossPrice": billing,
        "DisplayCurrency": currency,
        "ProratedPrice": prorated,
        "ProratedGrossPrice": prorated,
        "Discount": zero,
        "DiscountedProratedPrice": prorated,
        "DiscountedProratedGrossPrice": prorated,
        "DiscountedBillingPrice": billing,
        "DiscountedBillingGrossPrice": billing,
        "DisplayDiscount": zero,
        "DiscountedDisplayPrice": billing,
        "DiscountedDisplayGrossPrice": billing,
    }))
}

/// `setSubscriptionUpgrade(subscriptionReference, productCode, options?, customPrice?)`: moves the
/// subscription to the product; `options` are `;`-separated option codes.
pub fn set_subscription_upgrade(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let product_code = call.required_text("productCode")?;
    let options: Vec<Value> = call
        .text("options")
        .map(|text| {
            text.split(';')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(|o| Value::String(o.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut store = call.state.write();
    let name = store
        .products
        .get(&product_code)
        .and_then(|p| p.get("ProductName").cloned())
        .ok_or_else(|| {
            call.error(
                "INVALID_PRODUCT",
                &format!("No product found for code {product_code:?}."),
            )
        })?;
    let subscription = store
        .subscriptions
        .get_mut(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    if let Some(Value::Object(product)) = subscription.get_mut("Product") {
        product.insert("ProductCode".into(), Value::String(product_code));
        product.insert("ProductName".into(), name);
        product.insert("PriceOptionCodes".into(), Value::Array(options));
    }
    super::lifecycle::add_history(&mut store, &reference, "UPGRADE");
    Ok(Value::Bool(true))
}

/// The share of a year left until the subscription expires, between 0 and 1.
fn remaining_fraction(subscription: &crate::state::Record) -> Decimal {
    let expires = subscription
        .get("ExpirationDate")
        .and_then(Value::as_str)
        .and_then(|date| date.get(0..10))
        .and_then(crate::time::parse_date);
    match expires {
        Some(expires) => {
            let left = expires.midnight().assume_utc() - crate::time::now();
            (Decimal::from(left.whole_seconds()) / Decimal::from(YEAR_SECONDS))
                .clamp(Decimal::ZERO, Decimal::ONE)
        }
        None => Decimal::ZERO,
    }
}

fn unknown_subscription(call: &Call<'_>, reference: &str) -> RpcError {
    call.error(
        "INVALID_SUBSCRIPTION_REFERENCE",
        &format!("No subscription found for reference {reference:?}."),
    )
}
