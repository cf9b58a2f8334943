//! Merging what several pages (or several sections of one page) say about the same method or
//! object: hosts, API versions and SOAP twins of one call. Disagreements are kept as notes on
//! the item and reported as problems; the first page's params win.

use std::collections::BTreeSet;

use super::{Import, ImportedField, ImportedMethod, ImportedObject, Problem};
use crate::check::{method_name, type_name};
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
    shorten(&mut out);
    add_stubs(&mut out);
    rename_request_type_clashes(&mut out);
    break_cycles(&mut out);
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
            short_name: None,
            fields: Vec::new(),
            values: Vec::new(),
            undescribed: true,
            sources: vec![source],
            notes: vec!["Named by the pages but not described there.".to_owned()],
        });
    }
}

/// Gives inline objects their short names (`Item` for the `Items` of
/// `UpgradePartnerSubscriptionsPayload`) where that is unambiguous: no other object, and no
/// type reference to an undescribed object, claims the name, or every object claiming it has
/// the same fields (they are then one object). Otherwise the long, unique name stays.
/// Repeated until nothing changes, since renaming nested objects can make their owners equal.
pub fn shorten(import: &mut Import) {
    loop {
        let mut changed = false;
        let candidates: BTreeSet<String> = import
            .objects
            .iter()
            .filter_map(|o| o.short_name.clone())
            .collect();
        for candidate in candidates {
            let group: Vec<usize> = (0..import.objects.len())
                .filter(|&i| import.objects[i].short_name.as_deref() == Some(candidate.as_str()))
                .collect();
            let Some(&first) = group.first() else {
                continue;
            };
            // A reserved name would be printed as `{Name}Object`: the long form reads better.
            if crate::check::RESERVED_TYPE_NAMES.contains(&candidate.as_str())
                || ["Money", "Date", "DateTime", "Json", "Map"].contains(&candidate.as_str())
            {
                continue;
            }
            let holder = import.objects.iter().position(|o| o.name == candidate);
            if holder.is_none() && referenced(import, &candidate) {
                continue;
            }
            // Folding must not make an object contain itself.
            let mut names: Vec<&str> = group
                .iter()
                .map(|&i| import.objects[i].name.as_str())
                .collect();
            names.push(&candidate);
            let members = group.iter().copied().chain(holder);
            let recursive = members.clone().any(|i| {
                import.objects[i]
                    .fields
                    .iter()
                    .any(|f| names.iter().any(|n| mentions(&f.ty, n)))
            });
            if recursive {
                continue;
            }
            let model = &import.objects[holder.unwrap_or(first)];
            let same = group.iter().all(|&i| same_shape(&import.objects[i], model));
            if !same {
                continue;
            }
            changed = true;
            let old: Vec<String> = group
                .iter()
                .map(|&i| import.objects[i].name.clone())
                .collect();
            for name in &old {
                rename_references(import, name, &candidate);
            }
            // Fold the group into one object under the short name.
            let mut kept: Option<usize> = holder;
            let mut remove = Vec::new();
            for &i in &group {
                match kept {
                    None => {
                        import.objects[i].name = candidate.clone();
                        import.objects[i].short_name = None;
                        kept = Some(i);
                    }
                    Some(k) => {
                        let other = import.objects[i].clone();
                        union(&mut import.objects[k].sources, other.sources);
                        union(&mut import.objects[k].notes, other.notes);
                        remove.push(i);
                    }
                }
            }
            remove.sort_unstable();
            for i in remove.into_iter().rev() {
                import.objects.remove(i);
            }
        }
        if !changed {
            break;
        }
    }
    for object in &mut import.objects {
        object.short_name = None;
    }
}

/// Same fields (names, types, requiredness, nullability) and values.
fn same_shape(a: &ImportedObject, b: &ImportedObject) -> bool {
    let shape = |o: &ImportedObject| -> Vec<(String, String)> {
        o.fields
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    crate::print::slot_text(&f.ty, f.required, f.nullable),
                )
            })
            .collect()
    };
    a.values == b.values && shape(a) == shape(b) && a.undescribed == b.undescribed
}

fn mentions(ty: &TypeRef, name: &str) -> bool {
    match ty {
        TypeRef::Named(n) => n == name,
        TypeRef::Array(item) | TypeRef::Map(item) => mentions(item, name),
        _ => false,
    }
}

/// Whether a type anywhere in the import names `name`.
fn referenced(import: &Import, name: &str) -> bool {
    import
        .methods
        .iter()
        .any(|m| mentions(&m.returns, name) || m.params.iter().any(|p| mentions(&p.ty, name)))
        || import
            .objects
            .iter()
            .any(|o| o.fields.iter().any(|f| mentions(&f.ty, name)))
}

/// An object named like a method's request type (`EnableRecurringBilling` read from the title
/// of the page that documents `enableRecurringBilling`) would not load: the object gets the
/// suffix `Object` (and a number if needed), with a note.
fn rename_request_type_clashes(import: &mut Import) {
    let request_types: BTreeSet<String> = import
        .methods
        .iter()
        .map(|m| type_name(&method_name(&m.name)))
        .collect();
    for i in 0..import.objects.len() {
        let from = import.objects[i].name.clone();
        if !request_types.contains(&from) {
            continue;
        }
        let taken = |name: &str| {
            request_types.contains(name) || import.objects.iter().any(|o| o.name == name)
        };
        let mut to = format!("{from}Object");
        let mut n = 2;
        while taken(&to) {
            to = format!("{from}Object{n}");
            n += 1;
        }
        import.objects[i].name.clone_from(&to);
        import.objects[i].notes.push(format!(
            "Renamed from `{from}`: a method's request type has that name."
        ));
        rename_references(import, &from, &to);
    }
}

fn rename_type(ty: &mut TypeRef, from: &str, to: &str) {
    match ty {
        TypeRef::Named(n) if n == from => *n = to.to_owned(),
        TypeRef::Array(item) | TypeRef::Map(item) => rename_type(item, from, to),
        _ => {}
    }
}

fn rename_references(import: &mut Import, from: &str, to: &str) {
    for method in &mut import.methods {
        rename_type(&mut method.returns, from, to);
        for param in &mut method.params {
            rename_type(&mut param.ty, from, to);
        }
    }
    for object in &mut import.objects {
        for field in &mut object.fields {
            rename_type(&mut field.ty, from, to);
        }
    }
}

/// A field that holds its own object directly (not through a list or map) has no finite size:
/// damaged pages produce them (a field named like its table). Such a field becomes `Json`,
/// with a note, so that the output still loads.
fn break_cycles(import: &mut Import) {
    fn direct(ty: &TypeRef) -> Option<&str> {
        match ty {
            TypeRef::Named(name) => Some(name),
            _ => None,
        }
    }
    fn reaches(import: &Import, from: &str, target: &str, seen: &mut Vec<String>) -> bool {
        if seen.iter().any(|s| s == from) {
            return false;
        }
        seen.push(from.to_owned());
        let Some(object) = import.objects.iter().find(|o| o.name == from) else {
            return false;
        };
        object
            .fields
            .iter()
            .any(|f| direct(&f.ty).is_some_and(|n| n == target || reaches(import, n, target, seen)))
    }
    for i in 0..import.objects.len() {
        let name = import.objects[i].name.clone();
        for j in 0..import.objects[i].fields.len() {
            let Some(next) = direct(&import.objects[i].fields[j].ty).map(str::to_owned) else {
                continue;
            };
            if next == name || reaches(import, &next, &name, &mut Vec::new()) {
                let field = &mut import.objects[i].fields[j];
                field.notes.push(format!(
                    "`{}` would hold `{name}` inside itself: `Json`.",
                    field.name
                ));
                field.ty = TypeRef::Json;
            }
        }
    }
}
