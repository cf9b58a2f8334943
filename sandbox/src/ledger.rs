//! The ledger: what the sandbox really did with each request it read, so tests can hold a
//! client's account of its calls against the server's.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use crate::faults::FaultKind;

/// One decoded request, as the sandbox handled it.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerEntry {
    /// The method's wire name.
    pub method: String,
    /// The request id, as sent.
    pub request_id: Value,
    /// The marker found in the params (see [`Ledger`]), naming the logical call.
    pub key: Option<String>,
    /// Whether the method ran to success: its effect took place (whatever the client then
    /// received).
    pub executed: bool,
    /// The random fault injected into this request, if any.
    pub fault: Option<FaultKind>,
}

/// The requests the sandbox read, in the order it finished them. Enabled with
/// [`crate::SandboxBuilder::ledger`]; read with [`crate::RunningSandbox::ledger`].
///
/// A logical call is named by a marker the client puts in its params: the first string
/// (searched depth first through arrays and objects) that starts with the ledger's prefix
/// becomes the entry's key. Sending the same call again (a retry, a re-send after a new login)
/// carries the same marker, so the executions of one logical call are counted together.
#[derive(Debug, Clone)]
pub struct Ledger {
    prefix: Arc<str>,
    entries: Arc<Mutex<Vec<LedgerEntry>>>,
}

/// How deep the marker search goes into the params.
const MAX_DEPTH: usize = 16;

impl Ledger {
    /// An empty ledger keying calls by strings that start with `prefix`.
    pub fn new(prefix: impl Into<String>) -> Self {
        Self {
            prefix: prefix.into().into(),
            entries: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// The marker of `params`: the first string starting with the prefix.
    pub fn key_of(&self, params: &[Value]) -> Option<String> {
        fn find(value: &Value, prefix: &str, depth: usize) -> Option<String> {
            if depth > MAX_DEPTH {
                return None;
            }
            match value {
                Value::String(s) if s.starts_with(prefix) => Some(s.clone()),
                Value::Array(items) => items.iter().find_map(|v| find(v, prefix, depth + 1)),
                Value::Object(fields) => fields.values().find_map(|v| find(v, prefix, depth + 1)),
                _ => None,
            }
        }
        if self.prefix.is_empty() {
            return None;
        }
        params.iter().find_map(|v| find(v, &self.prefix, 0))
    }

    /// Records one handled request.
    pub(crate) fn record(&self, entry: LedgerEntry) {
        self.lock().push(entry);
    }

    /// Every entry so far.
    pub fn entries(&self) -> Vec<LedgerEntry> {
        self.lock().clone()
    }

    /// The entries of the logical call `key`.
    pub fn for_key(&self, key: &str) -> Vec<LedgerEntry> {
        self.lock()
            .iter()
            .filter(|e| e.key.as_deref() == Some(key))
            .cloned()
            .collect()
    }

    /// How many times each keyed call was executed (keys seen but never executed count 0).
    pub fn executions_by_key(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for entry in self.lock().iter() {
            if let Some(key) = &entry.key {
                *counts.entry(key.clone()).or_insert(0) += usize::from(entry.executed);
            }
        }
        counts
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<LedgerEntry>> {
        // Entries are pushed whole: a poisoned lock still guards a consistent list.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn keys_are_found_anywhere_in_the_params() {
        let ledger = Ledger::new("mark-");
        assert_eq!(
            ledger.key_of(&[
                json!("session"),
                json!({"A": [1, {"B": "mark-7"}], "C": "mark-8"})
            ]),
            Some("mark-7".into())
        );
        assert_eq!(ledger.key_of(&[json!("mark"), json!(null)]), None);
        assert_eq!(Ledger::new("").key_of(&[json!("anything")]), None);
        let mut deep = json!("mark-deep");
        for _ in 0..40 {
            deep = json!([deep]);
        }
        assert_eq!(ledger.key_of(&[deep]), None);
    }

    #[test]
    fn executions_are_counted_per_key() {
        let ledger = Ledger::new("k");
        let entry = |key: &str, executed| LedgerEntry {
            method: "placeOrder".into(),
            request_id: json!(1),
            key: Some(key.into()),
            executed,
            fault: None,
        };
        ledger.record(entry("k1", false));
        ledger.record(entry("k1", true));
        ledger.record(entry("k2", false));
        let counts = ledger.executions_by_key();
        assert_eq!(counts["k1"], 1);
        assert_eq!(counts["k2"], 0);
        assert_eq!(ledger.for_key("k1").len(), 2);
        assert_eq!(ledger.entries().len(), 3);
    }
}
