//! The spec printer: checked model → spec text that loads back into the same model.
//!
//! The model keeps what the spec said, not how it was written, so the printer chooses one
//! canonical spelling: docs first, then `#[source]`, `#[note]` and the other attributes in a fixed
//! order; `#[rust_name]` only where the Rust name differs from the derived one; wire names as
//! identifiers where they are identifiers and as string literals otherwise. Locations are not
//! printed: they are where the text is, not what it says.
//!
//! Both the importer (spec items from documentation pages) and round-trip tests use it.

use std::fmt::Write as _;

use crate::check::{field_name, is_identifier, method_name, type_name};
use crate::model::{
    Docs, EnumDef, Field, Location, Method, Module, Param, ShapeDef, Spec, StructDef, TypeDef,
    TypeRef, UnionDef,
};

/// Prints every module of `spec`, keyed by the module's file name, in module order.
pub fn print_spec(spec: &Spec) -> Vec<(String, String)> {
    spec.modules
        .iter()
        .map(|module| (module.file.clone(), print_module(spec, module)))
        .collect()
}

/// Prints one module: its `//!` docs, then its items in the order they were written.
pub fn print_module(spec: &Spec, module: &Module) -> String {
    let mut out = String::new();
    for line in module.docs.lines() {
        push_comment(&mut out, "//!", line);
    }
    let items = module_items(spec, &module.file);
    for item in &items {
        out.push('\n');
        match item {
            Printable::Type(def) => print_type(&mut out, spec, def),
            Printable::Method(method) => print_method(&mut out, method),
        }
    }
    out
}

/// One top-level item of a module.
enum Printable<'a> {
    Type(&'a TypeDef),
    Method(&'a Method),
}

impl Printable<'_> {
    fn location(&self) -> &Location {
        match self {
            Printable::Type(def) => def.location(),
            Printable::Method(method) => &method.location,
        }
    }
}

/// The top-level items written in `file`, in source order, without the structs that the model
/// derived from inline union variants (they are printed inside their union).
fn module_items<'a>(spec: &'a Spec, file: &str) -> Vec<Printable<'a>> {
    let mut items: Vec<Printable<'a>> = spec
        .types
        .iter()
        .filter(|def| def.location().file == file)
        .filter(|def| !matches!(def, TypeDef::Struct(s) if inline_owner(spec, s).is_some()))
        .map(Printable::Type)
        .chain(
            spec.methods
                .iter()
                .filter(|m| m.location.file == file)
                .map(Printable::Method),
        )
        .collect();
    items.sort_by(|a, b| a.location().cmp(b.location()));
    items
}

/// The union and variant whose inline payload `def` is, if printing it inline reproduces it.
///
/// The checker builds an inline payload `{Union}{Variant}` from the variant's fields, the
/// variant's docs (or a generated sentence) and the union's sources. A struct that matches all
/// of that loads back identically when printed inside the union, whether it was written there
/// or not; anything else is printed as an item of its own.
fn inline_owner<'a>(
    spec: &'a Spec,
    def: &StructDef,
) -> Option<(&'a UnionDef, &'a crate::model::UnionVariant)> {
    spec.types.iter().find_map(|t| {
        let TypeDef::Union(u) = t else { return None };
        if u.location.file != def.location.file {
            return None;
        }
        let v = u
            .variants
            .iter()
            .find(|v| v.payload == def.name && def.name == format!("{}{}", u.name, v.rust_name))?;
        let text = if v.docs.text.is_empty() {
            format!(
                "The fields of `{}::{}` (`{}` = `{}`).",
                u.name, v.rust_name, u.tag, v.wire
            )
        } else {
            v.docs.text.clone()
        };
        let same_docs = def.docs.text == text
            && def.docs.sources == u.docs.sources
            && def.docs.notes == v.docs.notes;
        same_docs.then_some((u, v))
    })
}

fn print_type(out: &mut String, spec: &Spec, def: &TypeDef) {
    match def {
        TypeDef::Struct(s) => print_struct(out, s),
        TypeDef::Enum(e) => print_enum(out, e),
        TypeDef::Union(u) => print_union(out, spec, u),
        TypeDef::Shape(u) => print_shape(out, u),
    }
}

fn print_shape(out: &mut String, def: &ShapeDef) {
    print_docs(out, "", &def.docs);
    out.push_str("#[untagged]\n");
    let _ = writeln!(out, "enum {} {{", def.name);
    for variant in &def.variants {
        print_docs(out, "    ", &variant.docs);
        let _ = writeln!(
            out,
            "    {}({}),",
            variant.rust_name,
            type_text(&variant.ty)
        );
    }
    out.push_str("}\n");
}

fn print_struct(out: &mut String, def: &StructDef) {
    print_docs(out, "", &def.docs);
    let _ = writeln!(out, "struct {} {{", def.name);
    for field in &def.fields {
        print_field(out, "    ", field);
    }
    out.push_str("}\n");
}

fn print_enum(out: &mut String, def: &EnumDef) {
    print_docs(out, "", &def.docs);
    let _ = writeln!(out, "enum {} {{", def.name);
    for value in &def.values {
        print_docs(out, "    ", &value.docs);
        print_rust_name(out, "    ", &value.rust_name, &type_name(&value.wire));
        let _ = writeln!(out, "    {},", wire_name(&value.wire));
    }
    out.push_str("}\n");
}

fn print_union(out: &mut String, spec: &Spec, def: &UnionDef) {
    print_docs(out, "", &def.docs);
    let _ = writeln!(out, "#[tag({})]", quote(&def.tag));
    let _ = writeln!(out, "enum {} {{", def.name);
    for variant in &def.variants {
        let inline = spec.type_def(&variant.payload).and_then(|t| match t {
            TypeDef::Struct(s) => inline_owner(spec, s)
                .filter(|(u, v)| u.name == def.name && v.wire == variant.wire)
                .map(|_| s),
            _ => None,
        });
        print_docs(out, "    ", &variant.docs);
        print_rust_name(out, "    ", &variant.rust_name, &type_name(&variant.wire));
        match inline {
            Some(payload) if payload.fields.is_empty() => {
                let _ = writeln!(out, "    {} {{}},", wire_name(&variant.wire));
            }
            Some(payload) => {
                let _ = writeln!(out, "    {} {{", wire_name(&variant.wire));
                for field in &payload.fields {
                    print_field(out, "        ", field);
                }
                out.push_str("    },\n");
            }
            None => {
                let _ = writeln!(
                    out,
                    "    {}({}),",
                    wire_name(&variant.wire),
                    variant.payload
                );
            }
        }
    }
    out.push_str("}\n");
}

fn print_method(out: &mut String, method: &Method) {
    print_docs(out, "", &method.docs);
    let apis: Vec<&str> = method.apis.iter().map(|a| a.spec_name()).collect();
    let _ = writeln!(out, "#[api({})]", apis.join(", "));
    if method.partner {
        out.push_str("#[partner]\n");
    }
    if method.cart {
        out.push_str("#[cart]\n");
    }
    if method.retry_safe {
        out.push_str("#[retry_safe]\n");
    }
    if !method.session {
        out.push_str("#[no_session]\n");
    }
    for error in &method.errors {
        let _ = writeln!(
            out,
            "#[error({}, {})]",
            error_code(&error.code),
            quote(&error.meaning)
        );
    }
    print_rust_name(out, "", &method.rust_name, &method_name(&method.wire_name));
    if method.params.is_empty() {
        let _ = writeln!(
            out,
            "fn {}() -> {};",
            method.wire_name,
            type_text(&method.returns)
        );
        return;
    }
    let _ = writeln!(out, "fn {}(", method.wire_name);
    for param in &method.params {
        print_param(out, param);
    }
    let _ = writeln!(out, ") -> {};", type_text(&method.returns));
}

fn print_param(out: &mut String, param: &Param) {
    print_member(
        out,
        "    ",
        Member {
            wire: &param.wire_name,
            rust: &param.rust_name,
            ty: &param.ty,
            required: param.required,
            nullable: param.nullable,
            lenient: param.lenient.as_deref(),
            sensitive: param.sensitive,
            docs: &param.docs,
        },
    );
}

fn print_field(out: &mut String, indent: &str, field: &Field) {
    print_member(
        out,
        indent,
        Member {
            wire: &field.wire_name,
            rust: &field.rust_name,
            ty: &field.ty,
            required: field.required,
            nullable: field.nullable,
            lenient: field.lenient.as_deref(),
            sensitive: field.sensitive,
            docs: &field.docs,
        },
    );
}

/// What fields and params have in common.
struct Member<'a> {
    wire: &'a str,
    rust: &'a str,
    ty: &'a TypeRef,
    required: bool,
    nullable: bool,
    lenient: Option<&'a str>,
    sensitive: bool,
    docs: &'a Docs,
}

fn print_member(out: &mut String, indent: &str, member: Member<'_>) {
    print_docs(out, indent, member.docs);
    if let Some(reason) = member.lenient {
        let _ = writeln!(out, "{indent}#[lenient({})]", quote(reason));
    }
    if member.sensitive {
        let _ = writeln!(out, "{indent}#[sensitive]");
    }
    print_rust_name(out, indent, member.rust, &field_name(member.wire));
    let _ = writeln!(
        out,
        "{indent}{}: {},",
        wire_name(member.wire),
        slot_text(member.ty, member.required, member.nullable)
    );
}

fn print_docs(out: &mut String, indent: &str, docs: &Docs) {
    if !docs.text.is_empty() {
        for line in docs.text.lines() {
            out.push_str(indent);
            push_comment(out, "///", line);
        }
    }
    for source in &docs.sources {
        let _ = writeln!(out, "{indent}#[source({})]", quote(source));
    }
    for note in &docs.notes {
        let _ = writeln!(out, "{indent}#[note({})]", quote(note));
    }
}

fn print_rust_name(out: &mut String, indent: &str, name: &str, derived: &str) {
    if name != derived {
        let _ = writeln!(out, "{indent}#[rust_name({})]", quote(name));
    }
}

/// `marker text`, or the bare marker for an empty line (no trailing space).
fn push_comment(out: &mut String, marker: &str, line: &str) {
    out.push_str(marker);
    if !line.is_empty() {
        out.push(' ');
        out.push_str(line);
    }
    out.push('\n');
}

/// A type with its presence and nullability wrappers.
pub fn slot_text(ty: &TypeRef, required: bool, nullable: bool) -> String {
    let mut text = type_text(ty);
    if nullable {
        text = format!("Nullable<{text}>");
    }
    if !required {
        text = format!("Option<{text}>");
    }
    text
}

/// A type as written in the spec language.
pub fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "f64".to_owned(),
        TypeRef::Money => "Money".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Json => "Json".to_owned(),
        TypeRef::Unit => "()".to_owned(),
        TypeRef::Array(item) => format!("Vec<{}>", type_text(item)),
        TypeRef::Map(item) => format!("Map<{}>", type_text(item)),
        TypeRef::Named(name) => name.clone(),
    }
}

/// A wire name: bare when it is an identifier, else a string literal.
pub fn wire_name(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        quote(name)
    }
}

/// An error code: an identifier, an integer, or a string literal.
fn error_code(code: &str) -> String {
    let integer = !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_digit())
        && (code == "0" || !code.starts_with('0'));
    if integer {
        code.to_owned()
    } else {
        wire_name(code)
    }
}

/// A Rust string literal. `{:?}` escapes exactly what a literal needs (quotes, backslashes,
/// control characters) and nothing the lexer would read differently.
pub fn quote(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_print_with_their_wrappers() {
        let vec = TypeRef::Array(Box::new(TypeRef::Named("Reseller".into())));
        assert_eq!(
            slot_text(&vec, false, true),
            "Option<Nullable<Vec<Reseller>>>"
        );
        assert_eq!(slot_text(&TypeRef::Integer, true, false), "i64");
        assert_eq!(
            type_text(&TypeRef::Map(Box::new(TypeRef::Json))),
            "Map<Json>"
        );
    }

    #[test]
    fn names_and_codes_are_quoted_only_when_needed() {
        assert_eq!(wire_name("PartnerCode"), "PartnerCode");
        assert_eq!(
            wire_name("2CheckoutCustomerReference"),
            "\"2CheckoutCustomerReference\""
        );
        assert_eq!(error_code("10000"), "10000");
        assert_eq!(error_code("007"), "\"007\"");
        assert_eq!(
            error_code("Missing required parameter: X"),
            "\"Missing required parameter: X\""
        );
        assert_eq!(quote("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
    }
}
