//! The whole of `api-spec/` bound with `include_api!` and called against the sandbox server, which
//! checks login hashes, sessions and params against the same spec.

use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials};
use twocheckout_sandbox::Sandbox;

/// The spec files, bound together since they name each other's types. (The byte-for-byte
/// comparison with the generator reads the directory itself, so it covers files added later.)
mod bindings {
    twocheckout_macros::include_api!(
        "../api-spec/account.api",
        "../api-spec/auth.api",
        "../api-spec/common.api",
        "../api-spec/cross_sell.api",
        "../api-spec/customer.api",
        "../api-spec/order.api",
        "../api-spec/partner_subscription.api",
        "../api-spec/pricing.api",
        "../api-spec/product.api",
        "../api-spec/proposal.api",
        "../api-spec/reseller.api",
        "../api-spec/subscription.api",
        "../api-spec/subscription_upgrade.api",
        "../api-spec/upsell.api",
        "../api-spec/upsell_campaign.api",
    );
}

#[tokio::test]
async fn a_method_bound_from_the_real_spec_reads_a_seeded_product() {
    use bindings::product::ProductMethods;

    let sandbox = Sandbox::builder()
        .start()
        .await
        .expect("the sandbox starts");
    let client = Client::<Rpc6>::builder(Credentials::new(
        sandbox.merchant_code(),
        sandbox.secret_key(),
    ))
    .endpoint(sandbox.rpc6_url())
    .build()
    .expect("a sandbox client");

    let product = client
        .get_product_by_code("NewProdCodeAPI12345")
        .await
        .expect("the seeded product");
    assert_eq!(product.product_code, "NewProdCodeAPI12345");
}
