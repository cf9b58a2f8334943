//! Cross-sell campaigns through the generated client against the in-process sandbox: creating
//! and updating them, the campaigns a product triggers, and the recommendation texts.

use twocheckout::prelude::*;
use twocheckout::{
    CrossSellCampaignUpdate, CrossSellDiscountType, CrossSellDisplayType, CrossSellProductInput,
    NewCrossSellCampaign,
};
use twocheckout_rpc::support::Money;
use twocheckout_tests::{code_is, rpc6, sandbox};

const BASIC: &str = "NewProdCodeAPI12345";
const PRO: &str = "NewProdCodeAPI12345_PRO";
const MONTHLY: &str = "my_subscription_1";

fn recommend(code: &str, discount: i64) -> CrossSellProductInput {
    CrossSellProductInput::builder()
        .product_code(code)
        .discount(Money::from(discount))
        .discount_type(CrossSellDiscountType::Percent)
        .build()
}

fn new_campaign(master: &str, recommended: &str, discount: i64) -> NewCrossSellCampaign {
    NewCrossSellCampaign::builder()
        .master_products(vec![master.to_string()])
        .display_type(CrossSellDisplayType::Review)
        .display_in_email(true)
        .products(vec![recommend(recommended, discount)])
        .name("Monthly buyers get Pro")
        .start_date("2026-12-01")
        .end_date("2027-01-31")
        .build()
}

fn codes(campaigns: &[twocheckout::CrossSellCampaign]) -> Vec<String> {
    campaigns
        .iter()
        .filter_map(|c| c.campaign_code.clone())
        .collect()
}

#[tokio::test]
async fn a_created_campaign_is_read_updated_and_triggered_by_its_product() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let before = client
        .get_product_cross_sell_campaigns(MONTHLY)
        .await
        .expect("triggered");
    assert_eq!(codes(&before), ["3Yrm94HFqfvDs4H4d7+0dh=="]);

    let created = client
        .create_cross_sell_campaign(new_campaign(MONTHLY, PRO, 15))
        .await
        .expect("create");
    let code = created.campaign_code.clone().expect("a generated code");
    assert_eq!(
        created.campaign_status.as_option().map(String::as_str),
        Some("ACTIVE")
    );
    assert_eq!(
        created.display_type.as_option(),
        Some(&CrossSellDisplayType::Review)
    );
    let read = client
        .get_cross_sell_campaign(code.clone())
        .await
        .expect("get");
    assert_eq!(read, created);

    let triggered = client
        .get_product_cross_sell_campaigns(MONTHLY)
        .await
        .expect("triggered");
    assert_eq!(triggered.len(), 2);
    assert!(codes(&triggered).contains(&code));

    let update = CrossSellCampaignUpdate::builder()
        .campaign_code(code.clone())
        .master_products(vec![BASIC.to_string()])
        .display_type(CrossSellDisplayType::Finish)
        .display_in_email(false)
        .products(vec![recommend(PRO, 25)])
        .name("Basic buyers get Pro")
        .build();
    let updated = client
        .update_cross_sell_campaign(update)
        .await
        .expect("update");
    assert_eq!(
        updated.name.as_option().map(String::as_str),
        Some("Basic buyers get Pro")
    );
    let products = updated.products.as_option().expect("products");
    assert_eq!(products[0].discount, Money::from(25));
    // The campaign now follows the basic product, not the monthly one.
    let monthly = client
        .get_product_cross_sell_campaigns(MONTHLY)
        .await
        .expect("monthly");
    assert!(!codes(&monthly).contains(&code));
    let basic = client
        .get_product_cross_sell_campaigns(BASIC)
        .await
        .expect("basic");
    assert!(codes(&basic).contains(&code));
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn cross_sell_errors_and_texts() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(
        client
            .create_cross_sell_campaign(new_campaign("NOSUCHCODE", PRO, 10))
            .await,
        "PRODUCT_NOT_FOUND",
    );
    code_is(
        client
            .create_cross_sell_campaign(new_campaign(MONTHLY, PRO, 120))
            .await,
        "INVALID_CAMPAIGN",
    );
    let unknown = CrossSellCampaignUpdate::builder()
        .campaign_code("NOPE")
        .master_products(vec![BASIC.to_string()])
        .display_type(CrossSellDisplayType::Cart)
        .display_in_email(false)
        .products(vec![recommend(PRO, 5)])
        .name("x")
        .build();
    code_is(
        client.update_cross_sell_campaign(unknown).await,
        "INVALID_CAMPAIGN_CODE",
    );
    code_is(
        client.get_product_cross_sell_campaigns("NOSUCHCODE").await,
        "PRODUCT_NOT_FOUND",
    );

    // As the sample: the German texts.
    let german = client.get_cross_sell_texts("de").await.expect("de");
    assert_eq!(german.language.as_option().map(String::as_str), Some("de"));
    assert_eq!(
        german.title.as_option().map(String::as_str),
        Some("Kunden kauften auch")
    );
    let fallback = client.get_cross_sell_texts("ro").await.expect("ro");
    assert_eq!(
        fallback.language.as_option().map(String::as_str),
        Some("en")
    );
    code_is(
        client.get_cross_sell_texts("deu").await,
        "INVALID_PARAMETER",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}
