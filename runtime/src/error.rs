//! The one error type a caller matches on.

/// Everything that can go wrong in a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Encoding the request failed.
    #[error("could not encode the request: {0}")]
    Encode(#[source] serde_json::Error),
}
