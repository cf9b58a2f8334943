//! Single-flight login and session renewal under concurrent load.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use common::methods::Echo;
use common::{Account, Action, MERCHANT, SECRET, echo_server, ok, server_with};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials, RetryPolicy};

fn client(url: &str) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap()
}

async fn run_concurrently(client: &Client<Rpc6>, n: usize) {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move { client.call(Echo(format!("call {i}"))).await })
        })
        .collect();
    for (i, task) in tasks.into_iter().enumerate() {
        assert_eq!(task.await.unwrap().unwrap(), format!("call {i}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_login_for_64_concurrent_cold_calls() {
    let account = Account::new();
    // A slow login widens the window in which the other 63 calls arrive.
    let slow_account = account.clone();
    let server = common::TestServer::start(move |r| {
        let action = match slow_account.handle(r) {
            Some(action) => action,
            None => match slow_account.session_of(r) {
                Some(_) => ok(r, r["params"][1].clone()),
                None => slow_account.session_error(r),
            },
        };
        if r["method"] == "login" {
            Action::Delay(Duration::from_millis(200), Box::new(action))
        } else {
            action
        }
    })
    .await;
    let client = client(&server.url);
    run_concurrently(&client, 64).await;
    assert_eq!(account.logins(), 1);
    assert_eq!(server.count("login"), 1);
    assert_eq!(server.count("echo"), 64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_relogin_after_expiry_under_load() {
    let account = Account::new();
    let server = echo_server(account.clone()).await;
    let client = client(&server.url);
    run_concurrently(&client, 64).await;
    assert_eq!(account.logins(), 1);
    account.expire_all();
    run_concurrently(&client, 64).await;
    assert_eq!(account.logins(), 2);
    // Every call was sent at most twice: once rejected, once after the new login.
    let resent = server.count("echo") - 128;
    assert!(resent <= 64, "{resent}");
}

#[tokio::test]
async fn session_is_reused_then_renewed_before_expiry() {
    let account = Account::new();
    let server = echo_server(account.clone()).await;
    let client = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(&server.url)
        .session_lifetime(Duration::from_secs(4))
        .session_renewal_margin(Duration::from_secs(2))
        .build()
        .unwrap();
    for _ in 0..5 {
        client.call(Echo::new("a")).await.unwrap();
    }
    assert_eq!(account.logins(), 1);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    client.call(Echo::new("b")).await.unwrap();
    // Renewed proactively: no call was rejected.
    assert_eq!(account.logins(), 2);
    assert_eq!(server.count("echo"), 6);
    let sessions: Vec<_> = server
        .calls("echo")
        .iter()
        .map(|r| r["params"][0].clone())
        .collect();
    assert_ne!(sessions[0], sessions[5]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stale_rejection_does_not_discard_a_newer_session() {
    // The first echo on each session is rejected; later ones succeed. Concurrent callers
    // rejected on the same old session must share a single new login.
    let account = Account::new();
    let first_use = Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
    let rejections = Arc::new(AtomicUsize::new(0));
    let counter = rejections.clone();
    let server = server_with(account.clone(), move |account, r| {
        let Some(session) = account.session_of(r) else {
            return account.session_error(r);
        };
        if account.logins() == 1 && first_use.lock().unwrap().insert(session.clone()) {
            counter.fetch_add(1, Ordering::SeqCst);
            account.expire_all();
            return account.session_error(r);
        }
        ok(r, r["params"][1].clone())
    })
    .await;
    let client = client(&server.url);
    run_concurrently(&client, 32).await;
    assert_eq!(rejections.load(Ordering::SeqCst), 1);
    assert_eq!(account.logins(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_failed_login_is_shared_by_the_callers_waiting_on_it() {
    let account = Account::new();
    let server = common::TestServer::start({
        let account = account.clone();
        move |r| {
            let action = account
                .handle(r)
                .unwrap_or_else(|| ok(r, r["params"][1].clone()));
            Action::Delay(Duration::from_millis(200), Box::new(action))
        }
    })
    .await;
    let client = Client::<Rpc6>::builder(Credentials::new(MERCHANT, "wrong key"))
        .endpoint(&server.url)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap();
    let tasks: Vec<_> = (0..64)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call(Echo::new("x")).await })
        })
        .collect();
    for task in tasks {
        let error = task.await.unwrap().unwrap_err();
        assert!(error.has_code("FORBIDDEN"), "{error:?}");
        assert_eq!(error.rpc().unwrap().method, "login");
    }
    // Callers that start after the failure try again.
    client.call(Echo::new("x")).await.unwrap_err();
    assert_eq!(server.count("login"), 2);
    assert_eq!(server.count("echo"), 0);
}
