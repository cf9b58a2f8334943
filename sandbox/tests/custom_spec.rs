//! The sandbox knows exactly the methods of the spec it serves: a method added to the spec is
//! validated and answered, one removed is unknown.

mod common;

use common::{Raw, assert_code};
use serde_json::json;
use twocheckout_codegen::load::{Source, load_sources};
use twocheckout_sandbox::Sandbox;

const SPEC: &str = r#"
//! A small spec.

/// Open a session.
#[source("test")]
#[api(rpc6)]
#[no_session]
fn login(
    /// Merchant code.
    merchantCode: String,
    /// Date.
    date: String,
    /// Hash.
    hash: String,
    /// Algorithm.
    algo: Option<String>,
) -> String;

/// A method the sandbox has no behaviour for.
#[source("test")]
#[api(rpc6)]
fn brandNewMethod(
    /// How many.
    Count: i64,
) -> bool;
"#;

#[tokio::test]
async fn serves_the_methods_of_the_given_spec() {
    let spec = load_sources(&[Source {
        name: "small.api".into(),
        text: SPEC.into(),
    }])
    .unwrap_or_else(|diagnostics| panic!("the test spec loads: {diagnostics}"));
    let sandbox = Sandbox::builder().spec(spec).start().await.expect("starts");
    let raw = Raw::new(sandbox.rpc6_url());
    let session = raw.login(&sandbox).await;

    let error = raw.err("brandNewMethod", json!([session, "many"])).await;
    assert_code(&error, "INVALID_PARAMETER");
    let error = raw.err("brandNewMethod", json!([session, 3])).await;
    assert_code(&error, "NOT_AVAILABLE_IN_SANDBOX");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("brandNewMethod"))
    );

    // Not in this spec, so unknown here even though the sandbox has behaviour for it.
    let error = raw
        .err("getProductByCode", json!([session, "NewProdCodeAPI12345"]))
        .await;
    assert_eq!(error["code"], -32601);
}
