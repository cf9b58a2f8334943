//! Test your own 2Checkout integration against the local sandbox, with the generated types.
//!
//! The sandbox ([`twocheckout_sandbox`]) speaks the documented JSON-RPC protocol on a loopback
//! port; this crate adds the typed layer a test of *your* billing code needs:
//!
//! - **Seeding** ([`SeedExt`]): put your products (with their pricing configurations),
//!   customers, subscriptions, orders, promotions, partners, resellers and proposals into the
//!   sandbox, built with the same builders you call the API with, or read them from a JSON
//!   fixture file of the same shapes ([`SeedExt::fixture`]). Without any, the sandbox holds the
//!   documentation's sample records.
//! - **Inspection** ([`InspectExt`]): every call your code made, decoded into the request type
//!   it built (`sandbox.calls::<PlaceOrder>()`), with the session and partner it came with;
//!   counts; the current state of any record (`sandbox.subscription("REF")`).
//! - **Scripted answers** ([`InspectExt::script`]): for one method, optionally only for the
//!   requests a predicate picks, answer with a documented error, a delay, an HTTP fault or a
//!   response you give, once or n times, then behave normally.
//! - **Time** ([`RunningSandbox::advance`]): move the sandbox's clock forward to expire
//!   sessions or let dates come due, without sleeping.
//! - **Isolation**: each sandbox has its own port, records, calls, rules and clock; start as
//!   many as the tests need, in parallel (a start takes about a millisecond, see
//!   `BENCHMARKS.md`). [`SandboxBuilder::start_blocking`] serves one from its own runtime for
//!   tests of blocking code.
//!
//! ```no_run
//! use twocheckout::{RenewSubscription, Subscription};
//! use twocheckout_testkit::{InspectExt, Sandbox, SeedExt};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = Sandbox::builder()
//!     .without_default_seed()
//!     .subscription(Subscription::builder().subscription_reference("SUB1").build())
//!     .start()
//!     .await?;
//! sandbox
//!     .script::<RenewSubscription>()
//!     .when(|renewal| renewal.subscription_reference == "SUB1")
//!     .fail("INVALID_REFERENCE");
//! // … run the code under test against sandbox.rpc6_url() …
//! for call in sandbox.calls::<RenewSubscription>()? {
//!     println!("{} renewed for {} days", call.request.subscription_reference, call.request.days);
//! }
//! # Ok(())
//! # }
//! ```

mod inspect;
mod script;
mod seed;

pub use inspect::{Call, InspectExt, KitError};
pub use script::ScriptBuilder;
pub use seed::{FixtureError, SeedExt, Seedable};

pub use twocheckout_sandbox::{
    BlockingSandbox, Collection, Endpoint, Outcome, RunningSandbox, Sandbox, SandboxBuilder,
};
