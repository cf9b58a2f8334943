//! Customers: create, read (also by single sign-on token), update, search, and moving a
//! subscription to another customer.

use serde_json::{Value, json};

use super::{Call, as_bool, as_text, page_and_limit, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, merge};

/// New customers get references from here on, in order.
const FIRST_NEW_REFERENCE: i64 = 300_000_000;

/// The end-user fields `UpdateEndUserSubscriptions` copies from the customer.
const END_USER_FIELDS: [&str; 13] = [
    "FirstName",
    "LastName",
    "Company",
    "Email",
    "Phone",
    "Fax",
    "Address1",
    "Address2",
    "City",
    "State",
    "Zip",
    "CountryCode",
    "Language",
];

/// Stores a new customer under the next free reference and answers the reference.
pub fn insert_customer(store: &mut Store, mut customer: Record) -> String {
    let mut reference = FIRST_NEW_REFERENCE + store.customers.len() as i64;
    while store.customers.contains_key(&reference.to_string()) {
        reference += 1;
    }
    customer.insert("AvangateCustomerReference".into(), json!(reference));
    store.customers.insert(reference.to_string(), customer);
    reference.to_string()
}

fn unknown_customer(call: &Call<'_>, why: &str) -> RpcError {
    call.error("INVALID_CUSTOMER_REFERENCE", why)
}

fn invalid(call: &Call<'_>, why: &str) -> RpcError {
    call.error(crate::validate::INVALID_PARAMETER, why)
}

/// Refuses an e-mail without `@` and a country that is not two letters.
fn check_fields(call: &Call<'_>, customer: &Value) -> Result<(), RpcError> {
    if let Some(email) = customer.get("Email").and_then(as_text)
        && !email.contains('@')
    {
        return Err(invalid(
            call,
            &format!("Email {email:?} is not an e-mail address."),
        ));
    }
    if let Some(country) = customer.get("CountryCode").and_then(as_text)
        && (country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return Err(invalid(
            call,
            &format!("CountryCode must be an ISO 3166 two-letter code, got {country:?}."),
        ));
    }
    Ok(())
}

fn external_of(customer: &Record) -> Option<String> {
    customer
        .get("ExternalCustomerReference")
        .and_then(as_text)
        .filter(|t| !t.is_empty())
}

/// `createCustomer(Customer)`: the new customer's reference. Your reference must be new.
pub fn create_customer(call: &Call<'_>) -> Result<Value, RpcError> {
    let customer = call
        .arg("Customer")
        .cloned()
        .ok_or_else(|| crate::validate::missing(call.method, "Customer"))?;
    check_fields(call, &customer)?;
    let mut record = customer.as_object().cloned().unwrap_or_default();
    let mut store = call.state.write();
    if let Some(external) = external_of(&record)
        && store
            .customers
            .values()
            .any(|c| external_of(c).as_deref() == Some(external.as_str()))
    {
        return Err(invalid(
            call,
            &format!("A customer with ExternalCustomerReference {external:?} already exists."),
        ));
    }
    record.entry("Enabled").or_insert(json!(false));
    record.entry("Trial").or_insert(json!(false));
    record.entry("ExistingCards").or_insert(json!([]));
    let reference = insert_customer(&mut store, record);
    Ok(json!(reference.parse::<i64>().unwrap_or_default()))
}

/// The customer as answered: stored cards only when asked for.
fn answer(store: &Store, reference: &str, customer: &Record, cards: bool, tokens: bool) -> Value {
    let mut customer = customer.clone();
    let existing: Vec<Value> = if cards {
        store
            .subscriptions
            .iter()
            .filter(|(_, s)| {
                s.get("AvangateCustomerReference")
                    .and_then(as_text)
                    .as_deref()
                    == Some(reference)
            })
            .filter_map(|(sub, _)| store.payment_information.get(sub))
            .filter_map(|p| p.get("PaymentMethod"))
            .enumerate()
            .map(|(n, method)| {
                let token = tokens.then(|| {
                    json!({ "Token": format!("{reference}{n:04}{}", method
                        .get("LastDigits")
                        .and_then(as_text)
                        .unwrap_or_default()) })
                });
                json!({
                    "TransientToken": token,
                    "CardType": method.get("CardType").cloned().unwrap_or(Value::Null),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    customer.insert("ExistingCards".into(), Value::Array(existing));
    Value::Object(customer)
}

/// `getCustomerInformation(CustomerReference, ExternalCustomerReference?, IncludePaymentData?)`.
pub fn get_customer_information(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("CustomerReference")?;
    let store = call.state.read();
    let customer = store.customers.get(&reference).ok_or_else(|| {
        unknown_customer(call, &format!("No customer with reference {reference}."))
    })?;
    if let Some(external) = call.text("ExternalCustomerReference")
        && external_of(customer).as_deref() != Some(external.as_str())
    {
        return Err(unknown_customer(
            call,
            &format!("ExternalCustomerReference {external:?} is not customer {reference}'s."),
        ));
    }
    let cards = call
        .arg("IncludePaymentData")
        .and_then(as_bool)
        .unwrap_or(false);
    Ok(answer(&store, &reference, customer, cards, false))
}

/// `updateCustomerInformation(Customer, UpdateEndUserSubscriptions?)`: merges the fields sent
/// onto the customer named by `AvangateCustomerReference` (or, without one, by
/// `ExternalCustomerReference`); optionally onto its subscriptions' end users too.
pub fn update_customer_information(call: &Call<'_>) -> Result<Value, RpcError> {
    let customer = call
        .arg("Customer")
        .cloned()
        .ok_or_else(|| crate::validate::missing(call.method, "Customer"))?;
    check_fields(call, &customer)?;
    let changes = customer.as_object().cloned().unwrap_or_default();
    let mut store = call.state.write();
    let reference = match changes.get("AvangateCustomerReference").and_then(as_text) {
        Some(reference) => reference,
        None => {
            let external = external_of(&changes).ok_or_else(|| {
                crate::validate::missing(call.method, "Customer.AvangateCustomerReference")
            })?;
            store
                .customers
                .iter()
                .find(|(_, c)| external_of(c).as_deref() == Some(external.as_str()))
                .map(|(r, _)| r.clone())
                .ok_or_else(|| {
                    unknown_customer(call, &format!("No customer with reference {external:?}."))
                })?
        }
    };
    let stored = store.customers.get_mut(&reference).ok_or_else(|| {
        unknown_customer(call, &format!("No customer with reference {reference}."))
    })?;
    let mut changes = changes;
    // The reference and the derived flags are the system's, not the caller's.
    for key in [
        "AvangateCustomerReference",
        "Enabled",
        "Trial",
        "ExistingCards",
    ] {
        changes.remove(key);
    }
    merge(stored, &changes);
    let updated = stored.clone();
    if call
        .arg("UpdateEndUserSubscriptions")
        .and_then(as_bool)
        .unwrap_or(false)
    {
        for subscription in store.subscriptions.values_mut().filter(|s| {
            s.get("AvangateCustomerReference")
                .and_then(as_text)
                .as_deref()
                == Some(reference.as_str())
        }) {
            if let Some(Value::Object(end_user)) = subscription.get_mut("EndUser") {
                for name in END_USER_FIELDS {
                    if let Some(value) = updated.get(name) {
                        end_user.insert(name.into(), value.clone());
                    }
                }
            }
        }
    }
    Ok(Value::Bool(true))
}

/// `searchCustomers(SearchOptions?)`: strict matches (e-mail without regard to case), by
/// reference, one page with the total count.
pub fn search_customers(call: &Call<'_>) -> Result<Value, RpcError> {
    let options = call.arg("SearchOptions").cloned().unwrap_or(Value::Null);
    let wanted = |name: &str| options.get(name).and_then(as_text);
    let status = wanted("Status").map(|s| s.to_ascii_uppercase());
    if let Some(status) = &status
        && status != "ACTIVE"
        && status != "INACTIVE"
    {
        return Err(invalid(call, "Status must be ACTIVE or INACTIVE."));
    }
    let trial = options.get("Trial").and_then(as_bool);
    let store = call.state.read();
    let found: Vec<Value> = store
        .customers
        .iter()
        .filter(|(_, c)| {
            let get = |name: &str| c.get(name).and_then(as_text).unwrap_or_default();
            let exact = |name: &str| wanted(name).is_none_or(|w| get(name) == w);
            wanted("Email").is_none_or(|w| get("Email").eq_ignore_ascii_case(&w))
                && exact("Phone")
                && wanted("CountryCode").is_none_or(|w| get("CountryCode").eq_ignore_ascii_case(&w))
                && wanted("Language").is_none_or(|w| get("Language").eq_ignore_ascii_case(&w))
                && trial.is_none_or(|t| c.get("Trial").and_then(as_bool).unwrap_or(false) == t)
                && status.as_ref().is_none_or(|s| {
                    let enabled = c.get("Enabled").and_then(as_bool).unwrap_or(false);
                    enabled == (s == "ACTIVE")
                })
        })
        .map(|(reference, c)| answer(&store, reference, c, false, false))
        .collect();
    let (page, limit) = page_and_limit(options.get("Pagination"));
    let limit = limit.clamp(1, 200);
    Ok(json!({
        "Items": paginate(&found, page, limit),
        "Pagination": { "Page": page.max(1), "Limit": limit, "Count": found.len() },
    }))
}

/// `getCustomerInformationBySSOToken(singleSignOnToken)`: the customer a single sign-on link
/// was made for, with transient tokens for its stored cards.
pub fn get_customer_information_by_sso_token(call: &Call<'_>) -> Result<Value, RpcError> {
    let token = call.required_text("singleSignOnToken")?;
    let store = call.state.read();
    let reference = store.sso_tokens.get(&token).cloned().ok_or_else(|| {
        call.error(
            "INVALID_SSO_TOKEN",
            &format!("No single sign-on link carries the token {token:?}."),
        )
    })?;
    let customer = store.customers.get(&reference).ok_or_else(|| {
        unknown_customer(call, &format!("No customer with reference {reference}."))
    })?;
    Ok(answer(&store, &reference, customer, true, true))
}

/// `setSubscriptionCustomer(subscriptionReference, avangateCustomerReference,
/// externalCustomerReference?)`.
pub fn set_subscription_customer(call: &Call<'_>) -> Result<Value, RpcError> {
    let subscription = call.required_text("subscriptionReference")?;
    let reference = call.required_text("avangateCustomerReference")?;
    let mut store = call.state.write();
    let customer = store.customers.get(&reference).ok_or_else(|| {
        unknown_customer(call, &format!("No customer with reference {reference}."))
    })?;
    let external = external_of(customer);
    if let Some(given) = call.text("externalCustomerReference")
        && external.as_deref() != Some(given.as_str())
    {
        return Err(unknown_customer(
            call,
            &format!("externalCustomerReference {given:?} is not customer {reference}'s."),
        ));
    }
    let target = store
        .subscriptions
        .get_mut(&subscription)
        .ok_or_else(|| super::lifecycle::unknown_subscription(call, &subscription))?;
    target.insert(
        "AvangateCustomerReference".into(),
        json!(reference.parse::<i64>().unwrap_or_default()),
    );
    target.insert(
        "ExternalCustomerReference".into(),
        external.map_or(Value::Null, Value::String),
    );
    Ok(Value::Bool(true))
}
