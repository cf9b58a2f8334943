//! Wire behaviour of the types emitted from `tests/specs/types.api`.

use serde_json::{Value, json};
use twocheckout_rpc::__private::serde;
use twocheckout_rpc::support::{Date, DateTime, Extra, Maybe};
use types_check::{
    Address, AmountType, NullableOnly, Opaque, ProposalAction, ProposalActionAccept,
    ProposalActionSend, Reseller,
};

fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{e}: {value}"))
}

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serializes")
}

fn full_reseller() -> Value {
    json!({
        "PartnerCode": "Test Avangate",
        "ResellerCode": "R1",
        "Fax": null,
        "Phone": null,
        "Company": "ACME",
        "Quantity": 5,
        "DiscountType": "PERCENT",
        "StartDate": "2024-01-02",
        "Created": "2024-01-02 10:11:12",
        "Tags": ["a", "b"],
        "Prices": {"EUR": 9.5, "USD": 10.0},
        "Meta": {"any": [1, "x", null]},
        "Active": true,
        "Type": "gold",
        "2CheckoutCustomerReference": 731522351,
        "Addresses": [{"Street": "Main 1", "Country": "RO", "Floor": 3}],
        "FutureField": {"nested": true},
        "AnotherOne": null
    })
}

#[test]
fn a_full_object_round_trips_exactly() {
    let json = full_reseller();
    let reseller: Reseller = decode(&json);
    assert_eq!(reseller.partner_code, "Test Avangate");
    assert_eq!(reseller.fax, None);
    assert_eq!(reseller.phone, Maybe::Null);
    assert_eq!(reseller.quantity, Some(5));
    assert_eq!(reseller.discount_type, Some(AmountType::Percent));
    assert_eq!(reseller.start_date, Some(Date::new("2024-01-02")));
    assert_eq!(reseller.created, Some(DateTime::new("2024-01-02 10:11:12")));
    assert_eq!(reseller.prices.as_ref().map(|p| p["EUR"]), Some(9.5));
    assert_eq!(reseller.active, Maybe::Value(true));
    assert_eq!(reseller.type_.as_deref(), Some("gold"));
    assert_eq!(
        reseller.two_checkout_customer_reference,
        Maybe::Value(731522351)
    );
    let addresses = reseller.addresses.as_ref().expect("addresses");
    assert_eq!(addresses[0].unknown_fields["Floor"], json!(3));
    assert_eq!(
        reseller.unknown_fields["FutureField"],
        json!({"nested": true})
    );
    assert_eq!(reseller.unknown_fields["AnotherOne"], Value::Null);
    assert_eq!(encode(&reseller), json);
}

#[test]
fn read_modify_write_keeps_unknown_fields() {
    let mut reseller: Reseller = decode(&full_reseller());
    reseller.company = Some("ACME Europe".into());
    let mut expected = full_reseller();
    expected["Company"] = json!("ACME Europe");
    assert_eq!(encode(&reseller), expected);
}

#[test]
fn known_fields_are_written_in_spec_order_then_unknown_ones() {
    let reseller: Reseller = decode(&json!({
        "Zeta": 1, "Fax": "f", "ResellerCode": "R", "PartnerCode": "P"
    }));
    assert_eq!(
        serde_json::to_string(&reseller).expect("serializes"),
        r#"{"PartnerCode":"P","ResellerCode":"R","Fax":"f","Zeta":1}"#
    );
}

#[test]
fn absent_and_null_keep_their_form() {
    let minimal = json!({"PartnerCode": "P", "ResellerCode": "R", "Fax": null});
    let reseller: Reseller = decode(&minimal);
    assert_eq!(reseller.phone, Maybe::Absent);
    assert_eq!(reseller.company, None);
    assert_eq!(encode(&reseller), minimal);

    let nulls = json!({"PartnerCode": "P", "ResellerCode": "R", "Fax": null, "Phone": null});
    assert_eq!(encode(&decode::<Reseller>(&nulls)), nulls);
}

#[test]
fn a_null_for_a_never_null_optional_field_reads_as_none_and_goes_back_as_null() {
    let sent = json!({"PartnerCode": "P", "ResellerCode": "R", "Fax": null, "Company": null});
    let mut reseller: Reseller = decode(&sent);
    assert_eq!(reseller.company, None);
    assert_eq!(encode(&reseller), sent);
    // Once set, the value is written; set back to `None`, it is omitted.
    reseller.company = Some("ACME".into());
    assert_eq!(encode(&reseller)["Company"], json!("ACME"));
    reseller.company = None;
    reseller.wire_forms = Default::default();
    assert_eq!(
        encode(&reseller),
        json!({"PartnerCode": "P", "ResellerCode": "R", "Fax": null})
    );
}

#[test]
fn scalars_accept_other_forms_and_go_back_in_them_until_changed() {
    let sent = json!({
        "PartnerCode": "P", "ResellerCode": "R", "Fax": null,
        "Quantity": "7", "Active": "1",
        "Addresses": [{"Country": 642}]
    });
    let mut reseller: Reseller = decode(&sent);
    assert_eq!(reseller.quantity, Some(7));
    assert_eq!(reseller.active, Maybe::Value(true));
    assert_eq!(reseller.addresses.as_mut().unwrap()[0].country.as_deref(), Some("642"));
    assert_eq!(encode(&reseller), sent);
    reseller.quantity = Some(8);
    reseller.active = Maybe::Value(false);
    reseller.addresses.as_mut().unwrap()[0].country = Some("643".into());
    let out = encode(&reseller);
    assert_eq!(out["Quantity"], json!(8));
    assert_eq!(out["Active"], json!(false));
    assert_eq!(out["Addresses"][0]["Country"], json!("643"));

    let counted: NullableOnly = decode(&json!({"Value": null, "Count": "12"}));
    assert_eq!(counted.count, 12);
    assert_eq!(encode(&counted), json!({"Value": null, "Count": "12"}));
    let nulled: Reseller = decode(&json!({
        "PartnerCode": "P", "ResellerCode": "R", "Fax": null, "Active": null
    }));
    assert_eq!(nulled.active, Maybe::Null);
}

#[test]
fn missing_required_keys_are_named() {
    let err = serde_json::from_value::<Reseller>(json!({"ResellerCode": "R", "Fax": null}))
        .expect_err("PartnerCode is required");
    assert!(
        err.to_string().contains("missing field `PartnerCode`"),
        "{err}"
    );
    let err = serde_json::from_value::<Reseller>(json!({"PartnerCode": "P", "ResellerCode": "R"}))
        .expect_err("Fax is required even though it may be null");
    assert!(err.to_string().contains("missing field `Fax`"), "{err}");
    let err = serde_json::from_value::<NullableOnly>(json!({"Value": 1, "Count": "x"}))
        .expect_err("Count is not a number");
    assert!(err.to_string().contains("\"x\""), "{err}");
}

#[test]
fn wrong_shapes_are_errors_not_panics() {
    for bad in [json!([]), json!("text"), json!({"PartnerCode": 5})] {
        assert!(serde_json::from_value::<Reseller>(bad).is_err());
    }
    let err = serde_json::from_str::<Reseller>("[1]").expect_err("not an object");
    assert!(
        err.to_string().contains("an object of type `Reseller`"),
        "{err}"
    );
}

#[test]
fn an_object_without_fields_keeps_everything() {
    let json = json!({"a": 1, "b": [true]});
    let opaque: Opaque = decode(&json);
    assert_eq!(opaque.unknown_fields.len(), 2);
    assert_eq!(encode(&opaque), json);
    assert_eq!(encode(&Opaque::default()), json!({}));
}

#[test]
fn builders_set_required_and_optional_fields() {
    let reseller = Reseller::builder()
        .company("ACME")
        .reseller_code("R1")
        .partner_code(String::from("P1"))
        .phone("+40 700")
        .quantity(3)
        .start_date("2024-05-06")
        .discount_type(AmountType::Fixed)
        .type_("gold")
        .build();
    assert_eq!(
        encode(&reseller),
        json!({
            "PartnerCode": "P1", "ResellerCode": "R1", "Fax": null, "Phone": "+40 700",
            "Company": "ACME", "Quantity": 3, "DiscountType": "FIXED",
            "StartDate": "2024-05-06", "Type": "gold"
        })
    );
    let address = Address::builder().street("Main 1").build();
    assert_eq!(
        address,
        Address {
            street: Some("Main 1".into()),
            ..Address::default()
        }
    );
    let only = NullableOnly::builder().count(2).value(5).build();
    assert_eq!(encode(&only), json!({"Value": 5, "Count": 2}));
}

#[test]
fn fields_can_be_changed_after_build() {
    let mut reseller = Reseller::builder()
        .partner_code("P")
        .reseller_code("R")
        .build();
    reseller.phone = Maybe::Null;
    reseller.unknown_fields.insert("Extra".into(), json!(1).into());
    assert_eq!(
        encode(&reseller),
        json!({"PartnerCode": "P", "ResellerCode": "R", "Fax": null, "Phone": null, "Extra": 1})
    );
}

#[test]
fn enums_keep_unknown_values() {
    assert_eq!(decode::<AmountType>(&json!("FIXED")), AmountType::Fixed);
    assert_eq!(
        decode::<AmountType>(&json!("Visa Electron")),
        AmountType::VisaElectron
    );
    let unknown: AmountType = decode(&json!("fixd"));
    assert_eq!(unknown, AmountType::Unknown("fixd".into()));
    assert_eq!(encode(&unknown), json!("fixd"));
    // Values match without regard to case; the spelling read is the one written back.
    let lower = json!({"PartnerCode": "P", "ResellerCode": "R", "Fax": null, "DiscountType": "percent"});
    let reseller: Reseller = decode(&lower);
    assert_eq!(reseller.discount_type, Some(AmountType::Percent));
    assert_eq!(encode(&reseller), lower);
    assert_eq!(AmountType::from("fixed"), AmountType::Fixed);
    assert_eq!(AmountType::from("in_review"), AmountType::InReview);
    assert_eq!(AmountType::InReview.as_str(), "in_review");
    assert_eq!(AmountType::VisaElectron.to_string(), "Visa Electron");
    assert_eq!("PERCENT".parse::<AmountType>(), Ok(AmountType::Percent));
    assert_eq!(AmountType::VALUES.len(), 4);
    for value in AmountType::VALUES {
        assert_eq!(&AmountType::from(value.as_str()), value);
    }
    // A number is kept as an unlisted value, in its form; an object is an error.
    let number: AmountType = decode(&json!(1));
    assert_eq!(number, AmountType::Unknown("1".into()));
    assert!(serde_json::from_value::<AmountType>(json!({})).is_err());
}

#[test]
fn unions_dispatch_on_the_tag_wherever_it_is() {
    let first =
        json!({"action": "send", "ExpirationDate": "2024-01-01T00:00:00+00:00", "SentBy": "me"});
    let action: ProposalAction = decode(&first);
    let ProposalAction::Send(send) = &action else {
        panic!("not send: {action:?}")
    };
    assert_eq!(send.sent_by.as_deref(), Some("me"));
    assert_eq!(action.tag(), "send");
    assert_eq!(encode(&action), first);

    // The tag after other keys: those are kept and handed to the payload.
    let later = json!({"ExpirationDate": "2024-01-01", "Extra": [1], "action": "send"});
    let action: ProposalAction = decode(&later);
    let ProposalAction::Send(send) = &action else {
        panic!("not send: {action:?}")
    };
    assert_eq!(send.expiration_date, DateTime::new("2024-01-01"));
    assert_eq!(send.unknown_fields["Extra"], json!([1]));
    assert_eq!(encode(&action), later);

    let named = json!({"action": "decline", "Street": "Main"});
    let action: ProposalAction = decode(&named);
    assert!(matches!(&action, ProposalAction::Decline(a) if a.street.as_deref() == Some("Main")));
    assert_eq!(encode(&action), named);
}

#[test]
fn unions_write_the_tag_first() {
    let action = ProposalAction::Accept(ProposalActionAccept {
        status_comment: Some("ok".into()),
        unknown_fields: Extra::new(),
        wire_forms: Default::default(),
    });
    assert_eq!(
        serde_json::to_string(&action).expect("serializes"),
        r#"{"action":"accept","StatusComment":"ok"}"#
    );
    let send = ProposalActionSend::builder()
        .expiration_date("2024-01-01")
        .build();
    assert_eq!(
        serde_json::to_string(&ProposalAction::Send(send)).expect("serializes"),
        r#"{"action":"send","ExpirationDate":"2024-01-01"}"#
    );
}

#[test]
fn unions_keep_unknown_tags_whole_and_match_tags_exactly() {
    let json = json!({"x": 1, "action": "archive", "Reason": "old"});
    let action: ProposalAction = decode(&json);
    assert!(matches!(&action, ProposalAction::Unknown(_)));
    assert_eq!(action.tag(), "archive");
    assert_eq!(encode(&action), json);

    let upper: ProposalAction = decode(&json!({"action": "SEND"}));
    assert_eq!(upper.tag(), "SEND");
    assert!(matches!(upper, ProposalAction::Unknown(_)));
}

#[test]
fn a_union_without_its_tag_is_an_error() {
    let err = serde_json::from_value::<ProposalAction>(json!({"ExpirationDate": "x"}))
        .expect_err("no tag");
    assert!(err.to_string().contains("missing field `action`"), "{err}");
    let err = serde_json::from_value::<ProposalAction>(json!({"action": "send"}))
        .expect_err("payload misses a required field");
    assert!(
        err.to_string().contains("missing field `ExpirationDate`"),
        "{err}"
    );
}
