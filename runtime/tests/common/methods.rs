//! Hand-written requests, shaped like the generated ones.

use serde::ser::SerializeSeq;
use twocheckout_rpc::api::{Cm21, Partner, Rpc3, Rpc6};
use twocheckout_rpc::{AvailableOn, Method};

/// `echo(sessionID, value)`: a retry-safe read.
pub struct Echo(pub String);

impl Echo {
    pub fn new(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl Method for Echo {
    const NAME: &'static str = "echo";
    const RETRY_SAFE: bool = true;
    type Response = serde_json::Value;

    fn param_count(&self) -> usize {
        1
    }

    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(&self.0)
    }
}

impl AvailableOn<Rpc6> for Echo {}
impl AvailableOn<Rpc3> for Echo {}
impl AvailableOn<Cm21> for Echo {}

/// `placeOrder(sessionID, order)`: never retry-safe.
pub struct PlaceOrder(pub String);

impl Method for PlaceOrder {
    const NAME: &'static str = "placeOrder";
    const RETRY_SAFE: bool = false;
    type Response = serde_json::Value;

    fn param_count(&self) -> usize {
        1
    }

    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(&self.0)
    }
}

impl AvailableOn<Rpc6> for PlaceOrder {}

/// `getPartnerResellers(sessionID)`: a partner-scoped Channel Manager method.
pub struct GetPartnerResellers;

impl Method for GetPartnerResellers {
    const NAME: &'static str = "getPartnerResellers";
    const RETRY_SAFE: bool = true;
    type Response = Vec<String>;

    fn param_count(&self) -> usize {
        0
    }

    fn serialize_params<S: SerializeSeq>(&self, _seq: &mut S) -> Result<(), S::Error> {
        Ok(())
    }
}

impl AvailableOn<Partner<Cm21>> for GetPartnerResellers {}

/// A typed response, to check decoding failures.
#[derive(Debug, serde::Deserialize, PartialEq)]
pub struct Product {
    #[serde(rename = "ProductCode")]
    pub code: String,
    #[serde(rename = "Enabled")]
    pub enabled: bool,
}

/// `getProductByCode(sessionID, code)` with a typed response.
pub struct GetProductByCode(pub String);

impl Method for GetProductByCode {
    const NAME: &'static str = "getProductByCode";
    const RETRY_SAFE: bool = true;
    type Response = Product;

    fn param_count(&self) -> usize {
        1
    }

    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(&self.0)
    }
}

impl AvailableOn<Rpc6> for GetProductByCode {}
