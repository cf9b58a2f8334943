//! Spec diagnostics turned into compile errors.

use proc_macro2::Span;
use twocheckout_codegen::diagnostic::Diagnostics;

/// Inline spec text: one error per diagnostic, at the offending token of the macro input.
pub fn at_tokens(diagnostics: &Diagnostics) -> syn::Error {
    diagnostics.to_syn_error()
}

/// Spec files: every message at the path literal of the file it is about (each message already
/// names `file:line:col`).
pub fn at_paths(messages: impl IntoIterator<Item = (Span, String)>) -> syn::Error {
    messages
        .into_iter()
        .map(|(span, message)| syn::Error::new(span, message))
        .reduce(|mut all, next| {
            all.combine(next);
            all
        })
        .unwrap_or_else(|| syn::Error::new(Span::call_site(), "the spec files were rejected"))
}
