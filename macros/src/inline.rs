//! `api! { … }`: spec text written in the macro call.

use proc_macro2::TokenStream;
use twocheckout_codegen::load;

use crate::{errors, module_attr, output};

/// Expands the tokens of an `api!` call into one module of bindings.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let choice = module_attr::take_module_name(input)?;
    let spec = load::load_tokens(choice.spec, &choice.name).map_err(|d| errors::at_tokens(&d))?;
    output::modules(&spec)
}
