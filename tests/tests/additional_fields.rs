//! Additional order and product fields through the generated client against the in-process
//! sandbox: listing, creating, updating, and assigning them to products.

use twocheckout::prelude::*;
use twocheckout::{AdditionalField, AdditionalFieldScope, AdditionalFieldType};
use twocheckout_rpc::support::Maybe;
use twocheckout_tests::{code_is, rpc6, sandbox};

const BASIC: &str = "NewProdCodeAPI12345";

fn codes(fields: &[AdditionalField]) -> Vec<&str> {
    fields.iter().map(|f| f.code.as_str()).collect()
}

#[tokio::test]
async fn fields_are_created_read_and_updated() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    assert_eq!(
        codes(&client.get_additional_fields().await.expect("all")),
        ["LICENSE_OWNER", "REFERRAL"]
    );
    let field = AdditionalField::builder()
        .code("VAT-ID_2")
        .label("VAT number")
        .type_(AdditionalFieldType::Text)
        .apply_to(AdditionalFieldScope::Order)
        .validation_rule("^[A-Z]{2}[0-9]+$")
        .build();
    client
        .add_additional_field(field.clone())
        .await
        .expect("add");
    let read = client.get_additional_field("VAT-ID_2").await.expect("get");
    assert_eq!(
        read.label.as_option().map(String::as_str),
        Some("VAT number")
    );
    assert_eq!(
        read.apply_to.as_option(),
        Some(&AdditionalFieldScope::Order)
    );

    let mut changed = read.clone();
    changed.label = Maybe::Value("VAT ID".into());
    client
        .update_additional_field(changed)
        .await
        .expect("update");
    let read = client.get_additional_field("VAT-ID_2").await.expect("get");
    assert_eq!(read.label.as_option().map(String::as_str), Some("VAT ID"));
    assert_eq!(read.validation_rule, field.validation_rule);
    assert_eq!(client.get_additional_fields().await.expect("all").len(), 3);

    code_is(
        client.add_additional_field(field).await,
        "DUPLICATE_ADDITIONAL_FIELD",
    );
    let bad_code = AdditionalField::builder().code("no spaces").build();
    code_is(
        client.add_additional_field(bad_code).await,
        "INVALID_ADDITIONAL_FIELD",
    );
    let empty_list = AdditionalField::builder()
        .code("PICK")
        .type_(AdditionalFieldType::Listbox)
        .build();
    code_is(
        client.add_additional_field(empty_list).await,
        "INVALID_ADDITIONAL_FIELD",
    );
    code_is(
        client.get_additional_field("NOPE").await,
        "ADDITIONAL_FIELD_NOT_FOUND",
    );
    let unknown = AdditionalField::builder().code("NOPE").label("x").build();
    code_is(
        client.update_additional_field(unknown).await,
        "ADDITIONAL_FIELD_NOT_FOUND",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn product_fields_are_assigned_and_unassigned() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // As the sample: field code, mandatory, product code.
    assert!(
        client
            .assign_additional_field("LICENSE_OWNER", true, BASIC)
            .await
            .expect("assign")
    );
    let product = client.get_product_by_code(BASIC).await.expect("product");
    let assigned = product
        .additional_fields
        .as_option()
        .expect("fields")
        .to_value();
    assert_eq!(
        assigned,
        serde_json::json!([{ "Code": "LICENSE_OWNER", "Required": true }])
    );
    // Assigning again changes whether it is mandatory.
    client
        .assign_additional_field("LICENSE_OWNER", false, BASIC)
        .await
        .expect("reassign");
    let product = client.get_product_by_code(BASIC).await.expect("product");
    let assigned = product
        .additional_fields
        .as_option()
        .expect("fields")
        .to_value();
    assert_eq!(
        assigned,
        serde_json::json!([{ "Code": "LICENSE_OWNER", "Required": false }])
    );

    code_is(
        client
            .assign_additional_field("REFERRAL", true, BASIC)
            .await,
        "INVALID_ADDITIONAL_FIELD",
    );
    code_is(
        client.assign_additional_field("NOPE", true, BASIC).await,
        "ADDITIONAL_FIELD_NOT_FOUND",
    );
    code_is(
        client
            .assign_additional_field("LICENSE_OWNER", true, "NOSUCHCODE")
            .await,
        "PRODUCT_NOT_FOUND",
    );

    assert!(
        client
            .unassign_additional_field("LICENSE_OWNER", BASIC)
            .await
            .expect("unassign")
    );
    let product = client.get_product_by_code(BASIC).await.expect("product");
    let assigned = product
        .additional_fields
        .as_option()
        .expect("fields")
        .to_value();
    assert_eq!(assigned, serde_json::json!([]));
    code_is(
        client
            .unassign_additional_field("LICENSE_OWNER", BASIC)
            .await,
        "INVALID_ADDITIONAL_FIELD",
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}
