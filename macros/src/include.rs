//! `include_api!("path/to/file.api")`: spec text read from a file of the calling crate.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use twocheckout_codegen::load::{self, Source};

use crate::{errors, output};

/// Expands an `include_api!` call. `manifest_dir` is the calling crate's `CARGO_MANIFEST_DIR`.
pub fn expand(input: TokenStream, manifest_dir: Option<&Path>) -> syn::Result<TokenStream> {
    let literal: syn::LitStr = syn::parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected one string literal: `include_api!(\"path/to/file.api\")`, relative to the crate's Cargo.toml",
        )
    })?;
    let written = literal.value();
    let path = resolve(manifest_dir, &written);
    let span = literal.span();
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
    let tracked = path.to_str().ok_or_else(|| {
        syn::Error::new(
            span,
            format!("spec file path `{}` is not valid UTF-8", path.display()),
        )
    })?;

    let bindings =
        bindings_source(&written, text).map_err(|messages| errors::at_path(messages, span))?;
    let bindings: TokenStream = bindings.parse().map_err(|e| {
        syn::Error::new(
            span,
            format!("the bindings generated from `{written}` do not lex: {e}"),
        )
    })?;
    Ok(quote! {
        // Makes cargo rebuild the calling crate when the spec file changes.
        const _: &str = ::core::include_str!(#tracked);
        #bindings
    })
}

/// The path as written, relative to the calling crate's manifest directory unless absolute.
fn resolve(manifest_dir: Option<&Path>, written: &str) -> PathBuf {
    match manifest_dir {
        Some(dir) => dir.join(written),
        None => PathBuf::from(written),
    }
}

/// Checks the spec file and renders the bindings as source text, or every diagnostic as
/// `file:line:col: error: …` lines.
///
/// Runs with proc-macro2's own lexer so that spans of the file's text carry the file's lines and
/// columns (the compiler's lexer would give every token the position of the macro call).
pub(crate) fn bindings_source(name: &str, text: String) -> Result<String, Vec<String>> {
    let _fallback = FallbackLexer::enter();
    let source = Source {
        name: name.to_owned(),
        text,
    };
    let spec = load::load_sources(&[source]).map_err(|diagnostics| {
        diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    })?;
    output::modules(&spec)
        .map(|tokens| tokens.to_string())
        .map_err(|e| vec![e.to_string()])
}

/// While alive, proc-macro2 uses its own implementation instead of the compiler's.
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
            quote::quote!("a.api", "b.api"),
            quote::quote!(b"a.api"),
        ] {
            let error = expand(input.clone(), Some(&manifest_dir())).expect_err("not a literal");
            assert!(
                error.to_string().starts_with("expected one string literal"),
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
