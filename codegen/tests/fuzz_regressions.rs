//! Inputs the fuzz targets `spec` and `import` found (in `tests/fuzz/`), replayed with the
//! targets' checks: `*.api` files load or fail with diagnostics inside the text, `*.txt` pages
//! import to items that load.

use std::path::{Path, PathBuf};

use twocheckout_codegen::diagnostic::Diagnostics;
use twocheckout_codegen::import::{self, Page, spec};
use twocheckout_codegen::load::{self, Source};

fn inputs(extension: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(&p).expect("readable")).into_owned();
            (p, text)
        })
        .collect()
}

fn inside(text: &str, file: &str, diagnostics: &Diagnostics) {
    assert!(!diagnostics.is_empty(), "rejected without a diagnostic");
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diagnostics {
        assert_eq!(d.location.file, file, "{d}");
        let line = d.location.line;
        assert!((1..=lines.len()).contains(&line), "{d}");
        let width = lines[line - 1].chars().count();
        assert!((1..=width + 1).contains(&d.location.column), "{d}");
    }
}

#[test]
fn spec_inputs_fail_inside_the_text() {
    let specs = inputs("api");
    assert!(!specs.is_empty());
    for (path, text) in specs {
        let file = "fuzz/input.api";
        let source = Source {
            name: file.to_owned(),
            text: text.clone(),
        };
        if let Err(diagnostics) = load::load_sources(&[source]) {
            inside(&text, file, &diagnostics);
        }
        if let Ok(tokens) = twocheckout_codegen::parse::tokenize(&text)
            && let Err(diagnostics) = load::load_tokens(tokens, "input")
        {
            inside(&text, "input", &diagnostics);
        }
        println!("{}: ok", path.display());
    }
}

#[test]
fn imported_pages_print_items_that_load() {
    let pages = inputs("txt");
    assert!(!pages.is_empty());
    for (path, text) in pages {
        let page = Page {
            name: "fuzz-page.txt".to_owned(),
            text,
        };
        let imported = import::import_pages(std::slice::from_ref(&page));
        assert!(!imported.methods.is_empty() || !imported.objects.is_empty());
        let printed = spec::to_text(&imported);
        let source = Source {
            name: spec::FILE.to_owned(),
            text: printed.clone(),
        };
        if let Err(d) = load::load_sources(&[source]) {
            panic!(
                "{}: printed items do not load:\n{d}\n{printed}",
                path.display()
            );
        }
    }
}
