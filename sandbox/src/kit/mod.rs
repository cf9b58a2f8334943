//! The sandbox as a test kit: seed it with a test's own records, script answers for chosen
//! calls, inspect every call received and every record held, and move its clock forward.
//!
//! Everything here works on JSON records and the exact params a client sent; the typed layer
//! (the `twocheckout-testkit` crate) builds on it with the generated request and object types.
//!
//! - **Seeding**: [`SandboxBuilder::seed`](crate::SandboxBuilder::seed) adds records (or
//!   replaces seeded ones with the same identifier) before the server starts;
//!   [`SandboxBuilder::without_default_seed`](crate::SandboxBuilder::without_default_seed)
//!   starts from an empty store. [`RunningSandbox::raw_insert`](crate::RunningSandbox::raw_insert)
//!   adds records while it runs.
//! - **Inspection**: [`RunningSandbox::raw_calls`](crate::RunningSandbox::raw_calls) lists every
//!   JSON-RPC call received, in order, with its session, partner, exact params, time and
//!   outcome; [`RunningSandbox::raw_record`](crate::RunningSandbox::raw_record) reads any record as the
//!   methods now see it.
//! - **Scripted answers**: [`RunningSandbox::add_rule`](crate::RunningSandbox::add_rule) adds a
//!   [`Rule`]: for one method, optionally only for calls a predicate picks, answer with an error,
//!   a delay, an HTTP fault or a given result, n times or always, then behave normally. A
//!   scripted error, fault or result replaces everything the sandbox would do for the call,
//!   session and params checks included; a delay keeps the normal answer.
//! - **Time**: [`RunningSandbox::advance`](crate::RunningSandbox::advance) moves the sandbox's
//!   clock forward: sessions expire, "today" moves on for every date the methods compute. Login
//!   dates are still checked against the real clock, since that is the one clients read.

mod blocking;
mod calls;
pub(crate) mod clock;
mod handle;
mod script;
mod seed;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde_json::Value;
use twocheckout_codegen::model::{Method, Spec};

pub use blocking::BlockingSandbox;
pub use calls::{Outcome, RecordedCall};
pub(crate) use clock::Clock;
pub use script::{Action, Matcher, Rule};
pub use seed::{Collection, SeedError};

use crate::app::{Answer, App, Endpoint};
use crate::rpc::{self, RpcError};
use crate::state::Record;

/// The per-sandbox test kit: its clock, its call log and its scripted rules.
#[derive(Debug, Default)]
pub(crate) struct Kit {
    /// The sandbox's clock.
    pub(crate) clock: Clock,
    /// Every call received.
    pub(crate) calls: calls::CallLog,
    /// The scripted rules.
    pub(crate) script: script::Script,
}

/// What a builder seeds before the server starts.
#[derive(Debug, Clone, Default)]
pub(crate) struct SeedPlan {
    /// Start from an empty store instead of the documented seed records.
    pub(crate) without_default: bool,
    /// Records to add, in order (a later one replaces an earlier one with the same key).
    pub(crate) records: Vec<(Collection, Record)>,
}

/// Applies `plan` to a freshly built app.
pub(crate) fn prepare(app: &App, plan: &SeedPlan) -> Result<(), SeedError> {
    let mut store = app.state().write();
    if plan.without_default {
        *store = seed::empty(&store);
    }
    for (collection, record) in &plan.records {
        seed::insert(&mut store, *collection, record.clone())?;
    }
    Ok(())
}

/// The embedded spec, parsed once per process: every sandbox after the first starts without
/// parsing it again.
pub(crate) fn embedded_spec() -> Result<Arc<Spec>, String> {
    static SPEC: OnceLock<Result<Arc<Spec>, String>> = OnceLock::new();
    SPEC.get_or_init(|| crate::spec::embedded().map(Arc::new))
        .clone()
}

/// Answers one request through the kit: the sandbox's clock installed, a scripted rule applied
/// when one matches, the call recorded. `normal` is the sandbox's own answer to the body.
/// Returns the answer and how long to hold it back.
pub(crate) fn handle(
    app: &App,
    endpoint: Endpoint,
    body: &[u8],
    normal: impl FnOnce() -> Answer,
) -> (Answer, Duration) {
    let kit = app.kit();
    let _clock = kit.clock.enter();
    let Ok(request) = rpc::decode(body) else {
        // Not a request object: nothing to script or record.
        return (normal(), Duration::ZERO);
    };
    let method = app
        .spec()
        .methods_named(&request.method)
        .iter()
        .find(|m| m.apis.iter().any(|family| endpoint.serves(*family)));
    let mut params = calls::raw_params(body);
    let session = match (method, params.first()) {
        (Some(method), Some(first)) if method.session => {
            match serde_json::from_str::<String>(first.get()) {
                Ok(id) => {
                    params.remove(0);
                    Some(id)
                }
                Err(_) => None,
            }
        }
        _ => None,
    };
    let partner = session
        .as_deref()
        .and_then(|id| app.sessions().partner_of(id));
    let raw: Vec<&serde_json::value::RawValue> = params.iter().map(AsRef::as_ref).collect();
    let action = kit.script.take(&request.method, &raw);
    // Whether the sandbox's own answer is used (and so counted in its stats already).
    let answered_normally = matches!(action, None | Some(script::Action::Delay(_)));
    let (answer, delay) = match action {
        None => (normal(), Duration::ZERO),
        Some(script::Action::Delay(delay)) => (normal(), delay),
        Some(script::Action::Http { status, body }) => {
            (Answer::Status(status, body), Duration::ZERO)
        }
        Some(script::Action::Respond(result)) => (
            Answer::Json(rpc::success(&request.id, result)),
            Duration::ZERO,
        ),
        Some(script::Action::Error { code, message }) => {
            let message = message.unwrap_or_else(|| meaning(method, &code));
            let error = RpcError::business(code, message);
            (Answer::Json(error.to_response(&request.id)), Duration::ZERO)
        }
    };
    let outcome = outcome(&answer);
    if !answered_normally {
        app.count_scripted(!outcome.is_ok());
    }
    kit.calls.push(RecordedCall {
        seq: 0,
        endpoint,
        method: request.method,
        session,
        partner,
        params,
        at: kit.clock.now(),
        outcome,
    });
    (answer, delay)
}

/// The meaning the spec gives `code` on `method`, or a plain description of a scripted error.
fn meaning(method: Option<&Method>, code: &str) -> String {
    method
        .and_then(|m| m.errors.iter().find(|e| e.code == code))
        .map_or_else(|| format!("Scripted error {code}."), |e| e.meaning.clone())
}

fn outcome(answer: &Answer) -> Outcome {
    match answer {
        Answer::Json(body) => match body.get("error") {
            Some(error) => Outcome::Error(
                error
                    .pointer("/data/error_code")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
                    .unwrap_or_else(|| error.get("code").map(Value::to_string).unwrap_or_default()),
            ),
            None => Outcome::Ok,
        },
        Answer::Http500 => Outcome::Http(500),
        Answer::Status(status, _) => Outcome::Http(*status),
        Answer::Fault(kind, _) => Outcome::Fault(*kind),
    }
}
