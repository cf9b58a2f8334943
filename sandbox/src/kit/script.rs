//! Scripted answers: for one method, optionally only for calls a predicate picks, answer with
//! an error, a delay, an HTTP fault or a given result, a number of times, then behave normally.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use serde_json::value::RawValue;

/// Picks the calls a rule applies to, from their params (after the session id).
pub type Matcher = Arc<dyn Fn(&[&RawValue]) -> bool + Send + Sync>;

/// What a scripted rule answers instead of the normal behaviour.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A business error: `code` in both `code` and `data.error_code`; the message is the
    /// meaning the spec documents for the code on that method when `message` is `None`.
    Error {
        /// The documented code (`INVALID_REFERENCE`, `CARD_PAYMENT_ERROR`, …).
        code: String,
        /// The message, or `None` for the documented meaning.
        message: Option<String>,
    },
    /// Answer normally, but only after this long (the call takes effect at once: a client that
    /// times out has still made it).
    Delay(Duration),
    /// An HTTP error status with a plain-text body, no JSON-RPC envelope.
    Http {
        /// The status code (500, 502, 503, …).
        status: u16,
        /// The body.
        body: String,
    },
    /// A JSON-RPC result with this value, without running the method.
    Respond(Value),
}

/// One scripted rule.
#[derive(Clone)]
pub struct Rule {
    /// The method's wire name.
    pub method: String,
    /// Only calls this accepts; every call to the method when `None`.
    pub matcher: Option<Matcher>,
    /// What to answer.
    pub action: Action,
    /// How many more calls it answers; `None` for every one.
    pub remaining: Option<u64>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("method", &self.method)
            .field("matcher", &self.matcher.as_ref().map(|_| "<predicate>"))
            .field("action", &self.action)
            .field("remaining", &self.remaining)
            .finish()
    }
}

impl Rule {
    /// A rule answering every call to `method` with `action`.
    pub fn new(method: impl Into<String>, action: Action) -> Self {
        Rule {
            method: method.into(),
            matcher: None,
            action,
            remaining: None,
        }
    }

    /// Only for the calls `matcher` accepts.
    pub fn matching(mut self, matcher: Matcher) -> Self {
        self.matcher = Some(matcher);
        self
    }

    /// For the next `n` matching calls only.
    pub fn times(mut self, n: u64) -> Self {
        self.remaining = Some(n);
        self
    }
}

/// The rules of one sandbox, tried in the order they were added.
#[derive(Debug, Default)]
pub struct Script {
    rules: Mutex<Vec<Rule>>,
}

impl Script {
    /// Adds a rule after the existing ones.
    pub fn push(&self, rule: Rule) {
        self.lock().push(rule);
    }

    /// Forgets every rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// How many rules still have answers to give.
    pub fn pending(&self) -> usize {
        self.lock().len()
    }

    /// The action for a call to `method` with `params`, using up one answer of the first rule
    /// that matches. A rule whose answers are used up is removed.
    pub fn take(&self, method: &str, params: &[&RawValue]) -> Option<Action> {
        let mut rules = self.lock();
        let index = rules.iter().position(|rule| {
            rule.method == method
                && rule.remaining != Some(0)
                && rule.matcher.as_ref().is_none_or(|matches| matches(params))
        })?;
        let rule = &mut rules[index];
        let action = rule.action.clone();
        if let Some(remaining) = rule.remaining.as_mut() {
            *remaining -= 1;
            if *remaining == 0 {
                rules.remove(index);
            }
        }
        Some(action)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        // Rules are replaced whole; a poisoned lock holds no half-made rule.
        self.rules
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_string()).unwrap()
    }

    #[test]
    fn rules_answer_n_times_then_fall_back() {
        let script = Script::default();
        let fail = Action::Error {
            code: "INVALID_REFERENCE".into(),
            message: None,
        };
        let only_b: Matcher = Arc::new(|params| params.first().is_some_and(|p| p.get() == "\"B\""));
        script.push(
            Rule::new("renewSubscription", fail.clone())
                .matching(only_b)
                .times(2),
        );
        let a = raw("\"A\"");
        let b = raw("\"B\"");
        assert_eq!(script.take("renewSubscription", &[&a]), None);
        assert_eq!(script.take("getSubscription", &[&b]), None);
        assert_eq!(script.take("renewSubscription", &[&b]), Some(fail.clone()));
        assert_eq!(script.pending(), 1);
        assert_eq!(script.take("renewSubscription", &[&b]), Some(fail));
        assert_eq!(script.take("renewSubscription", &[&b]), None);
        assert_eq!(script.pending(), 0);
    }

    #[test]
    fn earlier_rules_win_and_unlimited_rules_stay() {
        let script = Script::default();
        script.push(Rule::new("m", Action::Respond(Value::Bool(true))).times(1));
        script.push(Rule::new("m", Action::Delay(Duration::from_millis(5))));
        assert_eq!(
            script.take("m", &[]),
            Some(Action::Respond(Value::Bool(true)))
        );
        for _ in 0..3 {
            assert_eq!(
                script.take("m", &[]),
                Some(Action::Delay(Duration::from_millis(5)))
            );
        }
        script.clear();
        assert_eq!(script.take("m", &[]), None);
    }
}
