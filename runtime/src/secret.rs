//! Values that must never be printed: the merchant's secret key and the session id.
//!
//! Both wrap the text in a type whose `Debug` and `Display` print `<redacted>`, so a stray
//! `{:?}` on a client, a credential or an error cannot leak them into logs.

use std::fmt;
use std::sync::Arc;

/// What every redacted value prints as.
pub const REDACTED: &str = "<redacted>";

macro_rules! secret_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps the secret text.
            pub fn new(text: impl Into<String>) -> Self {
                Self(Arc::from(text.into()))
            }

            /// The secret text itself. Use only where it has to go on the wire.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(REDACTED)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(REDACTED)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::new(text)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self::new(text)
            }
        }
    };
}

secret_newtype!(
    /// The merchant's secret key, used only to compute the login hash.
    SecretKey
);
secret_newtype!(
    /// A session id returned by `login`; it authenticates every later call.
    SessionId
);

/// Replaces every occurrence of `secret` in `text` by [`REDACTED`].
///
/// Server text (error messages, body excerpts) is scrubbed with this before it is kept in an
/// error, because a server may echo the request, and the request carries the session id.
pub(crate) fn scrub(text: &str, secret: Option<&str>) -> String {
    match secret {
        Some(secret) if !secret.is_empty() && text.contains(secret) => {
            text.replace(secret, REDACTED)
        }
        _ => text.to_owned(),
    }
}
