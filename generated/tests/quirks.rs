//! Small fixtures, one per kind of quirk real payloads have: each decodes into a shape the user
//! can match on and goes back exactly as it came.

mod common;

use common::exact::{exact, first_difference};
use serde::Serialize;
use serde::de::DeserializeOwned;
use twocheckout::{
    CardType, ItemPromotion, Order, OrderErrors, OrderItem, PaymentDetails, Product,
    ProductTranslations, PromotionRef,
};
use twocheckout_rpc::support::{Maybe, Money};

/// Decodes `json`, checks it encodes back to exactly the same JSON, and returns the value.
fn exact_round_trip<T: DeserializeOwned + Serialize>(json: &str) -> T {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let back = serde_json::to_string(&value).expect("encodes");
    if let Some(difference) = first_difference("", &exact(json), &exact(&back)) {
        panic!("differs at {difference}\nsent {json}\nback {back}");
    }
    value
}

fn order(fields: &str) -> Order {
    exact_round_trip(&format!(r#"{{"Items": [], {fields}}}"#))
}

fn item(fields: &str) -> OrderItem {
    exact_round_trip(&format!(r#"{{"Code": "P1", "Quantity": 1, {fields}}}"#))
}

#[test]
fn order_errors_in_each_shape() {
    assert_eq!(order(r#""Errors": null"#).errors, Maybe::Null);
    let Maybe::Value(OrderErrors::Map(map)) =
        order(r#""Errors": {"CARD_PAYMENT_ERROR": "Declined"}"#).errors
    else {
        panic!("a map")
    };
    assert_eq!(map["CARD_PAYMENT_ERROR"], "Declined");
    assert!(matches!(
        order(r#""Errors": []"#).errors,
        Maybe::Value(OrderErrors::List(list)) if list.is_empty()
    ));
    assert_eq!(
        order(r#""Errors": false"#).errors,
        Maybe::Value(OrderErrors::Flag(false))
    );
    // A shape nobody has seen yet is kept, not an error.
    assert!(matches!(
        order(r#""Errors": "timeout""#).errors,
        Maybe::Value(OrderErrors::Other(_))
    ));
}

#[test]
fn item_promotion_in_each_shape() {
    assert_eq!(item(r#""Promotion": null"#).promotion, Maybe::Null);
    assert_eq!(
        item(r#""Promotion": 12345"#).promotion,
        Maybe::Value(ItemPromotion::Id(12345))
    );
    assert_eq!(
        item(r#""Promotion": false"#).promotion,
        Maybe::Value(ItemPromotion::Flag(false))
    );
    let Maybe::Value(ItemPromotion::Promotion(promotion)) =
        item(r#""Promotion": {"Name": "Spring", "Code": "SPR", "InstantDiscount": true}"#)
            .promotion
    else {
        panic!("an object")
    };
    assert_eq!(promotion.code.as_option().map(String::as_str), Some("SPR"));
}

#[test]
fn promotions_as_codes_ids_or_objects() {
    let list = |json: &str| order(&format!(r#""Promotions": {json}"#)).promotions;
    assert_eq!(list("[]"), Maybe::Value(vec![]));
    assert_eq!(
        list(r#"["12345"]"#),
        Maybe::Value(vec![PromotionRef::Code("12345".into())])
    );
    assert_eq!(list("[12345]"), Maybe::Value(vec![PromotionRef::Id(12345)]));
    let Maybe::Value(refs) = list(r#"[{"Name": "Spring", "Code": "SPR", "MaximumQuantity": "3"}]"#)
    else {
        panic!()
    };
    let [PromotionRef::Promotion(promotion)] = refs.as_slice() else {
        panic!("{refs:?}")
    };
    assert_eq!(promotion.maximum_quantity, Maybe::Value(3));
}

#[test]
fn numbers_as_strings_go_back_as_strings() {
    let order = order(
        r#""RefNo": 11334822, "OrderNo": "0", "Items": [
            {"Code": 6000, "Quantity": "1", "AvangateId": "4590126"},
            {"Code": "P2", "Quantity": 1, "AvangateId": 4590127}
        ]"#,
    );
    assert_eq!(order.ref_no, Maybe::Value("11334822".into()));
    assert_eq!(order.items[0].quantity, 1);
    assert_eq!(order.items[1].quantity, 1);
    assert_eq!(order.items[0].code, Maybe::Value("6000".into()));
}

#[test]
fn changing_a_value_writes_it_in_its_declared_type() {
    let mut order = order(r#""RefNo": 11334822, "Items": [{"Code": "P", "Quantity": "1"}]"#);
    order.items[0].quantity = 2;
    order.ref_no = Maybe::Value("99".into());
    let back = serde_json::to_value(&order).expect("encodes");
    assert_eq!(back["Items"][0]["Quantity"], 2);
    assert_eq!(back["RefNo"], "99");
}

#[test]
fn money_is_exact_and_keeps_its_scale() {
    let price: twocheckout::OrderItemPrice = exact_round_trip(
        r#"{"NetPrice": 29.90, "GrossPrice": "35.58", "VAT": 0, "Discount": 0.0, "AffiliateCommission": ""}"#,
    );
    let net = price.net_price.into_option().expect("a net price");
    let gross = price.gross_price.into_option().expect("a gross price");
    assert_eq!(net.to_string(), "29.90");
    assert_eq!((gross - net).to_string(), "5.68");
    assert_eq!(price.affiliate_commission, Maybe::Null);
    let sum: Money = ["0.1", "0.2"]
        .iter()
        .map(|t| t.parse::<Money>().unwrap())
        .sum();
    assert_eq!(sum.to_string(), "0.3");
}

#[test]
fn translations_keyed_by_language_or_empty() {
    let product = |translations: &str| -> Product {
        exact_round_trip(&format!(
            r#"{{"ProductCode": "6000", "ProductName": "Soft", "PricingConfigurations": [], "Translations": {translations}}}"#
        ))
    };
    let Maybe::Value(ProductTranslations::ByLanguage(by_language)) =
        product(r#"{"ES": {"Name": null, "Description": "Hola", "Language": "ES"}}"#).translations
    else {
        panic!("keyed by language")
    };
    assert_eq!(
        by_language["ES"].description,
        Maybe::Value("Hola".to_owned())
    );
    assert!(matches!(
        product("[]").translations,
        Maybe::Value(ProductTranslations::List(list)) if list.is_empty()
    ));
}

#[test]
fn card_types_match_whatever_their_case() {
    for (spelling, expected) in [
        ("visa", CardType::Visa),
        ("Visa", CardType::Visa),
        ("MasterCard", CardType::MasterCard),
        ("mastercard", CardType::MasterCard),
    ] {
        let details: PaymentDetails = exact_round_trip(&format!(
            r#"{{"Type": "CC", "Currency": "eur", "PaymentMethod": {{"CardType": "{spelling}", "FirstDigits": 4111, "LastDigits": "1111"}}}}"#
        ));
        let PaymentDetails::Cc(card) = details else {
            panic!("a card payment")
        };
        let method = card.payment_method.into_option().expect("a card");
        assert_eq!(method.card_type, Maybe::Value(expected));
        assert_eq!(method.first_digits, Maybe::Value("4111".to_owned()));
    }
}

#[test]
fn the_payment_method_follows_the_payment_type() {
    let details: PaymentDetails = exact_round_trip(
        r#"{"Type": "PAYPAL", "Currency": "EUR", "CustomerIP": null, "PaymentMethod": {"RedirectURL": "https://pay.example/x"}}"#,
    );
    let PaymentDetails::Paypal(paypal) = details else {
        panic!("a PayPal payment")
    };
    let method = paypal.payment_method.into_option().expect("a method");
    assert_eq!(
        method.redirect_url.as_option().map(String::as_str),
        Some("https://pay.example/x")
    );
    // A payment type the spec does not list is kept whole.
    let other: PaymentDetails =
        exact_round_trip(r#"{"Type": "CRYPTO", "PaymentMethod": {"Wallet": "x"}}"#);
    assert_eq!(other.tag(), "CRYPTO");
}

#[test]
fn null_and_empty_strings_and_odd_dates_are_kept() {
    let order = order(
        r#""OrderDate": "2022--11-01", "FinishDate": "", "Language": null, "ExternalReference": """#,
    );
    assert_eq!(
        order.order_date.as_option().map(|d| d.as_str()),
        Some("2022--11-01")
    );
    assert_eq!(order.external_reference, Maybe::Value(String::new()));
    assert_eq!(order.language, Maybe::Null);
}
