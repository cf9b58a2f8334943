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
