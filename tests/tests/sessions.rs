//! Session expiry with re-login, and the partner context, through the generated client.

use std::time::Duration;

use twocheckout::prelude::*;
use twocheckout_sandbox::Sandbox;
use twocheckout_tests::{PARTNER, cm21, rpc6, start};

#[tokio::test]
async fn expired_session_is_replaced_transparently() {
    let sandbox = start(Sandbox::builder().session_lifetime(Duration::from_millis(1_500))).await;
    let client = rpc6(&sandbox);
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("first call");
    assert_eq!(sandbox.stats().logins, 1);
    tokio::time::sleep(Duration::from_millis(1_700)).await;
    // The server answers SESSION_EXPIRED; the client logs in again and repeats the call once.
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("after expiry");
    assert_eq!(sandbox.stats().logins, 2);
    assert!(
        sandbox.stats().errors >= 1,
        "the expired session was really rejected"
    );
}

#[tokio::test]
async fn partner_context_is_set_once_per_session() {
    let sandbox = start(Sandbox::builder().session_lifetime(Duration::from_millis(1_500))).await;
    let client = cm21(&sandbox);
    let partner = client.with_partner(PARTNER);
    partner
        .set_order_reseller("731522351", "Q6WSZXXAA7")
        .await
        .expect("attach");
    partner.get_order_reseller("731522351").await.expect("read");
    assert_eq!(sandbox.stats().logins, 1);
    tokio::time::sleep(Duration::from_millis(1_700)).await;
    // A new session needs setPartner again; the handle does it after re-login.
    let reseller = partner
        .get_order_reseller("731522351")
        .await
        .expect("after expiry");
    assert_eq!(reseller.reseller_code, "Q6WSZXXAA7");
    assert_eq!(sandbox.stats().logins, 2);
}

#[tokio::test]
async fn partner_handles_do_not_share_their_partner() {
    let sandbox = start(Sandbox::builder()).await;
    let client = cm21(&sandbox);
    let test = client.with_partner(PARTNER);
    let second = client.with_partner("Second Partner");
    test.set_order_reseller("731522351", "Q6WSZXXAA7")
        .await
        .expect("own order");
    // Order 731522351 belongs to the first partner: the second cannot see it.
    let error = second
        .get_order_reseller("731522351")
        .await
        .expect_err("foreign order");
    assert!(error.rpc_code_is("INVALID_REFERENCE"), "{error}");
    test.get_order_reseller("731522351")
        .await
        .expect("still the first partner");
}
