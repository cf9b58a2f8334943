//! Spec text → load + check: never a panic, every error at a location inside the input.

use twocheckout_codegen::diagnostic::Diagnostics;
use twocheckout_codegen::load::{self, Source};
use twocheckout_codegen::model::Location;
use twocheckout_codegen::{emit, parse};

/// The file name the input is loaded under.
pub const FILE: &str = "fuzz/input.api";

/// Loads `text` as a spec file and as macro tokens; on success, emits it.
pub fn check(text: &str) {
    let source = Source {
        name: FILE.to_owned(),
        text: text.to_owned(),
    };
    match load::load_sources(&[source]) {
        Ok(spec) => {
            for module in &spec.modules {
                let _ = emit::module(&spec, module);
            }
            // Both forms: with per-area feature gates (the generated crate) and without.
            let _ = emit::crate_root(&spec, true);
            let _ = emit::crate_root(&spec, false);
        }
        Err(diagnostics) => inside(text, FILE, &diagnostics),
    }
    // The macro's front end: the same text as tokens, checked without module docs.
    if let Ok(tokens) = parse::tokenize(text) {
        if let Err(diagnostics) = load::load_tokens(tokens, "input") {
            inside(text, "input", &diagnostics);
        }
    }
    // Spans keep every parsed text alive; drop them so memory stays flat over millions of runs.
    proc_macro2::extra::invalidate_current_thread_spans();
}

/// Asserts there is at least one diagnostic and that each one points into `text`.
fn inside(text: &str, file: &str, diagnostics: &Diagnostics) {
    assert!(!diagnostics.is_empty(), "rejected without a diagnostic");
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in diagnostics {
        let Location {
            file: at,
            line,
            column,
        } = &diagnostic.location;
        assert_eq!(at, file, "{diagnostic}");
        assert!(
            (1..=lines.len()).contains(line),
            "line {line} of {}: {diagnostic}",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        assert!(
            (1..=width + 1).contains(column),
            "column {column} of a line of {width} characters: {diagnostic}"
        );
        assert!(
            !diagnostic.message.is_empty(),
            "empty message at {at}:{line}:{column}"
        );
    }
}
