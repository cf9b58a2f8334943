//! Hand-written `Debug` impls for types holding `#[sensitive]` values (card numbers, CVVs, card
//! tokens).
//!
//! `#[derive(Debug)]` would print those values into logs and panic messages. A type with a
//! sensitive field or param gets instead an impl printing exactly what derive prints (same type
//! name, same field labels and order, same `T: Debug` bounds on its type parameters), except that
//! a sensitive value is replaced by `<redacted>`. For an `Option` or `Maybe` slot it still shows
//! whether a value is set (`Some(<redacted>)`, `None`, `Value(<redacted>)`, `Null`, `Absent`):
//! that says nothing about the value and helps debugging a request.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::ident;
use super::types::Slot;

/// How a member is held, which decides how its redacted form keeps the set / unset information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The value itself (or a builder's type parameter): printed as `<redacted>`.
    Plain,
    /// `Option<T>`: `None` or `Some(<redacted>)`.
    Option,
    /// `Maybe<T>`: `Absent`, `Null` or `Value(<redacted>)`.
    Maybe,
}

impl Holder {
    /// The holder of a field or param slot.
    pub fn of(slot: Slot) -> Holder {
        match slot {
            Slot::Required => Holder::Plain,
            Slot::Nullable | Slot::Optional => Holder::Option,
            Slot::Maybe => Holder::Maybe,
        }
    }
}

/// One member of the type, in declaration order.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The Rust name as the model holds it (made an identifier with [`ident`]).
    pub rust_name: &'a str,
    /// How the value is held.
    pub holder: Holder,
    /// Whether the value must not be printed.
    pub sensitive: bool,
}

/// `impl Debug for Name<P…>` (each type parameter bounded by `Debug`, as derive does), printing
/// `members` in order with the sensitive ones redacted.
pub fn redacting_impl(type_name: &str, params: &[Ident], members: &[Member<'_>]) -> TokenStream {
    let name = ident(type_name);
    let (impl_generics, type_generics) = if params.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (
            quote!(<#(#params: ::core::fmt::Debug),*>),
            quote!(<#(#params),*>),
        )
    };
    let fields = members.iter().map(field_call);
    quote! {
        impl #impl_generics ::core::fmt::Debug for #name #type_generics {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                /// Printed in place of a sensitive value.
                struct Redacted;
                impl ::core::fmt::Debug for Redacted {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("<redacted>")
                    }
                }
                f.debug_struct(#type_name)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

/// `.field("name", &…)` for one member.
fn field_call(member: &Member<'_>) -> TokenStream {
    let field = ident(member.rust_name);
    // Derive labels a raw identifier without its `r#`.
    let label = field.to_string();
    let label = label.trim_start_matches("r#");
    let value = match (member.sensitive, member.holder) {
        (false, _) => quote!(&self.#field),
        (true, Holder::Plain) => quote!(&Redacted),
        (true, Holder::Option) => quote!(&self.#field.as_ref().map(|_| Redacted)),
        (true, Holder::Maybe) => quote! {
            &match &self.#field {
                Maybe::Absent => {
                    Maybe::Absent
                }
                Maybe::Null => Maybe::Null,
                Maybe::Value(_) => {
                    Maybe::Value(Redacted)
                }
            }
        },
    };
    quote!(.field(#label, #value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn sensitive_members_never_reach_the_formatter() {
        let members = [
            Member {
                rust_name: "card_number",
                holder: Holder::Plain,
                sensitive: true,
            },
            Member {
                rust_name: "ccid",
                holder: Holder::Option,
                sensitive: true,
            },
            Member {
                rust_name: "token",
                holder: Holder::Maybe,
                sensitive: true,
            },
            Member {
                rust_name: "type",
                holder: Holder::Plain,
                sensitive: false,
            },
        ];
        let out = text(redacting_impl("Card", &[], &members));
        assert!(out.contains(".field(\"card_number\",&Redacted)"), "{out}");
        assert!(
            out.contains(".field(\"ccid\",&self.ccid.as_ref().map(|_|Redacted))"),
            "{out}"
        );
        assert!(
            out.contains("Maybe::Value(_)=>{Maybe::Value(Redacted)}"),
            "{out}"
        );
        assert!(
            !out.contains("self.card_number") && !out.contains("Value(v"),
            "{out}"
        );
        // A keyword field is labelled as derive labels it.
        assert!(out.contains(".field(\"type\",&self.r#type)"), "{out}");
        assert!(out.contains("impl::core::fmt::DebugforCard{"), "{out}");
        assert!(out.ends_with(".finish()}}"), "{out}");
    }

    #[test]
    fn type_parameters_keep_the_debug_bounds_of_derive() {
        let params = [Ident::new("C", proc_macro2::Span::call_site())];
        let members = [Member {
            rust_name: "client",
            holder: Holder::Plain,
            sensitive: false,
        }];
        let out = text(redacting_impl("GetCard", &params, &members));
        assert!(
            out.contains("impl<C:::core::fmt::Debug>::core::fmt::DebugforGetCard<C>"),
            "{out}"
        );
    }
}
