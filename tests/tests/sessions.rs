//! Session expiry with re-login, and the partner context, through the generated client.
//!
//! Sessions expire by moving the sandbox's clock past their lifetime, and what the client did
//! about it is read from the calls the sandbox received.

use std::time::Duration;

use twocheckout::prelude::*;
use twocheckout::{GetOrderReseller, GetProductByCode, SetPartner};
use twocheckout_sandbox::Sandbox;
use twocheckout_testkit::{InspectExt, Outcome};
use twocheckout_tests::{PARTNER, cm21, rpc6, start};

/// Past the ten-minute session lifetime.
const ELEVEN_MINUTES: Duration = Duration::from_secs(11 * 60);

#[tokio::test]
async fn expired_session_is_replaced_transparently() {
    let sandbox = start(Sandbox::builder()).await;
    let client = rpc6(&sandbox);
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("first call");
    sandbox.advance(ELEVEN_MINUTES);
    // The server answers SESSION_EXPIRED; the client logs in again and repeats the call once.
    client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("after expiry");
    assert_eq!(sandbox.stats().logins, 2);
    let calls = sandbox.calls::<GetProductByCode>().expect("decoded");
    let outcomes: Vec<&Outcome> = calls.iter().map(|c| &c.outcome).collect();
    assert_eq!(
        outcomes,
        [
            &Outcome::Ok,
            &Outcome::Error("SESSION_EXPIRED".into()),
            &Outcome::Ok
        ]
    );
    assert_eq!(
        calls[0].session, calls[1].session,
        "the old session, rejected"
    );
    assert_ne!(calls[1].session, calls[2].session, "then a new one");
    assert!(
        calls
            .iter()
            .all(|c| c.request.product_code == "NewProdCodeAPI12345")
    );
}

#[tokio::test]
async fn partner_context_is_set_once_per_session() {
    let sandbox = start(Sandbox::builder()).await;
    let client = cm21(&sandbox);
    let partner = client.with_partner(PARTNER);
    partner
        .set_order_reseller("731522351", "Q6WSZXXAA7")
        .await
        .expect("attach");
    partner.get_order_reseller("731522351").await.expect("read");
    assert_eq!(sandbox.count::<SetPartner>(), 1);
    sandbox.advance(ELEVEN_MINUTES);
    // A new session needs setPartner again; the handle does it after re-login.
    let reseller = partner
        .get_order_reseller("731522351")
        .await
        .expect("after expiry");
    assert_eq!(reseller.reseller_code, "Q6WSZXXAA7");
    assert_eq!(sandbox.stats().logins, 2);
    let set = sandbox.calls::<SetPartner>().expect("decoded");
    assert_eq!(set.len(), 2, "once per session");
    assert!(set.iter().all(|c| c.request.partner_code == PARTNER));
    assert_ne!(set[0].session, set[1].session);
    // Every read went out with the partner set on its session.
    let reads = sandbox.calls::<GetOrderReseller>().expect("decoded");
    assert!(reads.iter().all(|c| c.partner.as_deref() == Some(PARTNER)));
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
