//! A local server speaking the documented 2Checkout (Avangate / Verifone) JSON-RPC protocol.
//!
//! The sandbox serves the JSON-RPC 6.0 (`/rpc/6.0/`, which also carries the Channel Manager 6.0
//! methods), legacy 3.0 (`/rpc/3.0/`) and Channel Manager 2.1 (`/channel-manager/2.1/rpc/`)
//! endpoints. It knows its methods from the API spec compiled into it, checks `login` hashes
//! (HMAC-MD5, SHA-256, SHA3-256), expires sessions, enforces the partner context, validates
//! params against the spec and keeps seeded records in memory, so clients can be exercised end
//! to end without touching the real API.
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
mod methods;
mod rpc;
mod server;
mod sessions;
mod spec;
mod state;
mod time;
mod validate;

pub use app::{Endpoint, Stats};
pub use faults::Faults;
pub use server::{
    DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MERCHANT_CODE, DEFAULT_SECRET_KEY, DEFAULT_SESSION_LIFETIME,
    RunningSandbox, Sandbox, SandboxBuilder, StartError,
};
pub use spec::embedded as embedded_spec;

/// The current UTC time in the login date format (`YYYY-MM-DD HH:MM:SS`), for clients that build
/// a login by hand.
pub fn login_date_now() -> String {
    time::login_date(time::now_unix())
}
