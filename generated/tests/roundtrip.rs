//! Round trips of the documentation's sample payloads through the generated types, what the
//! bindings send for absent values, and the positional params arrays of requests.
//!
//! Fixtures under `tests/fixtures/` are the seeds' PHP samples converted to JSON as written:
//! explicit `null`s and numbers stay exactly as the samples have them.

use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::{Value, json};
use twocheckout::*;

/// Reads a fixture file as JSON.
fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Decodes `json` as `T` and encodes it back.
fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> (T, Value) {
    let typed: T = serde_json::from_value(json.clone()).expect("the sample decodes");
    let back = serde_json::to_value(&typed).expect("the value encodes");
    (typed, back)
}

/// The params array a request sends after the session id.
fn params<M: twocheckout::Method>(method: &M) -> Value {
    struct Params<'m, M>(&'m M);
    impl<M: twocheckout::Method> Serialize for Params<'_, M> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.param_count()))?;
            self.0.serialize_params(&mut seq)?;
            seq.end()
        }
    }
    serde_json::to_value(Params(method)).expect("params encode")
}

#[test]
fn reseller_of_update_reseller_round_trips() {
    let json = fixture("reseller.json");
    let (reseller, back) = round_trip::<Reseller>(&json);
    assert_eq!(back, json);
    assert_eq!(reseller.reseller_code, "Q6WSZXXAA7");
    assert_eq!(reseller.email.as_deref(), Some("test1111@example.com"));
    assert_eq!(reseller.fax, Maybe::Value("eeee".to_owned()));
    assert!(reseller.unknown_fields.is_empty());
}

#[test]
fn partner_subscription_upgrade_round_trips_with_canonical_numbers() {
    let json = fixture("partner_subscription_upgrade.json");
    let (upgrade, back) = round_trip::<PartnerSubscriptionsUpgrade>(&json);
    assert_eq!(upgrade.items.len(), 1);
    assert_eq!(upgrade.items[0].quantity, 5);
    assert_eq!(upgrade.items[0].pricing_options[1].code, "option20p");
    // `Value` is declared f64 (lenient); a whole float is written as an integer, so the sample's
    // `10` comes back as `10`.
    assert_eq!(back, json);
    assert_eq!(
        upgrade.extra_margin.map(|m| m.value),
        Some(twocheckout_rpc::support::Money::from(10))
    );
}

#[test]
fn price_option_group_of_add_price_option_group_round_trips() {
    let json = fixture("price_option_group.json");
    let (group, back) = round_trip::<PriceOptionsGroup>(&json);
    assert_eq!(back, json);
    assert_eq!(group.options.len(), 2);
    assert!(
        group.code.is_null(),
        "the sample's explicit `Code: null` is kept"
    );
}

#[test]
fn order_of_get_installments_round_trips_keeping_explicit_nulls() {
    let json = fixture("installments_order.json");
    let (order, back) = round_trip::<Order>(&json);
    assert_eq!(back, json);
    assert!(order.ref_no.is_null());
    assert!(order.delivery_details.is_null());
    assert!(
        order.unknown_fields.is_empty(),
        "{:?}",
        order.unknown_fields
    );
}

#[test]
fn subscription_search_round_trips_keeping_explicit_nulls() {
    let json = fixture("subscription_search.json");
    let (search, back) = round_trip::<SubscriptionSearchOptions>(&json);
    assert_eq!(back, json);
    assert_eq!(search.type_, Maybe::Value(SubscriptionSearchType::Regular));
    assert!(search.two_checkout_customer_reference.is_null());
    assert!(
        search.unknown_fields.is_empty(),
        "{:?}",
        search.unknown_fields
    );
}

#[test]
fn perform_action_payload_round_trips_keeping_fields_of_other_actions() {
    let json = fixture("perform_action.json");
    let (action, back) = round_trip::<ProposalAction>(&json);
    assert_eq!(back, json);
    let ProposalAction::Decline(decline) = action else {
        panic!("the sample declines: {action:?}");
    };
    assert_eq!(
        decline.status_comment.as_deref(),
        Some("The price is too high for the first product")
    );
    // The sample's decline also carries fields the docs list for `send` only; they are kept.
    let kept: Vec<&str> = decline.unknown_fields.keys().map(String::as_str).collect();
    assert_eq!(kept, ["ExpirationDate", "SentBy", "UserId"]);
}

#[test]
fn product_read_modify_write_keeps_unknown_fields() {
    // A getProductByCode answer with keys this spec does not know, at top level and nested.
    let read = json!({
        "ProductCode": "NewProdCodeAPI12345",
        "ProductName": "Original name",
        "ProductType": "REGULAR",
        "Enabled": true,
        "FutureFlag": {"Nested": [1, 2, 3]},
        "PricingConfigurations": [],
        "LegacyNote": null
    });
    let mut product: Product = serde_json::from_value(read.clone()).expect("product decodes");
    product.product_name = "Edited_From_API_Again".to_owned();
    let sent = serde_json::to_value(&product).expect("product encodes");

    let mut expected = read;
    expected["ProductName"] = json!("Edited_From_API_Again");
    assert_eq!(sent, expected, "only the edited field changed");
    let request = UpdateProduct::new(product);
    assert_eq!(params(&request), json!([expected]));
}

#[test]
fn absent_values_are_omitted_where_the_samples_send_null() {
    // The sample sets every unused filter to null; the bindings send only what was set.
    let search = SubscriptionSearchOptions {
        customer_email: Maybe::Value("example@email.com".to_owned()),
        aggregate: Maybe::Value(false),
        type_: Maybe::Value(SubscriptionSearchType::Regular),
        pagination: Maybe::Value(Pagination {
            page: Some(1),
            limit: Some(10),
            ..Pagination::default()
        }),
        ..SubscriptionSearchOptions::default()
    };
    assert_eq!(
        serde_json::to_value(&search).unwrap(),
        json!({
            "CustomerEmail": "example@email.com",
            "Aggregate": false,
            "Type": "regular",
            "Pagination": {"Page": 1, "Limit": 10}
        })
    );
    // An explicit null is sent only when asked for.
    let null_email = SubscriptionSearchOptions {
        customer_email: Maybe::Null,
        ..SubscriptionSearchOptions::default()
    };
    assert_eq!(
        serde_json::to_value(&null_email).unwrap(),
        json!({"CustomerEmail": null})
    );
}

#[test]
fn params_arrays_omit_trailing_absent_optionals() {
    assert_eq!(params(&SearchSubscriptions::new()), json!([]));
    let filtered = SearchSubscriptions::new().search_by(SubscriptionSearchOptions {
        test_subscription: Maybe::Value(true),
        ..SubscriptionSearchOptions::default()
    });
    assert_eq!(params(&filtered), json!([{"TestSubscription": true}]));

    // A required nullable param holds its place with null; a trailing optional is omitted.
    assert_eq!(
        params(&GetCustomerSubscriptions::new(Some(42))),
        json!([42])
    );
    assert_eq!(params(&GetCustomerSubscriptions::new(None)), json!([null]));
    assert_eq!(
        params(&GetCustomerSubscriptions::new(None).external_customer_reference("EXT-1")),
        json!([null, "EXT-1"])
    );
}

#[test]
fn requests_carry_their_wire_contract() {
    assert_eq!(
        <GetPartnerResellers as twocheckout::Method>::NAME,
        "getPartnerResellers"
    );
    const { assert!(<GetPartnerResellers as twocheckout::Method>::RETRY_SAFE) };
    const { assert!(!<UpdateReseller as twocheckout::Method>::RETRY_SAFE) };
    const { assert!(!<Login as twocheckout::Method>::SESSION) };
    const { assert!(<UpdateReseller as twocheckout::Method>::SESSION) };
    let errors = <UpdateOrderReseller as twocheckout::Method>::ERRORS;
    assert!(
        errors.iter().any(|(code, _)| *code == "INVALID_ID_SALE"),
        "{errors:?}"
    );
}

#[test]
fn full_order_round_trips_with_every_field_in_its_wire_form() {
    let json = fixture("order_full.json");
    let (order, back) = round_trip::<Order>(&json);
    assert_eq!(order.items.len(), 3);
    // Scalars are read from any form and written back in the form they arrived in.
    assert_eq!(order.items[0].quantity, 1);
    assert_eq!(order.order_no, Maybe::Value("0".to_owned()));
    assert_eq!(back, json);
    // Keys the spec does not know, at top level and in items, are kept.
    assert_eq!(order.unknown_fields["ShippingVAT"], json!(0.0));
    assert_eq!(order.items[2].unknown_fields["ItemStatus"], json!("PAID"));
}

#[test]
fn sample_requests_send_the_sample_payloads() {
    // Each sample's params array after the session id, rebuilt from the typed request.
    let reseller = fixture("reseller.json");
    let request = UpdateReseller::new(serde_json::from_value(reseller.clone()).unwrap());
    assert_eq!(params(&request), json!([reseller]));

    let order = fixture("installments_order.json");
    let request = GetInstallments::new(serde_json::from_value(order.clone()).unwrap());
    assert_eq!(params(&request), json!([order]));

    let group = fixture("price_option_group.json");
    let request = AddPriceOptionGroup::new(serde_json::from_value(group.clone()).unwrap());
    assert_eq!(params(&request), json!([group]));

    let action = fixture("perform_action.json");
    let request = PerformAction::new(
        "0573e71d-38bb-4d61-88ca-b3c557517c68",
        serde_json::from_value(action.clone()).unwrap(),
    );
    assert_eq!(
        params(&request),
        json!(["0573e71d-38bb-4d61-88ca-b3c557517c68", action])
    );
}
