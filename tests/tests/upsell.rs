//! Upsell campaigns through the generated client against the in-process sandbox: creating,
//! replacing, searching and deleting them, and the display setting.

use twocheckout::prelude::*;
use twocheckout::{
    AmountType, UpsellCampaign, UpsellDiscount, UpsellDiscountAmount, UpsellProduct,
    UpsellSearchOptions, UpsellStatus, UpsellingDisplayType,
};
use twocheckout_rpc::support::Money;
use twocheckout_tests::{code_is, rpc6, sandbox};

const BASIC: &str = "NewProdCodeAPI12345";
const PRO: &str = "NewProdCodeAPI12345_PRO";
const MONTHLY: &str = "my_subscription_1";
/// Seeded: enabled, no end date, PERCENT 15, Basic → Pro.
const BASIC_TO_PRO: &str = "f4b76ac3-6b2e-492f-a468-b34103876470";
/// Seeded: ended on 2025-12-31.
const WINTER: &str = "72937a15-1ffd-43b9-90b2-210d03dcd754";
/// Seeded: switched off.
const PAUSED: &str = "0c3f2b8e-5d41-4a9e-9b1a-6f7e2d3c4b5a";

fn product(code: &str, quantity: i64) -> UpsellProduct {
    UpsellProduct::builder()
        .code(code)
        .quantity(quantity)
        .build()
}

fn percent(value: i64) -> UpsellDiscount {
    UpsellDiscount::builder()
        .type_(AmountType::Percent)
        .value(value)
        .build()
}

fn campaign(
    name: &str,
    primary: &str,
    recommended: &str,
    discount: UpsellDiscount,
) -> UpsellCampaign {
    UpsellCampaign::builder()
        .name(name)
        .start_date("2026-06-01")
        .end_date("2099-06-30")
        .display_for_manual_renewals(true)
        .discount(discount)
        .primary_product(product(primary, 1))
        .recommended_product(product(recommended, 1))
        .build()
}

fn codes(campaigns: &[UpsellCampaign]) -> Vec<String> {
    let mut codes: Vec<String> = campaigns
        .iter()
        .filter_map(|c| c.code.as_option().cloned())
        .collect();
    codes.sort();
    codes
}

async fn search(
    client: &twocheckout_rpc::Client<twocheckout_rpc::api::Rpc6>,
    options: UpsellSearchOptions,
) -> (Vec<UpsellCampaign>, i64) {
    let page = client
        .search_upsell_campaigns()
        .search_options(options)
        .await
        .expect("search");
    (
        page.upsells.unwrap_or_default(),
        page.upsells_count.unwrap_or_default(),
    )
}

#[tokio::test]
async fn a_created_campaign_is_found_replaced_and_deleted() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let created = client
        .create_up_sell_campaign(campaign("Monthly to Pro", MONTHLY, PRO, percent(20)))
        .await
        .expect("create");
    let code = created.code.as_option().cloned().expect("a generated code");
    assert_eq!(code.len(), 36, "a UUID: {code}");
    assert_eq!(created.enabled.as_option(), Some(&true));
    assert_eq!(created.name, "Monthly to Pro");

    let by_code = UpsellSearchOptions::builder()
        .campaign_codes(vec![code.clone()])
        .build();
    let (found, count) = search(&client, by_code.clone()).await;
    assert_eq!(count, 1);
    assert_eq!(found, vec![created.clone()]);

    let mut replacement = campaign(
        "Monthly to Pro, fixed",
        MONTHLY,
        PRO,
        UpsellDiscount::builder()
            .type_(AmountType::Fixed)
            .values(vec![
                UpsellDiscountAmount::builder()
                    .currency("USD")
                    .amount(Money::from(5))
                    .build(),
                UpsellDiscountAmount::builder()
                    .currency("EUR")
                    .amount("4.50".parse::<Money>().expect("amount"))
                    .build(),
            ])
            .default_currency("USD")
            .build(),
    );
    replacement.display_for_manual_renewals = false;
    let updated = client
        .update_up_sell_campaign(code.clone(), replacement)
        .await
        .expect("update");
    assert_eq!(updated.code.as_option(), Some(&code));
    assert_eq!(updated.name, "Monthly to Pro, fixed");
    let (found, _) = search(&client, by_code.clone()).await;
    assert_eq!(found, vec![updated.clone()]);
    let amounts = found[0].discount.values.as_option().expect("values");
    assert_eq!(amounts[1].amount, "4.5".parse::<Money>().expect("amount"));
    let (renewals, _) = search(
        &client,
        UpsellSearchOptions::builder()
            .campaign_codes(vec![code.clone()])
            .enabled_for_renewals(true)
            .build(),
    )
    .await;
    assert!(renewals.is_empty(), "no longer shown on manual renewals");

    client
        .delete_upsell_campaign(code.clone())
        .await
        .expect("delete");
    let (found, count) = search(&client, by_code).await;
    assert_eq!((found.len(), count), (0, 0));
    code_is(
        client.delete_upsell_campaign(code.clone()).await,
        "UPSELL_CAMPAIGN_NOT_FOUND",
    );
    code_is(
        client
            .update_up_sell_campaign(code, campaign("Gone", MONTHLY, PRO, percent(5)))
            .await,
        "UPSELL_CAMPAIGN_NOT_FOUND",
    );
}

#[tokio::test]
async fn the_delete_errors_are_the_documented_ones() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(
        client.delete_upsell_campaign("").await,
        "UPSELL_CAMPAIGN_CODE_EMPTY",
    );
    code_is(
        client
            .delete_upsell_campaign("f4b76ac3-6b2e-492f-a468-b34103876470-and-more")
            .await,
        "UPSELL_CAMPAIGN_CODE_TOO_LONG",
    );
    code_is(
        client.delete_upsell_campaign("test").await,
        "UPSELL_CAMPAIGN_NOT_FOUND",
    );
}

#[tokio::test]
async fn inconsistent_campaigns_are_refused() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(
        client
            .create_up_sell_campaign(campaign("Ghost", "NO_SUCH_PRODUCT", PRO, percent(10)))
            .await,
        "PRODUCT_NOT_FOUND",
    );
    code_is(
        client
            .create_up_sell_campaign(campaign("Too much", BASIC, PRO, percent(101)))
            .await,
        "INVALID_UPSELL_CAMPAIGN",
    );
    let no_default = UpsellDiscount::builder()
        .type_(AmountType::Fixed)
        .values(vec![
            UpsellDiscountAmount::builder()
                .currency("USD")
                .amount(Money::from(5))
                .build(),
        ])
        .default_currency("EUR")
        .build();
    code_is(
        client
            .create_up_sell_campaign(campaign("No EUR", BASIC, PRO, no_default))
            .await,
        "INVALID_UPSELL_CAMPAIGN",
    );
    let mut backwards = campaign("Backwards", BASIC, PRO, percent(10));
    backwards.start_date = twocheckout_rpc::support::Maybe::Value("2026-07-01".into());
    backwards.end_date = twocheckout_rpc::support::Maybe::Value("2026-06-01".into());
    code_is(
        client.create_up_sell_campaign(backwards).await,
        "INVALID_UPSELL_CAMPAIGN",
    );
}

#[tokio::test]
async fn search_filters_by_status_products_dates_and_name() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let (all, count) = search(&client, UpsellSearchOptions::default()).await;
    assert_eq!(count, 3);
    let mut seeded = vec![
        PAUSED.to_string(),
        WINTER.to_string(),
        BASIC_TO_PRO.to_string(),
    ];
    seeded.sort();
    assert_eq!(codes(&all), seeded);

    let status = |s: UpsellStatus| UpsellSearchOptions::builder().statuses(vec![s]).build();
    assert_eq!(
        codes(&search(&client, status(UpsellStatus::Enabled)).await.0),
        [BASIC_TO_PRO]
    );
    assert_eq!(
        codes(&search(&client, status(UpsellStatus::Expired)).await.0),
        [WINTER]
    );
    assert_eq!(
        codes(&search(&client, status(UpsellStatus::Disabled)).await.0),
        [PAUSED]
    );

    let primary = UpsellSearchOptions::builder()
        .primary_product_codes(vec![BASIC.to_string()])
        .build();
    let mut expected = vec![BASIC_TO_PRO.to_string(), PAUSED.to_string()];
    expected.sort();
    assert_eq!(codes(&search(&client, primary).await.0), expected);
    let recommended = UpsellSearchOptions::builder()
        .recommended_product_codes(vec![BASIC.to_string()])
        .build();
    assert_eq!(codes(&search(&client, recommended).await.0), [WINTER]);

    let ends_before = UpsellSearchOptions::builder()
        .ends_before("2026-01-01")
        .build();
    assert_eq!(codes(&search(&client, ends_before).await.0), [WINTER]);
    let starts_after = UpsellSearchOptions::builder()
        .starts_after("2025-12-01")
        .build();
    assert_eq!(
        codes(&search(&client, starts_after).await.0),
        [BASIC_TO_PRO]
    );

    let name = UpsellSearchOptions::builder().name("winter").build();
    assert_eq!(codes(&search(&client, name).await.0), [WINTER]);
    let renewals = UpsellSearchOptions::builder()
        .enabled_for_renewals(true)
        .build();
    assert_eq!(codes(&search(&client, renewals).await.0), [BASIC_TO_PRO]);
}

#[tokio::test]
async fn search_pages_are_walked_by_page_number() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let mut seen = Vec::new();
    for page in 1.. {
        let options = UpsellSearchOptions::builder().page(page).limit(2).build();
        let answer = client
            .search_upsell_campaigns()
            .search_options(options)
            .await
            .expect("page");
        assert_eq!(answer.page, Some(page));
        assert_eq!(answer.limit, Some(2));
        assert_eq!(answer.upsells_count, Some(3));
        let items = answer.upsells.unwrap_or_default();
        if items.is_empty() {
            break;
        }
        assert!(items.len() <= 2);
        seen.extend(items);
        assert!(page < 5, "the walk ends");
    }
    let (all, _) = search(&client, UpsellSearchOptions::default()).await;
    assert_eq!(codes(&seen), codes(&all));
    assert_eq!(seen.len(), 3);

    // The generated walk does the same, one request per page, stopping at the count.
    let before = sandbox.stats().requests;
    let walked: Vec<UpsellCampaign> = client
        .search_upsell_campaigns()
        .search_options(UpsellSearchOptions::builder().page(1).limit(2).build())
        .pages()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(codes(&walked), codes(&all));
    assert_eq!(
        sandbox.stats().requests - before,
        2,
        "two pages of two for three campaigns"
    );
}

#[tokio::test]
async fn the_display_type_is_set_in_any_case() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let set = client
        .update_display_type(UpsellingDisplayType::Interstitial)
        .await
        .expect("set");
    assert_eq!(set, UpsellingDisplayType::Interstitial);
    let set = client
        .update_display_type(UpsellingDisplayType::from("OVERLAY"))
        .await
        .expect("set in capitals");
    assert_eq!(set, UpsellingDisplayType::Overlay);
    code_is(
        client
            .update_display_type(UpsellingDisplayType::from("popup"))
            .await,
        "INVALID_PARAMETER",
    );
}
