//! Per-call client overhead on loopback: this client against a bare `reqwest` +
//! `serde_json::Value` client posting the same request to the same local server.

// The bench harness macros define undocumented functions.
#![allow(missing_docs)]

use std::hint::black_box;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::routing::post;
use criterion::{Criterion, criterion_group, criterion_main};
use serde::ser::SerializeSeq;
use serde_json::{Value, json};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::auth::{HashAlgorithm, login_hash};
use twocheckout_rpc::{AvailableOn, Client, Credentials, Method};

const MERCHANT: &str = "BENCH";
const SECRET: &str = "bench-secret";
const SESSION: &str = "0123456789abcdef0123456789abcdef";

/// A product as `getProductByCode` returns it, trimmed to a typical size (~1 KiB).
fn product() -> Value {
    json!({
        "ProductCode": "P-1001", "ProductName": "Antivirus Pro", "ProductType": "REGULAR",
        "Enabled": true, "GiftOption": false, "ShortDescription": "Protection for one device",
        "ProductVersion": "2026.1", "Platforms": [{"IdPlatform": "23", "PlatformName": "Windows"}],
        "PricingConfigurations": [{"Code": "54DCBC3DC8", "Default": true, "BillingCountries": [],
            "PricingSchema": "DYNAMIC", "PriceType": "NET", "DefaultCurrency": "USD",
            "Prices": {"Regular": [{"Amount": 99, "Currency": "USD", "MinQuantity": 1,
                "MaxQuantity": 99999, "OptionCodes": []}], "Renewal": []},
            "PriceOptions": []}],
        "SubscriptionInformation": {"DeprecatedProducts": [], "BundleRenewalManagement": "GLOBAL",
            "BillingCycle": "1", "BillingCycleUnits": "Y", "IsOneTimeFee": false,
            "GracePeriod": {"Type": "CUSTOM", "PeriodUnits": "D", "Period": "7", "IsUnlimited": false},
            "RenewalEmails": {"Type": "GLOBAL", "Settings": {}}, "UsageBilling": 0},
        "Prices": [], "AvangateId": "4639321", "Translations": [], "Fulfillment": "BY_AVANGATE",
    })
}

/// The local server: `login` answers a fixed session, everything else the product.
async fn answer(body: Bytes) -> ([(&'static str, &'static str); 1], String) {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let result = if request["method"] == "login" {
        json!(SESSION)
    } else {
        product()
    };
    let reply = json!({"jsonrpc": "2.0", "id": request["id"], "result": result});
    ([("content-type", "application/json")], reply.to_string())
}

fn start_server(runtime: &tokio::runtime::Runtime) -> SocketAddr {
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let app = Router::new().route("/rpc/", post(answer));
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    })
}

struct GetProductByCode(&'static str);

impl Method for GetProductByCode {
    const NAME: &'static str = "getProductByCode";
    const RETRY_SAFE: bool = true;
    type Response = Value;

    fn param_count(&self) -> usize {
        1
    }

    fn serialize_params<S: SerializeSeq>(&self, seq: &mut S) -> Result<(), S::Error> {
        seq.serialize_element(self.0)
    }
}

impl AvailableOn<Rpc6> for GetProductByCode {}

/// Posts `request` and parses the answer into a `Value`.
async fn post_value(http: &reqwest::Client, url: &str, request: &Value) -> Value {
    let response = http
        .post(url)
        .header("content-type", "application/json")
        .body(request.to_string())
        .send()
        .await
        .expect("send");
    let body = response.bytes().await.expect("body");
    serde_json::from_slice(&body).expect("json")
}

/// The baseline: what a hand-rolled client does per call.
async fn bare_call(http: &reqwest::Client, url: &str, id: u64, session: &str) -> Value {
    let request = json!({
        "jsonrpc": "2.0", "id": id, "method": "getProductByCode", "params": [session, "P-1001"],
    });
    let mut reply = post_value(http, url, &request).await;
    reply["result"].take()
}

fn overhead(c: &mut Criterion) {
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("server runtime");
    let addr = start_server(&server_runtime);
    let url = format!("http://{addr}/rpc/");
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");

    let client = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(&url)
        .build()
        .expect("client");
    // The baseline gets the same HTTP settings (timeouts, no redirects), so the comparison
    // measures this crate's own work rather than reqwest's timer per request.
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("bare client");
    // Both log in before measuring; the bare client reuses the session id it got.
    let session = client_runtime.block_on(async {
        client
            .call(GetProductByCode("P-1001"))
            .await
            .expect("warm-up");
        let date = "2026-01-01 00:00:00";
        let hash = login_hash(HashAlgorithm::Sha256, MERCHANT, date, SECRET);
        let login = json!({"jsonrpc": "2.0", "id": 0, "method": "login",
                           "params": [MERCHANT, date, hash, "sha256"]});
        let reply = post_value(&http, &url, &login).await;
        reply["result"].as_str().expect("session").to_owned()
    });

    let mut group = c.benchmark_group("loopback_call");
    let mut id = 0;
    // Each variant runs twice, interleaved, so drift in the machine's load shows up as a
    // difference between the two runs of the same variant.
    for round in ["a", "b"] {
        group.bench_function(format!("bare_reqwest_value/{round}"), |b| {
            b.iter(|| {
                id += 1;
                client_runtime.block_on(bare_call(&http, &url, id, &session))
            })
        });
        group.bench_function(format!("twocheckout_rpc/{round}"), |b| {
            b.iter(|| {
                client_runtime
                    .block_on(client.call(black_box(GetProductByCode("P-1001"))))
                    .expect("call")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
