//! What a macro call expands to: one `pub mod` per module of the checked spec.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use twocheckout_codegen::{emit, model};

/// `pub mod <name> { … }` for every module of `spec`, with the generator's module contents.
///
/// Several modules (several spec files) are also glob re-exported, as the generated crate's root
/// does: each module's `use super::*;` then finds the types of the others.
pub fn modules(spec: &model::Spec) -> syn::Result<TokenStream> {
    let items = spec
        .modules
        .iter()
        .map(|module| module_item(spec, module))
        .collect::<syn::Result<Vec<_>>>()?;
    let globs = if spec.modules.len() > 1 {
        spec.modules
            .iter()
            .map(|module| module_ident(module).map(|name| quote!(pub use #name::*;)))
            .collect::<syn::Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    Ok(quote! {
        #(#items)*
        #(#globs)*
    })
}

fn module_ident(module: &model::Module) -> syn::Result<syn::Ident> {
    syn::parse_str::<syn::Ident>(&module.name).map_err(|_| {
        syn::Error::new(
            Span::call_site(),
            format!(
                "module name `{}` (from `{}`) is not an identifier; rename the file",
                module.name, module.file
            ),
        )
    })
}

/// One module: exactly the tokens the generator writes for the spec file, wrapped in `pub mod`
/// (the generator gives a module without `//!` docs a placeholder, so it is never undocumented).
fn module_item(spec: &model::Spec, module: &model::Module) -> syn::Result<TokenStream> {
    let name = module_ident(module)?;
    let contents = emit::module(spec, module);
    Ok(quote! {
        pub mod #name {
            #contents
        }
    })
}
