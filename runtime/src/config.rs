//! Tunables of a client: timeouts, retries and session lifetime.

use std::time::Duration;

/// The documented lifetime of a session id ("expires in 10 minutes").
pub const SESSION_LIFETIME: Duration = Duration::from_secs(600);

/// How long before the documented expiry a session is renewed, unless configured otherwise.
pub const DEFAULT_RENEWAL_MARGIN: Duration = Duration::from_secs(60);

/// Default limit for establishing a TCP + TLS connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default limit for one HTTP exchange, from sending the request to the last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Default cap on a response body, so a misbehaving server cannot exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// When and how often a retry-safe call is sent again after a transport error or an HTTP 5xx.
///
/// Calls whose method is not retry-safe ([`crate::Method::RETRY_SAFE`] false) are never
/// repeated, whatever this policy says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first included (1 disables retries).
    pub max_attempts: u32,
    /// Backoff before the second attempt; it doubles for each later one.
    pub base_backoff: Duration,
    /// Upper bound of one backoff.
    pub max_backoff: Duration,
    /// No retry starts once this much time has passed since the first attempt began.
    pub total_budget: Duration,
}

impl RetryPolicy {
    /// A policy that sends every call once.
    pub const NONE: Self = Self {
        max_attempts: 1,
        base_backoff: Duration::ZERO,
        max_backoff: Duration::ZERO,
        total_budget: Duration::ZERO,
    };

    /// The delay before attempt `next` (2 for the first retry): exponential, capped, with
    /// "equal jitter" (half fixed, half random) so clients that failed together spread out.
    pub fn backoff(&self, next: u32) -> Duration {
        let doublings = next.saturating_sub(2).min(31);
        let exponential = self
            .base_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        let half = exponential / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=jitter_nanos))
    }
}

impl Default for RetryPolicy {
    /// 3 attempts, 200 ms then 400 ms (± jitter), at most 5 s each, within 30 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            total_budget: Duration::from_secs(30),
        }
    }
}

/// Session handling settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SessionSettings {
    /// How long the server keeps a session.
    pub(crate) lifetime: Duration,
    /// Renew this long before `lifetime` runs out.
    pub(crate) renewal_margin: Duration,
}

impl SessionSettings {
    /// How long a fresh session is used before a new login.
    pub(crate) fn usable_for(&self) -> Duration {
        self.lifetime.saturating_sub(self.renewal_margin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            total_budget: Duration::from_secs(10),
        };
        for _ in 0..100 {
            let first = policy.backoff(2);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let second = policy.backoff(3);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
            let capped = policy.backoff(9);
            assert!(capped >= Duration::from_millis(175) && capped <= Duration::from_millis(350));
            assert!(policy.backoff(u32::MAX) <= Duration::from_millis(350));
        }
    }
}
