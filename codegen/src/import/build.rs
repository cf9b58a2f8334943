//! Sections and tables → imported methods and objects.
//!
//! The sample decides the wire name and the order of the params; the table decides their
//! types and requiredness. Where one of them is missing or they disagree, the result says so
//! in a note, so that a reviewer sees every judgement the importer made.

use std::sync::LazyLock;

use regex::Regex;

use super::sample::{Arg, Sample, Value};
use super::section::{ObjectTable, PageRead, Response, Section};
use super::table::{self, Row};
use super::{Import, ImportedField, ImportedMethod, ImportedObject, Page, Problem};
use crate::check::edit_distance;
use crate::model::{ApiFamily, ErrorDoc, TypeRef};

/// A row with the rows nested under it (by indentation, a dotted name prefix or a marker).
#[derive(Debug, Clone)]
struct Node {
    row: Row,
    children: Vec<Node>,
}

/// The names an object made for a field would get: the long form, unique by construction
/// (`{Owner}{Field}`), and the shorter forms tried first for a struct and for a value set.
#[derive(Debug, Clone)]
struct Names {
    long: String,
    short: String,
    enum_short: String,
}

impl Names {
    /// Names that are already short (a table's or a param's own name).
    fn plain(name: String) -> Names {
        Names {
            long: name.clone(),
            short: name.clone(),
            enum_short: name,
        }
    }

    /// The names for the field `child` of the struct named by `self`.
    fn child(&self, child: &Row, value: Option<&Value>) -> Names {
        let field = table::type_name_for(&child.name);
        let array = child
            .marker
            .doc_type
            .to_ascii_lowercase()
            .starts_with("array")
            || matches!(value, Some(Value::Array(_)));
        Names {
            long: format!("{}{field}", self.long),
            short: if array {
                singular_type(&field)
            } else {
                field.clone()
            },
            enum_short: format!("{}{field}", self.short),
        }
    }
}

/// `Items` → `Item`, `Categories` → `Category`; names that are not plurals stay.
fn singular_type(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("ss") || name.ends_with("us") {
        name.to_owned()
    } else {
        name.strip_suffix('s').unwrap_or(name).to_owned()
    }
}

/// Builds everything a page read holds.
pub fn build(page: &Page, read: &PageRead) -> Import {
    let mut out = Builder {
        page,
        import: Import::default(),
    };
    for table in &read.objects {
        out.object_table(table);
    }
    for section in &read.sections {
        for table in &section.objects {
            out.object_table(table);
        }
        out.section(section);
    }
    out.import
}

struct Builder<'p> {
    page: &'p Page,
    import: Import,
}

impl Builder<'_> {
    fn problem(&mut self, line: usize, message: String) {
        self.import.problems.push(Problem {
            page: self.page.name.clone(),
            line,
            message,
        });
    }

    fn object(
        &mut self,
        name: String,
        short: Option<String>,
        fields: Vec<ImportedField>,
        values: Vec<String>,
    ) {
        let short_name = short.filter(|s| *s != name);
        self.import.objects.push(ImportedObject {
            name,
            short_name,
            fields,
            values,
            undescribed: false,
            sources: vec![self.page.name.clone()],
            notes: Vec::new(),
        });
    }

    fn object_table(&mut self, table: &ObjectTable) {
        let name = table::type_name_for(&table.name);
        let nodes = tree(&table.rows);
        let names = Names::plain(name.clone());
        let fields = dedupe(&nodes)
            .into_iter()
            .map(|node| {
                let child = names.child(&node.row, None);
                self.field(node, None, &child, false)
            })
            .collect();
        self.object(name, None, fields, Vec::new());
    }

    /// An object page: a parameter table with no sample. The object is the first row when it
    /// is an object row heading the others (`PriceOptionsGroup | Object` then its fields), else
    /// the page title (`Subscription import` → `SubscriptionImport`). Sessions are skipped.
    fn sampleless_object(&mut self, section: &Section) -> Option<String> {
        let rows: Vec<Row> = section
            .params
            .iter()
            .filter(|r| !r.name.to_ascii_lowercase().starts_with("session"))
            .cloned()
            .collect();
        let first = rows.first()?;
        let heads_the_rest = first.marker.doc_type.eq_ignore_ascii_case("object")
            && rows.len() > 1
            && rows[1].indent <= first.indent;
        let (name, rows) = if heads_the_rest {
            (table::type_name_for(&first.name), rows[1..].to_vec())
        } else {
            let title = section
                .title
                .clone()
                .or_else(|| section.text.lines().next().map(str::to_owned))?;
            let words: Vec<&str> = title.split_whitespace().collect();
            let plain = !words.is_empty()
                && words.len() <= 5
                && words
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()));
            if !plain {
                return None;
            }
            (table::type_name_for(&words.join(" ")), rows)
        };
        let nodes = tree(&rows);
        let names = Names::plain(name.clone());
        let fields = dedupe(&nodes)
            .into_iter()
            .map(|node| {
                let child = names.child(&node.row, None);
                self.field(node, None, &child, false)
            })
            .collect();
        self.object(name.clone(), None, fields, Vec::new());
        if let Some(object) = self.import.objects.last_mut() {
            object.notes.push(
                "Read from a parameter table with no request sample: an object page.".to_owned(),
            );
        }
        Some(name)
    }

    fn section(&mut self, section: &Section) {
        let Some((sample_line, primary)) = &section.sample else {
            if let Some(row) = section.params.first() {
                match self.sampleless_object(section) {
                    Some(name) => self.problem(
                        row.line,
                        format!(
                            "parameter table without a request sample: the method's wire name is unknown; read as the object `{name}`"
                        ),
                    ),
                    None => self.problem(
                        row.line,
                        "parameter table without a request sample: the method's wire name is unknown; section skipped"
                            .to_owned(),
                    ),
                }
            }
            return;
        };
        let sample = best_call(primary, &section.params);
        let Some(name) = sample.method.clone() else {
            if !section.params.is_empty() {
                self.problem(
                    *sample_line,
                    "the request sample calls no method (no `'method' => …`, `->method = …`, `ACTION = …` or `$client->name($sessionID, …)`); section skipped"
                        .to_owned(),
                );
            }
            return;
        };
        let mut method = ImportedMethod {
            name: name.clone(),
            title: section.title.clone(),
            apis: Vec::new(),
            partner: false,
            session: sample.session,
            params: Vec::new(),
            returns: TypeRef::Json,
            errors: Vec::new(),
            sources: vec![self.page.name.clone()],
            notes: Vec::new(),
        };
        let (apis, partner, note) = families(self.page, section, sample, &name);
        method.apis = apis;
        method.partner = partner;
        method.notes.extend(note);
        if sample.payload_assumed {
            method.notes.push(
                "The page ends before the sample's call: its PAYLOAD is taken as sent after the session id."
                    .to_owned(),
            );
        }
        if !sample.session && name != "login" {
            method
                .notes
                .push("The sample sends no session id first.".to_owned());
        }
        let owned: Vec<Row> = section
            .params
            .iter()
            .filter(|r| !r.name.to_ascii_lowercase().starts_with("session"))
            .cloned()
            .collect();
        let nodes = tree(&owned);
        let nodes = dedupe(&nodes);
        self.params(&mut method, &nodes, sample, section);
        self.returns(&mut method, section);
        self.errors(&mut method, section);
        self.import.methods.push(method);
    }

    fn params(
        &mut self,
        method: &mut ImportedMethod,
        nodes: &[&Node],
        sample: &Sample,
        section: &Section,
    ) {
        let args = &sample.args;
        if let [arg] = args.as_slice()
            && let Some(fields) = arg.value.fields()
            && is_payload_trap(nodes, arg, fields)
        {
            self.payload_param(method, nodes, arg, fields);
            return;
        }
        if nodes.is_empty() && !args.is_empty() {
            method.notes.push(
                "The page has no parameter table: every param's type is guessed from the sample's variables."
                    .to_owned(),
            );
        }
        let mut used = vec![false; nodes.len()];
        let mut order = Vec::new();
        for (i, arg) in args.iter().enumerate() {
            let found = find_row(nodes, &used, &arg.name)
                .or_else(|| (nodes.len() == args.len() && !used[i]).then_some(i));
            let mut field = match found {
                Some(j) => {
                    used[j] = true;
                    order.push(j);
                    let node = nodes[j];
                    let mut names = Names::plain(table::type_name_for(&node.row.name));
                    if node
                        .row
                        .marker
                        .doc_type
                        .to_ascii_lowercase()
                        .starts_with("array")
                        || matches!(arg.value, Value::Array(_))
                    {
                        // A list param's items: `Items` → `Item` when no other object has it.
                        names.short = singular_type(&names.long);
                    }
                    let mut field = self.field(node, Some(&arg.value), &names, true);
                    let named_like = arg.name.eq_ignore_ascii_case(&node.row.name);
                    if !named_like && !arg.name.starts_with("param") && arg.name != "Payload" {
                        field.notes.push(format!(
                            "The table calls it `{}`, the sample's variable is `{}`.",
                            node.row.name, arg.name
                        ));
                    }
                    field
                }
                None => {
                    let ty = guess(&arg.name, &arg.value);
                    let note = if nodes.is_empty() {
                        format!("Guessed from the sample's variable `{}`.", arg.name)
                    } else {
                        format!(
                            "Not in the parameter table: the type is guessed from the sample's variable `{}`.",
                            arg.name
                        )
                    };
                    ImportedField {
                        name: arg.name.clone(),
                        ty,
                        required: !arg.optional,
                        nullable: false,
                        doc: String::new(),
                        notes: vec![note],
                    }
                }
            };
            if arg.bare {
                field
                    .notes
                    .push(format!("The sample passes `{}` without its `$`.", arg.name));
            }
            method.params.push(field);
        }
        if order.windows(2).any(|w| w[0] > w[1]) {
            let table_order: Vec<&str> = nodes.iter().map(|n| n.row.name.as_str()).collect();
            method.notes.push(format!(
                "The table lists the params in another order ({}); the sample's order is kept.",
                table_order.join(", ")
            ));
        }
        for (node, used) in nodes.iter().zip(&used) {
            if !used {
                method.notes.push(format!(
                    "The table lists `{}`, which the sample does not send.",
                    node.row.name
                ));
            }
        }
        // The spec needs required params first: an optional param before a required one
        // becomes a required slot that may be null, so the later ones stay reachable.
        let last_required = method.params.iter().rposition(|p| p.required);
        if let Some(last) = last_required {
            for param in &mut method.params[..last] {
                if !param.required {
                    param.required = true;
                    param.nullable = true;
                    param.notes.push(
                        "Optional in the table but followed by a required param: a required slot that may be null."
                            .to_owned(),
                    );
                }
            }
        }
        // A search-options table inside the section names the object an `Object` param holds.
        if let [options] = section.objects.as_slice() {
            for param in &mut method.params {
                if let TypeRef::Named(name) = &param.ty
                    && !self.import.objects.iter().any(|o| &o.name == name)
                {
                    param.ty = TypeRef::Named(table::type_name_for(&options.name));
                }
            }
        }
    }

    fn payload_param(
        &mut self,
        method: &mut ImportedMethod,
        nodes: &[&Node],
        arg: &Arg,
        fields: &[(String, Value)],
    ) {
        let base = table::type_name_for(&method.name);
        let struct_name = if arg.name == "Payload" || table::type_name_for(&arg.name) == base {
            format!("{base}Payload")
        } else {
            table::type_name_for(&arg.name)
        };
        let listed: Vec<&str> = nodes.iter().map(|n| n.row.name.as_str()).collect();
        method.notes.push(format!(
            "The table lists {} as params, but the sample sends one object after the session id; they are the fields of `{struct_name}`.",
            listed
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let used = vec![false; nodes.len()];
        let mut taken = used.clone();
        let mut struct_fields = Vec::new();
        for (key, value) in fields {
            let field = match find_row(nodes, &taken, key) {
                Some(j) => {
                    taken[j] = true;
                    let node = nodes[j];
                    let names = Names::plain(struct_name.clone()).child(&node.row, Some(value));
                    let mut field = self.field(node, Some(value), &names, true);
                    if node.row.name != *key {
                        field.notes.push(format!(
                            "The table spells it `{}`; the sample's `{key}` is kept.",
                            node.row.name
                        ));
                        field.name = key.clone();
                    }
                    field
                }
                None => ImportedField {
                    name: key.clone(),
                    ty: guess(key, value),
                    required: false,
                    nullable: false,
                    doc: String::new(),
                    notes: vec![format!(
                        "Not in the table: sent by the sample, so kept as optional with a guessed type."
                    )],
                },
            };
            struct_fields.push(field);
        }
        for (node, taken) in nodes.iter().zip(&taken) {
            if !taken {
                method.notes.push(format!(
                    "The table lists `{}`, which the sample does not send.",
                    node.row.name
                ));
            }
        }
        self.object(struct_name.clone(), None, struct_fields, Vec::new());
        method.params.push(ImportedField {
            name: if arg.name == "Payload" {
                "Payload".to_owned()
            } else {
                arg.name.clone()
            },
            ty: TypeRef::Named(struct_name),
            required: true,
            nullable: false,
            doc: String::new(),
            notes: Vec::new(),
        });
    }

    /// A param or field from its row, its nested rows and the sample's value for it.
    fn field(
        &mut self,
        node: &Node,
        value: Option<&Value>,
        names: &Names,
        is_param: bool,
    ) -> ImportedField {
        let row = &node.row;
        let description = row.description.as_str();
        let stated = row
            .marker
            .doc_type
            .is_empty()
            .then(|| table::described_type(description))
            .flatten();
        let (mut ty, mut notes) = if let Some(doc_type) = stated {
            let (ty, note) = table::spec_type(&doc_type, &row.name, description);
            let mut notes: Vec<String> = note.into_iter().collect();
            notes.push(format!(
                "The table gives `{}` no type marker; its description says {doc_type}.",
                row.name
            ));
            (ty, notes)
        } else if row.marker.doc_type.is_empty() {
            // A nested row with a name and a description but no type (`Code The code.`).
            match value {
                Some(value) => (
                    guess(&row.name, value),
                    vec![format!(
                        "The table gives `{}` no type: taken from the sample's value.",
                        row.name
                    )],
                ),
                None => (
                    TypeRef::String,
                    vec![format!(
                        "The table gives `{}` no type: `String` assumed.",
                        row.name
                    )],
                ),
            }
        } else {
            let (ty, note) = table::spec_type(&row.marker.doc_type, &row.name, description);
            (ty, note.into_iter().collect())
        };
        if matches!(ty, TypeRef::String | TypeRef::Number | TypeRef::Integer)
            && let Some(date) = date_format(description)
        {
            if ty != TypeRef::String {
                notes.push(format!(
                    "`{}` is documented as a number, but its description gives a date format: `{}`.",
                    row.name,
                    crate::print::type_text(&date)
                ));
            }
            ty = date;
        }
        if ty == TypeRef::Date && value == Some(&Value::DateTimeStr) {
            notes.push(format!(
                "The description gives a date format; the sample sends a date and a time for `{}`: `DateTime`.",
                row.name
            ));
            ty = TypeRef::DateTime;
        }
        let required = match row.marker.required {
            Some(required) => required,
            None if is_param => {
                notes.push(
                    "No Required/Optional marker in the table: taken as required.".to_owned(),
                );
                true
            }
            None => false,
        };
        let nullable = table::can_be_null(description);
        if ty == TypeRef::String
            && let Some(values) = table::possible_values(description)
        {
            let name = names.long.clone();
            self.object(
                name.clone(),
                Some(names.enum_short.clone()),
                Vec::new(),
                values,
            );
            ty = TypeRef::Named(name);
        }
        if !node.children.is_empty() && object_name(&mut ty).is_none() {
            notes.push(format!(
                "`{}` is typed `{}` but the table lists fields under it: an object.",
                row.name, row.marker.doc_type
            ));
            ty = TypeRef::Named(names.long.clone());
        }
        if let Some(name) = object_name(&mut ty) {
            let struct_name = names.long.clone();
            if !node.children.is_empty() {
                *name = struct_name.clone();
                let item_value = value.and_then(|v| match v {
                    Value::Array(items) => items.first(),
                    other => Some(other),
                });
                let fields = dedupe(&node.children)
                    .into_iter()
                    .map(|child| {
                        let child_value = item_value
                            .and_then(Value::fields)
                            .and_then(|f| {
                                f.iter()
                                    .find(|(k, _)| k.eq_ignore_ascii_case(&child.row.name))
                            })
                            .map(|(_, v)| v);
                        let child_names = names.child(&child.row, child_value);
                        self.field(child, child_value, &child_names, false)
                    })
                    .collect();
                self.object(struct_name, Some(names.short.clone()), fields, Vec::new());
            }
        }
        if let Some(value) = value {
            check_against_sample(&mut ty, value, &row.name, &mut notes);
            // An array of undocumented items that the sample sends as an object: the object,
            // with the fields the sample gives it.
            if ty == TypeRef::Array(Box::new(TypeRef::Json))
                && let Value::Object(sent) = value
                && !sent.is_empty()
            {
                notes.retain(|n| !n.contains("without an element type"));
                notes.push(format!(
                    "`{}` is documented as an array, but the sample sends an object: its fields are the sample's, optional, typed from their values.",
                    row.name
                ));
                let fields = sent
                    .iter()
                    .map(|(key, v)| ImportedField {
                        name: key.clone(),
                        ty: guess(key, v),
                        required: false,
                        nullable: false,
                        doc: String::new(),
                        notes: vec!["Only in the sample.".to_owned()],
                    })
                    .collect();
                self.object(
                    names.long.clone(),
                    Some(names.short.clone()),
                    fields,
                    Vec::new(),
                );
                ty = TypeRef::Named(names.long.clone());
            }
        }
        ImportedField {
            name: row.name.clone(),
            ty,
            required,
            nullable,
            doc: description.trim().to_owned(),
            notes,
        }
    }

    fn returns(&mut self, method: &mut ImportedMethod, section: &Section) {
        static RETURNS_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)returns? (?:the |an? )?(\w+) object").expect("valid regex")
        });
        let mut rows = section.response.iter().filter_map(|r| match r {
            Response::Row(row) => Some(row),
            Response::Text(_) => None,
        });
        if let Some(first) = rows.next() {
            let generic = matches!(
                first.name.to_ascii_lowercase().as_str(),
                "result" | "response" | "return"
            );
            let doc = first.marker.doc_type.to_ascii_lowercase();
            let item = doc
                .strip_prefix("array of ")
                .and_then(|rest| rest.strip_suffix(" objects"))
                .filter(|item| *item != "objects")
                .map(table::type_name_for);
            let (ty, note) = match item {
                Some(item) => (TypeRef::Array(Box::new(TypeRef::Named(item))), None),
                None => table::spec_type(&first.marker.doc_type, &first.name, &first.description),
            };
            let ty = match (&ty, generic) {
                (TypeRef::Named(_), true) => TypeRef::Json,
                _ => ty,
            };
            method.notes.extend(note);
            // Rows after the first describe the fields of the object it names.
            let rest: Vec<Row> = rows.cloned().collect();
            if !rest.is_empty()
                && let Some(name) = object_name(&mut ty.clone()).cloned()
            {
                let nodes = tree(&rest);
                let names = Names::plain(name.clone());
                let fields = dedupe(&nodes)
                    .into_iter()
                    .map(|node| {
                        let child = names.child(&node.row, None);
                        self.field(node, None, &child, false)
                    })
                    .collect();
                self.object(name, None, fields, Vec::new());
            }
            method.returns = ty;
            return;
        }
        for text in section.response.iter().filter_map(|r| match r {
            Response::Text(t) => Some(t.as_str()),
            Response::Row(_) => None,
        }) {
            let lower = text.to_ascii_lowercase();
            if lower.starts_with("bool") || lower.starts_with("true or false") {
                method.returns = TypeRef::Bool;
                return;
            }
            if let Some(marker) = table::marker(text) {
                let (ty, note) = table::spec_type(&marker.doc_type, "Response", "");
                if !matches!(ty, TypeRef::Named(_)) {
                    method.returns = ty;
                    method.notes.extend(note);
                    return;
                }
            }
        }
        if let Some(c) = RETURNS_OBJECT.captures(&section.text) {
            method.returns = TypeRef::Named(table::type_name_for(&c[1]));
            return;
        }
        method.returns = TypeRef::Json;
        method
            .notes
            .push("The page documents no response type: `Json`.".to_owned());
    }

    fn errors(&mut self, method: &mut ImportedMethod, section: &Section) {
        for (code, meaning, line) in &section.errors {
            if meaning.is_empty() {
                self.problem(*line, format!("error `{code}` has no description"));
            }
            let meaning = if meaning.is_empty() {
                "Undocumented.".to_owned()
            } else {
                meaning.clone()
            };
            match method.errors.iter_mut().find(|e| &e.code == code) {
                Some(existing) => {
                    existing.meaning = format!("{}; or {}", existing.meaning, meaning);
                    method.notes.push(format!(
                        "The errors table lists `{code}` twice; both meanings are kept."
                    ));
                }
                None => method.errors.push(ErrorDoc {
                    code: code.clone(),
                    meaning,
                }),
            }
        }
    }
}

/// The object name of a `Named` type or of a `Vec` of one.
fn object_name(ty: &mut TypeRef) -> Option<&mut String> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Array(item) => match item.as_mut() {
            TypeRef::Named(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}

/// Notes where the sample's value disagrees with the table's type; an array where the table
/// says `Object` becomes a `Vec`, since the sample is what the server accepted.
fn check_against_sample(ty: &mut TypeRef, value: &Value, name: &str, notes: &mut Vec<String>) {
    let disagree = match (&*ty, value) {
        (TypeRef::Named(_), Value::Array(_)) => {
            notes.push(format!(
                "`{name}` is documented as an object; the sample sends an array of them."
            ));
            *ty = TypeRef::Array(Box::new(ty.clone()));
            return;
        }
        (TypeRef::String, Value::Int | Value::Float) => Some("a number"),
        (TypeRef::String, Value::Bool) => Some("a boolean"),
        (TypeRef::Integer, v) if v.is_string() => Some("a string"),
        (TypeRef::Integer, Value::Float) => Some("a number with a fraction"),
        (TypeRef::Bool, v) if v.is_string() => Some("a string"),
        (TypeRef::Bool, Value::Int) => Some("a number"),
        (TypeRef::Date | TypeRef::DateTime, Value::Int | Value::Float) => Some("a number"),
        _ => None,
    };
    if let Some(what) = disagree {
        notes.push(format!(
            "The table types `{name}` as `{}`; the sample sends {what}.",
            crate::print::type_text(ty)
        ));
    }
}

/// The call of a sample that the table describes best: the most params found in the table by
/// name, then the last call (a page often reads something back after the documented call).
fn best_call<'s>(primary: &'s Sample, rows: &[Row]) -> &'s Sample {
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| !r.name.to_ascii_lowercase().starts_with("session"))
        .collect();
    let score = |s: &Sample| {
        let named = s
            .args
            .iter()
            .filter(|a| rows.iter().any(|r| close_name(&r.name, &a.name)))
            .count();
        named * 2 + usize::from(s.args.len() == rows.len())
    };
    let mut best = primary;
    for other in primary.others.iter().rev() {
        if score(other) > score(best) {
            best = other;
        }
    }
    best
}

/// `Date` when the description gives the `YYYY-MM-DD` format, `DateTime` when the format has
/// a time too (`YYYY-MM-DD HH:MM:SS`).
fn date_format(description: &str) -> Option<TypeRef> {
    let lower = description.to_ascii_lowercase();
    if !lower.contains("yyyy-mm-dd") {
        return None;
    }
    let time = ["yyyy-mm-dd hh", "yyyy-mm-ddthh", "hh:mm", "hh:ii", "h:i:s"]
        .iter()
        .any(|t| lower.contains(t));
    Some(if time {
        TypeRef::DateTime
    } else {
        TypeRef::Date
    })
}

/// A type for a value the table does not describe: from the sample's value, else the name.
fn guess(name: &str, value: &Value) -> TypeRef {
    match value {
        Value::Str => TypeRef::String,
        Value::DateStr => TypeRef::Date,
        Value::DateTimeStr => TypeRef::DateTime,
        Value::Int => TypeRef::Integer,
        Value::Float => table::number_type(name, ""),
        Value::Bool => TypeRef::Bool,
        Value::Object(_) => TypeRef::Named(table::type_name_for(name)),
        Value::Array(items) => TypeRef::Array(Box::new(
            items
                .first()
                .map_or(TypeRef::Json, |item| guess(&singular(name), item)),
        )),
        Value::Null | Value::Unknown => {
            let lower = name.to_ascii_lowercase();
            // Customer references are integers (external ones are the merchant's strings).
            if lower.ends_with("customerreference") && !lower.starts_with("external") {
                TypeRef::Integer
            } else if lower.starts_with("is")
                || lower.ends_with("enabled")
                || lower.ends_with("status")
            {
                TypeRef::Bool
            } else if ["quantity", "count", "page", "limit", "number"]
                .iter()
                .any(|w| lower.ends_with(w))
            {
                TypeRef::Integer
            } else {
                TypeRef::String
            }
        }
    }
}

fn singular(name: &str) -> String {
    name.strip_suffix('s').unwrap_or(name).to_owned()
}

/// Whether a lone object param carries the fields the table lists as params (the table
/// describes the object's fields as if they were positional params).
fn is_payload_trap(nodes: &[&Node], arg: &Arg, fields: &[(String, Value)]) -> bool {
    if nodes.len() < 2 || nodes.iter().any(|n| same_name(&n.row.name, &arg.name)) {
        return false;
    }
    let matching = nodes
        .iter()
        .filter(|n| fields.iter().any(|(k, _)| close_name(&n.row.name, k)))
        .count();
    matching >= 2 && matching * 2 >= nodes.len()
}

fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Equal ignoring case, or one typo apart in a long name (`exirationDate` / `ExpirationDate`).
fn close_name(a: &str, b: &str) -> bool {
    same_name(a, b) || (a.len() >= 6 && edit_distance(a, b) <= 2)
}

/// The unused row named `name`: exactly (ignoring case) first, then one typo apart if only one
/// row is that close.
fn find_row(nodes: &[&Node], used: &[bool], name: &str) -> Option<usize> {
    let free = |j: &usize| !used[*j];
    if let Some(j) = (0..nodes.len())
        .filter(free)
        .find(|&j| same_name(&nodes[j].row.name, name))
    {
        return Some(j);
    }
    let close: Vec<usize> = (0..nodes.len())
        .filter(free)
        .filter(|&j| close_name(&nodes[j].row.name, name))
        .collect();
    match close.as_slice() {
        [j] => Some(*j),
        _ => None,
    }
}

/// Nests rows: a row indented deeper than an object or array row above it is one of its
/// fields, and so is a row whose name is prefixed with a row's name (`ShippingClass.Name`,
/// `Items.PricingOptions.Code`); a missing prefix row is made up as an object.
fn tree(rows: &[Row]) -> Vec<Node> {
    fn take(rows: &[Row], i: &mut usize, indent: usize) -> Vec<Node> {
        let mut nodes = Vec::new();
        while *i < rows.len() && rows[*i].indent >= indent {
            let row = &rows[*i];
            *i += 1;
            let children = if is_container(row) && *i < rows.len() && rows[*i].indent > row.indent {
                let deeper = rows[*i].indent;
                take(rows, i, deeper)
            } else {
                Vec::new()
            };
            nodes.push(Node {
                row: row.clone(),
                children,
            });
        }
        nodes
    }
    let mut i = 0;
    let mut nodes = Vec::new();
    while i < rows.len() {
        let indent = rows[i].indent;
        nodes.extend(take(rows, &mut i, indent));
    }
    let mut nested: Vec<Node> = Vec::new();
    for node in nodes {
        insert_dotted(&mut nested, node);
    }
    nested
}

fn is_container(row: &Row) -> bool {
    matches!(
        table::spec_type(&row.marker.doc_type, &row.name, "").0,
        TypeRef::Named(_) | TypeRef::Array(_)
    )
}

/// Adds a node to `nodes`, under the node its dotted name points at.
fn insert_dotted(nodes: &mut Vec<Node>, mut node: Node) {
    let Some((head, rest)) = node.row.name.split_once('.') else {
        nodes.push(node);
        return;
    };
    if head.is_empty() || rest.is_empty() {
        nodes.push(node);
        return;
    }
    let key = head.trim_end_matches("[]").to_ascii_lowercase();
    let at = match nodes
        .iter()
        .rposition(|n| n.row.name.trim_end_matches("[]").to_ascii_lowercase() == key)
    {
        Some(at) => at,
        None => {
            let mut parent = node.row.clone();
            parent.name = head.trim_end_matches("[]").to_owned();
            parent.marker = table::Marker {
                doc_type: "object".to_owned(),
                required: None,
                rest: String::new(),
            };
            parent.description = String::new();
            nodes.push(Node {
                row: parent,
                children: Vec::new(),
            });
            nodes.len() - 1
        }
    };
    node.row.name = rest.to_owned();
    insert_dotted(&mut nodes[at].children, node);
}

/// The nodes with repeated names dropped (tables per action repeat their common rows).
fn dedupe(nodes: &[Node]) -> Vec<&Node> {
    let mut seen: Vec<String> = Vec::new();
    nodes
        .iter()
        .filter(|n| {
            let key = n.row.name.to_ascii_lowercase();
            let fresh = !seen.contains(&key);
            seen.push(key);
            fresh
        })
        .collect()
}

/// The API families of a method, whether it needs a partner, and a note when guessed.
fn families(
    page: &Page,
    section: &Section,
    sample: &Sample,
    method: &str,
) -> (Vec<ApiFamily>, bool, Option<String>) {
    let endpoint = sample
        .endpoint
        .clone()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let path = page.name.to_ascii_lowercase();
    let text = section.text.to_ascii_lowercase();
    let lower_method = method.to_ascii_lowercase();
    let channel_manager = [&endpoint, &path, &text].iter().any(|h| {
        h.contains("channel-manager")
            || h.contains("channel_manager")
            || h.contains("channel manager")
    }) || lower_method.contains("partner")
        || lower_method.contains("reseller")
        || sample.partner;
    if channel_manager {
        if sample.partner || endpoint.contains("2.1") || path.contains("2.1") {
            return (vec![ApiFamily::Cm21], sample.partner, None);
        }
        return (vec![ApiFamily::Cm6], false, None);
    }
    let version = |h: &str| {
        if h.contains("3.0") {
            Some(ApiFamily::Rpc3)
        } else if h.contains("6.0") || h.contains("api-6") || h.contains("apiv6") {
            Some(ApiFamily::Rpc6)
        } else {
            None
        }
    };
    match version(&endpoint).or_else(|| version(&path)) {
        Some(family) => (vec![family], false, None),
        None => (
            vec![ApiFamily::Rpc6],
            false,
            Some("The page names no endpoint: JSON-RPC 6.0 assumed.".to_owned()),
        ),
    }
}
