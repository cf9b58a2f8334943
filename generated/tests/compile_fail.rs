//! Sending a method on a client of an API that does not offer it, a partner method without a
//! partner context, or a cart method outside a cart handle, does not compile, and rustc's message says why.
//!
//! Each case is a tiny crate depending on this one, checked with `cargo check` in a scratch
//! directory (dependencies resolve offline from the workspace lock file). The control case
//! compiles, so a failure always comes from the scope rules, not from the scaffolding.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const CONTROL: &str = r#"
use twocheckout::prelude::*;
use twocheckout::{api::{Cm21, Rpc6}, Client, Credentials};

pub async fn run(rpc6: Client<Rpc6>, cm21: Client<Cm21>) -> Result<(), twocheckout::Error> {
    rpc6.get_partner_resellers(twocheckout::PartnerResellersQuery::builder().partner_code("P").build())
        .await?;
    let reseller = cm21.with_partner("P").get_order_reseller("REF").await?;
    cm21.with_partner("P").update_reseller(reseller).await?;
    let cart = cm21.with_partner("P").cart();
    cart.add_product_to_cart(1, None, None, "LIST").await?;
    cart.place_partner_order().await?;
    let _ = Credentials::new("MERCHANT", "KEY");
    Ok(())
}
"#;

const WRONG_API: &str = r#"
use twocheckout::prelude::*;
use twocheckout::{api::Rpc3, Client};

pub async fn run(rpc3: Client<Rpc3>) -> Result<(), twocheckout::Error> {
    rpc3.get_partner_resellers(twocheckout::PartnerResellersQuery::builder().partner_code("P").build())
        .await?;
    Ok(())
}
"#;

const NO_PARTNER: &str = r#"
use twocheckout::prelude::*;
use twocheckout::{api::Cm21, Client};

pub async fn run(cm21: Client<Cm21>) -> Result<(), twocheckout::Error> {
    cm21.get_order_reseller("REF").await?;
    Ok(())
}
"#;

const NO_CART: &str = r#"
use twocheckout::prelude::*;
use twocheckout::{api::Cm21, Client};

pub async fn run(cm21: Client<Cm21>) -> Result<(), twocheckout::Error> {
    cm21.with_partner("P").place_partner_order().await?;
    Ok(())
}
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("workspace root")
}

/// Writes a crate with `lib` as its `src/lib.rs` and runs `cargo check` on it.
fn check(name: &str, lib: &str) -> (bool, String) {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("compile_fail");
    let krate = root.join(name);
    fs::create_dir_all(krate.join("src")).expect("create case dir");
    let generated = workspace().join("generated");
    fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [dependencies]\ntwocheckout = {{ path = {:?} }}\n\n[workspace]\n",
            generated.display().to_string()
        ),
    )
    .expect("write manifest");
    fs::copy(workspace().join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy lock file");
    fs::write(krate.join("src/lib.rs"), lib).expect("write lib.rs");
    let output = Command::new(env!("CARGO"))
        .arg("check")
        .arg("--offline")
        .arg("--quiet")
        .current_dir(&krate)
        // One target dir for all cases, so the dependencies are checked once.
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn scopes_are_enforced_at_compile_time() {
    let (ok, stderr) = check("control", CONTROL);
    assert!(ok, "the control case must compile:\n{stderr}");

    let (ok, stderr) = check("wrong_api", WRONG_API);
    assert!(!ok, "a cm6 method compiled on a JSON-RPC 3.0 client");
    assert!(
        stderr.contains("`GetPartnerResellers` cannot be sent on a `Rpc3` client"),
        "{stderr}"
    );

    let (ok, stderr) = check("no_partner", NO_PARTNER);
    assert!(!ok, "a partner method compiled without a partner context");
    assert!(
        stderr.contains("`GetOrderReseller` cannot be sent on a `Cm21` client"),
        "{stderr}"
    );
    assert!(stderr.contains("client.with_partner(code)"), "{stderr}");

    let (ok, stderr) = check("no_cart", NO_CART);
    assert!(!ok, "a cart method compiled on a partner handle");
    assert!(
        stderr.contains(
            "`PlacePartnerOrder` cannot be sent on a `twocheckout::api::Partner<Cm21>` client"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("client.with_partner(code).cart()"),
        "{stderr}"
    );
}
