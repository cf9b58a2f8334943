//! What the code under test sent, decoded into the request types, and the records it changed.

use std::fmt;

use time::OffsetDateTime;
use twocheckout::{Customer, Order, Partner, Product, Promotion, Proposal, Reseller, Subscription};
use twocheckout_rpc::support::wire::De;
use twocheckout_rpc::{DecodeError, DecodeParams, Method};
use twocheckout_sandbox::{Collection, Endpoint, Outcome, RunningSandbox};

use crate::script::ScriptBuilder;
use crate::seed::{Seedable, to_record};

/// One call the sandbox received, decoded into its request type.
#[derive(Debug, Clone)]
pub struct Call<M> {
    /// The request as the caller built it (read back from the params it sent).
    pub request: M,
    /// The session id it was sent with.
    pub session: Option<String>,
    /// The partner set on that session when it arrived (Channel Manager `setPartner`).
    pub partner: Option<String>,
    /// The endpoint it arrived on.
    pub endpoint: Endpoint,
    /// The sandbox's clock when it arrived.
    pub at: OffsetDateTime,
    /// How the sandbox answered it.
    pub outcome: Outcome,
    /// Its position among every call the sandbox received, from 1.
    pub seq: u64,
}

/// Why the kit could not answer a question about the sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KitError {
    /// A recorded call did not decode as the request type asked for.
    Decode {
        /// Its position among the calls.
        seq: u64,
        /// What did not decode.
        error: DecodeError,
    },
    /// No record has that identifier.
    NotFound {
        /// Where it was looked for.
        collection: Collection,
        /// The identifier.
        key: String,
    },
    /// A record did not read as its generated type.
    Record {
        /// Where it is.
        collection: Collection,
        /// Its identifier.
        key: String,
        /// What did not read.
        message: String,
    },
    /// A record could not be stored.
    Seed(twocheckout_sandbox::SeedError),
}

impl fmt::Display for KitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KitError::Decode { seq, error } => write!(f, "call {seq}: {error}"),
            KitError::NotFound { collection, key } => write!(f, "no record {key} in {collection}"),
            KitError::Record {
                collection,
                key,
                message,
            } => write!(f, "record {key} of {collection}: {message}"),
            KitError::Seed(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for KitError {}

/// Typed inspection and scripting of a running sandbox (also of a
/// [`BlockingSandbox`](twocheckout_sandbox::BlockingSandbox), through `Deref`).
pub trait InspectExt {
    /// Every call to `M` (by its wire name, on any endpoint), oldest first, decoded into `M`.
    fn calls<M: Method + DecodeParams>(&self) -> Result<Vec<Call<M>>, KitError>;

    /// The calls to `M` that arrived on `endpoint` (a wire name served on two endpoints, such
    /// as `placeOrder`, takes other params on each).
    fn calls_on<M: Method + DecodeParams>(
        &self,
        endpoint: Endpoint,
    ) -> Result<Vec<Call<M>>, KitError>;

    /// How many calls to `M` arrived.
    fn count<M: Method>(&self) -> usize;

    /// Starts a scripted answer for `M`; it takes effect when its answer is chosen
    /// ([`ScriptBuilder::fail`], [`ScriptBuilder::respond`], …).
    fn script<M: Method + DecodeParams + 'static>(&self) -> ScriptBuilder<'_, M>;

    /// The record `key` of `T`'s collection, read as `T`.
    fn get<T: Seedable>(&self, key: &str) -> Result<T, KitError>;

    /// Every record of `T`'s collection, ordered by identifier.
    fn all<T: Seedable>(&self) -> Result<Vec<T>, KitError>;

    /// Adds or replaces a record while the sandbox runs.
    fn put<T: Seedable>(&self, value: T) -> Result<(), KitError>;

    /// The subscription `reference` as it now stands.
    fn subscription(&self, reference: &str) -> Result<Subscription, KitError> {
        self.get(reference)
    }

    /// The catalog product `code`, with its pricing configurations.
    fn product(&self, code: &str) -> Result<Product, KitError> {
        self.get(code)
    }

    /// The customer `reference` (`AvangateCustomerReference`).
    fn customer(&self, reference: &str) -> Result<Customer, KitError> {
        self.get(reference)
    }

    /// The order `ref_no`.
    fn order(&self, ref_no: &str) -> Result<Order, KitError> {
        self.get(ref_no)
    }

    /// The promotion `code`.
    fn promotion(&self, code: &str) -> Result<Promotion, KitError> {
        self.get(code)
    }

    /// The Channel Manager partner `code`.
    fn partner(&self, code: &str) -> Result<Partner, KitError> {
        self.get(code)
    }

    /// The reseller `code`.
    fn reseller(&self, code: &str) -> Result<Reseller, KitError> {
        self.get(code)
    }

    /// The proposal `id`.
    fn proposal(&self, id: &str) -> Result<Proposal, KitError> {
        self.get(id)
    }
}

fn decoded<M: DecodeParams>(call: twocheckout_sandbox::RecordedCall) -> Result<Call<M>, KitError> {
    let request = M::decode_params(&call.raw_params()).map_err(|error| KitError::Decode {
        seq: call.seq,
        error,
    })?;
    Ok(Call {
        request,
        session: call.session,
        partner: call.partner,
        endpoint: call.endpoint,
        at: call.at,
        outcome: call.outcome,
        seq: call.seq,
    })
}

fn read<T: Seedable>(
    collection: Collection,
    key: &str,
    record: serde_json::Map<String, serde_json::Value>,
) -> Result<T, KitError> {
    let text = serde_json::Value::Object(record).to_string();
    serde_json::from_str::<De<T>>(&text)
        .map(|De(value)| value)
        .map_err(|error| KitError::Record {
            collection,
            key: key.to_string(),
            message: error.to_string(),
        })
}

impl InspectExt for RunningSandbox {
    fn calls<M: Method + DecodeParams>(&self) -> Result<Vec<Call<M>>, KitError> {
        self.raw_calls_to(M::NAME)
            .into_iter()
            .map(decoded)
            .collect()
    }

    fn calls_on<M: Method + DecodeParams>(
        &self,
        endpoint: Endpoint,
    ) -> Result<Vec<Call<M>>, KitError> {
        self.raw_calls_to(M::NAME)
            .into_iter()
            .filter(|call| call.endpoint == endpoint)
            .map(decoded)
            .collect()
    }

    fn count<M: Method>(&self) -> usize {
        self.raw_count(M::NAME)
    }

    fn script<M: Method + DecodeParams + 'static>(&self) -> ScriptBuilder<'_, M> {
        ScriptBuilder::new(self)
    }

    fn get<T: Seedable>(&self, key: &str) -> Result<T, KitError> {
        let record = self
            .raw_record(T::COLLECTION, key)
            .ok_or_else(|| KitError::NotFound {
                collection: T::COLLECTION,
                key: key.to_string(),
            })?;
        read(T::COLLECTION, key, record)
    }

    fn all<T: Seedable>(&self) -> Result<Vec<T>, KitError> {
        self.raw_records(T::COLLECTION)
            .into_iter()
            .map(|record| {
                let key = record
                    .get(T::COLLECTION.key())
                    .map(|key| key.to_string())
                    .unwrap_or_default();
                read(T::COLLECTION, &key, record)
            })
            .collect()
    }

    fn put<T: Seedable>(&self, value: T) -> Result<(), KitError> {
        self.raw_insert(T::COLLECTION, to_record(&value))
            .map_err(KitError::Seed)
    }
}
