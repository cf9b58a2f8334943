//! A bounded fault soak on loopback: 64 tasks make 10,240 mixed calls (reads, retry-safe writes,
//! and non-idempotent `placeOrder`, `issueRefund`, `updateProduct` and `performAction`) while the
//! sandbox injects random faults. The sandbox's ledger of what it really executed is then held
//! against what the client reported for each call:
//!
//! - no task panicked, and every call ended (within a bound) in a success or a typed error;
//! - no non-idempotent call was executed twice;
//! - a success was executed exactly once, a failure reported as not executed never was, a
//!   failure reported as executed was once, and a failure with an unknown outcome is counted
//!   as the ledger shows it (executed or not).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use twocheckout::prelude::*;
use twocheckout::{
    Order, ProposalAction, ProposalActionDecline, ProposalActionDiscard, ProposalActionReopen,
};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::support::{Maybe, Money};
use twocheckout_rpc::{Client, Error, Outcome, RetryPolicy};
use twocheckout_sandbox::{FaultKind, RandomFaults, RunningSandbox, Sandbox};
use twocheckout_tests::{credentials, start};

const TASKS: usize = 64;
const CALLS_PER_TASK: usize = 160;
/// Faults per thousand requests (login aside).
const FAULTS_PER_MILLE: u32 = 80;
const SEED: u64 = 0x2C0_50A4;
/// The client's timeout, and how late a slow answer comes.
const TIMEOUT: Duration = Duration::from_millis(1_000);
const SLOW_BY: Duration = Duration::from_millis(1_500);
/// No call may take longer than this, retries and `Retry-After` waits included.
const CALL_BOUND: Duration = Duration::from_secs(30);
const MARKER: &str = "soak-";
const PRODUCT: &str = "NewProdCodeAPI12345";
const PROPOSALS: [&str; 2] = [
    "0573e71d-38bb-4d61-88ca-b3c557517c68",
    "6b1f0a52-4c6e-4f6a-9d55-2f3c8a9e7b10",
];

/// What kind of call a logical call was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Read,
    RetrySafeWrite,
    PlaceOrder,
    IssueRefund,
    UpdateProduct,
    ProposalAction,
}

impl Kind {
    fn idempotent(self) -> bool {
        matches!(self, Kind::Read | Kind::RetrySafeWrite)
    }
}

/// How a call ended, as the client reported it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Reported {
    Success,
    Failed(Outcome, String),
}

/// One logical call: its kind, its ledger key (non-idempotent calls) and its end.
struct Record {
    kind: Kind,
    key: Option<String>,
    reported: Reported,
}

/// The error's variant, with the JSON-RPC code for RPC errors.
fn variant(error: &Error) -> String {
    let name = match error {
        Error::Connect { .. } => "connect",
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport",
        Error::Http { .. } => "http-status",
        Error::Malformed { .. } => "malformed",
        Error::Decode { .. } => "decode",
        Error::WrongId { .. } => "wrong-id",
        Error::RateLimited { .. } => "rate-limited",
        Error::Rpc(_) => "json-rpc-error",
        Error::CartSessionLost { .. } => "cart-session-lost",
        Error::Config(_) | Error::Encode(_) => "client-side",
        _ => "other",
    };
    match error.rpc() {
        Some(rpc) => format!("{name} {}", rpc.error_code.as_deref().unwrap_or("?")),
        None => name.to_owned(),
    }
}

fn client(sandbox: &RunningSandbox) -> Client<Rpc6> {
    let retry = RetryPolicy {
        max_attempts: 4,
        base_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(50),
        total_budget: Duration::from_secs(6),
    };
    Client::<Rpc6>::builder(credentials(sandbox))
        .endpoint(sandbox.rpc6_url())
        .retry_policy(retry)
        .timeout(TIMEOUT)
        .build()
        .unwrap_or_else(|error| panic!("the client did not build: {error}"))
}

fn test_order(marker: &str) -> Order {
    let order = json!({
        "Currency": "USD", "Country": "US", "Language": "en", "ExternalReference": marker,
        "Items": [{ "Code": PRODUCT, "Quantity": 1 }],
        "BillingDetails": {
            "Email": "soak@example.com", "FirstName": "Soak", "LastName": "Test",
            "CountryCode": "US", "State": "California", "City": "San Francisco",
            "Address1": "Example Street", "Zip": "90210"
        },
        "PaymentDetails": {
            "Type": "TEST", "Currency": "USD", "CustomerIP": "10.10.10.10",
            "PaymentMethod": {
                "CardNumber": "4111111111111111", "CardType": "VISA", "ExpirationYear": "2030",
                "ExpirationMonth": "12", "HolderName": "John Doe", "CCID": "123",
                "Vendor3DSReturnURL": "https://example.com/ok",
                "Vendor3DSCancelURL": "https://example.com/no"
            }
        }
    });
    serde_json::from_value(order).unwrap_or_else(|error| panic!("an Order: {error}"))
}

/// Bounds a call: a call that does not end is a failure of the soak, not a hang.
async fn bounded<T>(
    what: &str,
    call: impl std::future::IntoFuture<Output = Result<T, Error>>,
) -> Result<T, Error> {
    match tokio::time::timeout(CALL_BOUND, call.into_future()).await {
        Ok(result) => result,
        Err(_) => panic!("{what} did not end within {CALL_BOUND:?}"),
    }
}

fn reported<T>(result: &Result<T, Error>) -> Reported {
    match result {
        Ok(_) => Reported::Success,
        Err(error) => Reported::Failed(error.outcome(), variant(error)),
    }
}

/// One task's calls: half reads, a tenth retry-safe writes, the rest non-idempotent.
async fn run_task(client: Arc<Client<Rpc6>>, task: usize) -> Vec<Record> {
    let mut rng = fastrand::Rng::with_seed(SEED.wrapping_add(task as u64));
    let mut records = Vec::with_capacity(CALLS_PER_TASK);
    // Orders this task placed and knows the reference of, with the refunds sent so far.
    let mut orders: Vec<(String, u32)> = Vec::new();
    for call in 0..CALLS_PER_TASK {
        let key = format!("{MARKER}{task}-{call}");
        let slot = rng.u32(0..10);
        let record = match slot {
            0..=4 => {
                let result = if slot.is_multiple_of(2) {
                    bounded("getProductByCode", client.get_product_by_code(PRODUCT))
                        .await
                        .map(drop)
                } else {
                    let id = PROPOSALS[rng.usize(0..PROPOSALS.len())];
                    bounded("getProposalById", client.get_proposal_by_id(id))
                        .await
                        .map(drop)
                };
                Record {
                    kind: Kind::Read,
                    key: None,
                    reported: reported(&result),
                }
            }
            5 => {
                let result = if rng.bool() {
                    bounded("setProductStatus", client.set_product_status(PRODUCT, true))
                        .await
                        .map(drop)
                } else {
                    bounded(
                        "setLanguageForMyAccount",
                        client.set_language_for_my_account("en"),
                    )
                    .await
                    .map(drop)
                };
                Record {
                    kind: Kind::RetrySafeWrite,
                    key: None,
                    reported: reported(&result),
                }
            }
            6 => {
                let result = bounded("placeOrder", client.place_order(test_order(&key))).await;
                if let Ok(order) = &result
                    && let Maybe::Value(ref_no) = &order.ref_no
                {
                    orders.push((ref_no.clone(), 0));
                }
                Record {
                    kind: Kind::PlaceOrder,
                    key: Some(key),
                    reported: reported(&result),
                }
            }
            7 if !orders.is_empty() => {
                let index = rng.usize(0..orders.len());
                let (ref_no, sent) = &mut orders[index];
                *sent += 1;
                // A new amount for every refund of an order: a repeated amount would be refused
                // as a duplicate, which would hide a second execution instead of showing it.
                let amount: Money = format!("0.{:02}", *sent)
                    .parse()
                    .unwrap_or_else(|error| panic!("an amount: {error:?}"));
                let result = bounded(
                    "issueRefund",
                    client.issue_refund(
                        ref_no.clone(),
                        amount,
                        None,
                        Some(key.clone()),
                        "Duplicate purchase",
                    ),
                )
                .await;
                Record {
                    kind: Kind::IssueRefund,
                    key: Some(key),
                    reported: reported(&result),
                }
            }
            7 | 8 => {
                // Read the product, then write it back with this call's marker.
                let product =
                    bounded("getProductByCode", client.get_product_by_code(PRODUCT)).await;
                match product {
                    Err(error) => Record {
                        kind: Kind::Read,
                        key: None,
                        reported: Reported::Failed(error.outcome(), variant(&error)),
                    },
                    Ok(mut product) => {
                        records.push(Record {
                            kind: Kind::Read,
                            key: None,
                            reported: Reported::Success,
                        });
                        product.short_description = Maybe::Value(key.clone());
                        let result = bounded("updateProduct", client.update_product(product)).await;
                        Record {
                            kind: Kind::UpdateProduct,
                            key: Some(key),
                            reported: reported(&result),
                        }
                    }
                }
            }
            _ => {
                let id = PROPOSALS[rng.usize(0..PROPOSALS.len())];
                let comment = key.clone();
                let action = match rng.u32(0..3) {
                    0 => ProposalAction::Discard(
                        ProposalActionDiscard::builder()
                            .status_comment(comment)
                            .build(),
                    ),
                    1 => ProposalAction::Decline(
                        ProposalActionDecline::builder()
                            .status_comment(comment)
                            .build(),
                    ),
                    _ => ProposalAction::Reopen(
                        ProposalActionReopen::builder()
                            .status_comment(comment)
                            .build(),
                    ),
                };
                let result = bounded("performAction", client.perform_action(id, action)).await;
                Record {
                    kind: Kind::ProposalAction,
                    key: Some(key),
                    reported: reported(&result),
                }
            }
        };
        records.push(record);
    }
    records
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fault_soak_with_a_ledger() {
    let faults = RandomFaults {
        slow_by: SLOW_BY,
        retry_after: Duration::from_secs(1),
        ..RandomFaults::new(SEED, FAULTS_PER_MILLE)
    };
    let sandbox = start(Sandbox::builder().random_faults(faults).ledger(MARKER)).await;
    let ledger = sandbox.ledger().expect("the ledger is enabled");
    let client = Arc::new(client(&sandbox));
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| tokio::spawn(run_task(Arc::clone(&client), task)))
        .collect();
    let mut records = Vec::new();
    let mut panics = 0;
    for task in tasks {
        match task.await {
            Ok(mut done) => records.append(&mut done),
            Err(error) => {
                panics += 1;
                eprintln!("a task failed: {error}");
            }
        }
    }
    let elapsed = started.elapsed();
    drop(client);
    let stats = sandbox.stats();
    let fault_counts = sandbox.fault_counts();
    // Let answers still in flight (slow ones) finish, so the ledger is complete.
    let _ = tokio::time::timeout(Duration::from_secs(10), sandbox.shutdown()).await;

    assert_eq!(panics, 0, "tasks panicked");
    assert!(records.len() >= 10_000, "{} calls", records.len());

    let executions = ledger.executions_by_key();
    let mut by_kind: BTreeMap<(Kind, Reported), usize> = BTreeMap::new();
    let mut unknown_executed = 0;
    let mut unknown_not_executed = 0;
    let mut problems = Vec::new();
    for record in &records {
        *by_kind
            .entry((record.kind, record.reported.clone()))
            .or_default() += 1;
        let Some(key) = &record.key else {
            assert!(record.kind.idempotent());
            continue;
        };
        let executed = executions.get(key).copied().unwrap_or(0);
        if executed > 1 {
            problems.push(format!(
                "{key} ({:?}) executed {executed} times",
                record.kind
            ));
        }
        match &record.reported {
            Reported::Success if executed != 1 => problems.push(format!(
                "{key} ({:?}) succeeded but was executed {executed} times",
                record.kind
            )),
            Reported::Failed(Outcome::NotExecuted, error) if executed != 0 => {
                problems.push(format!(
                    "{key} ({:?}) reported not executed ({error}) but was",
                    record.kind
                ))
            }
            Reported::Failed(Outcome::Executed, error) if executed != 1 => problems.push(format!(
                "{key} ({:?}) reported executed ({error}) but was executed {executed} times",
                record.kind
            )),
            Reported::Failed(Outcome::Unknown, _) if executed == 1 => unknown_executed += 1,
            Reported::Failed(Outcome::Unknown, _) => unknown_not_executed += 1,
            _ => {}
        }
    }
    // Every keyed call the ledger saw is one this run made, and none was executed twice.
    let keys: std::collections::HashSet<&str> =
        records.iter().filter_map(|r| r.key.as_deref()).collect();
    for (key, count) in &executions {
        assert!(
            keys.contains(key.as_str()),
            "the ledger has an unknown key {key}"
        );
        assert!(*count <= 1, "{key} executed {count} times");
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The failures are the ones the faults explain: nothing client-side, no refused
    // connection, no undecodable result (that would be a sandbox or binding bug), and no
    // JSON-RPC error but session expiries and the proposal state machine's refusals.
    let expected = [
        "timeout",
        "transport",
        "http-status",
        "malformed",
        "wrong-id",
        "rate-limited",
        "json-rpc-error SESSION_EXPIRED",
        "json-rpc-error INVALID_PROPOSAL_ACTION",
    ];
    for record in &records {
        if let Reported::Failed(_, error) = &record.reported {
            assert!(
                expected.contains(&error.as_str()),
                "{:?} {:?} failed unexpectedly: {error}",
                record.kind,
                record.key
            );
        }
    }

    // The figures.
    let calls = records.len();
    let keyed = records.iter().filter(|r| r.key.is_some()).count();
    let failed = records
        .iter()
        .filter(|r| r.reported != Reported::Success)
        .count();
    let entries = ledger.entries();
    // A retry sends the same request id again; a re-send after a new login is a new request.
    let ids: std::collections::HashSet<String> =
        entries.iter().map(|e| e.request_id.to_string()).collect();
    let retries = entries.len() - ids.len();
    let resent = (stats.requests as usize).saturating_sub(calls + stats.logins as usize + retries);
    let resent_keyed = entries
        .iter()
        .filter(|e| e.key.is_some())
        .count()
        .saturating_sub(keyed);
    eprintln!(
        "fault soak: {calls} calls from {TASKS} tasks in {elapsed:.2?} (seed {SEED:#x}, {FAULTS_PER_MILLE}‰ faults)"
    );
    eprintln!(
        "  sandbox: {} HTTP requests, {} logins, {} error answers, {} nonconforming results",
        stats.requests, stats.logins, stats.errors, stats.nonconforming
    );
    eprintln!(
        "  retries (same request sent again): {retries}; re-sends after a session error and a new login: {resent} (of them non-idempotent: {resent_keyed})"
    );
    let injected: u64 = fault_counts.iter().map(|(_, n)| n).sum();
    eprintln!("  faults injected: {injected}");
    for (kind, count) in &fault_counts {
        eprintln!("    {:<16} {count}", kind.name());
    }
    eprintln!("  calls ending in a failure: {failed} (non-idempotent: {keyed} calls)");
    for ((kind, reported), count) in &by_kind {
        eprintln!("    {kind:?} {reported:?}: {count}");
    }
    eprintln!(
        "  unknown outcomes of non-idempotent calls: {unknown_executed} executed, {unknown_not_executed} not executed (per the ledger)"
    );

    // The soak exercised what it claims to.
    for kind in FaultKind::ALL {
        let count = fault_counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n);
        assert!(count > 0, "no {} fault was injected", kind.name());
    }
    assert!(stats.logins > 1, "session expiry forced new logins");
    assert!(unknown_executed > 0 && unknown_not_executed > 0);
    assert_eq!(stats.nonconforming, 0);
}
