//! The session cache of one client handle: lazy login, renewal before expiry, single-flight.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use tokio::time::Instant;

use crate::core::Core;
use crate::error::Error;
use crate::method::Method;
use crate::secret::SessionId;

/// A session id with the bookkeeping needed to renew or replace it.
#[derive(Clone)]
pub(crate) struct Session {
    pub(crate) id: SessionId,
    /// Increases with every login on this cell, so a stale failure cannot drop a newer session.
    pub(crate) generation: u64,
    renew_at: Instant,
}

/// Cached session of one handle, plus the partner the session is bound to (Channel Manager).
///
/// The server keeps the partner chosen by `setPartner` on the session, so each partner code
/// has a cell (and so a session) of its own: two partners never share a session, and a
/// session is published only after its `setPartner` succeeded.
pub(crate) struct SessionCell {
    current: Mutex<Option<Session>>,
    /// Held while logging in, so concurrent callers on a cold or expired cell wait for one
    /// login instead of each making their own.
    login_gate: tokio::sync::Mutex<LoginState>,
    /// Login attempts finished so far (mirrors `LoginState::attempts`, readable without the
    /// gate so a caller can note it before waiting).
    finished_logins: AtomicU64,
    partner: Option<String>,
    /// A cart's cell: it logs in once and never replaces that session, since the cart lives in
    /// it (see [`SessionCell::pinned`]).
    pinned: bool,
}

/// Bookkeeping guarded by the login gate.
#[derive(Default)]
struct LoginState {
    /// Login attempts finished, successful or not.
    attempts: u64,
    /// Sessions published so far; the newest one's generation.
    generation: u64,
    /// The error of the last attempt, if it failed, with that attempt's number. Callers that
    /// were already waiting when it ran get a copy instead of sending another login: with a
    /// wrong key, 64 concurrent calls make one failed login, not 64.
    failure: Option<(u64, Error)>,
}

impl SessionCell {
    /// An empty cell; `partner` is sent with `setPartner` after every login.
    pub(crate) fn new(partner: Option<String>) -> Self {
        Self {
            current: Mutex::new(None),
            login_gate: tokio::sync::Mutex::new(LoginState::default()),
            finished_logins: AtomicU64::new(0),
            partner,
            pinned: false,
        }
    }

    /// A cell of its own for one cart of `partner`: the first call logs in (and sets the
    /// partner); that session is used until the documented lifetime runs out and is never
    /// renewed or replaced. Once it ended, every call fails with
    /// [`Error::CartSessionLost`] instead of silently moving the cart to a new, empty session.
    pub(crate) fn pinned(partner: String) -> Self {
        Self {
            pinned: true,
            ..Self::new(Some(partner))
        }
    }

    /// Whether this is a cart's cell.
    pub(crate) fn is_pinned(&self) -> bool {
        self.pinned
    }

    /// The partner code this cell's sessions are bound to.
    pub(crate) fn partner(&self) -> Option<&str> {
        self.partner.as_deref()
    }

    /// A usable session: the cached one while it is fresh, otherwise the result of one login
    /// shared by every caller waiting at the same time.
    pub(crate) async fn get<M: Method>(&self, core: &Core) -> Result<Session, Error> {
        if let Some(session) = self.fresh() {
            return Ok(session);
        }
        let seen = self.finished_logins.load(Ordering::Acquire);
        let mut state = self.login_gate.lock().await;
        // Whoever held the gate before us may have logged in already…
        if let Some(session) = self.fresh() {
            return Ok(session);
        }
        // …or failed to, in an attempt that finished while we waited.
        if let Some((attempt, error)) = &state.failure
            && *attempt > seen
        {
            return Err(error.duplicate());
        }
        // A cart's session is made once: after it, a missing or stale session means the cart
        // is gone, and a new login would only hide that.
        if self.pinned && state.generation > 0 {
            return Err(Error::CartSessionLost {
                method: M::NAME,
                reason: "expired or was rejected by the server".to_owned(),
            });
        }
        let started = Instant::now();
        let outcome = core.login(self.partner()).await;
        state.attempts += 1;
        self.finished_logins
            .store(state.attempts, Ordering::Release);
        let id = match outcome {
            Ok(id) => id,
            Err(error) => {
                state.failure = Some((state.attempts, error.duplicate()));
                return Err(error);
            }
        };
        state.failure = None;
        state.generation += 1;
        // A cart's session is kept to the end of its lifetime (it cannot be renewed); the
        // others are renewed a margin before.
        let usable_for = if self.pinned {
            core.sessions.lifetime
        } else {
            core.sessions.usable_for()
        };
        let session = Session {
            id,
            generation: state.generation,
            renew_at: started + usable_for,
        };
        *self.lock() = Some(session.clone());
        Ok(session)
    }

    /// Forgets the session of `generation` after the server rejected it. A newer session
    /// (logged in by a concurrent caller) is kept.
    pub(crate) fn invalidate(&self, generation: u64) {
        let mut current = self.lock();
        if current.as_ref().is_some_and(|s| s.generation == generation) {
            *current = None;
        }
    }

    fn fresh(&self) -> Option<Session> {
        self.lock()
            .as_ref()
            .filter(|s| Instant::now() < s.renew_at)
            .cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Session>> {
        // The guarded value is a plain Option written in one statement: never half-updated.
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
