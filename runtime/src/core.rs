//! What every handle of one client shares: the transport, the credentials and the policies,
//! and the call path (encode → send with retries → decode → re-login once on session errors).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use tokio::time::Instant;
use tracing::Instrument;

use crate::auth::{self, HashAlgorithm};
use crate::calls::{Login, NewSession, SetPartner};
use crate::config::{RetryPolicy, SessionSettings};
use crate::credentials::Credentials;
use crate::envelope::{self, Outcome, Reply, ReplyId, Request};
use crate::error::{Error, RpcError, excerpt};
use crate::method::Method;
use crate::secret::{SessionId, scrub};
use crate::session::SessionCell;
use crate::transport::{HttpReply, Transport};

/// Shared state of a client and all its handles.
pub(crate) struct Core {
    pub(crate) transport: Transport,
    pub(crate) credentials: Credentials,
    pub(crate) hash: HashAlgorithm,
    pub(crate) retry: RetryPolicy,
    pub(crate) sessions: SessionSettings,
    next_id: AtomicU64,
    /// One session cell per partner code, shared by every handle for that partner.
    partner_sessions: Mutex<HashMap<String, Arc<SessionCell>>>,
}

impl Core {
    pub(crate) fn new(
        transport: Transport,
        credentials: Credentials,
        hash: HashAlgorithm,
        retry: RetryPolicy,
        sessions: SessionSettings,
    ) -> Self {
        Self {
            transport,
            credentials,
            hash,
            retry,
            sessions,
            next_id: AtomicU64::new(1),
            partner_sessions: Mutex::new(HashMap::new()),
        }
    }

    /// The session cell of `partner_code`, created on first use.
    pub(crate) fn partner_session(&self, partner_code: String) -> Arc<SessionCell> {
        let mut cells = self
            .partner_sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let cell = cells
            .entry(partner_code)
            .or_insert_with_key(|code| Arc::new(SessionCell::new(Some(code.clone()))));
        Arc::clone(cell)
    }

    /// Sends `method` in the session of `cell`, logging in when needed. A call the server
    /// rejects for its session is sent once more after a fresh login (the server did not
    /// perform it, so this is safe even for methods that are not retry-safe), never twice.
    pub(crate) async fn call<M: Method>(
        &self,
        cell: &SessionCell,
        method: &M,
    ) -> Result<M::Response, Error> {
        if !M::SESSION {
            return self.send(method, None).await;
        }
        let session = cell.get::<M>(self).await?;
        match self.send(method, Some(&session.id)).await {
            Err(error) if error.is_session_error() && cell.is_pinned() => {
                // The cart lived in that session: logging in again would send the call to an
                // empty cart.
                cell.invalidate(session.generation);
                Err(Error::CartSessionLost {
                    method: M::NAME,
                    reason: format!("was rejected by the server ({error})"),
                })
            }
            Err(error) if error.is_session_error() => {
                tracing::debug!(method = M::NAME, "session rejected; logging in again");
                cell.invalidate(session.generation);
                let session = cell.get::<M>(self).await?;
                self.send(method, Some(&session.id)).await
            }
            other => other,
        }
    }

    /// Logs in with one timestamp for both the hash and the `date` param, then binds the new
    /// session to `partner` when given.
    pub(crate) async fn login(&self, partner: Option<&str>) -> Result<SessionId, Error> {
        let date = auth::login_timestamp(SystemTime::now());
        let code = self.credentials.merchant_code();
        let hash = auth::login_hash(
            self.hash,
            code,
            &date,
            self.credentials.secret_key().expose(),
        );
        let login = Login {
            merchant_code: code,
            date: &date,
            hash: &hash,
            algo: self.hash.wire_name(),
        };
        let NewSession(id) = self.send(&login, None).await?;
        let session = SessionId::new(id);
        if let Some(partner_code) = partner {
            self.send(&SetPartner { partner_code }, Some(&session))
                .await?;
        }
        Ok(session)
    }

    /// Sends one request, retrying transport failures, HTTP 5xx and 429 when `M` is retry-safe,
    /// and failures that certainly left the call unperformed (no connection) for every method.
    /// A 429's `Retry-After` replaces the backoff; a retry that would end past the policy's
    /// budget is not made.
    pub(crate) async fn send<M: Method>(
        &self,
        method: &M,
        session: Option<&SessionId>,
    ) -> Result<M::Response, Error> {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let request = Request {
            id,
            session,
            method,
        };
        let mut body = serde_json::to_vec(&request).map_err(Error::Encode)?;
        let span = tracing::debug_span!(
            "twocheckout.call",
            method = M::NAME,
            id,
            attempt = tracing::field::Empty,
            latency_ms = tracing::field::Empty
        );
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            span.record("attempt", attempt);
            // Keep a copy only while another attempt may follow; the last one takes the body.
            let payload = if M::RETRY_SAFE && attempt < self.retry.max_attempts {
                body.clone()
            } else {
                std::mem::take(&mut body)
            };
            let outcome = self
                .attempt::<M>(id, attempt, payload, session)
                .instrument(span.clone())
                .await;
            let error = match outcome {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            let retry = error.may_retry(M::RETRY_SAFE) && attempt < self.retry.max_attempts;
            if !retry {
                return Err(error);
            }
            // Only a retry-safe call keeps a copy of the body; another call is retried only when
            // it was certainly not performed, and is encoded again.
            if body.is_empty() {
                body = serde_json::to_vec(&request).map_err(Error::Encode)?;
            }
            attempt += 1;
            let delay = error
                .retry_after()
                .unwrap_or_else(|| self.retry.backoff(attempt));
            // `Retry-After` may ask for any delay: add without overflowing.
            if started.elapsed().saturating_add(delay) > self.retry.total_budget {
                return Err(error);
            }
            span.in_scope(|| {
                tracing::debug!(
                    error = %error,
                    backoff_ms = delay.as_millis() as u64,
                    "retrying after a transient failure"
                );
            });
            tokio::time::sleep(delay).await;
        }
    }

    /// One HTTP exchange and the decoding of its answer.
    async fn attempt<M: Method>(
        &self,
        id: u64,
        attempt: u32,
        body: Vec<u8>,
        session: Option<&SessionId>,
    ) -> Result<M::Response, Error> {
        let observed = self.transport.observers.start(M::NAME, id, attempt);
        let started = Instant::now();
        let result = self.transport.post(M::NAME, id, body).await;
        let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
        tracing::Span::current().record("latency_ms", latency_ms);
        match &result {
            Ok(reply) => tracing::debug!(latency_ms, status = reply.status, "answered"),
            Err(error) => tracing::debug!(latency_ms, error = %error, "failed"),
        }
        let status = result.as_ref().ok().map(|reply| reply.status);
        let outcome = result.and_then(|reply| interpret::<M>(reply, id, session));
        observed.finish(status, &outcome);
        outcome
    }
}

/// Reads an HTTP answer (`status`, `body`) to request `id` of `M` exactly as a call does: the
/// envelope, the echoed id, the typed decode and the errors. For fuzzing and tests; not part of
/// the public API.
pub fn read_answer<M: Method>(status: u16, body: Vec<u8>, id: u64) -> Result<M::Response, Error> {
    interpret::<M>(
        HttpReply {
            status,
            retry_after: None,
            body,
        },
        id,
        None,
    )
}

/// Turns an HTTP answer into the method's response or the matching error.
fn interpret<M: Method>(
    reply: HttpReply,
    id: u64,
    session: Option<&SessionId>,
) -> Result<M::Response, Error> {
    // The body of a login answer holds the new session id: never keep it in an error.
    let withhold = !M::SESSION;
    let secret = session.map(SessionId::expose);
    let body_excerpt = || {
        if withhold {
            "<withheld: login answers carry the session id>".to_owned()
        } else {
            excerpt(&reply.body, secret)
        }
    };
    if reply.status == 429 {
        return Err(Error::RateLimited {
            method: M::NAME,
            retry_after: reply.retry_after,
            excerpt: body_excerpt(),
        });
    }
    let success = (200..300).contains(&reply.status);
    let decoded = envelope::decode::<M::Response>(&reply.body);
    let Reply {
        id: echoed,
        outcome,
    } = match decoded {
        Ok(reply) => reply,
        Err(_) if !success => {
            return Err(Error::Http {
                method: M::NAME,
                status: reply.status,
                excerpt: body_excerpt(),
            });
        }
        Err(e) => {
            // A well-formed success for this request whose result has another shape: the
            // server performed the call. Anything else leaves that unknown.
            let performed =
                envelope::decode::<serde::de::IgnoredAny>(&reply.body).is_ok_and(|reply| {
                    reply.id.matches(id) && matches!(reply.outcome, Outcome::Success(_))
                });
            if performed {
                return Err(Error::Decode {
                    method: M::NAME,
                    request_id: id,
                    reason: scrub(&e.to_string(), secret),
                    excerpt: body_excerpt(),
                });
            }
            return Err(Error::Malformed {
                method: M::NAME,
                request_id: id,
                reason: scrub(&format!("not a JSON-RPC response: {e}"), secret),
                excerpt: body_excerpt(),
            });
        }
    };
    // An error for our id, or one the server could not attribute (`id` null or absent).
    let attributable = echoed.matches(id) || matches!(echoed, ReplyId::Null | ReplyId::Missing);
    let outcome = match outcome {
        Outcome::Failure(error) if attributable => {
            return Err(Error::Rpc(Box::new(RpcError {
                method: M::NAME,
                request_id: id,
                error_code: error.error_code().map(|c| scrub(&c, secret)),
                message: scrub(error.message.as_deref().unwrap_or_default(), secret),
                code: error.code.into(),
            })));
        }
        other => other,
    };
    if !success {
        return Err(Error::Http {
            method: M::NAME,
            status: reply.status,
            excerpt: body_excerpt(),
        });
    }
    if !echoed.matches(id) {
        return Err(Error::WrongId {
            method: M::NAME,
            request_id: id,
            received: scrub(&echoed.describe(), secret),
            excerpt: body_excerpt(),
        });
    }
    match outcome {
        Outcome::Success(response) => Ok(response),
        Outcome::Failure(_) | Outcome::Empty => Err(Error::Malformed {
            method: M::NAME,
            request_id: id,
            reason: "neither `result`, `response` nor `error`".to_owned(),
            excerpt: body_excerpt(),
        }),
    }
}
