//! The kit's methods on the builder and on a running sandbox.

use std::time::Duration;

use time::OffsetDateTime;

use super::{Collection, RecordedCall, Rule, SeedError, seed};
use crate::server::{RunningSandbox, SandboxBuilder};
use crate::state::Record;

impl SandboxBuilder {
    /// Adds `record` to `collection` when the sandbox starts, replacing a seeded record with the
    /// same identifier. Records are JSON objects in the shape the API returns them.
    pub fn seed(mut self, collection: Collection, record: Record) -> Self {
        self.seed_plan_mut().records.push((collection, record));
        self
    }

    /// Starts from an empty store: none of the documented seed records, only what
    /// [`SandboxBuilder::seed`] adds.
    pub fn without_default_seed(mut self) -> Self {
        self.seed_plan_mut().without_default = true;
        self
    }
}

impl RunningSandbox {
    /// Every JSON-RPC call received so far, oldest first.
    pub fn raw_calls(&self) -> Vec<RecordedCall> {
        self.app().kit().calls.all()
    }

    /// The calls to the method sent as `wire_name`, oldest first.
    pub fn raw_calls_to(&self, wire_name: &str) -> Vec<RecordedCall> {
        self.app().kit().calls.to(wire_name)
    }

    /// How many calls to `wire_name` arrived.
    pub fn raw_count(&self, wire_name: &str) -> usize {
        self.app().kit().calls.count(wire_name)
    }

    /// Forgets the calls received so far (after setting up state through the API, say).
    pub fn clear_calls(&self) {
        self.app().kit().calls.clear();
    }

    /// Adds a scripted rule after the existing ones; the first rule matching a call answers it.
    pub fn add_rule(&self, rule: Rule) {
        self.app().kit().script.push(rule);
    }

    /// Removes every scripted rule.
    pub fn clear_rules(&self) {
        self.app().kit().script.clear();
    }

    /// How many scripted rules still have answers to give.
    pub fn pending_rules(&self) -> usize {
        self.app().kit().script.pending()
    }

    /// Moves the sandbox's clock forward: sessions older than their lifetime expire, and every
    /// date the methods compute ("today", order dates, proposal dates) moves on.
    pub fn advance(&self, by: Duration) {
        self.app().kit().clock.advance(by);
    }

    /// The sandbox's current UTC time (the real time plus every [`RunningSandbox::advance`]).
    pub fn now(&self) -> OffsetDateTime {
        self.app().kit().clock.now()
    }

    /// The sandbox's current UTC date, `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        crate::time::write_date(self.now().date())
    }

    /// The record `key` of `collection` as the methods now see it.
    pub fn raw_record(&self, collection: Collection, key: &str) -> Option<Record> {
        seed::get(&self.app().state().read(), collection, key)
    }

    /// Every record of `collection`, ordered by identifier.
    pub fn raw_records(&self, collection: Collection) -> Vec<Record> {
        seed::all(&self.app().state().read(), collection)
    }

    /// Adds or replaces a record while the sandbox runs.
    pub fn raw_insert(&self, collection: Collection, record: Record) -> Result<(), SeedError> {
        seed::insert(&mut self.app().state().write(), collection, record)
    }
}
