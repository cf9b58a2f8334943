//! Accuracy of the importer on public documentation pages it was not written against.
//!
//! `tests/import/pages/` holds 28 pages (GitBook Markdown, flattened and pipe-table text;
//! method pages and object pages, some with nested objects) and `EXPECTED.txt` the facts a
//! person read from each: for every param or field, nested ones included, its name, its
//! position, its type and whether it is required. Each page is imported on its own and every
//! fact is scored right or wrong; a param or field the importer adds that is not expected
//! counts as four wrong facts. The figure is printed and must stay at 95% or more.

use std::path::Path;

use twocheckout_codegen::import::{self, Import, ImportedField, Page};
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

/// The type as scored: any object name is `object` (`Vec<object>` for a list of them).
fn scored_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) if name != "Money" => "object".to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", scored_type(item)),
        other => type_text(other),
    }
}

/// The fields a fact is scored against: the method's params (or the object's fields, for
/// `object:Name`), then, for each segment of a dotted name before the last, the fields of the
/// object that field holds.
fn siblings<'a>(imported: &'a Import, fact: &Fact) -> &'a [ImportedField] {
    let mut list: &[ImportedField] = match fact.method.strip_prefix("object:") {
        Some(object) => imported
            .objects
            .iter()
            .find(|o| o.name == object)
            .map(|o| o.fields.as_slice())
            .unwrap_or_default(),
        None => imported
            .methods
            .iter()
            .find(|m| m.name == fact.method)
            .map(|m| m.params.as_slice())
            .unwrap_or_default(),
    };
    let segments: Vec<&str> = fact.name.split('.').collect();
    for segment in &segments[..segments.len() - 1] {
        let mut ty = list.iter().find(|f| f.name == *segment).map(|f| &f.ty);
        while let Some(TypeRef::Array(item)) = ty {
            ty = Some(item);
        }
        list = match ty {
            Some(TypeRef::Named(name)) => imported
                .objects
                .iter()
                .find(|o| &o.name == name)
                .map(|o| o.fields.as_slice())
                .unwrap_or_default(),
            _ => &[],
        };
    }
    list
}

#[test]
fn importer_gets_at_least_95_percent_of_param_facts_right() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/pages");
    let facts = expected(&dir);
    let mut pages: Vec<&str> = facts.iter().map(|f| f.page.as_str()).collect();
    pages.dedup();
    assert!(pages.len() >= 25, "only {} pages", pages.len());
    let (mut right, mut total) = (0_usize, 0_usize);
    let mut misses = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).expect("page");
        let imported = import::import_pages(&[Page {
            name: (*page).to_owned(),
            text,
        }]);
        let page_facts: Vec<&Fact> = facts.iter().filter(|f| f.page == *page).collect();
        for fact in &page_facts {
            let params = siblings(&imported, fact);
            let name = fact.name.rsplit('.').next().unwrap_or(&fact.name);
            let at = params.get(fact.position - 1);
            let checks = [
                ("name", at.is_some_and(|p| p.name == name)),
                (
                    "position",
                    params.iter().position(|p| p.name == name) == Some(fact.position - 1),
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
                        "{page}: {} {} `{}`: {what} (got {:?})",
                        fact.method,
                        fact.position,
                        fact.name,
                        at.map(|p| (&p.name, scored_type(&p.ty), p.required))
                    ));
                }
            }
        }
        // Params (or fields) the importer adds at any scored level count as wrong facts.
        let mut levels: Vec<(&Fact, usize)> = Vec::new();
        for fact in &page_facts {
            let parent = fact.name.rsplit_once('.').map_or("", |(p, _)| p);
            match levels.iter_mut().find(|(f, _)| {
                f.method == fact.method && f.name.rsplit_once('.').map_or("", |(p, _)| p) == parent
            }) {
                Some((_, count)) => *count += 1,
                None => levels.push((fact, 1)),
            }
        }
        for (fact, expected) in levels {
            for extra in siblings(&imported, fact).iter().skip(expected) {
                total += 4;
                misses.push(format!("{page}: unexpected `{}`", extra.name));
            }
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
