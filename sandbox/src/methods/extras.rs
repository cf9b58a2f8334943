//! Additional information fields and usage records of subscriptions, and single sign-on links.
//!
//! The limits are the documented ones: at most 5 fields of at most 100 characters per
//! subscription. Codes the pages do not document are the sandbox's: `INVALID_FIELD_NAME` for a
//! field a subscription does not have (or has already), `INVALID_USAGE_REFERENCE` for an
//! unknown usage record, `INVALID_PARAMETER` for values out of bounds.

use serde_json::{Value, json};

use super::lifecycle::{subscription_mut, unknown_subscription};
use super::{Call, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::record;
use crate::validate::INVALID_PARAMETER;

/// At most this many additional fields per subscription.
const MAX_FIELDS: usize = 5;
/// At most this many characters per field name or value.
const MAX_FIELD_LENGTH: usize = 100;
/// `getSubscriptionUsages` answers at most this many usages per page (the REST twin's limit).
const MAX_USAGE_LIMIT: i64 = 100;

/// myAccount pages of `getSingleSignOn`.
const SUBSCRIPTION_PAGES: [&str; 8] = [
    "view_order",
    "my_license",
    "change_card",
    "my_products",
    "payment_methods",
    "user_data",
    "order_lookup",
    "faq",
];
/// myAccount pages of `getSingleSignOnByCustomer`.
const CUSTOMER_PAGES: [&str; 6] = [
    "my_subscription",
    "my_products",
    "user_data",
    "order_lookup",
    "faq",
    "payment_methods",
];

fn invalid(call: &Call<'_>, why: &str) -> RpcError {
    call.error(INVALID_PARAMETER, why)
}

fn unknown_field(call: &Call<'_>, reference: &str, name: &str) -> RpcError {
    call.error(
        "INVALID_FIELD_NAME",
        &format!("Subscription {reference} has no additional field {name:?}."),
    )
}

fn field_json(name: &str, value: &Option<String>) -> Value {
    json!({ "fieldName": name, "fieldValue": value })
}

fn check_length(call: &Call<'_>, what: &str, text: &str) -> Result<(), RpcError> {
    if text.chars().count() > MAX_FIELD_LENGTH {
        return Err(invalid(
            call,
            &format!("{what} is limited to {MAX_FIELD_LENGTH} characters."),
        ));
    }
    Ok(())
}

// --- Additional information fields ------------------------------------------------------------

/// `addSubscriptionAdditionalInformationField(SubscriptionReference, fieldName, fieldValue)`.
pub fn add_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let name = call.required_text("fieldName")?;
    let value = call.text("fieldValue");
    check_length(call, "fieldName", &name)?;
    check_length(call, "fieldValue", value.as_deref().unwrap_or_default())?;
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    let fields = store
        .subscription_fields
        .entry(reference.clone())
        .or_default();
    if fields.iter().any(|(n, _)| *n == name) {
        return Err(call.error(
            "INVALID_FIELD_NAME",
            &format!("Subscription {reference} already has the field {name:?}."),
        ));
    }
    if fields.len() >= MAX_FIELDS {
        return Err(invalid(
            call,
            &format!("A subscription holds at most {MAX_FIELDS} additional fields."),
        ));
    }
    fields.push((name.clone(), value.clone()));
    Ok(field_json(&name, &value))
}

/// `getSubscriptionAdditionalInformationField(SubscriptionReference, fieldName)`.
pub fn get_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let name = call.required_text("fieldName")?;
    let store = call.state.read();
    if !store.subscriptions.contains_key(&reference) {
        return Err(unknown_subscription(call, &reference));
    }
    store
        .subscription_fields
        .get(&reference)
        .and_then(|fields| fields.iter().find(|(n, _)| *n == name))
        .map(|(n, v)| field_json(n, v))
        .ok_or_else(|| unknown_field(call, &reference, &name))
}

/// `getSubscriptionAdditionalInformation(SubscriptionReference)`: every field, as added.
pub fn get_fields(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let store = call.state.read();
    if !store.subscriptions.contains_key(&reference) {
        return Err(unknown_subscription(call, &reference));
    }
    Ok(store
        .subscription_fields
        .get(&reference)
        .map(|fields| fields.iter().map(|(n, v)| field_json(n, v)).collect())
        .unwrap_or_else(|| Value::Array(Vec::new())))
}

/// `updateSubscriptionAdditionalInformationField(SubscriptionReference, fieldName, fieldValue?)`.
pub fn update_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let name = call.required_text("fieldName")?;
    let value = call.text("fieldValue");
    check_length(call, "fieldValue", value.as_deref().unwrap_or_default())?;
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    let field = store
        .subscription_fields
        .get_mut(&reference)
        .and_then(|fields| fields.iter_mut().find(|(n, _)| *n == name))
        .ok_or_else(|| unknown_field(call, &reference, &name))?;
    field.1 = value.clone();
    Ok(field_json(&name, &value))
}

/// `deleteSubscriptionAdditionalInformationField(SubscriptionReference, fieldName)`.
pub fn delete_field(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let name = call.required_text("fieldName")?;
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    let fields = store
        .subscription_fields
        .entry(reference.clone())
        .or_default();
    let before = fields.len();
    fields.retain(|(n, _)| *n != name);
    if fields.len() == before {
        return Err(unknown_field(call, &reference, &name));
    }
    Ok(Value::Bool(true))
}

// --- Usage ------------------------------------------------------------------------------------

/// A date-time as comparable text: `YYYY-MM-DD HH:MM:SS`; a bare date is the start of its day,
/// or its end when `end_of_day`.
fn moment(text: &str, end_of_day: bool) -> String {
    let text = text.replacen('T', " ", 1);
    match text.len() {
        10 if end_of_day => format!("{text} 23:59:59"),
        10 => format!("{text} 00:00:00"),
        _ => text.chars().take(19).collect(),
    }
}

/// `addSubscriptionUsage(SubscriptionReference, [usage…])`: records each usage with a new
/// reference and answers them.
pub fn add_usage(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let usages = match call.params.get(1) {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        _ => return Err(crate::validate::missing(call.method, "Usages")),
    };
    for usage in &usages {
        let get = |name: &str| usage.get(name).and_then(as_text).unwrap_or_default();
        if moment(&get("UsageStart"), false) > moment(&get("UsageEnd"), false) {
            return Err(invalid(call, "UsageStart cannot be after UsageEnd."));
        }
        if usage.get("Units").and_then(as_f64).is_none_or(|u| u < 0.0) {
            return Err(invalid(call, "Units must be a number of units, 0 or more."));
        }
    }
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    let mut added = Vec::new();
    for usage in usages {
        let usage_reference = store.next_usage_ref;
        store.next_usage_ref += 1;
        let mut stored = record(usage);
        stored.insert("UsageReference".into(), json!(usage_reference.to_string()));
        stored.insert("SubscriptionReference".into(), json!(reference));
        stored.entry("Description").or_insert(Value::Null);
        added.push(Value::Object(stored.clone()));
        store
            .usages
            .entry(reference.clone())
            .or_default()
            .push(stored);
    }
    Ok(Value::Array(added))
}

/// `updateSubscriptionUsage(SubscriptionReference, UsageReference, {Units?, Description?})`:
/// at least one of the two must be given.
pub fn update_usage(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let usage_reference = call.required_text("UsageReference")?;
    let change = call.params.get(2).cloned().unwrap_or(Value::Null);
    let units = change.get("Units").filter(|v| !v.is_null()).cloned();
    let description = change.get("Description").filter(|v| !v.is_null()).cloned();
    if units.is_none() && description.is_none() {
        return Err(crate::validate::missing(call.method, "Units"));
    }
    if units.as_ref().and_then(as_f64).is_some_and(|u| u < 0.0) {
        return Err(invalid(call, "Units must be a number of units, 0 or more."));
    }
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    let usage = store
        .usages
        .get_mut(&reference)
        .and_then(|usages| {
            usages.iter_mut().find(|u| {
                u.get("UsageReference").and_then(as_text).as_deref() == Some(&usage_reference)
            })
        })
        .ok_or_else(|| {
            call.error(
                "INVALID_USAGE_REFERENCE",
                &format!("Subscription {reference} has no usage {usage_reference}."),
            )
        })?;
    if let Some(units) = units {
        usage.insert("Units".into(), units);
    }
    if let Some(description) = description {
        usage.insert("Description".into(), description);
    }
    Ok(Value::Object(usage.clone()))
}

/// `deleteSubscriptionUsages({SubscriptionReference, UsageReference?, OptionCode?,
/// IntervalStart?, IntervalEnd?})`: deletes the matching usages (all filters apply together;
/// the interval needs both ends) and answers `true`, or `false` when none matched.
pub fn delete_usages(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let usage_reference = call.text("UsageReference");
    let option = call.text("OptionCode");
    let (start, end) = (call.text("IntervalStart"), call.text("IntervalEnd"));
    if start.is_some() != end.is_some() {
        return Err(invalid(
            call,
            "IntervalStart and IntervalEnd must be given together.",
        ));
    }
    let mut store = call.state.write();
    subscription_mut(call, &mut store, &reference)?;
    let usages = store.usages.entry(reference).or_default();
    let before = usages.len();
    usages.retain(|usage| {
        let get = |name: &str| usage.get(name).and_then(as_text);
        let ended = moment(&get("UsageEnd").unwrap_or_default(), false);
        let matches = usage_reference
            .as_ref()
            .is_none_or(|r| get("UsageReference").as_ref() == Some(r))
            && option
                .as_ref()
                .is_none_or(|o| get("OptionCode").as_ref() == Some(o))
            && start.as_ref().is_none_or(|s| ended >= moment(s, false))
            && end.as_ref().is_none_or(|e| ended <= moment(e, true));
        !matches
    });
    Ok(Value::Bool(usages.len() < before))
}

/// `getSubscriptionUsages({SubscriptionReference, Page, Limit, IntervalStart, IntervalEnd,
/// OptionCode?, RenewalOrderReference?})`: the usages whose end falls in the interval, one
/// page of them, as `{Items, Pagination: {Page, Limit, Count}}` (the documented shape of paged
/// search results). The sandbox bills no usage, so a renewal order reference matches nothing.
pub fn get_usages(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let number = |name: &str| {
        call.arg(name)
            .and_then(as_f64)
            .map(|n| n as i64)
            .ok_or_else(|| crate::validate::missing(call.method, name))
    };
    let (page, limit) = (number("Page")?, number("Limit")?);
    if page < 1 || !(1..=MAX_USAGE_LIMIT).contains(&limit) {
        return Err(invalid(
            call,
            &format!("Page must be positive and Limit between 1 and {MAX_USAGE_LIMIT}."),
        ));
    }
    let start = moment(&call.required_text("IntervalStart")?, false);
    let end = moment(&call.required_text("IntervalEnd")?, true);
    let option = call.text("OptionCode");
    let billed = call.text("RenewalOrderReference");
    let store = call.state.read();
    if !store.subscriptions.contains_key(&reference) {
        return Err(unknown_subscription(call, &reference));
    }
    let matching: Vec<Value> = store
        .usages
        .get(&reference)
        .into_iter()
        .flatten()
        .filter(|usage| {
            let ended = moment(
                &usage.get("UsageEnd").and_then(as_text).unwrap_or_default(),
                false,
            );
            ended >= start
                && ended <= end
                && option
                    .as_ref()
                    .is_none_or(|o| usage.get("OptionCode").and_then(as_text).as_ref() == Some(o))
                && billed.is_none()
        })
        .cloned()
        .map(Value::Object)
        .collect();
    Ok(json!({
        "Items": paginate(&matching, page, limit),
        "Pagination": { "Page": page, "Limit": limit, "Count": matching.len() },
    }))
}

/// `markUsageSubscriptionToRenewNow(subscriptionReference)`: marks the subscription for an
/// early renewal; only enabled subscriptions can be marked.
pub fn mark_usage_subscription_to_renew_now(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    let enabled = subscription
        .get("SubscriptionEnabled")
        .and_then(super::as_bool)
        .unwrap_or(false);
    if enabled {
        store.renew_now.insert(reference);
    }
    Ok(Value::Bool(enabled))
}

// --- Single sign-on ---------------------------------------------------------------------------

/// A sandbox myAccount link: a deterministic token from the store's link counter, remembered
/// for the customer it logs in (`getCustomerInformationBySSOToken`).
fn sso_link(
    store: &mut crate::state::Store,
    page: Option<&str>,
    subject: &str,
    customer: Option<String>,
) -> String {
    store.sso_links += 1;
    // FNV-1a over the subject and the counter: deterministic, and different for every link.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in subject.bytes().chain(store.sso_links.to_le_bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let path = page.map_or(String::new(), |p| format!("{p}/"));
    let token = format!("{hash:016x}{:08x}", store.sso_links);
    if let Some(customer) = customer {
        store.sso_tokens.insert(token.clone(), customer);
    }
    format!("https://store.sandbox.invalid/myaccount/{path}?logintoken={token}")
}

fn check_common(
    call: &Call<'_>,
    pages: &[&str],
    page_name: &str,
) -> Result<Option<String>, RpcError> {
    if call
        .arg("validityTime")
        .and_then(as_f64)
        .is_some_and(|t| t < 1.0)
    {
        return Err(invalid(
            call,
            "validityTime must be a positive number of seconds.",
        ));
    }
    let page = call.text(page_name);
    if let Some(page) = &page
        && !pages.contains(&page.as_str())
    {
        return Err(invalid(
            call,
            &format!("{page_name} must be one of {}.", pages.join(", ")),
        ));
    }
    Ok(page)
}

/// `getSingleSignOn(subscriptionReference, email?, validityTime?, accessPage?, …)`: a myAccount
/// link for the subscription's end user; a given e-mail must be the end user's.
pub fn get_single_sign_on(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let page = check_common(call, &SUBSCRIPTION_PAGES, "accessPage")?;
    let mut store = call.state.write();
    let subscription = subscription_mut(call, &mut store, &reference)?;
    if let Some(email) = call.text("email") {
        let owner = super::field(subscription, "EndUser/Email")
            .and_then(as_text)
            .unwrap_or_default();
        if !owner.eq_ignore_ascii_case(&email) {
            return Err(invalid(
                call,
                "email does not belong to the end user of the subscription.",
            ));
        }
    }
    let customer = store
        .subscriptions
        .get(&reference)
        .and_then(|s| s.get("AvangateCustomerReference"))
        .and_then(as_text);
    Ok(Value::String(sso_link(
        &mut store,
        page.as_deref(),
        &reference,
        customer,
    )))
}

/// `getSingleSignOnByCustomer(idCustomer, customerType, page?, request?, validityTime?, …)`: a
/// myAccount link for the customer named by either of its references.
pub fn get_single_sign_on_by_customer(call: &Call<'_>) -> Result<Value, RpcError> {
    let id = call.required_text("idCustomer")?;
    let kind = call.required_text("customerType")?;
    let page = check_common(call, &CUSTOMER_PAGES, "page")?;
    let mut store = call.state.write();
    let found = match kind.as_str() {
        "ExternalCustomerReference" => store
            .customers
            .iter()
            .find(|(_, c)| {
                c.get("ExternalCustomerReference")
                    .and_then(as_text)
                    .as_deref()
                    == Some(&id)
            })
            .map(|(reference, _)| reference.clone()),
        "2CheckoutCustomerReference" | "AvangateCustomerReference" => {
            store.customers.contains_key(&id).then(|| id.clone())
        }
        _ => {
            return Err(invalid(
                call,
                "customerType must be ExternalCustomerReference or 2CheckoutCustomerReference.",
            ));
        }
    };
    let Some(customer) = found else {
        return Err(call.error(
            "INVALID_CUSTOMER_REFERENCE",
            &format!("No customer found for the {kind} {id:?}."),
        ));
    };
    Ok(Value::String(sso_link(
        &mut store,
        page.as_deref(),
        &id,
        Some(customer),
    )))
}
