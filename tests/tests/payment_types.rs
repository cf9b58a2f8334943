//! The payment types whose method fields the docs name (iDEAL, Alipay, Google Pay) through the
//! generated client against the sandbox: built with the typed fields, sent, read back.

use serde_json::{Value, json};
use twocheckout::prelude::*;
use twocheckout::{
    GooglePayPaymentDetails, GooglePayPaymentMethod, IdealPaymentDetails, IdealPaymentMethod,
    Order, PaymentDetails,
};
use twocheckout_tests::{rpc6, sandbox};

fn order(payment: Value) -> Order {
    serde_json::from_value(json!({
        "Currency": "USD", "Country": "NL", "Language": "en",
        "Items": [{ "Code": "NewProdCodeAPI12345", "Quantity": 1 }],
        "BillingDetails": {
            "Email": "shopper@example.com", "FirstName": "Jan", "LastName": "Jansen",
            "CountryCode": "NL", "City": "Amsterdam", "Address1": "Damrak 1", "Zip": "1012 LG"
        },
        "PaymentDetails": payment,
    }))
    .expect("an Order")
}

#[tokio::test]
async fn ideal_alipay_and_google_pay_carry_their_fields() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);

    let ideal = PaymentDetails::Ideal(
        IdealPaymentDetails::builder()
            .currency("USD")
            .payment_method(
                IdealPaymentMethod::builder()
                    .bank_code("RABONL2U")
                    .return_url("https://example.com/paid")
                    .cancel_url("https://example.com/failed")
                    .build(),
            )
            .build(),
    );
    let wire = serde_json::to_value(&ideal).expect("serializes");
    assert_eq!(wire["Type"], "IDEAL");
    assert_eq!(wire["PaymentMethod"]["BankCode"], "RABONL2U");
    assert_eq!(
        wire["PaymentMethod"]["ReturnURL"],
        "https://example.com/paid"
    );
    let mut request = order(json!({ "Type": "TEST" }));
    request.payment_details = ideal.into();
    let placed = client.place_order(request).await.expect("iDEAL order");
    assert_eq!(
        placed.status.as_option().map(String::as_str),
        Some("PENDING"),
        "an iDEAL payment waits for the bank"
    );
    let read = client
        .get_order(placed.ref_no.as_option().expect("RefNo").clone())
        .await
        .expect("read back");
    let Some(PaymentDetails::Ideal(details)) = read.payment_details.as_option() else {
        panic!("an iDEAL payment: {:?}", read.payment_details);
    };
    let method = details.payment_method.as_option().expect("method");
    assert_eq!(
        method.bank_code.as_option().map(String::as_str),
        Some("RABONL2U")
    );
    assert_eq!(
        method.cancel_url.as_option().map(String::as_str),
        Some("https://example.com/failed")
    );

    let alipay = client
        .place_order(order(json!({
            "Type": "ALIPAY", "Currency": "USD",
            "PaymentMethod": { "RecurringEnabled": false }
        })))
        .await
        .expect("Alipay order");
    assert_eq!(
        alipay.status.as_option().map(String::as_str),
        Some("PENDING")
    );
    assert!(matches!(
        alipay.payment_details.as_option(),
        Some(PaymentDetails::Alipay(_))
    ));
    // The answer's Redirect is kept as sent, whatever its shape.
    let answer: PaymentDetails = serde_json::from_value(json!({
        "Type": "ALIPAY", "Currency": "USD",
        "PaymentMethod": { "Redirect": { "Url": "https://alipay.invalid", "Method": "GET",
                           "Params": { "token": "abc" } } }
    }))
    .expect("an answer");
    let PaymentDetails::Alipay(details) = &answer else {
        panic!("Alipay: {answer:?}");
    };
    let redirect = details
        .payment_method
        .as_option()
        .and_then(|m| m.redirect.as_option())
        .expect("redirect");
    assert_eq!(redirect.to_value()["Params"]["token"], "abc");

    let google = PaymentDetails::GooglePay(
        GooglePayPaymentDetails::builder()
            .currency("USD")
            .payment_method(
                GooglePayPaymentMethod::builder()
                    .payment_token("eyJzaWduYXR1cmUiOiJ0ZXN0In0=")
                    .build(),
            )
            .build(),
    );
    assert!(
        !format!("{google:?}").contains("eyJzaWduYXR1cmUi"),
        "the token stays out of Debug output"
    );
    let mut request = order(json!({ "Type": "TEST" }));
    request.payment_details = google.into();
    let placed = client.place_order(request).await.expect("Google Pay order");
    assert_eq!(
        placed.status.as_option().map(String::as_str),
        Some("AUTHRECEIVED"),
        "a wallet payment is authorized at once"
    );
    assert!(matches!(
        placed.payment_details.as_option(),
        Some(PaymentDetails::GooglePay(_))
    ));
    assert_eq!(sandbox.stats().nonconforming, 0);
}
