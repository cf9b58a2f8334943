//! Channel Manager 2.1 buying: partner search, pricing lists and prices, the cart kept in the
//! session, partner orders placed from it, partner invoices and their payment.
//!
//! Prices are exact decimals: a unit costs its list price plus the chosen options' surcharges;
//! the partner's margin is a percentage of that (the list's), the net price is what is left,
//! and VAT applies to the net price (19% for partners billed in EUR, none otherwise). An order
//! totals net price plus VAT per unit, times the units.

use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{Call, as_text};
use crate::rpc::RpcError;
use crate::state::{Billing, CHANNEL_PRODUCT_OPTIONS, CartLine, PricingList, Record, Store};

/// `searchPartners(searchString)`: partners whose company name or e-mail contains the text.
pub fn search_partners(call: &Call<'_>) -> Result<Value, RpcError> {
    let text = match call.arg("searchString") {
        Some(Value::String(text)) if !text.trim().is_empty() => text.trim().to_lowercase(),
        _ => {
            return Err(call.error(
                "INVALID_SEARCH",
                "Invalid value. Please use a string to search.",
            ));
        }
    };
    let store = call.state.read();
    let found: Vec<Value> = store
        .partners
        .values()
        .filter(|partner| {
            ["CompanyName", "Email"].iter().any(|key| {
                partner
                    .get(*key)
                    .and_then(Value::as_str)
                    .is_some_and(|value| value.to_lowercase().contains(&text))
            })
        })
        .map(|partner| Value::Object(partner.clone()))
        .collect();
    Ok(Value::Array(found))
}

/// `getPartnerPricingLists()`: the session partner's lists.
pub fn get_partner_pricing_lists(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let store = call.state.read();
    let lists: Vec<Value> = store
        .pricing_lists
        .iter()
        .filter(|(_, list)| list.partner == partner)
        .map(|(code, list)| json!({ "Code": code, "Name": list.name }))
        .collect();
    if lists.is_empty() {
        return Err(no_pricing_list(call));
    }
    Ok(Value::Array(lists))
}

/// `getPricingListInformation(pricingListCode)`: the list with its priced products.
pub fn get_pricing_list_information(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let code = call.text("pricingListCode").unwrap_or_default();
    let store = call.state.read();
    let list = pricing_list(call, &store, &partner, &code)?;
    let products: Vec<Value> = list
        .prices
        .keys()
        .filter_map(|id| product_info(&store, list, *id))
        .collect();
    Ok(json!({ "Code": code, "Name": list.name, "Products": products }))
}

/// `getProductById(productId, pricingListCode)`: the product priced from the list.
pub fn get_product_by_id(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let id = product_id(call, "INVALID_PRODUCT")?;
    let code = call.text("pricingListCode").unwrap_or_default();
    let store = call.state.read();
    let list = pricing_list(call, &store, &partner, &code)?;
    product_info(&store, list, id).ok_or_else(|| {
        call.error(
            "PRODUCT_NOT_FOUND",
            "There is no active product with the provided ID in the given pricing list.",
        )
    })
}

/// `getProductPrice(productId, pricingListCode, priceOptions)`: one unit's price.
pub fn get_product_price(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let id = product_id(call, "PRODUCT_ERROR")?;
    let code = call.text("pricingListCode").unwrap_or_default();
    let options = price_options(call)?;
    let store = call.state.read();
    let list = pricing_list(call, &store, &partner, &code)?;
    let unit = unit_price(call, &store, list, id, &options)?;
    Ok(json!({
        "Currency": list.currency,
        "NetPricePerUnit": money(unit.net),
        "PartnerMarginPerUnit": money(unit.margin),
        "VatPerUnit": money(unit.vat),
    }))
}

/// `addProduct(productId, quantity, priceOptions, pricingListCode)`: into this session's cart.
pub fn add_product(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let id = product_id(call, "PRODUCT_ERROR")?;
    let code = call.text("pricingListCode").unwrap_or_default();
    let options = price_options(call)?;
    let quantity = quantity(call)?.unwrap_or(1);
    let mut store = call.state.write();
    let list = pricing_list(call, &store, &partner, &code)?;
    // Checks the product is sold in the list with these options.
    unit_price(call, &store, list, id, &options)?;
    let cart = store.carts.entry(call.session.id.clone()).or_default();
    let line = CartLine {
        product_id: id,
        pricing_list: code,
        options,
        quantity,
    };
    match cart.lines.iter_mut().find(|l| same_line(l, &line)) {
        Some(existing) => existing.quantity += quantity,
        None => cart.lines.push(line),
    }
    Ok(Value::Bool(true))
}

/// `deleteProduct(productId, priceOptions, quantity)`: from this session's cart.
pub fn delete_product(call: &Call<'_>) -> Result<Value, RpcError> {
    session_partner(call)?;
    let id = product_id(call, "PRODUCT_ERROR")?;
    let options = price_options(call)?;
    let quantity = quantity(call)?;
    let mut store = call.state.write();
    let cart = store.carts.entry(call.session.id.clone()).or_default();
    if cart.lines.is_empty() {
        return Err(call.error("EMPTY_CART", "The shopping cart is empty."));
    }
    let index = cart
        .lines
        .iter()
        .position(|l| l.product_id == id && (options.is_empty() || l.options == options))
        .ok_or_else(|| {
            call.error(
                "PRODUCT_NOT_FOUND",
                "There is no product with the specified settings in cart.",
            )
        })?;
    match quantity {
        Some(n) if n < cart.lines[index].quantity => cart.lines[index].quantity -= n,
        _ => {
            cart.lines.remove(index);
        }
    }
    Ok(Value::Bool(true))
}

/// `clearProducts()`: empties this session's cart.
pub fn clear_products(call: &Call<'_>) -> Result<Value, RpcError> {
    session_partner(call)?;
    let mut store = call.state.write();
    if let Some(cart) = store.carts.get_mut(&call.session.id) {
        cart.lines.clear();
    }
    Ok(Value::Bool(true))
}

/// `setComment(comment)`: the comment of the order this session's cart becomes.
pub fn set_comment(call: &Call<'_>) -> Result<Value, RpcError> {
    session_partner(call)?;
    let comment = match call.arg("comment") {
        Some(Value::String(text)) if !text.trim().is_empty() => text.clone(),
        _ => return Err(call.error("INVALID_COMMENT", "The provided comment is empty.")),
    };
    let mut store = call.state.write();
    store
        .carts
        .entry(call.session.id.clone())
        .or_default()
        .comment = Some(comment);
    Ok(Value::Bool(true))
}

/// `placeOrder()`: orders this session's cart, which is then empty.
pub fn place_order(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let mut store = call.state.write();
    let cart = store
        .carts
        .get(&call.session.id)
        .cloned()
        .unwrap_or_default();
    if cart.lines.is_empty() {
        return Err(call.error("EMPTY_CART", "The shopping cart is empty."));
    }
    let mut total = Decimal::ZERO;
    let mut currency = String::new();
    let mut items = Vec::new();
    for line in &cart.lines {
        let list = pricing_list(call, &store, &partner, &line.pricing_list)?;
        let unit = unit_price(call, &store, list, line.product_id, &line.options)?;
        total += (unit.net + unit.vat) * Decimal::from(line.quantity);
        currency.clone_from(&list.currency);
        items.push(json!({
            "ProductId": line.product_id,
            "PricingListCode": line.pricing_list,
            "PriceOptions": line.options,
            "Quantity": line.quantity,
        }));
    }
    let ref_no = store.next_ref_no.to_string();
    store.next_ref_no += 1;
    let order = json!({
        "RefNo": ref_no,
        "Status": "AWAITING_PAYMENT",
        "OrderLockReason": ["UNPAID_PROFORMA"],
        "ProformaNumber": null,
        "TotalAmount": money(total),
        "Currency": currency,
        "TotalSubbscriptionsNumber": null,
    });
    let mut record = as_record(order.clone());
    // Kept for the sandbox's own checks; not part of the documented answer.
    record.insert("PartnerCode".into(), Value::String(partner));
    record.insert("Items".into(), Value::Array(items));
    record.insert(
        "Comment".into(),
        cart.comment.map_or(Value::Null, Value::String),
    );
    store.partner_orders.insert(ref_no, record);
    store.carts.remove(&call.session.id);
    Ok(order)
}

/// `getOrderStatus(refNo)`: a partner order of the session partner.
pub fn get_order_status(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let ref_no = call.text("refNo").unwrap_or_default();
    let store = call.state.read();
    store
        .partner_orders
        .get(&ref_no)
        .filter(|order| belongs_to(order, &partner))
        .map(documented_order)
        .ok_or_else(|| invalid_reference(call, &ref_no))
}

/// `createProforma(Sales)`: one invoice for approved, uninvoiced orders of one currency.
pub fn create_proforma(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let sales: Vec<String> = match call.arg("Sales") {
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        _ => Vec::new(),
    };
    if sales.is_empty() {
        return Err(crate::validate::missing(call.method, "Sales"));
    }
    let mut store = call.state.write();
    let mut total = Decimal::ZERO;
    let mut currency: Option<String> = None;
    for ref_no in &sales {
        let order = store
            .partner_orders
            .get(ref_no)
            .filter(|order| belongs_to(order, &partner))
            .filter(|order| order.get("Status").and_then(Value::as_str) == Some("AWAITING_PAYMENT"))
            .filter(|order| order.get("ProformaNumber").is_none_or(Value::is_null))
            .ok_or_else(|| invalid_reference(call, ref_no))?;
        let order_currency = text_of(order, "Currency");
        if currency.as_ref().is_some_and(|c| *c != order_currency) {
            return Err(call.error(
                "INVALID_REFERENCE",
                "The orders of one partner invoice must share a currency.",
            ));
        }
        currency = Some(order_currency);
        total += order
            .get("TotalAmount")
            .and_then(|v| crate::money::parse(&v.to_string()))
            .unwrap_or(Decimal::ZERO);
    }
    store.proforma_count += 1;
    let number = format!("{}", 9_100_000 + store.proforma_count);
    let today = crate::time::today();
    let proforma = json!({
        "Number": number,
        "CreateDate": today,
        "DueDate": crate::time::add_days(&today, 30),
        "Status": "Unpaid",
        "Currency": currency.unwrap_or_default(),
        "Total": total.to_string(),
        "PaymentMethod": null,
        "Orders": sales,
        "BusinessModel": business_model(&partner),
        "ProformaPDF": format!("https://sandbox.invalid/proforma/{number}.pdf"),
    });
    for ref_no in &sales {
        if let Some(order) = store.partner_orders.get_mut(ref_no) {
            order.insert("ProformaNumber".into(), Value::String(number.clone()));
        }
    }
    let mut record = as_record(proforma.clone());
    record.insert("PartnerCode".into(), Value::String(partner));
    store.proformas.insert(number, record);
    Ok(proforma)
}

/// `getProforma(proformaNumber)`: an invoice of the session partner.
pub fn get_proforma(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let number = call.text("proformaNumber").unwrap_or_default();
    let store = call.state.read();
    let proforma = partner_proforma(call, &store, &partner, &number)?;
    Ok(documented_proforma(proforma))
}

/// `setProforma(proformaNumber)`: marks the invoice this session pays.
pub fn set_proforma(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let number = call.text("proformaNumber").unwrap_or_default();
    let mut store = call.state.write();
    let proforma = partner_proforma(call, &store, &partner, &number)?;
    if text_of(proforma, "Status") == "Paid" {
        return Err(paid_already(call));
    }
    store.billing.insert(
        call.session.id.clone(),
        Billing {
            proforma: Some(number),
            payment: None,
        },
    );
    Ok(Value::Bool(true))
}

/// `setPaymentDetails(paymentDetails)`: how this session pays its marked invoice.
pub fn set_payment_details(call: &Call<'_>) -> Result<Value, RpcError> {
    session_partner(call)?;
    let details = match call.arg("paymentDetails") {
        Some(Value::Object(details)) => details.clone(),
        _ => return Err(crate::validate::missing(call.method, "paymentDetails")),
    };
    let mut store = call.state.write();
    let Some(number) = store
        .billing
        .get(&call.session.id)
        .and_then(|b| b.proforma.clone())
    else {
        return Err(call.error(
            "PAYMENT_PROFORMA",
            "Mark a partner invoice with setProforma first.",
        ));
    };
    let invoice_currency = store
        .proformas
        .get(&number)
        .map(|p| text_of(p, "Currency"))
        .unwrap_or_default();
    if let Some(currency) = details.get("Currency").and_then(Value::as_str)
        && !currency.eq_ignore_ascii_case(&invoice_currency)
    {
        return Err(call.error(
            "PAYMENT_ERROR",
            &format!("The currency {currency} is not the invoice's ({invoice_currency})."),
        ));
    }
    let kind = details
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if kind.eq_ignore_ascii_case("CC") && details.get("PaymentMethod").is_none_or(Value::is_null) {
        return Err(call.error("PAYMENT_ERROR", "Card payments need the card details."));
    }
    if let Some(billing) = store.billing.get_mut(&call.session.id) {
        billing.payment = Some(details);
    }
    Ok(Value::Bool(true))
}

/// `payProforma()`: pays this session's marked invoice with its payment details; the orders on
/// it complete.
pub fn pay_proforma(call: &Call<'_>) -> Result<Value, RpcError> {
    session_partner(call)?;
    let mut store = call.state.write();
    let billing = store
        .billing
        .get(&call.session.id)
        .cloned()
        .unwrap_or_default();
    let (Some(number), Some(payment)) = (billing.proforma, billing.payment) else {
        return Err(call.error("PAYMENT_PROFORMA", "You must use setPaymentDetails first."));
    };
    let card = payment.get("PaymentMethod").and_then(Value::as_object);
    // The sandbox's one declined card, so a test can see the authorization error.
    if card
        .and_then(|c| c.get("CardNumber"))
        .and_then(Value::as_str)
        .is_some_and(|n| n.ends_with("0002"))
    {
        return Err(call.error("PAYMENT_ERROR", "Authorization error."));
    }
    let method = payment
        .get("Type")
        .and_then(Value::as_str)
        .unwrap_or("CC")
        .to_owned();
    let Some(proforma) = store.proformas.get(&number) else {
        return Err(call.error("PAYMENT_PROFORMA", "The marked partner invoice is gone."));
    };
    if text_of(proforma, "Status") == "Paid" {
        return Err(paid_already(call));
    }
    complete(&mut store, &number, &method);
    store.billing.remove(&call.session.id);
    Ok(Value::Bool(true))
}

/// `getPartnerSingleSignOn(email, partnerCode, accessPage, validityTime, validationIP)`: a link
/// into the partner Control Panel for a user of the partner (its contact e-mail).
pub fn get_partner_single_sign_on(call: &Call<'_>) -> Result<Value, RpcError> {
    let code = call.text("partnerCode").unwrap_or_default();
    let email = call.required_text("email")?;
    let page = call.required_text("accessPage")?;
    let validity = match call.arg("validityTime") {
        None => 10,
        Some(value) => value
            .as_i64()
            .filter(|seconds| *seconds > 0)
            .ok_or_else(|| {
                call.error(
                    "INVALID_PARAMETER",
                    "validityTime must be a positive number of seconds.",
                )
            })?,
    };
    let mut store = call.state.write();
    let known = store
        .partners
        .get(&code)
        .and_then(|p| p.get("Email"))
        .and_then(Value::as_str)
        .is_some_and(|contact| contact.eq_ignore_ascii_case(&email));
    if !known {
        return Err(call.error(
            "INVALID_PARTNER",
            &format!("No partner {code:?} with a user {email:?}."),
        ));
    }
    if !page.starts_with("https://secure.avangate.com/partners/") {
        return Err(call.error(
            "INVALID_PARAMETER",
            "accessPage must be a partner Control Panel address (https://secure.avangate.com/partners/…).",
        ));
    }
    store.sso_links += 1;
    let token = format!(
        "{:016x}",
        store.sso_links.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    );
    let separator = if page.contains('?') { '&' } else { '?' };
    Ok(Value::String(format!(
        "{page}{separator}logintoken={token}&validity={validity}"
    )))
}

/// `getPromotions()`: the promotions of the products in this session's cart.
pub fn get_promotions(call: &Call<'_>) -> Result<Value, RpcError> {
    session_partner(call)?;
    let store = call.state.read();
    let in_cart: Vec<i64> = store
        .carts
        .get(&call.session.id)
        .map(|cart| cart.lines.iter().map(|l| l.product_id).collect())
        .unwrap_or_default();
    let promotions: Vec<Value> = cart_promotions()
        .into_iter()
        .filter(|(product, _)| in_cart.contains(product))
        .map(|(_, promotion)| promotion)
        .collect();
    Ok(Value::Array(promotions))
}

/// Promotions of the Channel Manager products, by product id (informational: the sandbox
/// prices without them).
fn cart_promotions() -> Vec<(i64, Value)> {
    vec![(
        4_712_041,
        json!({
            "Name": "Partner spring campaign",
            "Description": "Antivirus Pro for partners, spring 2026.",
            "StartDate": "2026-03-01",
            "EndDate": null,
            "MaximumOrdersNumber": null,
            "MaximumQuantity": 50,
            "InstantDiscount": true,
            "Coupon": null,
            "DiscountLabel": "10%",
        }),
    )]
}

/// `confirmInvoicePayment(partnerCode, proformaNo, rrn)`: a direct partner paid an invoice.
pub fn confirm_invoice_payment(call: &Call<'_>) -> Result<Value, RpcError> {
    let partner = session_partner(call)?;
    let named = call.text("partnerCode").unwrap_or_default();
    let number = call.text("proformaNo").unwrap_or_default();
    let mut store = call.state.write();
    let Some(proforma) = store.proformas.get(&number) else {
        return Err(call.error(
            "INVALID_PROFORMA",
            "The proforma invoice number is invalid.",
        ));
    };
    if named != partner || !belongs_to(proforma, &partner) {
        return Err(call.error(
            "INVALID_PARTNER",
            "No partner is set or the proforma does not belong to the partner set.",
        ));
    }
    if business_model(&partner) != "SERVICE_PROVIDER" {
        return Err(call.error(
            "INVALID_METHOD",
            "The partner set is not on the Direct business model.",
        ));
    }
    if text_of(proforma, "Status") == "Paid" {
        return Err(call.error(
            "PAYMENT_PROFORMA",
            "The proforma invoice has already been paid.",
        ));
    }
    let rrn = call.text("rrn");
    complete(&mut store, &number, "WIRE");
    if let (Some(proforma), Some(rrn)) = (store.proformas.get_mut(&number), rrn) {
        proforma.insert("PaymentReference".into(), Value::String(rrn));
    }
    Ok(Value::Bool(true))
}

/// Marks an invoice paid with `method` and completes its orders; returns how many.
fn complete(store: &mut Store, number: &str, method: &str) -> usize {
    let Some(proforma) = store.proformas.get_mut(number) else {
        return 0;
    };
    proforma.insert("Status".into(), json!("Paid"));
    proforma.insert("PaymentMethod".into(), Value::String(method.to_owned()));
    let orders: Vec<String> = proforma
        .get("Orders")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(as_text).collect())
        .unwrap_or_default();
    for ref_no in &orders {
        if let Some(order) = store.partner_orders.get_mut(ref_no) {
            order.insert("Status".into(), json!("COMPLETE"));
            order.insert("OrderLockReason".into(), Value::Null);
        }
    }
    orders.len()
}

/// Partners paying you directly (the direct / service-provider model); the others pay
/// 2Checkout as master reseller.
const DIRECT_PARTNERS: &[&str] = &["Second Partner"];

fn business_model(partner: &str) -> &'static str {
    if DIRECT_PARTNERS.contains(&partner) {
        "SERVICE_PROVIDER"
    } else {
        "RESELLER"
    }
}

/// The price of one unit, split as documented.
struct Unit {
    net: Decimal,
    margin: Decimal,
    vat: Decimal,
}

fn unit_price(
    call: &Call<'_>,
    store: &Store,
    list: &PricingList,
    id: i64,
    options: &[String],
) -> Result<Unit, RpcError> {
    let not_found = || {
        call.error(
            "PRODUCT_NOT_FOUND",
            "There is no active product with the provided ID in the given pricing list.",
        )
    };
    let active = store
        .channel_products
        .get(&id)
        .and_then(|p| p.get("ProductStatus"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let base = list
        .prices
        .get(&id)
        .filter(|_| active)
        .ok_or_else(not_found)?;
    let mut price = *base;
    for option in options {
        let surcharge = CHANNEL_PRODUCT_OPTIONS
            .iter()
            .find(|(product, code, _)| *product == id && code.eq_ignore_ascii_case(option))
            .and_then(|(_, _, amount)| crate::money::parse(amount))
            .ok_or_else(|| {
                call.error(
                    "PRODUCT_ERROR",
                    &format!("The product has no price option {option:?}."),
                )
            })?;
        price += surcharge;
    }
    let margin = (price * list.margin_percent / Decimal::ONE_HUNDRED).round_dp(2);
    let net = price - margin;
    let vat_percent = if list.currency == "EUR" {
        Decimal::from(19)
    } else {
        Decimal::ZERO
    };
    let vat = (net * vat_percent / Decimal::ONE_HUNDRED).round_dp(2);
    Ok(Unit { net, margin, vat })
}

fn product_info(store: &Store, list: &PricingList, id: i64) -> Option<Value> {
    let product = store.channel_products.get(&id)?;
    let price = list.prices.get(&id)?;
    if product.get("ProductStatus").and_then(Value::as_bool) != Some(true) {
        return None;
    }
    let mut info = product.clone();
    info.insert("Currency".into(), Value::String(list.currency.clone()));
    info.insert(
        "DefaultCurrency".into(),
        Value::String(list.currency.clone()),
    );
    info.insert("Price".into(), money(*price));
    Some(Value::Object(info))
}

fn pricing_list<'s>(
    call: &Call<'_>,
    store: &'s Store,
    partner: &str,
    code: &str,
) -> Result<&'s PricingList, RpcError> {
    store
        .pricing_lists
        .get(code)
        .filter(|list| list.partner == partner)
        .ok_or_else(|| no_pricing_list(call))
}

fn partner_proforma<'s>(
    call: &Call<'_>,
    store: &'s Store,
    partner: &str,
    number: &str,
) -> Result<&'s Record, RpcError> {
    store
        .proformas
        .get(number)
        .filter(|p| belongs_to(p, partner))
        .ok_or_else(|| {
            call.error(
                "INVALID_PROFORMA_NUMBER",
                &format!("Invalid partner invoice number {number:?}."),
            )
        })
}

/// The partner set on the session (the server checked one is set for `#[partner]` methods).
fn session_partner(call: &Call<'_>) -> Result<String, RpcError> {
    call.session
        .partner
        .clone()
        .ok_or_else(|| call.error("INVALID_PARTNER", "No partner is set."))
}

fn product_id(call: &Call<'_>, code: &str) -> Result<i64, RpcError> {
    call.text("productId")
        .and_then(|text| text.trim().parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or_else(|| call.error(code, "Invalid product ID."))
}

/// The price option codes sent, sorted (NULL or absent: none).
fn price_options(call: &Call<'_>) -> Result<Vec<String>, RpcError> {
    let mut options = match call.arg("priceOptions") {
        None => Vec::new(),
        Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
        Some(_) => return Err(call.error("PRODUCT_ERROR", "priceOptions must be an array.")),
    };
    options.sort();
    Ok(options)
}

fn quantity(call: &Call<'_>) -> Result<Option<i64>, RpcError> {
    match call.arg("quantity") {
        None => Ok(None),
        Some(value) => match value.as_i64() {
            Some(n) if n >= 1 => Ok(Some(n)),
            _ => Err(call.error(
                "INVALID_QUANTITY",
                "The quantity must be a whole number of at least 1.",
            )),
        },
    }
}

fn same_line(a: &CartLine, b: &CartLine) -> bool {
    a.product_id == b.product_id && a.pricing_list == b.pricing_list && a.options == b.options
}

/// An exact amount as a JSON number (two decimals at most, so the number's text is the
/// decimal's).
fn money(amount: Decimal) -> Value {
    let text = amount.round_dp(2).normalize().to_string();
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

fn documented_order(order: &Record) -> Value {
    let keys = [
        "RefNo",
        "Status",
        "OrderLockReason",
        "ProformaNumber",
        "TotalAmount",
        "Currency",
        "TotalSubbscriptionsNumber",
    ];
    Value::Object(
        keys.iter()
            .filter_map(|k| order.get(*k).map(|v| ((*k).to_owned(), v.clone())))
            .collect(),
    )
}

fn documented_proforma(proforma: &Record) -> Value {
    let mut out = proforma.clone();
    out.remove("PartnerCode");
    Value::Object(out)
}

fn as_record(value: Value) -> Record {
    match value {
        Value::Object(fields) => fields,
        _ => Record::new(),
    }
}

fn text_of(record: &Record, key: &str) -> String {
    record.get(key).and_then(as_text).unwrap_or_default()
}

fn belongs_to(record: &Record, partner: &str) -> bool {
    record.get("PartnerCode").and_then(Value::as_str) == Some(partner)
}

fn no_pricing_list(call: &Call<'_>) -> RpcError {
    call.error(
        "PARTNER_PRICING_LISTS_NOT_FOUND",
        "There are no pricing lists with provided code.",
    )
}

fn invalid_reference(call: &Call<'_>, ref_no: &str) -> RpcError {
    call.error(
        "INVALID_REFERENCE",
        &format!("The provided order reference {ref_no:?} is invalid."),
    )
}

fn paid_already(call: &Call<'_>) -> RpcError {
    call.error("PAYMENT_PROFORMA", "This is a paid partner invoice.")
}
