//! What each method does in the sandbox, once the envelope, session and params have been checked.
//!
//! Handlers find their inputs by the documented names ([`Call::arg`]), whether the spec models
//! them as positional params or as fields of one object param, so they keep working when a
//! spec file changes how a method's params are laid out.

mod account;
mod additional_fields;
mod affiliates;
mod catalog;
mod channel;
mod cross_sell;
mod customers;
mod extras;
mod leads;
mod lifecycle;
mod orders;
mod partner;
mod partner_subscription;
mod payouts;
mod pricing;
mod product_groups;
mod products;
mod promotions;
mod skus;

pub use additional_fields::seed as additional_field_seed;
pub use promotions::seed as promotion_seed;
pub use skus::seed as sku_seed;
mod proposal;
mod proposal_search;
mod subscription;
mod upgrade;
mod upsell;

/// Seeds the upsell campaigns, leads, affiliates and payouts.
pub fn marketing_seed(store: &mut crate::state::Store) {
    upsell::seed(store);
    leads::seed(store);
    affiliates::seed(store);
    payouts::seed(store);
}

use serde_json::Value;
use twocheckout_codegen::model::{Method, Spec};

use crate::app::Endpoint;

use crate::rpc::RpcError;
use crate::sessions::SessionInfo;
use crate::state::State;

/// The sandbox behaviour of one method.
pub type Handler = fn(&Call<'_>) -> Result<Value, RpcError>;

/// The behaviour of `wire_name` on `endpoint`, if the sandbox has one (`login` and `setPartner`
/// are handled by the server itself, since they touch the session). A wire name the spec repeats
/// in another API family (Channel Manager 2.1 `addProduct`, the merchant `addProduct`) has one
/// arm per endpoint; the others are the same everywhere they are served.
pub fn handler(endpoint: Endpoint, wire_name: &str) -> Option<Handler> {
    let handler: Handler = match (endpoint, wire_name) {
        // The Channel Manager 2.1 cart, not the merchant catalog's addProduct.
        (Endpoint::Cm21, "addProduct") => channel::add_product,
        (Endpoint::Cm21, "deleteProduct") => channel::delete_product,
        (Endpoint::Cm21, "clearProducts") => channel::clear_products,
        (Endpoint::Cm21, "setComment") => channel::set_comment,
        // Orders the session's cart; the merchant placeOrder takes an Order.
        (Endpoint::Cm21, "placeOrder") => channel::place_order,
        (Endpoint::Cm21, "getPromotions") => channel::get_promotions,
        (_, "setLanguageForMyAccount") => account::set_language_for_my_account,
        (_, "getOrder") => orders::get_order,
        (_, "placeOrder") => orders::place_order,
        (_, "searchOrders") => orders::search_orders,
        (_, "issueRefund") => orders::issue_refund,
        (_, "getInvoices") => orders::get_invoices,
        (_, "getShippingPrice") => orders::get_shipping_price,
        (_, "createCustomer") => customers::create_customer,
        (_, "getCustomerInformation") => customers::get_customer_information,
        (_, "updateCustomerInformation") => customers::update_customer_information,
        (_, "searchCustomers") => customers::search_customers,
        (_, "getCustomerInformationBySSOToken") => customers::get_customer_information_by_sso_token,
        (_, "setSubscriptionCustomer") => customers::set_subscription_customer,
        (_, "getProductByCode") => catalog::get_product_by_code,
        (_, "getCrossSellCampaign") => catalog::get_cross_sell_campaign,
        (_, "updateProduct") => catalog::update_product,
        (_, "addProduct") => products::add_product,
        (_, "searchProducts") => products::search_products,
        (_, "setProductStatus") => products::set_product_status,
        (_, "setProductUpgradeSchema") => products::set_product_upgrade_schema,
        (_, "addProductGroup") => product_groups::add_product_group,
        (_, "getProductGroup") => product_groups::get_product_group,
        (_, "getProductGroups") => product_groups::get_product_groups,
        (_, "updateProductGroup") => product_groups::update_product_group,
        (_, "addPricingConfiguration") => pricing::add_pricing_configuration,
        (_, "updatePricingConfiguration") => pricing::update_pricing_configuration,
        (_, "getPricingConfigurations") => pricing::get_pricing_configurations,
        (_, "getPricingConfigurationByCode") => pricing::get_pricing_configuration_by_code,
        (_, "getPricingConfigurationByName") => pricing::get_pricing_configuration_by_name,
        (_, "searchPriceOptionGroups") => pricing::search_price_option_groups,
        (_, "updatePriceOptionGroup") => pricing::update_price_option_group,
        (_, "getAdditionalFields") => additional_fields::get_additional_fields,
        (_, "getAdditionalField") => additional_fields::get_additional_field,
        (_, "addAdditionalField") => additional_fields::add_additional_field,
        (_, "updateAdditionalField") => additional_fields::update_additional_field,
        (_, "assignAdditionalField") => additional_fields::assign_additional_field,
        (_, "unassignAdditionalField") => additional_fields::unassign_additional_field,
        (_, "getSKUDetails") => skus::get_sku_details,
        (_, "getSKUCodeByDetails") => skus::get_sku_code_by_details,
        (_, "getSchema") => skus::get_schema,
        (_, "searchSku") => skus::search_sku,
        (_, "addPromotion") => promotions::add_promotion,
        (_, "updatePromotion") => promotions::update_promotion,
        (_, "getPromotion") => promotions::get_promotion,
        (_, "searchPromotions") => promotions::search_promotions,
        (_, "addPromotionCoupon") => promotions::add_promotion_coupon,
        (_, "updatePromotionCoupon") => promotions::update_promotion_coupon,
        (_, "deletePromotionCoupon") => promotions::delete_promotion_coupon,
        (_, "addPromotionProducts") => promotions::add_promotion_products,
        (_, "deletePromotionProducts") => promotions::delete_promotion_products,
        (_, "addPromotionSources") => promotions::add_promotion_sources,
        (_, "deletePromotionSources") => promotions::delete_promotion_sources,
        (_, "addPromotionTranslations") => promotions::add_promotion_translations,
        (_, "deletePromotionTranslations") => promotions::delete_promotion_translations,
        (_, "addPriceOptionGroup") => catalog::add_price_option_group,
        (_, "getPriceOptionGroup") => catalog::get_price_option_group,
        (_, "getAssignedPriceOptionGroups") => catalog::get_assigned_price_option_groups,
        (_, "searchCrossSellCampaigns") => catalog::search_cross_sell_campaigns,
        (_, "getInstallments") => catalog::get_installments,
        (_, "createCrossSellCampaign") => cross_sell::create_cross_sell_campaign,
        (_, "updateCrossSellCampaign") => cross_sell::update_cross_sell_campaign,
        (_, "getProductCrossSellCampaigns") => cross_sell::get_product_cross_sell_campaigns,
        (_, "getCrossSellTexts") => cross_sell::get_cross_sell_texts,
        (_, "updateReseller") => partner::update_reseller,
        (_, "createReseller") => partner::create_reseller,
        (_, "getPartnerResellers") => partner::get_partner_resellers,
        (_, "getOrderReseller") => partner::get_order_reseller,
        (_, "setOrderReseller") => partner::set_order_reseller,
        (_, "updateOrderReseller") => partner::update_order_reseller,
        (_, "getPartnerByCode") => partner::get_partner_by_code,
        (_, "searchSubscriptions") => subscription::search_subscriptions,
        (_, "getSubscription") => subscription::get_subscription,
        (_, "getSubscriptions") => subscription::get_subscriptions,
        (_, "getRenewalDetails") => subscription::get_renewal_details,
        (_, "cancelSubscription") => subscription::cancel_subscription,
        (_, "setRenewalNotificationStatus") => subscription::set_renewal_notification_status,
        (_, "getCustomerSubscriptions") => subscription::get_customer_subscriptions,
        (_, "enableSubscription") => lifecycle::enable_subscription,
        (_, "addSubscription") => lifecycle::add_subscription,
        (_, "updateSubscription") => lifecycle::update_subscription,
        (_, "enableRecurringBilling") => lifecycle::enable_recurring_billing,
        (_, "disableRecurringBilling") => lifecycle::disable_recurring_billing,
        (_, "renewSubscription") => lifecycle::renew_subscription,
        (_, "setCustomRenewalPrice") => lifecycle::set_custom_renewal_price,
        (_, "getNextRenewalPrice") => lifecycle::get_next_renewal_price,
        (_, "setRenewalPause") => lifecycle::set_renewal_pause,
        (_, "getRenewalPause") => lifecycle::get_renewal_pause,
        (_, "cancelRenewalPause") => lifecycle::cancel_renewal_pause,
        (_, "getSubscriptionHistory") => lifecycle::get_subscription_history,
        (_, "extendSubscription") => lifecycle::extend_subscription,
        (_, "getSubscriptionPaymentInformation") => lifecycle::get_subscription_payment_information,
        (_, "searchPartners") => channel::search_partners,
        (_, "getPartnerPricingLists") => channel::get_partner_pricing_lists,
        (_, "getPricingListInformation") => channel::get_pricing_list_information,
        (_, "getProductById") => channel::get_product_by_id,
        (_, "getProductPrice") => channel::get_product_price,
        (_, "getOrderStatus") => channel::get_order_status,
        (_, "createProforma") => channel::create_proforma,
        (_, "getProforma") => channel::get_proforma,
        (_, "setProforma") => channel::set_proforma,
        (_, "setPaymentDetails") => channel::set_payment_details,
        (_, "payProforma") => channel::pay_proforma,
        (_, "confirmInvoicePayment") => channel::confirm_invoice_payment,
        (_, "getPartnerSingleSignOn") => channel::get_partner_single_sign_on,
        (_, "updateSubscriptionPaymentInformation") => {
            lifecycle::update_subscription_payment_information
        }
        (_, "copyPaymentInfo") => lifecycle::copy_payment_info,
        (_, "setSubscriptionGracePeriod") => lifecycle::set_subscription_grace_period,
        (_, "convertTrial") => lifecycle::convert_trial,
        (_, "getProductUpgradeOptions") => lifecycle::get_product_upgrade_options,
        (_, "addSubscriptionAdditionalInformationField") => extras::add_field,
        (_, "getSubscriptionAdditionalInformationField") => extras::get_field,
        (_, "getSubscriptionAdditionalInformation") => extras::get_fields,
        (_, "updateSubscriptionAdditionalInformationField") => extras::update_field,
        (_, "deleteSubscriptionAdditionalInformationField") => extras::delete_field,
        (_, "addSubscriptionUsage") => extras::add_usage,
        (_, "updateSubscriptionUsage") => extras::update_usage,
        (_, "deleteSubscriptionUsages") => extras::delete_usages,
        (_, "getSubscriptionUsages") => extras::get_usages,
        (_, "markUsageSubscriptionToRenewNow") => extras::mark_usage_subscription_to_renew_now,
        (_, "getSingleSignOn") => extras::get_single_sign_on,
        (_, "getSingleSignOnByCustomer") => extras::get_single_sign_on_by_customer,
        (_, "getProductUpgradeOptionsPrice") => upgrade::get_product_upgrade_options_price,
        (_, "setSubscriptionUpgrade") => upgrade::set_subscription_upgrade,
        (_, "performAction") => proposal::perform_action,
        (_, "getProposalById") => proposal::get_proposal_by_id,
        (_, "createProposal") => proposal::create_proposal,
        (_, "searchProposalHistoryById") => proposal::search_proposal_history,
        (_, "searchProposals") => proposal_search::search_proposals,
        (_, "getPartnerSubscriptionsUpgradePrice") => partner_subscription::upgrade_price,
        (_, "upgradePartnerSubscriptions") => partner_subscription::upgrade,
        (_, "getPartnerSubscriptionsRenewalPrice") => partner_subscription::renewal_price,
        (_, "renewPartnerSubscriptions") => partner_subscription::renew,
        (_, "createUpSellCampaign") => upsell::create_up_sell_campaign,
        (_, "updateUpSellCampaign") => upsell::update_up_sell_campaign,
        (_, "deleteUpsellCampaign") => upsell::delete_upsell_campaign,
        (_, "updateDisplayType") => upsell::update_display_type,
        (_, "searchUpsellCampaigns") => upsell::search_upsell_campaigns,
        (_, "addLead") => leads::add_lead,
        (_, "getLead") => leads::get_lead,
        (_, "updateLead") => leads::update_lead,
        (_, "searchLeads") => leads::search_leads,
        (_, "getAffiliate") => affiliates::get_affiliate,
        (_, "searchAffiliates") => affiliates::search_affiliates,
        (_, "getPendingPayout") => payouts::get_pending_payout,
        (_, "searchPayouts") => payouts::search_payouts,
        (_, "getAvailableCountries") => payouts::get_available_countries,
        _ => return None,
    };
    Some(handler)
}

/// One validated call.
pub struct Call<'a> {
    /// The spec the sandbox serves (for handlers that check a JSON payload against a type).
    pub spec: &'a Spec,
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
