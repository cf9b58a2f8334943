//! Methods the client sends on its own: `login` and `setPartner`.

use serde::de::IgnoredAny;
use serde::ser::SerializeSeq;

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
    type Response = String;

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
