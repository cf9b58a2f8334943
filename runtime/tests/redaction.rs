//! The secret key and the session id never appear in Debug, Display, errors or traces.

mod common;

use std::error::Error as _;
use std::fmt::Write as _;

use common::methods::{Echo, GetProductByCode};
use common::{Account, Action, MERCHANT, SECRET, ok, rpc_error, server_with};
use serde_json::{Value, json};
use twocheckout_rpc::api::{Cm21, Rpc6};
use twocheckout_rpc::{Client, Credentials, Error, RetryPolicy, SecretKey, SessionId};

/// The prefix of every session id the test server issues.
const SESSION_PREFIX: &str = "SESSION-";

fn assert_clean(text: &str) {
    assert!(!text.contains(SECRET), "secret key leaked: {text}");
    assert!(!text.contains(SESSION_PREFIX), "session id leaked: {text}");
    assert!(
        !text.contains("abcdef0123456789"),
        "session id leaked: {text}"
    );
}

/// Display, Debug and the whole source chain of an error.
fn render(error: &Error) -> String {
    let mut text = format!("{error}\n{error:?}\n{error:#?}");
    let mut source = error.source();
    while let Some(cause) = source {
        let _ = write!(text, "\n{cause}\n{cause:?}");
        source = cause.source();
    }
    text
}

#[test]
fn secret_types_print_redacted() {
    let key = SecretKey::new(SECRET);
    let session = SessionId::new("SESSION-1");
    for text in [
        format!("{key}"),
        format!("{key:?}"),
        format!("{session}"),
        format!("{session:?}"),
    ] {
        assert_eq!(text, "<redacted>");
    }
    assert_eq!(key.expose(), SECRET);
    let credentials = Credentials::new(MERCHANT, SECRET);
    let text = format!("{credentials:?} {credentials:#?}");
    assert_clean(&text);
    assert!(text.contains(MERCHANT));
}

#[test]
fn clients_and_builders_print_no_secret() {
    let builder = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET));
    assert_clean(&format!("{builder:?}"));
    let client = builder.build().unwrap();
    let text = format!("{client:?} {client:#?}");
    assert_clean(&text);
    assert!(text.contains("api.2checkout.com"));
    let cm = Client::<Cm21>::new(Credentials::new(MERCHANT, SECRET)).unwrap();
    let partner = cm.with_partner("P1");
    assert_clean(&format!("{partner:?} {partner:#?}"));
    let blocking =
        twocheckout_rpc::blocking::Client::<Rpc6>::new(Credentials::new(MERCHANT, SECRET)).unwrap();
    assert_clean(&format!("{blocking:?}"));
}

/// A server that puts the session id it received into every kind of failure.
async fn echoing_server(failure: fn(&Value, &str) -> Action) -> common::TestServer {
    server_with(Account::new(), move |account, r| {
        let session = account.session_of(r).expect("the client sent its session");
        failure(r, &session)
    })
    .await
}

fn client(url: &str) -> Client<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap()
}

#[tokio::test]
async fn errors_never_carry_the_session_id() {
    let failures: [fn(&Value, &str) -> Action; 6] = [
        |r, s| rpc_error(r, json!(55200), &format!("bad session {s} here"), Some(s)),
        |_, s| {
            Action::Status(
                500,
                "text/html",
                format!("<html>request was [\"{s}\",1]</html>"),
            )
        },
        |_, s| Action::Status(200, "application/json", format!("{{\"oops\": \"{s}\"")),
        |r, s| Action::Json(json!({"id": r["id"].as_u64().unwrap() + 1, "result": s})),
        |r, s| ok(r, json!({"ProductCode": "P", "Enabled": s})),
        |_, s| Action::Status(502, "text/plain", format!("{}{s}", "x".repeat(190))),
    ];
    for failure in failures {
        let server = echoing_server(failure).await;
        let error = client(&server.url)
            .call(GetProductByCode("P".into()))
            .await
            .unwrap_err();
        let text = render(&error);
        assert_clean(&text);
        assert!(text.contains("getProductByCode"), "{text}");
    }
}

#[tokio::test]
async fn login_failures_never_carry_the_session_id() {
    // A login answer with the wrong id: its body holds a session id and must be withheld.
    let server = common::TestServer::start(|r| {
        Action::Json(json!({"id": r["id"].as_u64().unwrap_or(0) + 7, "result": "SESSION-zzz"}))
    })
    .await;
    let error = client(&server.url).call(Echo::new("a")).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::WrongId {
                method: "login",
                ..
            }
        ),
        "{error:?}"
    );
    assert_clean(&render(&error));
}

#[tokio::test]
async fn transport_errors_never_carry_secrets() {
    use std::time::Duration;

    // A server that answers the login, then stalls every call until the client gives up.
    let server = server_with(Account::new(), |_, _| {
        Action::Delay(Duration::from_secs(5), Box::new(Action::Json(Value::Null)))
    })
    .await;
    let impatient = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(&server.url)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap();
    let timeout = impatient.call(Echo::new("a")).await.unwrap_err();
    assert!(matches!(timeout, Error::Timeout { .. }), "{timeout:?}");

    let reset = server_with(Account::new(), |_, _| Action::Reset).await;
    let reset = client(&reset.url).call(Echo::new("a")).await.unwrap_err();

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/rpc/", listener.local_addr().unwrap());
    drop(listener);
    let refused = client(&url).call(Echo::new("a")).await.unwrap_err();
    assert!(matches!(refused, Error::Connect { .. }), "{refused:?}");

    for error in [timeout, reset, refused] {
        assert_clean(&render(&error));
    }
}
