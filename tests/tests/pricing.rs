//! Pricing configurations and price option groups through the generated client against the
//! in-process sandbox: adding, updating and reading configurations, and searching (with the page
//! walk) and updating price option groups.

use twocheckout::prelude::*;
use twocheckout::{
    PriceOption, PriceOptionCodes, PriceOptionGroupSearch, PriceOptionGroupType, PriceOptionsGroup,
    PriceType, PricingConfiguration, PricingConfigurationPrices, PricingSchema, ProductPrice,
    Translation,
};
use twocheckout_rpc::support::{Maybe, Money};
use twocheckout_tests::{code_is, rpc6, sandbox};

/// A seeded product with one FLAT configuration, `NewProdCodeAPI12345_PC`.
const BASIC: &str = "NewProdCodeAPI12345";
const BASIC_PC: &str = "NewProdCodeAPI12345_PC";

fn money(amount: &str) -> Money {
    amount.parse().expect("an amount")
}

fn price(amount: &str, currency: &str, min: i64, max: i64) -> ProductPrice {
    ProductPrice::builder()
        .amount(money(amount))
        .currency(currency)
        .min_quantity(min)
        .max_quantity(max)
        .build()
}

/// The add sample's configuration: DYNAMIC, NET, USD, for Romania and Germany.
fn sample_configuration() -> PricingConfiguration {
    let mut regular = price("69.09", "USD", 1, 35);
    regular.option_codes = Maybe::Value(vec![
        PriceOptionCodes::builder()
            .code("SUPPORT")
            .options(vec!["STANDARD".to_string()])
            .build(),
    ]);
    PricingConfiguration::builder()
        .name("New Pricing Configuration Through API")
        .default(true)
        .billing_countries(vec!["RO".to_string(), "DE".to_string()])
        .pricing_schema(PricingSchema::Dynamic)
        .price_type(PriceType::Net)
        .default_currency("USD")
        .prices(
            PricingConfigurationPrices::builder()
                .regular(vec![regular])
                .build(),
        )
        .build()
}

fn regular(config: &PricingConfiguration) -> &[ProductPrice] {
    config
        .prices
        .as_ref()
        .and_then(|p| p.regular.as_deref())
        .unwrap_or_default()
}

#[tokio::test]
async fn an_added_configuration_is_read_back_every_way() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    assert!(
        client
            .add_pricing_configuration(sample_configuration(), BASIC)
            .await
            .expect("add")
    );
    let configs = client.get_pricing_configurations(BASIC).await.expect("all");
    assert_eq!(configs.len(), 2);
    // The new one is the default now; there is one default.
    assert_eq!(configs[0].code.as_deref(), Some(BASIC_PC));
    assert_eq!(configs[0].default, Some(false));
    let added = &configs[1];
    assert_eq!(added.default, Some(true));
    let code = added.code.clone().expect("a generated code");
    assert_eq!(code.len(), 10);
    assert_eq!(regular(added)[0].amount.to_string(), "69.09");
    assert_eq!(regular(added)[0].max_quantity, Some(35));

    let by_code = client
        .get_pricing_configuration_by_code(BASIC, code.clone())
        .await
        .expect("by code");
    assert_eq!(by_code.name, "New Pricing Configuration Through API");
    let by_name = client
        .get_pricing_configuration_by_name(
            BASIC,
            "New Pricing Configuration Through API",
            PricingSchema::Dynamic,
        )
        .price_type(PriceType::Net)
        .await
        .expect("by name");
    assert_eq!(by_name.code.as_deref(), Some(code.as_str()));
    // The product read shows the same configurations.
    let product = client.get_product_by_code(BASIC).await.expect("product");
    assert_eq!(product.pricing_configurations, configs);

    code_is(
        client
            .get_pricing_configuration_by_name(
                BASIC,
                "New Pricing Configuration Through API",
                PricingSchema::Flat,
            )
            .await,
        "PRICING_CONFIGURATION_NOT_FOUND",
    );
    code_is(
        client
            .get_pricing_configuration_by_name(
                BASIC,
                "New Pricing Configuration Through API",
                PricingSchema::Dynamic,
            )
            .price_type(PriceType::Gross)
            .await,
        "PRICING_CONFIGURATION_NOT_FOUND",
    );
    code_is(
        client
            .get_pricing_configuration_by_code(BASIC, "NOPE")
            .await,
        "PRICING_CONFIGURATION_NOT_FOUND",
    );
    code_is(
        client.get_pricing_configurations("NOSUCHCODE").await,
        "PRODUCT_NOT_FOUND",
    );
    code_is(
        client
            .add_pricing_configuration(sample_configuration(), "NOSUCHCODE")
            .await,
        "PRODUCT_NOT_FOUND",
    );
    // A second configuration of the same name is refused.
    code_is(
        client
            .add_pricing_configuration(sample_configuration(), BASIC)
            .await,
        "INVALID_PRICING_CONFIGURATION",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn updates_keep_code_schema_and_intervals() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let mut config = client
        .get_pricing_configuration_by_code(BASIC, BASIC_PC)
        .await
        .expect("read");
    // As the update sample: a renewal price, and a new regular amount on the same interval.
    let mut prices = config.prices.clone().expect("prices");
    let mut regular_prices = prices.regular.clone().expect("regular");
    regular_prices[0].amount = money("89.50");
    prices.regular = Some(regular_prices);
    prices.renewal = Some(vec![price("10", "USD", 1, 99_999)]);
    config.prices = Some(prices);
    assert!(
        client
            .update_pricing_configuration(config.clone(), BASIC)
            .await
            .expect("update")
    );
    let read = client
        .get_pricing_configuration_by_code(BASIC, BASIC_PC)
        .await
        .expect("read");
    // The sandbox keeps JSON numbers, so the amount comes back as 89.5: the same amount.
    assert_eq!(regular(&read)[0].amount, money("89.50"));
    let renewal = read
        .prices
        .as_ref()
        .and_then(|p| p.renewal.as_ref())
        .expect("renewal");
    assert_eq!(renewal[0].amount, money("10"));

    let mut switched = read.clone();
    switched.pricing_schema = Some(PricingSchema::Dynamic);
    code_is(
        client.update_pricing_configuration(switched, BASIC).await,
        "INVALID_PRICING_CONFIGURATION",
    );
    let mut moved = read.clone();
    if let Some(prices) = moved.prices.as_mut() {
        prices.regular = Some(vec![price("5", "USD", 2, 10)]);
    }
    code_is(
        client.update_pricing_configuration(moved, BASIC).await,
        "INVALID_PRICING_CONFIGURATION",
    );
    let mut unknown = read.clone();
    unknown.code = Some("NOPE".into());
    code_is(
        client.update_pricing_configuration(unknown, BASIC).await,
        "PRICING_CONFIGURATION_NOT_FOUND",
    );
    // Nothing of the refused updates was kept.
    let after = client
        .get_pricing_configuration_by_code(BASIC, BASIC_PC)
        .await
        .expect("read");
    assert_eq!(after, read);
}

fn group_codes(groups: &[PriceOptionsGroup]) -> Vec<&str> {
    groups
        .iter()
        .filter_map(|g| g.code.as_option().map(String::as_str))
        .collect()
}

fn option(name: &str, code: &str, min: i64, max: i64) -> PriceOption {
    PriceOption::builder()
        .name(name)
        .code(code)
        .scale_min(min)
        .scale_max(max)
        .build()
}

#[tokio::test]
async fn search_price_option_groups_filters_and_walks() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let all = client.search_price_option_groups().await.expect("all");
    assert_eq!(group_codes(&all), ["SUPPORT", "USERS"]);

    // As the search sample: RADIO groups, page 1 of 200 in a Pagination object.
    let radio = client
        .search_price_option_groups()
        .price_option_group_search(
            PriceOptionGroupSearch::builder()
                .types(vec![PriceOptionGroupType::Radio])
                .pagination(
                    twocheckout::Pagination::builder()
                        .page(1)
                        .limit(200)
                        .build(),
                )
                .build(),
        )
        .await
        .expect("radio");
    assert_eq!(group_codes(&radio), ["SUPPORT"]);
    let by_name = client
        .search_price_option_groups()
        .price_option_group_search(PriceOptionGroupSearch::builder().name("users").build())
        .await
        .expect("by name");
    assert_eq!(group_codes(&by_name), ["USERS"]);

    let extra = PriceOptionsGroup::builder()
        .name("Backup")
        .code("BACKUP")
        .type_(PriceOptionGroupType::Checkbox)
        .options(vec![option("Daily", "DAILY", 0, 0)])
        .build();
    assert!(client.add_price_option_group(extra).await.expect("add"));
    let walked = client
        .search_price_option_groups()
        .price_option_group_search(PriceOptionGroupSearch::builder().limit(1).build())
        .pages()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(group_codes(&walked), ["BACKUP", "SUPPORT", "USERS"]);
    code_is(
        client
            .search_price_option_groups()
            .price_option_group_search(PriceOptionGroupSearch::builder().page(0).build())
            .await,
        "INVALID_PARAMETER",
    );
}

#[tokio::test]
async fn an_updated_price_option_group_keeps_code_and_required() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let search = || {
        client
            .search_price_option_groups()
            .price_option_group_search(
                PriceOptionGroupSearch::builder()
                    .types(vec![PriceOptionGroupType::Interval])
                    .build(),
            )
    };
    // As the update sample: read it with a search, rename it through Translations, send it back.
    let mut users = search().await.expect("search").remove(0);
    assert_eq!(users.required, Some(true));
    users.translations = Maybe::Value(vec![
        Translation::builder().name("Seats").language("EN").build(),
    ]);
    users.required = Some(false);
    users
        .options
        .push(option("51-100 users", "USERS_51_100", 51, 100));
    let answer = client
        .update_price_option_group(users.clone())
        .await
        .expect("update");
    assert_eq!(answer, serde_json::json!(true));
    let read = client
        .get_price_option_group("USERS")
        .await
        .expect("get")
        .remove(0);
    assert_eq!(read.required, Some(true), "Required cannot be changed");
    assert_eq!(read.options.len(), 3);
    let translations = read.translations.as_option().expect("translations");
    assert_eq!(translations[0].name, "Seats");

    let mut overlapping = read.clone();
    overlapping
        .options
        .push(option("90-200 users", "USERS_90_200", 90, 200));
    code_is(
        client.update_price_option_group(overlapping).await,
        "INVALID_PRICE_OPTIONS",
    );
    let mut empty = read.clone();
    empty.options.clear();
    code_is(
        client.update_price_option_group(empty).await,
        "INVALID_PRICE_OPTIONS",
    );
    let mut unknown = read;
    unknown.code = Maybe::Value("NOPE".into());
    code_is(
        client.update_price_option_group(unknown).await,
        "INVALID_PRICE_OPTION_GROUP",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn assigned_groups_follow_the_pricing_configurations() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let codes = |groups: Vec<PriceOptionsGroup>| -> Vec<String> {
        groups
            .into_iter()
            .map(|g| g.code.as_option().cloned().unwrap_or_default())
            .collect()
    };
    let assigned = client
        .get_assigned_price_option_groups(BASIC)
        .await
        .expect("assigned");
    assert_eq!(codes(assigned), ["SUPPORT"]);

    // Assigning USERS to the configuration makes it one of the product's groups, after SUPPORT.
    let mut config = client
        .get_pricing_configuration_by_code(BASIC, BASIC_PC)
        .await
        .expect("read");
    let mut options = config
        .price_options
        .as_option()
        .cloned()
        .unwrap_or_default();
    options.push(
        twocheckout::AssignedPriceOptionGroup::builder()
            .code("USERS")
            .required(true)
            .build(),
    );
    config.price_options = Maybe::Value(options);
    assert!(
        client
            .update_pricing_configuration(config, BASIC)
            .await
            .expect("update")
    );
    let assigned = client
        .get_assigned_price_option_groups(BASIC)
        .await
        .expect("assigned");
    assert_eq!(codes(assigned), ["SUPPORT", "USERS"]);

    code_is(
        client
            .get_assigned_price_option_groups("NO_SUCH_PRODUCT")
            .await,
        "PRODUCT_NOT_FOUND",
    );
}
