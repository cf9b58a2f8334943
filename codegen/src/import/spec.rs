//! Imported items → spec text, through the model and [`crate::print`], so that the text is
//! exactly what the spec language accepts.

use crate::check::{
    RESERVED_FIELD_NAMES, RESERVED_METHOD_NAMES, RESERVED_PARAM_NAMES, RESERVED_TYPE_NAMES,
    RESERVED_VARIANT_NAME, field_name, is_identifier, is_keyword, method_name, type_name,
};
use crate::model::{
    Docs, EnumDef, EnumValue, ErrorDoc, Field, Location, Method, Module, Param, Spec, StructDef,
    TypeDef, TypeRef,
};
use crate::print;

use super::{Import, ImportedField};

/// The file name the printed items are attributed to.
pub const FILE: &str = "imported.api";

/// The imported items as one spec module.
pub fn to_spec(import: &Import) -> Spec {
    let mut line = 0;
    let mut at = || {
        line += 1;
        Location {
            file: FILE.to_owned(),
            line,
            column: 1,
        }
    };
    // Each object's Rust name, decided once so that references follow: see `object_name`;
    // names that end up equal (`Ǟb`, `B`) get a number.
    let mut names = std::collections::BTreeMap::new();
    // Methods are named first. Wire names that differ only in case or in underscores
    // (`UpdateReseller`, `updateReseller`, `_`, `__`, read from a damaged page) derive the same
    // Rust name or request type name: the later ones get a number.
    let mut method_names = Vec::new();
    let mut taken_methods = std::collections::BTreeSet::new();
    // Request types of the methods are taken too (an object `GetǞOrder` would become the
    // request type of `getOrder`).
    let mut taken = std::collections::BTreeSet::new();
    for method in &import.methods {
        let name = first_free(&method_rust_name(&method.name), "_", |candidate| {
            !taken_methods.contains(candidate) && !taken.contains(&type_name(candidate))
        });
        taken_methods.insert(name.clone());
        taken.insert(type_name(&name));
        method_names.push(name);
    }
    for object in &import.objects {
        if names.contains_key(&object.name) {
            continue;
        }
        let name = numbered(&mut taken, object_name(&object.name));
        names.insert(object.name.clone(), name);
    }
    let rename = |name: &str| -> String {
        names
            .get(name)
            .cloned()
            .unwrap_or_else(|| object_name(name))
    };
    let mut types = Vec::new();
    for object in &import.objects {
        let docs = Docs {
            text: if object.undescribed {
                format!(
                    "`{}`: the pages name it without listing its fields.",
                    object.name
                )
            } else if object.values.is_empty() {
                format!("The `{}` object.", object.name)
            } else {
                format!("Values of `{}`.", object.name)
            },
            sources: object.sources.clone(),
            notes: object.notes.clone(),
        };
        let name = rename(&object.name);
        let location = at();
        if object.values.is_empty() {
            let fields = unique(&object.fields, RESERVED_FIELD_NAMES)
                .into_iter()
                .map(|(f, wire)| {
                    let m = member(import, f, &wire, RESERVED_FIELD_NAMES, &rename);
                    Field {
                        wire_name: wire,
                        rust_name: m.rust_name,
                        ty: m.ty,
                        required: f.required,
                        nullable: f.nullable,
                        lenient: None,
                        sensitive: false,
                        docs: m.docs,
                        location: location.clone(),
                    }
                })
                .collect();
            types.push(TypeDef::Struct(StructDef {
                name,
                docs,
                fields,
                location,
            }));
        } else {
            // Values that derive the same Rust name (`a-b`, `a_b`, `AB`) get a number.
            let mut taken = std::collections::BTreeSet::new();
            let values = object
                .values
                .iter()
                .map(|wire| {
                    // Cased again: dropping a non-ASCII first letter leaves a lower-case one.
                    let mut derived = type_name(&valid_or(type_name(wire), "V"));
                    // `self` becomes `Self`; `unknown` would take the catch-all's name.
                    if is_keyword(&derived) || derived == RESERVED_VARIANT_NAME {
                        derived.push_str("Value");
                    }
                    let rust_name = numbered(&mut taken, derived);
                    EnumValue {
                        wire: wire.clone(),
                        rust_name,
                        docs: Docs::default(),
                    }
                })
                .collect();
            types.push(TypeDef::Enum(EnumDef {
                name,
                docs,
                values,
                location,
            }));
        }
    }
    let mut methods = Vec::new();
    for (method, rust_name) in import.methods.iter().zip(method_names) {
        let location = at();
        let params = unique(&method.params, RESERVED_PARAM_NAMES)
            .into_iter()
            .map(|(p, wire)| {
                let m = member(import, p, &wire, RESERVED_PARAM_NAMES, &rename);
                Param {
                    wire_name: wire,
                    rust_name: m.rust_name,
                    ty: m.ty,
                    required: p.required,
                    nullable: p.nullable,
                    lenient: None,
                    sensitive: false,
                    docs: m.docs,
                    location: location.clone(),
                }
            })
            .collect();
        methods.push(Method {
            wire_name: method.name.clone(),
            type_name: type_name(&rust_name),
            rust_name,
            docs: Docs {
                text: match &method.title {
                    Some(title) => format!("{title}."),
                    None => format!("The `{}` method.", method.name),
                },
                sources: method.sources.clone(),
                notes: method.notes.clone(),
            },
            apis: method.apis.clone(),
            partner: method.partner,
            cart: false,
            retry_safe: false,
            session: method.session,
            params,
            returns: retype(&method.returns, &rename),
            // The meanings are the page's sentences: `--json` lists them for the reviewer.
            errors: method
                .errors
                .iter()
                .map(|e| ErrorDoc {
                    code: e.code.clone(),
                    meaning: "Documented on the page (its wording: `import --json`).".to_owned(),
                })
                .collect(),
            location,
        });
    }
    Spec {
        modules: vec![Module {
            name: "imported".to_owned(),
            file: FILE.to_owned(),
            docs: "Items imported from documentation pages, to review before they join the spec."
                .to_owned(),
        }],
        methods,
        types,
    }
}

/// Prints the imported items as spec text.
pub fn to_text(import: &Import) -> String {
    let spec = to_spec(import);
    print::print_module(&spec, &spec.modules[0])
}

struct Member {
    rust_name: String,
    ty: TypeRef,
    docs: Docs,
}

fn member(
    import: &Import,
    field: &ImportedField,
    wire: &str,
    reserved: &[&str],
    rename: &dyn Fn(&str) -> String,
) -> Member {
    Member {
        rust_name: member_rust_name(wire, reserved),
        ty: retype(&field.ty, rename),
        docs: Docs {
            text: neutral_doc(import, wire, &field.ty, field.required, field.nullable),
            sources: Vec::new(),
            notes: field.notes.clone(),
        },
    }
}

/// A short doc made of the facts only: the name, the kind of value, whether it must be sent
/// and may be null. The page's own sentences stay out of the spec (the reviewer finds them
/// under `description` in `--json` and writes the doc in their own words).
pub fn neutral_doc(
    import: &Import,
    wire: &str,
    ty: &TypeRef,
    required: bool,
    nullable: bool,
) -> String {
    let mut facts = vec![kind(ty)];
    // A value set's values are facts too.
    if let TypeRef::Named(name) = ty
        && let Some(set) = import
            .objects
            .iter()
            .find(|o| &o.name == name && !o.values.is_empty())
    {
        facts[0] = format!("one of {}", set.values.join(", "));
    }
    facts.push(if required { "required" } else { "optional" }.to_owned());
    if nullable {
        facts.push("may be null".to_owned());
    }
    format!("`{wire}` ({}).", facts.join(", "))
}

fn kind(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".to_owned(),
        TypeRef::Bool => "boolean".to_owned(),
        TypeRef::Integer => "integer".to_owned(),
        TypeRef::Number => "number".to_owned(),
        TypeRef::Money => "amount".to_owned(),
        TypeRef::Date => "date, YYYY-MM-DD".to_owned(),
        TypeRef::DateTime => "date and time".to_owned(),
        TypeRef::Json => "any JSON value".to_owned(),
        TypeRef::Unit => "nothing".to_owned(),
        TypeRef::Array(item) => format!("list of {}", kind(item)),
        TypeRef::Map(item) => format!("map of {}", kind(item)),
        TypeRef::Named(name) => format!("`{name}`"),
    }
}

/// The Rust name of a field or param: the derived one, made an ASCII identifier, with `_`
/// after a keyword (`do`, left of `déo` by a damaged page) and `_value` after a name the
/// generated code uses itself.
fn member_rust_name(wire: &str, reserved: &[&str]) -> String {
    let mut rust_name = valid_or(field_name(wire), "field_");
    if is_keyword(&rust_name) {
        rust_name.push('_');
    }
    if reserved.contains(&rust_name.as_str()) {
        rust_name.push_str("_value");
    }
    rust_name
}

/// The fields with repeated names made unique (`param1`, `param1_2`), so the output loads.
fn unique<'f>(fields: &'f [ImportedField], reserved: &[&str]) -> Vec<(&'f ImportedField, String)> {
    let mut seen: Vec<String> = Vec::new();
    fields
        .iter()
        .map(|f| {
            let mut wire = f.name.clone();
            let mut n = 1;
            // Compared as the Rust names they become (`A-b` and `A_b` are both `a_b`; `do`
            // and `do_` are both `do_`).
            let rust = |wire: &str| member_rust_name(wire, reserved);
            while seen.contains(&rust(&wire)) {
                n += 1;
                wire = format!("{}_{n}", f.name);
            }
            seen.push(rust(&wire));
            (f, wire)
        })
        .collect()
}

fn retype(ty: &TypeRef, rename: &dyn Fn(&str) -> String) -> TypeRef {
    match ty {
        TypeRef::Named(name) => TypeRef::Named(rename(name)),
        TypeRef::Array(item) => TypeRef::Array(Box::new(retype(item, rename))),
        TypeRef::Map(item) => TypeRef::Map(Box::new(retype(item, rename))),
        other => other.clone(),
    }
}

/// The derived name, or the same with `prefix` when it does not start like an identifier.
/// The Rust name of an imported method: the derived one, unless that is not an identifier, a
/// keyword (`ref`, read from a damaged sample), or a name the generated code uses itself.
fn method_rust_name(wire: &str) -> String {
    let mut name = valid_or(method_name(wire), "call_");
    if is_keyword(&name) {
        name.push('_');
    }
    if RESERVED_METHOD_NAMES.contains(&name.as_str())
        || RESERVED_TYPE_NAMES.contains(&type_name(&name).as_str())
        || type_name(&name) == MODULE_TRAIT
    {
        name.push_str("_method");
    }
    name
}

/// The extension trait of the module the imported items are printed as (`imported` →
/// `ImportedMethods`): no type may take its name.
const MODULE_TRAIT: &str = "ImportedMethods";

/// `name`, or the first of `name2`, `name3`, … not in `taken`; recorded there.
fn numbered(taken: &mut std::collections::BTreeSet<String>, name: String) -> String {
    let name = first_free(&name, "", |candidate| !taken.contains(candidate));
    taken.insert(name.clone());
    name
}

/// `base`, or the first of `base{separator}2`, `base{separator}3`, … that is `free`.
fn first_free(base: &str, separator: &str, free: impl Fn(&str) -> bool) -> String {
    let mut candidate = base.to_owned();
    let mut n = 1;
    while !free(&candidate) {
        n += 1;
        candidate = format!("{base}{separator}{n}");
    }
    candidate
}

/// The Rust name of an imported object: ASCII letters and digits only, starting with a capital
/// (`T` in front when nothing is left or a digit leads: names read from a damaged page), and
/// the `Object` suffix when the generated code uses the name or it is a keyword (`Self`).
fn object_name(name: &str) -> String {
    let ascii: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut name = match ascii.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => {
            let mut cased = first.to_ascii_uppercase().to_string();
            cased.push_str(&ascii[1..]);
            cased
        }
        _ => format!("T{ascii}"),
    };
    if RESERVED_TYPE_NAMES.contains(&name.as_str()) || is_keyword(&name) || name == MODULE_TRAIT {
        name.push_str("Object");
    }
    name
}

fn valid_or(derived: String, prefix: &str) -> String {
    if is_identifier(&derived) {
        return derived;
    }
    // Rust names are ASCII: other letters (`deleteUpsellǞmpaign`, from a damaged page) go.
    let ascii: String = derived
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if is_identifier(&ascii) {
        ascii
    } else {
        format!("{prefix}{ascii}")
    }
}

#[cfg(test)]
mod tests {
    use super::{object_name, valid_or};
    use crate::import::{Import, ImportedField, ImportedMethod, ImportedObject};
    use crate::load::{Source, load_sources};
    use crate::model::{ApiFamily, TypeRef};

    fn param(name: &str) -> ImportedField {
        ImportedField {
            name: name.to_owned(),
            ty: TypeRef::String,
            required: false,
            nullable: false,
            doc: String::new(),
            notes: Vec::new(),
        }
    }

    fn method(name: &str, params: &[&str]) -> ImportedMethod {
        ImportedMethod {
            name: name.to_owned(),
            title: None,
            apis: vec![ApiFamily::Rpc6],
            partner: false,
            session: true,
            params: params.iter().map(|p| param(p)).collect(),
            returns: TypeRef::String,
            errors: Vec::new(),
            sources: vec!["https://docs.example/page".to_owned()],
            notes: Vec::new(),
        }
    }

    /// Names that once printed a spec the checker refused.
    #[test]
    fn awkward_names_print_a_spec_that_loads() {
        let import = Import {
            methods: vec![
                // A keyword as the wire name; `_` and `__` share a request type name.
                method("fn", &[]),
                method("_", &[]),
                method("__", &[]),
                // `déo` loses its `é` and becomes the keyword `do`; `do_` is the same name.
                method("update", &["déo", "do_", "build", "build_value"]),
            ],
            objects: vec![
                ImportedObject {
                    name: "Call2".to_owned(),
                    short_name: None,
                    fields: vec![param("déo"), param("do_")],
                    values: Vec::new(),
                    undescribed: false,
                    sources: vec!["https://docs.example/page".to_owned()],
                    notes: Vec::new(),
                },
                ImportedObject {
                    name: "Kind".to_owned(),
                    short_name: None,
                    fields: Vec::new(),
                    // `Self` is a keyword and `Unknown` the catch-all's name.
                    values: vec!["self".to_owned(), "unknown".to_owned()],
                    undescribed: false,
                    sources: vec!["https://docs.example/page".to_owned()],
                    notes: Vec::new(),
                },
            ],
            problems: Vec::new(),
        };
        let text = super::to_text(&import);
        let source = Source {
            name: super::FILE.to_owned(),
            text: text.clone(),
        };
        if let Err(diagnostics) = load_sources(&[source]) {
            panic!("{diagnostics}\n{text}");
        }
        assert!(text.contains("fn fn("), "{text}");
        assert!(text.contains("#[rust_name(\"SelfValue\")]"), "{text}");
        assert!(text.contains("#[rust_name(\"UnknownValue\")]"), "{text}");
    }

    #[test]
    fn object_names_become_ascii_type_names() {
        assert_eq!(object_name("BillingDetails"), "BillingDetails");
        assert_eq!(object_name("T88ȿ88MpCall"), "T8888MpCall");
        assert_eq!(object_name("ǞmpaignOptions"), "MpaignOptions");
        assert_eq!(object_name("8ball"), "T8ball");
        assert_eq!(object_name("ǟ"), "T");
        assert_eq!(object_name("Self"), "SelfObject");
        assert_eq!(object_name("ImportedMethods"), "ImportedMethodsObject");
        assert_eq!(
            super::method_rust_name("importedMethods"),
            "imported_methods_method"
        );
        assert_eq!(
            super::MODULE_TRAIT,
            format!(
                "{}Methods",
                super::type_name(super::FILE.trim_end_matches(".api"))
            )
        );
        assert_eq!(object_name("lower_case"), "Lowercase");
    }

    #[test]
    fn derived_names_become_ascii_identifiers() {
        assert_eq!(valid_or("get_order".to_owned(), "call_"), "get_order");
        assert_eq!(
            valid_or("delete_upsell_ǟmpaign".to_owned(), "call_"),
            "delete_upsell_mpaign"
        );
        assert_eq!(
            valid_or("2checkout".to_owned(), "field_"),
            "field_2checkout"
        );
        assert_eq!(valid_or("ǟ".to_owned(), "V"), "V");
        assert_eq!(valid_or("ÜberValue".to_owned(), "V"), "berValue");
        assert_eq!(
            super::type_name(&valid_or("ÜberValue".to_owned(), "V")),
            "BerValue"
        );
    }
}
