//! Comparing an import with the spec: per method and object, what the pages add, remove or
//! change (param order and names, types, requiredness, nullability, error codes, enum values),
//! in lines a maintainer can paste into a review.

use std::fmt;

use super::{Import, ImportedField, ImportedMethod, ImportedObject};
use crate::model::{Field, Method, Spec, TypeDef};
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
    for method in &import.methods {
        let item = format!("method {}", method.name);
        // The spec's method of the same wire name in one of the page's families (any of that
        // name when the page names no family).
        let named = spec.methods_named(&method.name);
        let theirs = named
            .iter()
            .find(|m| m.apis.iter().any(|api| method.apis.contains(api)))
            .or_else(|| named.first().filter(|_| method.apis.is_empty()));
        match theirs {
            None => changes.push(Change {
                item,
                detail: "added by the pages (not in the spec)".to_owned(),
            }),
            Some(theirs) => method_changes(&item, method, theirs, &mut changes),
        }
    }
    for object in import.objects.iter().filter(|o| !o.undescribed) {
        let item = format!("object {}", object.name);
        match spec.type_def(&object.name) {
            None => changes.push(Change {
                item,
                detail: "added by the pages (not in the spec)".to_owned(),
            }),
            Some(def) => object_changes(&item, object, def, &mut changes),
        }
    }
    changes
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

fn method_changes(item: &str, ours: &ImportedMethod, theirs: &Method, out: &mut Vec<Change>) {
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
                    &mut push,
                );
            }
            (Some(p), None) => push(format!("param {n} `{}`: added by the pages", p.name)),
            (None, Some(q)) => push(format!("param {n} `{}`: not on the pages", q.wire_name)),
            (None, None) => {}
        }
    }
    let (a, b) = (type_text(&ours.returns), type_text(&theirs.returns));
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
    (ty, required, nullable): (&crate::model::TypeRef, bool, bool),
    push: &mut impl FnMut(String),
) {
    let (a, b) = (type_text(&ours.ty), type_text(ty));
    if a != b {
        push(format!(
            "{what}: type `{a}` on the pages, `{b}` in the spec"
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

fn object_changes(item: &str, ours: &ImportedObject, theirs: &TypeDef, out: &mut Vec<Change>) {
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
