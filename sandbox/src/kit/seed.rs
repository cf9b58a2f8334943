//! Seeding a sandbox with a test's own records, and reading any record back.

use std::fmt;

use serde_json::{Value, json};

use crate::state::{Record, Store};

/// The kinds of record a test can seed and read back, each keyed by its documented identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Collection {
    /// Catalog products by `ProductCode` (pricing configurations live inside, in
    /// `PricingConfigurations`).
    Products,
    /// Customers by `AvangateCustomerReference`.
    Customers,
    /// Subscriptions by `SubscriptionReference`.
    Subscriptions,
    /// Orders by `RefNo`.
    Orders,
    /// Promotions by `Code`.
    Promotions,
    /// Channel Manager partners by `PartnerCode`.
    Partners,
    /// Resellers by `ResellerCode` (each names its partner in `PartnerCode`).
    Resellers,
    /// Proposals by `proposalId`.
    Proposals,
    /// Product groups by `Code`.
    ProductGroups,
    /// Price option groups by `Code`.
    PriceOptionGroups,
}

impl Collection {
    /// Every collection.
    pub const ALL: [Collection; 10] = [
        Collection::Products,
        Collection::Customers,
        Collection::Subscriptions,
        Collection::Orders,
        Collection::Promotions,
        Collection::Partners,
        Collection::Resellers,
        Collection::Proposals,
        Collection::ProductGroups,
        Collection::PriceOptionGroups,
    ];

    /// The field that identifies a record.
    pub fn key(self) -> &'static str {
        match self {
            Collection::Products => "ProductCode",
            Collection::Customers => "AvangateCustomerReference",
            Collection::Subscriptions => "SubscriptionReference",
            Collection::Orders => "RefNo",
            Collection::Promotions | Collection::ProductGroups | Collection::PriceOptionGroups => {
                "Code"
            }
            Collection::Partners => "PartnerCode",
            Collection::Resellers => "ResellerCode",
            Collection::Proposals => "proposalId",
        }
    }

    /// The name of the collection in a fixture file (`subscriptions`, `price_option_groups`).
    pub fn fixture_name(self) -> &'static str {
        match self {
            Collection::Products => "products",
            Collection::Customers => "customers",
            Collection::Subscriptions => "subscriptions",
            Collection::Orders => "orders",
            Collection::Promotions => "promotions",
            Collection::Partners => "partners",
            Collection::Resellers => "resellers",
            Collection::Proposals => "proposals",
            Collection::ProductGroups => "product_groups",
            Collection::PriceOptionGroups => "price_option_groups",
        }
    }

    /// The collection a fixture file names `name`.
    pub fn from_fixture_name(name: &str) -> Option<Collection> {
        Collection::ALL
            .into_iter()
            .find(|collection| collection.fixture_name() == name)
    }

    fn map(self, store: &Store) -> &std::collections::BTreeMap<String, Record> {
        match self {
            Collection::Products => &store.products,
            Collection::Customers => &store.customers,
            Collection::Subscriptions => &store.subscriptions,
            Collection::Orders => &store.orders,
            Collection::Promotions => &store.promotions,
            Collection::Partners => &store.partners,
            Collection::Resellers => &store.resellers,
            Collection::Proposals => &store.proposals,
            Collection::ProductGroups => &store.product_groups,
            Collection::PriceOptionGroups => &store.price_option_groups,
        }
    }

    fn map_mut(self, store: &mut Store) -> &mut std::collections::BTreeMap<String, Record> {
        match self {
            Collection::Products => &mut store.products,
            Collection::Customers => &mut store.customers,
            Collection::Subscriptions => &mut store.subscriptions,
            Collection::Orders => &mut store.orders,
            Collection::Promotions => &mut store.promotions,
            Collection::Partners => &mut store.partners,
            Collection::Resellers => &mut store.resellers,
            Collection::Proposals => &mut store.proposals,
            Collection::ProductGroups => &mut store.product_groups,
            Collection::PriceOptionGroups => &mut store.price_option_groups,
        }
    }
}

impl fmt::Display for Collection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.fixture_name())
    }
}

/// Why a record could not be seeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError {
    /// Where it was going.
    pub collection: Collection,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot seed {}: {}", self.collection, self.message)
    }
}

impl std::error::Error for SeedError {}

/// The identifier of `record` in `collection`, as the store keys it (numbers as their text).
pub fn key_of(collection: Collection, record: &Record) -> Result<String, SeedError> {
    let key = collection.key();
    match record.get(key) {
        Some(Value::String(text)) if !text.is_empty() => Ok(text.clone()),
        Some(Value::Number(number)) => Ok(number.to_string()),
        _ => Err(SeedError {
            collection,
            message: format!("the record has no {key}"),
        }),
    }
}

/// Puts `record` into the store, replacing a record with the same identifier. A subscription
/// without history gets its purchase (`SALE`) event, as the seeded ones have.
pub fn insert(store: &mut Store, collection: Collection, record: Record) -> Result<(), SeedError> {
    let key = key_of(collection, &record)?;
    if collection == Collection::Subscriptions && !store.subscription_history.contains_key(&key) {
        let field = |name: &str| record.get(name).cloned().unwrap_or(Value::Null);
        let sale = json!({
            "ReferenceNo": "",
            "Type": "SALE",
            "SubscriptionReference": key,
            "StartDate": field("StartDate"),
            "ExpirationDate": field("ExpirationDate"),
            "Lifetime": field("Lifetime"),
            "SKU": field("SKU"),
            "PartnerCode": field("PartnerCode"),
        });
        if let Value::Object(sale) = sale {
            store.subscription_history.insert(key.clone(), vec![sale]);
        }
    }
    collection.map_mut(store).insert(key, record);
    Ok(())
}

/// The record `key` of `collection`, if there is one.
pub fn get(store: &Store, collection: Collection, key: &str) -> Option<Record> {
    collection.map(store).get(key).cloned()
}

/// Every record of `collection`, ordered by identifier.
pub fn all(store: &Store, collection: Collection) -> Vec<Record> {
    collection.map(store).values().cloned().collect()
}

/// A store without any record, but with the counters the seeded one starts from (order and
/// usage references).
pub fn empty(seeded: &Store) -> Store {
    Store {
        next_ref_no: seeded.next_ref_no,
        next_usage_ref: seeded.next_usage_ref,
        ..Store::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::record;

    #[test]
    fn inserts_by_key_and_reads_back() {
        let mut store = Store::default();
        let subscription = record(json!({
            "SubscriptionReference": "DUE0000001",
            "StartDate": "2026-01-01",
            "ExpirationDate": "2026-02-01",
        }));
        insert(&mut store, Collection::Subscriptions, subscription.clone()).unwrap();
        assert_eq!(
            get(&store, Collection::Subscriptions, "DUE0000001"),
            Some(subscription)
        );
        assert_eq!(store.subscription_history["DUE0000001"][0]["Type"], "SALE");
        let customer = record(json!({ "AvangateCustomerReference": 42, "Email": "a@b.c" }));
        insert(&mut store, Collection::Customers, customer).unwrap();
        assert!(get(&store, Collection::Customers, "42").is_some());
        let error = insert(
            &mut store,
            Collection::Products,
            record(json!({"Name": "x"})),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot seed products: the record has no ProductCode"
        );
        assert_eq!(
            Collection::from_fixture_name("price_option_groups"),
            Some(Collection::PriceOptionGroups)
        );
        assert_eq!(all(&store, Collection::Customers).len(), 1);
    }
}
