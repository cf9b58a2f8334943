//! Merging what several pages (or several sections of one page) say about the same method or
//! object: hosts, API versions and SOAP twins of one call. Disagreements are kept as notes on
//! the item and reported as problems; the first page's params win.

use std::collections::BTreeSet;

use super::{Import, ImportedField, ImportedMethod, ImportedObject, Problem};
use crate::model::TypeRef;

/// Merges methods by wire name and objects by name, then adds a stub for every object that
/// is named but described nowhere. Methods and objects come out ordered by name.
pub fn merge(import: Import) -> Import {
    let mut out = Import {
        problems: import.problems,
        ..Import::default()
    };
    for method in import.methods {
        match out.methods.iter_mut().find(|m| m.name == method.name) {
            Some(existing) => merge_method(existing, method, &mut out.problems),
            None => out.methods.push(method),
        }
    }
    for object in import.objects {
        match out.objects.iter_mut().find(|o| o.name == object.name) {
            Some(existing) => merge_object(existing, object),
            None => out.objects.push(object),
        }
    }
    add_stubs(&mut out);
    out.methods.sort_by(|a, b| a.name.cmp(&b.name));
    out.objects.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn signature(params: &[ImportedField]) -> String {
    params
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                p.name,
                crate::print::slot_text(&p.ty, p.required, p.nullable)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn merge_method(into: &mut ImportedMethod, other: ImportedMethod, problems: &mut Vec<Problem>) {
    let (mine, theirs) = (signature(&into.params), signature(&other.params));
    if mine != theirs {
        let page = other.sources.first().cloned().unwrap_or_default();
        let first = into.sources.first().cloned().unwrap_or_default();
        if into.params.is_empty() {
            into.params = other.params.clone();
        }
        let message = format!(
            "pages disagree on the params of `{}`: `{first}` has ({mine}), `{page}` has ({theirs}); the first is kept",
            into.name
        );
        into.notes.push(format!(
            "The pages disagree on the params: ({mine}) on one, ({theirs}) on another; the first is kept."
        ));
        problems.push(Problem {
            page,
            line: 1,
            message,
        });
    }
    if into.returns == TypeRef::Json && other.returns != TypeRef::Json {
        into.returns = other.returns;
        into.notes
            .retain(|n| n != "The page documents no response type: `Json`.");
    }
    for api in other.apis {
        if !into.apis.contains(&api) {
            into.apis.push(api);
        }
    }
    into.apis.sort();
    into.partner |= other.partner;
    into.title = into.title.take().or(other.title);
    for error in other.errors {
        if !into.errors.iter().any(|e| e.code == error.code) {
            into.errors.push(error);
        }
    }
    union(&mut into.sources, other.sources);
    union(&mut into.notes, other.notes);
}

fn merge_object(into: &mut ImportedObject, other: ImportedObject) {
    if into.fields.is_empty() && into.values.is_empty() {
        into.fields = other.fields.clone();
        into.values = other.values.clone();
        into.undescribed = other.undescribed;
    } else {
        for field in other.fields {
            match into.fields.iter_mut().find(|f| f.name == field.name) {
                Some(existing) => {
                    let a =
                        crate::print::slot_text(&existing.ty, existing.required, existing.nullable);
                    let b = crate::print::slot_text(&field.ty, field.required, field.nullable);
                    if a != b {
                        let note = format!(
                            "The pages disagree on `{}`: `{a}` on one, `{b}` on another; the first is kept.",
                            field.name
                        );
                        if !existing.notes.contains(&note) {
                            existing.notes.push(note);
                        }
                    }
                }
                None => into.fields.push(field),
            }
        }
        union(&mut into.values, other.values);
    }
    union(&mut into.sources, other.sources);
    union(&mut into.notes, other.notes);
}

fn union(into: &mut Vec<String>, other: Vec<String>) {
    for item in other {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// Objects referenced by a type but described on no page get an empty stub, so the output
/// still loads on its own; the reviewer points the reference at the spec's definition.
fn add_stubs(import: &mut Import) {
    let mut named = BTreeSet::new();
    let mut collect = |ty: &TypeRef, source: &str| {
        let mut ty = ty;
        while let TypeRef::Array(item) | TypeRef::Map(item) = ty {
            ty = item;
        }
        if let TypeRef::Named(name) = ty {
            named.insert((name.clone(), source.to_owned()));
        }
    };
    for method in &import.methods {
        let source = method.sources.first().map_or("", String::as_str);
        for param in &method.params {
            collect(&param.ty, source);
        }
        collect(&method.returns, source);
    }
    for object in &import.objects {
        let source = object.sources.first().map_or("", String::as_str);
        for field in &object.fields {
            collect(&field.ty, source);
        }
    }
    for (name, source) in named {
        if import.objects.iter().any(|o| o.name == name) {
            continue;
        }
        import.objects.push(ImportedObject {
            name,
            fields: Vec::new(),
            values: Vec::new(),
            undescribed: true,
            sources: vec![source],
            notes: vec!["Named by the pages but not described there.".to_owned()],
        });
    }
}
