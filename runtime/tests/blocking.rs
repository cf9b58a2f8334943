//! The blocking client.

mod common;

use common::methods::{Echo, GetPartnerResellers};
use common::{Account, MERCHANT, SECRET, echo_server, ok, server_with};
use serde_json::json;
use twocheckout_rpc::api::{Cm21, Rpc6};
use twocheckout_rpc::blocking;
use twocheckout_rpc::{Client, Credentials, Error};

/// Starts a test server on a runtime of its own thread and returns it with its runtime.
fn serve<F, Fut>(start: F) -> (tokio::runtime::Runtime, common::TestServer)
where
    F: FnOnce(std::sync::Arc<Account>) -> Fut,
    Fut: Future<Output = common::TestServer>,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(start(Account::new()));
    (runtime, server)
}

#[test]
fn blocking_calls_share_one_session() {
    let (_runtime, server) = serve(echo_server);
    let client = blocking::Client::<Rpc6>::from_builder(
        Client::builder(Credentials::new(MERCHANT, SECRET)).endpoint(&server.url),
    )
    .unwrap();
    assert_eq!(client.call(Echo::new("one")).unwrap(), "one");
    assert_eq!(client.clone().call(Echo::new("two")).unwrap(), "two");
    assert_eq!(server.count("login"), 1);
    assert!(
        client
            .as_async()
            .endpoint()
            .starts_with("http://127.0.0.1:")
    );
}

#[test]
fn blocking_partner_calls() {
    let (_runtime, server) = serve(|account| server_with(account, |_, r| ok(r, json!(["x"]))));
    let client = blocking::Client::<Cm21>::from_builder(
        Client::builder(Credentials::new(MERCHANT, SECRET)).endpoint(&server.url),
    )
    .unwrap();
    assert_eq!(
        client.with_partner("P").call(GetPartnerResellers).unwrap(),
        ["x"]
    );
    assert_eq!(
        server.sequence(),
        ["login", "setPartner", "getPartnerResellers"]
    );
}

#[tokio::test]
async fn blocking_client_inside_a_runtime_is_refused() {
    let client = blocking::Client::<Rpc6>::new(Credentials::new(MERCHANT, SECRET)).unwrap();
    let error = client.call(Echo::new("x")).unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
}

#[test]
fn blocking_client_is_usable_from_several_threads() {
    let (_runtime, server) = serve(echo_server);
    let client = blocking::Client::<Rpc6>::from_builder(
        Client::builder(Credentials::new(MERCHANT, SECRET)).endpoint(&server.url),
    )
    .unwrap();
    std::thread::scope(|scope| {
        for t in 0..4 {
            let client = client.clone();
            scope.spawn(move || {
                for i in 0..5 {
                    let value = format!("{t}-{i}");
                    assert_eq!(client.call(Echo(value.clone())).unwrap(), value.as_str());
                }
            });
        }
    });
    assert_eq!(server.count("login"), 1);
    assert_eq!(server.count("echo"), 20);
}
