//! Comparing an import with the spec: per method and object, what the pages add, remove or
//! change (param order and names, types, requiredness, nullability, error codes, enum values),
//! in lines a maintainer can paste into a review.

use std::fmt;

use super::{Import, ImportedField, ImportedMethod, ImportedObject};
use crate::model::{Field, Method, Spec, TypeDef, TypeRef};
use crate::print::type_text;

/// One difference between the pages and the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    /// The item: `method updateReseller`, `object Reseller`.
    pub item: String,
    /// What differs, pages first, spec second.
    pub detail: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.detail)
    }
}

/// Every difference, methods first, in item order.
pub fn diff(import: &Import, spec: &Spec) -> Vec<Change> {
    let mut changes = Vec::new();
    let names = spec_names(import, spec);
    for method in &import.methods {
        let item = format!("method {}", method.name);
        // The spec's method of the same wire name in one of the page's families (any of that
        // name when the page names no family).
        match spec_method(spec, method) {
            None => changes.push(Change {
                item,
                detail: "added by the pages (not in the spec)".to_owned(),
            }),
            Some(theirs) => method_changes(&item, method, theirs, &names, &mut changes),
        }
    }
    for object in import.objects.iter().filter(|o| !o.undescribed) {
        let spec_name = names
            .iter()
            .find(|(ours, _)| *ours == object.name)
            .map_or(object.name.as_str(), |(_, theirs)| theirs.as_str());
        let item = if spec_name == object.name {
            format!("object {}", object.name)
        } else {
            format!("object {spec_name} (imported as {})", object.name)
        };
        match spec.type_def(spec_name) {
            None => changes.push(Change {
                item,
                detail: "added by the pages (not in the spec)".to_owned(),
            }),
            Some(def) => object_changes(&item, object, def, &names, &mut changes),
        }
    }
    changes
}

/// The type with imported object names replaced by the spec names they are paired with.
fn mapped(ty: &TypeRef, names: &[(String, String)]) -> TypeRef {
    match ty {
        TypeRef::Named(name) => TypeRef::Named(
            names
                .iter()
                .find(|(ours, _)| ours == name)
                .map_or(name.clone(), |(_, theirs)| theirs.clone()),
        ),
        TypeRef::Array(item) => TypeRef::Array(Box::new(mapped(item, names))),
        TypeRef::Map(item) => TypeRef::Map(Box::new(mapped(item, names))),
        other => other.clone(),
    }
}

/// The object name under a `Vec` / `Map`, if any.
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Array(item) | TypeRef::Map(item) => named(item),
        _ => None,
    }
}

/// Which spec object each imported object stands for when their names differ: the type of
/// the same param of the same method (`Payload: UpgradePartnerSubscriptionsPayload` against
/// `Upgrade: PartnerSubscriptionsUpgrade`), the same response, then the same field of two
/// objects already paired, until nothing new is paired.
fn spec_names(import: &Import, spec: &Spec) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let pair = |ours: Option<&str>, theirs: Option<&str>, pairs: &mut Vec<(String, String)>| {
        if let (Some(a), Some(b)) = (ours, theirs)
            && a != b
            && !pairs.iter().any(|(x, _)| x == a)
            && import.objects.iter().any(|o| o.name == a)
        {
            pairs.push((a.to_owned(), b.to_owned()));
            return true;
        }
        false
    };
    for method in &import.methods {
        let Some(theirs) = spec_method(spec, method) else {
            continue;
        };
        for (p, q) in method.params.iter().zip(&theirs.params) {
            pair(named(&p.ty), named(&q.ty), &mut pairs);
        }
        pair(named(&method.returns), named(&theirs.returns), &mut pairs);
    }
    loop {
        let mut found = false;
        for object in &import.objects {
            let spec_name = pairs
                .iter()
                .find(|(ours, _)| *ours == object.name)
                .map_or(object.name.clone(), |(_, theirs)| theirs.clone());
            let Some(TypeDef::Struct(def)) = spec.type_def(&spec_name) else {
                continue;
            };
            for field in &object.fields {
                if let Some(theirs) = def.fields.iter().find(|f| f.wire_name == field.name) {
                    found |= pair(named(&field.ty), named(&theirs.ty), &mut pairs);
                }
            }
        }
        if !found {
            break;
        }
    }
    pairs
}

/// The differences as review text: one block per item.
pub fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    let mut last: Option<&str> = None;
    for change in changes {
        if last != Some(change.item.as_str()) {
            out.push_str(&change.item);
            out.push('\n');
            last = Some(&change.item);
        }
        out.push_str("  ");
        out.push_str(&change.detail);
        out.push('\n');
    }
    out
}

fn method_changes(
    item: &str,
    ours: &ImportedMethod,
    theirs: &Method,
    names: &[(String, String)],
    out: &mut Vec<Change>,
) {
    let mut push = |detail: String| {
        out.push(Change {
            item: item.to_owned(),
            detail,
        })
    };
    let apis = |a: Vec<&str>| a.join(", ");
    let (a, b) = (
        apis(ours.apis.iter().map(|x| x.spec_name()).collect()),
        apis(theirs.apis.iter().map(|x| x.spec_name()).collect()),
    );
    if a != b {
        push(format!("api: ({a}) on the pages, ({b}) in the spec"));
    }
    let count = ours.params.len().max(theirs.params.len());
    for i in 0..count {
        let n = i + 1;
        match (ours.params.get(i), theirs.params.get(i)) {
            (Some(p), Some(q)) => {
                if p.name != q.wire_name {
                    push(format!(
                        "param {n}: named `{}` on the pages, `{}` in the spec",
                        p.name, q.wire_name
                    ));
                }
                slot_changes(
                    &format!("param {n} `{}`", p.name),
                    p,
                    (&q.ty, q.required, q.nullable),
                    names,
                    &mut push,
                );
            }
            (Some(p), None) => push(format!("param {n} `{}`: added by the pages", p.name)),
            (None, Some(q)) => push(format!("param {n} `{}`: not on the pages", q.wire_name)),
            (None, None) => {}
        }
    }
    let (a, b) = (
        type_text(&mapped(&ours.returns, names)),
        type_text(&theirs.returns),
    );
    if a != b {
        push(format!("returns: `{a}` on the pages, `{b}` in the spec"));
    }
    for error in &ours.errors {
        if !theirs.errors.iter().any(|e| e.code == error.code) {
            push(format!("error `{}`: added by the pages", error.code));
        }
    }
    // A page without an errors table says nothing about errors.
    if !ours.errors.is_empty() {
        for error in &theirs.errors {
            if !ours.errors.iter().any(|e| e.code == error.code) {
                push(format!("error `{}`: not on the pages", error.code));
            }
        }
    }
}

fn slot_changes(
    what: &str,
    ours: &ImportedField,
    (ty, required, nullable): (&TypeRef, bool, bool),
    names: &[(String, String)],
    push: &mut impl FnMut(String),
) {
    // Object names are compared through the pairing: only the shapes are wire facts.
    let (a, b) = (type_text(&mapped(&ours.ty, names)), type_text(ty));
    if a != b {
        push(format!(
            "{what}: type `{}` on the pages, `{b}` in the spec",
            type_text(&ours.ty)
        ));
    }
    if ours.required != required {
        push(format!(
            "{what}: {} on the pages, {} in the spec",
            presence(ours.required),
            presence(required)
        ));
    }
    if ours.nullable != nullable {
        push(format!(
            "{what}: {} on the pages, {} in the spec",
            nullability(ours.nullable),
            nullability(nullable)
        ));
    }
}

fn presence(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

fn nullability(nullable: bool) -> &'static str {
    if nullable { "nullable" } else { "not nullable" }
}

fn object_changes(
    item: &str,
    ours: &ImportedObject,
    theirs: &TypeDef,
    names: &[(String, String)],
    out: &mut Vec<Change>,
) {
    let mut push = |detail: String| {
        out.push(Change {
            item: item.to_owned(),
            detail,
        })
    };
    match theirs {
        TypeDef::Struct(s) if ours.values.is_empty() => {
            for field in &ours.fields {
                match s.fields.iter().find(|f| f.wire_name == field.name) {
                    Some(Field {
                        ty,
                        required,
                        nullable,
                        ..
                    }) => slot_changes(
                        &format!("field `{}`", field.name),
                        field,
                        (ty, *required, *nullable),
                        names,
                        &mut push,
                    ),
                    None => push(format!("field `{}`: added by the pages", field.name)),
                }
            }
            for field in &s.fields {
                if !ours.fields.iter().any(|f| f.name == field.wire_name) {
                    push(format!("field `{}`: not on the pages", field.wire_name));
                }
            }
        }
        TypeDef::Enum(e) if !ours.values.is_empty() => {
            for value in &ours.values {
                if !e.values.iter().any(|v| &v.wire == value) {
                    push(format!("value `{value}`: added by the pages"));
                }
            }
            for value in &e.values {
                if !ours.values.contains(&value.wire) {
                    push(format!("value `{}`: not on the pages", value.wire));
                }
            }
        }
        _ => push(format!(
            "kind: {} on the pages, another kind in the spec",
            if ours.values.is_empty() {
                "an object"
            } else {
                "a value set"
            }
        )),
    }
}

/// The spec's method of the page method's wire name in one of the page's API families (any of
/// that name when the page names no family).
fn spec_method<'s>(spec: &'s Spec, method: &ImportedMethod) -> Option<&'s Method> {
    let named = spec.methods_named(&method.name);
    named
        .iter()
        .find(|m| m.apis.iter().any(|api| method.apis.contains(api)))
        .or_else(|| named.first().filter(|_| method.apis.is_empty()))
}
