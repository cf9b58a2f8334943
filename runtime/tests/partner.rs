//! Channel Manager partner context.

mod common;

use common::methods::{Echo, GetPartnerResellers};
use common::{Account, MERCHANT, SECRET, ok, rpc_error, server_with};
use serde_json::json;
use twocheckout_rpc::api::Cm21;
use twocheckout_rpc::{Client, Credentials, RetryPolicy};

/// A Channel Manager server: partner methods need `setPartner` on their session first and
/// answer with the partner's resellers.
async fn cm_server(account: std::sync::Arc<Account>) -> common::TestServer {
    server_with(account, |account, r| {
        let Some(session) = account.session_of(r) else {
            return account.session_error(r);
        };
        match r["method"].as_str() {
            Some("getPartnerResellers") => match account.partners.lock().unwrap().get(&session) {
                Some(partner) => ok(r, json!([format!("{partner}-reseller")])),
                None => rpc_error(r, json!("INVALID_PARTNER"), "setPartner first", None),
            },
            _ => ok(r, r["params"][1].clone()),
        }
    })
    .await
}

fn client(url: &str) -> Client<Cm21> {
    Client::<Cm21>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap()
}

#[tokio::test]
async fn set_partner_follows_every_login_before_partner_calls() {
    let account = Account::new();
    let server = cm_server(account.clone()).await;
    let partner = client(&server.url).with_partner("PARTNER-A");
    assert_eq!(partner.partner_code(), "PARTNER-A");
    assert_eq!(
        partner.call(GetPartnerResellers).await.unwrap(),
        ["PARTNER-A-reseller"]
    );
    assert_eq!(
        partner.call(GetPartnerResellers).await.unwrap(),
        ["PARTNER-A-reseller"]
    );
    account.expire_all();
    assert_eq!(
        partner.call(GetPartnerResellers).await.unwrap(),
        ["PARTNER-A-reseller"]
    );
    assert_eq!(
        server.sequence(),
        [
            "login",
            "setPartner",
            "getPartnerResellers",
            "getPartnerResellers",
            "getPartnerResellers",
            "login",
            "setPartner",
            "getPartnerResellers"
        ]
    );
    let set = server.calls("setPartner");
    assert_eq!(set.len(), 2);
    assert_eq!(set[1]["params"][1], "PARTNER-A");
    assert_ne!(set[0]["params"][0], set[1]["params"][0]);
}

#[tokio::test]
async fn partners_do_not_share_sessions() {
    let account = Account::new();
    let server = cm_server(account.clone()).await;
    let client = client(&server.url);
    let a = client.with_partner("A");
    let b = client.with_partner("B");
    let (ra, rb) = tokio::join!(a.call(GetPartnerResellers), b.call(GetPartnerResellers));
    assert_eq!(ra.unwrap(), ["A-reseller"]);
    assert_eq!(rb.unwrap(), ["B-reseller"]);
    assert_eq!(a.call(GetPartnerResellers).await.unwrap(), ["A-reseller"]);
    // The plain client has a session of its own, without a partner.
    assert_eq!(client.call(Echo::new("plain")).await.unwrap(), "plain");
    assert_eq!(account.logins(), 3);
    assert_eq!(server.count("setPartner"), 2);
}

#[tokio::test]
async fn invalid_partner_stops_before_partner_calls() {
    let account = Account::new();
    let refusing = common::TestServer::start({
        let account = account.clone();
        move |r| {
            if r["method"] == "setPartner" {
                return rpc_error(r, json!("INVALID_PARTNER"), "not an active partner", None);
            }
            account.handle(r).unwrap_or_else(|| ok(r, json!([])))
        }
    })
    .await;
    let partner = client(&refusing.url).with_partner("NOPE");
    let error = partner.call(GetPartnerResellers).await.unwrap_err();
    assert!(error.rpc_code_is("INVALID_PARTNER"), "{error:?}");
    assert_eq!(error.rpc().unwrap().method, "setPartner");
    assert_eq!(refusing.count("getPartnerResellers"), 0);
}

#[tokio::test]
async fn partner_handle_clones_share_the_session() {
    let account = Account::new();
    let server = cm_server(account.clone()).await;
    let partner = client(&server.url).with_partner("A");
    let clone = partner.clone();
    partner.call(GetPartnerResellers).await.unwrap();
    clone.call(GetPartnerResellers).await.unwrap();
    assert_eq!(account.logins(), 1);
    assert_eq!(server.count("setPartner"), 1);
}

#[tokio::test]
async fn handles_for_the_same_partner_share_one_session() {
    let account = Account::new();
    let server = cm_server(account.clone()).await;
    let client = client(&server.url);
    for _ in 0..3 {
        // A handle per request, from the client or a clone of it.
        client
            .with_partner("A")
            .call(GetPartnerResellers)
            .await
            .unwrap();
        client
            .clone()
            .with_partner("A")
            .call(GetPartnerResellers)
            .await
            .unwrap();
    }
    assert_eq!(account.logins(), 1);
    assert_eq!(server.count("setPartner"), 1);
    assert_eq!(server.count("getPartnerResellers"), 6);
}
