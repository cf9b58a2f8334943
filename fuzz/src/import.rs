//! Documentation page text → the importer: never a panic; problems point at lines of the page;
//! whatever it prints loads as a spec.

use twocheckout_codegen::import::{self, Page, json, spec};
use twocheckout_codegen::load::{self, Source};

/// The page name the input is imported under.
pub const PAGE: &str = "fuzz-page.txt";

/// Imports `text` as one page, prints the result and loads the printed spec.
pub fn check(text: &str) {
    let page = Page {
        name: PAGE.to_owned(),
        text: text.to_owned(),
    };
    let imported = import::import_pages(std::slice::from_ref(&page));
    let printed = spec::to_text(&imported);
    let _ = json::to_json(&imported);
    let lines = text.lines().count().max(1);
    let has_output = !imported.methods.is_empty() || !imported.objects.is_empty();
    assert!(
        has_output || !imported.problems.is_empty(),
        "neither output nor a problem"
    );
    for problem in &imported.problems {
        assert_eq!(problem.page, PAGE);
        assert!(
            (1..=lines + 1).contains(&problem.line),
            "problem at line {} of {lines}: {problem}",
            problem.line
        );
    }
    if has_output {
        let source = Source {
            name: spec::FILE.to_owned(),
            text: printed.clone(),
        };
        if let Err(diagnostics) = load::load_sources(&[source]) {
            panic!("printed items do not load:\n{diagnostics}\n{printed}");
        }
    }
    proc_macro2::extra::invalidate_current_thread_spans();
}
