//! The macros expand to exactly what `twocheckout-codegen generate` writes for the same spec.
//!
//! Each check formats the contents of the module a macro emits with the generator's own
//! formatter and compares it byte for byte with the generator's file for that module.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::ToTokens;
use twocheckout_codegen::load::{self, Source};
use twocheckout_codegen::{emit, files};

use crate::{include, inline};

/// The macro crate's directory, where the test specs live.
fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the generator writes for a spec made of this one file: (module name, file contents).
fn generator_output(name: &str, text: &str) -> (String, String) {
    let source = Source {
        name: name.to_owned(),
        text: text.to_owned(),
    };
    let spec = load::load_sources(&[source]).unwrap_or_else(|d| panic!("{name}:\n{d}"));
    let module = spec.modules[0].clone();
    let rendered = files::render(&spec).unwrap_or_else(|e| panic!("{name}: {e}"));
    let file = rendered
        .get(&format!("{}.rs", module.name))
        .unwrap_or_else(|| panic!("{name}: no file for module {}", module.name))
        .clone();
    (module.name, file)
}

/// The contents of `pub mod <module> { … }` in a macro expansion, formatted like a generated file
/// built from `source`.
fn formatted_module(expansion: TokenStream, module: &str, source: &str) -> String {
    let file: syn::File = syn::parse2(expansion).expect("the expansion parses as items");
    let item = file
        .items
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == module => Some(m),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the expansion has no module `{module}`"));
    let inner_attrs = item
        .attrs
        .into_iter()
        .filter(|a| matches!(a.style, syn::AttrStyle::Inner(_)));
    let items = item.content.map(|(_, items)| items).unwrap_or_default();
    let contents = syn::File {
        shebang: None,
        attrs: inner_attrs.collect(),
        items,
    };
    emit::format(contents.into_token_stream(), source).expect("the module formats")
}

/// Lines around the first difference, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "first difference at line {}:\n  generator: {:?}\n  macro:     {:?}",
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    )
}

fn assert_same(expected: &str, actual: &str, what: &str) {
    assert!(
        expected == actual,
        "{what}: {}",
        first_difference(expected, actual)
    );
}

/// `include_api!("tests/specs/shop.api")` equals the generator's `shop.rs`.
#[test]
fn include_api_equals_the_generator_output() {
    let written = "tests/specs/shop.api";
    let text = std::fs::read_to_string(manifest_dir().join(written)).expect("test spec");
    let (module, expected) = generator_output(written, &text);

    let literal = proc_macro2::Literal::string(written);
    let expansion = include::expand(
        proc_macro2::TokenTree::Literal(literal).into(),
        Some(&manifest_dir()),
    )
    .expect("the test spec expands");
    assert_same(
        &expected,
        &formatted_module(expansion, &module, written),
        "include_api!",
    );
}

/// `api! { #![module = "shop"] <the same text> }` equals the generator's `shop.rs`.
#[test]
fn inline_api_equals_the_generator_output() {
    let written = "tests/specs/shop.api";
    let text = std::fs::read_to_string(manifest_dir().join(written)).expect("test spec");
    let (module, expected) = generator_output(written, &text);

    let input: TokenStream = format!("#![module = \"{module}\"]\n{text}")
        .parse()
        .expect("the test spec lexes");
    let expansion = inline::expand(input).expect("the test spec expands");
    assert_same(
        &expected,
        &formatted_module(expansion, &module, written),
        "api!",
    );
}

/// Every file of the real spec that stands alone (refers to no other file's types) expands to
/// exactly its file in `generated/src/`'s generator output.
#[test]
fn self_contained_real_spec_files_equal_the_generator_output() {
    let spec_dir = manifest_dir().join("../api-spec");
    let sources = load::read_dir_sources(&spec_dir).expect("api-spec is readable");
    let mut compared = Vec::new();
    for source in &sources {
        if load::load_sources(std::slice::from_ref(source)).is_err() {
            continue; // uses types of other files: only the whole spec can bind it
        }
        let (module, expected) = generator_output(&source.name, &source.text);
        let path = spec_dir.join(Path::new(&source.name).file_name().expect("file name"));
        let literal = proc_macro2::Literal::string(path.to_str().expect("UTF-8 path"));
        let expansion = include::expand(proc_macro2::TokenTree::Literal(literal).into(), None)
            .unwrap_or_else(|e| panic!("{}: {e}", source.name));
        let actual = formatted_module(expansion, &module, &source.name);
        assert_same(&expected, &actual, &source.name);
        compared.push(source.name.clone());
    }
    assert!(!compared.is_empty(), "no api-spec file stands alone");
    eprintln!("compared with the generator: {}", compared.join(", "));
}

/// `include_api!` over every file of the real spec equals every module file the generator writes
/// for `api-spec/`.
#[test]
fn the_whole_real_spec_equals_the_generator_output() {
    let spec_dir = manifest_dir().join("../api-spec");
    let spec = load::load_dir(&spec_dir).unwrap_or_else(|e| panic!("api-spec: {e}"));
    let rendered = files::render(&spec).unwrap_or_else(|e| panic!("api-spec: {e}"));
    let sources = load::read_dir_sources(&spec_dir).expect("api-spec is readable");
    let paths: Vec<TokenStream> = sources
        .iter()
        .map(|source| {
            let file_name = Path::new(&source.name).file_name().expect("file name");
            let path = spec_dir.join(file_name);
            proc_macro2::TokenTree::Literal(proc_macro2::Literal::string(
                path.to_str().expect("UTF-8 path"),
            ))
            .into()
        })
        .collect();
    let input = quote::quote!(#(#paths),*);
    let expansion = include::expand(input, None).unwrap_or_else(|e| panic!("api-spec: {e}"));
    for (module, source) in spec.modules.iter().zip(&sources) {
        let expected = &rendered[&format!("{}.rs", module.name)];
        let actual = formatted_module(expansion.clone(), &module.name, &source.name);
        assert_same(expected, &actual, &source.name);
    }
    assert_eq!(spec.modules.len(), sources.len());
}
