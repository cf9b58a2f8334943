//! One HTTP POST of an encoded request, with errors sorted into connect / timeout / other.

use std::time::{Duration, SystemTime};

use crate::error::Error;
use crate::observe::Observers;

/// A response as received: status, `Retry-After` and (size-capped) body.
pub(crate) struct HttpReply {
    pub(crate) status: u16,
    /// The `Retry-After` header, read as a delay from now (absent or unreadable: `None`).
    pub(crate) retry_after: Option<Duration>,
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
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
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
        Ok(HttpReply {
            status,
            retry_after,
            body,
        })
    }
}

/// Reads a `Retry-After` value (RFC 9110 §10.2.3): a number of seconds, or an HTTP date, which
/// becomes the time left until then (zero once it has passed). Anything else is `None`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than a u64 holds is still "a very long time".
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        // The obsolete forms RFC 9110 still asks recipients to accept.
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:39 GMT", now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:38 1994", now),
            Some(Duration::from_secs(1))
        );
        // A date already past means "now".
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("tomorrow", now), None);
    }
}
