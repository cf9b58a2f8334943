//! Card data marked `#[sensitive]` in the spec never reaches `Debug`: the card number, the
//! security code and card tokens print as `<redacted>`, every other field as derive prints it.

use twocheckout::{CardType, ExistingCard, PaymentMethod, TransientToken};
use twocheckout_rpc::support::Maybe;

const CARD_NUMBER: &str = "4111111111111111";
const CCID: &str = "123";

fn payment_method() -> PaymentMethod {
    PaymentMethod::builder()
        .card_number(CARD_NUMBER)
        .ccid(CCID)
        .card_type(CardType::Visa)
        .holder_name("Jane Holder")
        .expiration_year("2031")
        .expiration_month("07")
        .build()
}

/// Both `{:?}` and `{:#?}` of `value`.
fn both_forms(value: &impl std::fmt::Debug) -> [String; 2] {
    [format!("{value:?}"), format!("{value:#?}")]
}

#[test]
fn card_number_and_security_code_are_redacted() {
    let method = payment_method();
    for text in both_forms(&method) {
        assert!(!text.contains(CARD_NUMBER), "{text}");
        assert!(!text.contains(CCID), "{text}");
        assert!(text.contains("<redacted>"), "{text}");
        for shown in [
            "PaymentMethod",
            "card_type",
            "Visa",
            "\"Jane Holder\"",
            "\"2031\"",
        ] {
            assert!(text.contains(shown), "`{shown}` missing from {text}");
        }
    }
    assert!(format!("{method:?}").contains("card_number: Value(<redacted>)"));
    assert!(format!("{method:?}").contains("ccid: Value(<redacted>)"));
}

#[test]
fn redacted_slots_still_say_whether_they_are_set() {
    let method = PaymentMethod {
        ccid: Maybe::Null,
        ..payment_method()
    };
    let text = format!(
        "{:?}",
        PaymentMethod {
            card_number: Maybe::Absent,
            ..method
        }
    );
    assert!(text.contains("card_number: Absent"), "{text}");
    assert!(text.contains("ccid: Null"), "{text}");
}

#[test]
fn other_fields_print_as_derive_prints_them() {
    let method = payment_method();
    let text = format!("{method:?}");
    assert!(
        text.starts_with("PaymentMethod { recurring_enabled: Absent, card_number: "),
        "{text}"
    );
    assert!(
        text.contains(&format!("card_type: {:?}", method.card_type)),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "unknown_fields: {:?}, wire_forms: {:?} }}",
            method.unknown_fields, method.wire_forms
        )),
        "{text}"
    );
}

#[test]
fn the_builder_hides_card_data_too() {
    let builder = PaymentMethod::builder().card_number(CARD_NUMBER).ccid(CCID);
    for text in both_forms(&builder) {
        assert!(
            !text.contains(CARD_NUMBER) && !text.contains(CCID),
            "{text}"
        );
        assert!(text.contains("PaymentMethodBuilder"), "{text}");
    }
}

#[test]
fn card_tokens_are_redacted_inside_the_objects_holding_them() {
    let token = "tok_5f0c2a9e";
    let card = ExistingCard {
        transient_token: Maybe::Value(TransientToken {
            token: Maybe::Value(token.to_owned()),
            ..TransientToken::default()
        }),
        card_type: Maybe::Value("Visa".to_owned()),
        ..ExistingCard::default()
    };
    for text in both_forms(&card) {
        assert!(!text.contains(token), "{text}");
        assert!(
            text.contains("\"Visa\"") && text.contains("<redacted>"),
            "{text}"
        );
    }
}
