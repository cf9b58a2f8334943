//! The merchant account: the pending balance, past payouts and the countries it sells to.
//!
//! `getPendingPayout` adds up the orders in the sandbox (every order counts as part of the
//! current payout period), per order currency and by source: the merchant's store, orders that
//! name an affiliate, and channel partner orders. The documented table is cut after the
//! per-source totals, so the sandbox answers those and nothing it would have to make up (no
//! converted total: `TotalCurrency` is checked, not applied). The pages document no error codes;
//! a currency or language code of the wrong form is `INVALID_PARAMETER`.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Call, as_text, paginate};
use crate::money::{from_value, to_value};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};
use crate::validate::INVALID_PARAMETER;

/// The payouts the sandbox starts with, oldest first.
pub fn seed(store: &mut Store) {
    let payouts = [
        (
            "2018-05-03",
            "PAID",
            "USD",
            "WIRE",
            "1520.40",
            &["FBV8570"][..],
        ),
        (
            "2018-05-17",
            "PAID",
            "USD",
            "WIRE",
            "980.00",
            &["FBV8571", "FBV8572"][..],
        ),
        (
            "2018-05-24",
            "CANCELED",
            "USD",
            "PAYPAL",
            "75.25",
            &["FBV8573"][..],
        ),
        (
            "2018-05-31",
            "PARTIALLY_PAID",
            "EUR",
            "WIRE",
            "410.10",
            &["FBV8574"][..],
        ),
        (
            "2018-06-14",
            "PAID",
            "USD",
            "WIRE",
            "2210.99",
            &["FBV8575"][..],
        ),
    ];
    for (n, (date, status, currency, method, amount, invoices)) in payouts.into_iter().enumerate() {
        store.payouts.push(record(json!({
            "Reference": format!("PAY{:05}", n + 1),
            "Status": status,
            "Currency": currency,
            "PaymentType": method,
            "TransferCompletionDate": date,
            "Amount": crate::money::literal(amount),
            "Invoices": invoices,
        })));
    }
}

fn currency_code(call: &Call<'_>, name: &str) -> Result<Option<String>, RpcError> {
    match call.text(name) {
        None => Ok(None),
        Some(code) if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) => {
            Ok(Some(code.to_ascii_uppercase()))
        }
        Some(code) => Err(RpcError::business(
            INVALID_PARAMETER,
            format!("{name} is a three-letter ISO currency code, not {code:?}."),
        )),
    }
}

/// Running totals of one currency, by order source.
#[derive(Default)]
struct Totals {
    estore: Decimal,
    affiliates: Decimal,
    partner: Decimal,
}

fn has_affiliate(order: &Record) -> bool {
    order.get("Affiliate").is_some_and(|a| {
        ["AffiliateCode", "AffiliateId"]
            .iter()
            .any(|key| a.get(key).and_then(as_text).is_some_and(|t| !t.is_empty()))
    })
}

/// `getPendingPayout(inputParameters)`: sales per order currency and source.
pub fn get_pending_payout(call: &Call<'_>) -> Result<Value, RpcError> {
    let only = currency_code(call, "Currency")?;
    currency_code(call, "TotalCurrency")?;
    let store = call.state.read();
    let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
    for order in store.orders.values() {
        let Some(currency) = order.get("Currency").and_then(as_text) else {
            continue;
        };
        let amount = order
            .get("GrossPrice")
            .and_then(from_value)
            .unwrap_or_default();
        let entry = totals.entry(currency.to_ascii_uppercase()).or_default();
        if has_affiliate(order) {
            entry.affiliates += amount;
        } else {
            entry.estore += amount;
        }
    }
    for order in store.partner_orders.values() {
        let Some(currency) = order.get("Currency").and_then(as_text) else {
            continue;
        };
        let amount = order
            .get("TotalAmount")
            .and_then(from_value)
            .unwrap_or_default();
        totals
            .entry(currency.to_ascii_uppercase())
            .or_default()
            .partner += amount;
    }
    let currencies: Vec<Value> = totals
        .into_iter()
        .filter(|(currency, _)| only.as_ref().is_none_or(|o| o == currency))
        .map(|(currency, t)| {
            json!({
                "Currency": currency,
                "OrdersTotal": {
                    "estore": to_value(t.estore),
                    "affiliates": to_value(t.affiliates),
                    "partner": to_value(t.partner),
                    "total": to_value(t.estore + t.affiliates + t.partner),
                },
            })
        })
        .collect();
    Ok(json!({ "Currencies": currencies }))
}

fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// `searchPayouts(SearchOptions)`: filters, the `TransferCompletionDate` order, then the page;
/// answers `{Items, Pagination: {Page, Limit, Count}}`.
pub fn search_payouts(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.text("Reference");
    let statuses = texts(call.arg("Status"));
    let currency = currency_code(call, "Currency")?;
    let method = call.text("PaymentType");
    let start = call.text("StartDate");
    let end = call.text("EndDate");
    let (page, limit) = super::page_and_limit(call.arg("Pagination"));
    if page < 1 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            "Pagination.Page and Pagination.Limit start at 1.",
        ));
    }
    let mut descending = false;
    if let Some(Value::Array(keys)) = call.arg("OrderBy") {
        for key in keys {
            let field = key.get("Field").and_then(as_text).unwrap_or_default();
            if !field.eq_ignore_ascii_case("TransferCompletionDate") {
                return Err(RpcError::business(
                    INVALID_PARAMETER,
                    format!("Payouts are ordered by TransferCompletionDate only, not {field:?}."),
                ));
            }
            let direction = key.get("Direction").and_then(as_text).unwrap_or_default();
            descending = match direction.to_ascii_uppercase().as_str() {
                "ASC" => false,
                "DESC" => true,
                _ => {
                    return Err(RpcError::business(
                        INVALID_PARAMETER,
                        format!("The order direction is ASC or DESC, not {direction:?}."),
                    ));
                }
            };
        }
    }
    let store = call.state.read();
    let text = |p: &Record, key: &str| p.get(key).and_then(as_text);
    let mut found: Vec<&Record> = store
        .payouts
        .iter()
        .filter(|p| {
            reference.as_ref().is_none_or(|r| {
                texts(p.get("Invoices"))
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(r))
            })
        })
        .filter(|p| {
            statuses.is_empty()
                || text(p, "Status")
                    .is_some_and(|s| statuses.iter().any(|w| w.eq_ignore_ascii_case(&s)))
        })
        .filter(|p| {
            currency
                .as_ref()
                .is_none_or(|c| text(p, "Currency").is_some_and(|t| t.eq_ignore_ascii_case(c)))
        })
        .filter(|p| {
            method
                .as_ref()
                .is_none_or(|m| text(p, "PaymentType").is_some_and(|t| t.eq_ignore_ascii_case(m)))
        })
        .filter(|p| {
            let date = text(p, "TransferCompletionDate").unwrap_or_default();
            let within = |bound: &Option<String>, after: bool| {
                bound.as_ref().is_none_or(|b| {
                    crate::time::days_between(b, &date)
                        .is_some_and(|d| if after { d >= 0 } else { d <= 0 })
                })
            };
            within(&start, true) && within(&end, false)
        })
        .collect();
    found.sort_by_key(|p| text(p, "TransferCompletionDate").unwrap_or_default());
    if descending {
        found.reverse();
    }
    let found: Vec<Value> = found
        .into_iter()
        .map(|p| Value::Object(p.clone()))
        .collect();
    Ok(json!({
        "Items": paginate(&found, page, limit),
        "Pagination": { "Page": page, "Limit": limit, "Count": found.len() },
    }))
}

/// Country code and its name in English, Dutch, German, French and Romanian.
const COUNTRIES: [(&str, [&str; 5]); 8] = [
    (
        "BG",
        ["Bulgaria", "Bulgarije", "Bulgarien", "Bulgarie", "Bulgaria"],
    ),
    ("CA", ["Canada", "Canada", "Kanada", "Canada", "Canada"]),
    (
        "DE",
        [
            "Germany",
            "Duitsland",
            "Deutschland",
            "Allemagne",
            "Germania",
        ],
    ),
    (
        "FR",
        ["France", "Frankrijk", "Frankreich", "France", "Franța"],
    ),
    (
        "NL",
        [
            "Netherlands",
            "Nederland",
            "Niederlande",
            "Pays-Bas",
            "Țările de Jos",
        ],
    ),
    (
        "RO",
        ["Romania", "Roemenië", "Rumänien", "Roumanie", "România"],
    ),
    (
        "GB",
        [
            "United Kingdom",
            "Verenigd Koninkrijk",
            "Vereinigtes Königreich",
            "Royaume-Uni",
            "Regatul Unit",
        ],
    ),
    (
        "US",
        [
            "United States",
            "Verenigde Staten",
            "Vereinigte Staaten",
            "États-Unis",
            "Statele Unite",
        ],
    ),
];

/// Languages [`COUNTRIES`] has names in, in column order.
const NAME_LANGUAGES: [&str; 5] = ["en", "nl", "de", "fr", "ro"];

/// `getAvailableCountries(language)`: `[{Code, Name}]`, names in the language asked for, in
/// English when it is absent, empty or one the sandbox has no names in.
pub fn get_available_countries(call: &Call<'_>) -> Result<Value, RpcError> {
    let language = call.text("language").unwrap_or_default();
    let language = language.trim();
    let two_letters = language.len() == 2 && language.chars().all(|c| c.is_ascii_alphabetic());
    if !(language.is_empty() || two_letters) {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("language is an ISO 639-1 two-letter code, not {language:?}."),
        ));
    }
    let column = NAME_LANGUAGES
        .iter()
        .position(|l| l.eq_ignore_ascii_case(language))
        .unwrap_or(0);
    Ok(Value::Array(
        COUNTRIES
            .iter()
            .map(|(code, names)| json!({ "Code": code, "Name": names[column] }))
            .collect(),
    ))
}
