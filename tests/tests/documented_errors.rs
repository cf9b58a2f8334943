//! The documented error of each bad-input case the docs list, as the generated client sees it.

use twocheckout::prelude::*;
use twocheckout::{OrderResellerUpdate, PartnerResellersQuery, Reseller};
use twocheckout_rpc::{Credentials, Error};
use twocheckout_tests::{PARTNER, cm21, rpc6, sandbox};

/// Asserts `result` failed with JSON-RPC `code` (as `code` and `data.error_code`) and `message`.
fn assert_rpc<T: std::fmt::Debug>(result: Result<T, Error>, code: &str, message: &str) {
    let error = result.expect_err("the call must fail");
    let rpc = error
        .rpc()
        .unwrap_or_else(|| panic!("not a JSON-RPC error: {error}"));
    assert!(rpc.code.is(code), "code {} instead of {code}", rpc.code);
    assert_eq!(rpc.error_code.as_deref(), Some(code));
    assert_eq!(rpc.message, message);
}

#[tokio::test]
async fn set_order_reseller_errors() {
    let sandbox = sandbox().await;
    let client = cm21(&sandbox);
    // Without a partner context the call does not even compile (`client.set_order_reseller`);
    // a partner handle for an unknown partner fails at setPartner.
    let nobody = client.with_partner("Nobody");
    assert_rpc(
        nobody.set_order_reseller("731522351", "Q6WSZXXAA7").await,
        "INVALID_PARTNER",
        "Partner code is mandatory; or the code is not tied to an active partner.",
    );
    let partner = client.with_partner(PARTNER);
    assert_rpc(
        partner.set_order_reseller("", "Q6WSZXXAA7").await,
        "EMPTY_ORDER_REFERENCE",
        "Order reference not provided.",
    );
    assert_rpc(
        partner.set_order_reseller("731522351", "NOPE").await,
        "INVALID_PARTNER_RESELLER_CODE",
        "Invalid partner reseller provided; or no partner reseller found for the specified code.",
    );
    assert_rpc(
        partner.get_order_reseller("731522353").await,
        "INVALID_SUBSCRIPTION_REFERENCE",
        "No reseller defined for this order reference.",
    );
}

#[tokio::test]
async fn update_order_reseller_errors() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let update = OrderResellerUpdate::builder()
        .partner_code(PARTNER)
        .reseller_code("DB6F1A946E")
        .order_ref_no(1)
        .build();
    assert_rpc(
        client.update_order_reseller(update).await,
        "INVALID_ID_SALE",
        "Invalid order reference.",
    );

    // The typed builder cannot leave PartnerCode out; an empty one is what a caller can send.
    let update = OrderResellerUpdate::builder()
        .partner_code("")
        .reseller_code("DB6F1A946E")
        .order_ref_no(731_522_351)
        .build();
    assert_rpc(
        client.update_order_reseller(update).await,
        "Missing required parameter: PartnerCode",
        "Missing required parameter: PartnerCode",
    );
}

#[tokio::test]
async fn get_partner_resellers_without_partner_code() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let query = PartnerResellersQuery::builder().partner_code("").build();
    assert_rpc(
        client.get_partner_resellers(query).await,
        "MISSING_PARAMETER",
        "Missing required parameter: PartnerCode",
    );
}

#[tokio::test]
async fn create_reseller_errors() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner(PARTNER);
    let reseller = |first: &str, email: &str, country: &str| {
        Reseller::builder()
            .reseller_code("")
            .company("Co")
            .first_name(first)
            .last_name("Last")
            .email(email)
            .country(country)
            .build()
    };
    assert_rpc(
        partner.create_reseller(reseller("", "a@b.co", "US")).await,
        "EMPTY_RESELLER_FIRST_NAME",
        "Reseller first name not provided.",
    );
    assert_rpc(
        partner.create_reseller(reseller("F", "nope", "US")).await,
        "INVALID_RESELLER_EMAIL",
        "Reseller e-mail not provided; or the e-mail address is invalid.",
    );
    assert_rpc(
        partner
            .create_reseller(reseller("F", "a@b.co", "USA"))
            .await,
        "INVALID_COUNTRY",
        "Invalid reseller country.",
    );
    let code = partner
        .create_reseller(reseller("F", "a@b.co", "US"))
        .await
        .expect("created");
    assert_eq!(code.len(), 10);
}

#[tokio::test]
async fn bad_credentials_fail_login() {
    let sandbox = sandbox().await;
    let client = twocheckout_rpc::Client::<twocheckout_rpc::api::Rpc6>::builder(Credentials::new(
        sandbox.merchant_code(),
        "NOT-THE-KEY",
    ))
    .endpoint(sandbox.rpc6_url())
    .build()
    .expect("client");
    let error = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect_err("login fails");
    assert!(
        error.rpc_code_is("10000") || error.rpc_code_is("AUTHENTICATION_FAILED"),
        "{error}"
    );
    assert!(!error.to_string().contains("NOT-THE-KEY"));
    assert_eq!(sandbox.stats().logins, 0);
}
