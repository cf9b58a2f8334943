//! Orders through the generated client against the in-process sandbox: placing catalog,
//! dynamic, renewal and test orders with each kind of payment, pricing, reading them back,
//! the paginated search, refunds, invoices and shipping prices, with the documented errors.

use serde_json::{Value, json};
use twocheckout::prelude::*;
use twocheckout::{
    Order, OrderItem, OrderSearchOptions, Pagination, PaymentDetails, PromotionRef, RefundItem,
    RefundItems, ShippingCountry, ShippingItem,
};
use twocheckout_rpc::support::{Maybe, Money};
use twocheckout_tests::{code_is, rpc6, sandbox};

/// A seeded subscription of customer 258075058.
const JOHN: &str = "30E47F8699";

fn money(amount: &str) -> Money {
    amount.parse().expect("an amount")
}

fn order(value: Value) -> Order {
    serde_json::from_value(value).expect("an Order")
}

fn billing() -> Value {
    json!({
        "Email": "example@email.com", "FirstName": "Customer First Name",
        "LastName": "Customer Last Name", "CountryCode": "US", "State": "California",
        "City": "San Francisco", "Address1": "Example Street", "Zip": "90210"
    })
}

fn card(kind: &str, number: &str) -> Value {
    json!({
        "Type": kind, "Currency": "USD", "CustomerIP": "10.10.10.10",
        "PaymentMethod": {
            "CardNumber": number, "CardType": "VISA", "ExpirationYear": "2030",
            "ExpirationMonth": "12", "HolderName": "John Doe", "CCID": "123",
            "Vendor3DSReturnURL": "https://example.com/ok", "Vendor3DSCancelURL": "https://example.com/no"
        }
    })
}

/// An order of `items` paid with a TEST card.
fn test_order(items: Value) -> Order {
    order(json!({
        "Currency": "USD", "Country": "US", "Language": "en",
        "Items": items, "BillingDetails": billing(),
        "PaymentDetails": card("TEST", "4111111111111111"),
    }))
}

fn first_subscription(order: &Order) -> String {
    let details = order.items[0]
        .product_details
        .as_option()
        .expect("product details");
    let subscriptions = details.subscriptions.as_option().expect("subscriptions");
    subscriptions.to_value()[0]["SubscriptionReference"]
        .as_str()
        .expect("a reference")
        .to_string()
}

#[tokio::test]
async fn the_published_test_order_sample_is_placed_priced_and_read_back() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // The request of the "Payment flow with test orders" page.
    let sample = order(json!({
        "Items": [{ "Code": "5DCB30C6B0", "Quantity": 1 }],
        "BillingDetails": billing(),
        "PaymentDetails": {
            "Type": "TEST", "Currency": "USD", "CustomerIP": "10.10.10.10",
            "PaymentMethod": {
                "CardNumber": "4111111111111111", "CardType": "VISA", "ExpirationYear": "2023",
                "ExpirationMonth": "12", "HolderName": "John Doe", "CCID": "123",
                "Vendor3DSReturnURL": "www.test.com", "Vendor3DSCancelURL": "www.test.com"
            }
        }
    }));
    let placed = client.place_order(sample).await.expect("placed");
    let ref_no = placed.ref_no.as_option().expect("RefNo").clone();
    assert_eq!(
        placed.status.as_option().map(String::as_str),
        Some("AUTHRECEIVED")
    );
    assert_eq!(placed.test_order.as_option(), Some(&true));
    assert_eq!(placed.gross_price.as_option(), Some(&money("29.90")));
    let line = &placed.items[0];
    let price = line.price.as_option().expect("price");
    assert_eq!(price.unit_net_price.as_option(), Some(&money("29.9")));
    assert!(line.line_item_reference.as_option().is_some());
    let Some(PaymentDetails::Test(payment)) = placed.payment_details.as_option() else {
        panic!("a TEST payment, got {:?}", placed.payment_details);
    };
    let method = payment.payment_method.as_option().expect("method");
    assert!(
        method.card_number.is_absent(),
        "the card number is not echoed"
    );
    assert_eq!(
        method.last_digits.as_option().map(String::as_str),
        Some("1111")
    );

    let read = client.get_order(ref_no.clone()).await.expect("read back");
    assert_eq!(
        read.status.as_option().map(String::as_str),
        Some("COMPLETE")
    );
    assert_eq!(read.gross_price.as_option(), Some(&money("29.90")));

    // The order made a customer and a subscription that the subscription methods know.
    let customer = read
        .customer_details
        .as_option()
        .and_then(|c| c.avangate_customer_reference.as_option().copied())
        .expect("customer");
    let info = client
        .get_customer_information(customer)
        .await
        .expect("customer");
    assert_eq!(
        info.email.as_option().map(String::as_str),
        Some("example@email.com")
    );
    let reference = first_subscription(&placed);
    let subscription = client
        .get_subscription(reference.clone())
        .await
        .expect("subscription");
    assert_eq!(subscription.test_subscription.as_option(), Some(&true));
    assert_eq!(
        subscription
            .avangate_customer_reference
            .as_option()
            .copied(),
        Some(customer)
    );
    let history = client
        .get_subscription_history(reference)
        .await
        .expect("history");
    assert_eq!(history[0].reference_no.as_ref(), Some(&ref_no));
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn prices_come_from_the_pricing_configuration_with_exact_decimals() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // 3 × (499.00 BRL + 20 % for the PREMIUM support option) = 3 × 598.80.
    let mut brl = test_order(json!([{
        "Code": "NewProdCodeAPI12345", "Quantity": 3, "PriceOptions": ["PREMIUM"]
    }]));
    brl.currency = "BRL".to_string().into();
    let placed = client.place_order(brl).await.expect("placed");
    assert_eq!(placed.gross_price.as_option(), Some(&money("1796.40")));
    let price = placed.items[0].price.as_option().expect("price");
    assert_eq!(price.unit_gross_price.as_option(), Some(&money("598.80")));
    assert_eq!(price.vat.as_option(), Some(&money("0")));

    // Two lines whose binary floating-point sum would drift: 0.10 + 0.20 is exactly 0.30.
    let dynamic = order(json!({
        "Currency": "USD", "Country": "US",
        "Items": [
            { "Name": "Ten cents", "IsDynamic": true, "Quantity": 1, "Price": { "Amount": 0.1, "Type": "CUSTOM" } },
            { "Name": "Twenty cents", "IsDynamic": true, "Quantity": 1, "Price": { "Amount": 0.2, "Type": "CUSTOM" } }
        ],
        "BillingDetails": billing(),
        "PaymentDetails": card("TEST", "4111111111111111"),
    }));
    let placed = client.place_order(dynamic).await.expect("dynamic");
    assert_eq!(placed.gross_price.as_option(), Some(&money("0.3")));
    let details = placed.items[1]
        .product_details
        .as_option()
        .expect("details");
    assert_eq!(details.is_dynamic.as_option(), Some(&true));
    assert_eq!(
        details.name.as_option().map(String::as_str),
        Some("Twenty cents")
    );

    // A typed order built with the builders.
    let typed = Order::builder()
        .currency("USD")
        .items(vec![
            OrderItem::builder()
                .code("NewProdCodeAPI12345_PRO")
                .quantity(2)
                .build(),
        ])
        .payment_details(PaymentDetails::Free(Default::default()))
        .build();
    code_is(client.place_order(typed).await, "PAYMENT_ERROR");
}

#[tokio::test]
async fn invalid_orders_get_the_documented_errors() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(
        client.place_order(test_order(json!([]))).await,
        "ORDER_PRODUCTS_EMPTY",
    );
    code_is(
        client
            .place_order(test_order(
                json!([{ "Code": "NO_SUCH_PRODUCT", "Quantity": 1 }]),
            ))
            .await,
        "ORDER_PRODUCT_CODE_INVALID",
    );
    code_is(
        client
            .place_order(test_order(
                json!([{ "Code": "NewProdCodeAPI12345", "Quantity": 0 }]),
            ))
            .await,
        "ORDER_ITEMS_QUANTITY_INVALID",
    );
    code_is(
        client
            .place_order(test_order(json!([
                { "Code": "NewProdCodeAPI12345", "Quantity": 1 },
                { "Name": "Dynamic", "IsDynamic": true, "Quantity": 1, "Price": { "Amount": 5 } }
            ])))
            .await,
        "ORDER_ITEMS_INVALID",
    );
    code_is(
        client
            .place_order(test_order(json!([
                { "IsDynamic": true, "Quantity": 1, "Price": { "Amount": 5, "Type": "CUSTOM" } }
            ])))
            .await,
        "ORDER_PRODUCT_NAME_INVALID",
    );
    code_is(
        client
            .place_order(test_order(
                json!([{ "Name": "No price", "IsDynamic": true, "Quantity": 1 }]),
            ))
            .await,
        "ORDER_PRODUCT_PRICE_TYPE_CUSTOM_INVALID",
    );
    code_is(
        client
            .place_order(test_order(json!([
                { "Code": "NewProdCodeAPI12345", "Quantity": 1, "PriceOptions": ["NO_SUCH_OPTION"] }
            ])))
            .await,
        "ORDER_PRODUCT_INVALID",
    );
    // The decline card, and a mistyped card number.
    for number in ["4000000000000002", "4111111111111112"] {
        let mut declined = test_order(json!([{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }]));
        declined.payment_details =
            order(json!({ "Items": [], "PaymentDetails": card("CC", number) })).payment_details;
        code_is(client.place_order(declined).await, "CARD_PAYMENT_ERROR");
    }
    code_is(client.get_order("999999999").await, "INVALID_REFERENCE");
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn each_payment_type_gets_its_outcome() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let items = json!([{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }]);
    let place = |payment: Value| {
        order(json!({
            "Currency": "USD", "Items": items.clone(), "BillingDetails": billing(),
            "PaymentDetails": payment,
        }))
    };
    let paid = client
        .place_order(place(card("CC", "5555555555554444")))
        .await
        .expect("card");
    let paid_ref = paid.ref_no.as_option().expect("ref").clone();
    assert_eq!(
        paid.status.as_option().map(String::as_str),
        Some("AUTHRECEIVED")
    );

    let paypal = client
        .place_order(place(json!({
            "Type": "PAYPAL", "Currency": "USD",
            "PaymentMethod": { "Email": "shopper@example.com", "ReturnURL": "https://example.com/back" }
        })))
        .await
        .expect("paypal");
    assert_eq!(
        paypal.status.as_option().map(String::as_str),
        Some("PENDING")
    );
    let Some(PaymentDetails::Paypal(details)) = paypal.payment_details.as_option() else {
        panic!("a PAYPAL payment");
    };
    assert!(
        details
            .payment_method
            .as_option()
            .and_then(|m| m.redirect_url.as_option())
            .is_some_and(|url| url.starts_with("https://"))
    );
    // A pending order makes no subscription yet.
    assert!(
        paypal.items[0]
            .product_details
            .as_option()
            .is_some_and(|d| d.subscriptions.as_option().is_none())
    );
    code_is(
        client
            .place_order(place(json!({ "Type": "PAYPAL", "PaymentMethod": {} })))
            .await,
        "PAYMENT_ERROR",
    );

    for offline in ["WIRE", "CHECK", "BOLETO", "IDEAL", "ALIPAY"] {
        let placed = client
            .place_order(place(
                json!({ "Type": offline, "Currency": "USD", "PaymentMethod": {} }),
            ))
            .await
            .expect(offline);
        assert_eq!(
            placed.status.as_option().map(String::as_str),
            Some("PENDING")
        );
    }
    for instant in ["APPLE_PAY", "GOOGLE_PAY"] {
        let placed = client
            .place_order(place(
                json!({ "Type": instant, "Currency": "USD", "PaymentMethod": {} }),
            ))
            .await
            .expect(instant);
        assert_eq!(
            placed.status.as_option().map(String::as_str),
            Some("AUTHRECEIVED")
        );
    }

    let token = client
        .place_order(place(json!({
            "Type": "EES_TOKEN_PAYMENT", "Currency": "USD",
            "PaymentMethod": { "EesToken": "a-token", "Vendor3DSReturnURL": "https://e.x/ok", "Vendor3DSCancelURL": "https://e.x/no" }
        })))
        .await
        .expect("token");
    assert_eq!(
        token.status.as_option().map(String::as_str),
        Some("AUTHRECEIVED")
    );
    code_is(
        client
            .place_order(place(
                json!({ "Type": "EES_TOKEN_PAYMENT", "PaymentMethod": {} }),
            ))
            .await,
        "PAYMENT_ERROR",
    );

    let one_click = client
        .place_order(place(json!({
            "Type": "PREVIOUS_ORDER", "Currency": "USD", "PaymentMethod": { "RefNo": paid_ref }
        })))
        .await
        .expect("1-click");
    assert!(matches!(
        one_click.payment_details.as_option(),
        Some(PaymentDetails::PreviousOrder(_))
    ));
    code_is(
        client
            .place_order(place(
                json!({ "Type": "PREVIOUS_ORDER", "PaymentMethod": { "RefNo": "1" } }),
            ))
            .await,
        "PAYMENT_ERROR",
    );

    let free = client
        .place_order(order(json!({
            "Currency": "USD",
            "Items": [{ "Name": "Gift", "IsDynamic": true, "Quantity": 1, "Price": { "Amount": 0, "Type": "CUSTOM" } }],
            "PaymentDetails": { "Type": "FREE", "Currency": "USD" }
        })))
        .await
        .expect("free");
    assert_eq!(free.gross_price.as_option(), Some(&money("0")));
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn a_renewal_order_renews_its_subscription() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let before = client.get_subscription(JOHN).await.expect("before");
    let renewal = test_order(json!([{
        "RenewalInformation": { "SubscriptionReference": JOHN },
        "Quantity": 1,
        "Price": { "Type": "CUSTOM", "Amount": 80 }
    }]));
    let placed = client.place_order(renewal).await.expect("renewal");
    assert_eq!(placed.gross_price.as_option(), Some(&money("80")));
    let after = client.get_subscription(JOHN).await.expect("after");
    assert_ne!(after.expiration_date, before.expiration_date);
    let history = client
        .get_subscription_history(JOHN)
        .await
        .expect("history");
    let last = history.last().expect("an event");
    assert_eq!(last.reference_no.as_ref(), placed.ref_no.as_option());

    code_is(
        client
            .place_order(test_order(json!([{
                "RenewalInformation": { "SubscriptionReference": "NOSUCHREF0" }, "Quantity": 1
            }])))
            .await,
        "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_NOT_FOUND",
    );
    code_is(
        client
            .place_order(test_order(json!([
                { "RenewalInformation": { "SubscriptionReference": JOHN }, "Quantity": 1 },
                { "Code": "NewProdCodeAPI12345", "Quantity": 1 }
            ])))
            .await,
        "ORDER_PRODUCTS_RENEWAL_NOT_ALLOWED",
    );
}

#[tokio::test]
async fn search_orders_walks_every_page_once() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let mut placed = Vec::new();
    for _ in 0..12 {
        let order = client
            .place_order(test_order(
                json!([{ "Code": "my_subscription_1", "Quantity": 1 }]),
            ))
            .await
            .expect("placed");
        placed.push(order.ref_no.as_option().expect("ref").clone());
    }
    let before = sandbox.stats();
    let mut pages = client
        .search_orders()
        .order_search_options(
            OrderSearchOptions::builder()
                .pagination(Pagination::builder().limit(5).build())
                .build(),
        )
        .pages();
    let mut walked = Vec::new();
    while let Some(order) = pages.next().await {
        walked.push(order.expect("order").ref_no.into_option().expect("ref"));
    }
    // The seeded orders are older than the last 7 days searched by default.
    assert_eq!(walked, placed);
    assert_eq!(
        pages.pages_requested(),
        3,
        "12 orders in pages of 5, Count says when to stop"
    );
    let after = sandbox.stats();
    assert_eq!(
        (after.requests - after.logins) - (before.requests - before.logins),
        3
    );

    let page = client
        .search_orders()
        .order_search_options(
            OrderSearchOptions::builder()
                .start_date("2026-01-01")
                .partner_orders(true)
                .include_test_orders("NO")
                .build(),
        )
        .await
        .expect("seeded orders");
    assert_eq!(
        page.items.len(),
        3,
        "the three seeded orders, none of the test orders"
    );
    let count = page
        .pagination
        .as_option()
        .and_then(|p| p.count.as_option().copied());
    assert_eq!(count, Some(3));
    let without_partners = client
        .search_orders()
        .order_search_options(
            OrderSearchOptions::builder()
                .start_date("2026-01-01")
                .include_test_orders("NO")
                .build(),
        )
        .await
        .expect("no partner orders");
    assert_eq!(without_partners.items.len(), 1);
    code_is(
        client
            .search_orders()
            .order_search_options(
                OrderSearchOptions::builder()
                    .start_date("23/01/2020")
                    .build(),
            )
            .await,
        "INVALID_PARAMETER",
    );
}

#[tokio::test]
async fn refunds_total_and_partial_no_more_than_was_paid() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // 2 × 99.00 + 1 × 49.00 = 247.00.
    let placed = client
        .place_order(test_order(json!([
            { "Code": "NewProdCodeAPI12345", "Quantity": 2 },
            { "Code": "my_subscription_1", "Quantity": 1 }
        ])))
        .await
        .expect("placed");
    let ref_no = placed.ref_no.as_option().expect("ref").clone();
    assert_eq!(placed.gross_price.as_option(), Some(&money("247")));
    let line = placed.items[0]
        .line_item_reference
        .as_option()
        .expect("line")
        .clone();

    // A partial refund of one unit of the first line, the item sent alone as in the sample.
    let item = RefundItem::builder()
        .line_item_reference(line.clone())
        .quantity(1)
        .amount(money("99.00"))
        .build();
    assert!(
        client
            .issue_refund(
                &ref_no,
                money("99.00"),
                Some(RefundItems::One(item.clone())),
                None,
                "Duplicate purchase"
            )
            .await
            .expect("partial")
    );
    code_is(
        client
            .issue_refund(
                &ref_no,
                money("99"),
                Some(RefundItems::List(vec![item])),
                None,
                "Duplicate purchase",
            )
            .await,
        "DUPLICATE_REFUND",
    );
    // Items that do not add up to the amount, or are not lines of the order.
    let by_code = RefundItem::builder()
        .product_code("my_subscription_1")
        .quantity(1)
        .amount(money("49.00"))
        .build();
    code_is(
        client
            .issue_refund(
                &ref_no,
                money("50"),
                Some(RefundItems::List(vec![by_code.clone()])),
                None,
                "Other",
            )
            .await,
        "INVALID_AMOUNT",
    );
    let stranger = RefundItem::builder()
        .product_code("NewProdCodeAPI12345_PRO")
        .quantity(1)
        .amount(money("1"))
        .build();
    code_is(
        client
            .issue_refund(
                &ref_no,
                money("1"),
                Some(RefundItems::One(stranger)),
                None,
                "Other",
            )
            .await,
        "INVALID_AMOUNT",
    );
    // 148.00 is left: more is refused.
    code_is(
        client
            .issue_refund(
                &ref_no,
                money("148.01"),
                Some(RefundItems::Empty(String::new())),
                None,
                "Other",
            )
            .await,
        "INVALID_AMOUNT",
    );
    assert!(
        client
            .issue_refund(
                &ref_no,
                money("148.00"),
                Some(RefundItems::Empty(String::new())),
                Some("We hope you are satisfied.".into()),
                "Duplicate purchase"
            )
            .await
            .expect("the rest")
    );
    let refunded = client.get_order(ref_no.clone()).await.expect("order");
    assert_eq!(
        refunded.status.as_option().map(String::as_str),
        Some("REFUND")
    );
    let refunds = refunded.refunds.as_option().expect("refunds");
    let total: Money = refunds
        .iter()
        .filter_map(|r| r.amount.as_option().copied())
        .sum();
    assert_eq!(total, money("247"));
    code_is(
        client
            .issue_refund(
                &ref_no,
                money("1"),
                Some(RefundItems::Empty(String::new())),
                None,
                "Other",
            )
            .await,
        "REFUND_NOT_ALLOWED",
    );

    // A pending order has nothing collected to refund; an unknown one does not exist.
    let pending = client
        .place_order(order(json!({
            "Currency": "USD", "Items": [{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }],
            "PaymentDetails": { "Type": "WIRE", "Currency": "USD", "PaymentMethod": {} }
        })))
        .await
        .expect("pending");
    code_is(
        client
            .issue_refund(
                pending.ref_no.as_option().expect("ref"),
                money("1"),
                Some(RefundItems::Empty(String::new())),
                None,
                "Other",
            )
            .await,
        "REFUND_NOT_ALLOWED",
    );
    code_is(
        client
            .issue_refund(
                "72711777",
                money("26.00"),
                Some(RefundItems::Empty(String::new())),
                None,
                "Duplicate purchase",
            )
            .await,
        "INVALID_REFERENCE",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut out = Vec::new();
    for chunk in text.trim_end_matches('=').as_bytes().chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | (u32::from(value(c)) << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

#[tokio::test]
async fn invoices_of_complete_and_refunded_orders() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let placed = client
        .place_order(test_order(
            json!([{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }]),
        ))
        .await
        .expect("placed");
    let ref_no = placed.ref_no.as_option().expect("ref").clone();
    let invoices = client.get_invoices(ref_no.clone()).await.expect("invoices");
    let sale = invoices[0].sale.as_option().expect("sale");
    let pdf = decode_base64(sale);
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    assert!(String::from_utf8_lossy(&pdf).contains(&ref_no));
    assert!(invoices[0].refunds.as_option().is_some_and(Vec::is_empty));

    client
        .issue_refund(
            &ref_no,
            money("10"),
            // Items sent as null: a total-refund style request for part of the amount.
            None,
            None,
            "Other",
        )
        .await
        .expect("refund");
    let invoices = client.get_invoices(ref_no).await.expect("invoices");
    assert_eq!(invoices[0].refunds.as_option().map(Vec::len), Some(1));

    let pending = client
        .place_order(order(json!({
            "Currency": "USD", "Items": [{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }],
            "PaymentDetails": { "Type": "CHECK", "Currency": "USD", "PaymentMethod": {} }
        })))
        .await
        .expect("pending");
    code_is(
        client
            .get_invoices(pending.ref_no.into_option().expect("ref"))
            .await,
        "INVOICE_NOT_AVAILABLE",
    );
    code_is(
        client.get_invoices("ORDER_REFERENCE").await,
        "INVALID_REFERENCE",
    );
}

#[tokio::test]
async fn shipping_prices_for_tangible_products() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let us = ShippingCountry::builder().country_code("US").build();
    let au = ShippingCountry::builder().country_code("AU").build();
    // The sample: two units of my_product_code_1, billed in the US, shipped to Australia.
    let items = vec![
        ShippingItem::builder()
            .code("my_product_code_1")
            .quantity(2)
            .build(),
    ];
    let price = client
        .get_shipping_price(items.clone(), us.clone(), au)
        .currency("USD")
        .coupon_codes(vec!["TANGIBLEPROMO".to_string()])
        .await
        .expect("shipping");
    let methods = price
        .shipping_prices_available
        .as_option()
        .expect("methods");
    let standard = methods
        .iter()
        .find(|m| m.code.as_option().map(String::as_str) == Some("STANDARD"))
        .expect("standard");
    let net = standard
        .price_details
        .as_option()
        .and_then(|d| d.net.as_option())
        .expect("net");
    // 5.00 base + 1.50 for the second unit + 7.25 abroad.
    assert_eq!(net.total_amount.as_option(), Some(&money("13.75")));
    assert_eq!(net.country_surcharge.as_option(), Some(&money("7.25")));
    let domestic = client
        .get_shipping_price(items, us.clone(), us.clone())
        .await
        .expect("domestic");
    let first = &domestic
        .shipping_prices_available
        .as_option()
        .expect("methods")[0];
    let net = first
        .price_details
        .as_option()
        .and_then(|d| d.net.as_option())
        .expect("net");
    assert_eq!(net.total_amount.as_option(), Some(&money("6.5")));

    code_is(
        client
            .get_shipping_price(
                vec![ShippingItem::builder().code("NewProdCodeAPI12345").build()],
                us.clone(),
                us.clone(),
            )
            .await,
        "INVALID_PARAMETER",
    );
    code_is(
        client
            .get_shipping_price(
                vec![ShippingItem::builder().code("NOPE").build()],
                us.clone(),
                us,
            )
            .await,
        "ORDER_PRODUCT_CODE_INVALID",
    );
}

#[test]
fn the_blocking_client_walks_the_orders() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(sandbox());
    let client = twocheckout_tests::blocking_rpc6(&sandbox);
    let mut placed = Vec::new();
    for _ in 0..7 {
        let request = twocheckout::PlaceOrder::new(test_order(json!([
            { "Code": "NewProdCodeAPI12345_PRO", "Quantity": 1 }
        ])));
        let order = client.call(request).expect("placed");
        placed.push(order.ref_no.into_option().expect("ref"));
    }
    let request = twocheckout::SearchOrders::new().order_search_options(
        OrderSearchOptions::builder()
            .pagination(Pagination::builder().limit(3).build())
            .build(),
    );
    let walked: Vec<String> = client
        .pages(request)
        .map(|o| o.expect("order").ref_no.into_option().expect("ref"))
        .collect();
    assert_eq!(walked, placed);
    drop(client);
    drop(runtime);
}

#[tokio::test]
async fn catalog_edits_reach_order_pricing() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let item = json!([{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }]);
    let full = client
        .place_order(test_order(item.clone()))
        .await
        .expect("placed");
    let full_price = full.gross_price.into_option().expect("a price");

    // The seeded promotion's coupon takes 20% off the basic product, exactly.
    let mut with_coupon = test_order(item.clone());
    with_coupon.promotions = Maybe::Value(vec![PromotionRef::Code("SPRING2026".into())]);
    let discounted = client.place_order(with_coupon).await.expect("placed");
    assert_eq!(
        discounted.gross_price.into_option(),
        Some(full_price * money("0.8"))
    );

    // A disabled product cannot be ordered.
    assert!(
        client
            .set_product_status("NewProdCodeAPI12345", false)
            .await
            .expect("disable")
    );
    code_is(
        client.place_order(test_order(item)).await,
        "ORDER_PRODUCT_CODE_INVALID",
    );
}
