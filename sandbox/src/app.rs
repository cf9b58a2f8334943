//! One request from body to answer: envelope, faults, login, session, spec validation, partner
//! context and the method's behaviour. Transport-free, so it is tested without sockets.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde_json::Value;
use twocheckout_codegen::model::{self, ApiFamily, Method, Spec};

use crate::auth::{Algorithm, verify_hash};
use crate::faults::{FaultCounts, FaultKind, Faults, Injected};
use crate::ledger::{Ledger, LedgerEntry};
use crate::methods::{Call, handler};
use crate::rpc::{self, Request, RpcError};
use crate::sessions::Sessions;
use crate::state::State;
use crate::validate::{canonical_params, conforms, validate_params};

/// The three endpoints the sandbox serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `/rpc/6.0/`: JSON-RPC 6.0 and Channel Manager 6.0 methods.
    Rpc6,
    /// `/rpc/3.0/`: legacy JSON-RPC 3.0.
    Rpc3,
    /// `/channel-manager/2.1/rpc/`: Channel Manager 2.1.
    Cm21,
}

impl Endpoint {
    /// The URL path, with its trailing slash.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Rpc6 => "/rpc/6.0/",
            Endpoint::Rpc3 => "/rpc/3.0/",
            Endpoint::Cm21 => "/channel-manager/2.1/rpc/",
        }
    }

    /// Whether a method of `family` is served here.
    pub fn serves(self, family: ApiFamily) -> bool {
        let served = match family.endpoint() {
            model::Endpoint::Rpc6 => Endpoint::Rpc6,
            model::Endpoint::Rpc3 => Endpoint::Rpc3,
            model::Endpoint::Cm21 => Endpoint::Cm21,
        };
        served == self
    }
}

/// Counters a test can read to check how a client behaved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// HTTP requests received on the RPC endpoints.
    pub requests: u64,
    /// Successful logins.
    pub logins: u64,
    /// Answers that were errors (JSON-RPC errors and injected HTTP 500s).
    pub errors: u64,
    /// Successful answers whose result does not have the shape the spec documents (a sandbox
    /// bug: tests assert it stays 0).
    pub nonconforming: u64,
}

/// The answer to one request.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A JSON-RPC response body (success or error), HTTP 200.
    Json(Value),
    /// An injected HTTP 500.
    Http500,
    /// A random fault spoiling this JSON-RPC response (see [`FaultKind`]).
    Fault(FaultKind, Value),
    /// A scripted HTTP status with a plain-text body.
    Status(u16, String),
}

/// Settings fixed for the sandbox's lifetime.
pub struct Settings {
    /// The one merchant account.
    pub merchant_code: String,
    /// Its secret key.
    pub secret_key: String,
    /// How far a login date may be from now.
    pub max_clock_skew: Duration,
    /// Faults to inject.
    pub faults: Faults,
    /// Where handled requests are recorded, when enabled.
    pub ledger: Option<Ledger>,
}

/// Everything a request needs, shared by all connections.
pub struct App {
    spec: Arc<Spec>,
    settings: Settings,
    sessions: Sessions,
    state: State,
    requests: AtomicU64,
    logins: AtomicU64,
    errors: AtomicU64,
    nonconforming: AtomicU64,
    fault_counts: FaultCounts,
    kit: crate::kit::Kit,
}

impl App {
    /// A sandbox app over `spec`, with seeded records and no sessions.
    pub fn new(spec: Arc<Spec>, settings: Settings, session_lifetime: Duration) -> Self {
        App {
            spec,
            settings,
            sessions: Sessions::new(session_lifetime),
            state: State::seeded(),
            requests: AtomicU64::new(0),
            logins: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            nonconforming: AtomicU64::new(0),
            fault_counts: FaultCounts::default(),
            kit: crate::kit::Kit::default(),
        }
    }

    /// The ledger, when enabled.
    pub fn ledger(&self) -> Option<&Ledger> {
        self.settings.ledger.as_ref()
    }

    /// Random faults injected so far, per kind.
    pub fn fault_counts(&self) -> Vec<(FaultKind, u64)> {
        self.fault_counts.snapshot()
    }

    /// The random fault for request `n`, if one is drawn.
    fn random_fault(&self, n: u64, request: &Request) -> Option<FaultKind> {
        let random = self.settings.faults.random?;
        let has_session = self
            .spec
            .methods_named(&request.method)
            .iter()
            .any(|m| m.session);
        let kind = random.draw(n, &request.method, has_session)?;
        self.fault_counts.count(kind);
        Some(kind)
    }

    /// The test kit: clock, call log, scripted rules.
    pub(crate) fn kit(&self) -> &crate::kit::Kit {
        &self.kit
    }

    /// The records.
    pub(crate) fn state(&self) -> &State {
        &self.state
    }

    /// The spec served.
    pub(crate) fn spec(&self) -> &Spec {
        &self.spec
    }

    /// Counts a request answered by a scripted rule instead of [`App::handle`].
    pub(crate) fn count_scripted(&self, error: bool) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if error {
            self.errors.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The sessions handed out.
    pub(crate) fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    /// Answers one request body received on `endpoint`, through the test kit (its clock, its
    /// scripted rules, its call log); also returns how long a scripted delay holds the answer.
    pub fn handle_held(&self, endpoint: Endpoint, body: &[u8]) -> (Answer, Duration) {
        crate::kit::handle(self, endpoint, body, || self.handle(endpoint, body))
    }

    /// The configured faults.
    pub fn faults(&self) -> Faults {
        self.settings.faults
    }

    /// The counters so far.
    pub fn stats(&self) -> Stats {
        Stats {
            requests: self.requests.load(Ordering::Relaxed),
            logins: self.logins.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            nonconforming: self.nonconforming.load(Ordering::Relaxed),
        }
    }

    /// Answers one request body received on `endpoint`. Never panics on any input.
    pub fn handle(&self, endpoint: Endpoint, body: &[u8]) -> Answer {
        let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let injected = self.settings.faults.for_request(n);
        if injected == Some(Injected::Http500) {
            self.errors.fetch_add(1, Ordering::Relaxed);
            return Answer::Http500;
        }
        let mut fault = None;
        let outcome = match rpc::decode(body) {
            Err((id, error)) => Err((id, error)),
            Ok(request) => {
                fault = self.random_fault(n, &request);
                let result = match (&injected, fault) {
                    (Some(Injected::RpcError(error)), _) => Err(error.clone()),
                    (_, Some(kind)) if !kind.after_execution() => {
                        Err(self.fault_before(kind, &request))
                    }
                    _ => self.dispatch(endpoint, &request),
                };
                if let Some(ledger) = &self.settings.ledger {
                    ledger.record(LedgerEntry {
                        method: request.method.clone(),
                        request_id: request.id.clone(),
                        key: ledger.key_of(&request.params),
                        executed: result.is_ok(),
                        fault,
                    });
                }
                // A wrong id: the answer names another request.
                let id = match fault {
                    Some(FaultKind::WrongId) => wrong_id(&request.id),
                    _ => request.id,
                };
                match result {
                    Ok(value) => Ok((id, value)),
                    Err(error) => Err((id, error)),
                }
            }
        };
        let json = match outcome {
            Ok((id, value)) => rpc::success(&id, value),
            Err((id, error)) => {
                self.errors.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(code = ?error.code, message = %error.message, "answering an error");
                error.to_response(&id)
            }
        };
        match fault {
            Some(kind) => Answer::Fault(kind, json),
            None => Answer::Json(json),
        }
    }

    /// The JSON-RPC error behind a fault injected before the method runs. Session expiry ends
    /// the request's session for every later request too.
    fn fault_before(&self, kind: FaultKind, request: &Request) -> RpcError {
        if kind == FaultKind::SessionExpiry {
            if let Some(Value::String(session_id)) = request.params.first() {
                self.sessions.expire(session_id);
            }
            return RpcError::session_expired();
        }
        RpcError::business(
            "INJECTED_FAULT",
            format!("Injected fault {}: not performed", kind.name()),
        )
    }

    fn dispatch(&self, endpoint: Endpoint, request: &Request) -> Result<Value, RpcError> {
        // The method of that wire name in a family served here: one wire name can carry another
        // signature on another endpoint.
        let spec_method = self
            .spec
            .methods_named(&request.method)
            .iter()
            .find(|m| m.apis.iter().any(|family| endpoint.serves(*family)));
        if request.method == "login" {
            return self.login(endpoint, spec_method, &request.params);
        }
        let method = spec_method
            .ok_or_else(|| RpcError::method_not_found(&request.method, endpoint.path()))?;
        let (session, params) = if method.session {
            let Some((Value::String(session_id), params)) = request.params.split_first() else {
                return Err(RpcError::invalid_session());
            };
            (
                Some((session_id.as_str(), self.sessions.check(session_id)?)),
                params,
            )
        } else {
            (None, request.params.as_slice())
        };
        validate_params(&self.spec, method, params)?;
        // Handlers store what they get: give them the declared forms of what was read leniently.
        let params = canonical_params(&self.spec, method, params);
        let params = params.as_slice();
        let Some((session_id, session)) = session else {
            return Err(not_available(method));
        };
        if method.wire_name == "setPartner" {
            return self.set_partner(method, session_id, params);
        }
        if method.partner && endpoint == Endpoint::Cm21 && session.partner.is_none() {
            // The pages name this error two ways; answer the one the method documents.
            let code = if method.errors.iter().any(|e| e.code == "INVALID_PARTNER")
                && !method.errors.iter().any(|e| e.code == "NOT_FOUND_PARTNER")
            {
                "INVALID_PARTNER"
            } else {
                "NOT_FOUND_PARTNER"
            };
            return Err(documented(
                method,
                code,
                "No partner set before invoking the method.",
            ));
        }
        let handler = handler(endpoint, &method.wire_name).ok_or_else(|| not_available(method))?;
        let result = handler(&Call {
            spec: &self.spec,
            method,
            params,
            session,
            state: &self.state,
        })?;
        if let Err(problem) = conforms(&self.spec, method, &method.returns, &result) {
            self.nonconforming.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(method = %method.wire_name, problem = %problem.message, "result does not match the spec");
        }
        Ok(result)
    }

    /// `login(merchantCode, date, hash[, algo])`.
    fn login(
        &self,
        endpoint: Endpoint,
        method: Option<&Method>,
        params: &[Value],
    ) -> Result<Value, RpcError> {
        if let Some(method) = method {
            if !method.apis.iter().any(|family| endpoint.serves(*family)) {
                return Err(RpcError::method_not_found("login", endpoint.path()));
            }
            validate_params(&self.spec, method, params)?;
        } else if !(3..=4).contains(&params.len()) {
            return Err(RpcError::business(
                crate::validate::INVALID_PARAMETER,
                format!("login takes 3 or 4 params, got {}", params.len()),
            ));
        }
        let text = |index: usize| params.get(index).and_then(Value::as_str);
        let (Some(merchant_code), Some(date), Some(hash)) = (text(0), text(1), text(2)) else {
            return Err(RpcError::authentication_failed(
                "merchantCode, date and hash must be strings",
            ));
        };
        let Some(algorithm) = Algorithm::from_param(text(3)) else {
            return Err(RpcError::authentication_failed(
                "unknown hash algorithm (use sha256 or SHA3-256)",
            ));
        };
        let Some(sent_at) = crate::time::parse_login_date(date) else {
            return Err(RpcError::authentication_failed(
                "date must be UTC YYYY-MM-DD HH:MM:SS",
            ));
        };
        // Against the real clock: a client's clock does not move when the sandbox's is advanced.
        let skew = crate::time::real_now_unix().abs_diff(sent_at);
        if skew > self.settings.max_clock_skew.as_secs() {
            return Err(RpcError::authentication_failed(
                "date is too far from the current UTC time",
            ));
        }
        if merchant_code != self.settings.merchant_code
            || !verify_hash(
                algorithm,
                &self.settings.secret_key,
                merchant_code,
                date,
                hash,
            )
        {
            return Err(RpcError::authentication_failed(
                "invalid hash or merchant code",
            ));
        }
        self.logins.fetch_add(1, Ordering::Relaxed);
        Ok(Value::String(self.sessions.open()))
    }

    /// `setPartner(partnerCode)`: the partner must exist.
    fn set_partner(
        &self,
        method: &Method,
        session_id: &str,
        params: &[Value],
    ) -> Result<Value, RpcError> {
        let code = params.first().and_then(Value::as_str).unwrap_or_default();
        let known = !code.is_empty() && self.state.read().partners.contains_key(code);
        if !known {
            return Err(documented(
                method,
                "INVALID_PARTNER",
                "Partner code is mandatory; or the code is not tied to an active partner.",
            ));
        }
        self.sessions.set_partner(session_id, code)?;
        Ok(Value::Bool(true))
    }
}

/// A documented error of `method`, with the spec's meaning when it has one.
fn documented(method: &Method, code: &str, fallback: &str) -> RpcError {
    let meaning = method
        .errors
        .iter()
        .find(|e| e.code == code)
        .map_or(fallback, |e| e.meaning.as_str());
    RpcError::business(code, meaning)
}

fn not_available(method: &Method) -> RpcError {
    RpcError::business(
        "NOT_AVAILABLE_IN_SANDBOX",
        format!(
            "{} is part of the API but not available in the sandbox: its params are valid, but the sandbox has no behaviour for it",
            method.wire_name
        ),
    )
}

/// An id no client sent for this request: a number moved far off, or a string with a suffix.
fn wrong_id(id: &Value) -> Value {
    match id {
        Value::Number(n) => match n.as_u64() {
            Some(n) => Value::from(n.wrapping_add(1_000_003)),
            None => Value::from(-1),
        },
        Value::String(s) => Value::String(format!("{s}-other")),
        _ => Value::from(0),
    }
}
