//! The subscription lifecycle through the generated client against the in-process sandbox:
//! enabling, importing, renewals, pauses, payment data, trials, history, upgrades, additional
//! fields, usage, single sign-on, and the paginated walk of searchSubscriptions.

use twocheckout::prelude::*;
use twocheckout::{
    ChurnReason, NewUsage, SsoCustomerType, SubscriptionHistoryType, SubscriptionImport,
    SubscriptionPaymentUpdate, SubscriptionProduct, SubscriptionSearchOptions, TokenPaymentDetails,
    TokenPaymentMethod, UsageChange, UsageDeletion, UsageQuery,
};
use twocheckout::{RenewSubscription, Subscription};
use twocheckout_sandbox::Sandbox;
use twocheckout_testkit::{InspectExt, SeedExt};
use twocheckout_tests::{code_is, rpc6, sandbox, start};

/// A seeded subscription of customer 258075058 (Visa on file).
const JOHN: &str = "30E47F8699";
/// Another subscription of the same customer.
const JOHN_2: &str = "351D8F557E";
/// A subscription of customer 141589723 (MasterCard on file).
const ANA: &str = "B7D8E72224";
/// The seeded trial.
const TRIAL: &str = "BF44555C6C";
const UNKNOWN: &str = "NOSUCHREF0";

fn price(amount: &str) -> twocheckout_rpc::support::Money {
    amount.parse().expect("a price")
}

#[tokio::test]
async fn enable_cancel_and_recurring_billing() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    assert!(client.cancel_subscription(JOHN).await.expect("cancel"));
    code_is(
        client.enable_recurring_billing(JOHN).await,
        "INVALID_SUBSCRIPTION_STATUS",
    );
    assert!(client.enable_subscription(JOHN).await.expect("enable"));
    let subscription = client.get_subscription(JOHN).await.expect("get");
    assert_eq!(subscription.subscription_enabled.as_option(), Some(&true));
    assert_eq!(subscription.recurring_enabled.as_option(), Some(&false));
    assert!(
        client
            .enable_recurring_billing(JOHN)
            .await
            .expect("recurring on")
    );
    assert!(
        client
            .get_renewal_details(JOHN)
            .await
            .expect("details")
            .recurring_enabled
            .expect("flag")
    );
    assert!(
        client
            .disable_recurring_billing(JOHN)
            .churn_reasons(vec![ChurnReason::ChurnReasonOther])
            .churn_reason_other("Prefers invoices")
            .await
            .expect("recurring off")
    );
    let subscription = client.get_subscription(JOHN).await.expect("get");
    assert_eq!(subscription.recurring_enabled.as_option(), Some(&false));
    assert_eq!(subscription.subscription_enabled.as_option(), Some(&true));
    code_is(
        client
            .disable_recurring_billing(JOHN)
            .churn_reason_other("no reason given")
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.enable_subscription(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.enable_recurring_billing(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.disable_recurring_billing(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

/// A subscription seeded for the renewal test, with dates known in advance.
const RENEWED: &str = "RENEW00001";
/// A disabled one, which cannot be renewed.
const DISABLED: &str = "DISABLED01";

#[tokio::test]
async fn renew_extend_and_history() {
    let seeded = |reference: &str, enabled: bool| {
        Subscription::builder()
            .subscription_reference(reference)
            .start_date("2026-03-01")
            .expiration_date("2027-03-01")
            .recurring_enabled(enabled)
            .subscription_enabled(enabled)
            .build()
    };
    let sandbox = start(
        Sandbox::builder()
            .subscription(seeded(RENEWED, true))
            .subscription(seeded(DISABLED, false)),
    )
    .await;
    let client = rpc6(&sandbox);
    assert!(
        client
            .renew_subscription(RENEWED, 4, price("50"), "eur")
            .await
            .expect("renew")
    );
    assert!(
        client
            .extend_subscription(RENEWED, 5)
            .await
            .expect("extend")
    );
    assert!(
        client
            .extend_subscription(RENEWED, -2)
            .await
            .expect("shorten")
    );
    // 4 renewed, 5 added, 2 taken off.
    let after = sandbox.subscription(RENEWED).expect("seeded");
    assert_eq!(
        after.expiration_date.as_option().map(ToString::to_string),
        Some("2027-03-08".to_string())
    );
    assert_eq!(after, client.get_subscription(RENEWED).await.expect("get"));

    let history = client
        .get_subscription_history(RENEWED)
        .await
        .expect("history");
    let kinds: Vec<_> = history.iter().filter_map(|h| h.type_.clone()).collect();
    assert_eq!(
        kinds,
        vec![
            SubscriptionHistoryType::Sale,
            SubscriptionHistoryType::Renewal
        ]
    );

    code_is(
        client.extend_subscription(RENEWED, -100_000).await,
        "INVALID_PARAMETER",
    );
    code_is(
        client
            .renew_subscription(RENEWED, 0, price("50"), "EUR")
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client
            .renew_subscription(UNKNOWN, 4, price("50"), "EUR")
            .await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.get_subscription_history(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.extend_subscription(UNKNOWN, 5).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client
            .renew_subscription(DISABLED, 4, price("50"), "EUR")
            .await,
        "INVALID_SUBSCRIPTION_STATUS",
    );
    // Each renewal went out as built, amount and currency as given.
    let renewals = sandbox.calls::<RenewSubscription>().expect("decoded");
    let sent: Vec<(&str, i64, &str)> = renewals
        .iter()
        .map(|c| {
            (
                c.request.subscription_reference.as_str(),
                c.request.days,
                c.request.currency.as_str(),
            )
        })
        .collect();
    assert_eq!(
        sent,
        [
            (RENEWED, 4, "eur"),
            (RENEWED, 0, "EUR"),
            (UNKNOWN, 4, "EUR"),
            (DISABLED, 4, "EUR")
        ]
    );
    assert!(renewals.iter().all(|c| c.request.price == price("50")));
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn custom_and_next_renewal_prices() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // Catalog price of NewProdCodeAPI12345 in USD is 99, for the subscription's quantity 1.
    let next = client
        .get_next_renewal_price(JOHN, "usd")
        .await
        .expect("price");
    assert_eq!(next.net_price.as_option(), Some(&price("99")));
    assert_eq!(
        next.net_currency.as_option().map(String::as_str),
        Some("USD")
    );
    assert_eq!(next.final_price, next.net_price);

    assert!(
        client
            .set_custom_renewal_price(JOHN, price("25"), "USD", 2)
            .reason_text("Loyalty discount")
            .await
            .expect("custom price")
    );
    let next = client
        .get_next_renewal_price(JOHN, "USD")
        .await
        .expect("price");
    assert_eq!(next.net_price.as_option(), Some(&price("25")));
    // Two renewals use up the two cycles.
    for _ in 0..2 {
        client
            .renew_subscription(JOHN, 30, price("25"), "USD")
            .await
            .expect("renew");
    }
    let next = client
        .get_next_renewal_price(JOHN, "USD")
        .await
        .expect("price");
    assert_eq!(next.net_price.as_option(), Some(&price("99")));

    code_is(
        client
            .set_custom_renewal_price(JOHN, price("25"), "USD", 0)
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.get_next_renewal_price(JOHN, "JPY").await,
        "INVALID_CURRENCY",
    );
    code_is(
        client.get_next_renewal_price(UNKNOWN, "USD").await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client
            .set_custom_renewal_price(UNKNOWN, price("25"), "USD", 1)
            .await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn pause_and_resume() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let expiration = client
        .get_subscription(ANA)
        .await
        .expect("get")
        .expiration_date
        .as_option()
        .expect("date")
        .to_string();
    assert!(client.get_renewal_pause(ANA).await.expect("none").is_null());
    // The sample's form: a date and a time.
    let resume = format!("{} 17:00:00", next_year(&expiration));
    assert!(
        client
            .set_renewal_pause(ANA, resume.as_str())
            .pause_reason("vacation leave")
            .await
            .expect("pause")
    );
    let pause = client
        .get_renewal_pause(ANA)
        .await
        .expect("pause")
        .to_value();
    assert_eq!(pause["ResumeDate"], resume.as_str());
    assert_eq!(pause["PauseReason"], "vacation leave");
    assert!(client.cancel_renewal_pause(ANA).await.expect("cancel"));
    assert!(
        !client
            .cancel_renewal_pause(ANA)
            .await
            .expect("nothing to cancel")
    );
    assert!(client.get_renewal_pause(ANA).await.expect("none").is_null());

    code_is(
        client.set_renewal_pause(ANA, "2000-01-01").await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.set_renewal_pause(UNKNOWN, resume.as_str()).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.get_renewal_pause(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.cancel_renewal_pause(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

fn next_year(date: &str) -> String {
    let year: i64 = date[..4].parse().expect("year");
    format!("{}{}", year + 1, &date[4..10]).replace("-02-29", "-02-28")
}

#[tokio::test]
async fn payment_data_grace_period_and_trial() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let info = client
        .get_subscription_payment_information(ANA)
        .await
        .expect("payment info");
    let card = info.payment_method.as_option().expect("card");
    assert_eq!(
        card.last_digits.as_option().map(String::as_str),
        Some("4444")
    );

    let update = SubscriptionPaymentUpdate::builder()
        .payment_details(
            TokenPaymentDetails::builder()
                .type_("EES_TOKEN_PAYMENT")
                .payment_method(
                    TokenPaymentMethod::builder()
                        .ees_token("token-from-2pay-js")
                        .vendor3_ds_return_url("https://example.com/ok")
                        .vendor3_ds_cancel_url("https://example.com/cancel")
                        .build(),
                )
                .build(),
        )
        .build();
    client
        .update_subscription_payment_information(ANA, update.clone())
        .await
        .expect("update");
    let info = client
        .get_subscription_payment_information(ANA)
        .await
        .expect("info");
    let card = info.payment_method.as_option().expect("card");
    assert_eq!(card.card_type.as_option().map(String::as_str), Some("Visa"));
    let mut wrong = update;
    wrong.payment_details.type_ = "CC".into();
    code_is(
        client
            .update_subscription_payment_information(ANA, wrong)
            .await,
        "INVALID_PARAMETER",
    );

    // Same customer: copied. Different customers: refused.
    client.copy_payment_info(JOHN_2, JOHN).await.expect("copy");
    code_is(
        client.copy_payment_info(ANA, JOHN).await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.copy_payment_info(UNKNOWN, JOHN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );

    assert!(
        client
            .set_subscription_grace_period(JOHN, Some(15))
            .await
            .expect("grace")
    );
    assert!(
        client
            .set_subscription_grace_period(JOHN, None)
            .await
            .expect("default")
    );
    code_is(
        client.set_subscription_grace_period(JOHN, Some(-1)).await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.set_subscription_grace_period(UNKNOWN, Some(1)).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );

    client
        .convert_trial(TRIAL)
        .extend_subscription_from_payment_date(false)
        .await
        .expect("convert");
    let converted = client.get_subscription(TRIAL).await.expect("get");
    assert_eq!(converted.is_trial.as_option(), Some(&false));
    assert_eq!(converted.recurring_enabled.as_option(), Some(&true));
    assert_eq!(
        converted
            .start_date
            .as_option()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-01-15")
    );
    code_is(
        client.convert_trial(TRIAL).await,
        "INVALID_SUBSCRIPTION_STATUS",
    );
    code_is(
        client.convert_trial(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.get_subscription_payment_information(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn import_update_and_list() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let import = SubscriptionImport::builder()
        .start_date("2026-01-01")
        .expiration_date("2027-01-01")
        .product(
            SubscriptionProduct::builder()
                .product_code("my_subscription_1")
                .product_quantity(3)
                .build(),
        )
        .external_subscription_reference("12345678912ImportedSubscription")
        .external_customer_reference("EXT-CUST-001")
        .build();
    let reference = client.add_subscription(import).await.expect("import");
    let imported = client
        .get_subscription(reference.as_str())
        .await
        .expect("get");
    assert_eq!(
        imported.avangate_customer_reference.as_option(),
        Some(&258_075_058)
    );
    let history = client
        .get_subscription_history(reference.as_str())
        .await
        .expect("history");
    assert_eq!(history.len(), 1);

    let mut changed = imported.clone();
    changed.expiration_date = twocheckout_rpc::support::Maybe::Value("2027-06-01".into());
    client.update_subscription(changed).await.expect("update");
    let listed = client
        .get_subscriptions(vec![
            reference.clone(),
            JOHN.to_string(),
            UNKNOWN.to_string(),
        ])
        .await
        .expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(
        listed[0]
            .expiration_date
            .as_option()
            .map(|d| d.to_string())
            .as_deref(),
        Some("2027-06-01")
    );

    let bad = SubscriptionImport::builder()
        .start_date("2026-01-01")
        .expiration_date("2025-01-01")
        .product(
            SubscriptionProduct::builder()
                .product_code("my_subscription_1")
                .build(),
        )
        .build();
    code_is(client.add_subscription(bad).await, "INVALID_PARAMETER");
    let unknown_product = SubscriptionImport::builder()
        .start_date("2026-01-01")
        .expiration_date("2027-01-01")
        .product(
            SubscriptionProduct::builder()
                .product_code("NO_SUCH_PRODUCT")
                .build(),
        )
        .build();
    code_is(
        client.add_subscription(unknown_product).await,
        "INVALID_PRODUCT",
    );
    let mut ghost = imported;
    ghost.subscription_reference = UNKNOWN.into();
    code_is(
        client.update_subscription(ghost).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.get_subscription(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn upgrade_options_price_and_upgrade() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let options = client
        .get_product_upgrade_options(JOHN)
        .await
        .expect("options");
    let codes: Vec<_> = options
        .iter()
        .filter_map(|o| o.product_info.as_option())
        .filter_map(|p| p.product_code.clone())
        .collect();
    assert!(codes.contains(&"NewProdCodeAPI12345_PRO".to_string()));
    assert!(
        !codes.contains(&"NewProdCodeAPI12345".to_string()),
        "not the current product"
    );
    let quote = client
        .get_product_upgrade_options_price(JOHN, "NewProdCodeAPI12345_PRO", "USD", "")
        .await
        .expect("price");
    assert_eq!(quote.billing_price, Some(price("199")));
    assert!(
        client
            .set_subscription_upgrade(JOHN, "NewProdCodeAPI12345_PRO")
            .await
            .expect("upgrade")
    );
    let history = client
        .get_subscription_history(JOHN)
        .await
        .expect("history");
    assert_eq!(
        history.last().and_then(|h| h.type_.clone()),
        Some(SubscriptionHistoryType::Upgrade)
    );
    code_is(
        client.get_product_upgrade_options(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn additional_information_fields() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let added = client
        .add_subscription_additional_information_field(JOHN_2, "subscription", "test")
        .await
        .expect("add");
    assert_eq!(added.field_name, "subscription");
    code_is(
        client
            .add_subscription_additional_information_field(JOHN_2, "subscription", "again")
            .await,
        "INVALID_FIELD_NAME",
    );
    for n in 2..=5 {
        client
            .add_subscription_additional_information_field(JOHN_2, format!("field{n}"), "v")
            .await
            .expect("add");
    }
    code_is(
        client
            .add_subscription_additional_information_field(JOHN_2, "field6", "v")
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client
            .add_subscription_additional_information_field(JOHN, "long", "x".repeat(101))
            .await,
        "INVALID_PARAMETER",
    );
    let updated = client
        .update_subscription_additional_information_field(JOHN_2, "subscription")
        .field_value("test2")
        .await
        .expect("update");
    assert_eq!(
        updated.field_value.as_option().map(String::as_str),
        Some("test2")
    );
    let one = client
        .get_subscription_additional_information_field(JOHN_2, "subscription")
        .await
        .expect("get");
    assert_eq!(one, updated);
    assert!(
        client
            .delete_subscription_additional_information_field(JOHN_2, "field2")
            .await
            .expect("delete")
    );
    let all = client
        .get_subscription_additional_information(JOHN_2)
        .await
        .expect("all");
    assert_eq!(all.len(), 4);
    code_is(
        client
            .get_subscription_additional_information_field(JOHN_2, "field2")
            .await,
        "INVALID_FIELD_NAME",
    );
    code_is(
        client
            .delete_subscription_additional_information_field(JOHN_2, "field2")
            .await,
        "INVALID_FIELD_NAME",
    );
    code_is(
        client
            .get_subscription_additional_information(UNKNOWN)
            .await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn usage_records() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let usage = NewUsage::builder()
        .option_code("MeteredPricing")
        .usage_start("2026-02-22 15:40:00")
        .usage_end("2026-03-22 15:40:00")
        .units(10)
        .build();
    let added = client
        .add_subscription_usage(ANA, vec![usage.clone()])
        .await
        .expect("add");
    assert_eq!(added.len(), 1);
    let reference = added[0].usage_reference.clone().expect("reference");

    let changed = client
        .update_subscription_usage(
            ANA,
            reference.as_str(),
            UsageChange::builder()
                .units(111)
                .description("Corrected")
                .build(),
        )
        .await
        .expect("update");
    assert_eq!(changed.units, Some(111));
    code_is(
        client
            .update_subscription_usage(ANA, reference.as_str(), UsageChange::builder().build())
            .await,
        "MISSING_PARAMETER",
    );
    code_is(
        client
            .update_subscription_usage(ANA, "1", UsageChange::builder().units(1).build())
            .await,
        "INVALID_USAGE_REFERENCE",
    );

    let query = |page: i64, limit: i64| {
        UsageQuery::builder()
            .subscription_reference(ANA)
            .page(page)
            .limit(limit)
            .interval_start("2026-01-01")
            .interval_end("2026-12-31")
            .build()
    };
    let listed = client
        .get_subscription_usages(query(1, 2))
        .await
        .expect("list")
        .to_value();
    assert_eq!(listed["Items"].as_array().map(Vec::len), Some(2));
    assert_eq!(listed["Pagination"]["Count"], 4, "3 seeded and 1 added");
    let second = client
        .get_subscription_usages(query(2, 2))
        .await
        .expect("list")
        .to_value();
    assert_eq!(second["Items"].as_array().map(Vec::len), Some(2));
    code_is(
        client.get_subscription_usages(query(1, 101)).await,
        "INVALID_PARAMETER",
    );

    let deleted = client
        .delete_subscription_usages(
            UsageDeletion::builder()
                .subscription_reference(ANA)
                .usage_reference(reference.as_str())
                .build(),
        )
        .await
        .expect("delete")
        .to_value();
    assert_eq!(deleted, true);
    code_is(
        client
            .delete_subscription_usages(
                UsageDeletion::builder()
                    .subscription_reference(ANA)
                    .interval_start("2026-01-01")
                    .build(),
            )
            .await,
        "INVALID_PARAMETER",
    );
    let listed = client
        .get_subscription_usages(query(1, 10))
        .await
        .expect("list")
        .to_value();
    assert_eq!(listed["Pagination"]["Count"], 3);

    assert!(
        client
            .mark_usage_subscription_to_renew_now(ANA)
            .await
            .expect("mark")
    );
    code_is(
        client.add_subscription_usage(UNKNOWN, vec![usage]).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    code_is(
        client.mark_usage_subscription_to_renew_now(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn single_sign_on_links() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let link = client
        .get_single_sign_on(JOHN)
        .email("john.doe@example.com")
        .validity_time(50)
        .access_page("change_card")
        .await
        .expect("link");
    assert!(
        link.contains("/change_card/") && link.contains("logintoken="),
        "{link}"
    );
    let again = client.get_single_sign_on(JOHN).await.expect("link");
    assert_ne!(link, again, "every link has its own token");
    code_is(
        client
            .get_single_sign_on(JOHN)
            .email("someone@example.com")
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.get_single_sign_on(JOHN).access_page("nowhere").await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.get_single_sign_on(UNKNOWN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );

    let by_external = client
        .get_single_sign_on_by_customer("EXT-CUST-001", SsoCustomerType::ExternalCustomerReference)
        .page("my_subscription")
        .request(format!("Request[]=code={JOHN}"))
        .await
        .expect("link");
    assert!(by_external.contains("/my_subscription/"), "{by_external}");
    client
        .get_single_sign_on_by_customer("141589723", SsoCustomerType::TwoCheckoutCustomerReference)
        .await
        .expect("link");
    code_is(
        client
            .get_single_sign_on_by_customer("1", SsoCustomerType::TwoCheckoutCustomerReference)
            .await,
        "INVALID_CUSTOMER_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn search_walks_every_page_once() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let everything = client
        .search_subscriptions()
        .search_by(SubscriptionSearchOptions::builder().limit(200).build())
        .await
        .expect("one big page");
    let before = sandbox.stats();
    let mut pages = client
        .search_subscriptions()
        .search_by(SubscriptionSearchOptions::builder().limit(4).build())
        .pages();
    let mut walked = Vec::new();
    while let Some(subscription) = pages.next().await {
        walked.push(subscription.expect("item").subscription_reference);
    }
    let expected: Vec<_> = everything
        .iter()
        .map(|s| s.subscription_reference.clone())
        .collect();
    assert_eq!(walked, expected);
    let needed = everything.len().div_ceil(4) as u64 + u64::from(everything.len() % 4 == 0);
    assert_eq!(pages.pages_requested(), needed);
    let after = sandbox.stats();
    assert_eq!(
        (after.requests - after.logins) - (before.requests - before.logins),
        needed,
        "one call per page"
    );

    // A filtered walk starting on page 2, with the default page size.
    let filtered = client
        .search_subscriptions()
        .search_by(
            SubscriptionSearchOptions::builder()
                .product_codes(vec!["NewProdCodeAPI12345".to_string()])
                .page(2)
                .limit(3)
                .build(),
        )
        .pages()
        .try_collect()
        .await
        .expect("walk");
    let all_of_product = everything
        .iter()
        .filter(|s| {
            s.product
                .as_option()
                .and_then(|p| p.product_code.as_deref())
                == Some("NewProdCodeAPI12345")
        })
        .count();
    assert_eq!(filtered.len(), all_of_product - 3);
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[test]
fn the_blocking_client_walks_the_same_pages() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(sandbox());
    let client = twocheckout_tests::blocking_rpc6(&sandbox);
    let request = twocheckout::SearchSubscriptions::new()
        .search_by(SubscriptionSearchOptions::builder().limit(5).build());
    let references: Vec<String> = client
        .pages(request)
        .map(|s| s.expect("item").subscription_reference)
        .collect();
    assert!(references.len() > 10);
    let mut unique = references.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), references.len(), "no page twice");
    drop(client);
    drop(runtime);
}
