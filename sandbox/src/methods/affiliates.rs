//! The merchant's affiliates: looked up by code and searched.
//!
//! The affiliates overview says a code that is not an affiliate of the merchant gets an
//! "invalid request" error, without naming a code: the sandbox answers `INVALID_REQUEST`. A page
//! or page size outside 1-9999 is `INVALID_PARAMETER`. Which countries an affiliate sells into
//! and its type are search filters only (the affiliate object has no key for them); the sandbox
//! keeps them in [`PROFILES`].

use serde_json::{Value, json};

use super::{Call, as_f64, as_text, field, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};
use crate::validate::INVALID_PARAMETER;

/// Affiliate code, countries it sells into, type.
const PROFILES: [(&str, &[&str], &str); 4] = [
    ("964CF2AF42", &["US", "CA"], "REGULAR"),
    ("E4B69882C2", &["RO", "BG"], "REGULAR"),
    ("E8A1DB473C", &["US"], "COUPON"),
    ("79396127BA", &["DE"], "REGULAR"),
];

/// The affiliates the sandbox starts with (codes from the documentation's sample).
pub fn seed(store: &mut Store) {
    let affiliates = [
        affiliate(
            "964CF2AF42",
            "ACTIVE",
            "Affiliate 1",
            "https://affiliate1.example",
            "2025-03-10",
            ("Ana", "Pop", "US"),
        ),
        affiliate(
            "E4B69882C2",
            "ACTIVE",
            "Deals Romania",
            "https://deals.example",
            "2025-06-21",
            ("Ion", "Ionescu", "RO"),
        ),
        affiliate(
            "E8A1DB473C",
            "ACTIVE",
            "Coupon Corner",
            "https://coupons.example",
            "2026-01-05",
            ("Mary", "Smith", "US"),
        ),
        affiliate(
            "79396127BA",
            "DISABLED",
            "Old Reviews",
            "https://reviews.example",
            "2024-11-30",
            ("Hans", "Meyer", "DE"),
        ),
    ];
    for affiliate in affiliates {
        if let Some(code) = affiliate.get("AffiliateCode").and_then(as_text) {
            store.affiliates.insert(code, affiliate);
        }
    }
}

fn affiliate(
    code: &str,
    status: &str,
    name: &str,
    website: &str,
    requested: &str,
    (first, last, country): (&str, &str, &str),
) -> Record {
    record(json!({
        "AffiliateCode": code,
        "Status": status,
        "AffiliateName": name,
        "Website": website,
        "CommissionList": [{ "ListName": "default", "CommissionRate": "25%" }],
        "RequestDate": requested,
        "Categories": ["Software"],
        "NotifyUpdates": true,
        "TCSStatus": "ACCEPTED",
        "AffiliateContact": {
            "FirstName": first,
            "LastName": last,
            "Phone": "0000000000",
            "Email": format!("{}@example.com", first.to_lowercase()),
            "Country": country,
        },
    }))
}

fn profile(code: &str) -> Option<(&'static [&'static str], &'static str)> {
    PROFILES
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, countries, kind)| (*countries, *kind))
}

/// `getAffiliate(AffiliateCode)`: an affiliate of the merchant.
pub fn get_affiliate(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("AffiliateCode")?;
    let store = call.state.read();
    store
        .affiliates
        .get(code.trim())
        .map(|a| Value::Object(a.clone()))
        .ok_or_else(|| {
            call.error(
                "INVALID_REQUEST",
                &format!("{code} is not an affiliate of this merchant."),
            )
        })
}

fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

fn any_of(filter: &[String], values: &[String]) -> bool {
    filter.is_empty()
        || values
            .iter()
            .any(|v| filter.iter().any(|f| f.eq_ignore_ascii_case(v)))
}

/// A page number or size: absent, or a whole number from 1 to 9999.
fn bounded(call: &Call<'_>, name: &str, default: i64) -> Result<i64, RpcError> {
    match call
        .arg(name)
        .map(|v| as_f64(v).filter(|n| n.fract() == 0.0))
    {
        None => Ok(default),
        Some(Some(n)) if (1.0..=9999.0).contains(&n) => Ok(n as i64),
        Some(_) => Err(RpcError::business(
            INVALID_PARAMETER,
            format!("{name} is a whole number from 1 to 9999."),
        )),
    }
}

/// `searchAffiliates(SearchOptions)`: every documented filter, then the page (10 by default).
pub fn search_affiliates(call: &Call<'_>) -> Result<Value, RpcError> {
    let page = bounded(call, "Page", 1)?;
    let limit = bounded(call, "Limit", 10)?;
    let code = call.text("AffiliateCode");
    let status = call.text("Status");
    let name = call.text("Name").map(|n| n.to_lowercase());
    let start = call.text("RequestDateStart");
    let end = call.text("RequestDateEnd");
    let countries = texts(call.arg("Country"));
    let targets = texts(call.arg("TargetCountry"));
    let lists = texts(call.arg("CommissionList"));
    let kinds = texts(call.arg("Type"));
    let store = call.state.read();
    let found: Vec<Value> = store
        .affiliates
        .values()
        .filter(|a| {
            let this = a.get("AffiliateCode").and_then(as_text).unwrap_or_default();
            let (sells_into, kind) = profile(&this).unwrap_or((&[], ""));
            let sells_into: Vec<String> = sells_into.iter().map(|c| (*c).to_string()).collect();
            let text = |key: &str| a.get(key).and_then(as_text);
            let requested = text("RequestDate");
            let list_names: Vec<String> = a
                .get("CommissionList")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(|e| e.get("ListName").and_then(as_text))
                        .collect()
                })
                .unwrap_or_default();
            let date_ok = |bound: &Option<String>, after: bool| {
                bound.as_ref().is_none_or(|bound| {
                    requested.as_ref().is_some_and(|r| {
                        crate::time::days_between(bound, r)
                            .is_some_and(|d| if after { d >= 0 } else { d <= 0 })
                    })
                })
            };
            code.as_ref().is_none_or(|c| c.eq_ignore_ascii_case(&this))
                && status
                    .as_ref()
                    .is_none_or(|s| text("Status").is_some_and(|t| t.eq_ignore_ascii_case(s)))
                && name.as_ref().is_none_or(|n| {
                    text("AffiliateName").is_some_and(|t| t.to_lowercase().contains(n))
                })
                && date_ok(&start, true)
                && date_ok(&end, false)
                && any_of(
                    &countries,
                    &field(a, "AffiliateContact/Country")
                        .and_then(as_text)
                        .into_iter()
                        .collect::<Vec<_>>(),
                )
                && any_of(&targets, &sells_into)
                && any_of(&lists, &list_names)
                && any_of(&kinds, &[kind.to_string()])
        })
        .map(|a| Value::Object(a.clone()))
        .collect();
    Ok(Value::Array(paginate(&found, page, limit)))
}
