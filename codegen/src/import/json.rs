//! The `--json` form of an import: one object with `methods`, `objects` and `problems`.
//!
//! Names are the wire names exactly as documented; types are written in the spec language
//! without the `Option` / `Nullable` wrappers, which `required` and `nullable` carry instead.
//! A closed value set is an object with no fields and a `values` list. Every param and field
//! carries the page's `description`, which the spec text leaves out: the reviewer writes the
//! doc from it in their own words.

use serde_json::{Value, json};

use super::{Import, ImportedField};
use crate::print::type_text;

/// The import as JSON.
pub fn to_json(import: &Import) -> Value {
    let methods: Vec<Value> = import
        .methods
        .iter()
        .map(|m| {
            json!({
                "name": m.name,
                "api": m.apis.iter().map(|a| a.spec_name()).collect::<Vec<_>>(),
                "params": m.params.iter().map(param).collect::<Vec<_>>(),
                "returns": type_text(&m.returns),
                "errors": m.errors.iter().map(|e| json!({"code": e.code, "meaning": e.meaning})).collect::<Vec<_>>(),
                "source": m.sources.first(),
                "notes": m.notes.iter().cloned().chain(m.params.iter().flat_map(|p| p.notes.iter().map(move |n| format!("{}: {n}", p.name)))).collect::<Vec<_>>(),
            })
        })
        .collect();
    let objects: Vec<Value> = import
        .objects
        .iter()
        .map(|o| {
            let mut object = json!({
                "name": o.name,
                "fields": o.fields.iter().map(|f| json!({
                    "name": f.name,
                    "type": type_text(&f.ty),
                    "required": f.required,
                    "nullable": f.nullable,
                    "description": f.doc,
                })).collect::<Vec<_>>(),
            });
            if !o.values.is_empty() {
                object["values"] = json!(o.values);
            }
            object
        })
        .collect();
    let problems: Vec<Value> = import
        .problems
        .iter()
        .map(|p| json!({"page": p.page, "line": p.line, "message": p.message}))
        .collect();
    json!({"methods": methods, "objects": objects, "problems": problems})
}

fn param(p: &ImportedField) -> Value {
    json!({
        "name": p.name,
        "type": type_text(&p.ty),
        "required": p.required,
        "description": p.doc,
    })
}
