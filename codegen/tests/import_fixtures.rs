//! The importer on hand-written pages, one per layout and trap (`tests/import/fixtures/`).

use std::path::Path;

use twocheckout_codegen::import::{self, Import, Page, json, spec};
use twocheckout_codegen::load::{self, Source};
use twocheckout_codegen::print::slot_text;

fn import_fixture(name: &str) -> Import {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import/fixtures")
        .join(name);
    let text = std::fs::read_to_string(path).expect("fixture readable");
    import::import_pages(&[Page {
        name: name.to_owned(),
        text,
    }])
}

fn params(import: &Import, method: &str) -> Vec<String> {
    let m = import
        .methods
        .iter()
        .find(|m| m.name == method)
        .unwrap_or_else(|| panic!("no method {method}: {import:?}"));
    m.params
        .iter()
        .map(|p| format!("{}: {}", p.name, slot_text(&p.ty, p.required, p.nullable)))
        .collect()
}

/// The printed items load as a spec on their own.
fn validates(import: &Import) {
    let text = spec::to_text(import);
    if let Err(d) = load::load_sources(&[Source {
        name: spec::FILE.to_owned(),
        text: text.clone(),
    }]) {
        panic!("imported text does not validate:\n{d}\n{text}");
    }
}

#[test]
fn markdown_tables_value_lists_and_stepper_blocks() {
    let import = import_fixture("markdown_pause.md");
    assert_eq!(
        params(&import, "setRenewalPause"),
        [
            "SubscriptionRef: String",
            "PauseReason: Option<String>",
            "Kind: Option<Kind>"
        ]
    );
    let kind = import.objects.iter().find(|o| o.name == "Kind").unwrap();
    assert_eq!(kind.values, ["SHORT", "LONG"]);
    assert_eq!(
        import.methods[0].returns,
        twocheckout_codegen::model::TypeRef::Bool
    );
    validates(&import);
}

#[test]
fn flat_layout_table_and_sample_disagree_on_order() {
    let import = import_fixture("flat_order.txt");
    // The sample's order wins; the optional quantity after the required code stays optional.
    assert_eq!(
        params(&import, "addProduct"),
        ["productCode: String", "quantity: Option<i64>"]
    );
    let m = &import.methods[0];
    assert!(
        m.notes.iter().any(|n| n.contains("another order")),
        "{:?}",
        m.notes
    );
    assert!(m.partner);
    assert_eq!(m.errors[0].code, "INVALID_PRODUCT");
    validates(&import);
}

#[test]
fn pages_without_a_table_are_guessed_from_the_sample() {
    let import = import_fixture("pipe_no_table.txt");
    assert_eq!(
        params(&import, "getContact"),
        ["contactEmail: String", "isActive: bool"]
    );
    let m = &import.methods[0];
    assert!(m.notes.iter().any(|n| n.contains("no parameter table")));
    assert!(
        m.params.iter().all(|p| !p.notes.is_empty()),
        "each guess is noted"
    );
    validates(&import);
}

#[test]
fn bad_pages_are_reported_with_page_and_line_and_others_still_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/fixtures");
    let pages: Vec<Page> = ["bad_no_sample.txt", "flat_order.txt"]
        .iter()
        .map(|n| Page {
            name: (*n).to_owned(),
            text: std::fs::read_to_string(dir.join(n)).unwrap(),
        })
        .chain([Page {
            name: "garbage".to_owned(),
            text: "\u{0}|||{%```<?php $->(((".to_owned(),
        }])
        .collect();
    let import = import::import_pages(&pages);
    assert_eq!(import.methods.len(), 1);
    let problem = import
        .problems
        .iter()
        .find(|p| p.page == "bad_no_sample.txt")
        .expect("the page without a sample is reported");
    assert_eq!(problem.line, 6);
    assert!(
        problem
            .to_string()
            .starts_with("bad_no_sample.txt:6: parameter table without a request sample")
    );
    assert!(import.problems.iter().any(|p| p.page == "garbage"));
}

#[test]
fn several_pages_of_one_method_merge_and_conflicts_are_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/pages");
    let pages: Vec<Page> = ["kc_get_product_by_code.txt", "cm_get_product_by_code.txt"]
        .iter()
        .map(|n| Page {
            name: (*n).to_owned(),
            text: std::fs::read_to_string(dir.join(n)).unwrap(),
        })
        .collect();
    let import = import::import_pages(&pages);
    assert_eq!(import.methods.len(), 1);
    let m = &import.methods[0];
    assert_eq!(m.sources.len(), 2);
    assert!(
        import
            .problems
            .iter()
            .any(|p| p.message.contains("pages disagree"))
    );
}

#[test]
fn json_has_the_documented_shape() {
    let import = import_fixture("markdown_pause.md");
    let value = json::to_json(&import);
    let method = &value["methods"][0];
    assert_eq!(method["name"], "setRenewalPause");
    assert_eq!(method["api"][0], "rpc6");
    assert_eq!(method["params"][0]["name"], "SubscriptionRef");
    assert_eq!(method["params"][0]["type"], "String");
    assert_eq!(method["params"][0]["required"], true);
    assert_eq!(method["returns"], "bool");
    assert!(method["errors"].is_array() && method["notes"].is_array());
    assert_eq!(method["source"], "markdown_pause.md");
    assert!(value["objects"][0]["fields"].is_array());
    assert!(value["problems"].is_array());
}

/// The fields of an imported object, as `name: slot type`.
fn fields(import: &Import, object: &str) -> Vec<String> {
    let o = import
        .objects
        .iter()
        .find(|o| o.name == object)
        .unwrap_or_else(|| panic!("no object {object}: {:?}", import.objects));
    o.fields
        .iter()
        .map(|f| format!("{}: {}", f.name, slot_text(&f.ty, f.required, f.nullable)))
        .collect()
}

#[test]
fn flat_nested_rows_without_a_type_are_fields() {
    let import = import_fixture("flat_nested.txt");
    assert_eq!(
        params(&import, "upgradeSubscriptions"),
        ["Items: Vec<Item>", "Comment: Option<String>"]
    );
    assert_eq!(
        fields(&import, "Item"),
        [
            "SubscriptionReference: String",
            "PricingOptions: Vec<PricingOption>"
        ]
    );
    // `Code The pricing option code.`: a name, no marker, a description; typed from the sample.
    assert_eq!(
        fields(&import, "PricingOption"),
        ["Code: Option<String>", "Group: Option<i64>"]
    );
    assert!(import.objects.iter().all(|o| !o.undescribed));
    validates(&import);
}

#[test]
fn gitbook_nesting_by_markers_prefixes_and_sub_headers() {
    let import = import_fixture("markdown_nested.md");
    assert_eq!(
        params(&import, "upgradePartnerSubscriptions"),
        [
            "Items: Vec<Item>",
            "ExtraDiscount: Option<ExtraDiscount>",
            "StartDate: Option<Date>",
            "ScheduledAt: Option<DateTime>"
        ]
    );
    // `↳` rows are fields of the row above them.
    assert_eq!(
        fields(&import, "Item"),
        [
            "SubscriptionReference: String",
            "PricingOptions: Vec<PricingOption>"
        ]
    );
    // The `Items → PricingOptions` sub-header puts `Code` under PricingOptions.
    assert_eq!(fields(&import, "PricingOption"), ["Code: Option<String>"]);
    // `ExtraDiscount.Value` / `.Type`: name prefixes.
    assert_eq!(
        fields(&import, "ExtraDiscount"),
        ["Value: Option<Money>", "Type: Option<ExtraDiscountType>"]
    );
    validates(&import);
}

#[test]
fn html_response_tables_in_gitbook_pages_nest() {
    let import = import_fixture("markdown_nested.md");
    let m = &import.methods[0];
    assert_eq!(
        m.returns,
        twocheckout_codegen::model::TypeRef::Named("UpgradeResult".into())
    );
    // Entity-indented and `↳` cells of a multi-line HTML table.
    assert_eq!(
        fields(&import, "UpgradeResult"),
        ["RefNo: Option<String>", "Totals: Option<Totals>"]
    );
    assert_eq!(fields(&import, "Totals"), ["NetPrice: Option<Money>"]);
}

#[test]
fn pipe_tables_nest_by_empty_leading_cells() {
    let import = import_fixture("pipe_nested_object.txt");
    assert_eq!(
        fields(&import, "PriceOptionsGroup"),
        [
            "Name: Option<String>",
            "Translations: Option<Vec<Translation>>",
            "Code: Option<String>"
        ]
    );
    assert_eq!(fields(&import, "Translation"), ["Language: Option<String>"]);
    validates(&import);
}

#[test]
fn inline_objects_get_short_names_unless_they_clash() {
    // `Items` of Order and of Refund differ: each keeps its long name.
    let import = import_fixture("clash_names.txt");
    assert_eq!(fields(&import, "Order"), ["Items: OrderItems"]);
    assert_eq!(fields(&import, "Refund"), ["Items: RefundItems"]);
    assert_eq!(fields(&import, "OrderItems"), ["Code: Option<String>"]);
    assert_eq!(fields(&import, "RefundItems"), ["Quantity: Option<i64>"]);
    // The same inline objects in two payloads are one object under the short name.
    let import = import_fixture("flat_nested.txt");
    assert!(import.objects.iter().all(|o| !o.name.contains("Items")));
    validates(&import);
}

#[test]
fn field_docs_are_neutral_and_descriptions_go_to_json() {
    let import = import_fixture("flat_nested.txt");
    let text = spec::to_text(&import);
    assert!(
        text.contains("/// `SubscriptionReference` (string, required)."),
        "{text}"
    );
    assert!(text.contains("/// `Comment` (string, optional)."), "{text}");
    for sentence in [
        "The subscription code",
        "Free text",
        "The pricing option code",
    ] {
        assert!(
            !text.contains(sentence),
            "page text copied: {sentence}\n{text}"
        );
    }
    let value = json::to_json(&import);
    let comment = &value["methods"][0]["params"][1];
    assert_eq!(comment["name"], "Comment");
    assert_eq!(comment["description"], "Free text.");
    let item = value["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "PricingOption")
        .unwrap();
    assert_eq!(item["fields"][0]["description"], "The pricing option code.");
}

#[test]
fn fields_listed_in_an_object_rows_description_are_nested() {
    // The seed's GitBook form: `error | Required (object)` with
    // `<p>C<strong>ode -</strong> Integer …</p><p><strong>Message -</strong> … (string).</p>`.
    let import = import_fixture("markdown_error_object.md");
    assert_eq!(
        fields(&import, "Error"),
        ["code: i64", "error: ErrorError", "hint: Option<String>"]
    );
    // The short name `Error` is the table's: the nested object keeps its long name.
    assert_eq!(
        fields(&import, "ErrorError"),
        ["Code: Option<i64>", "Message: Option<String>"]
    );
    validates(&import);
}

#[test]
fn html_response_tables_inside_gitbook_tabs() {
    // The response table sits in `{% tab title="Response" %}`: the tab's title heads it, so
    // its rows are the response's, not more params.
    let import = import_fixture("markdown_html_response_tab.md");
    assert_eq!(params(&import, "getPromotion"), ["PromotionCode: String"]);
    let m = &import.methods[0];
    assert_eq!(
        m.returns,
        twocheckout_codegen::model::TypeRef::Named("Promotion".into())
    );
    assert!(
        m.notes.iter().all(|n| !n.contains("does not send")),
        "{:?}",
        m.notes
    );
    assert_eq!(
        fields(&import, "Promotion"),
        [
            "Code: Option<String>",
            "StartDate: Option<Date>",
            "Discount: Option<Discount>"
        ]
    );
    assert_eq!(fields(&import, "Discount"), ["Value: Option<Money>"]);
    validates(&import);
}

#[test]
fn error_meanings_stay_out_of_the_spec_text() {
    let import = import_fixture("flat_order.txt");
    let text = spec::to_text(&import);
    assert!(text.contains("#[error(INVALID_PRODUCT, "), "{text}");
    assert!(!text.contains("The product is unknown"), "{text}");
    let value = json::to_json(&import);
    assert_eq!(
        value["methods"][0]["errors"][0]["meaning"],
        "The product is unknown."
    );
    validates(&import);
}
