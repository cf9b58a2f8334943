//! Subscriptions: search, cancel, renewal notifications, per-customer lists.

use serde_json::Value;

use super::{Call, as_bool, as_f64, as_text, paginate};
use crate::rpc::RpcError;
use crate::state::Record;

/// `searchSubscriptions` accepts at most this many results per page.
const MAX_LIMIT: i64 = 200;

/// Churn reasons that come with a free-text `ChurnReasonOther`.
const FREE_TEXT_REASONS: [&str; 2] = ["CHURN_REASON_EXTRAORDINARY", "CHURN_REASON_OTHER"];

/// `getSubscription(subscriptionReference)`.
pub fn get_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let store = call.state.read();
    store
        .subscriptions
        .get(&reference)
        .map(|s| Value::Object(s.clone()))
        .ok_or_else(|| unknown_subscription(call, &reference))
}

/// `getSubscriptions(subscriptionReference[], aggregate?)`: the known ones, in the order asked.
pub fn get_subscriptions(call: &Call<'_>) -> Result<Value, RpcError> {
    let references = texts(call.arg("subscriptionReference"));
    let store = call.state.read();
    Ok(references
        .iter()
        .filter_map(|r| store.subscriptions.get(r))
        .map(|s| Value::Object(s.clone()))
        .collect())
}

/// `getRenewalDetails(subscriptionReference)`.
pub fn get_renewal_details(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("subscriptionReference")?;
    let store = call.state.read();
    let subscription = store
        .subscriptions
        .get(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    let recurring = subscription
        .get("RecurringEnabled")
        .and_then(as_bool)
        .unwrap_or(false);
    // The sandbox has no shopping cart, so it offers no manual renewal link.
    Ok(serde_json::json!({ "recurringEnabled": recurring, "manualRenewalLink": null }))
}

/// `searchSubscriptions(SearchBy)`: filters, then one page (defaults: page 1, 10 per page).
pub fn search_subscriptions(call: &Call<'_>) -> Result<Value, RpcError> {
    let filter = Filter::from_call(call);
    let store = call.state.read();
    let matching: Vec<Value> = store
        .subscriptions
        .values()
        .filter(|s| filter.matches(s))
        .map(|s| Value::Object(s.clone()))
        .collect();
    let number = |name: &str| {
        call.arg(name)
            .or_else(|| call.arg("Pagination").and_then(|p| p.get(name)))
            .and_then(as_f64)
            .map(|n| n as i64)
    };
    let page = number("Page").unwrap_or(1);
    let limit = number("Limit").unwrap_or(10).clamp(0, MAX_LIMIT);
    Ok(Value::Array(paginate(&matching, page, limit)))
}

/// The documented search filters that the sandbox applies.
struct Filter {
    email: Option<String>,
    exact_email: bool,
    customer: Option<String>,
    external: Option<String>,
    enabled: Option<bool>,
    recurring: Option<bool>,
    products: Vec<String>,
    countries: Vec<String>,
    partner: Option<String>,
    test: Option<bool>,
    lifetime: Option<bool>,
    /// `(field, after, before)`: inclusive `YYYY-MM-DD` bounds on a date field.
    ranges: Vec<(&'static str, Option<String>, Option<String>)>,
}

impl Filter {
    fn from_call(call: &Call<'_>) -> Self {
        Filter {
            email: call.text("CustomerEmail").map(|e| e.to_lowercase()),
            exact_email: call
                .arg("ExactMatchEmail")
                .and_then(as_bool)
                .unwrap_or(false),
            customer: call.text("AvangateCustomerReference"),
            external: call.text("ExternalCustomerReference"),
            enabled: call.arg("SubscriptionEnabled").and_then(as_bool),
            // Documented as a StringArray on the JSON-RPC page and as a boolean on the REST twin.
            recurring: call.arg("RecurringEnabled").and_then(|v| match v {
                Value::Array(items) => items.first().and_then(as_bool),
                other => as_bool(other),
            }),
            products: texts(call.arg("ProductCodes")),
            countries: texts(call.arg("CountryCodes"))
                .iter()
                .map(|c| c.to_lowercase())
                .collect(),
            partner: call.text("PartnerCode"),
            test: call.arg("TestSubscription").and_then(as_bool),
            lifetime: call.arg("LifetimeSubscription").and_then(as_bool),
            ranges: vec![
                (
                    "StartDate",
                    call.text("PurchasedAfter"),
                    call.text("PurchasedBefore"),
                ),
                (
                    "ExpirationDate",
                    call.text("ExpireAfter"),
                    call.text("ExpireBefore"),
                ),
            ],
        }
    }

    fn matches(&self, subscription: &Record) -> bool {
        let text = |path: &str| super::field(subscription, path).and_then(as_text);
        let flag = |name: &str| subscription.get(name).and_then(as_bool);
        if let Some(wanted) = &self.email {
            let email = text("EndUser/Email").unwrap_or_default().to_lowercase();
            let hit = if self.exact_email {
                email == *wanted
            } else {
                email.contains(wanted.as_str())
            };
            if !hit {
                return false;
            }
        }
        let same = |wanted: &Option<String>, actual: Option<String>| {
            wanted.as_ref().is_none_or(|w| actual.as_ref() == Some(w))
        };
        same(&self.customer, text("AvangateCustomerReference"))
            && same(&self.external, text("ExternalCustomerReference"))
            && same(&self.partner, text("PartnerCode"))
            && self
                .enabled
                .is_none_or(|e| flag("SubscriptionEnabled") == Some(e))
            && self
                .recurring
                .is_none_or(|r| flag("RecurringEnabled") == Some(r))
            && (self.products.is_empty()
                || text("Product/ProductCode").is_some_and(|p| self.products.contains(&p)))
            && self
                .test
                .is_none_or(|t| flag("TestSubscription") == Some(t))
            && self.lifetime.is_none_or(|l| flag("Lifetime") == Some(l))
            && self.ranges.iter().all(|(field, after, before)| {
                // ISO dates compare correctly as text; the first 10 characters are the date.
                let date = text(field).map(|d| d.chars().take(10).collect::<String>());
                match date {
                    Some(date) => {
                        after.as_ref().is_none_or(|a| date.as_str() >= a.as_str())
                            && before.as_ref().is_none_or(|b| date.as_str() <= b.as_str())
                    }
                    None => after.is_none() && before.is_none(),
                }
            })
            && (self.countries.is_empty()
                || text("EndUser/CountryCode")
                    .is_some_and(|c| self.countries.contains(&c.to_lowercase())))
    }
}

fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(other) => as_text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// `cancelSubscription(SubscriptionReference, ChurnReasons?, ChurnReasonOther?)`: disables the
/// subscription and its recurring billing at once.
pub fn cancel_subscription(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let reasons = texts(call.arg("ChurnReasons"));
    let other = call.text("ChurnReasonOther");
    if other.is_some()
        && !reasons
            .iter()
            .any(|r| FREE_TEXT_REASONS.iter().any(|f| f.eq_ignore_ascii_case(r)))
    {
        return Err(call.error(
            crate::validate::INVALID_PARAMETER,
            "ChurnReasonOther is only accepted with CHURN_REASON_EXTRAORDINARY or CHURN_REASON_OTHER.",
        ));
    }
    let mut store = call.state.write();
    let subscription = store
        .subscriptions
        .get_mut(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    subscription.insert("SubscriptionEnabled".into(), Value::Bool(false));
    subscription.insert("RecurringEnabled".into(), Value::Bool(false));
    if !reasons.is_empty() {
        subscription.insert(
            "ChurnReasons".into(),
            reasons.into_iter().map(Value::String).collect(),
        );
    }
    if let Some(other) = other {
        subscription.insert("ChurnReasonOther".into(), Value::String(other));
    }
    Ok(Value::Bool(true))
}

/// `setRenewalNotificationStatus(subscriptionReference, status)`.
pub fn set_renewal_notification_status(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("SubscriptionReference")?;
    let status = call
        .arg("Status")
        .and_then(as_bool)
        .ok_or_else(|| crate::validate::missing(call.method, "Status"))?;
    let mut store = call.state.write();
    let subscription = store
        .subscriptions
        .get_mut(&reference)
        .ok_or_else(|| unknown_subscription(call, &reference))?;
    subscription.insert("ReceiveNotifications".into(), Value::Bool(status));
    Ok(Value::Bool(true))
}

/// `getCustomerSubscriptions(AvangateCustomerReference, ExternalCustomerReference?)`.
pub fn get_customer_subscriptions(call: &Call<'_>) -> Result<Value, RpcError> {
    let internal = call.text("AvangateCustomerReference");
    let external = call.text("ExternalCustomerReference");
    let store = call.state.read();
    let customer = match (&internal, &external) {
        (None, None) => {
            return Err(crate::validate::missing(
                call.method,
                "AvangateCustomerReference",
            ));
        }
        (Some(reference), _) => store.customers.get(reference),
        (None, Some(external)) => store.customers.values().find(|c| {
            c.get("ExternalCustomerReference")
                .and_then(as_text)
                .as_ref()
                == Some(external)
        }),
    };
    let customer = customer
        .filter(|c| {
            external.as_ref().is_none_or(|e| {
                c.get("ExternalCustomerReference")
                    .and_then(as_text)
                    .as_ref()
                    == Some(e)
            })
        })
        .ok_or_else(|| {
            call.error(
                "INVALID_CUSTOMER_REFERENCE",
                "No customer matches the references given.",
            )
        })?;
    let reference = customer.get("AvangateCustomerReference").and_then(as_text);
    let subscriptions: Vec<Value> = store
        .subscriptions
        .values()
        .filter(|s| s.get("AvangateCustomerReference").and_then(as_text) == reference)
        .map(|s| Value::Object(s.clone()))
        .collect();
    Ok(Value::Array(subscriptions))
}

fn unknown_subscription(call: &Call<'_>, reference: &str) -> RpcError {
    call.error(
        "INVALID_SUBSCRIPTION_REFERENCE",
        &format!("No subscription found for reference {reference:?}."),
    )
}
