//! Leads through the generated client against the in-process sandbox: the published sample
//! recorded, read back, replaced and searched page by page.

use twocheckout::prelude::*;
use twocheckout::{
    BillingDetails, DeliveryDetails, Lead, LeadAdditionalField, LeadCodeFilter, LeadItem,
    LeadItemPrice, LeadItems, LeadList, LeadMarketingCampaign, LeadPriceOption,
    LeadPriceOptionGroup, LeadSearchInput, LeadType, OrderItemRecurringOptions,
};
use twocheckout_rpc::support::{Maybe, Money};
use twocheckout_tests::{code_is, rpc6, sandbox};

/// The lead of the documentation's samples, seeded.
const SAMPLE_LEAD: &str = "60E6C4B574";

fn address(country: &str) -> (BillingDetails, DeliveryDetails) {
    (
        BillingDetails::builder()
            .first_name("Jane")
            .last_name("Doe")
            .email("jane@example.com")
            .country_code(country)
            .build(),
        DeliveryDetails::builder()
            .first_name("Jane")
            .last_name("Doe")
            .email("jane@example.com")
            .country_code(country)
            .build(),
    )
}

/// The item of the add and update samples, field for field.
fn sample_item() -> LeadItem {
    LeadItem::builder()
        .code("04C26C50F8")
        .quantity(2)
        .is_dynamic(false)
        .tangible(true)
        .purchase_type("PRODUCT")
        .price_options(vec![
            LeadPriceOptionGroup::builder()
                .name("group name 1")
                .required(false)
                .options(vec![
                    LeadPriceOption::builder()
                        .name("add25")
                        .value("add25")
                        .surcharge(Money::from(100))
                        .build(),
                ])
                .build(),
        ])
        .recurring_options(
            OrderItemRecurringOptions::builder()
                .cycle_length(6)
                .cycle_unit("MONTH")
                .cycle_amount(Money::from(100))
                .contract_length(2)
                .contract_unit("YEAR")
                .build(),
        )
        .marketing_campaigns(
            LeadMarketingCampaign::builder()
                .type_("23")
                .parent_code("m")
                .campaign_code("23")
                .build(),
        )
        .price(
            LeadItemPrice::builder()
                .amount(Money::from(20))
                .type_("CUSTOM")
                .build(),
        )
        .additional_fields(vec![
            LeadAdditionalField::builder()
                .code("TestFieldOne")
                .text("test text")
                .value("test value")
                .build(),
        ])
        .build()
}

/// The lead of the add sample.
fn sample_lead() -> Lead {
    let (billing, delivery) = address("RO");
    Lead::builder()
        .cart_id("CartIdValue")
        .currency("EUR")
        .language("EN")
        .external_reference("REST_API_2CHECKOUT")
        .source("testAPI.com")
        .customer_reference("asdf1")
        .machine_id("123asd")
        .items(LeadItems::List(vec![sample_item()]))
        .billing_details(billing)
        .delivery_details(delivery)
        .build()
}

fn leads(list: LeadList) -> Vec<Lead> {
    match list {
        LeadList::List(leads) => leads,
        LeadList::Indexed(leads) => leads.into_values().collect(),
        LeadList::Other(json) => panic!("unexpected leads: {}", json.as_str()),
    }
}

fn lead_codes(list: &[Lead]) -> Vec<String> {
    list.iter()
        .filter_map(|l| l.lead_code.as_option().cloned())
        .collect()
}

#[tokio::test]
async fn the_sample_lead_is_recorded_read_and_replaced() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    let added = client.add_lead(sample_lead()).await.expect("add");
    let added = added.to_value();
    let code = added["LeadCode"].as_str().expect("a lead code").to_string();
    assert_eq!(code.len(), 10);
    assert_eq!(added["GeneratedFrom"], "API");

    let read = client.get_lead(code.clone()).await.expect("get");
    assert_eq!(read.lead_code.as_option(), Some(&code));
    assert_eq!(read.currency.as_option().map(String::as_str), Some("EUR"));
    let LeadItems::List(items) = &read.items else {
        panic!("items as sent: {:?}", read.items);
    };
    assert_eq!(items, &vec![sample_item()]);

    let mut changed = read.clone();
    changed.currency = Maybe::Value("USD".into());
    changed.language = Maybe::Value("BG".into());
    changed.items = LeadItems::List(vec![
        LeadItem::builder()
            .code("my_subscription_1")
            .quantity(1)
            .build(),
    ]);
    let updated = client.update_lead(changed.clone()).await.expect("update");
    assert_eq!(updated.to_value()["Currency"], "USD");
    let reread = client.get_lead(code.clone()).await.expect("get again");
    assert_eq!(reread.language.as_option().map(String::as_str), Some("BG"));
    assert_eq!(
        reread.generated_from.as_option().map(String::as_str),
        Some("API")
    );
    let LeadItems::List(items) = &reread.items else {
        panic!("items: {:?}", reread.items);
    };
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].code.as_option().map(String::as_str),
        Some("my_subscription_1")
    );

    let by_product = LeadSearchInput::builder()
        .product_code(LeadCodeFilter::One("my_subscription_1".into()))
        .page(1)
        .limit(10)
        .build();
    let found = client.search_leads(by_product).await.expect("search");
    assert!(lead_codes(&leads(found.items)).contains(&code));
}

#[tokio::test]
async fn unknown_and_incomplete_leads_are_refused() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    code_is(client.get_lead("NOPE000000").await, "LEAD_NOT_FOUND");

    let mut unknown = sample_lead();
    unknown.lead_code = Maybe::Value("NOPE000000".into());
    code_is(client.update_lead(unknown).await, "LEAD_NOT_FOUND");

    let no_code = sample_lead();
    code_is(client.update_lead(no_code).await, "MISSING_PARAMETER");

    let mut no_currency = client.get_lead(SAMPLE_LEAD).await.expect("seeded");
    no_currency.currency = Maybe::Absent;
    code_is(client.update_lead(no_currency).await, "MISSING_PARAMETER");

    let mut empty = sample_lead();
    empty.items = LeadItems::List(Vec::new());
    code_is(client.add_lead(empty).await, "INVALID_LEAD");

    let mut zero = sample_lead();
    zero.items = LeadItems::List(vec![LeadItem::builder().code("X").quantity(0).build()]);
    code_is(client.add_lead(zero).await, "INVALID_LEAD");

    let mut bad_currency = sample_lead();
    bad_currency.currency = Maybe::Value("EURO".into());
    code_is(client.add_lead(bad_currency).await, "INVALID_LEAD");
}

#[tokio::test]
async fn the_search_sample_filters_and_pages() {
    let sandbox = sandbox().await;
    let client = rpc6(&sandbox);
    // The search sample: new leads in Bulgarian carts billed in Romania.
    let sample = LeadSearchInput::builder()
        .type_(LeadType::New)
        .language("BG")
        .country("RO")
        .page(1)
        .limit(200)
        .build();
    let found = client.search_leads(sample).await.expect("search");
    let pagination = found.pagination.as_option().cloned().expect("pagination");
    assert_eq!(pagination.count.as_option(), Some(&2));
    let mut codes = lead_codes(&leads(found.items));
    codes.sort();
    assert_eq!(codes, ["60E6C4B574", "B3F9E01A45"]);

    let used = LeadSearchInput::builder()
        .type_(LeadType::Used)
        .page(1)
        .limit(10)
        .build();
    let found = client.search_leads(used).await.expect("used");
    assert_eq!(lead_codes(&leads(found.items)), ["7A1D0C3E22"]);

    let dated = LeadSearchInput::builder()
        .start_date("2026-01-01")
        .end_date("2026-02-28")
        .page(1)
        .limit(10)
        .build();
    let found = client.search_leads(dated).await.expect("dated");
    assert_eq!(lead_codes(&leads(found.items)), ["7A1D0C3E22"]);

    let by_email = LeadSearchInput::builder()
        .email("CLIENT@example.com")
        .page(1)
        .limit(10)
        .build();
    let found = client.search_leads(by_email).await.expect("email");
    assert_eq!(lead_codes(&leads(found.items)), ["B3F9E01A45"]);

    let codes_filter = LeadSearchInput::builder()
        .lead_code(LeadCodeFilter::Many(vec![
            SAMPLE_LEAD.into(),
            "7A1D0C3E22".into(),
        ]))
        .page(1)
        .limit(10)
        .build();
    let found = client.search_leads(codes_filter).await.expect("codes");
    assert_eq!(leads(found.items).len(), 2);

    let mut walked = Vec::new();
    for page in 1..=4 {
        let input = LeadSearchInput::builder().page(page).limit(2).build();
        let answer = client.search_leads(input).await.expect("page");
        let count = answer
            .pagination
            .as_option()
            .and_then(|p| p.count.as_option().copied());
        assert_eq!(count, Some(3));
        let items = leads(answer.items);
        if items.is_empty() {
            break;
        }
        walked.extend(lead_codes(&items));
    }
    walked.sort();
    assert_eq!(walked, ["60E6C4B574", "7A1D0C3E22", "B3F9E01A45"]);

    code_is(
        client
            .search_leads(LeadSearchInput::builder().page(0).limit(10).build())
            .await,
        "INVALID_PARAMETER",
    );
}
