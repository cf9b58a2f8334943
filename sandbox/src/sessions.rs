//! Login sessions: random ids with a fixed lifetime and an optional partner context.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::rpc::RpcError;

/// What a request learns about its session.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The session id: the key of what the server keeps per session (the Channel Manager 2.1
    /// cart, the partner invoice chosen for payment).
    pub id: String,
    /// The partner set with `setPartner`, if any.
    pub partner: Option<String>,
}

struct Session {
    expires_at: Instant,
    partner: Option<String>,
}

/// Every session handed out, expired ones included (so an old id answers `SESSION_EXPIRED`
/// rather than `INVALID_SESSION`, as the API does).
pub struct Sessions {
    lifetime: Duration,
    by_id: Mutex<HashMap<String, Session>>,
}

/// Expired sessions are forgotten this long after they expire, to bound memory.
const FORGET_AFTER: Duration = Duration::from_secs(3_600);

impl Sessions {
    /// A store whose sessions last `lifetime` from login.
    pub fn new(lifetime: Duration) -> Self {
        Sessions {
            lifetime,
            by_id: Mutex::new(HashMap::new()),
        }
    }

    /// Opens a session and returns its id.
    pub fn open(&self) -> String {
        let id = new_id();
        let now = crate::time::instant_now();
        let mut sessions = self
            .by_id
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        sessions.retain(|_, s| s.expires_at + FORGET_AFTER > now);
        sessions.insert(
            id.clone(),
            Session {
                expires_at: now + self.lifetime,
                partner: None,
            },
        );
        id
    }

    /// Checks a session id: unknown → `INVALID_SESSION`, too old → `SESSION_EXPIRED`.
    pub fn check(&self, id: &str) -> Result<SessionInfo, RpcError> {
        let sessions = self
            .by_id
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let session = sessions.get(id).ok_or_else(RpcError::invalid_session)?;
        if crate::time::instant_now() >= session.expires_at {
            return Err(RpcError::session_expired());
        }
        Ok(SessionInfo {
            id: id.to_owned(),
            partner: session.partner.clone(),
        })
    }

    /// Ends a session now, as if its lifetime had run out: later checks answer
    /// `SESSION_EXPIRED`. Unknown ids are ignored.
    pub fn expire(&self, id: &str) {
        let mut sessions = self
            .by_id
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(session) = sessions.get_mut(id) {
            session.expires_at = crate::time::instant_now();
        }
    }

    /// The partner set on session `id`, if the session exists and has one.
    pub fn partner_of(&self, id: &str) -> Option<String> {
        self.by_id
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(id)
            .and_then(|session| session.partner.clone())
    }

    /// Sets the partner context of a live session.
    pub fn set_partner(&self, id: &str, partner: &str) -> Result<(), RpcError> {
        let mut sessions = self
            .by_id
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let session = sessions.get_mut(id).ok_or_else(RpcError::invalid_session)?;
        if crate::time::instant_now() >= session.expires_at {
            return Err(RpcError::session_expired());
        }
        session.partner = Some(partner.to_string());
        Ok(())
    }
}

/// 32 hex digits from the thread-local generator: unguessable enough for a local test server.
fn new_id() -> String {
    format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_live_then_expire() {
        let sessions = Sessions::new(Duration::from_millis(50));
        let id = sessions.open();
        assert_eq!(sessions.check(&id).map(|s| s.partner), Ok(None));
        sessions
            .set_partner(&id, "Test Avangate")
            .expect("live session");
        assert_eq!(
            sessions.check(&id).map(|s| s.partner),
            Ok(Some("Test Avangate".into()))
        );
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(
            sessions.check(&id).map(|_| ()),
            Err(RpcError::session_expired())
        );
        assert_eq!(
            sessions.check("nope").map(|_| ()),
            Err(RpcError::invalid_session())
        );
    }

    #[test]
    fn expired_on_demand() {
        let sessions = Sessions::new(Duration::from_secs(600));
        let id = sessions.open();
        let other = sessions.open();
        sessions.expire(&id);
        sessions.expire("unknown");
        assert_eq!(
            sessions.check(&id).err().map(|e| e.error_code).as_deref(),
            Some("SESSION_EXPIRED")
        );
        assert!(sessions.check(&other).is_ok());
    }

    #[test]
    fn ids_are_distinct() {
        let sessions = Sessions::new(Duration::from_secs(60));
        assert_ne!(sessions.open(), sessions.open());
    }
}
