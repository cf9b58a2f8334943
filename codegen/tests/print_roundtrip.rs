//! Printing a loaded spec and loading the text again gives the same items.
//!
//! Locations are left out of the comparison: they say where an item was written, and the
//! printer writes every item somewhere else.

use std::path::Path;

use twocheckout_codegen::load::{self, Source};
use twocheckout_codegen::model::{Location, Spec, TypeDef};
use twocheckout_codegen::print;

/// The spec with every location cleared.
fn without_locations(mut spec: Spec) -> Spec {
    for method in &mut spec.methods {
        method.location = Location::default();
        for param in &mut method.params {
            param.location = Location::default();
        }
    }
    for def in &mut spec.types {
        match def {
            TypeDef::Struct(s) => {
                s.location = Location::default();
                for field in &mut s.fields {
                    field.location = Location::default();
                }
            }
            TypeDef::Enum(e) => e.location = Location::default(),
            TypeDef::Union(u) => u.location = Location::default(),
            TypeDef::Shape(u) => u.location = Location::default(),
        }
    }
    spec
}

fn reload(spec: &Spec) -> Spec {
    let sources: Vec<Source> = print::print_spec(spec)
        .into_iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    match load::load_sources(&sources) {
        Ok(spec) => spec,
        Err(diagnostics) => {
            let texts: Vec<String> = sources
                .iter()
                .map(|s| format!("== {}\n{}", s.name, s.text))
                .collect();
            panic!(
                "printed spec does not load:\n{diagnostics}\n{}",
                texts.join("\n")
            )
        }
    }
}

#[test]
fn api_spec_prints_and_reloads_to_the_same_items() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    let original = load::load_dir(&dir).expect("api-spec loads");
    let reloaded = reload(&original);
    let (original, reloaded) = (without_locations(original), without_locations(reloaded));
    assert_eq!(original.modules, reloaded.modules);
    for (a, b) in original.methods.iter().zip(&reloaded.methods) {
        assert_eq!(a, b, "method {}", a.wire_name);
    }
    for (a, b) in original.types.iter().zip(&reloaded.types) {
        assert_eq!(a, b, "type {}", a.name());
    }
    assert_eq!(original, reloaded);
}

#[test]
fn printing_is_stable() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    let original = load::load_dir(&dir).expect("api-spec loads");
    let once = print::print_spec(&original);
    let twice = print::print_spec(&reload(&original));
    assert_eq!(once, twice);
}

#[test]
fn test_specs_with_unions_and_renames_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs");
    for name in ["calls.api", "types.api"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("test spec readable");
        let source = Source {
            name: format!("specs/{name}"),
            text,
        };
        let original = load::load_sources(&[source]).expect("test spec loads");
        let reloaded = reload(&original);
        assert_eq!(
            without_locations(original),
            without_locations(reloaded),
            "{name}"
        );
    }
}
