//! Walking every page of a search, in each paging style the spec has, through the generated
//! client against the sandbox: each page is asked for once and the walk stops at the last one.
//! (`Page` / `Limit` with a `Count`: `searchOrders` in `orders.rs`.)

use twocheckout::prelude::*;
use twocheckout::{
    Pagination, Proposal, ProposalHistory, ProposalHistoryOptions, ProposalSearchOptions,
    SearchProposalHistoryById, SearchUpsellCampaigns, SkuSearch, UpsellSearchResult,
};
use twocheckout_rpc::{Paginated, Paging};
use twocheckout_sandbox::RunningSandbox;
use twocheckout_tests::{PARTNER, cm21, rpc6, sandbox};

/// Calls other than logins the sandbox has answered.
fn calls(sandbox: &RunningSandbox) -> u64 {
    let stats = sandbox.stats();
    stats.requests - stats.logins
}

fn proposal_ids(proposals: &[Proposal]) -> Vec<String> {
    proposals
        .iter()
        .map(|p| p.proposal_id.clone().unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn offset_and_limit_walk_the_proposals() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let options = |offset, limit| {
        ProposalSearchOptions::builder()
            .offset(offset)
            .limit(limit)
            .build()
    };
    let all = client
        .search_proposals(options(0, 10))
        .await
        .expect("one page");
    assert_eq!(all.len(), 2, "the seeded proposals");
    let second = client.search_proposals(options(1, 10)).await.expect("page");
    assert_eq!(
        proposal_ids(&second),
        proposal_ids(&all)[1..],
        "offset skips"
    );

    let before = calls(&sandbox);
    let mut pages = client.search_proposals(options(0, 1)).pages();
    let mut walked = Vec::new();
    while let Some(proposal) = pages.next().await {
        walked.push(proposal.expect("proposal"));
    }
    assert_eq!(proposal_ids(&walked), proposal_ids(&all));
    // Two full pages of one, then an empty one: no Count says the second was the last.
    assert_eq!(pages.pages_requested(), 3);
    assert_eq!(calls(&sandbox) - before, 3, "each offset asked once");

    let before = calls(&sandbox);
    let walked = client
        .search_proposals(options(1, 5))
        .pages()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(proposal_ids(&walked), proposal_ids(&all)[1..]);
    assert_eq!(
        calls(&sandbox) - before,
        1,
        "a short first page is the last"
    );

    let named = ProposalSearchOptions::builder()
        .name("already SENT")
        .offset(0)
        .limit(10)
        .build();
    let found = client.search_proposals(named).await.expect("by name");
    assert_eq!(
        proposal_ids(&found),
        ["6b1f0a52-4c6e-4f6a-9d55-2f3c8a9e7b10"]
    );
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[tokio::test]
async fn a_search_without_paging_is_one_request() {
    let sandbox = sandbox().await;
    let client = cm21(&sandbox);
    let before = calls(&sandbox);
    let mut pages = client.search_partners("example.com").pages();
    let mut codes = Vec::new();
    while let Some(partner) = pages.next().await {
        codes.push(partner.expect("partner").partner_code);
    }
    assert_eq!(codes.len(), 2);
    assert!(codes.iter().any(|c| c == PARTNER));
    assert_eq!(pages.pages_requested(), 1);
    assert_eq!(calls(&sandbox) - before, 1);
}

#[tokio::test]
async fn sku_rows_are_walked_through_the_nested_pagination() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let search = |limit: Option<i64>| {
        let builder = SkuSearch::builder()
            .product_code("NewProdCodeAPI12345")
            .pricing_configurations(Vec::new());
        match limit {
            Some(limit) => builder
                .pagination(Pagination::builder().limit(limit).build())
                .build(),
            None => builder.build(),
        }
    };
    let whole = client
        .search_sku(search(Some(200)))
        .await
        .expect("search")
        .to_value();
    let count = whole["Pagination"]["Count"].as_u64().expect("count");
    assert!(count >= 3, "enough SKUs to page: {whole}");
    let skus: Vec<String> = whole["Items"]["NewProdCodeAPI12345"]["Details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| d["ProductSKU"].to_string())
        .collect();

    let before = calls(&sandbox);
    let mut pages = client.search_sku(search(Some(2))).pages();
    let mut walked = Vec::new();
    while let Some(row) = pages.next().await {
        walked.push(row.expect("row").to_value()["ProductSKU"].to_string());
    }
    assert_eq!(walked, skus, "every row once, in order");
    assert_eq!(
        pages.pages_requested(),
        count.div_ceil(2),
        "Count ends the walk"
    );
    assert_eq!(calls(&sandbox) - before, count.div_ceil(2));

    // No Pagination in the request: the walk adds one with the default page size.
    let walked = client
        .search_sku(search(None))
        .pages()
        .try_collect()
        .await
        .expect("walk");
    assert_eq!(walked.len() as u64, count);
    assert_eq!(sandbox.stats().nonconforming, 0);
}

#[test]
fn the_walk_of_every_search_uses_the_paging_it_has() {
    assert_eq!(SearchProposalHistoryById::PAGING, Paging::Offset);
    assert_eq!(SearchUpsellCampaigns::PAGING, Paging::Page);
    assert_eq!(twocheckout::SearchPartners::PAGING, Paging::Single);
    assert_eq!(twocheckout::SearchSku::PAGING, Paging::Page);
    assert_eq!(twocheckout::SearchProposals::PAGING, Paging::Offset);
    assert_eq!(twocheckout::SearchOrders::PAGING, Paging::Page);

    // The sandbox keeps no proposal versions, so that answer is read from its documented shape;
    // a count sent as a string still bounds the upsell walk (the walk itself: `upsell.rs`).
    let upsells: UpsellSearchResult = serde_json::from_str(
        r#"{"Page": 2, "Limit": 2, "Upsells": [
            {"Name": "a", "DisplayForManualRenewals": false, "Discount": {"Type": "PERCENT", "Value": 5},
             "PrimaryProduct": {"Code": "P", "Quantity": 1}},
            {"Name": "b", "DisplayForManualRenewals": true, "Discount": {"Type": "PERCENT", "Value": 7},
             "PrimaryProduct": {"Code": "Q", "Quantity": 0}}
        ], "UpsellsCount": "5"}"#,
    )
    .expect("upsells");
    let page = SearchUpsellCampaigns::into_page(upsells);
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.total, Some(5), "UpsellsCount, sent as a string");

    let history: ProposalHistory = serde_json::from_str(
        r#"{"Versions": [{"proposalId": "x", "version": 2}], "Count": 3, "Limit": 1, "Offset": 1}"#,
    )
    .expect("history");
    let page = SearchProposalHistoryById::into_page(history);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.total, Some(3));

    let request = SearchProposalHistoryById::new(
        "x",
        ProposalHistoryOptions::builder().offset(4).limit(2).build(),
    );
    assert_eq!(request.requested_page(), (Some(4), Some(2)));
    let next = request.for_window(twocheckout_rpc::Window {
        page: 4,
        offset: 6,
        limit: 2,
    });
    assert_eq!(
        next.requested_page(),
        (Some(6), Some(2)),
        "the offset is written"
    );
}

#[test]
fn the_blocking_client_walks_by_offset_and_without_paging() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let sandbox = runtime.block_on(sandbox());
    let client = twocheckout_tests::blocking_rpc6(&sandbox);
    let request = twocheckout::SearchProposals::new(
        ProposalSearchOptions::builder().offset(0).limit(1).build(),
    );
    let before = calls(&sandbox);
    let walked: Vec<Proposal> = client
        .pages(request)
        .map(|p| p.expect("proposal"))
        .collect();
    assert_eq!(walked.len(), 2);
    assert_eq!(calls(&sandbox) - before, 3);
    drop(client);

    let client = twocheckout_rpc::blocking::Client::from_builder(
        twocheckout_rpc::Client::<twocheckout_rpc::api::Cm21>::builder(
            twocheckout_tests::credentials(&sandbox),
        )
        .endpoint(sandbox.cm21_url()),
    )
    .expect("blocking client");
    let before = calls(&sandbox);
    let partners = client
        .pages(twocheckout::SearchPartners::new("gmbh"))
        .map(|p| p.expect("partner").partner_code)
        .collect::<Vec<_>>();
    assert_eq!(partners, ["Second Partner"]);
    assert_eq!(calls(&sandbox) - before, 1);
    drop(client);
    drop(runtime);
}
