//! A local server speaking the documented 2Checkout (Avangate / Verifone) JSON-RPC protocol.
//!
//! The sandbox serves the JSON-RPC 6.0 (`/rpc/6.0/`, which also carries the Channel Manager 6.0
//! methods), legacy 3.0 (`/rpc/3.0/`) and Channel Manager 2.1 (`/channel-manager/2.1/rpc/`)
//! endpoints. It knows its methods from the API spec compiled into it, checks `login` hashes
//! (HMAC-MD5, SHA-256, SHA3-256), expires sessions, enforces the partner context, validates
//! params against the spec and keeps seeded records in memory, so clients can be exercised end
//! to end without touching the real API.
//!
//! # What it answers
//!
//! - Envelope: `{"jsonrpc":"2.0","id":…,"result":…}`, or `"error": {"code", "message",
//!   "data": {"error_code"}}` with the JSON-RPC codes -32700 (not JSON), -32600 (not a request
//!   object, `params` not an array) and -32601 (no such method on this endpoint).
//! - `login(merchantCode, date, hash[, algo])`: HMAC-MD5 with three params, `sha256` or
//!   `SHA3-256` (any case) with four; the date must be UTC `YYYY-MM-DD HH:MM:SS` within 15
//!   minutes of the server's clock. Failures are code 10000 `AUTHENTICATION_FAILED`.
//! - Sessions: unknown id 10001 `INVALID_SESSION`, past its lifetime 10002 `SESSION_EXPIRED`.
//! - Channel Manager 2.1 `#[partner]` methods without `setPartner` on the session:
//!   `NOT_FOUND_PARTNER`; `setPartner` with an unknown partner: `INVALID_PARTNER`.
//! - Params are checked against the spec: a missing required param or field answers the code the
//!   method documents for it, else `MISSING_PARAMETER`, with the message
//!   `Missing required parameter: Name`; a wrong type, enum value, union tag or arity answers
//!   `INVALID_PARAMETER` naming the path (`Reseller.Email`, `ChurnReasons[0]`).
//! - Business errors carry the documented code in both `code` and `data.error_code`, and the
//!   spec's meaning as the message. Where the docs name no code, the sandbox uses a descriptive
//!   one: `PRODUCT_NOT_FOUND`, `INVALID_PRODUCT`, `INVALID_SUBSCRIPTION_REFERENCE`,
//!   `INVALID_CUSTOMER_REFERENCE`, `INVALID_REFERENCE`, `INVALID_CAMPAIGN_CODE`,
//!   `INVALID_CURRENCY`, `INVALID_PRICE_OPTIONS`, `INVALID_PRICE_OPTION_GROUP`,
//!   `DUPLICATE_PRICE_OPTION_GROUP`, `INVALID_PRICING_CONFIGURATION`, `PROPOSAL_NOT_FOUND`,
//!   `INVALID_PROPOSAL_ACTION`.
//! - A spec method the sandbox has no behaviour for validates its params, then answers
//!   `NOT_AVAILABLE_IN_SANDBOX`.
//! - Injected faults (see [`Faults`]): `INTERNAL_ERROR` answers, HTTP 500s, added latency, and
//!   random faults from a seeded generator ([`RandomFaults`], kinds in [`FaultKind`]).
//! - A [`Ledger`] of what was really executed, per request, for tests to check clients against.
//!
//! # Seeded records
//!
//! The identifiers of the documentation's samples: partner `Test Avangate` (and `Second
//! Partner`), resellers `Q6WSZXXAA7` and `DB6F1A946E` (and twelve more, so pages mean
//! something), partner orders `731522351` (reseller `DB6F1A946E` attached) and `731522353` (none),
//! a BRL order `731522352`, products `NewProdCodeAPI12345`, `NewProdCodeAPI12345_PRO` and
//! `my_subscription_1`, subscriptions `30E47F8699`, `XYZ23GHUJK` and twelve more, customers
//! `258075058` and `141589723`, price option groups `SUPPORT` and `USERS`, three cross-sell
//! campaigns, and proposals `0573e71d-38bb-4d61-88ca-b3c557517c68` (opened) and
//! `6b1f0a52-4c6e-4f6a-9d55-2f3c8a9e7b10` (sent). Records are JSON objects: fields the sandbox
//! does not know are stored and returned as sent.
//!
//! # Test kit
//!
//! For tests of code that calls the API, each sandbox can be seeded with the test's own records
//! ([`SandboxBuilder::seed`], [`SandboxBuilder::without_default_seed`]), script answers for
//! chosen calls ([`RunningSandbox::add_rule`]), list every call it received with its session,
//! partner and exact params ([`RunningSandbox::raw_calls`]), read any record
//! ([`RunningSandbox::raw_record`]) and move its own clock ([`RunningSandbox::advance`]); see
//! [`kit`]. [`SandboxBuilder::start_blocking`] serves one for tests without an async runtime.
//! The `twocheckout-testkit` crate does the same with the generated types.
//!
//! ```no_run
//! # async fn demo() -> Result<(), twocheckout_sandbox::StartError> {
//! let sandbox = twocheckout_sandbox::Sandbox::builder().start().await?;
//! println!("JSON-RPC 6.0 at {}", sandbox.rpc6_url());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod app;
pub mod auth;
pub mod cli;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
pub mod kit;
mod ledger;
mod methods;
mod money;
mod rpc;
mod server;
mod sessions;
mod spec;
mod state;
mod time;
mod validate;

pub use app::{Endpoint, Stats};
pub use faults::{FaultKind, FaultKinds, Faults, RandomFaults};
pub use kit::{Action, BlockingSandbox, Collection, Outcome, RecordedCall, Rule, SeedError};
pub use ledger::{Ledger, LedgerEntry};
pub use server::{
    DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MERCHANT_CODE, DEFAULT_SECRET_KEY, DEFAULT_SESSION_LIFETIME,
    RunningSandbox, Sandbox, SandboxBuilder, StartError,
};
pub use spec::embedded as embedded_spec;

/// The current UTC time in the login date format (`YYYY-MM-DD HH:MM:SS`), for clients that build
/// a login by hand.
pub fn login_date_now() -> String {
    time::login_date(time::now())
}
