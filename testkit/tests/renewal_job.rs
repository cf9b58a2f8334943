//! The worked example of the guide (README, "Testing your integration"): a renewal job tested
//! against a sandbox seeded with three subscriptions that come due, one scripted to fail.

use std::time::Duration;

use twocheckout::prelude::*;
use twocheckout::{
    RenewSubscription, SearchSubscriptions, Subscription, SubscriptionSearchOptions,
};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::support::Money;
use twocheckout_rpc::{Client, Credentials};
use twocheckout_testkit::{InspectExt, Outcome, Sandbox, SeedExt};

// ---- The code under test: a nightly job of the merchant's own. ----

/// What one run of the job did.
#[derive(Debug, Default)]
struct RenewalReport {
    renewed: Vec<String>,
    failed: Vec<(String, String)>,
}

/// Renews, for 30 days at 49.00 USD, every auto-renewing subscription that expires by `due_by`
/// (`YYYY-MM-DD`); a failed renewal is reported and the job moves on.
async fn renew_due(
    client: &Client<Rpc6>,
    due_by: &str,
) -> Result<RenewalReport, twocheckout_rpc::Error> {
    let due = client
        .search_subscriptions()
        .search_by(
            SubscriptionSearchOptions::builder()
                .expire_before(due_by)
                .build(),
        )
        .await?;
    let mut report = RenewalReport::default();
    for subscription in due {
        if subscription.recurring_enabled.as_option() != Some(&true) {
            continue;
        }
        let reference = subscription.subscription_reference;
        match client
            .renew_subscription(reference.clone(), 30, Money::new(4900, 2), "USD")
            .await
        {
            Ok(_) => report.renewed.push(reference),
            Err(error) => report.failed.push((reference, error.to_string())),
        }
    }
    Ok(report)
}

// ---- The test. ----

/// A subscription expiring `days` from the sandbox's today.
fn expiring_in(reference: &str, today: time::Date, days: i64) -> Subscription {
    Subscription::builder()
        .subscription_reference(reference)
        .start_date(today - time::Duration::days(365 - days))
        .expiration_date(today + time::Duration::days(days))
        .recurring_enabled(true)
        .subscription_enabled(true)
        .build()
}

#[tokio::test]
async fn renews_every_due_subscription_and_reports_the_one_that_fails() {
    let today = time::OffsetDateTime::now_utc().date();
    let sandbox = Sandbox::builder()
        .without_default_seed()
        .subscription(expiring_in("DUE0000001", today, 3))
        .subscription(expiring_in("DUE0000002", today, 4))
        .subscription(expiring_in("DUE0000003", today, 5))
        .subscription(expiring_in("LATER00001", today, 90))
        .start()
        .await
        .expect("the sandbox starts");
    let client = Client::<Rpc6>::builder(Credentials::new(
        sandbox.merchant_code(),
        sandbox.secret_key(),
    ))
    .endpoint(sandbox.rpc6_url())
    .build()
    .expect("the client builds");

    // Nothing is due yet.
    let report = renew_due(&client, &sandbox.today())
        .await
        .expect("the job runs");
    assert!(
        report.renewed.is_empty() && report.failed.is_empty(),
        "{report:?}"
    );

    // A week later three subscriptions are due (and the client's session has long expired: it
    // logs in again by itself). The card on file of the second one is declined.
    sandbox.advance(Duration::from_secs(7 * 86_400));
    sandbox
        .script::<RenewSubscription>()
        .when(|renewal| renewal.subscription_reference == "DUE0000002")
        .fail_with("CARD_PAYMENT_ERROR", "The card payment was declined.");
    let report = renew_due(&client, &sandbox.today())
        .await
        .expect("the job runs");

    assert_eq!(report.renewed, ["DUE0000001", "DUE0000003"]);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0, "DUE0000002");
    assert!(
        report.failed[0].1.contains("CARD_PAYMENT_ERROR"),
        "{report:?}"
    );

    // One renewal per due subscription, each for 30 days at 49.00 USD, in order, on one session.
    let renewals = sandbox
        .calls::<RenewSubscription>()
        .expect("the calls decode");
    let references: Vec<&str> = renewals
        .iter()
        .map(|call| call.request.subscription_reference.as_str())
        .collect();
    assert_eq!(references, ["DUE0000001", "DUE0000002", "DUE0000003"]);
    for call in &renewals {
        assert_eq!(
            (call.request.days, call.request.price),
            (30, Money::new(4900, 2))
        );
        assert_eq!(call.request.currency, "USD");
        assert_eq!(call.session, renewals[0].session);
    }
    assert_eq!(
        renewals[1].outcome,
        Outcome::Error("CARD_PAYMENT_ERROR".into())
    );
    // The first search after the week met the expired session; the client logged in again and
    // sent it once more.
    let searches = sandbox
        .calls::<SearchSubscriptions>()
        .expect("the calls decode");
    assert_eq!(searches.len(), 3);
    assert_eq!(
        searches[1].outcome,
        Outcome::Error("SESSION_EXPIRED".into())
    );
    assert_eq!(sandbox.raw_count("login"), 2);

    // The renewed subscriptions now expire 30 days later; the declined one and the later one
    // are untouched.
    let expiry = |reference: &str| {
        sandbox
            .subscription(reference)
            .expect("seeded")
            .expiration_date
            .as_option()
            .map(|date| date.to_string())
    };
    let moved = |days: i64| Some((today + time::Duration::days(days)).to_string());
    assert_eq!(expiry("DUE0000001"), moved(33));
    assert_eq!(expiry("DUE0000002"), moved(4));
    assert_eq!(expiry("DUE0000003"), moved(35));
    assert_eq!(expiry("LATER00001"), moved(90));
}
