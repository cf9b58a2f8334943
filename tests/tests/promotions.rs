//! Promotions through the generated client against the in-process sandbox: creating, reading,
//! updating and searching them (with the page walk), and their coupons, products, sources and
//! translations.

use twocheckout::prelude::*;
use twocheckout::{
    AmountType, ApplyRecurring, CouponType, Promotion, PromotionChannel, PromotionCoupon,
    PromotionDiscount, PromotionDiscountRef, PromotionProduct, PromotionProductRef,
    PromotionSearchOptions, PromotionTranslation, PromotionType,
};
use twocheckout_rpc::support::{Maybe, Money};
use twocheckout_tests::{code_is, rpc6, sandbox};

/// The seeded promotion: 20% off NewProdCodeAPI12345 with coupon SPRING2026.
const SPRING: &str = "MY_PROMO_CODE_1";
const BASIC: &str = "NewProdCodeAPI12345";
const PRO: &str = "NewProdCodeAPI12345_PRO";

fn money(amount: &str) -> Money {
    amount.parse().expect("an amount")
}

fn single(code: &str) -> PromotionCoupon {
    PromotionCoupon::builder()
        .type_(CouponType::Single)
        .code(code)
        .build()
}

fn multiple(codes: &[&str]) -> PromotionCoupon {
    PromotionCoupon::builder()
        .type_(CouponType::Multiple)
        .codes(codes.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .build()
}

fn product(code: &str) -> PromotionProduct {
    PromotionProduct::builder().code(code).build()
}

/// As the create sample: 30% off, single coupon `single_code`, for the Pro product.
fn sample_promotion() -> Promotion {
    Promotion::builder()
        .name("YOUR_PROMOTION_TITLE")
        .description("YOUR_PROMOTION_DESCRIPTION")
        .start_date("2026-11-01")
        .end_date("2027-01-01")
        .type_(PromotionType::Regular)
        .enabled(true)
        .maximum_orders_number(0)
        .maximum_quantity(0)
        .instant_discount(false)
        .channel_type(PromotionChannel::Ecommerce)
        .apply_recurring(ApplyRecurring::None)
        .recurring_charges_number(3)
        .publish_to_affiliates_network(false)
        .auto_apply(false)
        .coupon(single("single_code"))
        .discount(PromotionDiscountRef::Discount(
            PromotionDiscount::builder()
                .type_(AmountType::Percent)
                .value(money("30"))
                .build(),
        ))
        .products(vec![PromotionProductRef::Product(product(PRO))])
        .build()
}

fn product_codes(promotion: &Promotion) -> Vec<String> {
    promotion
        .products
        .as_option()
        .map(|products| {
            products
                .iter()
                .map(|p| match p {
                    PromotionProductRef::Code(code) => code.clone(),
                    PromotionProductRef::Product(p) => p.code.clone(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn coupon_codes(coupon: &PromotionCoupon) -> Vec<String> {
    let mut codes = coupon.codes.as_option().cloned().unwrap_or_default();
    codes.extend(coupon.code.as_option().cloned());
    codes
}

#[tokio::test]
async fn a_created_promotion_is_read_updated_and_found() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let created = client.add_promotion(sample_promotion()).await.expect("add");
    let code = created.code.as_option().cloned().expect("a generated code");
    assert_eq!(code.len(), 10);
    assert_eq!(created.name, "YOUR_PROMOTION_TITLE");
    assert_eq!(product_codes(&created), [PRO]);

    let mut read = client.get_promotion(code.clone()).await.expect("get");
    assert_eq!(read, created);
    match read.discount.as_option() {
        Some(PromotionDiscountRef::Discount(discount)) => {
            assert_eq!(discount.type_, AmountType::Percent);
            assert_eq!(discount.value.as_option(), Some(&money("30")));
        }
        other => panic!("a discount object, got {other:?}"),
    }

    // As the update sample: read, change the description, send it back.
    read.description = Maybe::Value("Updated description".into());
    let updated = client.update_promotion(read).await.expect("update");
    assert_eq!(
        updated.description.as_option().map(String::as_str),
        Some("Updated description")
    );
    assert_eq!(
        client
            .get_promotion(code.clone())
            .await
            .expect("get")
            .description,
        updated.description
    );

    // As the search sample: REGULAR promotions on ECOMMERCE for one product, enabled, by coupon.
    let found = client
        .search_promotions()
        .search_options(
            PromotionSearchOptions::builder()
                .types(vec![PromotionType::Regular])
                .channel(PromotionChannel::Ecommerce)
                .product_code(PRO)
                .enabled(true)
                .limit(99)
                .page(1)
                .build(),
        )
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code.as_option(), Some(&code));
    let by_coupon = client
        .search_promotions()
        .search_options(
            PromotionSearchOptions::builder()
                .coupons("81XS55D1, SPRING2026")
                .build(),
        )
        .await
        .expect("by coupon");
    assert_eq!(by_coupon.len(), 1);
    assert_eq!(
        by_coupon[0].code.as_option().map(String::as_str),
        Some(SPRING)
    );
    let global = client
        .search_promotions()
        .search_options(
            PromotionSearchOptions::builder()
                .types(vec![PromotionType::Global])
                .build(),
        )
        .await
        .expect("global");
    assert!(global.is_empty());
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn promotion_errors() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(client.get_promotion("NOPE").await, "PROMOTION_NOT_FOUND");
    let mut unknown = sample_promotion();
    unknown.code = Maybe::Value("NOPE".into());
    code_is(
        client.update_promotion(unknown).await,
        "PROMOTION_NOT_FOUND",
    );

    let mut taken = sample_promotion();
    taken.coupon = Maybe::Value(single("spring2026"));
    code_is(client.add_promotion(taken).await, "DUPLICATE_COUPON_CODE");
    let mut no_code = sample_promotion();
    no_code.coupon = Maybe::Value(PromotionCoupon::builder().type_(CouponType::Single).build());
    code_is(client.add_promotion(no_code).await, "INVALID_PROMOTION");
    let mut too_much = sample_promotion();
    too_much.discount = Maybe::Value(PromotionDiscountRef::Discount(
        PromotionDiscount::builder()
            .type_(AmountType::Percent)
            .value(money("150"))
            .build(),
    ));
    code_is(client.add_promotion(too_much).await, "INVALID_PROMOTION");
    let mut lost = sample_promotion();
    lost.products = Maybe::Value(vec![PromotionProductRef::Code("NOSUCHCODE".into())]);
    code_is(client.add_promotion(lost).await, "PRODUCT_NOT_FOUND");
    let mut uncouponed = sample_promotion();
    uncouponed.coupon = Maybe::Absent;
    code_is(client.add_promotion(uncouponed).await, "MISSING_PARAMETER");
}

#[tokio::test]
async fn search_promotions_walks_every_page() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    for n in 0..4 {
        let mut promotion = sample_promotion();
        promotion.name = format!("Walk {n}");
        promotion.coupon = Maybe::Value(single(&format!("WALK{n}")));
        client.add_promotion(promotion).await.expect("add");
    }
    let all = client
        .search_promotions()
        .search_options(PromotionSearchOptions::builder().limit(100).build())
        .await
        .expect("all");
    assert_eq!(all.len(), 5);
    let mut pages = client
        .search_promotions()
        .search_options(PromotionSearchOptions::builder().limit(2).build())
        .pages();
    let mut walked = Vec::new();
    while let Some(promotion) = pages.next().await {
        walked.push(promotion.expect("item"));
    }
    assert_eq!(walked, all);
    assert_eq!(pages.pages_requested(), 3);
}

#[tokio::test]
async fn coupons_are_added_replaced_and_removed() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // A SINGLE coupon cannot be removed.
    code_is(
        client
            .delete_promotion_coupon(SPRING, single("SPRING2026"))
            .await,
        "INVALID_PROMOTION",
    );
    let replaced = client
        .update_promotion_coupon(SPRING, multiple(&["SPRING-A", "SPRING-B"]))
        .await
        .expect("update");
    assert_eq!(coupon_codes(&replaced), ["SPRING-A", "SPRING-B"]);
    let added = client
        .add_promotion_coupon(SPRING, multiple(&["SPRING-C"]))
        .await
        .expect("add");
    assert_eq!(coupon_codes(&added), ["SPRING-A", "SPRING-B", "SPRING-C"]);
    let left = client
        .delete_promotion_coupon(SPRING, multiple(&["SPRING-A", "SPRING-C"]))
        .await
        .expect("delete");
    assert_eq!(coupon_codes(&left), ["SPRING-B"]);
    let promotion = client.get_promotion(SPRING).await.expect("get");
    let coupon = promotion.coupon.as_option().expect("coupon");
    assert_eq!(coupon.type_, CouponType::Multiple);
    assert_eq!(coupon_codes(coupon), ["SPRING-B"]);
    assert_eq!(promotion.auto_apply.as_option(), Some(&false));

    code_is(
        client
            .delete_promotion_coupon(SPRING, multiple(&["SPRING-B"]))
            .await,
        "INVALID_PROMOTION",
    );
    code_is(
        client
            .delete_promotion_coupon(SPRING, multiple(&["NOT-THERE"]))
            .await,
        "INVALID_PROMOTION",
    );
    // The old single code is free again; another promotion's code is not.
    let other = client.add_promotion(sample_promotion()).await.expect("add");
    let other_code = other.code.as_option().cloned().expect("code");
    code_is(
        client
            .add_promotion_coupon(other_code, multiple(&["SPRING-B"]))
            .await,
        "DUPLICATE_COUPON_CODE",
    );
    code_is(
        client.add_promotion_coupon("NOPE", single("X")).await,
        "PROMOTION_NOT_FOUND",
    );
}

#[tokio::test]
async fn products_sources_and_translations_are_added_and_removed() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let mut pro = product(PRO);
    pro.pricing_configuration_code = Maybe::Value("NewProdCodeAPI12345_PRO_PC".into());
    pro.pricing_option_codes = Maybe::Value(vec!["SUPPORT".into()]);
    let answer = client
        .add_promotion_products(SPRING, vec![pro.clone(), product(BASIC)])
        .await
        .expect("add products");
    assert_eq!(
        answer.to_value().as_array().map(Vec::len),
        Some(2),
        "{answer:?}"
    );
    let promotion = client.get_promotion(SPRING).await.expect("get");
    assert_eq!(product_codes(&promotion), [BASIC, PRO]);
    code_is(
        client
            .add_promotion_products(SPRING, vec![product("NOSUCHCODE")])
            .await,
        "PRODUCT_NOT_FOUND",
    );
    assert!(
        client
            .delete_promotion_products(SPRING, vec![pro])
            .await
            .expect("delete products")
    );
    let promotion = client.get_promotion(SPRING).await.expect("get");
    assert_eq!(product_codes(&promotion), [BASIC]);
    code_is(
        client
            .delete_promotion_products(SPRING, vec![product(PRO)])
            .await,
        "INVALID_PROMOTION",
    );

    let sources = client
        .add_promotion_sources(SPRING, vec!["source1".into(), "source2".into()])
        .await
        .expect("add sources");
    assert_eq!(sources, ["source1", "source2"]);
    assert!(
        client
            .delete_promotion_sources(SPRING, vec!["source1".into()])
            .await
            .expect("delete sources")
    );
    let promotion = client.get_promotion(SPRING).await.expect("get");
    assert_eq!(
        promotion.sources.as_option().cloned(),
        Some(vec!["source2".to_string()])
    );
    code_is(
        client
            .delete_promotion_sources(SPRING, vec!["source1".into()])
            .await,
        "INVALID_PROMOTION",
    );

    let translation = |language: &str, name: &str| {
        PromotionTranslation::builder()
            .language(language)
            .name(name)
            .build()
    };
    client
        .add_promotion_translations(
            SPRING,
            vec![
                translation("de", "Frühlingsangebot"),
                translation("bg", "Пролет"),
            ],
        )
        .await
        .expect("add translations");
    client
        .add_promotion_translations(SPRING, vec![translation("de", "Frühjahrsangebot")])
        .await
        .expect("replace one");
    let promotion = client.get_promotion(SPRING).await.expect("get");
    let names: Vec<_> = promotion
        .translations
        .as_option()
        .expect("translations")
        .iter()
        .map(|t| (t.language.clone(), t.name.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("bg".to_string(), "Пролет".to_string()),
            ("de".to_string(), "Frühjahrsangebot".to_string())
        ]
    );
    assert!(
        client
            .delete_promotion_translations(SPRING)
            .await
            .expect("delete translations")
    );
    let promotion = client.get_promotion(SPRING).await.expect("get");
    assert_eq!(promotion.translations.as_option().map(Vec::len), Some(0));
    code_is(
        client.delete_promotion_translations("NOPE").await,
        "PROMOTION_NOT_FOUND",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[test]
fn a_response_shaped_promotion_reads_and_writes_back_exactly() {
    // The response object's shape: a bare Discount with DiscountType, product codes, coupon codes.
    let text = r#"{"Code":"ABC123","Name":"Winter","CouponType":"MULTIPLE","CouponCodes":["A1","A2"],"DiscountType":"FIXED","Discount":30,"Products":["6000","NewProdCodeAPI12345"],"Enabled":1,"InstantDiscount":0,"StartDate":null}"#;
    let promotion: Promotion = serde_json::from_str(text).expect("decode");
    assert_eq!(
        promotion.discount.as_option(),
        Some(&PromotionDiscountRef::Value(money("30")))
    );
    assert_eq!(product_codes(&promotion), ["6000", BASIC]);
    assert_eq!(promotion.enabled.as_option(), Some(&true));
    // Every value comes back in the form it arrived in (1 stays 1, null stays null).
    let written = serde_json::to_value(&promotion).expect("encode");
    let read: serde_json::Value = serde_json::from_str(text).expect("json");
    assert_eq!(written, read);
}
