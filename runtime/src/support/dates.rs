use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! date_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Kept as the text the API sent: the API is not consistent about formats (time zone
        /// GMT+02:00 for some filters, UTC for others), so the bindings never reinterpret a date.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a date written in the documented format.
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The date as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }
    };
}

date_newtype!(
    /// A calendar date, documented as `YYYY-MM-DD`.
    Date
);
date_newtype!(
    /// A date and time: `YYYY-MM-DD HH:MM:SS` or ISO 8601 (`2021-01-05T17:21:42+00:00`),
    /// as the method's documentation states.
    DateTime
);
