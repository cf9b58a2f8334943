//! Customers through the generated client against the in-process sandbox: create, read,
//! update (also the end users of their subscriptions), the paginated search, the look-up by
//! single sign-on token and moving a subscription to another customer, with the documented
//! errors.

use twocheckout::prelude::*;
use twocheckout::{Customer, CustomerSearchOptions, CustomerStatus, Pagination, SsoCustomerType};
use twocheckout_tests::{code_is, rpc6, sandbox};

/// John Doe, seeded, with Visa cards on file through his subscriptions.
const JOHN: i64 = 258_075_058;
/// Ana Pop, seeded.
const ANA: i64 = 141_589_723;
/// A subscription of John's.
const JOHNS_SUBSCRIPTION: &str = "30E47F8699";

fn new_customer(external: &str, email: &str, country: &str) -> Customer {
    Customer::builder()
        .external_customer_reference(external)
        .first_name("Jane")
        .last_name("Roe")
        .email(email)
        .country_code(country)
        .language("en")
        .build()
}

#[tokio::test]
async fn create_read_and_update_a_customer() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let reference = client
        .create_customer(new_customer("EXT-JANE", "jane@example.com", "de"))
        .await
        .expect("created");
    let jane = client
        .get_customer_information(reference)
        .external_customer_reference("EXT-JANE")
        .await
        .expect("read");
    assert_eq!(
        jane.email.as_option().map(String::as_str),
        Some("jane@example.com")
    );
    assert_eq!(
        jane.avangate_customer_reference.as_option(),
        Some(&reference)
    );
    code_is(
        client
            .create_customer(new_customer("EXT-JANE", "other@example.com", "de"))
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client
            .create_customer(new_customer("EXT-X", "not-an-email", "de"))
            .await,
        "INVALID_PARAMETER",
    );

    // Read, change the e-mail, send the whole customer back (the documented flow).
    let mut changed = jane.clone();
    changed.email = "jane.roe@example.com".to_string().into();
    assert!(
        client
            .update_customer_information(changed)
            .await
            .expect("updated")
    );
    let jane = client
        .get_customer_information(reference)
        .await
        .expect("read");
    assert_eq!(
        jane.email.as_option().map(String::as_str),
        Some("jane.roe@example.com")
    );
    assert_eq!(
        jane.first_name.as_option().map(String::as_str),
        Some("Jane")
    );

    code_is(
        client
            .get_customer_information(reference)
            .external_customer_reference("EXT-CUST-001")
            .await,
        "INVALID_CUSTOMER_REFERENCE",
    );
    code_is(
        client.get_customer_information(1).await,
        "INVALID_CUSTOMER_REFERENCE",
    );
    let stranger = Customer::builder()
        .avangate_customer_reference(1)
        .email("x@example.com")
        .build();
    code_is(
        client.update_customer_information(stranger).await,
        "INVALID_CUSTOMER_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn updates_reach_the_end_users_of_subscriptions_only_when_asked() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let email = |client: &twocheckout_rpc::Client<twocheckout_rpc::api::Rpc6>| {
        let client = client.clone();
        async move {
            client
                .get_subscription(JOHNS_SUBSCRIPTION)
                .await
                .expect("subscription")
                .end_user
                .as_option()
                .and_then(|u| u.email.as_option().cloned())
        }
    };
    let before = email(&client).await;
    let mut john = client.get_customer_information(JOHN).await.expect("john");
    john.email = "john.new@example.com".to_string().into();
    client
        .update_customer_information(john.clone())
        .await
        .expect("customer only");
    assert_eq!(email(&client).await, before);
    client
        .update_customer_information(john)
        .update_end_user_subscriptions(true)
        .await
        .expect("and subscriptions");
    assert_eq!(
        email(&client).await.as_deref(),
        Some("john.new@example.com")
    );
}

#[tokio::test]
async fn stored_cards_only_when_asked_for() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let plain = client.get_customer_information(JOHN).await.expect("john");
    assert!(plain.existing_cards.as_option().is_some_and(Vec::is_empty));
    let with_cards = client
        .get_customer_information(JOHN)
        .include_payment_data(true)
        .await
        .expect("john with cards");
    let cards = with_cards.existing_cards.as_option().expect("cards");
    assert!(!cards.is_empty());
    assert!(
        cards
            .iter()
            .all(|c| c.transient_token.as_option().is_none())
    );
}

#[tokio::test]
async fn search_customers_filters_and_walks_every_page_once() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    for n in 0..5 {
        client
            .create_customer(new_customer(
                &format!("EXT-{n}"),
                &format!("c{n}@example.com"),
                "fr",
            ))
            .await
            .expect("created");
    }
    let french = client
        .search_customers()
        .search_options(CustomerSearchOptions::builder().country_code("FR").build())
        .await
        .expect("french");
    assert_eq!(french.items.len(), 5);
    let count = french
        .pagination
        .as_option()
        .and_then(|p| p.count.as_option().copied());
    assert_eq!(count, Some(5));
    let by_email = client
        .search_customers()
        .search_options(
            CustomerSearchOptions::builder()
                .email("JOHN.DOE@example.com")
                .status(CustomerStatus::Active)
                .build(),
        )
        .await
        .expect("by e-mail");
    assert_eq!(by_email.items.len(), 1);
    assert_eq!(
        by_email.items[0].avangate_customer_reference.as_option(),
        Some(&JOHN)
    );
    let inactive = client
        .search_customers()
        .search_options(
            CustomerSearchOptions::builder()
                .status(CustomerStatus::Inactive)
                .build(),
        )
        .await
        .expect("inactive");
    // Created customers have no subscription yet: not enabled.
    assert_eq!(inactive.items.len(), 5);

    let before = sandbox.stats();
    let mut pages = client
        .search_customers()
        .search_options(
            CustomerSearchOptions::builder()
                .pagination(Pagination::builder().limit(2).build())
                .build(),
        )
        .pages();
    let mut walked = Vec::new();
    while let Some(customer) = pages.next().await {
        walked.push(
            customer
                .expect("customer")
                .avangate_customer_reference
                .into_option()
                .expect("reference"),
        );
    }
    // 2 seeded + 5 created, in pages of 2: 4 pages, the last one short.
    assert_eq!(walked.len(), 7);
    let mut unique = walked.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 7, "no customer twice");
    assert_eq!(pages.pages_requested(), 4);
    let after = sandbox.stats();
    assert_eq!(
        (after.requests - after.logins) - (before.requests - before.logins),
        4
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn customer_information_by_single_sign_on_token() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let link = client
        .get_single_sign_on_by_customer("EXT-CUST-001", SsoCustomerType::ExternalCustomerReference)
        .await
        .expect("link");
    let token = link
        .split("logintoken=")
        .nth(1)
        .expect("a logintoken")
        .to_string();
    let john = client
        .get_customer_information_by_sso_token(token)
        .await
        .expect("john");
    assert_eq!(john.avangate_customer_reference.as_option(), Some(&JOHN));
    let cards = john.existing_cards.as_option().expect("cards");
    assert!(
        cards.iter().all(|c| c
            .transient_token
            .as_option()
            .is_some_and(|t| t.token.as_option().is_some())),
        "cards carry transient tokens when read by SSO token"
    );
    // A link made for a subscription logs in its customer.
    let link = client
        .get_single_sign_on("B7D8E72224")
        .await
        .expect("subscription link");
    let token = link.split("logintoken=").nth(1).expect("token").to_string();
    let ana = client
        .get_customer_information_by_sso_token(token)
        .await
        .expect("ana");
    assert_eq!(ana.avangate_customer_reference.as_option(), Some(&ANA));
    code_is(
        client
            .get_customer_information_by_sso_token("8b74ac97f8277654563c44da6915b054ba0d21be")
            .await,
        "INVALID_SSO_TOKEN",
    );
}

#[tokio::test]
async fn move_a_subscription_to_another_customer() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    assert!(
        client
            .set_subscription_customer(JOHNS_SUBSCRIPTION, ANA)
            .await
            .expect("moved")
    );
    let moved = client
        .get_subscription(JOHNS_SUBSCRIPTION)
        .await
        .expect("subscription");
    assert_eq!(moved.avangate_customer_reference.as_option(), Some(&ANA));
    assert!(moved.external_customer_reference.is_null());
    let anas = client
        .get_customer_subscriptions(Some(ANA))
        .await
        .expect("ana's subscriptions");
    assert!(
        anas.iter()
            .any(|s| s.subscription_reference == JOHNS_SUBSCRIPTION)
    );

    // Back to John, named by both references.
    assert!(
        client
            .set_subscription_customer(JOHNS_SUBSCRIPTION, JOHN)
            .external_customer_reference("EXT-CUST-001")
            .await
            .expect("moved back")
    );
    code_is(
        client
            .set_subscription_customer(JOHNS_SUBSCRIPTION, ANA)
            .external_customer_reference("EXT-CUST-001")
            .await,
        "INVALID_CUSTOMER_REFERENCE",
    );
    code_is(
        client
            .set_subscription_customer(JOHNS_SUBSCRIPTION, 1)
            .await,
        "INVALID_CUSTOMER_REFERENCE",
    );
    code_is(
        client.set_subscription_customer("NOSUCHREF0", JOHN).await,
        "INVALID_SUBSCRIPTION_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}
