//! Channel Manager partners, resellers and the reseller attached to an order.

use serde_json::Value;

use super::{Call, as_text, page_and_limit, paginate};
use crate::rpc::RpcError;
use crate::state::{Record, Store, merge};

/// `getPartnerByCode(partnerCode)`.
pub fn get_partner_by_code(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.required_text("partnerCode")?;
    let store = call.state.read();
    store
        .partners
        .get(&code)
        .map(|p| Value::Object(p.clone()))
        .ok_or_else(|| unknown_partner(call, &code))
}

/// `updateReseller(Reseller)`: merges the sent fields into the partner's reseller.
pub fn update_reseller(call: &Call<'_>) -> Result<Value, RpcError> {
    let changes = reseller_arg(call)?;
    let code = call.required_text("ResellerCode")?;
    let partner = call.partner();
    let mut store = call.state.write();
    if let Some(partner) = &partner {
        known_partner(call, &store, partner)?;
    }
    let reseller = store
        .resellers
        .get_mut(&code)
        .filter(|r| partner.as_ref().is_none_or(|p| belongs_to(r, p)))
        .ok_or_else(|| unknown_reseller(call, &code))?;
    let mut changes = changes.clone();
    // A reseller stays with its partner.
    changes.remove("PartnerCode");
    merge(reseller, &changes);
    Ok(Value::Bool(true))
}

/// `createReseller(Reseller)` for the session's partner; returns the reseller code.
pub fn create_reseller(call: &Call<'_>) -> Result<Value, RpcError> {
    let reseller = reseller_arg(call)?;
    let Some(partner) = call.partner() else {
        return Err(call.error(
            "NOT_FOUND_PARTNER",
            "No partner set before invoking the method.",
        ));
    };
    let filled = |name: &str| {
        reseller
            .get(name)
            .and_then(as_text)
            .is_some_and(|v| !v.trim().is_empty())
    };
    for (field, code, meaning) in [
        (
            "FirstName",
            "EMPTY_RESELLER_FIRST_NAME",
            "Reseller first name not provided.",
        ),
        (
            "LastName",
            "EMPTY_RESELLER_LAST_NAME",
            "Reseller last name not provided.",
        ),
        (
            "Company",
            "EMPTY_RESELLER_COMPANY",
            "Reseller company not provided.",
        ),
    ] {
        if !filled(field) {
            return Err(call.error(code, meaning));
        }
    }
    let email = reseller
        .get("Email")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !looks_like_email(email) {
        return Err(call.error("INVALID_RESELLER_EMAIL", "Invalid reseller e-mail."));
    }
    let country = reseller
        .get("Country")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(call.error("INVALID_COUNTRY", "Invalid reseller country."));
    }
    let mut store = call.state.write();
    let code = match reseller
        .get("ResellerCode")
        .and_then(as_text)
        .filter(|c| !c.is_empty())
    {
        Some(code) if store.resellers.contains_key(&code) => {
            return Err(call.error(
                "INTERNAL_ERROR",
                &format!("Reseller code {code} is already used."),
            ));
        }
        Some(code) => code,
        None => loop {
            let code = format!("{:010X}", fastrand::u64(..) & 0xFF_FFFF_FFFF);
            if !store.resellers.contains_key(&code) {
                break code;
            }
        },
    };
    let mut record = reseller.clone();
    record.insert("ResellerCode".into(), Value::String(code.clone()));
    record.insert("PartnerCode".into(), Value::String(partner));
    store.resellers.insert(code.clone(), record);
    Ok(Value::String(code))
}

/// `getPartnerResellers({PartnerCode, SearchBy})`: one page of the partner's resellers.
pub fn get_partner_resellers(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = call.required_text("PartnerCode")?;
    let store = call.state.read();
    known_partner(call, &store, &partner)?;
    let resellers: Vec<Value> = store
        .resellers
        .values()
        .filter(|r| belongs_to(r, &partner))
        .map(|r| Value::Object(r.clone()))
        .collect();
    let (page, limit) = page_and_limit(call.arg("SearchBy"));
    Ok(Value::Array(paginate(&resellers, page, limit)))
}

/// `getOrderReseller(refNo)`.
pub fn get_order_reseller(call: &Call<'_>) -> Result<Value, RpcError> {
    let ref_no = order_reference(call)?;
    let store = call.state.read();
    partner_order(call, &store, &ref_no, "INVALID_REFERENCE")?;
    store
        .order_resellers
        .get(&ref_no)
        .map(|r| Value::Object(r.clone()))
        .ok_or_else(|| {
            call.error(
                "INVALID_SUBSCRIPTION_REFERENCE",
                "No reseller defined for this order reference.",
            )
        })
}

/// `setOrderReseller(refNo, resellerCode)`: attaches the reseller as it is now.
pub fn set_order_reseller(call: &Call<'_>) -> Result<Value, RpcError> {
    let ref_no = order_reference(call)?;
    let code = call
        .text("resellerCode")
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| unknown_reseller(call, ""))?;
    let mut store = call.state.write();
    partner_order(call, &store, &ref_no, "INVALID_REFERENCE")?;
    let reseller = partner_reseller(call, &store, &code)?;
    store.order_resellers.insert(ref_no, reseller);
    Ok(Value::Bool(true))
}

/// `updateOrderReseller({PartnerCode, ResellerCode, OrderRefNo})`: returns the attached reseller.
pub fn update_order_reseller(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = call.required_text("PartnerCode")?;
    let code = call.required_text("ResellerCode")?;
    let ref_no = call.required_text("OrderRefNo")?;
    let mut store = call.state.write();
    known_partner(call, &store, &partner)?;
    let order_ok = store
        .orders
        .get(&ref_no)
        .is_some_and(|order| belongs_to(order, &partner));
    if !order_ok {
        return Err(call.error("INVALID_ID_SALE", "Invalid order reference."));
    }
    let reseller = partner_reseller(call, &store, &code)?;
    store.order_resellers.insert(ref_no, reseller.clone());
    Ok(Value::Object(reseller))
}

fn reseller_arg<'a>(call: &'a Call<'_>) -> Result<&'a Record, RpcError> {
    match call.arg("Reseller") {
        Some(Value::Object(reseller)) => Ok(reseller),
        _ => Err(crate::validate::missing(call.method, "Reseller")),
    }
}

fn order_reference(call: &Call<'_>) -> Result<String, RpcError> {
    match call.text("refNo") {
        Some(ref_no) if !ref_no.trim().is_empty() => Ok(ref_no),
        _ => Err(call.error("EMPTY_ORDER_REFERENCE", "Order reference not provided.")),
    }
}

/// The order `ref_no` when it exists and belongs to the call's partner.
fn partner_order<'s>(
    call: &Call<'_>,
    store: &'s Store,
    ref_no: &str,
    code: &str,
) -> Result<&'s Record, RpcError> {
    let partner = call.partner();
    store
        .orders
        .get(ref_no)
        .filter(|order| partner.as_ref().is_none_or(|p| belongs_to(order, p)))
        .ok_or_else(|| call.error(code, "Invalid order reference."))
}

/// The reseller `code` when it exists and belongs to the call's partner.
fn partner_reseller(call: &Call<'_>, store: &Store, code: &str) -> Result<Record, RpcError> {
    let partner = call.partner();
    store
        .resellers
        .get(code)
        .filter(|r| partner.as_ref().is_none_or(|p| belongs_to(r, p)))
        .cloned()
        .ok_or_else(|| unknown_reseller(call, code))
}

fn known_partner(call: &Call<'_>, store: &Store, partner: &str) -> Result<(), RpcError> {
    if store.partners.contains_key(partner) {
        Ok(())
    } else {
        Err(unknown_partner(call, partner))
    }
}

fn belongs_to(record: &Record, partner: &str) -> bool {
    record.get("PartnerCode").and_then(Value::as_str) == Some(partner)
}

fn unknown_partner(call: &Call<'_>, partner: &str) -> RpcError {
    call.error(
        "INVALID_PARTNER",
        &format!("No active partner with code {partner:?}."),
    )
}

fn unknown_reseller(call: &Call<'_>, code: &str) -> RpcError {
    call.error(
        "INVALID_PARTNER_RESELLER_CODE",
        &format!("No partner reseller found for the specified code {code:?}."),
    )
}

fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        }
        None => false,
    }
}
