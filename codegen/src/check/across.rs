//! Checks across items: method names over all files, generated type names, union payloads.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;

use super::enums::{InlineStruct, PayloadRef};
use super::unique::at;
use super::{Declared, Kind, members, names};
use crate::diagnostic::Diagnostic;
use crate::model::{Location, Method, Module, TypeDef};

/// Methods: unique wire names, unique Rust names, request types that do not shadow a type.
pub fn check_methods(
    methods: &[(Method, Span)],
    declared: &BTreeMap<String, Declared>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut wires: BTreeMap<&str, &Method> = BTreeMap::new();
    let mut rust: BTreeMap<&str, &Method> = BTreeMap::new();
    for (method, span) in methods {
        let here = |message: String, hint: String| Diagnostic {
            location: method.location.clone(),
            span: *span,
            message,
            hint: Some(hint),
        };
        if let Some(first) = wires.get(method.wire_name.as_str()) {
            diagnostics.push(here(
                format!("duplicate method `{}`", method.wire_name),
                format!("first defined at {}", at(&first.location)),
            ));
            continue;
        }
        wires.insert(&method.wire_name, method);
        if let Some(other) = rust.get(method.rust_name.as_str()) {
            diagnostics.push(here(
                format!(
                    "method `{}` collides with `{}` after renaming: both are `{}` in Rust",
                    method.wire_name, other.wire_name, method.rust_name
                ),
                "name one of them with `#[rust_name(\"…\")]`".to_owned(),
            ));
        } else {
            rust.insert(&method.rust_name, method);
        }
        if let Some(ty) = declared.get(&method.type_name) {
            diagnostics.push(here(
                format!(
                    "the request type `{}` of method `{}` collides with the type `{}` ({})",
                    method.type_name,
                    method.wire_name,
                    method.type_name,
                    at(&ty.location)
                ),
                "name the method with `#[rust_name(\"…\")]` or rename the type".to_owned(),
            ));
        }
    }
}

/// Inline variant structs `{Union}{Variant}` must not take a name already in use.
pub fn check_inline_names(
    inline: &[InlineStruct],
    declared: &BTreeMap<String, Declared>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: BTreeMap<&str, &Location> = BTreeMap::new();
    for InlineStruct { def, file, span } in inline {
        let first = declared
            .get(&def.name)
            .map(|d| &d.location)
            .or_else(|| seen.get(def.name.as_str()).copied());
        if let Some(first) = first {
            diagnostics.push(
                Diagnostic::new(
                    file,
                    *span,
                    format!(
                        "the payload struct `{}` of this variant collides with the type `{}` ({})",
                        def.name,
                        def.name,
                        at(first)
                    ),
                )
                .with_hint("rename the variant with `#[rust_name(\"…\")]` or rename the type"),
            );
        } else {
            seen.insert(&def.name, &def.location);
        }
    }
}

/// Tuple variants `b(Struct)` must name a struct, which must not repeat the union's tag.
pub fn check_payloads(
    referenced: &[PayloadRef],
    declared: &BTreeMap<String, Declared>,
    broken: &BTreeSet<String>,
    types: &[TypeDef],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for PayloadRef {
        file,
        union,
        variant,
        payload,
        span,
    } in referenced
    {
        match declared.get(payload) {
            Some(Declared {
                kind: Kind::Struct, ..
            }) => {
                let tag = types.iter().find_map(|t| match t {
                    TypeDef::Union(u) if u.name == *union => Some(u.tag.as_str()),
                    _ => None,
                });
                let repeats = types.iter().any(|t| match t {
                    TypeDef::Struct(s) if s.name == *payload => {
                        s.fields.iter().any(|f| Some(f.wire_name.as_str()) == tag)
                    }
                    _ => false,
                });
                if let (true, Some(tag)) = (repeats, tag) {
                    diagnostics.push(members::repeated_tag(file, *span, tag, payload));
                }
            }
            Some(other) => diagnostics.push(
                Diagnostic::new(
                    file,
                    *span,
                    format!(
                        "the payload of variant `{variant}` must be a struct; `{payload}` is {}",
                        other.kind.describe()
                    ),
                )
                .with_hint(format!("write the fields inline: `{variant} {{ … }}`")),
            ),
            None if broken.contains(payload) => {}
            None => {
                let mut diagnostic =
                    Diagnostic::new(file, *span, format!("unknown type `{payload}`"));
                let candidates = declared.iter().filter(|(_, d)| d.kind == Kind::Struct);
                if let Some(near) = names::nearest(payload, candidates.map(|(n, _)| n.as_str())) {
                    diagnostic = diagnostic.with_hint(format!("did you mean `{near}`?"));
                }
                diagnostics.push(diagnostic);
            }
        }
    }
}

/// Each module's extension trait `{Module}Methods` must not take the name of a type or of a
/// request type.
pub fn check_trait_names(
    modules: &[Module],
    declared: &BTreeMap<String, Declared>,
    methods: &[(Method, Span)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for module in modules {
        let trait_name = format!("{}Methods", names::type_name(&module.name));
        let taken = declared
            .get(&trait_name)
            .map(|d| (d.location.clone(), d.span, "type"))
            .or_else(|| {
                methods
                    .iter()
                    .find(|(m, _)| m.type_name == trait_name)
                    .map(|(m, span)| (m.location.clone(), *span, "request type"))
            });
        if let Some((location, span, what)) = taken {
            diagnostics.push(Diagnostic {
                location,
                span,
                message: format!(
                    "the {what} `{trait_name}` collides with the extension trait of module `{}`",
                    module.name
                ),
                hint: Some("choose another name".to_owned()),
            });
        }
    }
}
