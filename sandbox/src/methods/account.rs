//! Account-level methods: the myAccount language.

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
