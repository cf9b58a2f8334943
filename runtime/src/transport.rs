//! One HTTP POST of an encoded request, with errors sorted into connect / timeout / other.

use std::time::Duration;

use crate::error::Error;
use crate::observe::Observers;

/// A response as received: status and (size-capped) body.
pub(crate) struct HttpReply {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// The HTTP side of a client: a pooled `reqwest` client (the client's own, or one the user
/// gave) and the endpoint it posts to.
#[derive(Debug)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) endpoint: reqwest::Url,
    pub(crate) max_response_bytes: usize,
    /// Set on each request, for a user's client (ours has it built in).
    pub(crate) request_timeout: Option<Duration>,
    /// Sent on each request, for a user's client when a user agent was configured.
    pub(crate) user_agent: Option<reqwest::header::HeaderValue>,
    /// Told about every attempt.
    pub(crate) observers: Observers,
}

impl Transport {
    /// Posts `body` as JSON and reads the whole answer.
    /// A body over the size limit is refused as malformed (not as a transport failure): sending
    /// the request again would only fetch the same oversized answer.
    pub(crate) async fn post(
        &self,
        method: &'static str,
        request_id: u64,
        body: Vec<u8>,
    ) -> Result<HttpReply, Error> {
        let mut request = self
            .http
            .post(self.endpoint.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(timeout) = self.request_timeout {
            request = request.timeout(timeout);
        }
        if let Some(user_agent) = &self.user_agent {
            request = request.header(reqwest::header::USER_AGENT, user_agent.clone());
        }
        let mut response = request
            .body(body)
            .send()
            .await
            .map_err(|e| classify(method, e))?;
        let status = response.status().as_u16();
        let capacity = response
            .content_length()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
            .min(self.max_response_bytes);
        let mut body = Vec::with_capacity(capacity);
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(method, e))? {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(Error::Malformed {
                    method,
                    request_id,
                    reason: format!(
                        "response body larger than the {} byte limit",
                        self.max_response_bytes
                    ),
                    excerpt: String::new(),
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpReply { status, body })
    }
}

/// Sorts a `reqwest` failure into the error variants callers match on.
fn classify(method: &'static str, error: reqwest::Error) -> Error {
    let source = Box::new(error.without_url());
    if source.is_timeout() {
        Error::Timeout { method, source }
    } else if source.is_connect() {
        Error::Connect { method, source }
    } else {
        Error::Transport { method, source }
    }
}
