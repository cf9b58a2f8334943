//! Creating and updating cross-sell campaigns, the campaigns a product triggers, and the texts
//! shown above recommendations.
//!
//! The pages document no error codes: an unknown campaign is `INVALID_CAMPAIGN_CODE` (as
//! getCrossSellCampaign answers), an unknown product `PRODUCT_NOT_FOUND`, a discount outside
//! 0-100 or a campaign without products `INVALID_CAMPAIGN`, a malformed language
//! `INVALID_PARAMETER`.

use serde_json::{Value, json};

use super::products::{generated_code, unknown_product};
use super::{Call, as_f64, as_text};
use crate::rpc::RpcError;
use crate::state::{Record, Store, merge, record};
use crate::validate::INVALID_PARAMETER;

fn campaign_arg<'c>(call: &'c Call<'_>) -> Result<&'c Record, RpcError> {
    match call.arg("Campaign") {
        Some(Value::Object(campaign)) => Ok(campaign),
        _ => Err(crate::validate::missing(call.method, "Campaign")),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(as_text).collect())
        .unwrap_or_default()
}

/// Master and recommended products exist; discounts are percentages.
fn check_campaign(call: &Call<'_>, store: &Store, campaign: &Record) -> Result<(), RpcError> {
    for code in strings(campaign.get("MasterProducts")) {
        if !store.products.contains_key(&code) {
            return Err(unknown_product(call, &code));
        }
    }
    let Some(products) = campaign.get("Products").and_then(Value::as_array) else {
        return Ok(());
    };
    if products.is_empty() {
        return Err(call.error(
            "INVALID_CAMPAIGN",
            "A cross-sell campaign recommends at least one product.",
        ));
    }
    for product in products {
        let code = product
            .get("ProductCode")
            .and_then(as_text)
            .unwrap_or_default();
        if !store.products.contains_key(&code) {
            return Err(unknown_product(call, &code));
        }
        let discount = product.get("Discount").and_then(as_f64).unwrap_or(0.0);
        if !(0.0..=100.0).contains(&discount) {
            return Err(call.error(
                "INVALID_CAMPAIGN",
                &format!("The discount on {code} is a percentage from 0 to 100, not {discount}."),
            ));
        }
    }
    Ok(())
}

/// `createCrossSellCampaign(Campaign)`: a new ACTIVE campaign of the merchant.
pub fn create_cross_sell_campaign(call: &Call<'_>) -> Result<Value, RpcError> {
    let campaign = campaign_arg(call)?;
    let mut store = call.state.write();
    check_campaign(call, &store, campaign)?;
    let name = campaign.get("Name").and_then(as_text).unwrap_or_default();
    let code = (0..)
        .map(|n| generated_code(&format!("cross-sell:{name}:{n}")))
        .find(|code| !store.cross_sell_campaigns.contains_key(code))
        .unwrap_or_default();
    let mut stored = campaign.clone();
    stored.insert("CampaignCode".into(), Value::String(code.clone()));
    stored.insert("CampaignStatus".into(), json!("ACTIVE"));
    stored.insert("CampaignOwnerType".into(), json!("MERCH"));
    store.cross_sell_campaigns.insert(code, stored.clone());
    Ok(Value::Object(stored))
}

/// `updateCrossSellCampaign(Campaign)`: the campaign named by CampaignCode takes the sent settings.
pub fn update_cross_sell_campaign(call: &Call<'_>) -> Result<Value, RpcError> {
    let changes = campaign_arg(call)?;
    let code = changes
        .get("CampaignCode")
        .and_then(as_text)
        .ok_or_else(|| crate::validate::missing(call.method, "CampaignCode"))?;
    let mut store = call.state.write();
    if !store.cross_sell_campaigns.contains_key(&code) {
        return Err(call.error(
            "INVALID_CAMPAIGN_CODE",
            &format!("No cross-sell campaign with code {code:?}."),
        ));
    }
    check_campaign(call, &store, changes)?;
    let stored = store
        .cross_sell_campaigns
        .get_mut(&code)
        .ok_or_else(|| crate::validate::missing(call.method, "CampaignCode"))?;
    merge(stored, changes);
    Ok(Value::Object(stored.clone()))
}

/// `getProductCrossSellCampaigns(ProductCode)`: the campaigns the product triggers.
pub fn get_product_cross_sell_campaigns(call: &Call<'_>) -> Result<Value, RpcError> {
    let product = call.required_text("ProductCode")?;
    let store = call.state.read();
    if !store.products.contains_key(&product) {
        return Err(unknown_product(call, &product));
    }
    let triggered: Vec<Value> = store
        .cross_sell_campaigns
        .values()
        .filter(|c| {
            strings(c.get("MasterProducts")).contains(&product)
                || c.get("ProductCode").and_then(as_text).as_deref() == Some(product.as_str())
        })
        .map(|c| Value::Object(c.clone()))
        .collect();
    Ok(Value::Array(triggered))
}

/// The texts set in the Control Panel, by language; other languages get the English ones.
fn texts(language: &str) -> Record {
    let (title, description) = match language {
        "de" => (
            "Kunden kauften auch",
            "Mit Rabatt zu Ihrer Bestellung hinzufügen",
        ),
        "fr" => (
            "Les clients ont aussi acheté",
            "Ajoutez-les à votre commande avec une remise",
        ),
        _ => (
            "Customers also bought",
            "Add them to your order at a discount",
        ),
    };
    let language = if matches!(language, "de" | "fr") {
        language
    } else {
        "en"
    };
    record(json!({ "Title": title, "Description": description, "Language": language }))
}

/// `getCrossSellTexts(LanguageCode)`.
pub fn get_cross_sell_texts(call: &Call<'_>) -> Result<Value, RpcError> {
    let language = call.required_text("LanguageCode")?.to_ascii_lowercase();
    if language.len() != 2 || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("LanguageCode {language:?} is not an ISO 639-1 two-letter code."),
        ));
    }
    Ok(Value::Object(texts(&language)))
}
