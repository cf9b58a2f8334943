//! The sandbox's own clock: the real UTC time plus an offset a test moves forward, so sessions
//! expire and dates come due without sleeping.
//!
//! Each sandbox keeps its own offset. While a sandbox answers a request, its offset is installed
//! for the answering thread ([`Clock::enter`]); every date the methods read
//! ([`crate::time::now`]) and every session deadline goes through [`offset`], so sandboxes
//! running side by side in one process never see each other's time.

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use time::OffsetDateTime;

thread_local! {
    /// The offset of the sandbox answering on this thread, in milliseconds.
    static CURRENT: Cell<u64> = const { Cell::new(0) };
}

/// How far the sandbox's clock is ahead of the real one.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicU64,
}

impl Clock {
    /// Moves the clock forward by `by` (saturating at about 584 million years).
    pub fn advance(&self, by: Duration) {
        let by = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let mut current = self.offset_ms.load(Ordering::Relaxed);
        loop {
            let next = current.saturating_add(by);
            match self.offset_ms.compare_exchange_weak(
                current,
                next,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return,
                Err(seen) => current = seen,
            }
        }
    }

    /// How far ahead of the real clock this one is.
    pub fn offset(&self) -> Duration {
        Duration::from_millis(self.offset_ms.load(Ordering::Relaxed))
    }

    /// The sandbox's current UTC time.
    pub fn now(&self) -> OffsetDateTime {
        shifted(OffsetDateTime::now_utc(), self.offset())
    }

    /// Installs this clock's offset for the current thread until the guard is dropped.
    pub fn enter(&self) -> Entered {
        let previous =
            CURRENT.with(|current| current.replace(self.offset_ms.load(Ordering::Relaxed)));
        Entered { previous }
    }
}

/// Restores the previous offset of the thread when dropped.
#[derive(Debug)]
pub struct Entered {
    previous: u64,
}

impl Drop for Entered {
    fn drop(&mut self) {
        CURRENT.with(|current| current.set(self.previous));
    }
}

/// The offset of the sandbox answering on this thread (zero outside a request).
pub fn offset() -> Duration {
    Duration::from_millis(CURRENT.with(Cell::get))
}

/// `at` moved forward by `by`; `at` itself when that would pass the last date `time` holds.
pub fn shifted(at: OffsetDateTime, by: Duration) -> OffsetDateTime {
    let by = time::Duration::try_from(by).unwrap_or(time::Duration::MAX);
    at.checked_add(by).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_only_this_clock_and_only_inside_enter() {
        let clock = Clock::default();
        let other = Clock::default();
        clock.advance(Duration::from_secs(86_400));
        assert_eq!(clock.offset(), Duration::from_secs(86_400));
        assert_eq!(other.offset(), Duration::ZERO);
        assert_eq!(offset(), Duration::ZERO);
        {
            let _entered = clock.enter();
            assert_eq!(offset(), Duration::from_secs(86_400));
            {
                let _inner = other.enter();
                assert_eq!(offset(), Duration::ZERO);
            }
            assert_eq!(offset(), Duration::from_secs(86_400));
        }
        assert_eq!(offset(), Duration::ZERO);
        let ahead = clock.now() - OffsetDateTime::now_utc();
        assert!(ahead >= time::Duration::hours(23), "{ahead}");
        clock.advance(Duration::MAX);
        assert_eq!(clock.offset(), Duration::from_millis(u64::MAX));
    }
}
