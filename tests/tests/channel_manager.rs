//! Channel Manager 2.1 end to end through the generated client: partners, pricing lists and
//! prices, the cart on its own session, partner orders, partner invoices and their payment.

use std::time::Duration;

use twocheckout::prelude::*;
use twocheckout::{
    PartnerCardPayment, PartnerCardType, PartnerOrderStatus, PartnerPaymentDetails,
    PartnerPaymentType, ProformaStatus,
};
use twocheckout_rpc::support::Money;
use twocheckout_rpc::{Client, Error};
use twocheckout_sandbox::Sandbox;
use twocheckout_tests::{PARTNER, cm21, credentials, sandbox, start};

/// The sample pricing list code, seeded for the sample partner.
const LIST: &str = "EFBECC428A";
/// Antivirus Pro: 49.99 in `LIST`, partner margin 10 %, no VAT for a USD partner.
const ANTIVIRUS: i64 = 4_712_041;
/// Backup Suite: 19.90 in `LIST`.
const BACKUP: i64 = 4_712_057;

fn money(text: &str) -> Money {
    text.parse().expect("a decimal")
}

fn card(number: &str) -> PartnerPaymentDetails {
    PartnerPaymentDetails::builder()
        .type_(PartnerPaymentType::Cc)
        .payment_method(
            PartnerCardPayment::builder()
                .card_number(number)
                .card_type(PartnerCardType::Visa)
                .ccid("123")
                .expiration_month("12")
                .expiration_year("2030")
                .holder_name("Jane Doe")
                .build(),
        )
        .customer_ip("127.0.0.1")
        .build()
}

#[tokio::test]
async fn partners_are_found_by_code_and_searched_without_a_partner_context() {
    let sandbox = sandbox().await;
    let client = cm21(&sandbox);
    let partner = client.get_partner_by_code(PARTNER).await.expect("partner");
    assert_eq!(partner.partner_code, PARTNER);
    assert_eq!(
        partner.credit_limit.as_option().copied(),
        Some(money("10000"))
    );

    let error = client.get_partner_by_code("Nobody").await.unwrap_err();
    assert!(error.has_code("INVALID_PARTNER"), "{error}");

    let found = client.search_partners("gmbh").await.expect("search");
    let codes: Vec<&str> = found.iter().map(|p| p.partner_code.as_str()).collect();
    assert_eq!(codes, ["Second Partner"]);
    let found = client.search_partners("example.com").await.expect("search");
    assert_eq!(found.len(), 2);
    let error = client.search_partners(" ").await.unwrap_err();
    assert!(error.has_code("INVALID_SEARCH"), "{error}");
}

#[tokio::test]
async fn pricing_lists_and_prices_are_exact_and_per_list() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner(PARTNER);

    let lists = partner.get_partner_pricing_lists().await.expect("lists");
    let codes: Vec<&str> = lists.iter().filter_map(|l| l.code.as_deref()).collect();
    assert_eq!(codes, [LIST, "VOLUME-USD"]);

    let list = partner
        .get_pricing_list_information(LIST)
        .await
        .expect("list");
    let products = list.products.as_option().expect("products");
    assert_eq!(products.len(), 2);
    assert_eq!(products[0].price.as_option().copied(), Some(money("49.99")));

    let product = partner
        .get_product_by_id(ANTIVIRUS, "VOLUME-USD")
        .await
        .expect("product");
    assert_eq!(product.price.as_option().copied(), Some(money("39.95")));
    let error = partner
        .get_product_by_id(BACKUP, "VOLUME-USD")
        .await
        .unwrap_err();
    assert!(error.has_code("PRODUCT_NOT_FOUND"), "{error}");

    // 49.99 + 40.00 for two years; 10 % margin 9.00 (rounded to cents); net 80.99.
    let price = partner
        .get_product_price(ANTIVIRUS.to_string(), LIST)
        .price_options(vec!["2YEARS".to_owned()])
        .await
        .expect("price");
    assert_eq!(price.currency, "USD");
    assert_eq!(price.net_price_per_unit, money("80.99"));
    assert_eq!(price.partner_margin_per_unit, money("9.00"));
    assert_eq!(price.vat_per_unit, money("0"));

    // Another partner's list is not this partner's.
    let error = partner
        .get_product_price(ANTIVIRUS.to_string(), "PARTNER2-EUR")
        .await
        .unwrap_err();
    assert!(error.has_code("PARTNER_PRICING_LISTS_NOT_FOUND"), "{error}");
    let error = partner.get_product_price("abc", LIST).await.unwrap_err();
    assert!(error.has_code("PRODUCT_ERROR"), "{error}");

    // EUR partner: 45.50, margin 12.5 % = 5.69, net 39.81, VAT 19 % = 7.56.
    let second = cm21(&sandbox).with_partner("Second Partner");
    let price = second
        .get_product_price(ANTIVIRUS.to_string(), "PARTNER2-EUR")
        .await
        .expect("price");
    assert_eq!(price.net_price_per_unit, money("39.81"));
    assert_eq!(price.partner_margin_per_unit, money("5.69"));
    assert_eq!(price.vat_per_unit, money("7.56"));
}

#[tokio::test]
async fn a_cart_is_filled_edited_ordered_invoiced_and_paid() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner(PARTNER);
    let cart = partner.cart();
    assert_eq!(cart.partner_code(), PARTNER);

    assert!(
        cart.add_product_to_cart(ANTIVIRUS, Some(2), None, LIST)
            .await
            .expect("add")
    );
    assert!(
        cart.add_product_to_cart(BACKUP, None, None, LIST)
            .await
            .expect("add")
    );
    assert!(
        cart.add_product_to_cart(BACKUP, Some(3), None, LIST)
            .await
            .expect("add")
    );
    // Four backups now; remove two, then an unknown line.
    assert!(
        cart.remove_product_from_cart(BACKUP)
            .quantity(2)
            .await
            .expect("remove")
    );
    let error = cart
        .remove_product_from_cart(ANTIVIRUS)
        .price_options(vec!["2YEARS".to_owned()])
        .await
        .unwrap_err();
    assert!(error.has_code("PRODUCT_NOT_FOUND"), "{error}");
    let error = cart
        .add_product_to_cart(ANTIVIRUS, Some(1), None, "PARTNER2-EUR")
        .await
        .unwrap_err();
    assert!(error.has_code("PARTNER_PRICING_LISTS_NOT_FOUND"), "{error}");
    let error = cart.set_comment("  ").await.unwrap_err();
    assert!(error.has_code("INVALID_COMMENT"), "{error}");
    assert!(
        cart.set_comment("For the spring campaign")
            .await
            .expect("comment")
    );

    // 2 × 44.99 (49.99 less 5.00 margin) + 2 × 17.91 (19.90 less 1.99).
    let order = cart.place_partner_order().await.expect("order");
    assert_eq!(order.status, PartnerOrderStatus::AwaitingPayment);
    assert_eq!(order.total_amount, money("125.80"));
    assert_eq!(order.currency, "USD");
    let status = partner
        .get_order_status(&order.ref_no)
        .await
        .expect("status");
    assert_eq!(status.ref_no, order.ref_no);
    assert_eq!(status.status, PartnerOrderStatus::AwaitingPayment);
    let error = partner.get_order_status("1").await.unwrap_err();
    assert!(error.has_code("INVALID_REFERENCE"), "{error}");

    // The order emptied the cart.
    let error = cart.place_partner_order().await.unwrap_err();
    assert!(error.has_code("EMPTY_CART"), "{error}");

    let proforma = partner
        .create_proforma(vec![order.ref_no.clone()])
        .await
        .expect("proforma");
    assert_eq!(proforma.status, ProformaStatus::Unpaid);
    assert_eq!(proforma.total, money("125.80"));
    assert_eq!(proforma.orders, std::slice::from_ref(&order.ref_no));
    let error = partner
        .create_proforma(vec![order.ref_no.clone()])
        .await
        .unwrap_err();
    assert!(
        error.has_code("INVALID_REFERENCE"),
        "already invoiced: {error}"
    );
    let read = partner
        .get_proforma(&proforma.number)
        .await
        .expect("get proforma");
    assert_eq!(read.number, proforma.number);
    let error = partner.get_proforma("0").await.unwrap_err();
    assert!(error.has_code("INVALID_PROFORMA_NUMBER"), "{error}");

    // Billing runs in the session of one handle: mark, set the card, pay.
    let billing = partner.cart();
    let error = billing.pay_proforma().await.unwrap_err();
    assert!(error.has_code("PAYMENT_PROFORMA"), "{error}");
    assert!(billing.set_proforma(&proforma.number).await.expect("mark"));
    assert!(
        billing
            .set_payment_details(card("4111111111111111"))
            .await
            .expect("details")
    );
    assert!(billing.pay_proforma().await.expect("pay"));
    let paid = partner.get_proforma(&proforma.number).await.expect("paid");
    assert_eq!(paid.status, ProformaStatus::Paid);
    let status = partner
        .get_order_status(&order.ref_no)
        .await
        .expect("status");
    assert_eq!(status.status, PartnerOrderStatus::Complete);
    let error = billing.set_proforma(&proforma.number).await.unwrap_err();
    assert!(error.has_code("PAYMENT_PROFORMA"), "paid already: {error}");
}

#[tokio::test]
async fn clearing_empties_the_cart_and_a_declined_card_is_an_error() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner(PARTNER);
    let cart = partner.cart();
    cart.add_product_to_cart(ANTIVIRUS, None, None, LIST)
        .await
        .expect("add");
    assert!(cart.clear_products().await.expect("clear"));
    let error = cart.place_partner_order().await.unwrap_err();
    assert!(error.has_code("EMPTY_CART"), "{error}");

    cart.add_product_to_cart(ANTIVIRUS, None, None, LIST)
        .await
        .expect("add");
    let order = cart.place_partner_order().await.expect("order");
    let proforma = partner
        .create_proforma(vec![order.ref_no])
        .await
        .expect("proforma");
    cart.set_proforma(&proforma.number).await.expect("mark");
    cart.set_payment_details(card("4000000000000002"))
        .await
        .expect("details");
    let error = cart.pay_proforma().await.unwrap_err();
    assert!(error.has_code("PAYMENT_ERROR"), "{error}");
}

#[tokio::test]
async fn two_carts_on_two_sessions_stay_apart() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner(PARTNER);
    let first = partner.cart();
    let second = partner.cart();
    // Filled at the same time.
    let (a, b) = tokio::join!(
        first.add_product_to_cart(ANTIVIRUS, Some(1), None, LIST),
        second.add_product_to_cart(BACKUP, Some(5), None, LIST),
    );
    a.expect("first add");
    b.expect("second add");
    let (one, two) = tokio::join!(first.place_partner_order(), second.place_partner_order());
    let (one, two) = (one.expect("first order"), two.expect("second order"));
    assert_eq!(one.total_amount, money("44.99"), "one antivirus only");
    assert_eq!(two.total_amount, money("89.55"), "five backups only");
    assert_ne!(one.ref_no, two.ref_no);
    // Two logins for the carts, none shared with the partner handle.
    assert_eq!(sandbox.stats().logins, 2);
}

#[tokio::test]
async fn a_cart_never_silently_moves_to_a_new_session() {
    let sandbox = start(Sandbox::builder().session_lifetime(Duration::from_millis(400))).await;
    let client = Client::<twocheckout_rpc::api::Cm21>::builder(credentials(&sandbox))
        .endpoint(sandbox.cm21_url())
        .session_lifetime(Duration::from_millis(400))
        .session_renewal_margin(Duration::from_millis(100))
        .build()
        .expect("client");
    let cart = client.with_partner(PARTNER).cart();
    cart.add_product_to_cart(ANTIVIRUS, None, None, LIST)
        .await
        .expect("add");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let logins = sandbox.stats().logins;
    let error = cart.place_partner_order().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::CartSessionLost {
                method: "placeOrder",
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("the cart is gone"), "{error}");
    // Nothing was sent on a new session, and the handle stays unusable.
    assert_eq!(sandbox.stats().logins, logins);
    let error = cart
        .add_product_to_cart(ANTIVIRUS, None, None, LIST)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::CartSessionLost { .. }), "{error}");

    // A partner handle on the same client logs in again as usual; a new cart starts empty.
    let partner = client.with_partner(PARTNER);
    partner.get_partner_pricing_lists().await.expect("lists");
    let fresh = partner.cart();
    let error = fresh.place_partner_order().await.unwrap_err();
    assert!(error.has_code("EMPTY_CART"), "{error}");
}

#[tokio::test]
async fn a_session_the_server_rejects_is_a_lost_cart_not_a_retry() {
    let sandbox = start(Sandbox::builder().session_lifetime(Duration::from_secs(300))).await;
    // The client believes sessions last ten minutes; the server ends them sooner.
    let cart = cm21(&sandbox).with_partner(PARTNER).cart();
    cart.add_product_to_cart(BACKUP, None, None, LIST)
        .await
        .expect("add");
    sandbox.advance(Duration::from_secs(301));
    let error = cart.place_partner_order().await.unwrap_err();
    match &error {
        Error::CartSessionLost { method, reason } => {
            assert_eq!(*method, "placeOrder");
            assert!(reason.contains("rejected by the server"), "{reason}");
        }
        other => panic!("expected a lost cart, got {other}"),
    }
    assert_eq!(sandbox.stats().logins, 1, "no second login");
}

#[tokio::test]
async fn billing_needs_a_marked_invoice_first() {
    let sandbox = sandbox().await;
    let cart = cm21(&sandbox).with_partner(PARTNER).cart();
    let error = cart
        .set_payment_details(card("4111111111111111"))
        .await
        .unwrap_err();
    assert!(error.has_code("PAYMENT_PROFORMA"), "{error}");
    let error = cart.set_proforma("0").await.unwrap_err();
    assert!(error.has_code("INVALID_PROFORMA_NUMBER"), "{error}");
}

#[tokio::test]
async fn the_merchant_add_product_is_another_method_on_another_endpoint() {
    let sandbox = sandbox().await;
    // The 2.1 cart method answers on the 2.1 endpoint only; the 6.0 endpoint serves the
    // merchant signature of the same wire name (which the sandbox does not implement).
    let client = twocheckout_tests::rpc6(&sandbox);
    let product = twocheckout::Product::builder()
        .product_code("X")
        .product_name("X")
        .pricing_configurations(Vec::new())
        .build();
    let error = client.add_product(product).await.unwrap_err();
    let rpc = error.rpc().expect("an RPC error");
    assert!(!rpc.has_code("PARTNER_PRICING_LISTS_NOT_FOUND"), "{error}");
    assert!(!rpc.has_code("METHOD_NOT_FOUND"), "{error}");
}

#[tokio::test]
async fn a_partner_user_gets_a_single_sign_on_link_without_a_partner_context() {
    let sandbox = sandbox().await;
    let client = cm21(&sandbox);
    let link = client
        .get_partner_single_sign_on(
            "partner@example.com",
            PARTNER,
            "https://secure.avangate.com/partners/proformas.php",
        )
        .validity_time(60)
        .await
        .expect("link");
    assert!(
        link.starts_with("https://secure.avangate.com/partners/proformas.php?logintoken="),
        "{link}"
    );
    assert!(link.ends_with("&validity=60"), "{link}");
    let error = client
        .get_partner_single_sign_on(
            "someone@else.com",
            PARTNER,
            "https://secure.avangate.com/partners/",
        )
        .await
        .unwrap_err();
    assert!(error.has_code("INVALID_PARTNER"), "{error}");
}

#[tokio::test]
async fn promotions_follow_the_products_in_the_cart() {
    let sandbox = sandbox().await;
    let cart = cm21(&sandbox).with_partner(PARTNER).cart();
    cart.add_product_to_cart(BACKUP, None, None, LIST)
        .await
        .expect("add");
    assert!(cart.get_promotions().await.expect("none yet").is_empty());
    cart.add_product_to_cart(ANTIVIRUS, None, None, LIST)
        .await
        .expect("add");
    let promotions = cart.get_promotions().await.expect("promotions");
    assert_eq!(promotions.len(), 1);
    assert_eq!(promotions[0].name, "Partner spring campaign");
    assert_eq!(promotions[0].instant_discount, Some(true));
    // Another cart of the same partner has none.
    let other = cm21(&sandbox).with_partner(PARTNER).cart();
    assert!(other.get_promotions().await.expect("other").is_empty());
}

#[tokio::test]
async fn a_direct_partner_confirms_an_invoice_payment() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner("Second Partner");
    let cart = partner.cart();
    cart.add_product_to_cart(BACKUP, Some(2), None, "PARTNER2-EUR")
        .await
        .expect("add");
    // 17.30 less 12.5 % (2.16) = 15.14, VAT 19 % = 2.88; two units.
    let order = cart.place_partner_order().await.expect("order");
    assert_eq!(order.total_amount, money("36.04"));
    assert_eq!(order.currency, "EUR");
    let proforma = partner
        .create_proforma(vec![order.ref_no.clone()])
        .await
        .expect("proforma");
    let error = partner
        .confirm_invoice_payment(PARTNER, &proforma.number)
        .await
        .unwrap_err();
    assert!(error.has_code("INVALID_PARTNER"), "{error}");
    let error = partner
        .confirm_invoice_payment("Second Partner", "0")
        .await
        .unwrap_err();
    assert!(error.has_code("INVALID_PROFORMA"), "{error}");
    assert!(
        partner
            .confirm_invoice_payment("Second Partner", &proforma.number)
            .rrn("RRN-0042")
            .await
            .expect("confirm")
    );
    let paid = partner.get_proforma(&proforma.number).await.expect("paid");
    assert_eq!(paid.status, ProformaStatus::Paid);
    let status = partner
        .get_order_status(&order.ref_no)
        .await
        .expect("order");
    assert_eq!(status.status, PartnerOrderStatus::Complete);
    let error = partner
        .confirm_invoice_payment("Second Partner", &proforma.number)
        .await
        .unwrap_err();
    assert!(error.has_code("PAYMENT_PROFORMA"), "{error}");

    // A partner paying 2Checkout as master reseller cannot confirm direct payments.
    let reseller = cm21(&sandbox).with_partner(PARTNER);
    let cart = reseller.cart();
    cart.add_product_to_cart(BACKUP, None, None, LIST)
        .await
        .expect("add");
    let order = cart.place_partner_order().await.expect("order");
    let proforma = reseller
        .create_proforma(vec![order.ref_no])
        .await
        .expect("proforma");
    let error = reseller
        .confirm_invoice_payment(PARTNER, &proforma.number)
        .await
        .unwrap_err();
    assert!(error.has_code("INVALID_METHOD"), "{error}");
}

#[test]
fn the_blocking_client_fills_and_orders_a_cart() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(sandbox());
    let client = twocheckout_rpc::blocking::Client::from_builder(
        Client::<twocheckout_rpc::api::Cm21>::builder(credentials(&sandbox))
            .endpoint(sandbox.cm21_url()),
    )
    .expect("blocking client");
    let cart = client.with_partner(PARTNER).cart();
    assert!(
        cart.call(twocheckout::AddProductToCart::new(
            ANTIVIRUS,
            Some(3),
            None,
            LIST
        ))
        .expect("add")
    );
    let order = cart
        .call(twocheckout::PlacePartnerOrder::new())
        .expect("order");
    assert_eq!(order.total_amount, money("134.97"));
    drop(client);
    drop(runtime);
}
