//! The subscription state machine: enabling, importing and editing subscriptions, automatic
//! renewal on and off, on-demand renewals and extensions, custom renewal prices, pauses, grace
//! periods, trial conversion, payment data and the history each renewal or upgrade leaves.
//!
//! Error codes: unknown subscriptions get `INVALID_SUBSCRIPTION_REFERENCE` like the rest of the
//! sandbox; a call that the subscription's state does not allow gets
//! `INVALID_SUBSCRIPTION_STATUS`; a value outside what the docs allow gets `INVALID_PARAMETER`.
//! The merchant pages document no codes of their own for these methods.

use serde_json::{Map, Value, json};

use super::catalog::catalog_price;
use super::{Call, as_bool, as_f64, as_text, field};
use crate::money;
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};
use crate::validate::INVALID_PARAMETER;
use rust_decimal::Decimal;

/// A call the subscription's current state does not allow.
pub const INVALID_SUBSCRIPTION_STATUS: &str = "INVALID_SUBSCRIPTION_STATUS";

/// Churn reasons that come with a free-text `ChurnReasonOther`.
const FREE_TEXT_REASONS: [&str; 2] = ["CHURN_REASON_EXTRAORDINARY", "CHURN_REASON_OTHER"];

/// How far after the expiration date a pause may last (the docs: within 3 years).
const MAX_PAUSE_DAYS: i64 = 3 * 366;

pub(super) fn unknown_subscription(call: &Call<'_>, reference: &str) -> RpcError {
    call.error(
        "INVALID_SUBSCRIPTION_REFERENCE",
        &format!("No subscription found for reference {reference:?}."),
    )
}

fn status_error(call: &Call<'_>, reference: &str, why: &str) -> RpcError {
    call.error(
        INVALID_SUBSCRIPTION_STATUS,
        &format!("Subscription {reference}: {why}"),
    )
}

fn invalid(call: &Call<'_>, why: &str) -> RpcError {
    call.error(INVALID_PARAMETER, why)
}

/// The subscription `reference`, for writing.
pub(super) fn subscription_mut<'s>(
    call: &Call<'_>,
    store: &'s mut Store,
    reference: &str,
) -> Result<&'s mut Record, RpcError> {
    store
        .subscriptions
        .get_mut(reference)
        .ok_or_else(|| unknown_subscription(call, reference))
}

fn flag(subscription: &Record, name: &str) -> bool {
    subscription.get(name).and_then(as_bool).unwrap_or(false)
}

fn text(subscription: &Record, name: &str) -> Option<String> {
    subscription.get(name).and_then(as_text)
}

fn integer(call: &Call<'_>, name: &str) -> Result<i64, RpcError> {
    call.arg(name)
        .and_then(as_f64)
        .filter(|n| n.fract() == 0.0)
        .map(|n| n as i64)
        .ok_or_else(|| crate::validate::missing(call.method, name))
}

/// Adds a history event (SALE, RENEWAL or UPGRADE) for the subscription as it is now, with a
/// new order reference.
pub(super) fn add_history(store: &mut Store, reference: &str, kind: &str) {
    let Some(subscription) = store.subscriptions.get(reference) else {
        return;
    };
    let order = store.next_ref_no;
    let event = record(json!({
        "ReferenceNo": order.to_string(),
        "Type": kind,
        "SubscriptionReference": reference,
        "StartDate": subscription.get("StartDate").cloned().unwrap_or(Value::Null),
        "ExpirationDate": subscription.get("ExpirationDate").cloned().unwrap_or(Value::Null),
        "Lifetime": subscription.get("Lifetime").cloned().unwrap_or(Value::Bool(false)),
        "SKU": subscription.get("SKU").cloned().unwrap_or(Value::Null),
        "DeliveryInfo": subscription.get("DeliveryInfo").cloned().unwrap_or(Value::Null),
        "PartnerCode": subscription.get("PartnerCode").cloned().unwrap_or(Value::Null),
    }));
    store.next_ref_no += 1;
    store
        .subscription_history
        .entry(reference.to_string())
        .or_default()
        .push(event);
}

/// Moves the subscription's expiration date by `days`.
fn move_expiration(
    call: &Call<'_>,
    subscription: &mut Record,
    reference: &str,
    days: i64,
) -> Result<(), RpcError> {
    let expiration = text(subscription, "ExpirationDate").unwrap_or_default();
    let moved = crate::time::add_days(&expiration, days)
        .ok_or_else(|| status_error(call, reference, "it has no expiration date to move."))?;
    if let Some(start) = text(subscription, "StartDate")
        && crate::time::days_between(&start, &moved).is_some_and(|d| d < 0)
    {
        return Err(invalid(
            call,
            &format!("The expiration date cannot move before the start date ({start})."),
        ));
    }
    subscription.insert("ExpirationDate".into(), Value::String(moved));
    Ok(())
}

fn churn(call: &Call<'_>) -> Result<(Vec<String>, Option<String>), RpcError> {
    let reasons: Vec<String> = match call.arg("ChurnReasons") {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    };
    let other = call.text("ChurnReasonOther");
    if other.is_some()
        && !reasons
            .iter()
            .any(|r| FREE_TEXT_REASONS.iter().any(|f| f.eq_ignore_ascii_case(r)))
    {
        return Err(invalid(
            call,
            "ChurnReasonOther is only accepted with CHURN_REASON_EXTRAORDINARY or CHURN_REASON_OTHER.",
        ));
    }
    Ok((reasons, other))
}

// --- Subscription: enable, import, update -----------------------------------------------------

/// `enableSubscription(subscriptionReference)`: enables a disabled subscription (an enabled one
/// stays enabled). Automatic renewal stays as it is.
pub fn enable_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    subscription.insert("SubscriptionEnabled".into(), Value::Bool(true));
    Ok(Value::Bool(true))
}

/// `addSubscription(Subscription)`: imports a subscription for the customer of its
/// `ExternalCustomerReference` (a new customer when there is none), and answers its new
/// reference.
pub fn add_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let import = match call.params.first() {
        Some(Value::Object(fields)) => fields.clone(),
        _ => return Err(crate::validate::missing(call.method, "Subscription")),
    };
    let date = |name: &str| import.get(name).and_then(Value::as_str).unwrap_or_default();
    let (start, expiration) = (date("StartDate"), date("ExpirationDate"));
    if crate::time::days_between(start, expiration).is_none_or(|d| d < 0) {
        return Err(invalid(
            call,
            "ExpirationDate must be a date on or after StartDate.",
        ));
    }
    let code = import
        .get("Product")
        .and_then(|p| p.get("ProductCode"))
        .and_then(as_text)
        .unwrap_or_default();
    let mut store = call.state.write();
    let product_name = store
        .products
        .get(&code)
        .and_then(|p| p.get("ProductName").cloned())
        .ok_or_else(|| {
            call.error(
                "INVALID_PRODUCT",
                &format!("No product found for code {code:?}."),
            )
        })?;
    let external = import.get("ExternalCustomerReference").and_then(as_text);
    let customer = customer_for(&mut store, external.as_deref(), import.get("EndUser"));
    store.imported_subscriptions += 1;
    let reference = format!("1A{:08X}", store.imported_subscriptions);
    let mut product = import
        .get("Product")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    product.entry("ProductName").or_insert(product_name.clone());
    let mut subscription = Map::new();
    for (key, value) in &import {
        subscription.insert(key.clone(), value.clone());
    }
    subscription.insert("SubscriptionReference".into(), json!(reference));
    subscription.insert("Product".into(), Value::Object(product));
    subscription.insert("SubscriptionEnabled".into(), json!(true));
    subscription
        .entry("RecurringEnabled")
        .or_insert(json!(false));
    subscription.entry("Lifetime").or_insert(json!(false));
    subscription.insert("AvangateCustomerReference".into(), customer);
    subscription.insert("ExternalCustomerReference".into(), json!(external));
    subscription.insert("TestSubscription".into(), json!(true));
    subscription.insert("IsTrial".into(), json!(false));
    subscription.insert("PartnerCode".into(), json!(""));
    store.subscriptions.insert(reference.clone(), subscription);
    add_history(&mut store, &reference, "SALE");
    Ok(Value::String(reference))
}

/// The reference of the customer whose external reference is `external`; a new customer (from
/// the end user) when there is none.
fn customer_for(store: &mut Store, external: Option<&str>, end_user: Option<&Value>) -> Value {
    if let Some(external) = external
        && let Some(found) = store.customers.values().find(|c| {
            c.get("ExternalCustomerReference")
                .and_then(as_text)
                .as_deref()
                == Some(external)
        })
    {
        return found
            .get("AvangateCustomerReference")
            .cloned()
            .unwrap_or(Value::Null);
    }
    let reference = 300_000_000 + store.customers.len() as i64;
    let user = |name: &str| {
        end_user
            .and_then(|u| u.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    store.customers.insert(
        reference.to_string(),
        record(json!({
            "AvangateCustomerReference": reference,
            "ExternalCustomerReference": external,
            "FirstName": user("FirstName"), "LastName": user("LastName"),
            "Email": user("Email"), "CountryCode": user("CountryCode"),
            "Language": user("Language"), "Enabled": true, "Trial": false,
        })),
    );
    json!(reference)
}

/// `updateSubscription(Subscription)`: applies the documented editable fields (end user,
/// expiration and activation dates, enabled flags, external customer reference) and answers
/// `true`. An expiration date before the start date is refused.
pub fn update_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let changes = match call.params.first() {
        Some(Value::Object(fields)) => fields.clone(),
        _ => return Err(crate::validate::missing(call.method, "Subscription")),
    };
    let reference = changes
        .get("SubscriptionReference")
        .and_then(as_text)
        .ok_or_else(|| crate::validate::missing(call.method, "SubscriptionReference"))?;
    let mut store = call.state.write();
    let moved_to = match changes.get("ExternalCustomerReference").and_then(as_text) {
        Some(external) => Some((
            external.clone(),
            store
                .customers
                .values()
                .find(|c| {
                    c.get("ExternalCustomerReference").and_then(as_text) == Some(external.clone())
                })
                .and_then(|c| c.get("AvangateCustomerReference").cloned())
                .ok_or_else(|| {
                    call.error(
                        "INVALID_CUSTOMER_REFERENCE",
                        &format!("No customer has the external reference {external:?}."),
                    )
                })?,
        )),
        None => None,
    };
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if let Some(expiration) = changes.get("ExpirationDate").and_then(Value::as_str) {
        let start = text(subscription, "StartDate").unwrap_or_default();
        if crate::time::days_between(&start, expiration).is_none_or(|d| d < 0) {
            return Err(invalid(
                call,
                "ExpirationDate must be a date on or after StartDate.",
            ));
        }
    }
    for key in [
        "EndUser",
        "ExpirationDate",
        "ActivationDate",
        "SubscriptionEnabled",
        "RecurringEnabled",
        "ReceiveNotifications",
    ] {
        if let Some(value) = changes.get(key) {
            subscription.insert(key.to_string(), value.clone());
        }
    }
    if let Some((external, customer)) = moved_to {
        subscription.insert("ExternalCustomerReference".into(), json!(external));
        subscription.insert("AvangateCustomerReference".into(), customer);
    }
    Ok(Value::Bool(true))
}

// --- Renewal ----------------------------------------------------------------------------------

/// `enableRecurringBilling(subscriptionReference)`: automatic renewal on. Refused for disabled
/// and evergreen subscriptions, which cannot renew automatically.
pub fn enable_recurring_billing(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if !flag(subscription, "SubscriptionEnabled") {
        return Err(status_error(
            call,
            &reference,
            "it is disabled; enable it first.",
        ));
    }
    if flag(subscription, "Lifetime") {
        return Err(status_error(
            call,
            &reference,
            "evergreen subscriptions do not renew.",
        ));
    }
    subscription.insert("RecurringEnabled".into(), Value::Bool(true));
    subscription.remove("ChurnReasons");
    subscription.remove("ChurnReasonOther");
    Ok(Value::Bool(true))
}

/// `disableRecurringBilling(subscriptionReference, ChurnReasons?, ChurnReasonOther?)`: automatic
/// renewal off; the subscription stays enabled until it expires.
pub fn disable_recurring_billing(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let (reasons, other) = churn(call)?;
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    subscription.insert("RecurringEnabled".into(), Value::Bool(false));
    if !reasons.is_empty() {
        subscription.insert(
            "ChurnReasons".into(),
            reasons.into_iter().map(Value::String).collect(),
        );
    }
    if let Some(other) = other {
        subscription.insert("ChurnReasonOther".into(), Value::String(other));
    }
    Ok(Value::Bool(true))
}

/// `renewSubscription(subscriptionReference, days, price, currency)`: adds `days` to the
/// expiration date and records a RENEWAL. A custom renewal price with cycles left uses one.
pub fn renew_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let days = integer(call, "days")?;
    let price = call
        .arg("price")
        .and_then(money::from_value)
        .ok_or_else(|| crate::validate::missing(call.method, "price"))?;
    let currency = call.required_text("currency")?;
    if days < 1 {
        return Err(invalid(call, "days must be a positive number of days."));
    }
    if price.is_sign_negative() && !price.is_zero() {
        return Err(invalid(call, "price cannot be negative."));
    }
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(invalid(call, "currency must be an ISO 4217 code."));
    }
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if !flag(subscription, "SubscriptionEnabled") {
        return Err(status_error(call, &reference, "it is disabled."));
    }
    move_expiration(call, subscription, &reference, days)?;
    use_custom_price_cycle(&mut store, &reference);
    add_history(&mut store, &reference, "RENEWAL");
    Ok(Value::Bool(true))
}

fn use_custom_price_cycle(store: &mut Store, reference: &str) {
    let finished = match store.custom_renewal_prices.get_mut(reference) {
        Some(custom) => {
            let left = custom.get("Cycles").and_then(Value::as_i64).unwrap_or(0) - 1;
            custom.insert("Cycles".into(), json!(left));
            left <= 0
        }
        None => false,
    };
    if finished {
        store.custom_renewal_prices.remove(reference);
    }
}

/// `setCustomRenewalPrice(SubscriptionReference, Price, Currency, Cycles, ReasonText?)`.
pub fn set_custom_renewal_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let price = call
        .arg("Price")
        .and_then(money::from_value)
        .ok_or_else(|| crate::validate::missing(call.method, "Price"))?;
    let currency = call.required_text("Currency")?.to_ascii_uppercase();
    let cycles = integer(call, "Cycles")?;
    if cycles < 1 {
        return Err(invalid(call, "Cycles must be a positive integer."));
    }
    if price.is_sign_negative() && !price.is_zero() {
        return Err(invalid(call, "Price cannot be negative."));
    }
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    store.custom_renewal_prices.insert(
        reference,
        record(json!({
            "Price": money::to_value(money::cents(price)),
            "Currency": currency,
            "Cycles": cycles,
            "ReasonText": call.text("ReasonText"),
        })),
    );
    Ok(Value::Bool(true))
}

/// `getNextRenewalPrice(SubscriptionReference, Currency)`: the custom renewal price while it
/// has cycles left (in its currency), else the product's price in `Currency` for the
/// subscription's quantity. The sandbox charges no tax, so the final price is the net price.
pub fn get_next_renewal_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let currency = call.required_text("Currency")?.to_ascii_uppercase();
    let store = call.state.read();
    let subscription = store
        .subscriptions
        .get(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    let custom = store
        .custom_renewal_prices
        .get(&reference)
        .filter(|c| c.get("Currency").and_then(Value::as_str) == Some(currency.as_str()))
        .and_then(|c| c.get("Price").and_then(money::from_value));
    let price = match custom {
        Some(price) => price,
        None => {
            let unit = field(subscription, "Product/ProductCode")
                .and_then(as_text)
                .and_then(|code| store.products.get(&code))
                .and_then(|product| catalog_price(product, &currency))
                .ok_or_else(|| {
                    call.error(
                        "INVALID_CURRENCY",
                        &format!("The subscription's product has no price in {currency}."),
                    )
                })?;
            let quantity = field(subscription, "Product/ProductQuantity")
                .and_then(money::from_value)
                .unwrap_or(Decimal::ONE)
                .max(Decimal::ONE);
            money::cents(unit * quantity)
        }
    };
    Ok(json!({
        "NetPrice": money::to_value(price),
        "NetCurrency": currency,
        "FinalPrice": money::to_value(price),
        "FinalCurrency": currency,
    }))
}

// --- Pause ------------------------------------------------------------------------------------

/// `setRenewalPause(SubscriptionRef, ResumeDate, PauseReason?)`: schedules a pause of the
/// automatic charges until `ResumeDate`, which must fall between the expiration date and 3 years
/// after it. Replaces an earlier pause.
pub fn set_renewal_pause(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionRef")?;
    let resume = call.required_text("ResumeDate")?;
    let reason = call.text("PauseReason");
    if reason.as_ref().is_some_and(|r| r.chars().count() > 100) {
        return Err(invalid(call, "PauseReason is limited to 100 characters."));
    }
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if !flag(subscription, "SubscriptionEnabled") {
        return Err(status_error(call, &reference, "it is disabled."));
    }
    let expiration = text(subscription, "ExpirationDate").unwrap_or_default();
    match crate::time::days_between(&expiration, &resume) {
        Some(days) if (0..=MAX_PAUSE_DAYS).contains(&days) => {}
        _ => {
            return Err(invalid(
                call,
                &format!(
                    "ResumeDate must fall within 3 years after the expiration date ({expiration})."
                ),
            ));
        }
    }
    store.renewal_pauses.insert(
        reference.clone(),
        record(json!({
            "SubscriptionRef": reference,
            "ResumeDate": resume,
            "PauseReason": reason,
        })),
    );
    Ok(Value::Bool(true))
}

/// `getRenewalPause(SubscriptionRef)`: the scheduled pause, or `null` when there is none.
pub fn get_renewal_pause(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionRef")?;
    let store = call.state.read();
    if !store.subscriptions.contains_key(&reference) {
        return Err(unknown_subscription(call, &reference));
    }
    Ok(store
        .renewal_pauses
        .get(&reference)
        .map_or(Value::Null, |p| Value::Object(p.clone())))
}

/// `cancelRenewalPause(SubscriptionRef)`: `true` when a pause was cancelled, `false` when there
/// was none.
pub fn cancel_renewal_pause(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionRef")?;
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    Ok(Value::Bool(
        store.renewal_pauses.remove(&reference).is_some(),
    ))
}

// --- History ----------------------------------------------------------------------------------

/// `getSubscriptionHistory(subscriptionReference)`: the subscription's events, oldest first.
pub fn get_subscription_history(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let store = call.state.read();
    if !store.subscriptions.contains_key(&reference) {
        return Err(unknown_subscription(call, &reference));
    }
    Ok(store
        .subscription_history
        .get(&reference)
        .map(|events| events.iter().cloned().map(Value::Object).collect())
        .unwrap_or_else(|| Value::Array(Vec::new())))
}

/// `extendSubscription(subscriptionReference, days)`: moves the expiration date; a negative
/// number shortens the subscription, never to before its start date.
pub fn extend_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let days = integer(call, "days")?;
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    move_expiration(call, subscription, &reference, days)?;
    Ok(Value::Bool(true))
}

// --- Billing ----------------------------------------------------------------------------------

/// `getSubscriptionPaymentInformation(subscriptionReference)`: the card on file; an imported
/// subscription without payment data answers empty fields.
pub fn get_subscription_payment_information(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let store = call.state.read();
    if !store.subscriptions.contains_key(&reference) {
        return Err(unknown_subscription(call, &reference));
    }
    Ok(store.payment_information.get(&reference).map_or_else(
        || json!({ "Type": null, "Currency": null, "PaymentMethod": null }),
        |p| Value::Object(p.clone()),
    ))
}

/// `updateSubscriptionPaymentInformation(subscriptionReference, paymentInformation)`: only
/// `EES_TOKEN_PAYMENT` is accepted. The sandbox turns every token into its test Visa card and
/// answers `true`.
pub fn update_subscription_payment_information(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let details = call
        .arg("paymentInformation")
        .and_then(|p| p.get("PaymentDetails"))
        .cloned()
        .unwrap_or(Value::Null);
    if details.get("Type").and_then(Value::as_str) != Some("EES_TOKEN_PAYMENT") {
        return Err(invalid(
            call,
            "PaymentDetails.Type must be EES_TOKEN_PAYMENT.",
        ));
    }
    let token = details
        .pointer("/PaymentMethod/EesToken")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if token.trim().is_empty() {
        return Err(crate::validate::missing(call.method, "EesToken"));
    }
    let mut store = call.state.write();
    let currency = {
        let subscription = subscription_mut(call, &mut store, &reference)?;
        if !flag(subscription, "SubscriptionEnabled") {
            return Err(status_error(call, &reference, "it is disabled."));
        }
        store
            .payment_information
            .get(&reference)
            .and_then(|p| p.get("Currency").cloned())
            .unwrap_or(json!("USD"))
    };
    store.payment_information.insert(
        reference,
        record(json!({
            "Type": "CC",
            "Currency": currency,
            "PaymentMethod": {
                "FirstDigits": "4111", "LastDigits": "1111", "CardType": "Visa",
                "ExpirationMonth": "12", "ExpirationYear": "2030",
                "CardUpdated": false, "Authorize3DSUrl": null,
            },
        })),
    );
    Ok(Value::Bool(true))
}

/// `copyPaymentInfo(TargetSubscriptionReference, SubscriptionReference)`: the source's payment
/// data goes to the target; both must belong to the same customer. Answers `true`.
pub fn copy_payment_info(call: &Call<'_>) -> Result<Value, RpcError> {
    let target = call.required_text("TargetSubscriptionReference")?;
    let source = call.required_text("SubscriptionReference")?;
    let mut store = call.state.write();
    let customer = |store: &Store, reference: &str| {
        store
            .subscriptions
            .get(reference)
            .map(|s| text(s, "AvangateCustomerReference"))
            .ok_or_else(|| unknown_subscription(call, reference))
    };
    let (of_target, of_source) = (customer(&store, &target)?, customer(&store, &source)?);
    if of_target.is_none() || of_target != of_source {
        return Err(invalid(
            call,
            "The target and source subscriptions must belong to the same customer.",
        ));
    }
    let payment = store
        .payment_information
        .get(&source)
        .cloned()
        .ok_or_else(|| status_error(call, &source, "it has no payment data on file."))?;
    store.payment_information.insert(target, payment);
    Ok(Value::Bool(true))
}

/// `setSubscriptionGracePeriod(subscriptionReference, subscriptionGracePeriod)`: a custom grace
/// period in days (0: none); `null` goes back to the product or account setting. Only for
/// enabled (Active or Past Due) subscriptions.
pub fn set_subscription_grace_period(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let days = call.arg("subscriptionGracePeriod").and_then(Value::as_i64);
    if days.is_some_and(|d| d < 0) {
        return Err(invalid(call, "The grace period cannot be negative."));
    }
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if !flag(subscription, "SubscriptionEnabled") {
        return Err(status_error(
            call,
            &reference,
            "it is neither Active nor Past Due.",
        ));
    }
    match days {
        Some(days) => store.grace_periods.insert(reference, days),
        None => store.grace_periods.remove(&reference),
    };
    Ok(Value::Bool(true))
}

/// `convertTrial(SubscriptionReference, ExtendSubscriptionFromPaymentDate?)`: the trial becomes
/// a paid subscription renewing automatically, for the product's billing cycle (12 months when
/// the product says nothing), from today (`true`) or from the trial's expiration. Records the
/// purchase as a SALE and answers `true`.
pub fn convert_trial(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let from_payment = call
        .arg("ExtendSubscriptionFromPaymentDate")
        .and_then(as_bool)
        .unwrap_or(false);
    let mut store = call.state.write();
    let cycle_days = {
        let subscription = store
            .subscriptions
            .get(&reference)
            .ok_or_else(|| unknown_subscription(call, &reference))?;
        let months = field(subscription, "Product/ProductCode")
            .and_then(as_text)
            .and_then(|code| store.products.get(&code))
            .and_then(|p| field(p, "SubscriptionInformation/BillingCycle"))
            .and_then(as_f64)
            .filter(|m| *m >= 1.0)
            .unwrap_or(12.0);
        (months * 365.0 / 12.0).round() as i64
    };
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if !flag(subscription, "IsTrial") {
        return Err(status_error(call, &reference, "it is not a trial."));
    }
    if !flag(subscription, "SubscriptionEnabled") {
        return Err(status_error(
            call,
            &reference,
            "cancelled trials cannot be converted.",
        ));
    }
    let start = if from_payment {
        crate::time::today()
    } else {
        text(subscription, "ExpirationDate").unwrap_or_else(crate::time::today)
    };
    let expiration = crate::time::add_days(&start, cycle_days).unwrap_or_else(|| start.clone());
    subscription.insert("StartDate".into(), json!(start));
    subscription.insert("ExpirationDate".into(), json!(expiration));
    subscription.insert("IsTrial".into(), json!(false));
    subscription.insert("RecurringEnabled".into(), json!(true));
    add_history(&mut store, &reference, "SALE");
    Ok(Value::Bool(true))
}

// --- Upgrade options --------------------------------------------------------------------------

/// `getProductUpgradeOptions(subscriptionReference)`: every other enabled product of the
/// catalog, priced in its default currency, for the subscription's quantity.
pub fn get_product_upgrade_options(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let store = call.state.read();
    let subscription = store
        .subscriptions
        .get(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    let current = field(subscription, "Product/ProductCode").and_then(as_text);
    let quantity = field(subscription, "Product/ProductQuantity")
        .and_then(Value::as_i64)
        .unwrap_or(1);
    let options = store
        .products
        .values()
        .filter(|p| p.get("ProductCode").and_then(as_text) != current)
        .filter(|p| p.get("Enabled").and_then(as_bool).unwrap_or(true))
        .map(|product| {
            let get = |name: &str| product.get(name).cloned().unwrap_or(Value::Null);
            let currency = product
                .get("PricingConfigurations")
                .and_then(|c| c.pointer("/0/DefaultCurrency"))
                .and_then(Value::as_str)
                .unwrap_or("USD")
                .to_string();
            let price_options: Vec<Value> = product
                .get("PricingConfigurations")
                .and_then(|c| c.pointer("/0/PriceOptions"))
                .and_then(Value::as_array)
                .map(|groups| {
                    groups
                        .iter()
                        .filter_map(|g| g.get("Code").cloned())
                        .map(|code| json!({ "Id": code }))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "ProductInfo": {
                    "ProductId": get("AvangateId"),
                    "ProductCode": get("ProductCode"),
                    "ProductName": get("ProductName"),
                    "ProductVersion": get("ProductVersion"),
                    "ProductEnabled": get("Enabled"),
                    "ProductType": get("ProductType"),
                    "Currency": currency,
                    "DefaultCurrency": currency,
                    "Price": catalog_price(product, &currency).map(money::to_value),
                    "GiftOption": get("GiftOption"),
                    "GroupName": get("GroupName"),
                    "ShortDescription": get("ShortDescription"),
                    "Languages": ["en"],
                    "PriceType": "NET",
                    "PriceSchema": "FLAT",
                },
                "Quantity": quantity,
                "PriceOptions": price_options,
            })
        })
        .collect();
    Ok(Value::Array(options))
}
