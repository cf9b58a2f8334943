//! The seed records, using the identifiers the documentation's samples use.

use serde_json::{Value, json};

use super::{Store, record};

/// The partner of every Channel Manager sample.
pub const PARTNER: &str = "Test Avangate";

/// Builds the seeded store.
pub fn store() -> Store {
    let mut store = Store {
        next_ref_no: 731_522_400,
        next_usage_ref: 120_011_112_631,
        ..Store::default()
    };
    for partner in partners() {
        insert(&mut store.partners, "PartnerCode", partner);
    }
    for product in channel_products() {
        if let Some(id) = product.get("ProductId").and_then(Value::as_i64)
            && let Value::Object(fields) = product
        {
            store.channel_products.insert(id, fields);
        }
    }
    store.pricing_lists = pricing_lists();
    for reseller in resellers() {
        insert(&mut store.resellers, "ResellerCode", reseller);
    }
    for order in orders() {
        insert(&mut store.orders, "RefNo", order);
    }
    for product in products() {
        insert(&mut store.products, "ProductCode", product);
    }
    crate::methods::sku_seed(&mut store);
    crate::methods::marketing_seed(&mut store);
    for field in crate::methods::additional_field_seed() {
        if let Some(code) = field.get("Code").and_then(Value::as_str) {
            store
                .additional_fields
                .insert(code.to_string(), field.clone());
        }
    }
    for promotion in crate::methods::promotion_seed() {
        if let Some(code) = promotion.get("Code").and_then(Value::as_str) {
            store.promotions.insert(code.to_string(), promotion.clone());
        }
    }
    for group in product_groups() {
        insert(&mut store.product_groups, "Code", group);
    }
    for subscription in subscriptions() {
        insert(
            &mut store.subscriptions,
            "SubscriptionReference",
            subscription,
        );
    }
    seed_subscription_details(&mut store);
    for customer in customers() {
        insert(&mut store.customers, "AvangateCustomerReference", customer);
    }
    for group in price_option_groups() {
        insert(&mut store.price_option_groups, "Code", group);
    }
    for campaign in cross_sell_campaigns() {
        insert(&mut store.cross_sell_campaigns, "CampaignCode", campaign);
    }
    for proposal in proposals() {
        insert(&mut store.proposals, "proposalId", proposal);
    }
    // The sample attaches DB6F1A946E to order 731522351.
    if let Some(reseller) = store.resellers.get("DB6F1A946E").cloned() {
        store
            .order_resellers
            .insert("731522351".to_string(), reseller);
    }
    store
}

fn insert(map: &mut std::collections::BTreeMap<String, super::Record>, key: &str, value: Value) {
    let record = record(value);
    let id = match record.get(key) {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => return,
    };
    map.insert(id, record);
}

fn partners() -> Vec<Value> {
    vec![
        json!({
            "PartnerCode": PARTNER,
            "CompanyName": "Test Avangate Partner SRL",
            "Email": "partner@example.com",
            "CommunicationLanguage": "en",
            "Currency": "USD",
            "CreditLimit": 10000.0,
            "AvailableCreditLimit": 7500.0,
        }),
        json!({
            "PartnerCode": "Second Partner",
            "CompanyName": "Second Partner GmbH",
            "Email": "second@example.com",
            "CommunicationLanguage": "de",
            "Currency": "EUR",
            "CreditLimit": null,
            "AvailableCreditLimit": null,
        }),
    ]
}

/// The price options of the Channel Manager products: product id, option code, what the option
/// adds to the unit price. The first option of a product is its default.
pub const CHANNEL_PRODUCT_OPTIONS: &[(i64, &str, &str)] = &[
    (4_712_041, "1YEAR", "0"),
    (4_712_041, "2YEARS", "40.00"),
    (4_712_057, "STANDARD", "0"),
];

/// Products partners can buy, as `ProductInfo` records (the price comes from a pricing list).
fn channel_products() -> Vec<Value> {
    vec![
        json!({
            "ProductId": 4_712_041,
            "ProductCode": "CM-ANTIVIRUS",
            "ProductName": "Antivirus Pro",
            "ProductVersion": "12",
            "ProductStatus": true,
            "ProductType": "REGULAR",
            "GiftOption": false,
            "ShortDescription": "Antivirus for one device.",
            "Platforms": null,
        }),
        json!({
            "ProductId": 4_712_057,
            "ProductCode": "CM-BACKUP",
            "ProductName": "Backup Suite",
            "ProductVersion": "3.1",
            "ProductStatus": true,
            "ProductType": "REGULAR",
            "GiftOption": false,
            "ShortDescription": "Encrypted backups.",
            "Platforms": null,
        }),
        // Disabled: no pricing list can sell it.
        json!({
            "ProductId": 4_712_099,
            "ProductCode": "CM-RETIRED",
            "ProductName": "Retired Tool",
            "ProductStatus": false,
            "ProductType": "REGULAR",
        }),
    ]
}

/// The partners' pricing lists. `EFBECC428A` is the code of the documentation's sample.
fn pricing_lists() -> std::collections::BTreeMap<String, super::PricingList> {
    use rust_decimal::Decimal;

    let price = |text: &str| crate::money::parse(text).unwrap_or(Decimal::ZERO);
    let list = |partner: &str, name: &str, currency: &str, margin: &str, prices: &[(i64, &str)]| {
        super::PricingList {
            partner: partner.to_owned(),
            name: name.to_owned(),
            currency: currency.to_owned(),
            margin_percent: price(margin),
            prices: prices.iter().map(|(id, p)| (*id, price(p))).collect(),
        }
    };
    [
        (
            "EFBECC428A",
            list(
                PARTNER,
                "Standard USD",
                "USD",
                "10",
                &[(4_712_041, "49.99"), (4_712_057, "19.90")],
            ),
        ),
        (
            "VOLUME-USD",
            list(PARTNER, "Volume USD", "USD", "15", &[(4_712_041, "39.95")]),
        ),
        (
            "PARTNER2-EUR",
            list(
                "Second Partner",
                "Standard EUR",
                "EUR",
                "12.5",
                &[(4_712_041, "45.50"), (4_712_057, "17.30")],
            ),
        ),
    ]
    .into_iter()
    .map(|(code, list)| (code.to_owned(), list))
    .collect()
}

fn resellers() -> Vec<Value> {
    let mut resellers = vec![
        json!({
            "PartnerCode": PARTNER,
            "ResellerCode": "Q6WSZXXAA7",
            "FirstName": "test",
            "LastName": "test",
            "Company": "Test Partner 44",
            "Email": "test1111@example.com",
            "Address": "a4126f5939",
            "City": "bbbb",
            "PostalCode": "4acbc843c0",
            "Country": "RO",
            "State": "kkk",
            "Phone": "kkk",
            "Fax": "gfgdfg",
        }),
        json!({
            "PartnerCode": PARTNER,
            "ResellerCode": "DB6F1A946E",
            "FirstName": "Jane",
            "LastName": "Doe",
            "Company": "Doe Reselling",
            "Email": "jane.doe@example.com",
            "Address": "1 Main Street",
            "City": "Bucharest",
            "PostalCode": "010101",
            "Country": "RO",
            "State": "B",
            "Phone": "0040212000000",
            "Fax": null,
        }),
        json!({
            "PartnerCode": "Second Partner",
            "ResellerCode": "SP00000001",
            "FirstName": "Max",
            "LastName": "Muster",
            "Company": "Muster IT",
            "Email": "max@example.com",
            "Address": "Hauptstrasse 1",
            "City": "Berlin",
            "PostalCode": "10115",
            "Country": "DE",
            "State": null,
            "Phone": null,
            "Fax": null,
        }),
    ];
    // Enough resellers that the default page (10) is not the whole list.
    for n in 1..=12 {
        resellers.push(json!({
            "PartnerCode": PARTNER,
            "ResellerCode": format!("TA{n:08}"),
            "FirstName": format!("Reseller{n}"),
            "LastName": "Sample",
            "Company": format!("Sample Reseller {n}"),
            "Email": format!("reseller{n}@example.com"),
            "Country": "US",
        }));
    }
    resellers
}

fn orders() -> Vec<Value> {
    vec![
        json!({
            "RefNo": "731522351",
            "OrderNo": 0,
            "PartnerCode": PARTNER,
            "Currency": "usd",
            "Country": "us",
            "Language": "en",
            "Status": "COMPLETE",
            "ApproveStatus": "OK",
            "OrderDate": "2026-01-07 10:00:00",
            "Items": [{ "Code": "NewProdCodeAPI12345", "Quantity": 5 }],
            "NetPrice": 495,
            "GrossPrice": 495,
        }),
        // A partner order with no reseller attached yet.
        json!({
            "RefNo": "731522353",
            "OrderNo": 0,
            "PartnerCode": PARTNER,
            "Currency": "usd",
            "Country": "us",
            "Language": "en",
            "Status": "COMPLETE",
            "ApproveStatus": "OK",
            "OrderDate": "2026-01-09 11:00:00",
            "Items": [{ "Code": "NewProdCodeAPI12345_PRO", "Quantity": 2 }],
            "NetPrice": 398,
            "GrossPrice": 398,
        }),
        json!({
            "RefNo": "731522352",
            "OrderNo": 0,
            "PartnerCode": "",
            "Currency": "brl",
            "Country": "br",
            "Language": "en",
            "Status": "PENDING",
            "ApproveStatus": "WAITING",
            "OrderDate": "2026-01-08 09:30:00",
            "Items": [{ "Code": "my_subscription_1", "Quantity": 1 }],
            "NetPrice": 500,
            "GrossPrice": 500,
        }),
    ]
}

fn pricing(code: &str, usd: &str, brl: &str) -> Value {
    let (usd, brl) = (crate::money::literal(usd), crate::money::literal(brl));
    json!([{
        "Name": format!("{code} pricing"),
        "Code": format!("{code}_PC"),
        "Default": true,
        "BillingCountries": [],
        "PricingSchema": "FLAT",
        "PriceType": "NET",
        "DefaultCurrency": "USD",
        "Prices": {
            "Regular": [
                { "Amount": usd, "Currency": "USD", "MinQuantity": 1, "MaxQuantity": 99999, "OptionCodes": [] },
                { "Amount": brl, "Currency": "BRL", "MinQuantity": 1, "MaxQuantity": 99999, "OptionCodes": [] },
            ],
            "Renewal": [],
        },
        "PriceOptions": [{ "Code": "SUPPORT", "Required": false }],
    }])
}

fn product(code: &str, name: &str, id: i64, usd: &str, brl: &str) -> Value {
    json!({
        "AvangateId": id.to_string(),
        "ProductCode": code,
        "ProductType": "REGULAR",
        "ProductName": name,
        "ProductVersion": "1.0",
        "GroupName": "General",
        "ShippingClass": null,
        "GiftOption": false,
        "ShortDescription": format!("{name}, short description"),
        "LongDescription": format!("<p>{name}, long description</p>"),
        "SystemRequirements": "",
        "ProductCategory": "Software",
        "Platforms": [],
        "ProductImages": [],
        "TrialUrl": "",
        "TrialDescription": "",
        "Enabled": true,
        "AdditionalFields": [],
        "Translations": [],
        "PricingConfigurations": pricing(code, usd, brl),
        "Prices": [],
        "BundleProducts": [],
        "Fulfillment": "NO_DELIVERY",
        "GeneratesSubscription": true,
        "SubscriptionInformation": {
            "DeprecatedProducts": [],
            "BundleRenewalManagement": "GLOBAL",
            "BillingCycle": 12,
            "BillingCycleUnits": "M",
            "IsOneTimeFee": false,
            "ContractPeriod": null,
            "UsageBilling": 0,
            "GracePeriod": null,
        },
    })
}

/// The group every seeded product is in, and the group the update sample edits.
fn product_groups() -> Vec<Value> {
    vec![
        json!({
            "Name": "General",
            "Code": "96A9F43B1B",
            "TemplateName": "Default Template",
            "Description": "Products without a group of their own",
            "Enabled": true,
        }),
        json!({
            "Name": "Group from API",
            "Code": "DBA13A4268",
            "TemplateName": "Default Template",
            "Description": "A group to update",
            "Enabled": true,
        }),
    ]
}

/// A physical product (it has a shipping class, renews nothing): the shipping price samples'.
fn tangible_product() -> Value {
    let mut product = product(
        "my_product_code_1",
        "Printed manual",
        4_590_129,
        "19.90",
        "99.50",
    );
    product["ShippingClass"] = json!({ "Name": "Parcel", "Amount": 0, "Currency": "USD", "ApplyTo": "PRODUCT", "Type": "FIXED" });
    product["GeneratesSubscription"] = json!(false);
    product["Fulfillment"] = json!("BY_VENDOR");
    product
}

fn products() -> Vec<Value> {
    vec![
        product(
            "NewProdCodeAPI12345",
            "Product created via API",
            4_590_126,
            "99.00",
            "499.00",
        ),
        product(
            "NewProdCodeAPI12345_PRO",
            "Product created via API, Pro",
            4_590_127,
            "199.00",
            "999.00",
        ),
        product(
            "my_subscription_1",
            "My subscription",
            4_590_128,
            "49.00",
            "500.00",
        ),
        // The product of the test-order sample (Payment flow with test orders).
        product(
            "5DCB30C6B0",
            "Subscription of the test-order sample",
            4_590_130,
            "29.90",
            "149.50",
        ),
        tangible_product(),
    ]
}

fn end_user(first: &str, last: &str, email: &str, country: &str) -> Value {
    json!({
        "FirstName": first, "LastName": last, "Email": email, "Company": null,
        "Phone": null, "Fax": null, "Address1": "Street 1", "Address2": null,
        "Zip": "000000", "City": "City", "State": null, "CountryCode": country, "Language": "en",
    })
}

fn subscription(reference: &str, product: &str, customer: i64, partner: &str, n: u32) -> Value {
    let (first, email, country) = match customer {
        258_075_058 => ("John", "john.doe@example.com", "us"),
        _ => ("Ana", "ana.pop@example.com", "ro"),
    };
    json!({
        "SubscriptionReference": reference,
        "StartDate": format!("2025-{:02}-01", 1 + n % 12),
        "ExpirationDate": format!("2026-{:02}-01", 1 + n % 12),
        "RecurringEnabled": true,
        "SubscriptionEnabled": true,
        "Product": {
            "ProductCode": product,
            "ProductId": 4_590_126,
            "ProductName": "Product created via API",
            "ProductQuantity": 1 + n % 3,
            "ProductVersion": "1.0",
            "PriceOptionCodes": [],
        },
        "EndUser": end_user(first, "Doe", email, country),
        "SKU": "",
        "DeliveryInfo": { "Description": "", "Codes": [] },
        "ReceiveNotifications": true,
        "Lifetime": false,
        "PartnerCode": partner,
        "AvangateCustomerReference": customer,
        "ExternalCustomerReference": if customer == 258_075_058 { json!("EXT-CUST-001") } else { Value::Null },
        "TestSubscription": true,
        "IsTrial": false,
    })
}

fn subscriptions() -> Vec<Value> {
    let mut subscriptions = vec![
        subscription("30E47F8699", "NewProdCodeAPI12345", 258_075_058, "", 0),
        subscription("XYZ23GHUJK", "NewProdCodeAPI12345", 258_075_058, PARTNER, 1),
    ];
    // The references the lifecycle samples use: a trial (convertTrial), a pay-per-usage
    // subscription (usage, pause) and the additional fields' one.
    let mut trial = subscription("BF44555C6C", "my_subscription_1", 141_589_723, "", 5);
    trial["IsTrial"] = Value::Bool(true);
    trial["RecurringEnabled"] = Value::Bool(false);
    trial["StartDate"] = json!("2026-01-01");
    trial["ExpirationDate"] = json!("2026-01-15");
    subscriptions.push(trial);
    subscriptions.push(subscription(
        USAGE_SUBSCRIPTION,
        "my_subscription_1",
        141_589_723,
        "",
        6,
    ));
    subscriptions.push(subscription(
        "351D8F557E",
        "NewProdCodeAPI12345",
        258_075_058,
        "",
        7,
    ));
    // A few more so searches filter and paginate over something.
    for n in 2..14u32 {
        let product = if n % 2 == 0 {
            "NewProdCodeAPI12345"
        } else {
            "my_subscription_1"
        };
        let customer = if n % 3 == 0 { 258_075_058 } else { 141_589_723 };
        let partner = if n % 4 == 0 { PARTNER } else { "" };
        subscriptions.push(subscription(
            &format!("5E1A{n:06X}"),
            product,
            customer,
            partner,
            n,
        ));
    }
    subscriptions
}

/// Every seeded subscription gets its first purchase in its history and a test card on file;
/// the usage sample's subscription gets usage records.
fn seed_subscription_details(store: &mut Store) {
    let seeded: Vec<(String, String, String, Value)> = store
        .subscriptions
        .values()
        .map(|s| {
            let text = |name: &str| {
                s.get(name)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            (
                text("SubscriptionReference"),
                text("StartDate"),
                text("ExpirationDate"),
                s.get("AvangateCustomerReference")
                    .cloned()
                    .unwrap_or(Value::Null),
            )
        })
        .collect();
    for (n, (reference, start, expiration, customer)) in seeded.into_iter().enumerate() {
        let order = 731_500_000 + n as u64;
        store.subscription_history.insert(
            reference.clone(),
            vec![record(json!({
                "ReferenceNo": order.to_string(),
                "Type": "SALE",
                "SubscriptionReference": reference,
                "StartDate": start,
                "ExpirationDate": expiration,
                "Lifetime": false,
                "SKU": "",
                "DeliveryInfo": { "Description": "", "Codes": [] },
                "PartnerCode": "",
            }))],
        );
        let (first, last, card) = if customer == json!(258_075_058) {
            ("4111", "1111", "Visa")
        } else {
            ("5555", "4444", "MasterCard")
        };
        store.payment_information.insert(
            reference,
            record(json!({
                "Type": "CC",
                "Currency": "USD",
                "PaymentMethod": {
                    "FirstDigits": first, "LastDigits": last, "CardType": card,
                    "ExpirationMonth": "12", "ExpirationYear": "2030",
                    "CardUpdated": false, "Authorize3DSUrl": null,
                },
            })),
        );
    }
    let usages = (0..3u64)
        .map(|n| {
            let reference = store.next_usage_ref;
            store.next_usage_ref += 1;
            record(json!({
                "UsageReference": reference.to_string(),
                "SubscriptionReference": USAGE_SUBSCRIPTION,
                "OptionCode": "MeteredPricing",
                "UsageStart": format!("2026-01-{:02} 10:00:00", 1 + n * 10),
                "UsageEnd": format!("2026-01-{:02} 12:00:00", 1 + n * 10),
                "Units": 10 * (n + 1),
                "Description": format!("Seeded usage {}", n + 1),
            }))
        })
        .collect();
    store.usages.insert(USAGE_SUBSCRIPTION.to_string(), usages);
}

/// The pay-per-usage subscription of the usage samples.
const USAGE_SUBSCRIPTION: &str = "B7D8E72224";

fn customers() -> Vec<Value> {
    vec![
        json!({
            "AvangateCustomerReference": 258_075_058,
            "ExternalCustomerReference": "EXT-CUST-001",
            "FirstName": "John", "LastName": "Doe", "Company": null, "FiscalCode": null,
            "Address1": "Street 1", "Address2": null, "City": "New York", "State": "NY",
            "Zip": "10001", "CountryCode": "us", "Phone": null, "Fax": null,
            "Email": "john.doe@example.com", "ExistingCards": [], "Enabled": true, "Trial": false,
            "Language": "en",
        }),
        json!({
            "AvangateCustomerReference": 141_589_723,
            "ExternalCustomerReference": null,
            "FirstName": "Ana", "LastName": "Pop", "Company": null, "FiscalCode": null,
            "Address1": "Strada 1", "Address2": null, "City": "Cluj", "State": null,
            "Zip": "400000", "CountryCode": "ro", "Phone": null, "Fax": null,
            "Email": "ana.pop@example.com", "ExistingCards": [], "Enabled": true, "Trial": false,
            "Language": "ro",
        }),
    ]
}

fn price_option_groups() -> Vec<Value> {
    vec![
        json!({
            "Name": "Support", "Description": "Support level", "Translations": [],
            "Code": "SUPPORT", "Type": "RADIO", "Required": false, "Usage": "regular",
            "Options": [
                { "Name": "Standard", "Description": "", "Code": "STANDARD", "ScaleMin": 0, "ScaleMax": 0,
                  "SubscriptionImpact": null, "Default": true,
                  "PriceImpact": { "ImpactOn": "BASE", "Percent": 0, "Method": "PERCENT", "Amounts": [], "Impact": "ADD" } },
                { "Name": "Premium", "Description": "", "Code": "PREMIUM", "ScaleMin": 0, "ScaleMax": 0,
                  "SubscriptionImpact": null,
                  "PriceImpact": { "ImpactOn": "BASE", "Percent": 20, "Method": "PERCENT", "Amounts": [], "Impact": "ADD" } },
            ],
        }),
        json!({
            "Name": "Users", "Description": "Number of users", "Translations": [],
            "Code": "USERS", "Type": "INTERVAL", "Required": true, "Usage": "regular",
            "Options": [
                { "Name": "1-5 users", "Description": "", "Code": "USERS_1_5", "ScaleMin": 1, "ScaleMax": 5,
                  "SubscriptionImpact": null, "Default": true,
                  "PriceImpact": { "ImpactOn": "BASE", "Percent": 0, "Method": "PERCENT", "Amounts": [], "Impact": "ADD" } },
                { "Name": "6-50 users", "Description": "", "Code": "USERS_6_50", "ScaleMin": 6, "ScaleMax": 50,
                  "SubscriptionImpact": null,
                  "PriceImpact": { "ImpactOn": "BASE", "Percent": 50, "Method": "PERCENT", "Amounts": [], "Impact": "ADD" } },
            ],
        }),
    ]
}

fn campaign(code: &str, name: &str, master: &str, status: &str, owner: &str) -> Value {
    json!({
        "CampaignCode": code,
        "Name": name,
        "MasterProducts": [master],
        "DisplayType": "cart",
        "DisplayInEmail": false,
        "Products": [{
            "ProductCode": "NewProdCodeAPI12345_PRO",
            "Discount": 10,
            "DiscountType": "PERCENT",
        }],
        "StartDate": "2026-01-01",
        "EndDate": null,
        "CampaignStatus": status,
        "CampaignOwnerType": owner,
    })
}

fn cross_sell_campaigns() -> Vec<Value> {
    vec![
        campaign(
            "2Xrl83GEpeuCr3G3c6+9cg==",
            "Upgrade to Pro",
            "NewProdCodeAPI12345",
            "ACTIVE",
            "MERCH",
        ),
        campaign(
            "3Yrm94HFqfvDs4H4d7+0dh==",
            "Subscription extras",
            "my_subscription_1",
            "ACTIVE",
            "MERCH",
        ),
        campaign(
            "4Zsn05IGrgwEt5I5e8+1ei==",
            "Affiliate bundle",
            "NewProdCodeAPI12345",
            "INACTIVE",
            "AFF",
        ),
    ]
}

fn proposal(id: &str, name: &str, status: &str) -> Value {
    json!({
        "proposalId": id,
        "name": name,
        "version": 1,
        "createDate": "2026-01-05T17:21:42+00:00",
        "updateDate": "2026-01-05T17:21:42+00:00",
        "createdBy": "account.manager@example.com",
        "updatedBy": "account.manager@example.com",
        "locked": false,
        "source": "MERCHANT_API",
        "type": "acquisition",
        "status": status,
        "statusComment": "",
        "content": {
            "Language": "EN",
            "Currency": "USD",
            "LineItems": [{
                "ProductName": "Product created via API",
                "ProductCode": "NewProdCodeAPI12345",
                "Quantity": 5,
                "Price": 99.0,
                "DiscountedPrice": 89.1,
                "PriceType": "net",
                "ContractPeriod": 0,
            }],
        },
        "billTo": { "Company": "Customer Corp", "Email": "buyer@example.com", "Country": "US" },
        "tac": { "content": "Standard terms." },
    })
}

fn proposals() -> Vec<Value> {
    vec![
        proposal(
            "0573e71d-38bb-4d61-88ca-b3c557517c68",
            "Proposal for Customer Corp",
            "opened",
        ),
        proposal(
            "6b1f0a52-4c6e-4f6a-9d55-2f3c8a9e7b10",
            "Proposal already sent",
            "sent",
        ),
    ]
}
