//! The typed kit: seeding with the generated types and fixtures, decoded calls, scripted answers
//! chosen by the typed request, isolation between sandboxes, the blocking client.

use std::time::{Duration, Instant};

use twocheckout::prelude::*;
use twocheckout::{
    Customer, GetCustomerInformation, GetPartnerPricingLists, GetProductByCode, GetSubscription,
    PricingConfiguration, Product, SetPartner, Subscription,
};
use twocheckout_rpc::api::{Cm21, Rpc6};
use twocheckout_rpc::{Client, Credentials, RetryPolicy};
use twocheckout_testkit::{
    Endpoint, InspectExt, KitError, Outcome, RunningSandbox, Sandbox, SeedExt,
};

fn rpc6(sandbox: &RunningSandbox) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(
        sandbox.merchant_code(),
        sandbox.secret_key(),
    ))
    .endpoint(sandbox.rpc6_url())
    .retry_policy(RetryPolicy {
        max_attempts: 1,
        ..RetryPolicy::default()
    })
    .build()
    .expect("the client builds")
}

fn product(code: &str) -> Product {
    Product::builder()
        .product_code(code)
        .product_name("Kit product")
        .pricing_configurations(vec![
            PricingConfiguration::builder()
                .name("Default")
                .code("KITCFG")
                .default(true)
                .default_currency("EUR")
                .build(),
        ])
        .build()
}

#[tokio::test]
async fn typed_seeds_are_what_the_api_returns() {
    let sandbox = Sandbox::builder()
        .without_default_seed()
        .product(product("KIT-PRODUCT"))
        .customer(
            Customer::builder()
                .avangate_customer_reference(777_001)
                .email("kit@example.com")
                .build(),
        )
        .start()
        .await
        .expect("the sandbox starts");
    let client = rpc6(&sandbox);
    let fetched = client
        .get_product_by_code("KIT-PRODUCT")
        .await
        .expect("the seeded product");
    assert_eq!(fetched.product_name, "Kit product");
    assert_eq!(fetched.pricing_configurations.len(), 1);
    assert_eq!(
        fetched.pricing_configurations[0].code.as_deref(),
        Some("KITCFG")
    );
    let customer = client
        .get_customer_information(777_001)
        .await
        .expect("the seeded customer");
    assert_eq!(
        customer.email.as_option().map(String::as_str),
        Some("kit@example.com")
    );
    // Only what was seeded.
    assert!(
        client
            .get_product_by_code("NewProdCodeAPI12345")
            .await
            .is_err()
    );

    // The state reads back typed, and a missing record says where it looked.
    assert_eq!(
        sandbox.product("KIT-PRODUCT").expect("seeded").product_name,
        "Kit product"
    );
    assert_eq!(
        sandbox.subscription("NOPE").unwrap_err(),
        KitError::NotFound {
            collection: twocheckout_testkit::Collection::Subscriptions,
            key: "NOPE".into()
        }
    );
    assert_eq!(sandbox.all::<Product>().expect("products").len(), 1);
    sandbox.put(product("KIT-LATER")).expect("stored");
    client
        .get_product_by_code("KIT-LATER")
        .await
        .expect("added while running");
}

#[tokio::test]
async fn calls_decode_into_the_request_types_with_session_and_partner() {
    let sandbox = Sandbox::builder()
        .start()
        .await
        .expect("the sandbox starts");
    let client = rpc6(&sandbox);
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("seeded");
    client.get_subscription("30E47F8699").await.expect("seeded");
    client.get_subscription("XYZ23GHUJK").await.expect("seeded");

    let calls = sandbox.calls::<GetSubscription>().expect("decoded");
    let references: Vec<&str> = calls
        .iter()
        .map(|c| c.request.subscription_reference.as_str())
        .collect();
    assert_eq!(references, ["30E47F8699", "XYZ23GHUJK"]);
    assert!(calls[0].session.is_some());
    assert_eq!(calls[0].endpoint, Endpoint::Rpc6);
    assert!(calls[0].seq < calls[1].seq);
    assert_eq!(sandbox.count::<GetProductByCode>(), 1);
    assert_eq!(sandbox.count::<GetCustomerInformation>(), 0);

    let cm21 = Client::<Cm21>::builder(Credentials::new(
        sandbox.merchant_code(),
        sandbox.secret_key(),
    ))
    .endpoint(sandbox.cm21_url())
    .build()
    .expect("the client builds");
    cm21.with_partner("Test Avangate")
        .get_partner_pricing_lists()
        .await
        .expect("the partner's lists");
    let lists = sandbox
        .calls_on::<GetPartnerPricingLists>(Endpoint::Cm21)
        .expect("decoded");
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].partner.as_deref(), Some("Test Avangate"));
    let set = sandbox.calls::<SetPartner>().expect("decoded");
    assert_eq!(set[0].request.partner_code, "Test Avangate");
    assert_eq!(set[0].partner, None, "no partner before setPartner");
}

/// Posts a raw JSON-RPC body over plain HTTP/1.1 and returns the response text.
async fn post_raw(sandbox: &RunningSandbox, body: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .expect("connects");
    let request = format!(
        "POST /rpc/6.0/ HTTP/1.1\r\nHost: sandbox\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("answered");
    answer
}

#[tokio::test]
async fn a_call_that_does_not_fit_its_type_is_reported() {
    let sandbox = Sandbox::builder()
        .start()
        .await
        .expect("the sandbox starts");
    let client = rpc6(&sandbox);
    client.get_subscription("30E47F8699").await.expect("seeded");
    let session = sandbox.calls::<GetSubscription>().expect("decoded")[0]
        .session
        .clone()
        .expect("sent with a session");
    // The same wire name with a param of another shape, as hand-written code might send it.
    let body = serde_json::json!({
        "jsonrpc": "2.0", "id": 9, "method": "getSubscription",
        "params": [session, {"not": "a reference"}],
    });
    let answer = post_raw(&sandbox, &body.to_string()).await;
    assert!(answer.contains("INVALID_PARAMETER"), "{answer}");
    match sandbox.calls::<GetSubscription>() {
        Err(KitError::Decode { seq, error }) => {
            assert_eq!(seq, 3, "login, the good call, then this one");
            assert_eq!(error.method, "getSubscription");
            assert!(error.param.is_some(), "{error}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn scripted_answers_follow_the_typed_predicate_then_run_out() {
    let sandbox = Sandbox::builder()
        .start()
        .await
        .expect("the sandbox starts");
    let client = rpc6(&sandbox);
    sandbox
        .script::<GetSubscription>()
        .when(|request| request.subscription_reference == "XYZ23GHUJK")
        .times(2)
        .fail("INVALID_REFERENCE");
    client
        .get_subscription("30E47F8699")
        .await
        .expect("not picked");
    for _ in 0..2 {
        let error = client.get_subscription("XYZ23GHUJK").await.unwrap_err();
        assert!(error.to_string().contains("INVALID_REFERENCE"), "{error}");
    }
    client
        .get_subscription("XYZ23GHUJK")
        .await
        .expect("back to normal");

    let canned = Subscription::builder()
        .subscription_reference("CANNED0001")
        .recurring_enabled(false)
        .build();
    sandbox.script::<GetSubscription>().respond(canned.clone());
    assert_eq!(
        client.get_subscription("30E47F8699").await.expect("canned"),
        canned
    );

    sandbox.script::<GetSubscription>().http_status(503);
    assert!(client.get_subscription("30E47F8699").await.is_err());
    let last = sandbox.calls::<GetSubscription>().expect("decoded");
    assert_eq!(
        last.last().map(|c| c.outcome.clone()),
        Some(Outcome::Http(503))
    );

    sandbox
        .script::<GetSubscription>()
        .delay(Duration::from_millis(120));
    let started = Instant::now();
    client
        .get_subscription("30E47F8699")
        .await
        .expect("slow but fine");
    assert!(started.elapsed() >= Duration::from_millis(120));

    sandbox
        .script::<GetSubscription>()
        .always()
        .fail("INVALID_REFERENCE");
    for _ in 0..3 {
        assert!(client.get_subscription("30E47F8699").await.is_err());
    }
    sandbox.clear_rules();
    client
        .get_subscription("30E47F8699")
        .await
        .expect("rules cleared");
    assert_eq!(sandbox.pending_rules(), 0);
}

#[tokio::test]
async fn fixtures_seed_the_same_shapes_and_name_a_bad_entry() {
    let fixture = r#"{
        "subscriptions": [
            {"SubscriptionReference": "FIX0000001", "ExpirationDate": "2027-01-01", "RecurringEnabled": true},
            {"SubscriptionReference": "FIX0000002", "ExpirationDate": "2027-02-01"}
        ],
        "customers": [{"AvangateCustomerReference": 900001, "Email": "fixture@example.com"}]
    }"#;
    let dir = std::env::temp_dir().join(format!("twocheckout-testkit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join("fixture.json");
    std::fs::write(&path, fixture).expect("written");
    let sandbox = Sandbox::builder()
        .without_default_seed()
        .fixture_file(&path)
        .expect("the fixture loads")
        .start()
        .await
        .expect("the sandbox starts");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(sandbox.all::<Subscription>().expect("read").len(), 2);
    let client = rpc6(&sandbox);
    let fetched = client
        .get_subscription("FIX0000002")
        .await
        .expect("from the fixture");
    assert_eq!(
        fetched.expiration_date.as_option().map(|d| d.as_str()),
        Some("2027-02-01")
    );
    client
        .get_customer_information(900_001)
        .await
        .expect("from the fixture");

    let bad = Sandbox::builder()
        .fixture(r#"{"subscriptions": [{"SubscriptionReference": "OK"}, {"ExpirationDate": "2027-01-01"}]}"#)
        .unwrap_err();
    assert_eq!(bad.at, "subscriptions[1]");
    assert!(bad.to_string().starts_with("subscriptions[1]: "), "{bad}");
    let unknown = Sandbox::builder()
        .fixture(r#"{"widgets": []}"#)
        .unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "widgets: not a collection the sandbox seeds"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_sandboxes_run_side_by_side_without_sharing_anything() {
    let mut tasks = Vec::new();
    for n in 0..16u32 {
        tasks.push(tokio::spawn(async move {
            let reference = format!("PAR{n:07}");
            let sandbox = Sandbox::builder()
                .without_default_seed()
                .subscription(
                    Subscription::builder()
                        .subscription_reference(reference.clone())
                        .build(),
                )
                .start()
                .await
                .expect("the sandbox starts");
            sandbox.advance(Duration::from_secs(u64::from(n) * 86_400));
            let client = rpc6(&sandbox);
            for _ in 0..=n % 3 {
                client
                    .get_subscription(reference.clone())
                    .await
                    .expect("its own record");
            }
            let all = sandbox.all::<Subscription>().expect("read");
            assert_eq!(all.len(), 1);
            assert_eq!(sandbox.count::<GetSubscription>(), (n % 3 + 1) as usize);
            (sandbox.addr().port(), sandbox.today())
        }));
    }
    let mut ports = std::collections::BTreeSet::new();
    let mut days = std::collections::BTreeSet::new();
    for task in tasks {
        let (port, today) = task.await.expect("the task finished");
        ports.insert(port);
        days.insert(today);
    }
    assert_eq!(ports.len(), 16, "one port each");
    assert_eq!(days.len(), 16, "one clock each");
}

#[test]
fn the_same_kit_behind_the_blocking_client() {
    let sandbox = Sandbox::builder()
        .without_default_seed()
        .subscription(
            Subscription::builder()
                .subscription_reference("BLOCKING01")
                .build(),
        )
        .start_blocking()
        .expect("the sandbox starts");
    sandbox
        .script::<GetSubscription>()
        .when(|request| request.subscription_reference == "SCRIPTED01")
        .fail("INVALID_REFERENCE");
    let client = twocheckout_rpc::blocking::Client::<Rpc6>::from_builder(
        Client::<Rpc6>::builder(Credentials::new(
            sandbox.merchant_code(),
            sandbox.secret_key(),
        ))
        .endpoint(sandbox.rpc6_url()),
    )
    .expect("the client builds");
    let found = client
        .call(GetSubscription::new("BLOCKING01"))
        .expect("seeded");
    assert_eq!(found.subscription_reference, "BLOCKING01");
    assert!(client.call(GetSubscription::new("SCRIPTED01")).is_err());
    sandbox.advance(Duration::from_secs(3_600));
    client
        .call(GetSubscription::new("BLOCKING01"))
        .expect("logs in again");
    let calls = sandbox.calls::<GetSubscription>().expect("decoded");
    assert_eq!(
        calls.len(),
        4,
        "the retry after the expired session included"
    );
    assert_eq!(calls[2].outcome, Outcome::Error("SESSION_EXPIRED".into()));
}

#[tokio::test]
async fn orders_promotions_proposals_partners_and_resellers_seed_too() {
    use twocheckout::{Order, Partner, Promotion, Proposal, Reseller};
    let sandbox = Sandbox::builder()
        .order(
            Order::builder()
                .items(Vec::new())
                .ref_no("900000001")
                .currency("EUR")
                .build(),
        )
        .promotion(
            Promotion::builder()
                .name("Kit promotion")
                .code("KITPROMO")
                .build(),
        )
        .proposal(
            Proposal::builder()
                .proposal_id("00000000-0000-4000-8000-00000000c0de")
                .name("Kit proposal")
                .build(),
        )
        .partner(
            Partner::builder()
                .partner_code("Kit Partner")
                .company_name("Kit Ltd")
                .build(),
        )
        .reseller(
            Reseller::builder()
                .reseller_code("KITRESELL1")
                .company("Resold Ltd")
                .first_name("Ann")
                .last_name("Seller")
                .country("de")
                .partner_code("Kit Partner")
                .build(),
        )
        .start()
        .await
        .expect("the sandbox starts");
    let client = rpc6(&sandbox);
    let order = client
        .get_order("900000001")
        .await
        .expect("the seeded order");
    assert_eq!(order.currency.as_option().map(String::as_str), Some("EUR"));
    let promotion = client
        .get_promotion("KITPROMO")
        .await
        .expect("the seeded promotion");
    assert_eq!(promotion.name, "Kit promotion");
    let proposal = client
        .get_proposal_by_id("00000000-0000-4000-8000-00000000c0de")
        .await
        .expect("the seeded proposal");
    assert_eq!(
        proposal.name.as_option().map(String::as_str),
        Some("Kit proposal")
    );
    let cm21 = Client::<Cm21>::builder(Credentials::new(
        sandbox.merchant_code(),
        sandbox.secret_key(),
    ))
    .endpoint(sandbox.cm21_url())
    .build()
    .expect("the client builds");
    let partner = cm21
        .get_partner_by_code("Kit Partner")
        .await
        .expect("the seeded partner");
    assert_eq!(
        partner.company_name.as_option().map(String::as_str),
        Some("Kit Ltd")
    );
    // A session can act for the seeded partner.
    cm21.with_partner("Kit Partner")
        .call(twocheckout::GetPartnerPricingLists::new())
        .await
        .ok();
    assert_eq!(
        sandbox.calls::<SetPartner>().expect("decoded")[0].outcome,
        Outcome::Ok
    );
    assert_eq!(
        sandbox.reseller("KITRESELL1").expect("seeded").company,
        "Resold Ltd"
    );
    // The default records are still there.
    client
        .get_order("731522352")
        .await
        .expect("a documented sample order");
    assert_eq!(sandbox.stats().nonconforming, 0);
}
