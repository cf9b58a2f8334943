//! Scripted answers chosen with the typed request.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use twocheckout_rpc::support::wire::{Canonical, Wire};
use twocheckout_rpc::{DecodeParams, Method};
use twocheckout_sandbox::kit::Matcher;
use twocheckout_sandbox::{Action, Rule, RunningSandbox};

/// A scripted answer for `M` being set up: which requests ([`ScriptBuilder::when`]), how many
/// times ([`ScriptBuilder::times`], once unless told), then the answer, which installs it.
/// Rules are tried in the order they were installed; once a rule's answers are used up, the
/// method behaves normally again.
#[must_use = "a scripted answer takes effect when its answer is chosen (fail, respond, …)"]
pub struct ScriptBuilder<'s, M> {
    sandbox: &'s RunningSandbox,
    matcher: Option<Matcher>,
    times: Option<u64>,
    method: PhantomData<fn() -> M>,
}

impl<'s, M: Method + DecodeParams + 'static> ScriptBuilder<'s, M> {
    pub(crate) fn new(sandbox: &'s RunningSandbox) -> Self {
        ScriptBuilder {
            sandbox,
            matcher: None,
            times: Some(1),
            method: PhantomData,
        }
    }

    /// Only requests `predicate` accepts (read back as `M`; a call that does not decode as `M`
    /// is not picked).
    pub fn when(mut self, predicate: impl Fn(&M) -> bool + Send + Sync + 'static) -> Self {
        self.matcher = Some(Arc::new(move |params| {
            M::decode_params(params).is_ok_and(|request| predicate(&request))
        }));
        self
    }

    /// For the next `n` picked calls.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// For every picked call, until [`RunningSandbox::clear_rules`].
    pub fn always(mut self) -> Self {
        self.times = None;
        self
    }

    /// Answers the documented error `code`, with the meaning the docs give it for `M` as the
    /// message (any code is accepted; one `M` does not document gets a plain message).
    pub fn fail(self, code: &str) {
        self.install(Action::Error {
            code: code.to_string(),
            message: None,
        });
    }

    /// Answers the error `code` with `message`.
    pub fn fail_with(self, code: &str, message: &str) {
        self.install(Action::Error {
            code: code.to_string(),
            message: Some(message.to_string()),
        });
    }

    /// Answers normally, `by` later (the call takes effect at once).
    pub fn delay(self, by: Duration) {
        self.install(Action::Delay(by));
    }

    /// Answers HTTP `status` with a plain-text body and no JSON-RPC envelope.
    pub fn http_status(self, status: u16) {
        self.install(Action::Http {
            status,
            body: format!("Scripted HTTP {status}"),
        });
    }

    /// Answers `response` without running the method.
    pub fn respond(self, response: M::Response)
    where
        M::Response: Wire,
    {
        let result = serde_json::to_value(Canonical(&response)).unwrap_or(serde_json::Value::Null);
        self.install(Action::Respond(result));
    }

    fn install(self, action: Action) {
        let mut rule = Rule::new(M::NAME, action);
        if let Some(matcher) = self.matcher {
            rule = rule.matching(matcher);
        }
        if let Some(n) = self.times {
            rule = rule.times(n);
        }
        self.sandbox.add_rule(rule);
    }
}
