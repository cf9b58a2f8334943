//! The `::twocheckout_rpc::DecodeParams` impl of a request: reading it back from the positional
//! params, the inverse of `serialize_params`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::names::ident;
use crate::model::Method;

/// `impl DecodeParams for Request`: each field from its position, required ones must be there.
/// Every field type is a `Wire` type, so the field's own type says how to read it.
pub fn decode_impl(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let wire = &method.wire_name;
    let max = Literal::usize_unsuffixed(method.params.len());
    let fields = method.params.iter().enumerate().map(|(index, p)| {
        let field = ident(&p.rust_name);
        let index = Literal::usize_unsuffixed(index);
        let documented = &p.wire_name;
        let reader = if p.required {
            quote!(required)
        } else {
            quote!(optional)
        };
        quote! {
            #field: ::twocheckout_rpc::decode::#reader(params, #index, #wire, #documented)?
        }
    });
    quote! {
        impl ::twocheckout_rpc::DecodeParams for #name {
            fn decode_params(
                params: &[&::twocheckout_rpc::__private::serde_json::value::RawValue],
            ) -> ::core::result::Result<Self, ::twocheckout_rpc::DecodeError> {
                ::twocheckout_rpc::decode::at_most(params, #max, #wire)?;
                ::core::result::Result::Ok(Self {
                    client: (),
                    #(#fields,)*
                })
            }
        }
    }
}
