//! Walks the documented flows with the generated client, ending with the commerce flow: place a
//! TEST order, read it back, find its subscription, turn recurring billing off and on, renew it,
//! and refund part of the order.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! With no environment it starts the sandbox in-process on a free port and talks to it. With
//! `TWOCHECKOUT_ENDPOINT`, `TWOCHECKOUT_MERCHANT_CODE` and `TWOCHECKOUT_SECRET_KEY` set it talks
//! to that JSON-RPC 6.0 endpoint instead (set `TWOCHECKOUT_CM21_ENDPOINT` too for the Channel
//! Manager 2.1 steps). Against a real endpoint the steps that change data run only with
//! `TWOCHECKOUT_QUICKSTART_WRITES=1`, and the seed identifiers below may not exist there: each
//! step prints its error and the walk goes on.

use std::fmt::Debug;
use std::process::ExitCode;

use twocheckout::prelude::*;
use twocheckout::{
    BillingDetails, CardPaymentDetails, CardType, ChurnReason, Order, OrderItem,
    PartnerResellersQuery, PaymentDetails, PaymentMethod, ProposalAction, ProposalActionSend,
    ProposalSender, RefundItem, RefundItems, SubscriptionSearchOptions,
};
use twocheckout_rpc::api::{Cm21, Rpc6};
use twocheckout_rpc::support::Money;
use twocheckout_rpc::{Client, Credentials, Error};
use twocheckout_sandbox::{RunningSandbox, Sandbox};

/// The seeded identifiers, as the documentation's samples use them.
const PARTNER: &str = "Test Avangate";
const PRODUCT: &str = "NewProdCodeAPI12345";
const ORDER: &str = "731522351";
const RESELLER: &str = "Q6WSZXXAA7";
const SUBSCRIPTION: &str = "30E47F8699";
const PROPOSAL: &str = "0573e71d-38bb-4d61-88ca-b3c557517c68";

/// Where the walk goes.
struct Target {
    rpc6: Client<Rpc6>,
    cm21: Option<Client<Cm21>>,
    writes: bool,
    /// Keeps the in-process sandbox alive for the walk.
    _sandbox: Option<RunningSandbox>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let target = match target().await {
        Ok(target) => target,
        Err(message) => {
            eprintln!("quickstart: {message}");
            return ExitCode::FAILURE;
        }
    };
    let failures = walk(&target).await + partner_order(&target).await;
    if failures == 0 {
        println!("\nEvery step succeeded.");
        ExitCode::SUCCESS
    } else {
        println!("\n{failures} step(s) failed.");
        ExitCode::FAILURE
    }
}

async fn target() -> Result<Target, String> {
    if let Ok(endpoint) = std::env::var("TWOCHECKOUT_ENDPOINT") {
        let credentials = Credentials::from_env().ok_or(
            "TWOCHECKOUT_ENDPOINT is set: set TWOCHECKOUT_MERCHANT_CODE and TWOCHECKOUT_SECRET_KEY too",
        )?;
        println!(
            "Talking to {endpoint} as merchant {}",
            credentials.merchant_code()
        );
        let rpc6 = Client::<Rpc6>::builder(credentials.clone())
            .endpoint(endpoint)
            .build()
            .map_err(|e| e.to_string())?;
        let cm21 = match std::env::var("TWOCHECKOUT_CM21_ENDPOINT") {
            Ok(url) => Some(
                Client::<Cm21>::builder(credentials)
                    .endpoint(url)
                    .build()
                    .map_err(|e| e.to_string())?,
            ),
            Err(_) => None,
        };
        let writes = std::env::var("TWOCHECKOUT_QUICKSTART_WRITES").is_ok_and(|v| v == "1");
        return Ok(Target {
            rpc6,
            cm21,
            writes,
            _sandbox: None,
        });
    }
    let sandbox = Sandbox::builder()
        .start()
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Started the sandbox at {} (merchant {})",
        sandbox.url(),
        sandbox.merchant_code()
    );
    let credentials = Credentials::new(sandbox.merchant_code(), sandbox.secret_key());
    let rpc6 = Client::<Rpc6>::builder(credentials.clone())
        .endpoint(sandbox.rpc6_url())
        .build()
        .map_err(|e| e.to_string())?;
    let cm21 = Client::<Cm21>::builder(credentials)
        .endpoint(sandbox.cm21_url())
        .build()
        .map_err(|e| e.to_string())?;
    Ok(Target {
        rpc6,
        cm21: Some(cm21),
        writes: true,
        _sandbox: Some(sandbox),
    })
}

/// Runs every step; returns how many failed.
async fn walk(target: &Target) -> usize {
    let client = &target.rpc6;
    let mut failures = 0;
    let mut report = |step: &str, outcome: Result<String, Error>| match outcome {
        Ok(summary) => println!("  ok   {step}: {summary}"),
        Err(error) => {
            failures += 1;
            println!("  FAIL {step}: {error}");
        }
    };

    println!("\n1. Login and products (the client logs in on its first call)");
    let product = match client.get_product_by_code(PRODUCT).await {
        Ok(product) => {
            report(
                "getProductByCode",
                Ok(format!(
                    "{} \"{}\"",
                    product.product_code, product.product_name
                )),
            );
            Some(product)
        }
        Err(error) => {
            report("getProductByCode", Err(error));
            None
        }
    };
    if let (Some(mut product), true) = (product, target.writes) {
        product.product_name = format!("{} (edited)", product.product_name);
        report(
            "updateProduct",
            client.update_product(product).await.map(summary),
        );
        let again = client.get_product_by_code(PRODUCT).await;
        report(
            "getProductByCode again",
            again.map(|p| format!("now \"{}\"", p.product_name)),
        );
    }

    println!("\n2. Partner context (Channel Manager 2.1: setPartner happens on the first call)");
    match &target.cm21 {
        Some(cm21) => {
            let partner = cm21.with_partner(PARTNER);
            if target.writes {
                report(
                    "setOrderReseller",
                    partner
                        .set_order_reseller(ORDER, RESELLER)
                        .await
                        .map(summary),
                );
            }
            let reseller = partner.get_order_reseller(ORDER).await;
            report(
                "getOrderReseller",
                reseller.map(|r| {
                    format!(
                        "order {ORDER} → reseller {} ({})",
                        r.reseller_code, r.company
                    )
                }),
            );
        }
        None => println!("  skipped: set TWOCHECKOUT_CM21_ENDPOINT to run it"),
    }

    println!("\n3. Resellers (Channel Manager 6.0, on the 6.0 endpoint)");
    let query = PartnerResellersQuery::builder()
        .partner_code(PARTNER)
        .build();
    let resellers = client.get_partner_resellers(query).await;
    report(
        "getPartnerResellers",
        resellers.map(|r| {
            let codes: Vec<&str> = r.iter().take(3).map(|r| r.reseller_code.as_str()).collect();
            format!("{} on the first page: {}…", r.len(), codes.join(", "))
        }),
    );

    println!("\n4. Subscriptions");
    if target.writes {
        let cancel = client
            .cancel_subscription(SUBSCRIPTION)
            .churn_reasons(vec![ChurnReason::ChurnReasonDontNeed]);
        report("cancelSubscription", cancel.await.map(summary));
        report(
            "setRenewalNotificationStatus",
            client
                .set_renewal_notification_status(SUBSCRIPTION, false)
                .await
                .map(summary),
        );
    }
    let disabled = client
        .search_subscriptions()
        .search_by(
            SubscriptionSearchOptions::builder()
                .subscription_enabled(false)
                .limit(5)
                .build(),
        )
        .await;
    report(
        "searchSubscriptions (disabled)",
        disabled.map(|s| {
            let references: Vec<&str> = s
                .iter()
                .map(|s| s.subscription_reference.as_str())
                .collect();
            format!("[{}]", references.join(", "))
        }),
    );

    println!("\n5. Installments for a BRL card order");
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
    report(
        "getInstallments",
        client.get_installments(order).await.map(|options| {
            options
                .iter()
                .take(3)
                .map(|o| {
                    format!(
                        "{}×{:.2}",
                        o.number.unwrap_or_default(),
                        o.amount.unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
                + " …"
        }),
    );

    println!("\n6. A proposal action");
    if target.writes {
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
            .await;
        report(
            "performAction send",
            sent.map(|p| format!("status {:?}, version {:?}", p.status, p.version)),
        );
    } else {
        let proposal = client.get_proposal_by_id(PROPOSAL).await;
        report(
            "getProposalById",
            proposal.map(|p| format!("status {:?}", p.status)),
        );
    }

    println!("\n7. The commerce flow: a TEST order, its subscription, a renewal and a refund");
    if !target.writes {
        println!("  skipped: it places an order; set TWOCHECKOUT_QUICKSTART_WRITES=1 to run it");
        return failures;
    }
    let placed = match client.place_order(test_order()).await {
        Ok(order) => {
            report(
                "placeOrder (TEST)",
                Ok(format!(
                    "order {} {}, {} {}",
                    order.ref_no.as_option().map_or("?", String::as_str),
                    order.status.as_option().map_or("?", String::as_str),
                    order.gross_price.as_option().copied().unwrap_or_default(),
                    order.currency.as_option().map_or("", String::as_str),
                )),
            );
            order
        }
        Err(error) => {
            report("placeOrder (TEST)", Err(error));
            return failures;
        }
    };
    let ref_no = placed.ref_no.as_option().cloned().unwrap_or_default();
    let read = client.get_order(ref_no.clone()).await;
    let line = read.as_ref().ok().and_then(|order| {
        order
            .items
            .first()
            .and_then(|item| item.line_item_reference.as_option().cloned())
    });
    report(
        "getOrder",
        read.map(|o| {
            format!(
                "status {}",
                o.status.as_option().map_or("?", String::as_str)
            )
        }),
    );
    let subscription = placed.items.first().and_then(|item| {
        let subscriptions = item
            .product_details
            .as_option()?
            .subscriptions
            .as_option()?;
        let value = subscriptions.to_value();
        value[0]["SubscriptionReference"].as_str().map(String::from)
    });
    let Some(subscription) = subscription else {
        println!("  FAIL find the order's subscription: the order lists none");
        return failures + 1;
    };
    report(
        "getSubscription",
        client
            .get_subscription(subscription.clone())
            .await
            .map(|s| {
                let expires = s.expiration_date.as_option().map_or("?", |d| d.as_str());
                format!("{} expires {expires}", s.subscription_reference)
            }),
    );
    report(
        "disableRecurringBilling",
        client
            .disable_recurring_billing(subscription.clone())
            .churn_reasons(vec![ChurnReason::ChurnReasonDontNeed])
            .await
            .map(summary),
    );
    report(
        "enableRecurringBilling",
        client
            .enable_recurring_billing(subscription.clone())
            .await
            .map(summary),
    );
    report(
        "renewSubscription (30 days)",
        client
            .renew_subscription(subscription.clone(), 30, money("9.90"), "USD")
            .await
            .map(summary),
    );
    let mut refund = RefundItem::builder().quantity(1).amount(money("10.00"));
    if let Some(line) = line {
        refund = refund.line_item_reference(line);
    } else {
        refund = refund.product_code(PRODUCT);
    }
    report(
        "issueRefund (10.00 of the order)",
        client
            .issue_refund(
                ref_no,
                money("10.00"),
                Some(RefundItems::One(refund.build())),
                Some("Part of the order, as agreed.".into()),
                "Other",
            )
            .await
            .map(summary),
    );
    failures
}

/// An amount written in the source.
fn money(text: &str) -> Money {
    text.parse().unwrap_or_default()
}

/// A TEST order of two units of the seeded product, paid with the documented test card.
fn test_order() -> Order {
    let card = PaymentMethod::builder()
        .card_number("4111111111111111")
        .card_type(CardType::Visa)
        .expiration_year("2030")
        .expiration_month("12")
        .holder_name("John Doe")
        .ccid("123")
        .vendor3_ds_return_url("https://example.com/3ds/ok")
        .vendor3_ds_cancel_url("https://example.com/3ds/cancel")
        .recurring_enabled(true)
        .build();
    Order::builder()
        .currency("USD")
        .country("US")
        .language("en")
        .items(vec![OrderItem::builder().code(PRODUCT).quantity(2).build()])
        .billing_details(
            BillingDetails::builder()
                .first_name("John")
                .last_name("Doe")
                .email("quickstart@example.com")
                .country_code("US")
                .city("San Francisco")
                .address1("Example Street")
                .zip("90210")
                .build(),
        )
        .payment_details(PaymentDetails::Test(
            CardPaymentDetails::builder()
                .currency("USD")
                .customer_ip("10.10.10.10")
                .payment_method(card)
                .build(),
        ))
        .build()
}

/// The sample pricing list and a product sold in it.
const PRICING_LIST: &str = "EFBECC428A";
const PARTNER_PRODUCT: i64 = 4_712_041;

/// A partner order (Channel Manager 2.1): a cart on its own session, the order placed from it,
/// then its partner invoice. Returns how many steps failed.
async fn partner_order(target: &Target) -> usize {
    println!("\n7. A partner order (Channel Manager 2.1 cart, on a session of its own)");
    let Some(cm21) = &target.cm21 else {
        println!("  skipped: set TWOCHECKOUT_CM21_ENDPOINT to run it");
        return 0;
    };
    let mut failures = 0;
    let mut report = |step: &str, outcome: Result<String, Error>| match outcome {
        Ok(summary) => println!("  ok   {step}: {summary}"),
        Err(error) => {
            failures += 1;
            println!("  FAIL {step}: {error}");
        }
    };
    let partner = cm21.with_partner(PARTNER);
    let price = partner
        .get_product_price(PARTNER_PRODUCT.to_string(), PRICING_LIST)
        .await;
    report(
        "getProductPrice",
        price.map(|p| {
            format!(
                "{} {} net, {} margin per unit",
                p.net_price_per_unit, p.currency, p.partner_margin_per_unit
            )
        }),
    );
    if !target.writes {
        return failures;
    }
    let cart = partner.cart();
    report(
        "addProduct (to the cart)",
        cart.add_product_to_cart(PARTNER_PRODUCT, Some(2), None, PRICING_LIST)
            .await
            .map(summary),
    );
    let order = cart.place_partner_order().await;
    let ref_no = order.as_ref().ok().map(|o| o.ref_no.clone());
    report(
        "placeOrder (the cart)",
        order.map(|o| {
            format!(
                "{} {:?}, {} {}",
                o.ref_no, o.status, o.total_amount, o.currency
            )
        }),
    );
    if let Some(ref_no) = ref_no {
        let proforma = partner.create_proforma(vec![ref_no]).await;
        report(
            "createProforma",
            proforma.map(|p| format!("{} {:?}, {} {}", p.number, p.status, p.total, p.currency)),
        );
    }
    failures
}

/// A one-line summary of a simple result.
fn summary<T: Debug>(value: T) -> String {
    format!("{value:?}")
}
