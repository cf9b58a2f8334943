//! SKUs through the generated client against the in-process sandbox: the seeded codes, a schema
//! with volume intervals and price options, looking codes up both ways, and searching them.

use twocheckout::prelude::*;
use twocheckout::{
    Pagination, PurchaseType, SkuCode, SkuDetailsQuery, SkuOptionGroup, SkuOptionValue,
    SkuPricingConfiguration, SkuQuantityInterval, SkuSchema, SkuSchemaProduct, SkuSearch,
    SkuSearchConfiguration, SkuSearchOptionGroup,
};
use twocheckout_tests::{code_is, rpc6, sandbox};

const BASIC: &str = "NewProdCodeAPI12345";
const BASIC_PC: &str = "NewProdCodeAPI12345_PC";

fn query(config: &str) -> SkuDetailsQuery {
    SkuDetailsQuery::builder()
        .pricing_configuration_code(config)
        .build()
}

#[tokio::test]
async fn a_seeded_sku_resolves_to_its_pricing_configuration() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // As the sample: configuration, currency, new purchase, quantity 1 (no options here).
    let mut details = query(BASIC_PC);
    details.currency = Some("USD".into());
    details.purchase_type = Some(PurchaseType::NewProduct);
    details.quantity = Some(1);
    let sku = client.get_sku_code_by_details(details).await.expect("code");
    assert_eq!(sku, format!("SKU-{BASIC_PC}-USD-1-99999-N"));
    // Currency and purchase type default to the configuration's and NEW_PRODUCT.
    assert_eq!(
        client
            .get_sku_code_by_details(query(BASIC_PC))
            .await
            .expect("code"),
        sku
    );

    let read = client.get_sku_details(sku.clone()).await.expect("details");
    assert_eq!(
        read.pricing_configuration_code
            .as_option()
            .map(String::as_str),
        Some(BASIC_PC)
    );
    assert_eq!(
        read.product_code.as_option().map(String::as_str),
        Some(BASIC)
    );
    assert_eq!(read.currency.as_option().map(String::as_str), Some("USD"));
    assert_eq!(
        read.purchase_type.as_option(),
        Some(&PurchaseType::NewProduct)
    );
    assert_eq!(read.from_quantity.as_option(), Some(&1));
    assert_eq!(read.to_quantity.as_option(), Some(&99_999));

    let mut renewal = query(BASIC_PC);
    renewal.currency = Some("BRL".into());
    renewal.purchase_type = Some(PurchaseType::Renewal);
    assert_eq!(
        client
            .get_sku_code_by_details(renewal)
            .await
            .expect("renewal"),
        format!("SKU-{BASIC_PC}-BRL-1-99999-R")
    );

    code_is(client.get_sku_details("SKU-NOPE").await, "SKU_NOT_FOUND");
    let mut euro = query(BASIC_PC);
    euro.currency = Some("EUR".into());
    code_is(client.get_sku_code_by_details(euro).await, "SKU_NOT_FOUND");
    code_is(
        client.get_sku_code_by_details(query("NOPE")).await,
        "PRICING_CONFIGURATION_NOT_FOUND",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

fn schema(volume: Vec<Vec<i64>>, groups: &[&str]) -> SkuSchema {
    let config = SkuPricingConfiguration::builder()
        .code(BASIC_PC)
        .volume_discounts(volume)
        .option_groups(
            groups
                .iter()
                .map(|g| SkuOptionGroup::builder().code(*g).build())
                .collect::<Vec<_>>(),
        )
        .build();
    SkuSchema::builder()
        .products(vec![
            SkuSchemaProduct::builder()
                .code(BASIC)
                .currencies(vec!["USD".to_string(), "EUR".to_string()])
                .purchase_types(vec![PurchaseType::NewProduct, PurchaseType::Renewal])
                .pricing_configuration_codes(vec![config])
                .build(),
        ])
        .build()
}

#[tokio::test]
async fn a_schema_makes_every_combination_and_search_finds_them() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // As the sample: two currencies, two purchase types, intervals [1, 3] and [4, 7], one group.
    let answer = client
        .get_schema(schema(vec![vec![1, 3], vec![4, 7]], &["SUPPORT"]))
        .await
        .expect("schema");
    let made = answer.to_value();
    let details = made[0]["Details"].as_array().expect("details");
    // 2 currencies × 2 purchase types × 2 intervals × 2 options (STANDARD, PREMIUM).
    assert_eq!(details.len(), 16, "{made}");
    assert_eq!(made[0]["PricingConfigurationCode"], BASIC_PC);

    let mut lookup = query(BASIC_PC);
    lookup.currency = Some("EUR".into());
    lookup.quantity = Some(5);
    lookup.price_options = Some(vec!["PREMIUM".into()]);
    let sku = client.get_sku_code_by_details(lookup).await.expect("code");
    assert_eq!(sku, format!("SKU-{BASIC_PC}-EUR-4-7-N-PREMIUM"));
    let read = client.get_sku_details(sku).await.expect("details");
    assert_eq!(
        read.price_options
            .as_option()
            .map(|o| o.iter().map(|j| j.to_value()).collect::<Vec<_>>()),
        Some(vec![serde_json::json!("PREMIUM")])
    );

    // As the search sample: EUR renewals of quantities 1-10, a page of 10.
    let search = SkuSearch::builder()
        .product_code(BASIC)
        .pricing_configurations(vec![
            SkuSearchConfiguration::builder()
                .code(BASIC_PC)
                .currencies(vec![SkuCode::builder().code("EUR").build()])
                .purchase_types(vec![SkuCode::builder().code("RENEWAL").build()])
                .quantity_intervals(vec![
                    SkuQuantityInterval::builder()
                        .min_quantity(1)
                        .max_quantity(10)
                        .build(),
                ])
                .build(),
        ])
        .pagination(Pagination::builder().page(1).limit(3).build())
        .build();
    let found = client
        .search_sku(search.clone())
        .await
        .expect("search")
        .to_value();
    assert_eq!(found["Pagination"]["Count"], 4, "{found}");
    let page = found["Items"][BASIC]["Details"]
        .as_array()
        .expect("details");
    assert_eq!(page.len(), 3);
    assert!(
        page.iter()
            .all(|d| d["Currency"] == "EUR" && d["PurchaseTypes"] == "RENEWAL")
    );
    assert_eq!(page[0]["Groups"][0]["GroupCode"], "SUPPORT");

    let mut premium = search;
    premium.pagination = None;
    if let Some(config) = premium.pricing_configurations.first_mut() {
        config.price_option_groups = Some(vec![
            SkuSearchOptionGroup::builder()
                .code("SUPPORT")
                .options(vec![
                    SkuOptionValue::builder().option_value("PREMIUM").build(),
                ])
                .build(),
        ]);
    }
    let found = client.search_sku(premium).await.expect("search").to_value();
    assert_eq!(found["Pagination"]["Count"], 2, "{found}");

    code_is(
        client.get_schema(schema(vec![vec![5, 2]], &[])).await,
        "INVALID_PARAMETER",
    );
    code_is(
        client.get_schema(schema(vec![vec![1, 3]], &["NOPE"])).await,
        "INVALID_PRICE_OPTION_GROUP",
    );
    let mut other_product = schema(vec![vec![1, 3]], &[]);
    other_product.products[0].code = "NewProdCodeAPI12345_PRO".into();
    code_is(
        client.get_schema(other_product).await,
        "PRICING_CONFIGURATION_NOT_FOUND",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}
