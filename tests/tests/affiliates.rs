//! Affiliates through the generated client against the in-process sandbox: one by code, and the
//! search with its filters and page walk.

use twocheckout::prelude::*;
use twocheckout::{Affiliate, AffiliateSearchOptions, AffiliateStatus};
use twocheckout_tests::{code_is, rpc6, sandbox};

fn codes(affiliates: &[Affiliate]) -> Vec<String> {
    let mut codes: Vec<String> = affiliates
        .iter()
        .map(|a| a.affiliate_code.clone())
        .collect();
    codes.sort();
    codes
}

#[tokio::test]
async fn an_affiliate_is_read_by_code() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let affiliate = client.get_affiliate("964CF2AF42").await.expect("get");
    assert_eq!(affiliate.affiliate_code, "964CF2AF42");
    assert_eq!(affiliate.status.as_option(), Some(&AffiliateStatus::Active));
    assert_eq!(
        affiliate.affiliate_name.as_option().map(String::as_str),
        Some("Affiliate 1")
    );
    let lists = affiliate
        .commission_list
        .as_option()
        .expect("commission lists");
    assert_eq!(
        lists[0].commission_rate.as_option().map(String::as_str),
        Some("25%")
    );
    let contact = affiliate.affiliate_contact.as_option().expect("contact");
    assert_eq!(contact.country.as_option().map(String::as_str), Some("US"));

    code_is(client.get_affiliate("0000000000").await, "INVALID_REQUEST");
}

#[tokio::test]
async fn the_search_filters_every_documented_way() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let all = client.search_affiliates().await.expect("all");
    assert_eq!(all.len(), 4);

    let search = |options: AffiliateSearchOptions| {
        let client = &client;
        async move {
            codes(
                &client
                    .search_affiliates()
                    .search_options(options)
                    .await
                    .expect("search"),
            )
        }
    };
    let disabled = AffiliateSearchOptions::builder()
        .status(AffiliateStatus::Disabled)
        .build();
    assert_eq!(search(disabled).await, ["79396127BA"]);
    let by_code = AffiliateSearchOptions::builder()
        .affiliate_code("e4b69882c2")
        .build();
    assert_eq!(search(by_code).await, ["E4B69882C2"]);
    let by_name = AffiliateSearchOptions::builder().name("coupon").build();
    assert_eq!(search(by_name).await, ["E8A1DB473C"]);
    let in_us = AffiliateSearchOptions::builder()
        .country(vec!["US".into()])
        .build();
    assert_eq!(search(in_us).await, ["964CF2AF42", "E8A1DB473C"]);
    let sells_into_bg = AffiliateSearchOptions::builder()
        .target_country(vec!["BG".into()])
        .build();
    assert_eq!(search(sells_into_bg).await, ["E4B69882C2"]);
    let coupon_type = AffiliateSearchOptions::builder()
        .type_(vec!["COUPON".into()])
        .build();
    assert_eq!(search(coupon_type).await, ["E8A1DB473C"]);
    let joined_2025 = AffiliateSearchOptions::builder()
        .request_date_start("2025-01-01")
        .request_date_end("2025-12-31")
        .build();
    assert_eq!(search(joined_2025).await, ["964CF2AF42", "E4B69882C2"]);
    let default_list = AffiliateSearchOptions::builder()
        .commission_list(vec!["default".into()])
        .build();
    assert_eq!(search(default_list).await.len(), 4);
    let other_list = AffiliateSearchOptions::builder()
        .commission_list(vec!["premium".into()])
        .build();
    assert!(search(other_list).await.is_empty());

    code_is(
        client
            .search_affiliates()
            .search_options(AffiliateSearchOptions::builder().limit(10_000).build())
            .await,
        "INVALID_PARAMETER",
    );
}

#[tokio::test]
async fn the_page_walk_visits_every_affiliate_once() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let options = AffiliateSearchOptions::builder().limit(3).build();
    let mut pages = client.search_affiliates().search_options(options).pages();
    let mut walked = Vec::new();
    while let Some(affiliate) = pages.next().await {
        walked.push(affiliate.expect("an affiliate"));
    }
    assert_eq!(walked.len(), 4);
    let all = client.search_affiliates().await.expect("all");
    assert_eq!(codes(&walked), codes(&all));

    let second = client
        .search_affiliates()
        .search_options(AffiliateSearchOptions::builder().page(2).limit(3).build())
        .await
        .expect("second page");
    assert_eq!(second.len(), 1);
}
