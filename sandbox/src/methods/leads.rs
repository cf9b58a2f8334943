//! Leads: carts left before payment, recorded, read back, replaced and searched.
//!
//! The pages document no error codes for leads. The sandbox answers an unknown lead code with
//! `LEAD_NOT_FOUND`, a lead whose cart cannot be read (no items, an item without a code or a
//! quantity below one, a currency that is not three letters) with `INVALID_LEAD`, and a bad page
//! with `INVALID_PARAMETER`. Item codes are kept as sent, without a catalog check: the
//! published sample records a product code (`04C26C50F8`) that is not in the sandbox catalog,
//! and a lead keeps what the shopper left in the cart.
//!
//! Each lead has a type (`New` until it is followed up); the sandbox keeps it beside the record,
//! since the documented lead object has no key for it.

use serde_json::{Value, json};

use super::products::generated_code;
use super::{Call, as_bool, as_f64, as_text, field, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};
use crate::validate::INVALID_PARAMETER;

/// The leads the sandbox starts with; the first one is the lead of the documentation's samples.
pub fn seed(store: &mut Store) {
    let leads = [
        (
            "New",
            json!({
                "LeadCode": "60E6C4B574",
                "GeneratedFrom": "API",
                "CartId": "CartIdValue",
                "Currency": "EUR",
                "Language": "BG",
                "ExternalReference": "REST_API_3CHECKOUT",
                "MachineId": "123asd",
                "LocalTime": "2019-11-05 16:48:28",
                "Items": [item("04C26C50F8", "softy", 2)],
                "BillingDetails": billing("RO", "customer@example.com"),
                "DeliveryDetails": billing("RO", "customer@example.com"),
                "DeliveryInformation": null,
                "PaymentDetails": null,
                "Promotions": [],
            }),
        ),
        (
            "Used",
            json!({
                "LeadCode": "7A1D0C3E22",
                "GeneratedFrom": "API",
                "CartId": "cart-2",
                "Currency": "USD",
                "Language": "EN",
                "ExternalReference": "lead-2",
                "MachineId": "m-2",
                "LocalTime": "2026-02-10 09:15:00",
                "Items": [item("NewProdCodeAPI12345", "Product created via API", 1)],
                "BillingDetails": billing("US", "buyer@example.com"),
                "DeliveryDetails": billing("US", "buyer@example.com"),
                "DeliveryInformation": null,
                "PaymentDetails": null,
                "Promotions": [],
            }),
        ),
        (
            "New",
            json!({
                "LeadCode": "B3F9E01A45",
                "GeneratedFrom": "API",
                "CartId": "cart-3",
                "Currency": "EUR",
                "Language": "BG",
                "ExternalReference": "lead-3",
                "MachineId": "m-3",
                "LocalTime": "2026-03-01 18:40:12",
                "Items": [item("my_subscription_1", "My subscription", 3)],
                "BillingDetails": billing("RO", "client@example.com"),
                "DeliveryDetails": billing("RO", "client@example.com"),
                "DeliveryInformation": null,
                "PaymentDetails": null,
                "Promotions": [],
            }),
        ),
    ];
    for (kind, lead) in leads {
        let lead = record(lead);
        if let Some(code) = lead.get("LeadCode").and_then(as_text) {
            store.lead_types.insert(code.clone(), kind.to_string());
            store.leads.insert(code, lead);
        }
    }
}

fn item(code: &str, name: &str, quantity: i64) -> Value {
    json!({
        "Code": code,
        "Quantity": quantity,
        "SKU": null,
        "Name": name,
        "Description": null,
        "IsDynamic": false,
        "Tangible": false,
        "PurchaseType": "PRODUCT",
        "PriceOptions": [],
    })
}

fn billing(country: &str, email: &str) -> Value {
    json!({
        "FirstName": "Jane",
        "LastName": "Doe",
        "Email": email,
        "Address1": "Street 1",
        "City": "City",
        "Zip": "000000",
        "CountryCode": country,
    })
}

fn invalid(call: &Call<'_>, why: &str) -> RpcError {
    call.error("INVALID_LEAD", why)
}

fn not_found(call: &Call<'_>, code: &str) -> RpcError {
    call.error("LEAD_NOT_FOUND", &format!("No lead found for code {code}."))
}

fn lead_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("Lead") {
        Some(Value::Object(lead)) => Ok(lead),
        _ => Err(crate::validate::missing(call.method, "Lead")),
    }
}

/// The items of a lead, whether sent as a list or keyed by position.
fn items(lead: &Record) -> Vec<Value> {
    match lead.get("Items") {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Object(keyed)) => keyed.values().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The cart can be read: items with a code (or a dynamic product's name) and a quantity of at
/// least one, and a three-letter currency when one is given.
fn check(call: &Call<'_>, lead: &Record) -> Result<(), RpcError> {
    let items = items(lead);
    if items.is_empty() {
        return Err(invalid(call, "A lead holds at least one item."));
    }
    for (index, item) in items.iter().enumerate() {
        let dynamic = item.get("IsDynamic").and_then(as_bool).unwrap_or(false);
        let named = |key: &str| {
            item.get(key)
                .and_then(as_text)
                .is_some_and(|t| !t.trim().is_empty())
        };
        if !(named("Code") || (dynamic && named("Name"))) {
            return Err(invalid(
                call,
                &format!("Item {index} has no product code (or, for a dynamic product, no name)."),
            ));
        }
        if let Some(quantity) = item.get("Quantity").and_then(as_f64)
            && (quantity < 1.0 || quantity.fract() != 0.0)
        {
            return Err(invalid(
                call,
                &format!("Item {index} has quantity {quantity}; quantities are whole, from 1."),
            ));
        }
    }
    if let Some(currency) = lead.get("Currency").and_then(as_text)
        && !is_code(&currency, 3)
    {
        return Err(invalid(
            call,
            &format!("{currency:?} is not a three-letter currency code."),
        ));
    }
    Ok(())
}

fn is_code(text: &str, len: usize) -> bool {
    text.len() == len && text.chars().all(|c| c.is_ascii_alphabetic())
}

/// `addLead(Lead)`: records the lead under a new code, as made through the API, type `New`.
pub fn add_lead(call: &Call<'_>) -> Result<Value, RpcError> {
    let lead = lead_arg(call)?;
    check(call, lead)?;
    let mut store = call.state.write();
    let cart = lead.get("CartId").and_then(as_text).unwrap_or_default();
    let code = (0..)
        .map(|n| generated_code(&format!("lead:{cart}:{}:{n}", store.leads.len())))
        .find(|code| !store.leads.contains_key(code))
        .unwrap_or_default();
    let mut stored = lead.clone();
    stored.insert("LeadCode".into(), Value::String(code.clone()));
    stored.insert("GeneratedFrom".into(), json!("API"));
    if stored.get("LocalTime").is_none_or(Value::is_null) {
        stored.insert(
            "LocalTime".into(),
            json!(crate::time::login_date(crate::time::now())),
        );
    }
    store.lead_types.insert(code.clone(), "New".into());
    store.leads.insert(code, stored.clone());
    Ok(Value::Object(stored))
}

/// `getLead(LeadCode)`: the lead as last recorded.
pub fn get_lead(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("LeadCode")?;
    let store = call.state.read();
    store
        .leads
        .get(code.trim())
        .map(|lead| Value::Object(lead.clone()))
        .ok_or_else(|| not_found(call, &code))
}

/// `updateLead(Lead)`: replaces every value of the lead its `LeadCode` names (the code, where it
/// came from and its type stay).
pub fn update_lead(call: &Call<'_>) -> Result<Value, RpcError> {
    let lead = lead_arg(call)?;
    let Some(code) = lead
        .get("LeadCode")
        .and_then(as_text)
        .filter(|c| !c.trim().is_empty())
    else {
        return Err(crate::validate::missing(call.method, "LeadCode"));
    };
    if lead.get("Currency").is_none_or(Value::is_null) {
        return Err(crate::validate::missing(call.method, "Currency"));
    }
    check(call, lead)?;
    let mut store = call.state.write();
    let Some(existing) = store.leads.get(&code) else {
        return Err(not_found(call, &code));
    };
    let mut stored = lead.clone();
    for key in ["GeneratedFrom", "LocalTime"] {
        if stored.get(key).is_none_or(Value::is_null)
            && let Some(value) = existing.get(key)
        {
            stored.insert(key.into(), value.clone());
        }
    }
    store.leads.insert(code, stored.clone());
    Ok(Value::Object(stored))
}

/// Codes from a filter that is one code or a list of codes.
fn codes(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The lead's billing country: `CountryCode`, or `Country` as older samples send it.
fn country(lead: &Record) -> Option<String> {
    field(lead, "BillingDetails/CountryCode")
        .or_else(|| field(lead, "BillingDetails/Country"))
        .and_then(as_text)
}

/// `searchLeads(LeadSearchInput)`: filters, then the page; answers `{Items, Pagination}`.
pub fn search_leads(call: &Call<'_>) -> Result<Value, RpcError> {
    let page = call.arg("Page").and_then(as_f64).map_or(1, |n| n as i64);
    let limit = call.arg("Limit").and_then(as_f64).map_or(10, |n| n as i64);
    if page < 1 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("Page and Limit start at 1 (got page {page}, limit {limit})."),
        ));
    }
    let lead_codes = codes(call.arg("LeadCode"));
    let product_codes = codes(call.arg("ProductCode"));
    let email = call.text("Email");
    let kind = call.text("Type");
    let language = call.text("Language");
    let country_filter = call.text("Country");
    let generated = call.text("GeneratedFrom");
    let start = call.text("StartDate");
    let end = call.text("EndDate");
    let same = |wanted: &Option<String>, value: Option<String>| {
        wanted
            .as_ref()
            .is_none_or(|w| value.is_some_and(|v| v.eq_ignore_ascii_case(w)))
    };
    let store = call.state.read();
    let found: Vec<Value> = store
        .leads
        .iter()
        .filter(|(code, _)| {
            lead_codes.is_empty() || lead_codes.iter().any(|c| c.eq_ignore_ascii_case(code))
        })
        .filter(|(code, _)| same(&kind, store.lead_types.get(*code).cloned()))
        .map(|(_, lead)| lead)
        .filter(|lead| {
            same(
                &email,
                field(lead, "BillingDetails/Email").and_then(as_text),
            )
        })
        .filter(|lead| same(&language, lead.get("Language").and_then(as_text)))
        .filter(|lead| same(&country_filter, country(lead)))
        .filter(|lead| same(&generated, lead.get("GeneratedFrom").and_then(as_text)))
        .filter(|lead| {
            product_codes.is_empty()
                || items(lead).iter().any(|item| {
                    item.get("Code")
                        .and_then(as_text)
                        .is_some_and(|c| product_codes.iter().any(|p| p.eq_ignore_ascii_case(&c)))
                })
        })
        .filter(|lead| {
            let made = lead.get("LocalTime").and_then(as_text);
            let within = |bound: &Option<String>, after: bool| {
                let Some(bound) = bound else { return true };
                let Some(made) = &made else { return false };
                crate::time::days_between(bound, made)
                    .is_some_and(|days| if after { days >= 0 } else { days <= 0 })
            };
            within(&start, true) && within(&end, false)
        })
        .map(|lead| Value::Object(lead.clone()))
        .collect();
    Ok(json!({
        "Items": paginate(&found, page, limit),
        "Pagination": { "Page": page, "Limit": limit, "Count": found.len() },
    }))
}
