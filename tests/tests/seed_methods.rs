//! Every seed method through the generated client against the in-process sandbox.

use twocheckout::prelude::*;
use twocheckout::{
    AmountType, ChurnReason, ExtraDiscount, ExtraMargin, Order, OrderItem, OrderResellerUpdate,
    Pagination, PartnerResellersQuery, PartnerSubscriptionUpgradeItem, PartnerSubscriptionsUpgrade,
    PartnerSubscriptionsUpgradePriceQuery, PriceOption, PriceOptionGroupType, PriceOptionsGroup,
    PricingOptionCode, ProposalAction, ProposalActionAccept, ProposalActionSend, ProposalSender,
    ProposalStatus, Reseller, SubscriptionSearchOptions,
};
use twocheckout_tests::{PARTNER, cm21, rpc6, sandbox};

const PROPOSAL: &str = "0573e71d-38bb-4d61-88ca-b3c557517c68";

#[tokio::test]
async fn product_round_trip_keeps_every_field() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let mut product = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("product");
    let before = product.clone();
    assert_eq!(product.product_code, "NewProdCodeAPI12345");
    product.product_name = "Edited_From_API_Again".into();
    client.update_product(product).await.expect("update");
    let after = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("product");
    assert_eq!(after.product_name, "Edited_From_API_Again");
    let mut expected = before;
    expected.product_name = "Edited_From_API_Again".into();
    assert_eq!(
        after, expected,
        "every other field, unknown ones included, survives"
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn reseller_update_then_list() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let query = || PartnerResellersQuery::builder().partner_code(PARTNER);
    let resellers = client
        .get_partner_resellers(query().build())
        .await
        .expect("list");
    assert_eq!(resellers.len(), 10, "default page size");
    let mut reseller: Reseller = resellers
        .into_iter()
        .find(|r| r.reseller_code == "Q6WSZXXAA7")
        .expect("the sample reseller");
    reseller.company = "Test Partner 45".into();
    assert!(
        client
            .update_reseller(reseller.clone())
            .await
            .expect("update")
    );

    let everything = client
        .get_partner_resellers(
            query()
                .search_by(Pagination::builder().page(1).limit(150).build())
                .build(),
        )
        .await
        .expect("list");
    assert_eq!(everything.len(), 14);
    let updated = everything
        .iter()
        .find(|r| r.reseller_code == "Q6WSZXXAA7")
        .expect("still there");
    assert_eq!(updated, &reseller);
    let second = client
        .get_partner_resellers(
            query()
                .search_by(Pagination::builder().page(2).build())
                .build(),
        )
        .await
        .expect("page 2");
    assert_eq!(second.len(), 4);
}

#[tokio::test]
async fn order_reseller_through_both_apis() {
    let sandbox = sandbox().await;
    let cm = cm21(&sandbox);
    let partner = cm.with_partner(PARTNER);
    assert!(
        partner
            .set_order_reseller("731522351", "Q6WSZXXAA7")
            .await
            .expect("attach")
    );
    let attached = partner
        .get_order_reseller("731522351")
        .await
        .expect("attached");
    assert_eq!(attached.reseller_code, "Q6WSZXXAA7");

    let client = rpc6(&sandbox);
    let update = OrderResellerUpdate::builder()
        .partner_code(PARTNER)
        .reseller_code("DB6F1A946E")
        .order_ref_no(731_522_351)
        .build();
    let reseller = client
        .update_order_reseller(update)
        .await
        .expect("update order reseller");
    assert_eq!(reseller.reseller_code, "DB6F1A946E");
    let attached = partner
        .get_order_reseller("731522351")
        .await
        .expect("attached");
    assert_eq!(attached.reseller_code, "DB6F1A946E");
}

#[tokio::test]
async fn subscriptions_cancel_notify_search() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let first_page = client.search_subscriptions().await.expect("search");
    assert_eq!(first_page.len(), 10);
    let all = client
        .search_subscriptions()
        .search_by(SubscriptionSearchOptions::builder().limit(200).build())
        .await
        .expect("search");
    assert!(all.len() > 10);

    assert!(
        client
            .cancel_subscription("30E47F8699")
            .churn_reasons(vec![ChurnReason::ChurnReasonOther])
            .churn_reason_other("Moved to another tool")
            .await
            .expect("cancel")
    );
    assert!(
        client
            .set_renewal_notification_status("30E47F8699", false)
            .await
            .expect("notify")
    );

    let disabled = client
        .search_subscriptions()
        .search_by(
            SubscriptionSearchOptions::builder()
                .subscription_enabled(false)
                .build(),
        )
        .await
        .expect("search");
    assert_eq!(disabled.len(), 1);
    assert_eq!(disabled[0].subscription_reference, "30E47F8699");
    assert_eq!(disabled[0].recurring_enabled.as_option(), Some(&false));
    let page = client
        .search_subscriptions()
        .search_by(
            SubscriptionSearchOptions::builder()
                .page(2)
                .limit(5)
                .build(),
        )
        .await
        .expect("page 2");
    assert_eq!(page.len(), 5);
    assert_ne!(
        page[0].subscription_reference,
        first_page[0].subscription_reference
    );

    let of_customer = client
        .get_customer_subscriptions(Some(258_075_058))
        .await
        .expect("by customer");
    assert!(
        of_customer
            .iter()
            .any(|s| s.subscription_reference == "30E47F8699")
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn price_option_group_is_added() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let option = |name: &str, min: i64, max: i64| {
        PriceOption::builder()
            .name(name)
            .code(name)
            .scale_min(min)
            .scale_max(max)
            .build()
    };
    let group = PriceOptionsGroup::builder()
        .name("Seats")
        .code("SEATS")
        .type_(PriceOptionGroupType::Interval)
        .required(true)
        .options(vec![option("S1", 1, 10), option("S2", 11, 20)])
        .build();
    assert!(client.add_price_option_group(group).await.expect("add"));
    let stored = client.get_price_option_group("SEATS").await.expect("get");
    assert_eq!(stored[0].options.len(), 2);
}

#[tokio::test]
async fn installments_for_a_brl_card_order() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let order = Order::builder()
        .currency("brl")
        .country("BR")
        .items(vec![
            OrderItem::builder()
                .code("my_subscription_1")
                .quantity(1)
                .build(),
        ])
        .build();
    let options = client.get_installments(order).await.expect("installments");
    assert_eq!(options.len(), 12);
    assert_eq!(options[0].amount, Some("500".parse().expect("amount")));
    assert_eq!(options[1].amount, Some("250.00".parse().expect("amount")));
    assert_eq!(options[1].currency.as_deref(), Some("BRL"));
}

#[tokio::test]
async fn proposal_is_sent_then_accepted() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let sender = ProposalSender::builder()
        .first_name("Ann")
        .last_name("Manager")
        .email("ann@example.com")
        .build();
    let send = ProposalActionSend::builder()
        .expiration_date("2026-12-31T00:00:00+00:00")
        .sent_by(sender)
        .build();
    let sent = client
        .perform_action(PROPOSAL, ProposalAction::Send(send))
        .await
        .expect("send");
    assert_eq!(sent.status, Some(ProposalStatus::Sent));
    let accept = ProposalActionAccept::builder()
        .status_comment("Deal")
        .build();
    let accepted = client
        .perform_action(PROPOSAL, ProposalAction::Accept(accept))
        .await
        .expect("accept");
    assert_eq!(accepted.status, Some(ProposalStatus::Accepted));
    let fetched = client.get_proposal_by_id(PROPOSAL).await.expect("get");
    assert_eq!(fetched, accepted);
}

#[tokio::test]
async fn partner_subscription_upgrade() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let item = PartnerSubscriptionUpgradeItem::builder()
        .subscription_reference("XYZ23GHUJK")
        .upgrade_product_code("NewProdCodeAPI12345_PRO")
        .quantity(5)
        .pricing_options(vec![PricingOptionCode::builder().code("option30p").build()])
        .build();
    let discount = ExtraDiscount::builder()
        .value(twocheckout_rpc::support::Money::from(10))
        .type_(AmountType::Fixed)
        .build();
    let margin = ExtraMargin::builder()
        .value(twocheckout_rpc::support::Money::from(10))
        .type_(AmountType::Percent)
        .build();
    let query = PartnerSubscriptionsUpgradePriceQuery::builder()
        .items(vec![item.clone()])
        .extra_discount(discount.clone())
        .extra_margin(margin.clone())
        .build();
    let price = client
        .get_partner_subscriptions_upgrade_price(query)
        .await
        .expect("price");
    assert_eq!(
        price.net_price,
        Some(twocheckout_rpc::support::Money::from(440))
    );
    assert_eq!(price.currency.as_deref(), Some("USD"));

    let order = PartnerSubscriptionsUpgrade::builder()
        .items(vec![item])
        .extra_discount(discount)
        .extra_margin(margin)
        .external_reference_number("EXT-007")
        .comment("API partner order for upgrade")
        .build();
    let reference = client
        .upgrade_partner_subscriptions(order)
        .await
        .expect("order");
    assert!(
        reference.as_string().is_some_and(|r| !r.is_empty()),
        "{reference}"
    );
    let subscription = client
        .get_subscription("XYZ23GHUJK")
        .await
        .expect("subscription");
    let product = subscription.product.as_option().expect("product");
    assert_eq!(
        product.product_code.as_deref(),
        Some("NewProdCodeAPI12345_PRO")
    );
}

#[tokio::test]
async fn cross_sell_campaigns_are_searched() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let campaigns = client.search_cross_sell_campaigns().await.expect("search");
    assert_eq!(campaigns.len(), 3);
}

#[tokio::test]
async fn my_account_language_is_set() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    assert!(client.set_language_for_my_account("de").await.expect("set"));
}
