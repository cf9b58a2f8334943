//! What each method does in the sandbox, once the envelope, session and params have been checked.
//!
//! Handlers find their inputs by the documented names ([`Call::arg`]), whether the spec models
//! them as positional params or as fields of one object param, so they keep working when a
//! spec file changes how a method's params are laid out.

mod account;
mod additional_fields;
mod catalog;
mod cross_sell;
mod customers;
mod extras;
mod lifecycle;
mod orders;
mod partner;
mod partner_subscription;
mod pricing;
mod product_groups;
mod products;
mod promotions;
mod skus;

pub use additional_fields::seed as additional_field_seed;
pub use promotions::seed as promotion_seed;
pub use skus::seed as sku_seed;
mod proposal;
mod subscription;
mod upgrade;

use serde_json::Value;
use twocheckout_codegen::model::Method;

use crate::rpc::RpcError;
use crate::sessions::SessionInfo;
use crate::state::State;

/// The sandbox behaviour of one method.
pub type Handler = fn(&Call<'_>) -> Result<Value, RpcError>;

/// The behaviour of `wire_name`, if the sandbox has one (`login` and `setPartner` are handled
/// by the server itself, since they touch the session).
pub fn handler(wire_name: &str) -> Option<Handler> {
    let handler: Handler = match wire_name {
        "setLanguageForMyAccount" => account::set_language_for_my_account,
        "getOrder" => orders::get_order,
        "placeOrder" => orders::place_order,
        "searchOrders" => orders::search_orders,
        "issueRefund" => orders::issue_refund,
        "getInvoices" => orders::get_invoices,
        "getShippingPrice" => orders::get_shipping_price,
        "createCustomer" => customers::create_customer,
        "getCustomerInformation" => customers::get_customer_information,
        "updateCustomerInformation" => customers::update_customer_information,
        "searchCustomers" => customers::search_customers,
        "getCustomerInformationBySSOToken" => customers::get_customer_information_by_sso_token,
        "setSubscriptionCustomer" => customers::set_subscription_customer,
        "getProductByCode" => catalog::get_product_by_code,
        "getCrossSellCampaign" => catalog::get_cross_sell_campaign,
        "updateProduct" => catalog::update_product,
        "addProduct" => products::add_product,
        "searchProducts" => products::search_products,
        "setProductStatus" => products::set_product_status,
        "setProductUpgradeSchema" => products::set_product_upgrade_schema,
        "addProductGroup" => product_groups::add_product_group,
        "getProductGroup" => product_groups::get_product_group,
        "getProductGroups" => product_groups::get_product_groups,
        "updateProductGroup" => product_groups::update_product_group,
        "addPricingConfiguration" => pricing::add_pricing_configuration,
        "updatePricingConfiguration" => pricing::update_pricing_configuration,
        "getPricingConfigurations" => pricing::get_pricing_configurations,
        "getPricingConfigurationByCode" => pricing::get_pricing_configuration_by_code,
        "getPricingConfigurationByName" => pricing::get_pricing_configuration_by_name,
        "searchPriceOptionGroups" => pricing::search_price_option_groups,
        "updatePriceOptionGroup" => pricing::update_price_option_group,
        "getAdditionalFields" => additional_fields::get_additional_fields,
        "getAdditionalField" => additional_fields::get_additional_field,
        "addAdditionalField" => additional_fields::add_additional_field,
        "updateAdditionalField" => additional_fields::update_additional_field,
        "assignAdditionalField" => additional_fields::assign_additional_field,
        "unassignAdditionalField" => additional_fields::unassign_additional_field,
        "getSKUDetails" => skus::get_sku_details,
        "getSKUCodeByDetails" => skus::get_sku_code_by_details,
        "getSchema" => skus::get_schema,
        "searchSku" => skus::search_sku,
        "addPromotion" => promotions::add_promotion,
        "updatePromotion" => promotions::update_promotion,
        "getPromotion" => promotions::get_promotion,
        "searchPromotions" => promotions::search_promotions,
        "addPromotionCoupon" => promotions::add_promotion_coupon,
        "updatePromotionCoupon" => promotions::update_promotion_coupon,
        "deletePromotionCoupon" => promotions::delete_promotion_coupon,
        "addPromotionProducts" => promotions::add_promotion_products,
        "deletePromotionProducts" => promotions::delete_promotion_products,
        "addPromotionSources" => promotions::add_promotion_sources,
        "deletePromotionSources" => promotions::delete_promotion_sources,
        "addPromotionTranslations" => promotions::add_promotion_translations,
        "deletePromotionTranslations" => promotions::delete_promotion_translations,
        "addPriceOptionGroup" => catalog::add_price_option_group,
        "getPriceOptionGroup" => catalog::get_price_option_group,
        "searchCrossSellCampaigns" => catalog::search_cross_sell_campaigns,
        "getInstallments" => catalog::get_installments,
        "createCrossSellCampaign" => cross_sell::create_cross_sell_campaign,
        "updateCrossSellCampaign" => cross_sell::update_cross_sell_campaign,
        "getProductCrossSellCampaigns" => cross_sell::get_product_cross_sell_campaigns,
        "getCrossSellTexts" => cross_sell::get_cross_sell_texts,
        "updateReseller" => partner::update_reseller,
        "createReseller" => partner::create_reseller,
        "getPartnerResellers" => partner::get_partner_resellers,
        "getOrderReseller" => partner::get_order_reseller,
        "setOrderReseller" => partner::set_order_reseller,
        "updateOrderReseller" => partner::update_order_reseller,
        "getPartnerByCode" => partner::get_partner_by_code,
        "searchSubscriptions" => subscription::search_subscriptions,
        "getSubscription" => subscription::get_subscription,
        "getSubscriptions" => subscription::get_subscriptions,
        "getRenewalDetails" => subscription::get_renewal_details,
        "cancelSubscription" => subscription::cancel_subscription,
        "setRenewalNotificationStatus" => subscription::set_renewal_notification_status,
        "getCustomerSubscriptions" => subscription::get_customer_subscriptions,
        "enableSubscription" => lifecycle::enable_subscription,
        "addSubscription" => lifecycle::add_subscription,
        "updateSubscription" => lifecycle::update_subscription,
        "enableRecurringBilling" => lifecycle::enable_recurring_billing,
        "disableRecurringBilling" => lifecycle::disable_recurring_billing,
        "renewSubscription" => lifecycle::renew_subscription,
        "setCustomRenewalPrice" => lifecycle::set_custom_renewal_price,
        "getNextRenewalPrice" => lifecycle::get_next_renewal_price,
        "setRenewalPause" => lifecycle::set_renewal_pause,
        "getRenewalPause" => lifecycle::get_renewal_pause,
        "cancelRenewalPause" => lifecycle::cancel_renewal_pause,
        "getSubscriptionHistory" => lifecycle::get_subscription_history,
        "extendSubscription" => lifecycle::extend_subscription,
        "getSubscriptionPaymentInformation" => lifecycle::get_subscription_payment_information,
        "updateSubscriptionPaymentInformation" => {
            lifecycle::update_subscription_payment_information
        }
        "copyPaymentInfo" => lifecycle::copy_payment_info,
        "setSubscriptionGracePeriod" => lifecycle::set_subscription_grace_period,
        "convertTrial" => lifecycle::convert_trial,
        "getProductUpgradeOptions" => lifecycle::get_product_upgrade_options,
        "addSubscriptionAdditionalInformationField" => extras::add_field,
        "getSubscriptionAdditionalInformationField" => extras::get_field,
        "getSubscriptionAdditionalInformation" => extras::get_fields,
        "updateSubscriptionAdditionalInformationField" => extras::update_field,
        "deleteSubscriptionAdditionalInformationField" => extras::delete_field,
        "addSubscriptionUsage" => extras::add_usage,
        "updateSubscriptionUsage" => extras::update_usage,
        "deleteSubscriptionUsages" => extras::delete_usages,
        "getSubscriptionUsages" => extras::get_usages,
        "markUsageSubscriptionToRenewNow" => extras::mark_usage_subscription_to_renew_now,
        "getSingleSignOn" => extras::get_single_sign_on,
        "getSingleSignOnByCustomer" => extras::get_single_sign_on_by_customer,
        "getProductUpgradeOptionsPrice" => upgrade::get_product_upgrade_options_price,
        "setSubscriptionUpgrade" => upgrade::set_subscription_upgrade,
        "performAction" => proposal::perform_action,
        "getProposalById" => proposal::get_proposal_by_id,
        "getPartnerSubscriptionsUpgradePrice" => partner_subscription::upgrade_price,
        "upgradePartnerSubscriptions" => partner_subscription::upgrade,
        "getPartnerSubscriptionsRenewalPrice" => partner_subscription::renewal_price,
        "renewPartnerSubscriptions" => partner_subscription::renew,
        _ => return None,
    };
    Some(handler)
}

/// One validated call.
pub struct Call<'a> {
    /// The spec's method.
    pub method: &'a Method,
    /// Params after the session id (already validated against the spec).
    pub params: &'a [Value],
    /// The caller's session.
    pub session: SessionInfo,
    /// The records.
    pub state: &'a State,
}

impl Call<'_> {
    /// The value documented as `name` (case-insensitive): a positional param of that name, else a
    /// field of that name in one of the object params. `null` counts as absent.
    pub fn arg(&self, name: &str) -> Option<&Value> {
        let positional = self
            .method
            .params
            .iter()
            .position(|p| p.wire_name.eq_ignore_ascii_case(name))
            .and_then(|index| self.params.get(index));
        let found = positional.or_else(|| {
            self.params.iter().find_map(|param| match param {
                Value::Object(fields) => fields
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v),
                _ => None,
            })
        });
        found.filter(|value| !value.is_null())
    }

    /// The argument as text: strings as they are, numbers and booleans written out (the API
    /// sends identifiers either way).
    pub fn text(&self, name: &str) -> Option<String> {
        self.arg(name).and_then(as_text)
    }

    /// Like [`Call::text`], but absent or empty is the method's "missing parameter" error.
    pub fn required_text(&self, name: &str) -> Result<String, RpcError> {
        match self.text(name) {
            Some(text) if !text.trim().is_empty() => Ok(text),
            _ => Err(crate::validate::missing(self.method, name)),
        }
    }

    /// A documented error of this method: the spec's meaning when it documents `code`, else
    /// `fallback`.
    pub fn error(&self, code: &str, fallback: &str) -> RpcError {
        let meaning = self
            .method
            .errors
            .iter()
            .find(|e| e.code == code)
            .map_or(fallback, |e| e.meaning.as_str());
        RpcError::business(code, meaning)
    }

    /// The partner this call acts for: the session's (`setPartner`) or the `PartnerCode` argument.
    pub fn partner(&self) -> Option<String> {
        self.session
            .partner
            .clone()
            .or_else(|| self.text("PartnerCode"))
    }
}

/// A scalar as text (`"731522351"` for both `731522351` and `"731522351"`).
pub fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A number that is not money (a quantity, a page, a number of seconds), read leniently (number
/// or numeric string). Amounts are read with [`crate::money::from_value`].
pub fn as_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(text) => text.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    }
}

/// A boolean read leniently (`true`, `"true"`, `1`, `"1"`).
pub fn as_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(text) => match text.to_ascii_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The value at `path` (`EndUser/Email`) inside a record.
pub fn field<'a>(record: &'a crate::state::Record, path: &str) -> Option<&'a Value> {
    let mut segments = path.split('/');
    let first = record.get(segments.next()?)?;
    segments.try_fold(first, |value, segment| value.get(segment))
}

/// One page of `items`: `page` is 1-based; out-of-range pages are empty.
pub fn paginate<T: Clone>(items: &[T], page: i64, limit: i64) -> Vec<T> {
    let (Ok(page), Ok(limit)) = (
        usize::try_from(page.max(1) - 1),
        usize::try_from(limit.max(0)),
    ) else {
        return Vec::new();
    };
    items
        .iter()
        .skip(page.saturating_mul(limit))
        .take(limit)
        .cloned()
        .collect()
}

/// `Page` / `Limit` from a pagination object, with the documented defaults 1 and 10.
pub fn page_and_limit(pagination: Option<&Value>) -> (i64, i64) {
    let field = |name: &str| {
        pagination
            .and_then(|p| p.get(name))
            .and_then(as_f64)
            .map(|n| n as i64)
    };
    (field("Page").unwrap_or(1), field("Limit").unwrap_or(10))
}
