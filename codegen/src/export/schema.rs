//! JSON Schemas (draft-07, the dialect OpenRPC documents use) of spec types.
//!
//! The schemas describe what the API sends and accepts: the documented type of each value, with
//! the forms seen in real data where a field is marked `#[lenient]`, `null` where it is
//! `Nullable`, and the documented value set of each enum. Named types are `$ref`s to
//! `#/components/schemas/<Name>`.

use serde_json::{Map, Value, json};

use crate::model::{Docs, EnumDef, Field, ShapeDef, StructDef, TypeDef, TypeRef, UnionDef};

/// Where the schemas of named types live in an OpenRPC document.
pub const COMPONENTS: &str = "#/components/schemas/";

/// What a `Money` schema says about the form of an amount.
pub const MONEY_NOTE: &str = "An exact decimal amount. The API sends it as a JSON number or as a \
    decimal string; read it as a decimal (never a binary float) and write it back in the form it \
    came in.";

/// The pattern of an amount sent as a string: an optional sign, digits, an optional fraction.
pub const MONEY_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// The schema of a value of type `ty`.
pub fn type_schema(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::String => json!({ "type": "string" }),
        TypeRef::Bool => json!({ "type": "boolean" }),
        TypeRef::Integer => json!({ "type": "integer" }),
        TypeRef::Number => json!({ "type": "number" }),
        TypeRef::Money => json!({
            "type": ["string", "number"],
            "pattern": MONEY_PATTERN,
            "description": MONEY_NOTE,
        }),
        TypeRef::Date => json!({
            "type": "string",
            "description": "A date, documented as `YYYY-MM-DD`.",
        }),
        TypeRef::DateTime => json!({
            "type": "string",
            "description": "A date and time, documented as `YYYY-MM-DD HH:MM:SS`.",
        }),
        TypeRef::Json => json!({ "description": "Any JSON value." }),
        TypeRef::Unit => json!({ "description": "No meaningful value." }),
        TypeRef::Array(item) => json!({ "type": "array", "items": type_schema(item) }),
        TypeRef::Map(value) => json!({
            "type": "object",
            "additionalProperties": type_schema(value),
        }),
        TypeRef::Named(name) => json!({ "$ref": format!("{COMPONENTS}{name}") }),
    }
}

/// The schema of a field or param: its type, widened for `#[lenient]` and `Nullable`.
pub fn value_schema(ty: &TypeRef, nullable: bool, lenient: Option<&str>, docs: &Docs) -> Value {
    let mut schema = type_schema(ty);
    if let Some(reason) = lenient {
        schema = lenient_schema(ty, schema, reason);
    }
    if nullable {
        schema = json!({ "anyOf": [schema, { "type": "null" }] });
    }
    describe(&mut schema, docs);
    schema
}

/// A lenient scalar also arrives as a string or a number (a lenient `Vec` holds such items).
fn lenient_schema(ty: &TypeRef, schema: Value, reason: &str) -> Value {
    match ty {
        TypeRef::Array(item) => json!({
            "type": "array",
            "items": lenient_schema(item, type_schema(item), reason),
        }),
        _ => json!({
            "anyOf": [schema, { "type": ["string", "number"] }],
            "$comment": format!("Read leniently: {reason}"),
        }),
    }
}

/// Adds the docs' text (and notes) as the description of `schema`, when it is an object
/// without one; a `$ref` gets it through `allOf` (draft-07 ignores siblings of `$ref`).
fn describe(schema: &mut Value, docs: &Docs) {
    let text = description(docs);
    if text.is_empty() {
        return;
    }
    let Value::Object(object) = schema else {
        return;
    };
    if object.contains_key("$ref") {
        let reference = std::mem::take(object);
        *object = Map::new();
        object.insert("allOf".into(), Value::Array(vec![Value::Object(reference)]));
    }
    match object.get("description").and_then(Value::as_str) {
        Some(existing) => {
            let joined = format!("{text}\n\n{existing}");
            object.insert("description".into(), Value::String(joined));
        }
        None => {
            object.insert("description".into(), Value::String(text));
        }
    }
}

/// The text of `docs` followed by its notes.
pub fn description(docs: &Docs) -> String {
    let mut text = docs.text.trim().to_owned();
    for note in &docs.notes {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("Note: ");
        text.push_str(note.trim());
    }
    text
}

/// The schema of a named type, for `components.schemas`.
pub fn type_def_schema(def: &TypeDef) -> Value {
    let mut schema = match def {
        TypeDef::Struct(s) => struct_schema(s),
        TypeDef::Enum(e) => enum_schema(e),
        TypeDef::Union(u) => union_schema(u),
        TypeDef::Shape(s) => shape_schema(s),
    };
    if let Value::Object(object) = &mut schema {
        object.insert("title".into(), Value::String(def.name().to_owned()));
    }
    let docs = match def {
        TypeDef::Struct(s) => &s.docs,
        TypeDef::Enum(e) => &e.docs,
        TypeDef::Union(u) => &u.docs,
        TypeDef::Shape(s) => &s.docs,
    };
    describe(&mut schema, docs);
    schema
}

fn struct_schema(s: &StructDef) -> Value {
    let properties: Map<String, Value> = s
        .fields
        .iter()
        .map(|f| (f.wire_name.clone(), field_schema(f)))
        .collect();
    let required: Vec<Value> = s
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| Value::String(f.wire_name.clone()))
        .collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        // Unknown keys are kept and written back by the bindings.
        "additionalProperties": true,
    });
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    schema
}

fn field_schema(f: &Field) -> Value {
    value_schema(&f.ty, f.nullable, f.lenient.as_deref(), &f.docs)
}

fn enum_schema(e: &EnumDef) -> Value {
    let values: Vec<Value> = e
        .values
        .iter()
        .map(|v| Value::String(v.wire.clone()))
        .collect();
    let mut listed = String::from(
        "The documented values; the API's spelling may differ in case, and values outside the \
         list are kept as sent.",
    );
    for value in &e.values {
        let text = description(&value.docs);
        if !text.is_empty() {
            listed.push_str(&format!(
                "\n- `{}`: {}",
                value.wire,
                text.replace('\n', " ")
            ));
        }
    }
    // The documented spellings first (for generators), then the same values in any case (the
    // API's spelling varies: `visa` for `Visa`), as an ECMA-262 pattern without flags.
    let alternatives: Vec<String> = e.values.iter().map(|v| any_case(&v.wire)).collect();
    json!({
        "anyOf": [
            { "type": "string", "enum": values },
            { "type": "string", "pattern": format!("^(?:{})$", alternatives.join("|")) },
        ],
        "$comment": listed,
    })
}

/// A regular expression matching `text` in any letter case (`Visa` → `[Vv][Ii][Ss][Aa]`).
fn any_case(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let (lower, upper): (String, String) =
            (c.to_lowercase().collect(), c.to_uppercase().collect());
        if lower != upper && lower.chars().count() == 1 && upper.chars().count() == 1 {
            out.push('[');
            out.push_str(&upper);
            out.push_str(&lower);
            out.push(']');
        } else if "\\^$.|?*+()[]{}".contains(c) {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

fn union_schema(u: &UnionDef) -> Value {
    let variants: Vec<Value> = u
        .variants
        .iter()
        .map(|v| {
            let mut tag = Map::new();
            tag.insert(u.tag.clone(), json!({ "const": v.wire }));
            let mut variant = json!({
                "allOf": [
                    { "$ref": format!("{COMPONENTS}{}", v.payload) },
                    { "type": "object", "properties": tag, "required": [u.tag] },
                ],
            });
            describe(&mut variant, &v.docs);
            variant
        })
        .collect();
    json!({ "oneOf": variants })
}

fn shape_schema(s: &ShapeDef) -> Value {
    let variants: Vec<Value> = s
        .variants
        .iter()
        .map(|v| {
            let mut variant = type_schema(&v.ty);
            describe(&mut variant, &v.docs);
            variant
        })
        .collect();
    json!({
        "anyOf": variants,
        "$comment": "One variant per kind of JSON value; a value of any other kind is kept whole.",
    })
}

/// The named types `ty` refers to directly.
pub fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) => named_in(inner, out),
        TypeRef::Named(name) => out.push(name.clone()),
        _ => {}
    }
}

/// The named types the definition of `def` refers to directly.
pub fn references_of(def: &TypeDef) -> Vec<String> {
    let mut out = Vec::new();
    match def {
        TypeDef::Struct(s) => s.fields.iter().for_each(|f| named_in(&f.ty, &mut out)),
        TypeDef::Enum(_) => {}
        TypeDef::Union(u) => out.extend(u.variants.iter().map(|v| v.payload.clone())),
        TypeDef::Shape(s) => s.variants.iter().for_each(|v| named_in(&v.ty, &mut out)),
    }
    out
}
