//! A valid spec becomes the expected model.

use crate::load::{Source, load_sources};
use crate::model::{ApiFamily, TypeDef, TypeRef};

const EXAMPLE: &str = r#"//! Resellers of Channel Manager partners.
//!
//!  Indented second paragraph.

/// A reseller attached to a partner.
#[source("https://docs.2checkout.com/channel-manager-api/reseller")]
struct Reseller {
    /// Partner identifier set when the partner was created in the Control Panel.
    PartnerCode: String,
    /// Reseller phone. Can be NULL.
    Phone: Option<Nullable<String>>,
    /// System-generated customer reference.
    #[rust_name("two_checkout_customer_reference")]
    "2CheckoutCustomerReference": Option<Nullable<i64>>,
    /// Reseller type.
    #[lenient("sent as a number or a string")]
    Type: Nullable<i64>,
    /// Tags.
    Tags: Option<Vec<Map<Json>>>,
}

/// Discount or margin kind.
#[source("seed: upgradePartnerSubscriptions")]
enum AmountType {
    /// A fixed amount in the order currency.
    FIXED,
    PERCENT,
    "Visa Electron",
}

/// Who sends a proposal.
#[source("seed")]
struct ProposalSender {
    /// Name.
    Name: String,
}

/// Payload of `performAction`: the fields depend on `action`.
#[source("https://docs.2checkout.com/perform-action")]
#[tag("action")]
enum ProposalAction {
    /// Send the proposal to the customer.
    send {
        /// When the proposal expires (ISO 8601).
        #[note("The docs' table spells it `exirationDate`; the sample's `ExpirationDate` wins.")]
        ExpirationDate: DateTime,
        /// Who sends it.
        SentBy: ProposalSender,
    },
    accept {},
    forward(ProposalSender),
}

/// Update the details of an existing reseller.
#[source("https://docs.2checkout.com/update-reseller-information")]
#[api(cm6, cm21)]
#[partner]
#[error(INVALID_PARTNER_RESELLER_CODE, "No partner reseller found for the specified code.")]
#[error(10000, "Numeric.")]
#[error("Missing required parameter: PartnerCode", "Text.")]
fn updateReseller(
    /// The reseller, with every field you want to keep.
    Reseller: Reseller,
) -> bool;

/// Log in.
#[source("seed: login")]
#[api(rpc6)]
#[no_session]
#[retry_safe]
fn login(
    /// Merchant code.
    MerchantCode: String,
    /// When.
    Date: Nullable<Date>,
    /// Optional.
    Kind: Option<AmountType>,
) -> ();
"#;

#[test]
fn the_worked_example_becomes_the_expected_model() {
    let source = Source {
        name: "api-spec/reseller.api".to_owned(),
        text: EXAMPLE.to_owned(),
    };
    let spec = match load_sources(&[source]) {
        Ok(spec) => spec,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    assert_eq!(spec.modules.len(), 1);
    assert_eq!(spec.modules[0].name, "reseller");
    assert_eq!(spec.modules[0].file, "api-spec/reseller.api");
    assert_eq!(
        spec.modules[0].docs,
        "Resellers of Channel Manager partners.\n\n Indented second paragraph."
    );

    let names: Vec<&str> = spec.methods.iter().map(|m| m.wire_name.as_str()).collect();
    assert_eq!(names, ["login", "updateReseller"]);
    let update = spec
        .method(ApiFamily::Cm21, "updateReseller")
        .expect("updateReseller");
    assert_eq!(update.rust_name, "update_reseller");
    assert_eq!(update.type_name, "UpdateReseller");
    assert_eq!(update.apis, [ApiFamily::Cm21, ApiFamily::Cm6]);
    assert!(update.partner && update.session && !update.retry_safe);
    assert_eq!(update.returns, TypeRef::Bool);
    let codes: Vec<&str> = update.errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "INVALID_PARTNER_RESELLER_CODE",
            "10000",
            "Missing required parameter: PartnerCode"
        ]
    );
    assert_eq!(update.location.line, 61);
    assert_eq!(update.location.column, 4);
    let login = spec.method(ApiFamily::Rpc6, "login").expect("login");
    assert!(!login.session && login.retry_safe && !login.partner);
    assert_eq!(login.returns, TypeRef::Unit);
    assert_eq!(login.params[1].rust_name, "date");
    assert!(login.params[1].required && login.params[1].nullable);
    assert_eq!(login.params[1].ty, TypeRef::Date);
    assert!(!login.params[2].required && !login.params[2].nullable);
    assert_eq!(login.params[2].ty, TypeRef::Named("AmountType".to_owned()));

    let types: Vec<&str> = spec.types.iter().map(TypeDef::name).collect();
    assert_eq!(
        types,
        [
            "AmountType",
            "ProposalAction",
            "ProposalActionAccept",
            "ProposalActionSend",
            "ProposalSender",
            "Reseller"
        ]
    );
    let Some(TypeDef::Struct(reseller)) = spec.type_def("Reseller") else {
        panic!("Reseller is a struct")
    };
    let fields: Vec<(&str, &str, bool, bool)> = reseller
        .fields
        .iter()
        .map(|f| {
            (
                f.wire_name.as_str(),
                f.rust_name.as_str(),
                f.required,
                f.nullable,
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("PartnerCode", "partner_code", true, false),
            ("Phone", "phone", false, true),
            (
                "2CheckoutCustomerReference",
                "two_checkout_customer_reference",
                false,
                true
            ),
            ("Type", "type_", true, true),
            ("Tags", "tags", false, false),
        ]
    );
    assert_eq!(
        reseller.fields[4].ty,
        TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Json))))
    );
    assert_eq!(
        reseller.fields[3].lenient.as_deref(),
        Some("sent as a number or a string")
    );
    assert_eq!(
        reseller.docs.sources,
        ["https://docs.2checkout.com/channel-manager-api/reseller"]
    );

    let Some(TypeDef::Enum(amount)) = spec.type_def("AmountType") else {
        panic!("AmountType is an enum")
    };
    let values: Vec<(&str, &str)> = amount
        .values
        .iter()
        .map(|v| (v.wire.as_str(), v.rust_name.as_str()))
        .collect();
    assert_eq!(
        values,
        [
            ("FIXED", "Fixed"),
            ("PERCENT", "Percent"),
            ("Visa Electron", "VisaElectron")
        ]
    );
    assert_eq!(
        amount.values[0].docs.text,
        "A fixed amount in the order currency."
    );
    assert!(amount.values[1].docs.text.is_empty());

    let Some(TypeDef::Union(action)) = spec.type_def("ProposalAction") else {
        panic!("ProposalAction is a union")
    };
    assert_eq!(action.tag, "action");
    let variants: Vec<(&str, &str, &str)> = action
        .variants
        .iter()
        .map(|v| (v.wire.as_str(), v.rust_name.as_str(), v.payload.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("send", "Send", "ProposalActionSend"),
            ("accept", "Accept", "ProposalActionAccept"),
            ("forward", "Forward", "ProposalSender"),
        ]
    );
    let Some(TypeDef::Struct(send)) = spec.type_def("ProposalActionSend") else {
        panic!("the inline variant has a struct")
    };
    assert_eq!(send.docs.text, "Send the proposal to the customer.");
    assert_eq!(send.fields[0].ty, TypeRef::DateTime);
    assert_eq!(send.fields[0].docs.notes.len(), 1);
}

#[test]
fn several_files_share_one_namespace() {
    let a = Source {
        name: "spec/a.api".to_owned(),
        text: "//! A.\n/// T.\n#[source(\"s\")]\nstruct T {\n/// U.\nU: U }".to_owned(),
    };
    let b = Source {
        name: "spec/b.api".to_owned(),
        text: "//! B.\n/// U.\n#[source(\"s\")]\nenum U { X }".to_owned(),
    };
    let spec = load_sources(&[b, a]).unwrap_or_else(|d| panic!("{d}"));
    let modules: Vec<&str> = spec.modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(modules, ["a", "b"]);
    let t = spec.type_def("T").expect("T");
    assert_eq!(
        spec.module_of(t.location()).map(|m| m.name.as_str()),
        Some("a")
    );
}

#[test]
fn top_of_file_takes_docs_only() {
    let source = Source {
        name: "spec/top.api".to_owned(),
        text: "//! Docs.\n#![source(\"s\")]\n#![tagg]\n".to_owned(),
    };
    let diagnostics = load_sources(&[source]).expect_err("misplaced attributes");
    let rendered: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        rendered,
        [
            "spec/top.api:2:1: error: `#[source]` is not allowed at the top of a file\n  = hint: `#[source]` goes on items, fields, params and variants",
            "spec/top.api:3:1: error: unknown attribute `#[tagg]`\n  = hint: did you mean `#[tag]`?",
        ]
    );
}

#[test]
fn sensitive_marks_only_the_fields_and_params_it_is_written_on() {
    let text = r#"//! Cards.

/// A card.
#[source("seed: card")]
struct Card {
    /// Full card number.
    #[sensitive]
    CardNumber: Option<Nullable<String>>,
    /// Last digits.
    LastDigits: Option<String>,
}

/// Pay.
#[source("seed: pay")]
#[api(rpc6)]
fn pay(
    /// Amount.
    Amount: f64,
    /// Security code.
    #[sensitive]
    Cvv: String,
) -> bool;
"#;
    let source = Source {
        name: "api-spec/card.api".to_owned(),
        text: text.to_owned(),
    };
    let spec = match load_sources(&[source]) {
        Ok(spec) => spec,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    let Some(TypeDef::Struct(card)) = spec.type_def("Card") else {
        panic!("Card is a struct")
    };
    let fields: Vec<(&str, bool)> = card
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.sensitive))
        .collect();
    assert_eq!(fields, [("CardNumber", true), ("LastDigits", false)]);
    let pay = spec.method(ApiFamily::Rpc6, "pay").expect("pay");
    let params: Vec<(&str, bool)> = pay
        .params
        .iter()
        .map(|p| (p.wire_name.as_str(), p.sensitive))
        .collect();
    assert_eq!(params, [("Amount", false), ("Cvv", true)]);
}

#[test]
fn one_wire_name_carries_a_signature_per_api_family() {
    let text = r#"//! Same wire name, two families.

/// The merchant's: adds to the catalog.
#[source("test")]
#[api(rpc6)]
fn addProduct(
    /// The product.
    Product: Json,
) -> bool;

/// The partner's: adds to the cart.
#[source("test")]
#[api(cm21)]
#[partner]
#[cart]
#[rust_name("add_product_to_cart")]
fn addProduct(
    /// Product id.
    productId: i64,
    /// Pricing list.
    pricingListCode: String,
) -> bool;
"#;
    let spec = load_sources(&[Source {
        name: "api-spec/both.api".into(),
        text: text.into(),
    }])
    .expect("disjoint families with their own Rust names are accepted");
    assert_eq!(spec.methods_named("addProduct").len(), 2);
    let merchant = spec.method(ApiFamily::Rpc6, "addProduct").expect("rpc6");
    let partner = spec.method(ApiFamily::Cm21, "addProduct").expect("cm21");
    assert_eq!(merchant.rust_name, "add_product");
    assert_eq!(merchant.params.len(), 1);
    assert!(!merchant.cart);
    assert_eq!(partner.rust_name, "add_product_to_cart");
    assert_eq!(partner.type_name, "AddProductToCart");
    assert_eq!(partner.params.len(), 2);
    assert!(partner.cart && partner.partner);
    assert!(spec.method(ApiFamily::Rpc3, "addProduct").is_none());
    assert!(spec.methods_named("placeOrder").is_empty());
}
