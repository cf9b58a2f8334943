//! Account-level methods: the myAccount language, orders and customers.

use serde_json::Value;

use super::Call;
use crate::rpc::RpcError;

/// `setLanguageForMyAccount(isoLang)`: remembers the ISO 639-1 code for later single sign-on.
pub fn set_language_for_my_account(call: &Call<'_>) -> Result<Value, RpcError> {
    let language = call.required_text("isoLang")?;
    if language.len() != 2 || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(call.error(
            crate::validate::INVALID_PARAMETER,
            &format!("isoLang must be an ISO 639-1 two-letter code, got {language:?}."),
        ));
    }
    call.state.write().my_account_language = Some(language.to_ascii_lowercase());
    Ok(Value::Bool(true))
}

/// `getOrder(refNo)`.
pub fn get_order(call: &Call<'_>) -> Result<Value, RpcError> {
    let ref_no = call.required_text("refNo")?;
    let store = call.state.read();
    store
        .orders
        .get(&ref_no)
        .map(|o| Value::Object(o.clone()))
        .ok_or_else(|| call.error("INVALID_REFERENCE", "Invalid order reference."))
}

/// `getCustomerInformation(AvangateCustomerReference)`.
pub fn get_customer_information(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("AvangateCustomerReference")?;
    let store = call.state.read();
    store
        .customers
        .get(&reference)
        .map(|c| Value::Object(c.clone()))
        .ok_or_else(|| {
            call.error(
                "INVALID_CUSTOMER_REFERENCE",
                &format!("No customer with reference {reference}."),
            )
        })
}
