//! Objects are read in place (into the slot a field, an option or an array element holds). The
//! result must be what reading a fresh value gives: nothing of an earlier value survives, a
//! missing required field is still an error, and stand-ins for "no value" keep their form.

use twocheckout::{BillingDetails, Maybe, Order, OrderItem};

fn order(text: &str) -> Order {
    serde_json::from_str(text).expect("the order decodes")
}

#[test]
fn a_repeated_object_key_keeps_only_the_last_object() {
    let text = r#"{"Items":[],"BillingDetails":{"FirstName":"A","LastName":"B","Extra":1},"BillingDetails":{"FirstName":"C"}}"#;
    let read = order(text);
    let expected: BillingDetails = serde_json::from_str(r#"{"FirstName":"C"}"#).expect("decodes");
    assert_eq!(read.billing_details, Maybe::Value(expected.clone()));
    let Maybe::Value(details) = &read.billing_details else {
        unreachable!("checked above")
    };
    assert!(
        details.unknown_fields.is_empty(),
        "{:?}",
        details.unknown_fields
    );
    assert_eq!(details.last_name, Maybe::Absent);
    assert_eq!(
        serde_json::to_string(&read).expect("encodes"),
        r#"{"Items":[],"BillingDetails":{"FirstName":"C"}}"#
    );
}

#[test]
fn array_elements_read_in_place_are_whole_and_in_order() {
    let text = r#"{"Items":[{"Code":"A","Quantity":"2","X":[1]},{"Quantity":1},{"Code":"C","Quantity":3}]}"#;
    let read = order(text);
    let codes: Vec<&Maybe<String>> = read.items.iter().map(|i| &i.code).collect();
    assert_eq!(
        codes,
        [
            &Maybe::Value("A".to_owned()),
            &Maybe::Absent,
            &Maybe::Value("C".to_owned())
        ]
    );
    assert_eq!(
        read.items.iter().map(|i| i.quantity).collect::<Vec<_>>(),
        [2, 1, 3]
    );
    assert!(read.items[1].unknown_fields.is_empty());
    assert_eq!(serde_json::to_string(&read).expect("encodes"), text);
}

#[test]
fn a_required_field_missing_from_an_element_is_still_an_error() {
    let error = serde_json::from_str::<Order>(r#"{"Items":[{"Quantity":1},{"Code":"B"}]}"#)
        .expect_err("the second item has no quantity");
    assert!(error.to_string().contains("Quantity"), "{error}");
    let error = serde_json::from_str::<OrderItem>(r#"{"Code":"B"}"#).expect_err("no quantity");
    assert!(error.to_string().contains("Quantity"), "{error}");
}

#[test]
fn stand_ins_for_no_object_keep_their_form() {
    for stand_in in [r#""""#, "false", "[]", "null"] {
        let text = format!(r#"{{"Items":[],"BillingDetails":{stand_in}}}"#);
        let read = order(&text);
        assert_eq!(read.billing_details, Maybe::Null, "{stand_in}");
        assert_eq!(serde_json::to_string(&read).expect("encodes"), text);
    }
}
