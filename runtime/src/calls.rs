//! Methods the client sends on its own: `login` and `setPartner`.

use serde::de::{self, IgnoredAny};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer};

use crate::method::Method;

/// `login(merchantCode, date, hash[, algo])`: returns the session id.
pub(crate) struct Login<'a> {
    pub(crate) merchant_code: &'a str,
    pub(crate) date: &'a str,
    pub(crate) hash: &'a str,
    /// Absent for MD5, which is sent with 3 params.
    pub(crate) algo: Option<&'static str>,
}

impl Method for Login<'_> {
    const NAME: &'static str = "login";
    const RETRY_SAFE: bool = true;
    const SESSION: bool = false;
    type Response = NewSession;

    fn param_count(&self) -> usize {
        3 + usize::from(self.algo.is_some())
    }

    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(self.merchant_code)?;
        seq.serialize_element(self.date)?;
        seq.serialize_element(self.hash)?;
        if let Some(algo) = self.algo {
            seq.serialize_element(algo)?;
        }
        Ok(())
    }
}

/// The `login` result: a session id, which must not be empty.
pub(crate) struct NewSession(pub(crate) String);

impl<'de> Deserialize<'de> for NewSession {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        if id.is_empty() {
            return Err(de::Error::custom("login returned an empty session id"));
        }
        Ok(Self(id))
    }
}

/// `setPartner(sessionID, partnerCode)` (Channel Manager 2.1): binds the session to a partner.
pub(crate) struct SetPartner<'a> {
    pub(crate) partner_code: &'a str,
}

impl Method for SetPartner<'_> {
    const NAME: &'static str = "setPartner";
    const RETRY_SAFE: bool = true;
    // The documented answer is a boolean; failures come as error objects, so any value will do.
    type Response = IgnoredAny;

    fn param_count(&self) -> usize {
        1
    }

    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(self.partner_code)
    }
}
