//! The documented flows over the seeded records, over raw JSON. Every answer must also have the
//! shape the spec documents (`Stats::nonconforming`).

mod common;

use common::{Raw, assert_code, start};
use serde_json::{Value, json};

const PROPOSAL: &str = "0573e71d-38bb-4d61-88ca-b3c557517c68";

#[tokio::test]
async fn product_update_keeps_every_other_field() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let mut product = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    let before = product.clone();
    product["ProductName"] = json!("Edited_From_API_Again");
    product["AvangateId"] = json!("1");
    assert_eq!(
        raw.ok("updateProduct", json!([session, product])).await,
        true
    );
    let after = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(after["ProductName"], "Edited_From_API_Again");
    assert_eq!(
        after["AvangateId"], before["AvangateId"],
        "AvangateID is not editable"
    );
    let mut expected = before.clone();
    expected["ProductName"] = json!("Edited_From_API_Again");
    assert_eq!(after, expected);

    // A partial update keeps the fields it does not send, unknown fields included.
    let partial = json!({"ProductCode": "NewProdCodeAPI12345", "ProductName": "Renamed", "ProductGroupCode": "DBA13A4268",
        "TaxCategory": "T1", "PricingConfigurations": before["PricingConfigurations"], "Custom": {"kept": true}});
    raw.ok("updateProduct", json!([session, partial])).await;
    let after = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(after["ProductName"], "Renamed");
    // GroupName follows the (seeded) group the code names.
    assert_eq!(after["GroupName"], "Group from API");
    assert_eq!(after["Custom"], json!({"kept": true}));
    assert_eq!(after["LongDescription"], before["LongDescription"]);

    let error = raw
        .err("getProductByCode", json!([session, "NO_SUCH_PRODUCT"]))
        .await;
    assert_eq!(error["data"]["error_code"], error["code"]);
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn reseller_update_then_paginated_list() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let reseller = json!({"PartnerCode": "Test Avangate", "ResellerCode": "Q6WSZXXAA7", "FirstName": "test",
        "LastName": "test", "Company": "Test Partner 45", "Email": "test1111@example.com", "Country": "RO",
        "City": "bbbb", "Phone": null});
    assert_eq!(
        raw.ok("updateReseller", json!([session, reseller])).await,
        true
    );

    let first = raw
        .ok(
            "getPartnerResellers",
            json!([session, {"PartnerCode": "Test Avangate"}]),
        )
        .await;
    let first = first.as_array().expect("array");
    assert_eq!(first.len(), 10, "default Limit is 10");
    let updated = first
        .iter()
        .find(|r| r["ResellerCode"] == "Q6WSZXXAA7")
        .expect("on the first page");
    assert_eq!(updated["Company"], "Test Partner 45");
    assert_eq!(
        updated["PostalCode"], "4acbc843c0",
        "fields not sent are kept"
    );

    let second = raw
        .ok("getPartnerResellers", json!([session, {"PartnerCode": "Test Avangate", "SearchBy": {"Page": 2, "Limit": 10}}]))
        .await;
    assert_eq!(
        second.as_array().map(Vec::len),
        Some(4),
        "14 resellers: 10 + 4"
    );
    let all = raw
        .ok("getPartnerResellers", json!([session, {"PartnerCode": "Test Avangate", "SearchBy": {"Page": 1, "Limit": 150}}]))
        .await;
    assert_eq!(all.as_array().map(Vec::len), Some(14));
    assert!(
        all.as_array()
            .is_some_and(|r| r.iter().all(|r| r["PartnerCode"] == "Test Avangate"))
    );

    // A reseller of another partner cannot be updated through this one.
    let foreign = json!({"PartnerCode": "Test Avangate", "ResellerCode": "SP00000001", "FirstName": "x",
        "LastName": "y", "Company": "z", "Email": "a@b.c", "Country": "DE"});
    let error = raw.err("updateReseller", json!([session, foreign])).await;
    assert_code(&error, "INVALID_PARTNER_RESELLER_CODE");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn order_reseller_set_update_and_errors() {
    let sandbox = start().await;
    let cm21 = Raw::new(sandbox.cm21_url());
    let rpc6 = Raw::new(sandbox.rpc6_url());
    let session = cm21.login(&sandbox).await;
    cm21.ok("setPartner", json!([session, "Test Avangate"]))
        .await;

    let error = cm21
        .err("setOrderReseller", json!([session, "", "Q6WSZXXAA7"]))
        .await;
    assert_code(&error, "EMPTY_ORDER_REFERENCE");
    assert_eq!(error["message"], "Order reference not provided.");
    let error = cm21
        .err("setOrderReseller", json!([session, "731522351", "NOPE"]))
        .await;
    assert_code(&error, "INVALID_PARTNER_RESELLER_CODE");
    let error = cm21
        .err("getOrderReseller", json!([session, "731522352"]))
        .await;
    assert_code(&error, "INVALID_REFERENCE");

    cm21.ok(
        "setOrderReseller",
        json!([session, "731522351", "Q6WSZXXAA7"]),
    )
    .await;
    assert_eq!(
        cm21.ok("getOrderReseller", json!([session, "731522351"]))
            .await["ResellerCode"],
        "Q6WSZXXAA7"
    );

    let error = rpc6
        .err("updateOrderReseller", json!([session, {"PartnerCode": "Test Avangate", "ResellerCode": "DB6F1A946E", "OrderRefNo": 1}]))
        .await;
    assert_code(&error, "INVALID_ID_SALE");
    assert_eq!(error["message"], "Invalid order reference.");
    let reseller = rpc6
        .ok("updateOrderReseller", json!([session, {"PartnerCode": "Test Avangate", "ResellerCode": "DB6F1A946E", "OrderRefNo": 731522351}]))
        .await;
    assert_eq!(reseller["ResellerCode"], "DB6F1A946E");
    assert_eq!(
        cm21.ok("getOrderReseller", json!([session, "731522351"]))
            .await["ResellerCode"],
        "DB6F1A946E"
    );

    let created = cm21
        .ok(
            "createReseller",
            json!([session, {"ResellerCode": "", "FirstName": "New", "LastName": "One",
            "Company": "New Co", "Email": "new@example.com", "Country": "US"}]),
        )
        .await;
    assert!(created.as_str().is_some_and(|c| c.len() == 10), "{created}");
    let error = cm21
        .err(
            "createReseller",
            json!([session, {"ResellerCode": "", "FirstName": "New", "LastName": "One",
            "Company": "New Co", "Email": "not-an-email", "Country": "US"}]),
        )
        .await;
    assert_code(&error, "INVALID_RESELLER_EMAIL");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn cancel_and_notifications_show_in_searches() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;

    let all = raw
        .ok("searchSubscriptions", json!([session, {"Limit": 200}]))
        .await;
    let total = all.as_array().map_or(0, Vec::len);
    assert!(total >= 10, "seeded subscriptions: {total}");
    let page1 = raw.ok("searchSubscriptions", json!([session])).await;
    assert_eq!(page1.as_array().map(Vec::len), Some(10), "default Limit 10");
    let page2 = raw
        .ok(
            "searchSubscriptions",
            json!([session, {"Page": 2, "Limit": 10}]),
        )
        .await;
    assert_eq!(page2.as_array().map(Vec::len), Some(total - 10));

    assert_eq!(
        raw.ok(
            "cancelSubscription",
            json!([session, "30E47F8699", ["CHURN_REASON_OTHER"], "Moved away"])
        )
        .await,
        true
    );
    assert_eq!(
        raw.ok(
            "setRenewalNotificationStatus",
            json!([session, "30E47F8699", false])
        )
        .await,
        true
    );
    let disabled = raw
        .ok(
            "searchSubscriptions",
            json!([session, {"SubscriptionEnabled": false}]),
        )
        .await;
    let disabled = disabled.as_array().expect("array");
    assert_eq!(disabled.len(), 1);
    assert_eq!(disabled[0]["SubscriptionReference"], "30E47F8699");
    assert_eq!(disabled[0]["RecurringEnabled"], false);
    assert_eq!(disabled[0]["ReceiveNotifications"], false);
    let enabled = raw
        .ok(
            "searchSubscriptions",
            json!([session, {"SubscriptionEnabled": true, "Limit": 200}]),
        )
        .await;
    assert_eq!(enabled.as_array().map(Vec::len), Some(total - 1));

    let by_customer = raw
        .ok(
            "searchSubscriptions",
            json!([session, {"AvangateCustomerReference": 258075058, "Limit": 200}]),
        )
        .await;
    let listed = raw
        .ok("getCustomerSubscriptions", json!([session, 258075058]))
        .await;
    assert_eq!(by_customer, listed);
    let by_email = raw
        .ok("searchSubscriptions", json!([session, {"CustomerEmail": "john.doe@example.com", "ExactMatchEmail": true, "Limit": 200}]))
        .await;
    assert_eq!(
        by_email.as_array().map(Vec::len),
        listed.as_array().map(Vec::len)
    );
    let by_product = raw
        .ok(
            "searchSubscriptions",
            json!([session, {"ProductCodes": ["my_subscription_1"], "Limit": 200}]),
        )
        .await;
    assert!(by_product.as_array().is_some_and(|s| {
        !s.is_empty()
            && s.iter()
                .all(|s| s["Product"]["ProductCode"] == "my_subscription_1")
    }));

    let expiring = raw
        .ok("searchSubscriptions", json!([session, {"ExpireAfter": "2026-03-01", "ExpireBefore": "2026-04-30", "Limit": 200}]))
        .await;
    let expiring = expiring.as_array().expect("array");
    assert!(!expiring.is_empty());
    assert!(
        expiring.iter().all(|s| {
            let date = s["ExpirationDate"].as_str().unwrap_or_default();
            ("2026-03-01"..="2026-04-30").contains(&date)
        }),
        "{expiring:?}"
    );

    let error = raw
        .err("cancelSubscription", json!([session, "NOPE"]))
        .await;
    assert_code(&error, "INVALID_SUBSCRIPTION_REFERENCE");
    let error = raw
        .err(
            "cancelSubscription",
            json!([session, "5E1A000002", ["CHURN_REASON_COVID"], "why"]),
        )
        .await;
    assert_code(&error, "INVALID_PARAMETER");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn price_option_groups_are_checked_and_stored() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let group = json!({"Name": "Seats", "Code": "SEATS", "Type": "INTERVAL", "Required": true,
        "Options": [{"Name": "1-10", "Code": "S1", "ScaleMin": 1, "ScaleMax": 10},
                    {"Name": "11-20", "Code": "S2", "ScaleMin": 11, "ScaleMax": 20}]});
    assert_eq!(
        raw.ok("addPriceOptionGroup", json!([session, group])).await,
        true
    );
    let stored = raw
        .ok("getPriceOptionGroup", json!([session, "SEATS"]))
        .await;
    assert_eq!(stored[0]["Options"][1]["Code"], "S2");

    let error = raw
        .err("addPriceOptionGroup", json!([session, group]))
        .await;
    assert_eq!(error["data"]["error_code"], "DUPLICATE_PRICE_OPTION_GROUP");
    let overlapping = json!({"Name": "Bad", "Code": "BAD", "Type": "INTERVAL", "Required": true,
        "Options": [{"Name": "a", "Code": "A", "ScaleMin": 1, "ScaleMax": 10},
                    {"Name": "b", "Code": "B", "ScaleMin": 5, "ScaleMax": 20}]});
    let error = raw
        .err("addPriceOptionGroup", json!([session, overlapping]))
        .await;
    assert_eq!(error["data"]["error_code"], "INVALID_PRICE_OPTIONS");
    let empty = json!({"Name": "Empty", "Code": "EMPTY", "Type": "RADIO", "Required": false, "Options": []});
    let error = raw
        .err("addPriceOptionGroup", json!([session, empty]))
        .await;
    assert_eq!(error["data"]["error_code"], "INVALID_PRICE_OPTIONS");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn installments_come_from_the_order_total() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let order = json!({"Currency": "brl", "Country": "BR", "Language": "en",
        "Items": [{"Code": "my_subscription_1", "Quantity": 1}],
        "BillingDetails": {"FirstName": "F", "LastName": "L", "CountryCode": "BR", "Email": "customer@email.com"},
        "PaymentDetails": {"Type": "CC", "Currency": "brl"}});
    let options = raw.ok("getInstallments", json!([session, order])).await;
    let options = options.as_array().expect("array");
    assert_eq!(options.len(), 12);
    assert_eq!(
        options[0],
        json!({"Number": 1, "Amount": 500, "Currency": "BRL"})
    );
    // Whole amounts are written as integers, as the API writes them.
    assert_eq!(options[3]["Amount"], 125);
    assert_eq!(options[11]["Amount"], 41.67);

    let mut wire = order.clone();
    wire["PaymentDetails"]["Type"] = json!("WIRE");
    assert_eq!(
        raw.ok("getInstallments", json!([session, wire])).await,
        json!([]),
        "no installments without a card"
    );

    let mut usd = order.clone();
    usd["Currency"] = json!("usd");
    usd["Country"] = json!("US");
    assert_eq!(
        raw.ok("getInstallments", json!([session, usd])).await,
        json!([])
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn proposal_actions_follow_the_lifecycle() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let send = json!({"action": "SEND", "ExpirationDate": "2026-12-31T00:00:00+00:00",
        "SentBy": {"FirstName": "Ann", "LastName": "Manager", "Email": "ann@example.com"}});
    let sent = raw
        .ok("performAction", json!([session, PROPOSAL, send]))
        .await;
    assert_eq!(sent["status"], "sent");
    assert_eq!(sent["version"], 2);

    let error = raw
        .err(
            "performAction",
            json!([session, PROPOSAL, {"action": "reopen"}]),
        )
        .await;
    assert_eq!(error["data"]["error_code"], "INVALID_PROPOSAL_ACTION");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("sent")),
        "{error}"
    );

    let accepted = raw
        .ok(
            "performAction",
            json!([session, PROPOSAL, {"action": "Accept", "StatusComment": "Deal"}]),
        )
        .await;
    assert_eq!(accepted["status"], "accepted");
    assert_eq!(accepted["statusComment"], "Deal");
    let closed = raw
        .ok(
            "performAction",
            json!([session, PROPOSAL, {"action": "close"}]),
        )
        .await;
    assert_eq!(closed["status"], "closed_won");
    assert_eq!(closed["locked"], true);
    assert_eq!(
        raw.ok("getProposalById", json!([session, PROPOSAL])).await,
        closed
    );

    let error = raw
        .err(
            "performAction",
            json!([session, "00000000-0000-0000-0000-000000000000", {"action": "accept"}]),
        )
        .await;
    assert_eq!(error["data"]["error_code"], "PROPOSAL_NOT_FOUND");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn partner_subscription_upgrade_price_and_order() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let query = json!({"Items": [{"SubscriptionReference": "XYZ23GHUJK", "UpgradeProductCode": "NewProdCodeAPI12345_PRO",
        "Quantity": 5, "PricingOptions": [{"Code": "option30p"}]}],
        "ExtraDiscount": {"Value": 10, "Type": "FIXED"}, "ExtraMargin": {"Value": 10, "Type": "PERCENT"}});
    let price = raw
        .ok(
            "getPartnerSubscriptionsUpgradePrice",
            json!([session, query]),
        )
        .await;
    // (199 - 99) × 5 = 500; minus 10 fixed, minus 10 % of 500.
    assert_eq!(price["Currency"], "USD");
    assert_eq!(price["ExtraDiscount"], 10.0);
    assert_eq!(price["ExtraMargin"], 50.0);
    assert_eq!(price["NetPrice"], 440.0);

    let mut order = query.clone();
    order["ExternalReferenceNumber"] = json!("EXT-007");
    order["Comment"] = json!("API partner order for upgrade");
    let ref_no = raw
        .ok("upgradePartnerSubscriptions", json!([session, order]))
        .await;
    assert!(ref_no.as_str().is_some_and(|r| !r.is_empty()), "{ref_no}");
    let subscription = raw
        .ok("getSubscription", json!([session, "XYZ23GHUJK"]))
        .await;
    assert_eq!(
        subscription["Product"]["ProductCode"],
        "NewProdCodeAPI12345_PRO"
    );
    assert_eq!(subscription["Product"]["ProductQuantity"], 5);

    let unknown = json!({"Items": [{"SubscriptionReference": "NOPE", "UpgradeProductCode": "NewProdCodeAPI12345_PRO",
        "Quantity": "1", "PricingOptions": []}]});
    let error = raw
        .err(
            "getPartnerSubscriptionsUpgradePrice",
            json!([session, unknown]),
        )
        .await;
    assert_code(&error, "INVALID_SUBSCRIPTION_REFERENCE");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn cross_sell_search_filters_and_paginates() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let all = raw.ok("searchCrossSellCampaigns", json!([session])).await;
    assert_eq!(all.as_array().map(Vec::len), Some(3));
    let active = raw
        .ok(
            "searchCrossSellCampaigns",
            json!([session, {"Status": "ACTIVE"}]),
        )
        .await;
    assert_eq!(active.as_array().map(Vec::len), Some(2));
    let named = raw
        .ok(
            "searchCrossSellCampaigns",
            json!([session, {"CampaignName": "upgrade"}]),
        )
        .await;
    assert_eq!(named[0]["Name"], "Upgrade to Pro");
    let paged = raw
        .ok(
            "searchCrossSellCampaigns",
            json!([session, {"Pagination": {"Page": 2, "Limit": 2}}]),
        )
        .await;
    assert_eq!(paged.as_array().map(Vec::len), Some(1));
    let by_product = raw
        .ok(
            "searchCrossSellCampaigns",
            json!([session, {"Products": ["my_subscription_1"]}]),
        )
        .await;
    assert_eq!(by_product.as_array().map(Vec::len), Some(1));
    // The date window: every seeded campaign starts 2026-01-01 and has no end date.
    let count = |options: Value| {
        let raw = &raw;
        let session = &session;
        async move {
            raw.ok("searchCrossSellCampaigns", json!([session, options]))
                .await
                .as_array()
                .map(Vec::len)
        }
    };
    assert_eq!(count(json!({"StartDate": "2025-06-01"})).await, Some(3));
    assert_eq!(count(json!({"StartDate": "2026-01-01"})).await, Some(3));
    assert_eq!(count(json!({"StartDate": "2026-02-01"})).await, Some(0));
    assert_eq!(count(json!({"EndDate": "2030-12-31"})).await, Some(0));
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn concurrent_writers_do_not_lose_updates() {
    let sandbox = start().await;
    let raw = std::sync::Arc::new(Raw::new(sandbox.rpc6_url()));
    let session = raw.login(&sandbox).await;
    let mut tasks = Vec::new();
    for n in 0..32 {
        let raw = std::sync::Arc::clone(&raw);
        let session = session.clone();
        tasks.push(tokio::spawn(async move {
            let change = json!({"ProductCode": "NewProdCodeAPI12345", "ProductName": "P",
                "ProductGroupCode": "96A9F43B1B", "TaxCategory": "T", "PricingConfigurations": [],
                format!("Field{n}"): n});
            raw.ok("updateProduct", json!([session, change])).await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.expect("task"), Value::Bool(true));
    }
    let product = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    for n in 0..32 {
        assert_eq!(product[format!("Field{n}")], n, "update {n} kept");
    }
}

#[tokio::test]
async fn simple_readers_and_account_language() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    assert_eq!(
        raw.ok("setLanguageForMyAccount", json!([session, "de"]))
            .await,
        true
    );
    let error = raw
        .err("setLanguageForMyAccount", json!([session, "german"]))
        .await;
    assert_code(&error, "INVALID_PARAMETER");
    assert_eq!(
        raw.ok("getOrder", json!([session, "731522351"])).await["RefNo"],
        "731522351"
    );
    assert_code(
        &raw.err("getOrder", json!([session, "1"])).await,
        "INVALID_REFERENCE",
    );
    let customer = raw
        .ok("getCustomerInformation", json!([session, "258075058"]))
        .await;
    assert_eq!(customer["ExternalCustomerReference"], "EXT-CUST-001");
    let campaign = raw
        .ok(
            "getCrossSellCampaign",
            json!([session, "2Xrl83GEpeuCr3G3c6+9cg=="]),
        )
        .await;
    assert_eq!(campaign["Name"], "Upgrade to Pro");
    let listed = raw
        .ok(
            "getSubscriptions",
            json!([session, ["XYZ23GHUJK", "NOPE", "30E47F8699"]]),
        )
        .await;
    let references: Vec<&str> = listed
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["SubscriptionReference"].as_str())
        .collect();
    assert_eq!(references, ["XYZ23GHUJK", "30E47F8699"]);
    let details = raw
        .ok("getRenewalDetails", json!([session, "30E47F8699"]))
        .await;
    assert_eq!(details["recurringEnabled"], true);
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn documented_update_errors() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;

    // updateOrderReseller documents one code per missing field.
    for (missing, payload) in [
        (
            "ResellerCode",
            json!({"PartnerCode": "Test Avangate", "OrderRefNo": 731522351}),
        ),
        (
            "OrderRefNo",
            json!({"PartnerCode": "Test Avangate", "ResellerCode": "DB6F1A946E"}),
        ),
        (
            "ResellerCode",
            json!({"PartnerCode": "Test Avangate", "ResellerCode": "", "OrderRefNo": 731522351}),
        ),
    ] {
        let error = raw
            .err("updateOrderReseller", json!([session, payload]))
            .await;
        let code = format!("Missing required parameter: {missing}");
        assert_code(&error, &code);
    }

    // updateProduct cannot switch a pricing configuration between DYNAMIC and FLAT.
    let mut product = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    product["PricingConfigurations"][0]["PricingSchema"] = json!("DYNAMIC");
    let error = raw.err("updateProduct", json!([session, product])).await;
    assert_eq!(error["data"]["error_code"], "INVALID_PRICING_CONFIGURATION");
    let unchanged = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(
        unchanged["PricingConfigurations"][0]["PricingSchema"],
        "FLAT"
    );
}

#[tokio::test]
async fn merchant_subscription_upgrade() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let price = raw
        .ok(
            "getProductUpgradeOptionsPrice",
            json!([session, "30E47F8699", "NewProdCodeAPI12345_PRO", "usd", ""]),
        )
        .await;
    // 30E47F8699 holds one unit; the Pro product costs 199 USD.
    assert_eq!(price["BillingPrice"], 199.0);
    assert_eq!(price["BillingCurrency"], "USD");
    assert!(
        price["ProratedPrice"]
            .as_f64()
            .is_some_and(|p| (0.0..=100.0).contains(&p)),
        "{price}"
    );
    let error = raw
        .err(
            "getProductUpgradeOptionsPrice",
            json!([session, "30E47F8699", "NewProdCodeAPI12345_PRO", "JPY", ""]),
        )
        .await;
    assert_code(&error, "INVALID_CURRENCY");

    assert_eq!(
        raw.ok(
            "setSubscriptionUpgrade",
            json!([
                session,
                "30E47F8699",
                "NewProdCodeAPI12345_PRO",
                "PREMIUM;USERS_6_50"
            ])
        )
        .await,
        true
    );
    let subscription = raw
        .ok("getSubscription", json!([session, "30E47F8699"]))
        .await;
    assert_eq!(
        subscription["Product"]["ProductCode"],
        "NewProdCodeAPI12345_PRO"
    );
    assert_eq!(
        subscription["Product"]["PriceOptionCodes"],
        json!(["PREMIUM", "USERS_6_50"])
    );
    let error = raw
        .err(
            "setSubscriptionUpgrade",
            json!([session, "30E47F8699", "NOPE"]),
        )
        .await;
    assert_code(&error, "INVALID_PRODUCT");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

/// A product added with scalars in other forms than the spec's (a number for a name or a
/// description, a string for a boolean or a count) is stored in the declared forms, so later answers
/// built from it conform: the real API answers its canonical forms, whatever a request sent.
#[tokio::test]
async fn leniently_sent_scalars_are_answered_in_their_declared_forms() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let mut product = raw
        .ok("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    product["ProductCode"] = json!("LENIENT_1");
    product["ProductName"] = json!(1);
    product["ShortDescription"] = json!(7.5);
    // Declared as any JSON (payloads send `false`): kept as sent.
    product["ProductCategory"] = json!(false);
    product["Enabled"] = json!("true");
    product["PricingConfigurations"][0]["Prices"]["Regular"][0]["MinQuantity"] = json!("2");
    raw.ok("addProduct", json!([session, product])).await;

    let found = raw
        .ok("searchProducts", json!([session, {"Codes": ["LENIENT_1"]}]))
        .await;
    let found = found.as_array().and_then(|items| items.first()).cloned();
    let found = found.unwrap_or_else(|| panic!("LENIENT_1 is found"));
    assert_eq!(found["ProductName"], "1");
    assert_eq!(found["ShortDescription"], "7.5");
    assert_eq!(found["ProductCategory"], false);
    assert_eq!(found["Enabled"], true);
    assert_eq!(
        found["PricingConfigurations"][0]["Prices"]["Regular"][0]["MinQuantity"],
        2
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

/// The docs' createProposal sample (PascalCase keys, no name), then actions on the new
/// proposal, then its history: every version, newest first, a page at a time.
#[tokio::test]
async fn created_proposals_keep_their_version_history() {
    let sandbox = start().await;
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;
    let sample = json!({
        "Type": "acquisition",
        "BillTo": {"Company": "Billing company"},
        "Content": {"Language": "EN", "Currency": "USD", "LineItems": [{
            "ProductName": "My Product Name", "ProductCode": "5DCB30C6B0", "Quantity": 1,
            "Price": 54.2, "DiscountedPrice": 50, "PriceType": "net", "ContractPeriod": 0}]},
        "tac": {"content": "Lorem ipsum."},
        "SellTo": {"Company": "End user company"},
    });
    let created = raw.ok("createProposal", json!([session, sample])).await;
    let id = created["proposalId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(!id.is_empty(), "{created}");
    assert_eq!(created["status"], "opened");
    assert_eq!(created["version"], 1);
    assert_eq!(created["type"], "acquisition");
    assert_eq!(created["content"]["lineItems"][0]["price"], 54.2);
    assert_eq!(created["billTo"], json!({"Company": "Billing company"}));
    let read = raw.ok("getProposalById", json!([session, id])).await;
    assert_eq!(read, created);

    let send = json!({"action": "SEND", "ExpirationDate": "2026-12-31T00:00:00+00:00",
        "StatusComment": "first send",
        "SentBy": {"FirstName": "Ann", "LastName": "Manager", "Email": "ann@example.com"}});
    raw.ok("performAction", json!([session, id, send])).await;
    raw.ok("performAction", json!([session, id, {"action": "accept"}]))
        .await;
    let history = raw
        .ok(
            "searchProposalHistoryById",
            json!([session, id, {"Offset": 0, "Limit": 10}]),
        )
        .await;
    assert_eq!(history["Count"], 3);
    let versions: Vec<_> = history["Versions"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|p| (p["version"].clone(), p["status"].clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        versions,
        [
            (json!(3), json!("accepted")),
            (json!(2), json!("sent")),
            (json!(1), json!("opened"))
        ]
    );
    let page = raw
        .ok(
            "searchProposalHistoryById",
            json!([session, id, {"Offset": 1, "Limit": 1}]),
        )
        .await;
    assert_eq!(page["Versions"][0]["version"], 2);
    assert_eq!(page["Count"], 3);
    let commented = raw
        .ok(
            "searchProposalHistoryById",
            json!([session, id, {"Offset": 0, "Limit": 10, "HasStatusComment": "true"}]),
        )
        .await;
    // The accepted version keeps the comment the send left; the first has none.
    assert_eq!(commented["Count"], 2);

    let error = raw
        .err(
            "searchProposalHistoryById",
            json!([session, "no-such-proposal", {"Offset": 0, "Limit": 10}]),
        )
        .await;
    assert_code(&error, "PROPOSAL_NOT_FOUND");
    let error = raw
        .err("createProposal", json!([session, {"Type": "acquisition"}]))
        .await;
    assert_eq!(
        error["message"],
        "Missing required parameter: proposalContent"
    );
    let error = raw
        .err(
            "createProposal",
            json!([session, {"Content": {"LineItems": [{"Quantity": "many"}]}}]),
        )
        .await;
    assert_code(&error, "INVALID_PARAMETER");
    assert_eq!(sandbox.stats().nonconforming, 0);
}
