//! Products and product groups through the generated client against the in-process sandbox:
//! adding, reading, updating, searching (with the page walk), enabling and disabling products,
//! their upgrade schemas, and the product group methods.

use twocheckout::prelude::*;
use twocheckout::{
    Order, OrderItem, PricingConfiguration, PricingConfigurationPrices, PricingSchema, Product,
    ProductGroup, ProductPrice, ProductSearchOptions, ProductSearchOrder, ProductSortField,
    ProductType, ProductUpgradeSettings, SortDirection, UpgradeOptionPriceOperator,
};
use twocheckout_rpc::support::{Maybe, Money};
use twocheckout_tests::{code_is, rpc6, sandbox};

/// Seeded products, by code.
const BASIC: &str = "NewProdCodeAPI12345";
const PRO: &str = "NewProdCodeAPI12345_PRO";
const MONTHLY: &str = "my_subscription_1";
/// Seeded for the orders' samples: the test-order sample's product and a physical one.
const SAMPLE_ORDER_PRODUCT: &str = "5DCB30C6B0";
const TANGIBLE: &str = "my_product_code_1";
/// The seeded group every seeded product is in.
const GENERAL: &str = "96A9F43B1B";
/// The seeded group the documentation's update sample edits.
const SAMPLE_GROUP: &str = "DBA13A4268";

fn money(amount: &str) -> Money {
    amount.parse().expect("an amount")
}

fn new_product(code: &str, name: &str, usd: &str) -> Product {
    let price = ProductPrice::builder()
        .amount(money(usd))
        .currency("USD")
        .build();
    let config = PricingConfiguration::builder()
        .name(format!("{name} pricing"))
        .pricing_schema(PricingSchema::Dynamic)
        .default_currency("USD")
        .prices(
            PricingConfigurationPrices::builder()
                .regular(vec![price])
                .build(),
        )
        .build();
    Product::builder()
        .product_code(code)
        .product_name(name)
        .pricing_configurations(vec![config])
        .build()
}

fn codes(products: &[Product]) -> Vec<&str> {
    products.iter().map(|p| p.product_code.as_str()).collect()
}

#[tokio::test]
async fn an_added_product_is_read_back_with_its_system_fields() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let mut product = new_product("ANNUAL_2026", "Annual plan", "39.99");
    product.product_group_code = Some(SAMPLE_GROUP.to_string());
    assert!(client.add_product(product).await.expect("add"));

    let stored = client
        .get_product_by_code("ANNUAL_2026")
        .await
        .expect("get");
    let id = stored.avangate_id.expect("a system-generated id");
    assert!(id > 4_590_128, "a fresh id, got {id}");
    assert_eq!(
        stored.group_name.as_option().map(String::as_str),
        Some("Group from API")
    );
    assert_eq!(stored.enabled, Some(true));
    let config = &stored.pricing_configurations[0];
    assert!(config.code.as_deref().is_some_and(|c| c.len() == 10));
    assert_eq!(config.default, Some(true));
    let regular = config
        .prices
        .as_ref()
        .and_then(|p| p.regular.as_ref())
        .expect("regular prices");
    assert_eq!(regular[0].amount, money("39.99"));
    assert_eq!(regular[0].amount.to_string(), "39.99");

    // Read, change, write back: the change is visible to the next read.
    let mut changed = stored.clone();
    changed.product_name = "Annual plan, 2026".into();
    assert!(client.update_product(changed).await.expect("update"));
    let again = client
        .get_product_by_code("ANNUAL_2026")
        .await
        .expect("get");
    assert_eq!(again.product_name, "Annual plan, 2026");
    assert_eq!(again.avangate_id, Some(id));
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn add_product_errors() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(
        client.add_product(new_product(BASIC, "Again", "1")).await,
        "DUPLICATE_PRODUCT_CODE",
    );
    let mut lost = new_product("LOST_GROUP", "Lost", "1");
    lost.product_group_code = Some("NOSUCHGROUP".into());
    code_is(client.add_product(lost).await, "PRODUCT_GROUP_NOT_FOUND");
    let mut unpriced = new_product("UNPRICED", "Unpriced", "1");
    unpriced.pricing_configurations.clear();
    code_is(client.add_product(unpriced).await, "MISSING_PARAMETER");
    code_is(
        client.get_product_by_code("NOSUCHCODE").await,
        "PRODUCT_NOT_FOUND",
    );
    code_is(
        client
            .update_product(new_product("NOSUCHCODE", "x", "1"))
            .await,
        "PRODUCT_NOT_FOUND",
    );
}

#[tokio::test]
async fn search_products_filters_and_orders() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let everything = client.search_products().await.expect("search");
    assert_eq!(
        codes(&everything),
        [SAMPLE_ORDER_PRODUCT, BASIC, PRO, TANGIBLE, MONTHLY]
    );

    let by_name = client
        .search_products()
        .search_options(ProductSearchOptions::builder().name("via api, pro").build())
        .await
        .expect("by name");
    assert_eq!(codes(&by_name), [PRO]);

    let by_codes = client
        .search_products()
        .search_options(
            ProductSearchOptions::builder()
                .codes(vec![MONTHLY.to_string(), BASIC.to_string()])
                .build(),
        )
        .await
        .expect("by codes");
    assert_eq!(codes(&by_codes), [BASIC, MONTHLY]);

    let bundles = client
        .search_products()
        .search_options(
            ProductSearchOptions::builder()
                .types(vec![ProductType::Bundle])
                .build(),
        )
        .await
        .expect("bundles");
    assert!(bundles.is_empty());

    let ordered = |field, direction| {
        ProductSearchOptions::builder()
            .order_by(
                ProductSearchOrder::builder()
                    .field(field)
                    .direction(direction)
                    .build(),
            )
            .build()
    };
    let ascending = client
        .search_products()
        .search_options(ordered(ProductSortField::ProductName, SortDirection::Asc))
        .await
        .expect("ascending");
    assert_eq!(
        codes(&ascending),
        [MONTHLY, TANGIBLE, BASIC, PRO, SAMPLE_ORDER_PRODUCT]
    );
    let descending = client
        .search_products()
        .search_options(ordered(ProductSortField::AvangateId, SortDirection::Desc))
        .await
        .expect("descending");
    assert_eq!(
        codes(&descending),
        [SAMPLE_ORDER_PRODUCT, TANGIBLE, MONTHLY, PRO, BASIC]
    );

    let group = client
        .search_products()
        .search_options(
            ProductSearchOptions::builder()
                .group_name("general")
                .build(),
        )
        .await
        .expect("by group");
    assert_eq!(group.len(), 5);

    code_is(
        client
            .search_products()
            .search_options(ProductSearchOptions::builder().limit(201).build())
            .await,
        "INVALID_PARAMETER",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn search_products_walks_every_page() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    for n in 0..4 {
        let product = new_product(&format!("WALK_{n}"), &format!("Walk {n}"), "5");
        assert!(client.add_product(product).await.expect("add"));
    }
    let before = sandbox.stats();
    let mut pages = client
        .search_products()
        .search_options(ProductSearchOptions::builder().limit(2).build())
        .pages();
    let mut walked = Vec::new();
    while let Some(product) = pages.next().await {
        walked.push(product.expect("item").product_code);
    }
    assert_eq!(
        walked,
        [
            SAMPLE_ORDER_PRODUCT,
            BASIC,
            PRO,
            "WALK_0",
            "WALK_1",
            "WALK_2",
            "WALK_3",
            TANGIBLE,
            MONTHLY
        ]
    );
    // 9 products, 2 a page: pages 1-5, the last one short.
    assert_eq!(pages.pages_requested(), 5);
    let after = sandbox.stats();
    assert_eq!(
        (after.requests - after.logins) - (before.requests - before.logins),
        5
    );

    // The walk keeps the filters, and starts from the page asked for.
    let walk_only = client
        .search_products()
        .search_options(
            ProductSearchOptions::builder()
                .name("walk")
                .page(2)
                .limit(1)
                .build(),
        )
        .pages()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(codes(&walk_only), ["WALK_1", "WALK_2", "WALK_3"]);
}

#[tokio::test]
async fn a_disabled_product_is_found_as_disabled_and_cannot_be_ordered() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let order = || {
        Order::builder()
            .currency("BRL")
            .country("BR")
            .items(vec![OrderItem::builder().code(MONTHLY).quantity(1).build()])
            .build()
    };
    assert!(
        !client
            .get_installments(order())
            .await
            .expect("priced")
            .is_empty()
    );

    assert!(
        client
            .set_product_status(MONTHLY, false)
            .await
            .expect("disable")
    );
    assert_eq!(
        client
            .get_product_by_code(MONTHLY)
            .await
            .expect("get")
            .enabled,
        Some(false)
    );
    let disabled = client
        .search_products()
        .search_options(ProductSearchOptions::builder().enabled(false).build())
        .await
        .expect("disabled");
    assert_eq!(codes(&disabled), [MONTHLY]);
    code_is(client.get_installments(order()).await, "INVALID_PRODUCT");

    assert!(
        client
            .set_product_status(MONTHLY, true)
            .review_product_url("https://example.com/review")
            .review_additional_details("Reviewer account: review@example.com")
            .await
            .expect("enable")
    );
    let enabled = client
        .search_products()
        .search_options(ProductSearchOptions::builder().enabled(true).build())
        .await
        .expect("enabled");
    assert_eq!(enabled.len(), 5);
    assert!(
        !client
            .get_installments(order())
            .await
            .expect("priced")
            .is_empty()
    );
    code_is(
        client.set_product_status("NOSUCHCODE", true).await,
        "PRODUCT_NOT_FOUND",
    );
}

#[tokio::test]
async fn upgrade_schema_is_checked_and_kept() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let settings = ProductUpgradeSettings::builder()
        .pricing_scheme(2)
        .subscription_upgrade_type(3)
        .option_price_operator(UpgradeOptionPriceOperator::Subtract)
        .option_price_percentage(10)
        .prorate_ignore_grace_period(true)
        .build();
    let answer = client
        .set_product_upgrade_schema(PRO, settings.clone())
        .await
        .expect("set");
    assert_eq!(answer, serde_json::json!(true));
    code_is(
        client
            .set_product_upgrade_schema("NOSUCHCODE", settings.clone())
            .await,
        "PRODUCT_NOT_FOUND",
    );
    let mut wrong = settings;
    wrong.pricing_scheme = 5;
    code_is(
        client.set_product_upgrade_schema(PRO, wrong).await,
        "INVALID_PARAMETER",
    );
}

#[tokio::test]
async fn product_groups_are_added_listed_and_updated() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let before = client.get_product_groups().await.expect("groups");
    assert_eq!(before.len(), 2);

    // As the create sample: Code null, which the system replaces.
    let mut group = ProductGroup::builder()
        .name("New Product Group from API")
        .template_name("Default Template")
        .description("This is a generic description")
        .build();
    group.code = Maybe::Null;
    assert!(client.add_product_group(group).await.expect("add"));
    let groups = client.get_product_groups().await.expect("groups");
    assert_eq!(groups.len(), 3);
    let added = groups
        .iter()
        .find(|g| g.name == "New Product Group from API")
        .expect("the new group");
    let code = added.code.as_option().cloned().expect("a generated code");
    assert_eq!(code.len(), 10);
    assert_eq!(added.enabled, Some(true));

    let read = client.get_product_group(code.clone()).await.expect("get");
    assert_eq!(read.len(), 1);
    assert_eq!(
        read[0].description.as_option().map(String::as_str),
        Some("This is a generic description")
    );

    // Names are unique; a blank group is rejected.
    let twin = ProductGroup::builder()
        .name("new product group from api")
        .build();
    code_is(
        client.add_product_group(twin).await,
        "INVALID_PRODUCT_GROUP",
    );
    let blank = ProductGroup::builder().name("  ").build();
    code_is(
        client.add_product_group(blank).await,
        "INVALID_PRODUCT_GROUP",
    );

    // Renaming the seeded group renames it on its products.
    let mut general = client
        .get_product_group(GENERAL)
        .await
        .expect("get")
        .remove(0);
    general.name = "Core products".into();
    general.enabled = Some(false);
    assert!(client.update_product_group(general).await.expect("update"));
    let renamed = client.get_product_group(GENERAL).await.expect("get");
    assert_eq!(renamed[0].name, "Core products");
    assert_eq!(renamed[0].enabled, Some(false));
    let product = client.get_product_by_code(BASIC).await.expect("product");
    assert_eq!(
        product.group_name.as_option().map(String::as_str),
        Some("Core products")
    );
    let in_group = client
        .search_products()
        .search_options(
            ProductSearchOptions::builder()
                .group_name("Core products")
                .build(),
        )
        .await
        .expect("by group");
    assert_eq!(in_group.len(), 5);

    // A rename onto another group's name is rejected; unknown codes are errors.
    let clash = ProductGroup::builder()
        .name("Core products")
        .code(SAMPLE_GROUP)
        .build();
    code_is(
        client.update_product_group(clash).await,
        "INVALID_PRODUCT_GROUP",
    );
    let unknown = ProductGroup::builder()
        .name("Whatever")
        .code("NOSUCHGRP0")
        .build();
    code_is(
        client.update_product_group(unknown).await,
        "PRODUCT_GROUP_NOT_FOUND",
    );
    code_is(
        client.get_product_group("NOSUCHGRP0").await,
        "PRODUCT_GROUP_NOT_FOUND",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn the_update_group_sample_is_accepted() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let group = ProductGroup::builder()
        .name("New Product Group from API")
        .code(SAMPLE_GROUP)
        .template_name("Default Template")
        .description("This is a generic description")
        .enabled(false)
        .build();
    assert!(client.update_product_group(group).await.expect("update"));
    let read = client.get_product_group(SAMPLE_GROUP).await.expect("get");
    assert_eq!(read[0].name, "New Product Group from API");
    assert_eq!(read[0].enabled, Some(false));
}
