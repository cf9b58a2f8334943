//! The merchant identity a client logs in with.

use std::fmt;

use crate::secret::SecretKey;

/// Merchant code and secret key, as shown in the merchant Control Panel
/// (Integrations → Webhooks & API).
#[derive(Clone)]
pub struct Credentials {
    merchant_code: String,
    secret_key: SecretKey,
}

impl Credentials {
    /// Builds credentials from the merchant code and the secret key.
    pub fn new(merchant_code: impl Into<String>, secret_key: impl Into<SecretKey>) -> Self {
        Self {
            merchant_code: merchant_code.into(),
            secret_key: secret_key.into(),
        }
    }

    /// Reads `TWOCHECKOUT_MERCHANT_CODE` and `TWOCHECKOUT_SECRET_KEY` from the environment.
    ///
    /// Returns `None` when either is missing or not valid Unicode.
    pub fn from_env() -> Option<Self> {
        let code = std::env::var("TWOCHECKOUT_MERCHANT_CODE").ok()?;
        let key = std::env::var("TWOCHECKOUT_SECRET_KEY").ok()?;
        Some(Self::new(code, key))
    }

    /// The merchant code (not secret: it is sent in clear with every login).
    pub fn merchant_code(&self) -> &str {
        &self.merchant_code
    }

    /// The secret key.
    pub fn secret_key(&self) -> &SecretKey {
        &self.secret_key
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("merchant_code", &self.merchant_code)
            .field("secret_key", &self.secret_key)
            .finish()
    }
}
