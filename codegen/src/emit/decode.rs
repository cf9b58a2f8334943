//! The `::twocheckout_rpc::DecodeParams` impl of a request: reading it back from the positional
//! params, the inverse of `serialize_params`.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::Method;

/// `DecodeParams` through the runtime's `__decode_params!`: each field from its position in
/// param order, required ones must be there. Every field type is a `Wire` type, so the field's
/// own type says how to read it.
///
/// The macro's `decode_params` is `#[inline]`, so the reading code of the param types is compiled
/// only in crates that decode requests, not in the bindings.
pub fn decode_impl(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let wire = &method.wire_name;
    let fields = method.params.iter().map(|p| {
        let field = ident(&p.rust_name);
        let documented = &p.wire_name;
        let reader = if p.required {
            quote!(required)
        } else {
            quote!(optional)
        };
        quote!(, #field: #reader #documented)
    });
    quote!(__rpc::__decode_params!(#name, #wire #(#fields)*);)
}
