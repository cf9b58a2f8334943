//! Accuracy of the importer on public documentation pages it was not written against.
//!
//! `tests/import/pages/` holds 20 method pages (GitBook Markdown, flattened and pipe-table
//! text) and `EXPECTED.txt` the param facts a person read from each: for every param, its
//! name, its position, its type and whether it is required. Each page is imported on its own
//! and every fact is scored right or wrong; a param the importer adds that is not expected
//! counts as four wrong facts. The figure is printed and must stay at 95% or more.

use std::path::Path;

use twocheckout_codegen::import::{self, Page};
use twocheckout_codegen::model::TypeRef;
use twocheckout_codegen::print::type_text;

struct Fact {
    page: String,
    method: String,
    position: usize,
    name: String,
    ty: String,
    required: bool,
}

fn expected(dir: &Path) -> Vec<Fact> {
    let text = std::fs::read_to_string(dir.join("EXPECTED.txt")).expect("EXPECTED.txt");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            Fact {
                page: cells[0].to_owned(),
                method: cells[1].to_owned(),
                position: cells[2].parse().expect("position"),
                name: cells[3].to_owned(),
                ty: cells[4].to_owned(),
                required: cells[5] == "true",
            }
        })
        .collect()
}

/// The type as scored: any object name is `object`.
fn scored_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) if name != "Money" => "object".to_owned(),
        other => type_text(other),
    }
}

#[test]
fn importer_gets_at_least_95_percent_of_param_facts_right() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/pages");
    let facts = expected(&dir);
    let mut pages: Vec<&str> = facts.iter().map(|f| f.page.as_str()).collect();
    pages.dedup();
    assert!(pages.len() >= 20, "only {} pages", pages.len());
    let (mut right, mut total) = (0_usize, 0_usize);
    let mut misses = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).expect("page");
        let imported = import::import_pages(&[Page {
            name: (*page).to_owned(),
            text,
        }]);
        let page_facts: Vec<&Fact> = facts.iter().filter(|f| f.page == *page).collect();
        let method = imported
            .methods
            .iter()
            .find(|m| m.name == page_facts[0].method);
        let params = method.map(|m| m.params.as_slice()).unwrap_or_default();
        for fact in &page_facts {
            let at = params.get(fact.position - 1);
            let checks = [
                ("name", at.is_some_and(|p| p.name == fact.name)),
                (
                    "position",
                    params.iter().position(|p| p.name == fact.name) == Some(fact.position - 1),
                ),
                ("type", at.is_some_and(|p| scored_type(&p.ty) == fact.ty)),
                ("required", at.is_some_and(|p| p.required == fact.required)),
            ];
            for (what, ok) in checks {
                total += 1;
                if ok {
                    right += 1;
                } else {
                    misses.push(format!(
                        "{page}: {} param {} `{}`: {what} (got {:?})",
                        fact.method,
                        fact.position,
                        fact.name,
                        at.map(|p| (&p.name, scored_type(&p.ty), p.required))
                    ));
                }
            }
        }
        for extra in params.iter().skip(page_facts.len()) {
            total += 4;
            misses.push(format!("{page}: unexpected param `{}`", extra.name));
        }
    }
    let accuracy = right as f64 / total as f64 * 100.0;
    println!(
        "import accuracy: {right}/{total} param facts right ({accuracy:.1}%) over {} pages",
        pages.len()
    );
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(
        accuracy >= 95.0,
        "accuracy {accuracy:.1}% is below 95%:\n{}",
        misses.join("\n")
    );
}
