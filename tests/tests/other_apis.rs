//! The legacy 3.0 endpoint, the Channel Manager 2.1 partner handle and every login hash, through
//! the runtime's clients.

use twocheckout::Reseller;
use twocheckout::prelude::*;
use twocheckout_rpc::Client;
use twocheckout_rpc::api::{Rpc3, Rpc6};
use twocheckout_rpc::auth::HashAlgorithm;
use twocheckout_tests::{PARTNER, cm21, credentials, sandbox};

#[tokio::test]
async fn legacy_3_0_endpoint_with_md5_login() {
    let sandbox = sandbox().await;
    let client = Client::<Rpc3>::builder(credentials(&sandbox))
        .endpoint(sandbox.rpc3_url())
        .build()
        .expect("client");
    assert!(
        client
            .set_renewal_notification_status("30E47F8699", false)
            .await
            .expect("call")
    );
    assert_eq!(sandbox.stats().logins, 1);
}

#[tokio::test]
async fn every_hash_algorithm_logs_in() {
    let sandbox = sandbox().await;
    for algorithm in [
        HashAlgorithm::Md5,
        HashAlgorithm::Sha256,
        HashAlgorithm::Sha3_256,
    ] {
        let client = Client::<Rpc6>::builder(credentials(&sandbox))
            .endpoint(sandbox.rpc6_url())
            .hash_algorithm(algorithm)
            .build()
            .expect("client");
        client
            .get_product_by_code("NewProdCodeAPI12345")
            .await
            .expect("call");
    }
    assert_eq!(sandbox.stats().logins, 3);
}

#[tokio::test]
async fn channel_manager_2_1_reseller_update() {
    let sandbox = sandbox().await;
    let partner = cm21(&sandbox).with_partner(PARTNER);
    let reseller = Reseller::builder()
        .reseller_code("DB6F1A946E")
        .company("Doe Reselling International")
        .first_name("Jane")
        .last_name("Doe")
        .email("jane.doe@example.com")
        .country("RO")
        .build();
    assert!(partner.update_reseller(reseller).await.expect("update"));
    assert!(
        partner
            .set_order_reseller("731522353", "DB6F1A946E")
            .await
            .expect("attach")
    );
    let attached = partner.get_order_reseller("731522353").await.expect("read");
    assert_eq!(attached.company, "Doe Reselling International");
    assert_eq!(
        attached.city.as_option().map(String::as_str),
        Some("Bucharest"),
        "kept"
    );
    assert_eq!(
        attached.partner_code.as_deref(),
        Some(PARTNER),
        "a reseller stays with its partner"
    );
}
