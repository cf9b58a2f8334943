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
