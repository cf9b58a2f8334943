//! Methods bound with `api!` sent through the real client to a JSON-RPC server on 127.0.0.1.
//!
//! The server is a few lines of axum started by each test: it answers `login` and `setPartner`,
//! echoes what the bound methods need, and records every request so the tests can check the exact
//! params the bindings put on the wire.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use serde_json::{Value, json};

twocheckout_macros::api! {
    #![module = "shop"]
    //! Methods of the merchant and Channel Manager APIs, bound inline.

    /// A reseller attached to a partner.
    #[source("https://docs.2checkout.com/channel-manager-api/reseller")]
    struct Reseller {
        /// Reseller code.
        ResellerCode: String,
        /// Company name.
        Company: String,
        /// Phone number. Can be NULL.
        Phone: Option<Nullable<String>>,
    }

    /// A product, as far as these tests read it.
    #[source("https://docs.2checkout.com/api/get-product-by-code")]
    struct Product {
        /// Product code.
        ProductCode: String,
        /// Product name.
        ProductName: String,
        /// Whether the product can be bought.
        Enabled: Option<bool>,
    }

    /// Retrieve a product by its code.
    #[source("https://docs.2checkout.com/api/get-product-by-code")]
    #[api(rpc6)]
    #[retry_safe]
    fn getProductByCode(
        /// The product code.
        ProductCode: String,
        /// Language of the texts.
        Language: Option<String>,
    ) -> Product;

    /// Update the details of an existing reseller.
    #[source("https://docs.2checkout.com/channel-manager-api/update-reseller")]
    #[api(cm21)]
    #[partner]
    fn updateReseller(
        /// The reseller, with every field to keep.
        Reseller: Reseller,
    ) -> bool;
}

/// One request as the server received it.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    method: String,
    params: Vec<Value>,
}

/// The requests received so far, shared with the handler.
#[derive(Clone, Default)]
struct Journal(Arc<Mutex<Vec<Received>>>);

impl Journal {
    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.0.lock().expect("journal lock"))
    }
}

/// Answers one JSON-RPC request the way the documentation shows it.
async fn answer(
    State(journal): State<Journal>,
    uri: axum::http::Uri,
    body: String,
) -> axum::Json<Value> {
    let Ok(request) = serde_json::from_str::<Value>(&body) else {
        return axum::Json(json!({
            "jsonrpc": "2.0", "id": null,
            "error": {"code": -32700, "message": "Parse error"}
        }));
    };
    let id = request["id"].clone();
    let method = request["method"].as_str().unwrap_or_default().to_owned();
    let params = request["params"].as_array().cloned().unwrap_or_default();
    journal.0.lock().expect("journal lock").push(Received {
        path: uri.path().to_owned(),
        method: method.clone(),
        params: params.clone(),
    });
    let result = match method.as_str() {
        "login" => json!("SESSION-LOOPBACK-1"),
        "setPartner" => json!(true),
        "getProductByCode" => json!({
            "ProductCode": params.get(1).cloned().unwrap_or(Value::Null),
            "ProductName": "Software Antivirus",
            "Enabled": true,
            "ProductVersion": "1.0",
        }),
        "updateReseller" => json!(true),
        _ => {
            return axum::Json(json!({
                "jsonrpc": "2.0", "id": id,
                "error": {"code": -32601, "message": "Method not found"}
            }));
        }
    };
    axum::Json(json!({"jsonrpc": "2.0", "id": id, "result": result}))
}

/// Starts the server on an ephemeral port of 127.0.0.1; returns its base URL and journal.
async fn start_server() -> (String, Journal) {
    let journal = Journal::default();
    let app = Router::new().fallback(answer).with_state(journal.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), journal)
}

/// A client of API `A` for the loopback server at `base` + `path`.
fn client<A: twocheckout_rpc::api::Api>(base: &str, path: &str) -> twocheckout_rpc::Client<A> {
    twocheckout_rpc::Client::<A>::builder(twocheckout_rpc::Credentials::new(
        "LOOPBACK",
        "loopback-secret-key",
    ))
    .endpoint(format!("{base}{path}"))
    .build()
    .expect("a loopback client")
}

#[tokio::test]
async fn a_bound_read_logs_in_then_sends_its_params() {
    use shop::ShopMethods;

    let (base, journal) = start_server().await;
    let client = client::<twocheckout_rpc::api::Rpc6>(&base, "/rpc/6.0/");

    let product = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("getProductByCode answers");
    assert_eq!(product.product_code, "NewProdCodeAPI12345");
    assert_eq!(product.product_name, "Software Antivirus");
    assert_eq!(product.enabled, Some(true));
    // A field the spec does not know is kept.
    assert_eq!(
        product
            .unknown_fields
            .get("ProductVersion")
            .map(|json| json.to_value()),
        Some(json!("1.0"))
    );

    let received = journal.take();
    let methods: Vec<&str> = received.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["login", "getProductByCode"]);
    let call = &received[1];
    assert_eq!(call.path, "/rpc/6.0/");
    // The session id first, then the one given param; the absent trailing optional is omitted.
    assert_eq!(
        call.params,
        [json!("SESSION-LOOPBACK-1"), json!("NewProdCodeAPI12345")]
    );
}

#[tokio::test]
async fn an_optional_param_follows_the_required_one() {
    use shop::ShopMethods;

    let (base, journal) = start_server().await;
    let client = client::<twocheckout_rpc::api::Rpc6>(&base, "/rpc/6.0/");

    client
        .get_product_by_code("NewProdCodeAPI12345")
        .language("fr")
        .await
        .expect("getProductByCode answers");

    let received = journal.take();
    assert_eq!(
        received.last().map(|r| r.params.clone()),
        Some(vec![
            json!("SESSION-LOOPBACK-1"),
            json!("NewProdCodeAPI12345"),
            json!("fr")
        ])
    );
}

#[tokio::test]
async fn a_partner_method_sets_the_partner_first_and_sends_the_object() {
    use shop::ShopMethods;

    let (base, journal) = start_server().await;
    let client = client::<twocheckout_rpc::api::Cm21>(&base, "/channel-manager/2.1/rpc/");
    let partner = client.with_partner("Test Avangate");

    let mut reseller = shop::Reseller::builder()
        .reseller_code("Q6WSZXXAA7")
        .company("Reseller Inc.")
        .build();
    reseller.phone = twocheckout_rpc::support::Maybe::Null;
    let updated = partner
        .update_reseller(reseller)
        .await
        .expect("updateReseller answers");
    assert!(updated);

    let received = journal.take();
    let methods: Vec<&str> = received.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["login", "setPartner", "updateReseller"]);
    assert_eq!(
        received[1].params,
        [json!("SESSION-LOOPBACK-1"), json!("Test Avangate")]
    );
    // Required fields and the explicit null are sent; nothing else is invented.
    assert_eq!(
        received[2].params,
        [
            json!("SESSION-LOOPBACK-1"),
            json!({"ResellerCode": "Q6WSZXXAA7", "Company": "Reseller Inc.", "Phone": null})
        ]
    );
}

#[tokio::test]
async fn a_request_built_apart_is_sent_with_call() {
    let (base, journal) = start_server().await;
    let client = client::<twocheckout_rpc::api::Rpc6>(&base, "/rpc/6.0/");

    let request = shop::GetProductByCode::new("NewProdCodeAPI12345");
    let product = client
        .call(request)
        .await
        .expect("getProductByCode answers");
    assert_eq!(product.product_code, "NewProdCodeAPI12345");
    assert_eq!(journal.take().len(), 2);
}

/// The same methods bound from a spec file.
mod from_file {
    twocheckout_macros::include_api!("tests/specs/shop.api");
}

#[tokio::test]
async fn methods_bound_from_a_file_are_sent_too() {
    use from_file::shop::{AmountType, Discount, ProposalAction, ProposalActionSend, ShopMethods};

    let (base, journal) = start_server().await;
    let client = client::<twocheckout_rpc::api::Rpc6>(&base, "/rpc/6.0/");
    let product = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("getProductByCode answers");
    assert_eq!(product.product_name, "Software Antivirus");

    // Objects of the file read leniently and write a value back in the form it arrived in,
    // or in the declared type once changed (a whole float as an integer).
    let mut discount: Discount =
        serde_json::from_value(json!({"Type": "PERCENT", "Value": "10"})).expect("a discount");
    assert_eq!(discount.type_, AmountType::Percent);
    assert_eq!(
        serde_json::to_value(&discount).expect("encodes"),
        json!({"Type": "PERCENT", "Value": "10"})
    );
    discount.value = 12.0;
    assert_eq!(
        serde_json::to_value(&discount).expect("encodes"),
        json!({"Type": "PERCENT", "Value": 12})
    );

    // Tagged unions write the tag first, then the payload.
    let action = ProposalAction::Send(
        ProposalActionSend::builder()
            .expiration_date("2026-12-31T00:00:00Z")
            .build(),
    );
    assert_eq!(
        serde_json::to_value(&action).expect("encodes"),
        json!({"action": "send", "ExpirationDate": "2026-12-31T00:00:00Z"})
    );
    assert_eq!(journal.take().len(), 2);
}

/// Two files checked as one spec: `orders.api` uses the types of `shop.api`.
mod from_two_files {
    twocheckout_macros::include_api!("tests/specs/shop.api", "tests/specs/orders.api");
}

#[tokio::test]
async fn files_bound_together_share_their_types() {
    use from_two_files::orders::OrderLine;
    use from_two_files::shop::Product;

    let product: Product = serde_json::from_value(json!({
        "ProductCode": "NewProdCodeAPI12345",
        "ProductName": "Software Antivirus",
    }))
    .expect("a product");
    let line = OrderLine::builder().product(product).quantity(5).build();
    assert_eq!(
        serde_json::to_value(&line).expect("encodes"),
        json!({
            "Product": {"ProductCode": "NewProdCodeAPI12345", "ProductName": "Software Antivirus"},
            "Quantity": 5
        })
    );
    // The glob re-exports make every item reachable from the calling module too.
    let _: Option<from_two_files::GetLinesPrice> = None;
}
