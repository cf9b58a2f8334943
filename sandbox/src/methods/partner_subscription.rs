//! Channel Manager 6.0 partner subscriptions: upgrade and renewal prices and orders.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::catalog::catalog_price;
use super::{Call, as_f64, as_text, field};
use crate::money::{self, cents, to_value};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};

/// Partner orders are priced in this currency when the partner has none.
const DEFAULT_CURRENCY: &str = "USD";
/// `ExternalReferenceNumber` is at most this long.
const MAX_EXTERNAL_REFERENCE: usize = 100;

/// What an order does to a subscription.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Upgrade,
    Renewal,
}

/// One priced item.
struct Line {
    reference: String,
    product_code: String,
    product_name: String,
    quantity: i64,
    amount: Decimal,
}

/// `getPartnerSubscriptionsUpgradePrice({Items, ExtraDiscount?, ExtraMargin?})`.
pub fn upgrade_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let store = call.state.read();
    let (lines, currency) = price_lines(call, &store, Kind::Upgrade)?;
    Ok(price_response(call, &lines, &currency))
}

/// `getPartnerSubscriptionsRenewalPrice({Items, ExtraDiscount?, ExtraMargin?})`.
pub fn renewal_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let store = call.state.read();
    let (lines, currency) = price_lines(call, &store, Kind::Renewal)?;
    Ok(price_response(call, &lines, &currency))
}

/// `upgradePartnerSubscriptions({Items, …})`: places the order, moves each subscription to its
/// new product and returns the order reference.
pub fn upgrade(call: &Call<'_>) -> Result<Value, RpcError> {
    place_order(call, Kind::Upgrade)
}

/// `renewPartnerSubscriptions({Items, …})`: places the order, extends each subscription by a
/// year and returns the order reference.
pub fn renew(call: &Call<'_>) -> Result<Value, RpcError> {
    place_order(call, Kind::Renewal)
}

fn place_order(call: &Call<'_>, kind: Kind) -> Result<Value, RpcError> {
    let external = call.text("ExternalReferenceNumber");
    if external
        .as_ref()
        .is_some_and(|e| e.chars().count() > MAX_EXTERNAL_REFERENCE)
    {
        return Err(RpcError::business(
            crate::validate::INVALID_PARAMETER,
            format!("ExternalReferenceNumber is longer than {MAX_EXTERNAL_REFERENCE} characters."),
        ));
    }
    let mut store = call.state.write();
    let (lines, currency) = price_lines(call, &store, kind)?;
    let totals = price_response(call, &lines, &currency);
    let ref_no = store.next_ref_no.to_string();
    store.next_ref_no += 1;
    let partner = lines
        .first()
        .and_then(|l| store.subscriptions.get(&l.reference))
        .and_then(|s| s.get("PartnerCode"))
        .cloned()
        .unwrap_or(Value::Null);
    for line in &lines {
        if let Some(subscription) = store.subscriptions.get_mut(&line.reference) {
            apply(subscription, line, kind);
        }
    }
    let items: Vec<Value> = lines
        .iter()
        .map(|l| json!({ "Code": l.product_code, "Quantity": l.quantity, "SubscriptionReference": l.reference }))
        .collect();
    let order = record(json!({
        "RefNo": ref_no,
        "OrderNo": 0,
        "PartnerCode": partner,
        "Currency": currency.to_ascii_lowercase(),
        "Status": "PENDING",
        "ApproveStatus": "WAITING",
        "OrderDate": crate::time::login_date(crate::time::now()),
        "OrderFlow": if kind == Kind::Upgrade { "UPGRADE" } else { "RENEWAL" },
        "ExternalReference": external,
        "Comment": call.text("Comment"),
        "Items": items,
        "NetPrice": totals["NetPrice"],
        "GrossPrice": totals["GrossPrice"],
    }));
    store.orders.insert(ref_no.clone(), order);
    Ok(Value::String(ref_no))
}

fn apply(subscription: &mut Record, line: &Line, kind: Kind) {
    match kind {
        Kind::Upgrade => {
            if let Some(Value::Object(product)) = subscription.get_mut("Product") {
                product.insert("ProductCode".into(), json!(line.product_code));
                product.insert("ProductName".into(), json!(line.product_name));
                product.insert("ProductQuantity".into(), json!(line.quantity));
            }
        }
        Kind::Renewal => {
            let extended = subscription
                .get("ExpirationDate")
                .and_then(Value::as_str)
                .and_then(next_year);
            if let Some(date) = extended {
                subscription.insert("ExpirationDate".into(), Value::String(date));
            }
            subscription.insert("SubscriptionEnabled".into(), Value::Bool(true));
        }
    }
}

/// `2026-03-01` → `2027-03-01` (29 February becomes 1 March); a time after the date is kept.
fn next_year(date: &str) -> Option<String> {
    let day = crate::time::parse_date(date.get(0..10)?)?;
    let next = crate::time::next_year(day)?;
    Some(format!("{}{}", crate::time::write_date(next), &date[10..]))
}

/// Prices every item: the subscription must exist (and belong to the partner, when the call has
/// one); an upgrade is priced as the difference between the new and the current product, a
/// renewal as the current product, times the quantity.
fn price_lines(
    call: &Call<'_>,
    store: &Store,
    kind: Kind,
) -> Result<(Vec<Line>, String), RpcError> {
    let items = match call.arg("Items") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        _ => return Err(crate::validate::missing(call.method, "Items")),
    };
    let partner = call.partner();
    let mut currency = None;
    let mut lines = Vec::new();
    for item in items {
        let reference = item
            .get("SubscriptionReference")
            .and_then(as_text)
            .unwrap_or_default();
        let subscription = store
            .subscriptions
            .get(&reference)
            .filter(|s| {
                partner
                    .as_ref()
                    .is_none_or(|p| s.get("PartnerCode").and_then(Value::as_str) == Some(p))
            })
            .ok_or_else(|| {
                call.error(
                    "INVALID_SUBSCRIPTION_REFERENCE",
                    &format!("No partner subscription found for reference {reference:?}."),
                )
            })?;
        let currency = currency
            .get_or_insert_with(|| partner_currency(store, subscription))
            .clone();
        let quantity = item
            .get("Quantity")
            .and_then(as_f64)
            .unwrap_or(1.0)
            .max(1.0) as i64;
        let current_code = field(subscription, "Product/ProductCode")
            .and_then(as_text)
            .unwrap_or_default();
        let product_code = match kind {
            Kind::Upgrade => item
                .get("UpgradeProductCode")
                .and_then(as_text)
                .unwrap_or_default(),
            Kind::Renewal => current_code.clone(),
        };
        let product = store.products.get(&product_code).ok_or_else(|| {
            call.error(
                "INVALID_PRODUCT",
                &format!("No product found for code {product_code:?}."),
            )
        })?;
        let target = catalog_price(product, &currency).unwrap_or(Decimal::ZERO);
        let unit = match kind {
            Kind::Upgrade => {
                let current = store
                    .products
                    .get(&current_code)
                    .and_then(|p| catalog_price(p, &currency));
                (target - current.unwrap_or(Decimal::ZERO)).max(Decimal::ZERO)
            }
            Kind::Renewal => target,
        };
        lines.push(Line {
            reference,
            product_name: product
                .get("ProductName")
                .and_then(as_text)
                .unwrap_or_default(),
            product_code,
            quantity,
            amount: unit * Decimal::from(quantity),
        });
    }
    Ok((lines, currency.unwrap_or_else(|| DEFAULT_CURRENCY.into())))
}

fn partner_currency(store: &Store, subscription: &Record) -> String {
    subscription
        .get("PartnerCode")
        .and_then(Value::as_str)
        .and_then(|p| store.partners.get(p))
        .and_then(|p| p.get("Currency"))
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_CURRENCY)
        .to_string()
}

/// Applies `ExtraDiscount` and `ExtraMargin` (FIXED amounts or PERCENT of the net price).
fn price_response(call: &Call<'_>, lines: &[Line], currency: &str) -> Value {
    let net: Decimal = lines.iter().map(|l| l.amount).sum();
    let adjustment = |name: &str| {
        let Some(spec) = call.arg(name) else {
            return Decimal::ZERO;
        };
        let value = spec
            .get("Value")
            .and_then(money::from_value)
            .unwrap_or(Decimal::ZERO);
        let percent = spec
            .get("Type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("PERCENT"));
        if percent {
            net * value / Decimal::ONE_HUNDRED
        } else {
            value
        }
    };
    let discount = adjustment("ExtraDiscount").min(net).max(Decimal::ZERO);
    let margin = adjustment("ExtraMargin")
        .min(net - discount)
        .max(Decimal::ZERO);
    let final_net = to_value(cents(net - discount - margin));
    let zero = to_value(Decimal::ZERO);
    json!({
        "Currency": currency,
        "NetPrice": final_net,
        "GrossPrice": final_net,
        "Vat": zero,
        "TotalDiscount": to_value(cents(discount + margin)),
        "Discount": to_value(cents(discount)),
        "PartnerMargin": zero,
        "ExtraMargin": to_value(cents(margin)),
        "ExtraDiscount": to_value(cents(discount)),
    })
}
