//! Upsell campaigns: creating, replacing, deleting and searching them, and how offers are shown.
//!
//! A campaign's status is worked out when it is read: `Disabled` when its `Enabled` flag is off,
//! `Expired` once its end date has passed, `Enabled` otherwise. The pages document error codes
//! for deletion only (`UPSELL_CAMPAIGN_NOT_FOUND`, `UPSELL_CAMPAIGN_CODE_EMPTY`,
//! `UPSELL_CAMPAIGN_CODE_TOO_LONG`); the sandbox answers an unknown code on update with the same
//! `UPSELL_CAMPAIGN_NOT_FOUND`, an unknown product with `PRODUCT_NOT_FOUND`, and a campaign that
//! is incomplete or inconsistent with `INVALID_UPSELL_CAMPAIGN`.

use serde_json::{Value, json};

use super::products::{generated_code, unknown_product};
use super::{Call, as_bool, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};
use crate::validate::INVALID_PARAMETER;

/// The longest campaign code: a UUID.
const MAX_CODE_LEN: usize = 36;

/// The longest campaign name the pages allow.
const MAX_NAME_LEN: usize = 500;

/// The campaigns and display type the sandbox starts with.
pub fn seed(store: &mut Store) {
    store.upsell_display_type = "overlay".into();
    let campaigns = [
        json!({
            "Name": "Basic to Pro",
            "Code": "f4b76ac3-6b2e-492f-a468-b34103876470",
            "StartDate": "2026-01-01",
            "EndDate": null,
            "DisplayForManualRenewals": true,
            "Enabled": true,
            "Discount": { "Type": "PERCENT", "Value": 15 },
            "PrimaryProduct": { "Code": "NewProdCodeAPI12345", "Quantity": 0, "PriceOptions": [] },
            "RecommendedProduct": { "Code": "NewProdCodeAPI12345_PRO", "Quantity": 1, "PriceOptions": [] },
        }),
        json!({
            "Name": "Winter bundle",
            "Code": "72937a15-1ffd-43b9-90b2-210d03dcd754",
            "StartDate": "2025-11-01",
            "EndDate": "2025-12-31",
            "DisplayForManualRenewals": false,
            "Enabled": true,
            "Discount": {
                "Type": "FIXED",
                "Values": [{ "Currency": "USD", "Amount": 5 }, { "Currency": "EUR", "Amount": 4.5 }],
                "DefaultCurrency": "USD",
            },
            "PrimaryProduct": { "Code": "my_subscription_1", "Quantity": 1, "PriceOptions": [] },
            "RecommendedProduct": { "Code": "NewProdCodeAPI12345", "Quantity": 1, "PriceOptions": [] },
        }),
        json!({
            "Name": "Paused offer",
            "Code": "0c3f2b8e-5d41-4a9e-9b1a-6f7e2d3c4b5a",
            "StartDate": null,
            "EndDate": null,
            "DisplayForManualRenewals": false,
            "Enabled": false,
            "Discount": { "Type": "PERCENT", "Value": 10 },
            "PrimaryProduct": { "Code": "NewProdCodeAPI12345", "Quantity": 2, "PriceOptions": [] },
            "RecommendedProduct": { "Code": "my_subscription_1", "Quantity": 2, "PriceOptions": [] },
        }),
    ];
    for campaign in campaigns {
        let campaign = record(campaign);
        if let Some(code) = campaign.get("Code").and_then(as_text) {
            store.upsell_campaigns.insert(code, campaign);
        }
    }
}

fn invalid(call: &Call<'_>, why: &str) -> RpcError {
    call.error("INVALID_UPSELL_CAMPAIGN", why)
}

fn campaign_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("UpsellCampaign") {
        Some(Value::Object(campaign)) => Ok(campaign),
        _ => Err(crate::validate::missing(call.method, "UpsellCampaign")),
    }
}

fn text_at(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(as_text).filter(|t| !t.is_empty())
}

/// Name, dates, products and discount make a campaign the API would accept.
fn check(call: &Call<'_>, store: &Store, campaign: &Record) -> Result<(), RpcError> {
    let name = campaign.get("Name").and_then(as_text).unwrap_or_default();
    if name.trim().is_empty() {
        return Err(invalid(call, "An upsell campaign needs a name."));
    }
    if name.chars().count() > MAX_NAME_LEN {
        return Err(invalid(
            call,
            "An upsell campaign name has at most 500 characters.",
        ));
    }
    let start = campaign.get("StartDate").and_then(as_text);
    let end = campaign.get("EndDate").and_then(as_text);
    for date in [&start, &end].into_iter().flatten() {
        if crate::time::days_between(date, date).is_none() {
            return Err(invalid(call, &format!("{date} is not a YYYY-MM-DD date.")));
        }
    }
    if let (Some(start), Some(end)) = (&start, &end)
        && crate::time::days_between(start, end).is_some_and(|days| days < 0)
    {
        return Err(invalid(
            call,
            &format!("The campaign ends ({end}) before it starts ({start})."),
        ));
    }
    for role in ["PrimaryProduct", "RecommendedProduct"] {
        let Some(product) = campaign.get(role).filter(|p| !p.is_null()) else {
            return Err(invalid(
                call,
                &format!("An upsell campaign needs a {role}."),
            ));
        };
        let code = text_at(product, "Code").unwrap_or_default();
        if !store.products.contains_key(&code) {
            return Err(unknown_product(call, &code));
        }
        let quantity = product.get("Quantity").and_then(as_f64).unwrap_or(0.0);
        if quantity < 0.0 || quantity.fract() != 0.0 {
            return Err(invalid(
                call,
                &format!("The {role} quantity is a whole number from 0, not {quantity}."),
            ));
        }
    }
    check_discount(call, campaign.get("Discount"))
}

fn check_discount(call: &Call<'_>, discount: Option<&Value>) -> Result<(), RpcError> {
    let Some(discount) = discount.filter(|d| d.is_object()) else {
        return Err(invalid(call, "An upsell campaign needs a Discount."));
    };
    let kind = text_at(discount, "Type").unwrap_or_default();
    if kind.eq_ignore_ascii_case("PERCENT") {
        let value = discount.get("Value").and_then(as_f64);
        return match value {
            Some(value) if value > 0.0 && value <= 100.0 && value.fract() == 0.0 => Ok(()),
            _ => Err(invalid(
                call,
                "A PERCENT discount needs a whole Value from 1 to 100.",
            )),
        };
    }
    if kind.eq_ignore_ascii_case("FIXED") {
        let values = discount
            .get("Values")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if values.is_empty() {
            return Err(invalid(
                call,
                "A FIXED discount needs its amount in at least one currency (Values).",
            ));
        }
        for value in &values {
            let amount = value.get("Amount").and_then(crate::money::from_value);
            if amount.is_none_or(|amount| amount <= rust_decimal::Decimal::ZERO) {
                return Err(invalid(
                    call,
                    "Each FIXED discount amount is a positive number.",
                ));
            }
        }
        let default = text_at(discount, "DefaultCurrency").unwrap_or_default();
        let listed = values
            .iter()
            .any(|v| text_at(v, "Currency").is_some_and(|c| c.eq_ignore_ascii_case(&default)));
        if !listed {
            return Err(invalid(
                call,
                &format!("The default currency {default:?} has no amount in Values."),
            ));
        }
        return Ok(());
    }
    Err(invalid(
        call,
        &format!("The discount type is FIXED or PERCENT, not {kind:?}."),
    ))
}

/// A UUID-shaped code made from the campaign's name, unique in the store.
fn new_code(store: &Store, name: &str) -> String {
    (0..)
        .map(|n| {
            let a = generated_code(&format!("upsell:{name}:{n}:a")).to_lowercase();
            let b = generated_code(&format!("upsell:{name}:{n}:b")).to_lowercase();
            let c = generated_code(&format!("upsell:{name}:{n}:c")).to_lowercase();
            format!(
                "{}-{}-4{}-a{}-{}{}",
                &a[..8],
                &a[8..],
                &b[..3],
                &b[3..6],
                &b[6..],
                &c
            )
        })
        .find(|code| !store.upsell_campaigns.contains_key(code))
        .unwrap_or_default()
}

/// `Enabled`, `Disabled` or `Expired`, as the search filter names them.
fn status(campaign: &Record, today: &str) -> &'static str {
    if !campaign.get("Enabled").and_then(as_bool).unwrap_or(true) {
        return "Disabled";
    }
    match campaign.get("EndDate").and_then(as_text) {
        Some(end) if crate::time::days_between(today, &end).is_some_and(|d| d < 0) => "Expired",
        _ => "Enabled",
    }
}

/// `createUpSellCampaign(UpsellCampaign)`: stores the campaign under a new code, enabled unless
/// it says otherwise.
pub fn create_up_sell_campaign(call: &Call<'_>) -> Result<Value, RpcError> {
    let campaign = campaign_arg(call)?;
    let mut store = call.state.write();
    check(call, &store, campaign)?;
    let name = campaign.get("Name").and_then(as_text).unwrap_or_default();
    let code = new_code(&store, &name);
    let mut stored = campaign.clone();
    stored.insert("Code".into(), Value::String(code.clone()));
    if stored.get("Enabled").is_none_or(Value::is_null) {
        stored.insert("Enabled".into(), Value::Bool(true));
    }
    store.upsell_campaigns.insert(code, stored.clone());
    Ok(Value::Object(stored))
}

/// `updateUpSellCampaign(Code, UpsellCampaign)`: replaces the campaign's settings (the code
/// stays).
pub fn update_up_sell_campaign(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("Code")?;
    let campaign = campaign_arg(call)?;
    let mut store = call.state.write();
    let Some(existing) = store.upsell_campaigns.get(&code) else {
        return Err(not_found(call, &code));
    };
    let enabled = existing.get("Enabled").cloned();
    check(call, &store, campaign)?;
    let mut stored = campaign.clone();
    stored.insert("Code".into(), Value::String(code.clone()));
    if stored.get("Enabled").is_none_or(Value::is_null) {
        stored.insert("Enabled".into(), enabled.unwrap_or(Value::Bool(true)));
    }
    store.upsell_campaigns.insert(code, stored.clone());
    Ok(Value::Object(stored))
}

fn not_found(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "UPSELL_CAMPAIGN_NOT_FOUND",
        &format!("Upsell campaign with code {code} was not found."),
    )
}

/// `deleteUpsellCampaign(upSellCampaignCode)`: removes the campaign, whatever its status.
pub fn delete_upsell_campaign(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.text("upSellCampaignCode").unwrap_or_default();
    let code = code.trim();
    if code.is_empty() {
        return Err(call.error("UPSELL_CAMPAIGN_CODE_EMPTY", "Code is not set"));
    }
    if code.chars().count() > MAX_CODE_LEN {
        return Err(call.error(
            "UPSELL_CAMPAIGN_CODE_TOO_LONG",
            "Code is longer than a campaign code can be.",
        ));
    }
    match call.state.write().upsell_campaigns.remove(code) {
        Some(_) => Ok(Value::Bool(true)),
        None => Err(not_found(call, code)),
    }
}

/// `updateDisplayType(UpsellingDisplayType)`: `overlay` or `interstitial`, in any case; answers
/// the value now set.
pub fn update_display_type(call: &Call<'_>) -> Result<Value, RpcError> {
    let value = call.required_text("UpsellingDisplayType")?;
    let known = ["overlay", "interstitial"]
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(value.trim()));
    let Some(known) = known else {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("The upsell display type is overlay or interstitial, not {value:?}."),
        ));
    };
    call.state.write().upsell_display_type = known.to_string();
    Ok(Value::String(known.to_string()))
}

/// The codes in a filter that is an array of codes (or one code).
fn codes(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

fn in_codes(filter: &[String], code: Option<String>) -> bool {
    filter.is_empty()
        || code.is_some_and(|code| filter.iter().any(|f| f.eq_ignore_ascii_case(&code)))
}

/// Whether `date` (absent: unbounded) lies on the right side of `bound`.
fn date_after(date: Option<&String>, bound: Option<&String>, after: bool) -> bool {
    let (Some(bound), Some(date)) = (bound, date) else {
        return bound.is_none();
    };
    crate::time::days_between(bound, date)
        .is_some_and(|days| if after { days > 0 } else { days < 0 })
}

/// `searchUpsellCampaigns(SearchOptions)`: every documented filter, then the page; answers
/// `{Page, Limit, Upsells, UpsellsCount}`.
pub fn search_upsell_campaigns(call: &Call<'_>) -> Result<Value, RpcError> {
    let name = call.text("Name").map(|n| n.to_lowercase());
    let primary = codes(call.arg("PrimaryProductCodes"));
    let recommended = codes(call.arg("RecommendedProductCodes"));
    let statuses = codes(call.arg("Statuses"));
    let campaign_codes = codes(call.arg("CampaignCodes"));
    let renewals = call.arg("EnabledForRenewals").and_then(as_bool);
    let bound = |key: &str| call.text(key);
    let (starts_after, starts_before) = (bound("StartsAfter"), bound("StartsBefore"));
    let (ends_after, ends_before) = (bound("EndsAfter"), bound("EndsBefore"));
    let page = call.arg("Page").and_then(as_f64).map_or(1, |n| n as i64);
    let limit = call.arg("Limit").and_then(as_f64).map_or(10, |n| n as i64);
    if page < 1 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            "Page and Limit start at 1.",
        ));
    }
    let today = crate::time::today();
    let store = call.state.read();
    let found: Vec<Value> = store
        .upsell_campaigns
        .values()
        .filter(|c| {
            name.as_ref().is_none_or(|name| {
                c.get("Name")
                    .and_then(as_text)
                    .is_some_and(|n| n.to_lowercase().contains(name))
            })
        })
        .filter(|c| {
            in_codes(
                &primary,
                c.get("PrimaryProduct").and_then(|p| text_at(p, "Code")),
            )
        })
        .filter(|c| {
            in_codes(
                &recommended,
                c.get("RecommendedProduct").and_then(|p| text_at(p, "Code")),
            )
        })
        .filter(|c| in_codes(&statuses, Some(status(c, &today).to_string())))
        .filter(|c| in_codes(&campaign_codes, c.get("Code").and_then(as_text)))
        .filter(|c| {
            renewals.is_none_or(|wanted| {
                c.get("DisplayForManualRenewals").and_then(as_bool) == Some(wanted)
            })
        })
        .filter(|c| {
            let start = c.get("StartDate").and_then(as_text);
            let end = c.get("EndDate").and_then(as_text);
            date_after(start.as_ref(), starts_after.as_ref(), true)
                && date_after(start.as_ref(), starts_before.as_ref(), false)
                && date_after(end.as_ref(), ends_after.as_ref(), true)
                && date_after(end.as_ref(), ends_before.as_ref(), false)
        })
        .map(|c| Value::Object(c.clone()))
        .collect();
    Ok(json!({
        "Page": page,
        "Limit": limit,
        "Upsells": paginate(&found, page, limit),
        "UpsellsCount": found.len(),
    }))
}
