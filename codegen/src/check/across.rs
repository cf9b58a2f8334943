//! Checks across items: method names over all files, generated type names, union payloads.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;

use super::enums::{InlineStruct, PayloadRef};
use super::unique::at;
use super::{Declared, Kind, members, names};
use crate::diagnostic::Diagnostic;
use crate::model::{ApiFamily, Location, Method, Module, TypeDef};

/// Methods: a wire name repeats only in disjoint API families on different endpoints, each
/// time with its own Rust name; Rust names are unique; request types do not shadow a type.
pub fn check_methods(
    methods: &[(Method, Span)],
    declared: &BTreeMap<String, Declared>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut wires: BTreeMap<&str, Vec<&Method>> = BTreeMap::new();
    let mut rust: BTreeMap<&str, &Method> = BTreeMap::new();
    for (method, span) in methods {
        let here = |message: String, hint: String| Diagnostic {
            location: method.location.clone(),
            span: *span,
            message,
            hint: Some(hint),
        };
        let earlier = wires.entry(&method.wire_name).or_default();
        if let Some(problem) = earlier
            .iter()
            .find_map(|first| repeated_wire_name(first, method))
        {
            diagnostics.push(here(problem.0, problem.1));
            continue;
        }
        earlier.push(method);
        if let Some(other) = rust.get(method.rust_name.as_str()) {
            diagnostics.push(if other.wire_name == method.wire_name {
                here(
                    format!(
                        "method `{}` of {} needs a Rust name of its own: `{}` is already the \
                         `{}` of {} ({})",
                        method.wire_name,
                        families(&method.apis),
                        method.rust_name,
                        other.wire_name,
                        families(&other.apis),
                        at(&other.location)
                    ),
                    "a wire name repeated in another API family is told apart by its Rust \
                     name: add `#[rust_name(\"…\")]` to one of them"
                        .to_owned(),
                )
            } else {
                here(
                    format!(
                        "method `{}` collides with `{}` after renaming: both are `{}` in Rust",
                        method.wire_name, other.wire_name, method.rust_name
                    ),
                    "name one of them with `#[rust_name(\"…\")]`".to_owned(),
                )
            });
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

/// Why `method` may not repeat the wire name of `first`, if it may not: they share a family,
/// or two of their families are served on one endpoint (which could not tell them apart).
fn repeated_wire_name(first: &Method, method: &Method) -> Option<(String, String)> {
    let shared: Vec<ApiFamily> = method
        .apis
        .iter()
        .copied()
        .filter(|api| first.apis.contains(api))
        .collect();
    if !shared.is_empty() || method.apis.is_empty() || first.apis.is_empty() {
        return Some((
            format!("duplicate method `{}`", method.wire_name),
            if shared.is_empty() {
                format!("first defined at {}", at(&first.location))
            } else {
                format!(
                    "first defined at {}, which is also in {}; a wire name repeats only in other \
                     API families",
                    at(&first.location),
                    families(&shared)
                )
            },
        ));
    }
    let (mine, theirs) = method.apis.iter().find_map(|mine| {
        first
            .apis
            .iter()
            .find(|theirs| theirs.endpoint() == mine.endpoint())
            .map(|theirs| (*mine, *theirs))
    })?;
    Some((
        format!(
            "method `{}` of `{}` repeats the wire name of the `{}` method at {}, which is served \
             on the same endpoint",
            method.wire_name,
            mine.spec_name(),
            theirs.spec_name(),
            at(&first.location)
        ),
        "`rpc6` and `cm6` share the 6.0 endpoint, where one wire name can mean one method \
         only: merge the two or drop one family"
            .to_owned(),
    ))
}

/// `` `cm21` `` or `` `rpc6`, `cm6` ``.
fn families(apis: &[ApiFamily]) -> String {
    let names: Vec<String> = apis
        .iter()
        .map(|api| format!("`{}`", api.spec_name()))
        .collect();
    names.join(", ")
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
