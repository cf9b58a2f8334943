//! The account's money through the generated client against the in-process sandbox: the
//! pending balance (which follows the orders placed), past payouts, and the countries list.

use serde_json::{Value, json};
use twocheckout::prelude::*;
use twocheckout::{
    Order, Pagination, PayoutMethod, PayoutOrderBy, PayoutSearchOptions, PayoutSortDirection,
    PayoutStatus, PendingPayout, PendingPayoutOptions,
};
use twocheckout_rpc::support::Money;
use twocheckout_tests::{code_is, rpc6, sandbox};

fn money(amount: &str) -> Money {
    amount.parse().expect("an amount")
}

/// `(estore, affiliates, partner, total)` of one currency.
fn totals(payout: &PendingPayout, currency: &str) -> (Money, Money, Money, Money) {
    let currencies = payout.currencies.as_option().expect("currencies");
    let entry = currencies
        .iter()
        .find(|c| c.currency == currency)
        .unwrap_or_else(|| panic!("no {currency} in {currencies:?}"));
    let t = entry.orders_total.as_option().expect("orders total");
    let get = |m: &twocheckout_rpc::support::Maybe<Money>| m.as_option().copied().expect("amount");
    (
        get(&t.estore),
        get(&t.affiliates),
        get(&t.partner),
        get(&t.total),
    )
}

fn test_order(affiliate: Option<&str>) -> Order {
    let mut order = json!({
        "Currency": "USD", "Country": "US", "Language": "en",
        "Items": [{ "Code": "5DCB30C6B0", "Quantity": 1 }],
        "BillingDetails": {
            "Email": "example@email.com", "FirstName": "Customer", "LastName": "Name",
            "CountryCode": "US", "City": "San Francisco", "Address1": "Example Street", "Zip": "90210"
        },
        "PaymentDetails": {
            "Type": "TEST", "Currency": "USD", "CustomerIP": "10.10.10.10",
            "PaymentMethod": {
                "CardNumber": "4111111111111111", "CardType": "VISA", "ExpirationYear": "2030",
                "ExpirationMonth": "12", "HolderName": "John Doe", "CCID": "123",
                "Vendor3DSReturnURL": "https://example.com/ok", "Vendor3DSCancelURL": "https://example.com/no"
            }
        }
    });
    if let Some(code) = affiliate {
        order["Affiliate"] = json!({ "AffiliateCode": code });
    }
    serde_json::from_value(order).expect("an Order")
}

#[tokio::test]
async fn the_pending_balance_adds_up_the_orders_by_currency_and_source() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let before = client.get_pending_payout().await.expect("balance");
    assert_eq!(
        totals(&before, "USD"),
        (money("893"), money("0"), money("0"), money("893"))
    );
    assert_eq!(totals(&before, "BRL").0, money("500"));

    let placed = client.place_order(test_order(None)).await.expect("placed");
    let price = placed.gross_price.as_option().copied().expect("price");
    let after = client.get_pending_payout().await.expect("balance");
    assert_eq!(totals(&after, "USD").0, money("893") + price);
    assert_eq!(totals(&after, "USD").3, money("893") + price);

    let only_brl = client
        .get_pending_payout()
        .input_parameters(
            PendingPayoutOptions::builder()
                .currency("BRL")
                .total_currency("EUR")
                .build(),
        )
        .await
        .expect("BRL");
    let currencies = only_brl.currencies.as_option().expect("currencies");
    assert_eq!(currencies.len(), 1);
    assert_eq!(currencies[0].currency, "BRL");

    code_is(
        client
            .get_pending_payout()
            .input_parameters(PendingPayoutOptions::builder().currency("DOLLARS").build())
            .await,
        "INVALID_PARAMETER",
    );
}

#[tokio::test]
async fn an_order_brought_by_an_affiliate_counts_as_affiliate_sales() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let placed = client
        .place_order(test_order(Some("964CF2AF42")))
        .await
        .expect("placed");
    let price = placed.gross_price.as_option().copied().expect("price");
    let balance = client.get_pending_payout().await.expect("balance");
    let (estore, affiliates, _, total) = totals(&balance, "USD");
    assert_eq!(estore, money("893"));
    assert_eq!(affiliates, price);
    assert_eq!(total, money("893") + price);
}

fn items(answer: &Value) -> Vec<String> {
    answer["Items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["Reference"].as_str().expect("reference").to_string())
        .collect()
}

#[tokio::test]
async fn payouts_are_searched_ordered_and_paged() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let all = client.search_payouts().await.expect("all").to_value();
    assert_eq!(all["Pagination"]["Count"], 5);
    assert_eq!(
        items(&all),
        ["PAY00001", "PAY00002", "PAY00003", "PAY00004", "PAY00005"]
    );
    assert_eq!(all["Items"][1]["Amount"], json!(980));

    // The search sample: paid or cancelled USD wire transfers of May 2018, newest first.
    let sample = PayoutSearchOptions::builder()
        .status(vec![PayoutStatus::Paid, PayoutStatus::Canceled])
        .currency("USD")
        .start_date("2018-05-01")
        .end_date("2018-06-01")
        .payment_type(PayoutMethod::Wire)
        .order_by(vec![
            PayoutOrderBy::builder()
                .field("TransferCompletionDate")
                .direction(PayoutSortDirection::Desc)
                .build(),
        ])
        .build();
    let found = client
        .search_payouts()
        .search_options(sample)
        .await
        .expect("sample")
        .to_value();
    assert_eq!(items(&found), ["PAY00002", "PAY00001"]);

    let by_invoice = PayoutSearchOptions::builder().reference("FBV8572").build();
    let found = client
        .search_payouts()
        .search_options(by_invoice)
        .await
        .expect("invoice")
        .to_value();
    assert_eq!(items(&found), ["PAY00002"]);

    let mut walked = Vec::new();
    for page in 1..=4 {
        let options = PayoutSearchOptions::builder()
            .pagination(Pagination::builder().page(page).limit(2).build())
            .build();
        let answer = client
            .search_payouts()
            .search_options(options)
            .await
            .expect("page")
            .to_value();
        assert_eq!(answer["Pagination"]["Page"], page);
        let refs = items(&answer);
        if refs.is_empty() {
            break;
        }
        walked.extend(refs);
    }
    assert_eq!(walked, items(&all));

    let bad_order = PayoutSearchOptions::builder()
        .order_by(vec![
            PayoutOrderBy::builder()
                .field("Amount")
                .direction(PayoutSortDirection::Asc)
                .build(),
        ])
        .build();
    code_is(
        client.search_payouts().search_options(bad_order).await,
        "INVALID_PARAMETER",
    );
}

#[tokio::test]
async fn countries_are_named_in_the_language_asked_for() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let name_of = |answer: &Value, code: &str| {
        answer
            .as_array()
            .expect("a list")
            .iter()
            .find(|c| c["Code"] == code)
            .and_then(|c| c["Name"].as_str())
            .map(String::from)
    };
    let english = client
        .get_available_countries()
        .await
        .expect("en")
        .to_value();
    assert_eq!(name_of(&english, "DE").as_deref(), Some("Germany"));
    // The request sample asks for Dutch.
    let dutch = client
        .get_available_countries()
        .language("nl")
        .await
        .expect("nl")
        .to_value();
    assert_eq!(name_of(&dutch, "DE").as_deref(), Some("Duitsland"));
    assert_eq!(
        dutch.as_array().map(Vec::len),
        english.as_array().map(Vec::len)
    );
    code_is(
        client.get_available_countries().language("dutch").await,
        "INVALID_PARAMETER",
    );
}
