//! Fault injection: slow answers, JSON-RPC failures and HTTP 500s on a fixed rhythm, so clients'
//! retry and error paths can be exercised deterministically.

use std::time::Duration;

use crate::rpc::RpcError;

/// Which faults to inject. Counting is over every HTTP request the sandbox receives, from 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    /// Every Nth request answers a JSON-RPC error `INTERNAL_ERROR` (after decoding the request,
    /// so the id is echoed).
    pub fail_every: Option<u64>,
    /// Every Nth request answers HTTP 500 with a plain-text body, before any JSON-RPC handling.
    pub http_500_every: Option<u64>,
    /// Every answer is delayed by this much.
    pub latency: Duration,
}

/// What a fault does to request number `n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Injected {
    /// Answer HTTP 500.
    Http500,
    /// Answer this JSON-RPC error.
    RpcError(RpcError),
}

impl Faults {
    /// The fault for request number `n` (1-based), if any. An HTTP 500 wins over an RPC error
    /// when both rhythms hit the same request.
    pub fn for_request(&self, n: u64) -> Option<Injected> {
        let hits =
            |every: Option<u64>| every.is_some_and(|every| every > 0 && n.is_multiple_of(every));
        if hits(self.http_500_every) {
            Some(Injected::Http500)
        } else if hits(self.fail_every) {
            Some(Injected::RpcError(RpcError::business(
                "INTERNAL_ERROR",
                format!(
                    "Injected failure: request {n} (every {} requests fail)",
                    self.fail_every.unwrap_or(0)
                ),
            )))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rhythm() {
        let faults = Faults {
            fail_every: Some(3),
            http_500_every: Some(5),
            latency: Duration::ZERO,
        };
        let kinds: Vec<Option<bool>> = (1..=15)
            .map(|n| faults.for_request(n).map(|f| f == Injected::Http500))
            .collect();
        assert_eq!(kinds[2], Some(false));
        assert_eq!(kinds[4], Some(true));
        assert_eq!(kinds[14], Some(true));
        assert_eq!(kinds[0], None);
        assert_eq!(Faults::default().for_request(7), None);
    }
}
