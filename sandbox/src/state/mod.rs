//! The sandbox's records, kept as JSON objects so fields the sandbox does not know survive.

mod seed;

pub use seed::CHANNEL_PRODUCT_OPTIONS;

use std::collections::BTreeMap;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// A JSON object record.
pub type Record = Map<String, Value>;

/// Every collection the methods read and write, keyed by the documented identifier.
#[derive(Debug, Default)]
pub struct Store {
    /// Channel Manager partners by `PartnerCode`.
    pub partners: BTreeMap<String, Record>,
    /// Resellers by `ResellerCode` (each carries its `PartnerCode`).
    pub resellers: BTreeMap<String, Record>,
    /// Orders by `RefNo`.
    pub orders: BTreeMap<String, Record>,
    /// The reseller attached to an order: `RefNo` → reseller record as attached.
    pub order_resellers: BTreeMap<String, Record>,
    /// Products by `ProductCode`.
    pub products: BTreeMap<String, Record>,
    /// Subscriptions by `SubscriptionReference`.
    pub subscriptions: BTreeMap<String, Record>,
    /// Customers by `AvangateCustomerReference` (as text).
    pub customers: BTreeMap<String, Record>,
    /// Product groups by `Code` (products name theirs by `GroupName`).
    pub product_groups: BTreeMap<String, Record>,
    /// Upgrade schemas set with `setProductUpgradeSchema`, by `ProductCode`.
    pub product_upgrade_schemas: BTreeMap<String, Record>,
    /// Additional order and product fields by `Code`.
    pub additional_fields: BTreeMap<String, Record>,
    /// SKUs by code, each with the combination it stands for.
    pub skus: BTreeMap<String, Record>,
    /// Promotions by their system-generated `Code`.
    pub promotions: BTreeMap<String, Record>,
    /// Price option groups by `Code`.
    pub price_option_groups: BTreeMap<String, Record>,
    /// Cross-sell campaigns by `CampaignCode`.
    pub cross_sell_campaigns: BTreeMap<String, Record>,
    /// Proposals by `proposalId`.
    pub proposals: BTreeMap<String, Record>,
    /// The earlier versions of each proposal (`proposalId` → versions, oldest first); the
    /// current version is the one in `proposals`.
    pub proposal_versions: BTreeMap<String, Vec<Record>>,
    /// How many proposals `createProposal` has made (makes their ids).
    pub created_proposals: u64,
    /// The history of each subscription (`SubscriptionReference` → events, oldest first).
    pub subscription_history: BTreeMap<String, Vec<Record>>,
    /// The payment data on file of each subscription.
    pub payment_information: BTreeMap<String, Record>,
    /// Scheduled renewal pauses by subscription reference.
    pub renewal_pauses: BTreeMap<String, Record>,
    /// Custom renewal prices by subscription reference (`Price`, `Currency`, `Cycles`, …).
    pub custom_renewal_prices: BTreeMap<String, Record>,
    /// Custom grace periods in days by subscription reference.
    pub grace_periods: BTreeMap<String, i64>,
    /// Additional information fields of each subscription, in the order they were added.
    pub subscription_fields: BTreeMap<String, Vec<(String, Option<String>)>>,
    /// Usage records of each subscription.
    pub usages: BTreeMap<String, Vec<Record>>,
    /// Pay-per-usage subscriptions marked to renew as soon as possible.
    pub renew_now: std::collections::BTreeSet<String>,
    /// The next usage reference handed out by `addSubscriptionUsage`.
    pub next_usage_ref: u64,
    /// How many subscriptions `addSubscription` has imported (makes their references).
    pub imported_subscriptions: u64,
    /// How many single sign-on links have been made (makes their tokens).
    pub sso_links: u64,
    /// The customer (`AvangateCustomerReference`) each single sign-on token was made for.
    pub sso_tokens: BTreeMap<String, String>,
    /// The next order reference handed out by order-placing methods.
    pub next_ref_no: u64,
    /// The myAccount display language set with `setLanguageForMyAccount` (ISO 639-1).
    pub my_account_language: Option<String>,
    /// Channel Manager pricing lists by code.
    pub pricing_lists: BTreeMap<String, PricingList>,
    /// Channel Manager products by id (`ProductInfo` records without a price).
    pub channel_products: BTreeMap<i64, Record>,
    /// The Channel Manager 2.1 cart of each session, by session id.
    pub carts: BTreeMap<String, Cart>,
    /// The invoice and payment details each session chose with `setProforma` and
    /// `setPaymentDetails`, by session id.
    pub billing: BTreeMap<String, Billing>,
    /// Partner orders placed from a cart, by `RefNo` (Channel Manager 2.1 `Order` records).
    pub partner_orders: BTreeMap<String, Record>,
    /// Partner invoices by `Number`.
    pub proformas: BTreeMap<String, Record>,
    /// How many partner invoices have been created (makes their numbers).
    pub proforma_count: u64,
    /// Upsell campaigns by `Code`.
    pub upsell_campaigns: BTreeMap<String, Record>,
    /// How upsell offers are shown (`overlay` or `interstitial`), set with `updateDisplayType`.
    pub upsell_display_type: String,
    /// Leads by `LeadCode`.
    pub leads: BTreeMap<String, Record>,
    /// The type of each lead (`New`, `Used`, …) by `LeadCode`; the lead object has no key for it.
    pub lead_types: BTreeMap<String, String>,
    /// Affiliates of the merchant by `AffiliateCode`.
    pub affiliates: BTreeMap<String, Record>,
    /// Payouts 2Checkout issued to the account, oldest first.
    pub payouts: Vec<Record>,
}

/// A partner pricing list: which partner buys from it and what each product costs in it.
#[derive(Debug, Clone)]
pub struct PricingList {
    /// The partner the list belongs to.
    pub partner: String,
    /// Display name.
    pub name: String,
    /// Currency of every price in the list (the partner's).
    pub currency: String,
    /// The partner's margin, in percent of the price.
    pub margin_percent: Decimal,
    /// Unit price of each product in the list, by product id.
    pub prices: BTreeMap<i64, Decimal>,
}

/// One cart line: a product priced from a list with a set of options.
#[derive(Debug, Clone, PartialEq)]
pub struct CartLine {
    /// Product id.
    pub product_id: i64,
    /// Pricing list the product is priced from.
    pub pricing_list: String,
    /// The chosen price option codes, sorted.
    pub options: Vec<String>,
    /// Units.
    pub quantity: i64,
}

/// The cart of one session.
#[derive(Debug, Clone, Default)]
pub struct Cart {
    /// The lines, in the order they were added.
    pub lines: Vec<CartLine>,
    /// The comment set with `setComment`.
    pub comment: Option<String>,
}

/// What one session set up to pay a partner invoice.
#[derive(Debug, Clone, Default)]
pub struct Billing {
    /// The invoice marked with `setProforma`.
    pub proforma: Option<String>,
    /// The payment details set with `setPaymentDetails`.
    pub payment: Option<Record>,
}

/// The shared store, safe under concurrent readers and writers.
#[derive(Debug)]
pub struct State {
    store: RwLock<Store>,
}

impl State {
    /// A store holding the documented seed records.
    pub fn seeded() -> Self {
        State {
            store: RwLock::new(seed::store()),
        }
    }

    /// Read access. A writer that panicked cannot leave a record half-written (each write
    /// replaces whole values), so a poisoned lock is still usable.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.store
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Write access (see [`State::read`] about poisoning).
    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.store
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Turns a `json!({...})` literal into a record (anything else becomes an empty record).
pub fn record(value: Value) -> Record {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Copies every field of `changes` onto `target`, recursing into nested objects so a partial
/// nested update keeps the fields it does not mention.
pub fn merge(target: &mut Record, changes: &Record) {
    for (key, value) in changes {
        match (target.get_mut(key), value) {
            (Some(Value::Object(existing)), Value::Object(nested)) => merge(existing, nested),
            _ => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}
