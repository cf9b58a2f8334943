//! Spec diagnostics turned into compile errors.

use proc_macro2::Span;
use twocheckout_codegen::diagnostic::Diagnostics;

/// Inline spec text: one error per diagnostic, at the offending token of the macro input.
pub fn at_tokens(diagnostics: &Diagnostics) -> syn::Error {
    diagnostics.to_syn_error()
}

/// Spec file: every message at the path literal (each already names `file:line:col`).
pub fn at_path(messages: Vec<String>, path_span: Span) -> syn::Error {
    messages
        .into_iter()
        .map(|message| syn::Error::new(path_span, message))
        .reduce(|mut all, next| {
            all.combine(next);
            all
        })
        .unwrap_or_else(|| syn::Error::new(path_span, "the spec file was rejected"))
}
