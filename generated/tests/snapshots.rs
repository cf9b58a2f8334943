//! Every snapshot of `codegen/tests/snapshots/` compiles with warnings denied, and the requests
//! of the `calls` snapshot behave as the `Method` contract says when sent through a client.
//!
//! Each snapshot directory is a generated crate root (`lib.rs`) with its modules; here each one is
//! a module of this test crate, so the whole generated output is checked by rustc under
//! `#![deny(warnings)]`. `codegen/tests/snapshots.rs` checks that every snapshot is listed here.

#![deny(warnings)]

#[path = "../../codegen/tests/snapshots/calls/lib.rs"]
#[rustfmt::skip]
pub mod calls_crate;

#[path = "../../codegen/tests/snapshots/types/lib.rs"]
#[rustfmt::skip]
pub mod types_crate;

use std::sync::Mutex;

use calls_crate::prelude::*;
use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::{Value, json};
use twocheckout_rpc::api::{Cm21, Partner, Rpc3, Rpc6};
use twocheckout_rpc::{AvailableOn, CallFuture, Method, Scope};

/// A client that records what it would send and answers every call with a canned JSON value.
struct Recorder<M> {
    answer: Value,
    sent: Mutex<Vec<(&'static str, bool, Value)>>,
    marker: std::marker::PhantomData<fn() -> M>,
}

impl<M> Recorder<M> {
    fn new(answer: Value) -> Self {
        Self {
            answer,
            sent: Mutex::new(Vec::new()),
            marker: std::marker::PhantomData,
        }
    }

    /// `(method name, session sent, params)` of every call so far.
    fn sent(&self) -> Vec<(&'static str, bool, Value)> {
        self.sent.lock().expect("recorder lock").clone()
    }
}

/// The positional params a request writes.
fn params<T: Method>(method: &T) -> Value {
    struct Params<'m, T>(&'m T);
    impl<T: Method> Serialize for Params<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(self.0.param_count()))?;
            self.0.serialize_params(&mut seq)?;
            seq.end()
        }
    }
    serde_json::to_value(Params(method)).expect("params encode")
}

impl<M> Scope for Recorder<M> {
    type Marker = M;

    fn call<'a, T>(&'a self, method: T) -> CallFuture<'a, T::Response>
    where
        T: Method + AvailableOn<M> + Send + Sync + 'a,
    {
        let params = params(&method);
        self.sent
            .lock()
            .expect("recorder lock")
            .push((T::NAME, T::SESSION, params));
        let answer = self.answer.clone();
        Box::pin(async move {
            serde_json::from_value(answer).map_err(|e| panic!("canned answer does not decode: {e}"))
        })
    }
}

fn block_on<F: std::future::IntoFuture>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime")
        .block_on(future.into_future())
}

#[test]
fn awaiting_a_started_request_sends_it_with_its_params() {
    let client = Recorder::<Rpc6>::new(json!([{"ResellerCode": "R1", "Extra": 1}]));
    let resellers: Vec<calls_crate::Reseller> =
        block_on(client.get_partner_resellers("P1")).unwrap();
    assert_eq!(resellers[0].reseller_code, "R1");
    assert_eq!(resellers[0].unknown_fields["Extra"], json!(1));
    assert_eq!(
        client.sent(),
        [("getPartnerResellers", true, json!(["P1"]))]
    );
}

#[test]
fn absent_optionals_before_a_present_one_are_null_and_trailing_ones_omitted() {
    let client = Recorder::<Rpc6>::new(json!([]));
    let request = client.get_partner_resellers("P1").since("2024-01-31");
    block_on(request.send()).unwrap();
    let request = client
        .get_partner_resellers("P1")
        .search_by(calls_crate::Pagination {
            page: Some(2),
            ..Default::default()
        });
    block_on(request).unwrap();
    let request = client
        .get_partner_resellers("P1")
        .sort(twocheckout_rpc::support::Maybe::Null);
    block_on(request).unwrap();
    let sent: Vec<Value> = client.sent().into_iter().map(|(_, _, p)| p).collect();
    assert_eq!(
        sent,
        [
            json!(["P1", null, null, "2024-01-31"]),
            json!(["P1", {"Page": 2}]),
            json!(["P1", null, null]),
        ]
    );
}

#[test]
fn login_is_sent_without_session() {
    let client = Recorder::<Rpc3>::new(json!("SESSION"));
    let session = block_on(client.login("MERCHANT", "2024-01-31 10:00:00", "abc")).unwrap();
    assert_eq!(session, "SESSION");
    assert_eq!(
        client.sent(),
        [(
            "login",
            false,
            json!(["MERCHANT", "2024-01-31 10:00:00", "abc"])
        )]
    );
}

#[test]
fn partner_and_channel_manager_scopes() {
    let partner = Recorder::<Partner<Cm21>>::new(json!(true));
    let reseller = calls_crate::Reseller {
        reseller_code: "R1".into(),
        company: None,
        unknown_fields: Default::default(),
        wire_forms: Default::default(),
    };
    assert!(block_on(partner.update_reseller(reseller)).unwrap());
    assert_eq!(
        block_on(Recorder::<Partner<Cm21>>::new(json!(3)).count_partners()).unwrap(),
        3
    );
    assert_eq!(
        block_on(Recorder::<Cm21>::new(json!(4)).count_partners()).unwrap(),
        4
    );
}

#[test]
fn unit_responses_and_required_nullable_params() {
    let client = Recorder::<Rpc3>::new(Value::Null);
    block_on(client.legacy_touch(None, "ping")).unwrap();
    block_on(client.legacy_touch(Some(7), "ping").extra(json!({"a": 1}))).unwrap();
    let sent: Vec<Value> = client.sent().into_iter().map(|(_, _, p)| p).collect();
    assert_eq!(sent, [json!([null, "ping"]), json!([7, "ping", {"a": 1}])]);
}

#[test]
fn a_request_can_be_built_unbound_and_bound_later() {
    let request = calls_crate::GetPartnerResellers::new("P1").since("2024-01-31");
    assert_eq!(request.param_count(), 4);
    let client = Recorder::<Rpc6>::new(json!([]));
    let (unbound_client, unbound) = request.bind(&client).unbind();
    assert!(std::ptr::eq(unbound_client, &client));
    block_on(unbound.bind(&client)).unwrap();
    assert_eq!(client.sent().len(), 1);
}

#[test]
fn documented_errors_are_listed_verbatim() {
    assert_eq!(
        <calls_crate::GetPartnerResellers as Method>::ERRORS,
        [
            (
                "MISSING_PARAMETER",
                "Add the [PartnerCode] <param> | before calling."
            ),
            ("10000", "Numeric code."),
            (
                "Missing required parameter: PartnerCode",
                "A code with spaces and a colon."
            ),
        ]
    );
}

#[test]
fn sensitive_params_never_reach_debug_while_the_rest_prints_as_derive() {
    let unset = calls_crate::PayByCard::new(12.5, "4111111111111111");
    assert_eq!(
        format!("{unset:?}"),
        "PayByCard { client: (), amount: 12.5, card_number: <redacted>, cvv: None, token: Absent }"
    );
    let set = unset.cvv("321").token("tok_42".to_owned());
    for text in [format!("{set:?}"), format!("{set:#?}")] {
        for secret in ["4111111111111111", "321", "tok_42"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains("12.5"), "{text}");
    }
    assert!(format!("{set:?}").contains("cvv: Some(<redacted>), token: Value(<redacted>)"));
    // A bound request keeps derive's `C: Debug` bound and prints its client.
    let bound = set.bind("client");
    assert!(format!("{bound:?}").starts_with("PayByCard { client: \"client\", amount: 12.5,"));
}
