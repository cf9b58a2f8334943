//! A sandbox for tests without an async runtime: it serves from a runtime of its own, so the
//! blocking client (and any synchronous code) can be tested against it.

use std::fmt;
use std::ops::Deref;

use tokio::runtime::Runtime;

use crate::server::{RunningSandbox, SandboxBuilder, StartError};

/// A running sandbox that owns the runtime serving it. Everything a [`RunningSandbox`] offers
/// (URLs, calls, scripts, records, the clock) is reachable through `Deref`. Dropping it stops
/// the server and its runtime.
pub struct BlockingSandbox {
    // Declared first, so it is dropped (stopping the server) before the runtime shuts down.
    sandbox: RunningSandbox,
    runtime: Runtime,
}

impl fmt::Debug for BlockingSandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingSandbox")
            .field("sandbox", &self.sandbox)
            .finish_non_exhaustive()
    }
}

impl SandboxBuilder {
    /// Starts the sandbox on a one-thread runtime of its own, for tests that do not run one.
    /// Must not be called from inside an async runtime.
    pub fn start_blocking(self) -> Result<BlockingSandbox, StartError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("twocheckout-sandbox")
            .enable_io()
            .enable_time()
            .build()
            .map_err(StartError::Runtime)?;
        let sandbox = runtime.block_on(self.start())?;
        Ok(BlockingSandbox { sandbox, runtime })
    }
}

impl BlockingSandbox {
    /// The runtime serving the sandbox, to run async code next to it.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }
}

impl Deref for BlockingSandbox {
    type Target = RunningSandbox;

    fn deref(&self) -> &RunningSandbox {
        &self.sandbox
    }
}
