//! Traces carry the method, request id, attempt and latency of each call, and no secret.
//!
//! Kept alone in its own test binary: the capturing subscriber is installed process-wide, and
//! other tests running on other threads would race with it over tracing's per-callsite cache.

mod common;

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use common::methods::{Echo, GetPartnerResellers};
use common::{Account, MERCHANT, SECRET, ok, rpc_error, server_with};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use twocheckout_rpc::api::{Cm21, Rpc6};
use twocheckout_rpc::{Client, Credentials, RetryPolicy};

fn assert_clean(text: &str) {
    assert!(!text.contains(SECRET), "secret key leaked: {text}");
    assert!(!text.contains("SESSION-"), "session id leaked: {text}");
    assert!(
        !text.contains("abcdef0123456789"),
        "session id leaked: {text}"
    );
}

/// Records every span field and event field as text.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
    next_id: Arc<AtomicU64>,
}

struct Writer<'a>(&'a mut String);

impl Visit for Writer<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut text = self.text.lock().unwrap();
        let _ = write!(text, "\nspan {} ", span.metadata().name());
        span.record(&mut Writer(&mut text));
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Writer(&mut self.text.lock().unwrap()));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut text = self.text.lock().unwrap();
        text.push_str("\nevent ");
        event.record(&mut Writer(&mut text));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn traces_carry_method_id_attempt_and_latency_but_no_secret() {
    let capture = Capture::default();
    tracing::subscriber::set_global_default(capture.clone()).expect("the only subscriber");

    let account = Account::new();
    let server = server_with(account.clone(), |account, r| {
        let session = account.session_of(r);
        match (r["method"].as_str(), session) {
            (_, None) => account.session_error(r),
            (Some("getPartnerResellers"), _) => ok(r, json!(["r"])),
            (_, Some(s)) => rpc_error(r, json!(1), &format!("for {s}"), None),
        }
    })
    .await;
    let rpc6 = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(&server.url)
        .retry_policy(RetryPolicy::NONE)
        .build()
        .unwrap();
    let _ = rpc6.call(Echo::new("a")).await.unwrap_err();
    account.expire_all();
    let _ = rpc6.call(Echo::new("b")).await.unwrap_err();
    let cm = Client::<Cm21>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(&server.url)
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    cm.with_partner("P")
        .call(GetPartnerResellers)
        .await
        .unwrap();

    let text = capture.text.lock().unwrap().clone();
    for expected in [
        "method=\"login\"",
        "method=\"echo\"",
        "method=\"setPartner\"",
        "attempt=1",
        "latency_ms=",
        "id=",
    ] {
        assert!(text.contains(expected), "missing {expected} in {text}");
    }
    assert!(text.contains("certificate verification is OFF"), "{text}");
    assert_clean(&text);
}
