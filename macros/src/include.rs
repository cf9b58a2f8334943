//! `include_api!("path/to/file.api", …)`: spec text read from files of the calling crate.

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use twocheckout_codegen::load::{self, Source};

use crate::{errors, output};

/// What the macro takes, said in every error about its input.
const USAGE: &str = "expected string literals: `include_api!(\"path/to/file.api\")` or \
                     `include_api!(\"a.api\", \"b.api\")`, relative to the crate's Cargo.toml";

/// One spec file named in the call.
struct SpecFile {
    /// The path as written in the call: used in messages and locations.
    written: String,
    /// The span of its literal, where its errors are reported.
    span: Span,
    /// The resolved path, as text for `include_str!`.
    tracked: String,
    /// Its contents.
    text: String,
}

/// Expands an `include_api!` call. `manifest_dir` is the calling crate's `CARGO_MANIFEST_DIR`.
pub fn expand(input: TokenStream, manifest_dir: Option<&Path>) -> syn::Result<TokenStream> {
    let literals = Punctuated::<syn::LitStr, syn::Token![,]>::parse_terminated
        .parse2(input)
        .map_err(|e| syn::Error::new(e.span(), USAGE))?;
    if literals.is_empty() {
        return Err(syn::Error::new(Span::call_site(), USAGE));
    }
    let files = literals
        .iter()
        .map(|literal| read(literal, manifest_dir))
        .collect::<syn::Result<Vec<_>>>()?;

    let bindings = bindings_source(&files).map_err(|failures| {
        errors::at_paths(failures.into_iter().map(|(index, message)| {
            let span = index.map_or_else(|| literals[0].span(), |i| files[i].span);
            (span, message)
        }))
    })?;
    let bindings: TokenStream = bindings.parse().map_err(|e| {
        syn::Error::new(
            files[0].span,
            format!("the generated bindings do not lex: {e}"),
        )
    })?;
    let tracked = files.iter().map(|file| &file.tracked);
    Ok(quote! {
        // Makes cargo rebuild the calling crate when a spec file changes.
        #(const _: &str = ::core::include_str!(#tracked);)*
        #bindings
    })
}

/// Reads the file a literal names.
fn read(literal: &syn::LitStr, manifest_dir: Option<&Path>) -> syn::Result<SpecFile> {
    let written = literal.value();
    let span = literal.span();
    let path = resolve(manifest_dir, &written);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        // The path as written: the resolved one depends on where the crate is checked out.
        let base = if Path::new(&written).is_absolute() {
            ""
        } else {
            " (relative to the crate's `CARGO_MANIFEST_DIR`)"
        };
        syn::Error::new(
            span,
            format!("cannot read spec file `{written}`{base}: {e}"),
        )
    })?;
    let tracked = path
        .to_str()
        .ok_or_else(|| {
            syn::Error::new(
                span,
                format!("spec file path `{}` is not valid UTF-8", path.display()),
            )
        })?
        .to_owned();
    Ok(SpecFile {
        written,
        span,
        tracked,
        text,
    })
}

/// The path as written, relative to the calling crate's manifest directory unless absolute.
fn resolve(manifest_dir: Option<&Path>, written: &str) -> PathBuf {
    match manifest_dir {
        Some(dir) => dir.join(written),
        None => PathBuf::from(written),
    }
}

/// Checks the spec files as one spec and renders the bindings as source text; on failure, every
/// message (`file:line:col: error: …`) with the index of the file it is about, when known.
///
/// Runs with proc-macro2's own lexer so that spans of the files' text carry their lines and
/// columns (the compiler's lexer would give every token the position of the macro call).
fn bindings_source(files: &[SpecFile]) -> Result<String, Vec<(Option<usize>, String)>> {
    let _fallback = FallbackLexer::enter();
    let sources: Vec<Source> = files
        .iter()
        .map(|file| Source {
            name: file.written.clone(),
            text: file.text.clone(),
        })
        .collect();
    let spec = load::load_sources(&sources).map_err(|diagnostics| {
        diagnostics
            .iter()
            .map(|d| {
                let file = files.iter().position(|f| f.written == d.location.file);
                (file, d.to_string())
            })
            .collect::<Vec<_>>()
    })?;
    output::modules(&spec)
        .map(|tokens| tokens.to_string())
        .map_err(|e| vec![(None, e.to_string())])
}

/// While alive, proc-macro2 uses its own implementation instead of the compiler's.
///
/// The switch is process-wide; that is sound because the compiler expands a crate's macros one at
/// a time, and the guard switches back even when loading fails.
struct FallbackLexer;

impl FallbackLexer {
    fn enter() -> Self {
        proc_macro2::fallback::force();
        FallbackLexer
    }
}

impl Drop for FallbackLexer {
    fn drop(&mut self) {
        proc_macro2::fallback::unforce();
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use proc_macro2::{Literal, TokenStream, TokenTree};

    use super::expand;

    fn manifest_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn path_literal(path: &str) -> TokenStream {
        TokenTree::Literal(Literal::string(path)).into()
    }

    /// Every message of a failed expansion, in order.
    fn messages(error: syn::Error) -> Vec<String> {
        error.into_iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn spec_errors_name_the_file_line_and_column() {
        let error = expand(
            path_literal("tests/specs/broken.api"),
            Some(&manifest_dir()),
        )
        .expect_err("the spec is broken");
        assert_eq!(
            messages(error),
            [
                "tests/specs/broken.api:7:11: error: unknown type `Strng`\n  = hint: did you mean `String`?",
                "tests/specs/broken.api:8:5: error: missing doc comment on field `Name` of `Product`\n  = hint: add a `/// …` line above it",
            ]
        );
    }

    #[test]
    fn errors_go_to_the_literal_of_their_file() {
        // Lexed from text, so each literal's span has a line: the broken file is on line 2.
        let input: TokenStream = "\"tests/specs/shop.api\",\n\"tests/specs/broken.api\""
            .parse()
            .expect("lexes");
        let error = expand(input, Some(&manifest_dir())).expect_err("one file is broken");
        let errors: Vec<syn::Error> = error.into_iter().collect();
        // Two mistakes in `broken.api`, and `Product` defined in both files (reported in the
        // later one, `shop.api`).
        let lines: Vec<(String, usize)> = errors
            .iter()
            .map(|e| (e.to_string(), e.span().start().line))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        for (message, line) in &lines {
            let expected_line = if message.starts_with("tests/specs/broken.api:") {
                2
            } else {
                assert!(message.starts_with("tests/specs/shop.api:"), "{message}");
                1
            };
            assert_eq!(*line, expected_line, "{message}");
        }
        assert_eq!(lines.iter().filter(|(_, line)| *line == 2).count(), 2);
    }

    #[test]
    fn files_may_use_each_others_types_when_bound_together() {
        let alone = expand(
            path_literal("tests/specs/orders.api"),
            Some(&manifest_dir()),
        )
        .expect_err("orders.api names types of shop.api");
        assert!(
            alone
                .to_string()
                .starts_with("tests/specs/orders.api:7:14: error: unknown type `Product`"),
            "{alone}"
        );
        let together = expand(
            quote::quote!("tests/specs/shop.api", "tests/specs/orders.api"),
            Some(&manifest_dir()),
        )
        .expect("bound together")
        .to_string();
        for item in [
            "pub mod shop",
            "pub mod orders",
            "pub use shop :: * ;",
            "pub use orders :: * ;",
        ] {
            assert!(together.contains(item), "{item} missing from {together}");
        }
    }

    #[test]
    fn a_file_name_that_is_no_module_name_is_an_error() {
        let dir = std::env::temp_dir().join(format!("include-api-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("price-list.api");
        let spec = std::fs::read_to_string(manifest_dir().join("tests/specs/shop.api"))
            .expect("test spec");
        std::fs::write(&path, spec).expect("temp spec");
        let result = expand(path_literal(path.to_str().expect("UTF-8 path")), None);
        std::fs::remove_dir_all(&dir).expect("temp dir removed");
        let error = result.expect_err("`price-list` is not an identifier");
        assert!(error.to_string().contains("price-list"), "{error}");
    }

    #[test]
    fn a_missing_file_names_the_path_as_written() {
        let error = expand(
            path_literal("tests/specs/absent.api"),
            Some(&manifest_dir()),
        )
        .expect_err("no such file");
        let messages = messages(error);
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].starts_with(
                "cannot read spec file `tests/specs/absent.api` (relative to the crate's `CARGO_MANIFEST_DIR`): "
            ),
            "{messages:?}"
        );
    }

    #[test]
    fn only_a_string_literal_is_accepted() {
        for input in [
            quote::quote!(),
            quote::quote!(concat!("a", ".api")),
            quote::quote!("a.api" "b.api"),
            quote::quote!(b"a.api"),
        ] {
            let error = expand(input.clone(), Some(&manifest_dir())).expect_err("not a literal");
            assert!(
                error.to_string().starts_with("expected string literals"),
                "{input}: {error}"
            );
        }
    }

    #[test]
    fn the_expansion_tracks_the_file_and_holds_its_module() {
        let tokens = expand(path_literal("tests/specs/shop.api"), Some(&manifest_dir()))
            .expect("the test spec expands")
            .to_string();
        let absolute = manifest_dir().join("tests/specs/shop.api");
        assert!(
            tokens.contains(&format!("include_str ! ({:?})", absolute.to_str().unwrap())),
            "{tokens}"
        );
        assert!(tokens.contains("pub mod shop"), "{tokens}");
        assert!(tokens.contains("ShopMethods"), "{tokens}");
    }
}
