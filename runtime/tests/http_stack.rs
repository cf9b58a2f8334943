//! The user's HTTP stack: a `reqwest::Client` of the application's own (its proxy settings
//! apply), and an observer that sees every attempt of every call but never the secret key or
//! the session id.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::methods::{Echo, PlaceOrder};
use common::{Account, Action, MERCHANT, SECRET, echo_server, ok, rpc_error, server_with};
use serde_json::json;
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::observe::{CallInfo, ErrorKind, Observer, Received};
use twocheckout_rpc::{Client, Credentials, Error, RetryPolicy, blocking};

/// Nothing listens on the discard port of the loopback address.
const UNREACHABLE: &str = "http://127.0.0.1:9/rpc/6.0/";

/// One observed event.
#[derive(Debug, Clone, PartialEq)]
enum Event {
    Before(CallInfo),
    After(CallInfo, Received),
}

/// Keeps every event, and everything it was given as `Debug` text.
#[derive(Default)]
struct Recorder {
    events: Mutex<Vec<Event>>,
    text: Mutex<String>,
}

impl Observer for Recorder {
    fn before_send(&self, call: &CallInfo) {
        self.text
            .lock()
            .unwrap()
            .push_str(&format!("{call:?} {call:#?}\n"));
        self.events.lock().unwrap().push(Event::Before(*call));
    }

    fn after_receive(&self, call: &CallInfo, received: &Received) {
        let mut text = self.text.lock().unwrap();
        text.push_str(&format!("{call:?} {received:?} {received:#?}\n"));
        if let Some(kind) = &received.error {
            text.push_str(&format!("{kind} {}\n", kind.name()));
        }
        self.events
            .lock()
            .unwrap()
            .push(Event::After(*call, received.clone()));
    }
}

impl Recorder {
    fn events(&self) -> Vec<Event> {
        self.events.lock().unwrap().clone()
    }

    /// `(method, attempt, status, error)` of every `after_receive`, in order.
    fn ends(&self) -> Vec<(&'static str, u32, Option<u16>, Option<ErrorKind>)> {
        self.events()
            .into_iter()
            .filter_map(|e| match e {
                Event::After(call, received) => {
                    Some((call.method, call.attempt, received.status, received.error))
                }
                Event::Before(_) => None,
            })
            .collect()
    }
}

fn credentials() -> Credentials {
    Credentials::new(MERCHANT, SECRET)
}

/// The application's client sends through a proxy: the endpoint itself is unreachable, the
/// proxy (the test server) answers. A client of our own would fail to connect.
#[tokio::test]
async fn a_users_client_with_a_proxy_is_used() {
    let proxy = echo_server(Account::new()).await;
    let http = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(&proxy.url).unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let client = Client::<Rpc6>::builder(credentials())
        .endpoint(UNREACHABLE)
        .http_client(http.clone())
        .build()
        .unwrap();
    assert_eq!(
        client.call(Echo::new("via proxy")).await.unwrap(),
        "via proxy"
    );
    assert_eq!(proxy.sequence(), ["login", "echo"]);

    // The same pool serves a second client, and the application's own requests.
    let second = Client::<Rpc6>::builder(credentials())
        .endpoint(UNREACHABLE)
        .http_client(http)
        .build()
        .unwrap();
    assert_eq!(second.call(Echo::new("again")).await.unwrap(), "again");

    let own = Client::<Rpc6>::builder(credentials())
        .endpoint(UNREACHABLE)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap();
    assert!(matches!(
        own.call(Echo::new("direct")).await,
        Err(Error::Connect { .. })
    ));
}

#[test]
fn certificate_checks_belong_to_the_users_client() {
    let result = Client::<Rpc6>::builder(credentials())
        .http_client(reqwest::Client::new())
        .danger_accept_invalid_certs(true)
        .build();
    assert!(matches!(result, Err(Error::Config(_))), "{result:?}");
}

/// Before and after every attempt: the login, a retried read (503, then 200) with one id for
/// both attempts, and a JSON-RPC error with its symbolic code.
#[tokio::test]
async fn the_observer_sees_every_attempt() {
    let failures = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&failures);
    let server = server_with(Account::new(), move |account, request| {
        if account.session_of(request).is_none() {
            return account.session_error(request);
        }
        match request["method"].as_str() {
            Some("echo") if counter.fetch_add(1, Ordering::SeqCst) == 0 => {
                Action::Status(503, "text/plain", "busy".to_owned())
            }
            Some("echo") => ok(request, request["params"][1].clone()),
            _ => rpc_error(
                request,
                json!("ORDER_ERROR"),
                "refused",
                Some("ORDER_ERROR"),
            ),
        }
    })
    .await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::<Rpc6>::builder(credentials())
        .endpoint(&server.url)
        .retry_policy(RetryPolicy {
            max_attempts: 2,
            base_backoff: std::time::Duration::from_millis(1),
            ..RetryPolicy::default()
        })
        .observer(Arc::clone(&recorder))
        .build()
        .unwrap();
    assert_eq!(client.call(Echo::new("x")).await.unwrap(), "x");
    let error = client.call(PlaceOrder("o".to_owned())).await.unwrap_err();
    assert!(error.rpc_code_is("ORDER_ERROR"), "{error}");

    assert_eq!(
        recorder.ends(),
        [
            ("login", 1, Some(200), None),
            ("echo", 1, Some(503), Some(ErrorKind::Http)),
            ("echo", 2, Some(200), None),
            (
                "placeOrder",
                1,
                Some(200),
                Some(ErrorKind::Rpc {
                    error_code: Some("ORDER_ERROR".to_owned())
                })
            ),
        ]
    );
    let events = recorder.events();
    // Each attempt is announced before it ends, with the same id and attempt number.
    assert_eq!(events.len(), 8);
    for pair in events.chunks(2) {
        match pair {
            [Event::Before(before), Event::After(after, _)] => assert_eq!(before, after),
            other => panic!("not a before/after pair: {other:?}"),
        }
    }
    let ids: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::After(call, _) => Some(call.id),
            Event::Before(_) => None,
        })
        .collect();
    assert_eq!(ids[1], ids[2], "a retry keeps the request id");
    assert_ne!(ids[0], ids[1]);
    assert_ne!(ids[2], ids[3]);
}

/// A failed connection has no status and the kind `Connect`; the latency is measured.
#[tokio::test]
async fn a_connect_failure_is_observed() {
    let recorder = Arc::new(Recorder::default());
    let client = Client::<Rpc6>::builder(credentials())
        .endpoint(UNREACHABLE)
        .retry_policy(RetryPolicy::NONE)
        .observer(Arc::clone(&recorder))
        .build()
        .unwrap();
    assert!(client.call(Echo::new("x")).await.is_err());
    assert_eq!(
        recorder.ends(),
        [("login", 1, None, Some(ErrorKind::Connect))]
    );
}

/// The observer never receives the secret key, the session id or the login hash, even when
/// the server puts the session id into its error code.
#[tokio::test]
async fn the_observer_never_sees_secrets() {
    let account = Account::new();
    let sessions = Arc::clone(&account);
    let server = server_with(account, move |account, request| {
        let Some(session) = account.session_of(request) else {
            return account.session_error(request);
        };
        let code = format!("BAD_{session}");
        rpc_error(request, json!(10004), &format!("no {session}"), Some(&code))
    })
    .await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::<Rpc6>::builder(credentials())
        .endpoint(&server.url)
        .observer(Arc::clone(&recorder))
        .build()
        .unwrap();
    assert!(client.call(Echo::new("x")).await.is_err());
    let hash = server.calls("login")[0]["params"][2]
        .as_str()
        .unwrap()
        .to_owned();
    let session = sessions
        .sessions
        .lock()
        .unwrap()
        .iter()
        .next()
        .cloned()
        .unwrap();
    let text = recorder.text.lock().unwrap().clone();
    assert!(text.contains("BAD_<redacted>"), "{text}");
    for secret in [SECRET, session.as_str(), hash.as_str(), "SESSION-"] {
        assert!(
            !text.contains(secret),
            "`{secret}` reached the observer:\n{text}"
        );
    }
}

/// The blocking client takes the same settings: the application's client and an observer.
#[test]
fn the_blocking_client_uses_the_users_stack() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let proxy = runtime.block_on(echo_server(Account::new()));
    let http = reqwest::Client::builder()
        .proxy(reqwest::Proxy::http(&proxy.url).unwrap())
        .build()
        .unwrap();
    let recorder = Arc::new(Recorder::default());
    let client = blocking::Client::<Rpc6>::from_builder(
        Client::builder(credentials())
            .endpoint(UNREACHABLE)
            .http_client(http)
            .observer(Arc::clone(&recorder)),
    )
    .unwrap();
    assert_eq!(client.call(Echo::new("blocking")).unwrap(), "blocking");
    assert_eq!(
        recorder.ends(),
        [("login", 1, Some(200), None), ("echo", 1, Some(200), None)]
    );
}
