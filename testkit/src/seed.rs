//! Seeding with the generated types, or from a JSON fixture file of the same shapes.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use serde_json::value::RawValue;
use twocheckout::{
    Customer, Order, Partner, Product, ProductGroup, Promotion, Proposal, Reseller, Subscription,
};
use twocheckout_rpc::support::wire::{Canonical, De, Wire};
use twocheckout_sandbox::{Collection, SandboxBuilder};

/// A generated type the sandbox keeps records of, and where it keeps them.
pub trait Seedable: Wire {
    /// The collection its records go to (keyed by the field the collection names).
    const COLLECTION: Collection;
}

macro_rules! seedable {
    ($($ty:ty => $collection:ident),* $(,)?) => {
        $(impl Seedable for $ty {
            const COLLECTION: Collection = Collection::$collection;
        })*
    };
}

seedable! {
    Product => Products,
    Customer => Customers,
    Subscription => Subscriptions,
    Order => Orders,
    Promotion => Promotions,
    Partner => Partners,
    Reseller => Resellers,
    Proposal => Proposals,
    ProductGroup => ProductGroups,
}

/// The JSON object a value is written as (empty when it does not write as an object, which the
/// sandbox then refuses at start for want of an identifier).
pub(crate) fn to_record<T: Wire>(value: &T) -> serde_json::Map<String, Value> {
    match serde_json::to_value(Canonical(value)) {
        Ok(Value::Object(record)) => record,
        _ => serde_json::Map::new(),
    }
}

/// Typed seeding on [`SandboxBuilder`]: each value is written as the API writes it and kept
/// as the record the methods read. A value whose identifier is already seeded replaces it.
pub trait SeedExt: Sized {
    /// Seeds any [`Seedable`] value.
    fn with<T: Seedable>(self, value: T) -> Self;

    /// Seeds a catalog product, with the pricing configurations it carries.
    fn product(self, product: Product) -> Self {
        self.with(product)
    }

    /// Seeds a customer.
    fn customer(self, customer: Customer) -> Self {
        self.with(customer)
    }

    /// Seeds a subscription, with its state (`SubscriptionEnabled`, `RecurringEnabled`) and
    /// dates as given.
    fn subscription(self, subscription: Subscription) -> Self {
        self.with(subscription)
    }

    /// Seeds an order (by `RefNo`).
    fn order(self, order: Order) -> Self {
        self.with(order)
    }

    /// Seeds a promotion (by `Code`).
    fn promotion(self, promotion: Promotion) -> Self {
        self.with(promotion)
    }

    /// Seeds a Channel Manager partner.
    fn partner(self, partner: Partner) -> Self {
        self.with(partner)
    }

    /// Seeds a reseller (its `PartnerCode` names its partner).
    fn reseller(self, reseller: Reseller) -> Self {
        self.with(reseller)
    }

    /// Seeds a proposal (by `proposalId`).
    fn proposal(self, proposal: Proposal) -> Self {
        self.with(proposal)
    }

    /// Seeds every record of a JSON fixture: an object whose members name collections
    /// (`products`, `customers`, `subscriptions`, `orders`, `promotions`, `partners`,
    /// `resellers`, `proposals`, `product_groups`), each an array of objects in the shape of the
    /// generated type. Each entry is read as that type first, so a fixture that does not fit
    /// fails here, naming the entry.
    fn fixture(self, json: &str) -> Result<Self, FixtureError>;

    /// [`SeedExt::fixture`] from a file.
    fn fixture_file(self, path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|error| FixtureError {
            file: Some(path.to_path_buf()),
            at: String::new(),
            message: error.to_string(),
        })?;
        self.fixture(&text).map_err(|error| FixtureError {
            file: Some(path.to_path_buf()),
            ..error
        })
    }
}

impl SeedExt for SandboxBuilder {
    fn with<T: Seedable>(self, value: T) -> Self {
        self.seed(T::COLLECTION, to_record(&value))
    }

    fn fixture(mut self, json: &str) -> Result<Self, FixtureError> {
        let fail = |at: String, message: String| FixtureError {
            file: None,
            at,
            message,
        };
        let collections: std::collections::BTreeMap<String, Vec<Box<RawValue>>> =
            serde_json::from_str(json).map_err(|error| {
                fail(
                    String::new(),
                    format!("expected an object of arrays of records: {error}"),
                )
            })?;
        for (name, entries) in collections {
            let collection = Collection::from_fixture_name(&name)
                .ok_or_else(|| fail(name.clone(), "not a collection the sandbox seeds".into()))?;
            for (index, entry) in entries.iter().enumerate() {
                let record = read_entry(collection, entry)
                    .map_err(|message| fail(format!("{name}[{index}]"), message))?;
                self = self.seed(collection, record);
            }
        }
        Ok(self)
    }
}

/// Reads one fixture entry as its collection's type and writes it back as a record.
fn read_entry(
    collection: Collection,
    entry: &RawValue,
) -> Result<serde_json::Map<String, Value>, String> {
    fn typed<T: Wire>(entry: &RawValue) -> Result<serde_json::Map<String, Value>, String> {
        serde_json::from_str::<De<T>>(entry.get())
            .map(|De(value)| to_record(&value))
            .map_err(|error| error.to_string())
    }
    match collection {
        Collection::Products => typed::<Product>(entry),
        Collection::Customers => typed::<Customer>(entry),
        Collection::Subscriptions => typed::<Subscription>(entry),
        Collection::Orders => typed::<Order>(entry),
        Collection::Promotions => typed::<Promotion>(entry),
        Collection::Partners => typed::<Partner>(entry),
        Collection::Resellers => typed::<Reseller>(entry),
        Collection::Proposals => typed::<Proposal>(entry),
        Collection::ProductGroups => typed::<ProductGroup>(entry),
        other => Err(format!("{other} cannot be seeded from a fixture")),
    }
}

/// Why a fixture did not load: the file, the entry (`subscriptions[2]`) and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureError {
    /// The fixture file, when it came from one.
    pub file: Option<PathBuf>,
    /// The collection or entry at fault (empty for the whole document).
    pub at: String,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for FixtureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        if !self.at.is_empty() {
            write!(f, "{}: ", self.at)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FixtureError {}
