//! Orders: placing them (catalog, dynamic and renewal orders, every payment type), reading,
//! searching and refunding them, their invoices and shipping prices.
//!
//! Pricing is exact (`rust_decimal`): an item's unit price is the product's regular price in the
//! order currency from its default pricing configuration, plus the impact of the price options
//! chosen (PERCENT of the base price, or a FIXED amount in the currency), rounded to cents; the
//! sandbox charges no tax, so gross equals net. Dynamic items and renewals priced `CUSTOM` use
//! the amount they send.
//!
//! Payment outcome by `PaymentDetails.Type`: card-like payments (`TEST`, `CC`,
//! `EES_TOKEN_PAYMENT`, `PREVIOUS_ORDER`, `APPLE_PAY`, `GOOGLE_PAY`) and `FREE` orders are
//! authorized at once (`AUTHRECEIVED` in the answer) and completed (`COMPLETE` when read back);
//! offline and redirect payments (PayPal, wire, check, iDEAL, Alipay, Boleto) stay `PENDING`.
//! The decline card [`DECLINE_CARD`] and card numbers failing the Luhn check are refused with
//! `CARD_PAYMENT_ERROR`. Completed orders create a subscription per subscription product, and a
//! customer when the order names none the sandbox knows.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::catalog::catalog_price;
use super::{Call, as_bool, as_text, field, page_and_limit, paginate};
use crate::money::{self, cents, to_value};
use crate::rpc::RpcError;
use crate::state::{Record, Store, record};

/// The card the sandbox declines (any payment type that carries a card).
pub const DECLINE_CARD: &str = "4000000000000002";

/// Payment types authorized at once.
const INSTANT: [&str; 7] = [
    "TEST",
    "CC",
    "EES_TOKEN_PAYMENT",
    "PREVIOUS_ORDER",
    "APPLE_PAY",
    "GOOGLE_PAY",
    "FREE",
];

/// Order statuses whose payment was collected.
const COLLECTED: [&str; 2] = ["COMPLETE", "AUTHRECEIVED"];

/// At most this many units per item.
const MAX_QUANTITY: i64 = 99_999;

/// One priced order line.
struct Line {
    item: Record,
    product: Option<Record>,
    quantity: i64,
    unit: Decimal,
    renews: Option<String>,
}

fn text_at(value: &Value, pointer: &str) -> Option<String> {
    value
        .pointer(pointer)
        .and_then(as_text)
        .filter(|t| !t.trim().is_empty())
}

/// `placeOrder(Order)`.
pub fn place_order(call: &Call<'_>) -> Result<Value, RpcError> {
    let order = call
        .arg("Order")
        .cloned()
        .ok_or_else(|| crate::validate::missing(call.method, "Order"))?;
    let items = order
        .get("Items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        return Err(call.error("ORDER_PRODUCTS_EMPTY", "No products have been provided."));
    }
    let currency = text_at(&order, "/Currency")
        .or_else(|| text_at(&order, "/PaymentDetails/Currency"))
        .unwrap_or_else(|| "USD".into())
        .to_ascii_uppercase();
    let kind = text_at(&order, "/PaymentDetails/Type")
        .unwrap_or_default()
        .to_ascii_uppercase();
    let mut store = call.state.write();
    // Coupon codes arrive in `Promotions` as strings (objects and ids name promotions, not
    // coupons, and are kept as sent).
    let coupons: Vec<String> = order
        .get("Promotions")
        .and_then(Value::as_array)
        .map(|codes| {
            codes
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let lines = price_lines(call, &store, &items, &currency, &coupons)?;
    let total = cents(
        lines
            .iter()
            .map(|l| l.unit * Decimal::from(l.quantity))
            .sum(),
    );
    check_payment(call, &store, &order, &kind, total)?;

    let ref_no = store.next_ref_no.to_string();
    store.next_ref_no += 1;
    let instant = INSTANT.contains(&kind.as_str());
    let test = kind == "TEST";
    let now = crate::time::login_date(crate::time::now());
    let customer = customer_for_order(&mut store, &order);
    let recurring = order
        .pointer("/PaymentDetails/PaymentMethod/RecurringEnabled")
        .and_then(as_bool)
        .unwrap_or(instant);

    let mut out_items = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let subscriptions = if !instant {
            Vec::new()
        } else if let Some(reference) = &line.renews {
            renew(&mut store, reference, &ref_no);
            vec![json!({ "SubscriptionReference": reference })]
        } else if let Some(product) = line
            .product
            .as_ref()
            .filter(|p| p.get("GeneratesSubscription").and_then(as_bool) == Some(true))
        {
            let reference = format!("{:08X}{:02X}", store.next_ref_no - 1, index);
            let context = SubscriptionContext {
                reference: &reference,
                order: &order,
                ref_no: &ref_no,
                customer: &customer,
                recurring,
                test,
            };
            create_subscription(&mut store, &context, product, line);
            vec![json!({ "SubscriptionReference": reference })]
        } else {
            Vec::new()
        };
        out_items.push(line_json(
            line,
            &ref_no,
            index,
            &currency,
            recurring,
            subscriptions,
        ));
    }

    let mut stored = order.as_object().cloned().unwrap_or_default();
    let response_status = if instant { "AUTHRECEIVED" } else { "PENDING" };
    stored.insert("RefNo".into(), json!(ref_no));
    stored.insert("OrderNo".into(), json!(0));
    stored.insert("Currency".into(), json!(currency.to_ascii_lowercase()));
    stored.insert("Items".into(), Value::Array(out_items));
    stored.insert("Status".into(), json!(response_status));
    stored.insert(
        "ApproveStatus".into(),
        json!(if instant { "OK" } else { "WAITING" }),
    );
    stored.insert("VendorApproveStatus".into(), json!("OK"));
    stored.insert("OrderDate".into(), json!(now));
    stored.insert(
        "FinishDate".into(),
        if instant { json!(now) } else { Value::Null },
    );
    stored.insert("TestOrder".into(), json!(test));
    stored.insert("RecurringEnabled".into(), json!(recurring));
    stored.insert("HasShipping".into(), json!(false));
    stored.insert("Origin".into(), json!("API"));
    stored.insert("OrderFlow".into(), json!("REGULAR"));
    stored.insert("Errors".into(), Value::Null);
    stored.insert("Refunds".into(), json!([]));
    stored.insert("NetPrice".into(), to_value(total));
    stored.insert("GrossPrice".into(), to_value(total));
    stored.insert("NetDiscountedPrice".into(), to_value(total));
    stored.insert("GrossDiscountedPrice".into(), to_value(total));
    stored.insert("Discount".into(), to_value(Decimal::ZERO));
    stored.insert("VAT".into(), to_value(Decimal::ZERO));
    stored.insert("AffiliateCommission".into(), to_value(Decimal::ZERO));
    stored.insert(
        "CustomerDetails".into(),
        customer_details(&store, &customer),
    );
    if let Some(payment) = stored.get_mut("PaymentDetails") {
        mask_payment(payment, &ref_no, &kind);
    }
    let answer = Value::Object(stored.clone());
    if instant {
        // The sandbox collects instant payments at once: read back, the order is complete.
        stored.insert("Status".into(), json!("COMPLETE"));
    }
    store.orders.insert(ref_no, stored);
    Ok(answer)
}

/// Prices every item; refuses unknown products, bad quantities and mixed dynamic and catalog
/// items.
fn price_lines(
    call: &Call<'_>,
    store: &Store,
    items: &[Value],
    currency: &str,
    coupons: &[String],
) -> Result<Vec<Line>, RpcError> {
    let dynamic = |item: &Value| item.get("IsDynamic").and_then(as_bool) == Some(true);
    if items.iter().any(dynamic) && !items.iter().all(dynamic) {
        return Err(call.error(
            "ORDER_ITEMS_INVALID",
            "Invalid items. You cannot mix dynamic and catalog products.",
        ));
    }
    let renewals = items
        .iter()
        .filter(|i| text_at(i, "/RenewalInformation/SubscriptionReference").is_some())
        .count();
    if renewals > 0 && items.len() > 1 {
        return Err(call.error(
            "ORDER_PRODUCTS_RENEWAL_NOT_ALLOWED",
            "Renewal is not allowed with multiple products.",
        ));
    }
    let mut lines = Vec::new();
    for item in items {
        let quantity = item
            .get("Quantity")
            .and_then(money::from_value)
            .filter(|q| q.fract().is_zero())
            .and_then(|q| i64::try_from(q.normalize().mantissa()).ok())
            .filter(|q| (1..=MAX_QUANTITY).contains(q))
            .ok_or_else(|| {
                call.error(
                    "ORDER_ITEMS_QUANTITY_INVALID",
                    "Item quantity must be between 1 and 99999.",
                )
            })?;
        let custom = custom_price(call, item)?;
        let renews = text_at(item, "/RenewalInformation/SubscriptionReference");
        let mut code = text_at(item, "/Code");
        if let Some(reference) = &renews {
            let subscription = store.subscriptions.get(reference).ok_or_else(|| {
                call.error(
                    "ORDER_PRODUCT_RENEWAL_SUBSCRIPTION_REFERENCE_NOT_FOUND",
                    &format!("Subscription reference {reference:?} is invalid."),
                )
            })?;
            code = code.or_else(|| field(subscription, "Product/ProductCode").and_then(as_text));
        }
        if dynamic(item) {
            if text_at(item, "/Name").is_none() {
                return Err(call.error(
                    "ORDER_PRODUCT_NAME_INVALID",
                    "Name is mandatory when you set IsDynamic to TRUE.",
                ));
            }
            let unit = custom.ok_or_else(|| {
                call.error(
                    "ORDER_PRODUCT_PRICE_TYPE_CUSTOM_INVALID",
                    "The price amount is mandatory on the custom price flow.",
                )
            })?;
            lines.push(Line {
                item: item.as_object().cloned().unwrap_or_default(),
                product: None,
                quantity,
                unit,
                renews,
            });
            continue;
        }
        let code = code.unwrap_or_default();
        let product = store.products.get(&code).ok_or_else(|| {
            call.error(
                "ORDER_PRODUCT_CODE_INVALID",
                &format!("Requested product [{code}] was not found."),
            )
        })?;
        if !super::products::is_orderable(product) {
            return Err(call.error(
                "ORDER_PRODUCT_CODE_INVALID",
                &format!("Requested product [{code}] is disabled."),
            ));
        }
        let unit = match custom {
            Some(amount) => amount,
            None => {
                let base = catalog_price(product, currency).ok_or_else(|| {
                    call.error(
                        "INVALID_CURRENCY",
                        &format!("Product {code} has no price in {currency}."),
                    )
                })?;
                let priced = base + option_impact(call, store, item, base, currency)?;
                // The first coupon that covers the product lowers its unit price.
                let discount = coupons
                    .iter()
                    .find_map(|coupon| {
                        super::promotions::coupon_discount(store, coupon, &code, currency, priced)
                    })
                    .unwrap_or_default();
                cents((priced - discount).max(Decimal::ZERO))
            }
        };
        let mut item = item.as_object().cloned().unwrap_or_default();
        item.insert("Code".into(), json!(code));
        lines.push(Line {
            item,
            product: Some(product.clone()),
            quantity,
            unit,
            renews,
        });
    }
    Ok(lines)
}

/// The `Price.Amount` of a `CUSTOM`-priced item (dynamic products, renewals at a custom price).
fn custom_price(call: &Call<'_>, item: &Value) -> Result<Option<Decimal>, RpcError> {
    let Some(price) = item.get("Price").filter(|p| p.is_object()) else {
        return Ok(None);
    };
    let kind = price
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or("CUSTOM");
    if !kind.eq_ignore_ascii_case("CUSTOM") {
        return Ok(None);
    }
    match price.get("Amount").filter(|a| !a.is_null()) {
        None => Ok(None),
        Some(amount) => match money::from_value(amount) {
            Some(amount) if !amount.is_sign_negative() => Ok(Some(cents(amount))),
            _ => Err(call.error(
                "ORDER_PRODUCT_PRICE_AMOUNT_INVALID",
                &format!("The price amount {amount} is not valid."),
            )),
        },
    }
}

/// The price added by the item's price options: each option code must be an option of a known
/// price option group.
fn option_impact(
    call: &Call<'_>,
    store: &Store,
    item: &Value,
    base: Decimal,
    currency: &str,
) -> Result<Decimal, RpcError> {
    let codes: Vec<String> = item
        .get("PriceOptions")
        .and_then(Value::as_array)
        .map(|options| {
            options
                .iter()
                .flat_map(|o| match o {
                    Value::Object(group) => group
                        .get("Options")
                        .and_then(Value::as_array)
                        .map(|v| v.iter().filter_map(as_text).collect())
                        .unwrap_or_default(),
                    other => as_text(other).into_iter().collect::<Vec<_>>(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut impact = Decimal::ZERO;
    for code in codes {
        let option = store
            .price_option_groups
            .values()
            .filter_map(|g| g.get("Options").and_then(Value::as_array))
            .flatten()
            .find(|o| o.get("Code").and_then(Value::as_str) == Some(code.as_str()))
            .ok_or_else(|| {
                call.error(
                    "ORDER_PRODUCT_INVALID",
                    &format!("Unknown price option code {code:?}."),
                )
            })?;
        let price_impact = option.get("PriceImpact").cloned().unwrap_or(Value::Null);
        let method = price_impact
            .get("Method")
            .and_then(Value::as_str)
            .unwrap_or("PERCENT");
        let amount = if method.eq_ignore_ascii_case("PERCENT") {
            let percent = price_impact
                .get("Percent")
                .and_then(money::from_value)
                .unwrap_or(Decimal::ZERO);
            base * percent / Decimal::ONE_HUNDRED
        } else {
            price_impact
                .get("Amounts")
                .and_then(Value::as_array)
                .and_then(|amounts| {
                    amounts.iter().find(|a| {
                        a.get("Currency")
                            .and_then(Value::as_str)
                            .is_some_and(|c| c.eq_ignore_ascii_case(currency))
                    })
                })
                .and_then(|a| a.get("Amount"))
                .and_then(money::from_value)
                .unwrap_or(Decimal::ZERO)
        };
        let subtract = price_impact
            .get("Impact")
            .and_then(Value::as_str)
            .is_some_and(|i| i.eq_ignore_ascii_case("SUBTRACT"));
        impact += if subtract { -amount } else { amount };
    }
    Ok(impact)
}

/// Refuses a payment the sandbox would not collect.
fn check_payment(
    call: &Call<'_>,
    store: &Store,
    order: &Value,
    kind: &str,
    total: Decimal,
) -> Result<(), RpcError> {
    let method = order
        .pointer("/PaymentDetails/PaymentMethod")
        .cloned()
        .unwrap_or(Value::Null);
    let payment_error = |why: &str| call.error("PAYMENT_ERROR", why);
    match kind {
        "TEST" | "CC" => {
            let number: String = method
                .get("CardNumber")
                .and_then(as_text)
                .unwrap_or_default()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            if number == DECLINE_CARD || !luhn(&number) {
                return Err(call.error(
                    "CARD_PAYMENT_ERROR",
                    "The card payment was declined: the transaction was not authorized.",
                ));
            }
        }
        "EES_TOKEN_PAYMENT"
            if method
                .get("EesToken")
                .and_then(as_text)
                .is_none_or(|t| t.is_empty()) =>
        {
            return Err(payment_error(
                "EES_TOKEN_PAYMENT needs PaymentMethod.EesToken.",
            ));
        }
        "PREVIOUS_ORDER" => {
            let reference = method.get("RefNo").and_then(as_text).unwrap_or_default();
            let usable = store.orders.get(&reference).is_some_and(|o| {
                o.get("Status")
                    .and_then(Value::as_str)
                    .is_some_and(|s| COLLECTED.contains(&s))
            });
            if !usable {
                return Err(payment_error(&format!(
                    "No AUTHRECEIVED or COMPLETE order {reference:?} to pay with."
                )));
            }
        }
        "PAYPAL"
            if method
                .get("Email")
                .and_then(as_text)
                .is_none_or(|e| !e.contains('@')) =>
        {
            return Err(payment_error(
                "PAYPAL needs the shopper's PaymentMethod.Email.",
            ));
        }
        "FREE" if !total.is_zero() => {
            return Err(payment_error(&format!(
                "A FREE order must cost nothing; this one costs {total}."
            )));
        }
        _ => {}
    }
    Ok(())
}

/// The Luhn check of a card number (at least 12 digits).
fn luhn(digits: &str) -> bool {
    if digits.len() < 12 {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Keeps what responses show of a payment: no card number or security code, the first and
/// last digits instead; a redirect URL for PayPal.
fn mask_payment(payment: &mut Value, ref_no: &str, kind: &str) {
    let Some(method) = payment
        .get_mut("PaymentMethod")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    if let Some(number) = method.remove("CardNumber").as_ref().and_then(as_text) {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        method.insert("FirstDigits".into(), json!(digits.get(..4).unwrap_or("")));
        method.insert(
            "LastDigits".into(),
            json!(digits.get(digits.len().saturating_sub(4)..).unwrap_or("")),
        );
    }
    method.remove("CCID");
    method.remove("EesToken");
    if kind.starts_with("PAYPAL") {
        method.insert(
            "RedirectURL".into(),
            json!(format!(
                "https://sandbox.paypal.invalid/checkout?order={ref_no}"
            )),
        );
    }
}

/// The customer of an order: the one its `CustomerReference` or billing e-mail names, else a
/// new one from the billing details.
fn customer_for_order(store: &mut Store, order: &Value) -> String {
    let external = text_at(order, "/CustomerReference");
    let email = text_at(order, "/BillingDetails/Email");
    let found = store.customers.iter().find(|(_, c)| {
        let same = |name: &str, wanted: &Option<String>| {
            wanted.as_ref().is_some_and(|w| {
                c.get(name)
                    .and_then(as_text)
                    .is_some_and(|v| v.eq_ignore_ascii_case(w))
            })
        };
        same("ExternalCustomerReference", &external) || same("Email", &email)
    });
    if let Some((reference, _)) = found {
        return reference.clone();
    }
    let billing = order.get("BillingDetails").cloned().unwrap_or(Value::Null);
    let get = |name: &str| billing.get(name).cloned().unwrap_or(Value::Null);
    let customer = record(json!({
        "ExternalCustomerReference": external,
        "FirstName": get("FirstName"), "LastName": get("LastName"), "Company": get("Company"),
        "FiscalCode": get("FiscalCode"), "Address1": get("Address1"), "Address2": get("Address2"),
        "City": get("City"), "State": get("State"), "Zip": get("Zip"),
        "CountryCode": billing.get("CountryCode").and_then(as_text).map(|c| c.to_ascii_lowercase()),
        "Phone": get("Phone"), "Fax": null, "Email": get("Email"), "ExistingCards": [],
        "Enabled": true, "Trial": false,
        "Language": order.get("Language").and_then(as_text).map(|l| l.to_ascii_lowercase()),
    }));
    super::customers::insert_customer(store, customer)
}

fn customer_details(store: &Store, reference: &str) -> Value {
    let Some(customer) = store.customers.get(reference) else {
        return Value::Null;
    };
    let get = |name: &str| customer.get(name).cloned().unwrap_or(Value::Null);
    json!({
        "AvangateCustomerReference": get("AvangateCustomerReference"),
        "ExternalCustomerReference": get("ExternalCustomerReference"),
        "FirstName": get("FirstName"), "LastName": get("LastName"),
        "CompanyName": get("Company"), "FiscalCode": get("FiscalCode"),
        "Address": get("Address1"), "City": get("City"), "State": get("State"),
        "PostalCode": get("Zip"), "Country": get("CountryCode"), "Phone": get("Phone"),
        "Fax": get("Fax"), "Email": get("Email"), "Enabled": get("Enabled"), "Trial": get("Trial"),
    })
}

/// The item as responses show it, with its prices.
fn line_json(
    line: &Line,
    ref_no: &str,
    index: usize,
    currency: &str,
    recurring: bool,
    subscriptions: Vec<Value>,
) -> Value {
    let mut item = line.item.clone();
    let quantity = Decimal::from(line.quantity);
    let net = cents(line.unit * quantity);
    let zero = to_value(Decimal::ZERO);
    let unit = to_value(line.unit);
    let total = to_value(net);
    let mut price = Map::new();
    if let Some(Value::Object(sent)) = item.get("Price") {
        price.extend(sent.clone());
    }
    for (key, value) in [
        ("Currency", json!(currency.to_ascii_lowercase())),
        ("UnitNetPrice", unit.clone()),
        ("UnitGrossPrice", unit.clone()),
        ("UnitVAT", zero.clone()),
        ("UnitDiscount", zero.clone()),
        ("UnitNetDiscountedPrice", unit.clone()),
        ("UnitGrossDiscountedPrice", unit.clone()),
        ("UnitAffiliateCommission", zero.clone()),
        ("ItemUnitNetPrice", unit.clone()),
        ("ItemUnitGrossPrice", unit),
        ("ItemNetPrice", total.clone()),
        ("ItemGrossPrice", total.clone()),
        ("VATPercent", json!(0)),
        ("HandlingFeeNetPrice", zero.clone()),
        ("HandlingFeeGrossPrice", zero.clone()),
        ("NetPrice", total.clone()),
        ("GrossPrice", total.clone()),
        ("NetDiscountedPrice", total.clone()),
        ("GrossDiscountedPrice", total),
        ("Discount", zero.clone()),
        ("VAT", zero.clone()),
        ("AffiliateCommission", zero),
    ] {
        price.insert(key.into(), value);
    }
    item.insert("Price".into(), Value::Object(price));
    item.insert("Quantity".into(), json!(line.quantity));
    item.insert(
        "LineItemReference".into(),
        json!(format!("{ref_no}-{}", index + 1)),
    );
    let product = line.product.as_ref();
    let name = product
        .and_then(|p| p.get("ProductName").cloned())
        .or_else(|| item.get("Name").cloned())
        .unwrap_or(Value::Null);
    item.insert(
        "ProductDetails".into(),
        json!({
            "Name": name,
            "ShortDescription": product.and_then(|p| p.get("ShortDescription").cloned()),
            "Tangible": item.get("Tangible").and_then(as_bool).unwrap_or(false),
            "IsDynamic": product.is_none(),
            "ExtraInfo": null,
            "RenewalStatus": recurring && !subscriptions.is_empty(),
            "Subscriptions": if subscriptions.is_empty() { Value::Null } else { Value::Array(subscriptions) },
            "DeliveryInformation": { "Delivery": "NO_DELIVERY", "DownloadFile": null,
                "DeliveryDescription": null, "CodesDescription": null, "Codes": [] },
        }),
    );
    if let Some(product) = product {
        item.insert(
            "AvangateId".into(),
            product
                .get("AvangateId")
                .and_then(as_text)
                .and_then(|id| id.parse::<i64>().ok())
                .map_or(Value::Null, Value::from),
        );
    }
    Value::Object(item)
}

/// What a new subscription is made from.
struct SubscriptionContext<'a> {
    reference: &'a str,
    order: &'a Value,
    ref_no: &'a str,
    customer: &'a str,
    recurring: bool,
    test: bool,
}

/// A subscription for a subscription product of a completed order, with its first history
/// event (SALE, the order) and the order's card on file.
fn create_subscription(
    store: &mut Store,
    ctx: &SubscriptionContext<'_>,
    product: &Record,
    line: &Line,
) {
    let months = field(product, "SubscriptionInformation/BillingCycle")
        .and_then(money::from_value)
        .and_then(|m| i64::try_from(m.trunc().normalize().mantissa()).ok())
        .filter(|m| *m >= 1)
        .unwrap_or(12);
    let start = crate::time::today();
    let expiration =
        crate::time::add_days(&start, (months * 365 + 6) / 12).unwrap_or_else(|| start.clone());
    let billing = ctx
        .order
        .get("BillingDetails")
        .cloned()
        .unwrap_or(Value::Null);
    let get = |name: &str| billing.get(name).cloned().unwrap_or(Value::Null);
    let customer = store.customers.get(ctx.customer);
    let options: Vec<Value> = line
        .item
        .get("PriceOptions")
        .and_then(Value::as_array)
        .map(|o| o.iter().filter(|v| v.is_string()).cloned().collect())
        .unwrap_or_default();
    let subscription = record(json!({
        "SubscriptionReference": ctx.reference,
        "StartDate": start,
        "ExpirationDate": expiration,
        "RecurringEnabled": ctx.recurring,
        "SubscriptionEnabled": true,
        "Product": {
            "ProductCode": product.get("ProductCode"),
            "ProductId": product.get("AvangateId").and_then(as_text).and_then(|id| id.parse::<i64>().ok()),
            "ProductName": product.get("ProductName"),
            "ProductQuantity": line.quantity,
            "ProductVersion": product.get("ProductVersion"),
            "PriceOptionCodes": options,
        },
        "EndUser": {
            "FirstName": get("FirstName"), "LastName": get("LastName"), "Email": get("Email"),
            "Company": get("Company"), "Phone": get("Phone"), "Fax": null,
            "Address1": get("Address1"), "Address2": get("Address2"), "Zip": get("Zip"),
            "City": get("City"), "State": get("State"),
            "CountryCode": billing.get("CountryCode").and_then(as_text).map(|c| c.to_ascii_lowercase()),
            "Language": ctx.order.get("Language").and_then(as_text).map(|l| l.to_ascii_lowercase()),
        },
        "SKU": "",
        "DeliveryInfo": { "Description": "", "Codes": [] },
        "ReceiveNotifications": true,
        "Lifetime": false,
        "PartnerCode": "",
        "AvangateCustomerReference": customer.and_then(|c| c.get("AvangateCustomerReference")),
        "ExternalCustomerReference": customer.and_then(|c| c.get("ExternalCustomerReference")),
        "TestSubscription": ctx.test,
        "IsTrial": false,
    }));
    let history = record(json!({
        "ReferenceNo": ctx.ref_no,
        "Type": "SALE",
        "SubscriptionReference": ctx.reference,
        "StartDate": subscription.get("StartDate"),
        "ExpirationDate": subscription.get("ExpirationDate"),
        "Lifetime": false,
        "SKU": "",
        "DeliveryInfo": { "Description": "", "Codes": [] },
        "PartnerCode": "",
    }));
    let method = ctx
        .order
        .pointer("/PaymentDetails/PaymentMethod")
        .cloned()
        .unwrap_or(Value::Null);
    let digits: String = method
        .get("CardNumber")
        .and_then(as_text)
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let payment = record(json!({
        "Type": text_at(ctx.order, "/PaymentDetails/Type"),
        "Currency": text_at(ctx.order, "/PaymentDetails/Currency")
            .or_else(|| text_at(ctx.order, "/Currency"))
            .map(|c| c.to_ascii_uppercase()),
        "PaymentMethod": {
            "FirstDigits": digits.get(..4), "LastDigits": digits.get(digits.len().saturating_sub(4)..),
            "CardType": method.get("CardType"),
            "ExpirationMonth": method.get("ExpirationMonth"), "ExpirationYear": method.get("ExpirationYear"),
            "CardUpdated": false, "Authorize3DSUrl": null,
        },
    }));
    store
        .subscription_history
        .insert(ctx.reference.to_string(), vec![history]);
    store
        .payment_information
        .insert(ctx.reference.to_string(), payment);
    store
        .subscriptions
        .insert(ctx.reference.to_string(), subscription);
}

/// A renewal order renews its subscription for one billing cycle and records the renewal.
fn renew(store: &mut Store, reference: &str, ref_no: &str) {
    let months = store
        .subscriptions
        .get(reference)
        .and_then(|s| field(s, "Product/ProductCode").and_then(as_text))
        .and_then(|code| store.products.get(&code))
        .and_then(|p| field(p, "SubscriptionInformation/BillingCycle"))
        .and_then(money::from_value)
        .and_then(|m| i64::try_from(m.trunc().normalize().mantissa()).ok())
        .filter(|m| *m >= 1)
        .unwrap_or(12);
    let Some(subscription) = store.subscriptions.get_mut(reference) else {
        return;
    };
    let expiration = subscription
        .get("ExpirationDate")
        .and_then(as_text)
        .unwrap_or_else(crate::time::today);
    if let Some(moved) = crate::time::add_days(&expiration, (months * 365 + 6) / 12) {
        subscription.insert("ExpirationDate".into(), json!(moved));
    }
    subscription.insert("SubscriptionEnabled".into(), json!(true));
    let event = record(json!({
        "ReferenceNo": ref_no,
        "Type": "RENEWAL",
        "SubscriptionReference": reference,
        "StartDate": subscription.get("StartDate"),
        "ExpirationDate": subscription.get("ExpirationDate"),
        "Lifetime": subscription.get("Lifetime"),
        "SKU": subscription.get("SKU"),
        "DeliveryInfo": subscription.get("DeliveryInfo"),
        "PartnerCode": subscription.get("PartnerCode"),
    }));
    store
        .subscription_history
        .entry(reference.to_string())
        .or_default()
        .push(event);
}

fn unknown_order(call: &Call<'_>, reference: &str) -> RpcError {
    call.error(
        "INVALID_REFERENCE",
        &format!("No order found for reference {reference:?}."),
    )
}

/// `getOrder(orderReference, skipPartnerOrders?)`.
pub fn get_order(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("orderReference")?;
    let store = call.state.read();
    store
        .orders
        .get(&reference)
        .map(|o| Value::Object(o.clone()))
        .ok_or_else(|| unknown_order(call, &reference))
}

/// `searchOrders(orderSearchOptions?)`: filters, oldest first, one page with the total count.
/// Without `StartDate` or `Newer`, only the last 7 days' orders, as documented.
pub fn search_orders(call: &Call<'_>) -> Result<Value, RpcError> {
    let options = call
        .arg("orderSearchOptions")
        .cloned()
        .unwrap_or(Value::Null);
    let filter = |name: &str| text_at(&options, &format!("/{name}"));
    for name in ["StartDate", "EndDate"] {
        if let Some(date) = filter(name)
            && !crate::time::is_date(&date)
        {
            return Err(call.error(
                crate::validate::INVALID_PARAMETER,
                &format!("{name} must be a YYYY-MM-DD date, got {date:?}."),
            ));
        }
    }
    let start =
        filter("StartDate").or_else(|| filter("Newer").map(|n| n.chars().take(10).collect()));
    let start = start.or_else(|| crate::time::add_days(&crate::time::today(), -7));
    let end = filter("EndDate");
    let status = filter("Status");
    let approve = filter("ApproveStatus");
    let external = filter("ExternalRefNo");
    let partner = options
        .get("PartnerOrders")
        .and_then(as_bool)
        .unwrap_or(false);
    let tests = filter("IncludeTestOrders")
        .unwrap_or_else(|| "YES".into())
        .to_ascii_uppercase();
    let store = call.state.read();
    let mut found: Vec<&Record> = store
        .orders
        .values()
        .filter(|o| {
            let get = |name: &str| o.get(name).and_then(as_text).unwrap_or_default();
            let day: String = get("OrderDate").chars().take(10).collect();
            let is_test = o.get("TestOrder").and_then(as_bool).unwrap_or(false);
            let same = |wanted: &Option<String>, name: &str| {
                wanted
                    .as_ref()
                    .is_none_or(|w| get(name).eq_ignore_ascii_case(w))
            };
            start.as_ref().is_none_or(|s| day.as_str() >= s.as_str())
                && end.as_ref().is_none_or(|e| day.as_str() <= e.as_str())
                && same(&status, "Status")
                && same(&approve, "ApproveStatus")
                && same(&external, "ExternalReference")
                && (partner || get("PartnerCode").is_empty())
                && match tests.as_str() {
                    "NO" => !is_test,
                    "ONLY" => is_test,
                    _ => true,
                }
        })
        .collect();
    found.sort_by(|a, b| {
        let key = |o: &Record| {
            (
                o.get("OrderDate").and_then(as_text).unwrap_or_default(),
                o.get("RefNo").and_then(as_text).unwrap_or_default(),
            )
        };
        key(a).cmp(&key(b))
    });
    let (page, limit) = page_and_limit(options.get("Pagination"));
    let limit = limit.clamp(1, 200);
    let items: Vec<Value> = paginate(&found, page, limit)
        .into_iter()
        .map(|o| Value::Object(o.clone()))
        .collect();
    Ok(json!({
        "Items": items,
        "Pagination": { "Page": page.max(1), "Limit": limit, "Count": found.len() },
    }))
}

/// `issueRefund(RefNo, Amount, Items, Comment, Reason)`.
pub fn issue_refund(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("RefNo")?;
    let amount = call
        .arg("Amount")
        .and_then(money::from_value)
        .ok_or_else(|| crate::validate::missing(call.method, "Amount"))?;
    call.required_text("Reason")?;
    let invalid = |why: String| call.error("INVALID_AMOUNT", &why);
    let mut store = call.state.write();
    let order = store
        .orders
        .get_mut(&reference)
        .ok_or_else(|| unknown_order(call, &reference))?;
    let status = order.get("Status").and_then(as_text).unwrap_or_default();
    if status != "COMPLETE" {
        return Err(call.error(
            "REFUND_NOT_ALLOWED",
            &format!(
                "Order {reference} is {status}: only collected (COMPLETE) orders are refunded."
            ),
        ));
    }
    if amount <= Decimal::ZERO {
        return Err(invalid(format!(
            "The refund amount must be positive, got {amount}."
        )));
    }
    let paid = order
        .get("GrossPrice")
        .and_then(money::from_value)
        .unwrap_or(Decimal::ZERO);
    let refunds = order
        .get("Refunds")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let refunded: Decimal = refunds
        .iter()
        .filter_map(|r| r.get("Amount").and_then(money::from_value))
        .sum();
    if refunds
        .iter()
        .filter_map(|r| r.get("Amount").and_then(money::from_value))
        .any(|previous| previous == amount)
    {
        return Err(call.error(
            "DUPLICATE_REFUND",
            &format!("A refund of {amount} was already issued for order {reference}."),
        ));
    }
    let left = paid - refunded;
    if amount > left {
        return Err(invalid(format!(
            "Only {left} of the {paid} paid is left to refund; {amount} was asked."
        )));
    }
    let items = refund_items(call, order, amount)?;
    let refund = json!({
        "Amount": to_value(amount),
        "Items": items,
        "Comment": call.text("Comment"),
        "Reason": call.text("Reason"),
    });
    if let Some(Value::Array(list)) = order.get_mut("Refunds") {
        list.push(refund);
    } else {
        order.insert("Refunds".into(), json!([refund]));
    }
    if amount == left {
        order.insert("Status".into(), json!("REFUND"));
    }
    Ok(Value::Bool(true))
}

/// The refunded lines: each names a line of the order (by `LineItemReference` or
/// `ProductCode`), refunds no more units or money than the line has, and together they add up
/// to the refund amount.
fn refund_items(call: &Call<'_>, order: &Record, amount: Decimal) -> Result<Value, RpcError> {
    let sent: Vec<Value> = match call.arg("Items") {
        Some(Value::Array(items)) => items.clone(),
        Some(item @ Value::Object(_)) => vec![item.clone()],
        _ => Vec::new(),
    };
    if sent.is_empty() {
        return Ok(json!([]));
    }
    let invalid = |why: String| call.error("INVALID_AMOUNT", &why);
    let lines = order
        .get("Items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut sum = Decimal::ZERO;
    for item in &sent {
        let line = lines
            .iter()
            .find(|line| {
                let same = |name: &str, line_name: &str| {
                    item.get(name).and_then(as_text).is_some_and(|wanted| {
                        line.get(line_name).and_then(as_text).as_deref() == Some(wanted.as_str())
                    })
                };
                same("LineItemReference", "LineItemReference") || same("ProductCode", "Code")
            })
            .ok_or_else(|| {
                invalid(format!(
                    "The refunded item {item} is not a line of the order."
                ))
            })?;
        let quantity = item
            .get("Quantity")
            .and_then(money::from_value)
            .unwrap_or(Decimal::ONE);
        let line_quantity = line
            .get("Quantity")
            .and_then(money::from_value)
            .unwrap_or(Decimal::ONE);
        let item_amount = item
            .get("Amount")
            .and_then(money::from_value)
            .unwrap_or(Decimal::ZERO);
        let line_amount = line
            .pointer("/Price/GrossPrice")
            .and_then(money::from_value)
            .unwrap_or(Decimal::ZERO);
        if quantity <= Decimal::ZERO || quantity > line_quantity {
            return Err(invalid(format!(
                "Quantity {quantity} is not between 1 and the line's {line_quantity}."
            )));
        }
        if item_amount <= Decimal::ZERO || item_amount > line_amount {
            return Err(invalid(format!(
                "Item amount {item_amount} is not between 0 and the line's {line_amount}."
            )));
        }
        sum += item_amount;
    }
    if sum != amount {
        return Err(invalid(format!(
            "The items add up to {sum}, not to the refund amount {amount}."
        )));
    }
    Ok(Value::Array(sent))
}

/// `getInvoices(reference)`: one invoice set for a COMPLETE (or refunded) order.
pub fn get_invoices(call: &Call<'_>) -> Result<Value, RpcError> {
    let reference = call.required_text("reference")?;
    let store = call.state.read();
    let order = store
        .orders
        .get(&reference)
        .ok_or_else(|| unknown_order(call, &reference))?;
    let status = order.get("Status").and_then(as_text).unwrap_or_default();
    if status != "COMPLETE" && status != "REFUND" {
        return Err(call.error(
            "INVOICE_NOT_AVAILABLE",
            &format!("Order {reference} is {status}: no invoice was issued yet."),
        ));
    }
    let currency = order.get("Currency").and_then(as_text).unwrap_or_default();
    let gross = order.get("GrossPrice").cloned().unwrap_or(Value::Null);
    let refunds: Vec<Value> = order
        .get("Refunds")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .enumerate()
                .map(|(n, r)| {
                    let amount = r.get("Amount").cloned().unwrap_or(Value::Null);
                    json!(base64(&pdf(&format!(
                        "Refund {} of order {reference}: {amount} {currency}",
                        n + 1
                    ))))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(json!([{
        "Sale": base64(&pdf(&format!("Invoice for order {reference}: {gross} {currency}"))),
        "Cancellation": null,
        "Refunds": refunds,
    }]))
}

/// A one-page PDF holding `text`.
fn pdf(text: &str) -> String {
    let text = text.replace(['(', ')', '\\'], " ");
    let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
         2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
         3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >> endobj\n\
         4 0 obj << /Length {} >> stream\n{stream}\nendstream endobj\n\
         5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n\
         trailer << /Root 1 0 R >>\n%%EOF\n",
        stream.len()
    )
}

/// Standard base64 with padding.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A shipping method of the sandbox account: base fee per currency, fee per extra unit, and
/// the surcharge when the parcel leaves the billing country.
struct ShippingMethod {
    name: &'static str,
    code: &'static str,
    tracking: &'static str,
    base: &'static [(&'static str, &'static str)],
    per_extra_unit: &'static [(&'static str, &'static str)],
    abroad: &'static [(&'static str, &'static str)],
}

const SHIPPING_METHODS: [ShippingMethod; 2] = [
    ShippingMethod {
        name: "Standard",
        code: "STANDARD",
        tracking: "https://tracking.sandbox.invalid/standard/",
        base: &[("USD", "5.00"), ("BRL", "25.00")],
        per_extra_unit: &[("USD", "1.50"), ("BRL", "7.50")],
        abroad: &[("USD", "7.25"), ("BRL", "36.00")],
    },
    ShippingMethod {
        name: "Express",
        code: "EXPRESS",
        tracking: "https://tracking.sandbox.invalid/express/",
        base: &[("USD", "15.00"), ("BRL", "75.00")],
        per_extra_unit: &[("USD", "2.00"), ("BRL", "10.00")],
        abroad: &[("USD", "12.50"), ("BRL", "62.50")],
    },
];

fn in_currency(table: &[(&str, &str)], currency: &str) -> Option<Decimal> {
    table
        .iter()
        .find(|(c, _)| *c == currency)
        .and_then(|(_, amount)| money::parse(amount))
}

/// `getShippingPrice(Items, BillingDetails, DeliveryDetails, Currency?, CouponCodes?)`: the
/// sandbox's shipping methods priced for the cart of tangible products.
pub fn get_shipping_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let items = call
        .arg("Items")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if items.is_empty() {
        return Err(crate::validate::missing(call.method, "Items"));
    }
    let country = |name: &str| {
        call.arg(name)
            .and_then(|d| d.get("CountryCode"))
            .and_then(as_text)
            .filter(|c| c.len() == 2)
            .map(|c| c.to_ascii_uppercase())
            .ok_or_else(|| {
                call.error(
                    crate::validate::INVALID_PARAMETER,
                    &format!("{name}.CountryCode must be a two-letter country code."),
                )
            })
    };
    let (billing, delivery) = (country("BillingDetails")?, country("DeliveryDetails")?);
    let currency = call
        .text("Currency")
        .unwrap_or_else(|| "USD".into())
        .to_ascii_uppercase();
    let store = call.state.read();
    let mut units = 0i64;
    for item in &items {
        let code = item.get("Code").and_then(as_text).unwrap_or_default();
        let product = store.products.get(&code).ok_or_else(|| {
            call.error(
                "ORDER_PRODUCT_CODE_INVALID",
                &format!("Requested product [{code}] was not found."),
            )
        })?;
        if product.get("ShippingClass").is_none_or(Value::is_null) {
            return Err(call.error(
                crate::validate::INVALID_PARAMETER,
                &format!("Product {code} is not tangible: it has no shipping class."),
            ));
        }
        units += item
            .get("Quantity")
            .and_then(Value::as_i64)
            .unwrap_or(1)
            .max(1);
    }
    let mut methods = Vec::new();
    for method in &SHIPPING_METHODS {
        let (Some(base), Some(extra), Some(abroad)) = (
            in_currency(method.base, &currency),
            in_currency(method.per_extra_unit, &currency),
            in_currency(method.abroad, &currency),
        ) else {
            return Err(call.error(
                "INVALID_CURRENCY",
                &format!("Shipping is priced in USD and BRL, not in {currency}."),
            ));
        };
        let overweight = extra * Decimal::from(units - 1);
        let surcharge = if billing == delivery {
            Decimal::ZERO
        } else {
            abroad
        };
        let total = cents(base + overweight + surcharge);
        let amounts = json!({
            "TotalAmount": to_value(total),
            "BasePrice": to_value(base),
            "OverweightAmount": to_value(overweight),
            "CountrySurcharge": to_value(surcharge),
            "WeightSurcharge": to_value(Decimal::ZERO),
            "OrderSurcharge": to_value(Decimal::ZERO),
        });
        methods.push(json!({
            "Name": method.name,
            "Code": method.code,
            "TrackingURL": method.tracking,
            "Currency": currency,
            "PriceDetails": { "Net": amounts, "Gross": amounts },
        }));
    }
    Ok(json!({ "ShippingPricesAvailable": methods }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_cards_and_refuses_typos() {
        assert!(luhn("4111111111111111"));
        assert!(luhn("5555555555554444"));
        assert!(luhn(DECLINE_CARD));
        assert!(!luhn("4111111111111112"));
        assert!(!luhn("4111"));
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64("Man"), "TWFu");
        assert_eq!(base64("Ma"), "TWE=");
        assert_eq!(base64("M"), "TQ==");
        assert!(base64(&pdf("x")).starts_with("JVBERi0x"));
    }
}
