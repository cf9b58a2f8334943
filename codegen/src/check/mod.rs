//! Stage 2: syntax trees → the checked [`Spec`], reporting every error at once.
//!
//! Every check runs even after errors were found, so one run reports everything; the model is
//! only handed out when there were none.

mod across;
mod attrs;
mod enums;
mod items;
mod members;
mod names;
mod naming;
mod recursion;
mod types;
mod unique;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Span;

use crate::diagnostic::{Diagnostic, Diagnostics, location};
use crate::model::{Location, Method, Module, Spec, TypeDef};
use crate::parse::{Item, SpecFile};
use attrs::Place;
use enums::{InlineStruct, PayloadRef};
use unique::at;

pub use names::{
    RESERVED_FIELD_NAMES, RESERVED_METHOD_NAMES, RESERVED_PARAM_NAMES, RESERVED_TYPE_NAMES,
    RESERVED_VARIANT_NAME, edit_distance, field_name, is_identifier, is_keyword, method_name,
    type_name,
};

/// One parsed spec file (or macro input) to check.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The file as it appears in locations (`api-spec/reseller.api`).
    pub file: &'a str,
    /// The module it becomes (`reseller`).
    pub module: &'a str,
    /// Its syntax tree.
    pub syntax: &'a SpecFile,
    /// Whether a `//!` module doc comment is required (spec files: yes; macro input: no).
    pub require_module_docs: bool,
}

/// What a declared type name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Struct,
    Enum,
    Union,
    Shape,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Struct => "a struct",
            Kind::Enum => "an enum",
            Kind::Union => "a tagged union",
            Kind::Shape => "a shape union",
        }
    }
}

/// A type name declared somewhere in the spec.
#[derive(Debug, Clone)]
pub(crate) struct Declared {
    kind: Kind,
    location: Location,
    span: Span,
}

/// What every check needs: the file at hand, the declared types, and where errors go.
pub(crate) struct Ctx<'a> {
    /// The file being checked.
    pub file: &'a str,
    /// Every declared type name.
    pub types: &'a BTreeMap<String, Declared>,
    /// Type names of items that did not parse.
    pub broken_types: &'a BTreeSet<String>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Records an error.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// How many errors were recorded so far (to tell whether a step added any).
    pub fn reported(&self) -> usize {
        self.diagnostics.len()
    }
}

/// Checks parsed spec files together (they share one namespace) and builds the model.
///
/// # Errors
///
/// Every syntax and semantic error of every file, ordered by position.
pub fn check(inputs: &[Input<'_>]) -> Result<Spec, Diagnostics> {
    let mut diagnostics = syntax_errors(inputs);
    let declared = declare(inputs, &mut diagnostics);
    let broken: BTreeSet<String> = inputs
        .iter()
        .flat_map(|input| input.syntax.broken_types.iter().cloned())
        .collect();
    let modules = check_modules(inputs, &mut diagnostics, &declared, &broken);
    let mut checked = Checked::default();
    for input in inputs {
        let mut ctx = Ctx {
            file: input.file,
            types: &declared,
            broken_types: &broken,
            diagnostics: &mut diagnostics,
        };
        checked.add_items(&mut ctx, &input.syntax.items);
    }
    let Checked {
        methods,
        mut types,
        inline,
        referenced,
    } = checked;

    across::check_methods(&methods, &declared, &mut diagnostics);
    across::check_trait_names(&modules, &declared, &methods, &mut diagnostics);
    across::check_inline_names(&inline, &declared, &mut diagnostics);
    let mut spans: BTreeMap<String, Span> = declared
        .iter()
        .map(|(name, d)| (name.clone(), d.span))
        .collect();
    for payload in &inline {
        spans
            .entry(payload.def.name.clone())
            .or_insert(payload.span);
    }
    types.extend(
        inline
            .into_iter()
            .map(|payload| TypeDef::Struct(payload.def)),
    );
    across::check_payloads(&referenced, &declared, &broken, &types, &mut diagnostics);
    types.sort_by(|a, b| a.name().cmp(b.name()));
    recursion::report_cycles(&types, &spans, &mut diagnostics);

    if !diagnostics.is_empty() {
        return Err(Diagnostics::new(diagnostics));
    }
    let mut methods: Vec<Method> = methods.into_iter().map(|(method, _)| method).collect();
    methods.sort_by(|a, b| (&a.wire_name, &a.apis).cmp(&(&b.wire_name, &b.apis)));
    Ok(Spec {
        modules,
        methods,
        types,
    })
}

/// The syntax errors of every file, one diagnostic per message.
fn syntax_errors(inputs: &[Input<'_>]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for input in inputs {
        for error in &input.syntax.errors {
            for single in error.clone() {
                diagnostics.push(Diagnostic::new(
                    input.file,
                    single.span(),
                    single.to_string(),
                ));
            }
        }
    }
    diagnostics
}

/// The items checked one by one, and what remains to check across them.
#[derive(Default)]
struct Checked {
    /// Methods with the span of their name.
    methods: Vec<(Method, Span)>,
    /// Structs, enums and unions as written.
    types: Vec<TypeDef>,
    /// The structs of inline union variants.
    inline: Vec<InlineStruct>,
    /// The payloads of tuple union variants.
    referenced: Vec<PayloadRef>,
}

impl Checked {
    fn add_items(&mut self, ctx: &mut Ctx<'_>, items: &[Item]) {
        for item in items {
            match item {
                Item::Struct(item) => self
                    .types
                    .push(TypeDef::Struct(items::check_struct(ctx, item))),
                Item::Enum(item) => {
                    let checked = enums::check_enum(ctx, item);
                    self.inline.extend(checked.inline);
                    self.referenced.extend(checked.referenced);
                    self.types.push(checked.def);
                }
                Item::Fn(item) => self
                    .methods
                    .push((items::check_method(ctx, item), item.name.span())),
            }
        }
    }
}

/// Collects the declared type names, reporting duplicates.
fn declare(inputs: &[Input<'_>], diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<String, Declared> {
    let mut declared: BTreeMap<String, Declared> = BTreeMap::new();
    for input in inputs {
        for item in &input.syntax.items {
            let (name, kind) = match item {
                Item::Struct(s) => (&s.name, Kind::Struct),
                Item::Enum(e) => {
                    let tagged = e.attrs.iter().any(|a| a.path().is_ident("tag"));
                    let untagged = e.attrs.iter().any(|a| a.path().is_ident("untagged"));
                    let kind = match (tagged, untagged) {
                        (true, _) => Kind::Union,
                        (false, true) => Kind::Shape,
                        (false, false) => Kind::Enum,
                    };
                    (&e.name, kind)
                }
                Item::Fn(_) => continue,
            };
            let key = name.to_string();
            if let Some(first) = declared.get(&key) {
                diagnostics.push(
                    Diagnostic::new(input.file, name.span(), format!("duplicate type `{key}`"))
                        .with_hint(format!("first defined at {}", at(&first.location))),
                );
                continue;
            }
            declared.insert(
                key,
                Declared {
                    kind,
                    location: location(input.file, name.span()),
                    span: name.span(),
                },
            );
        }
    }
    declared
}

fn file_start(file: &str) -> Location {
    Location {
        file: file.to_owned(),
        line: 1,
        column: 1,
    }
}

fn check_modules(
    inputs: &[Input<'_>],
    diagnostics: &mut Vec<Diagnostic>,
    declared: &BTreeMap<String, Declared>,
    broken: &BTreeSet<String>,
) -> Vec<Module> {
    let mut modules: Vec<Module> = Vec::new();
    for input in inputs {
        let mut ctx = Ctx {
            file: input.file,
            types: declared,
            broken_types: broken,
            diagnostics,
        };
        let attrs = attrs::read(&mut ctx, &input.syntax.inner_attrs, Place::Module);
        let name = input.module;
        let problem = |message: String, hint: &str| Diagnostic {
            location: file_start(input.file),
            span: Span::call_site(),
            message,
            hint: Some(hint.to_owned()),
        };
        if !names::is_identifier(name) || !names::is_snake_case(name) || names::is_keyword(name) {
            let better = heck::ToSnakeCase::to_snake_case(name);
            let hint = if names::is_identifier(&better) && !names::is_keyword(&better) {
                format!("rename the file: `{better}.api`")
            } else {
                "rename the file: its stem names the module".to_owned()
            };
            diagnostics.push(problem(
                format!(
                    "the module name `{name}` (the file's stem) is not a snake_case identifier"
                ),
                &hint,
            ));
        } else if let Some(other) = modules.iter().find(|m| m.name == name) {
            diagnostics.push(problem(
                format!(
                    "duplicate module `{name}`: `{}` has the same name",
                    other.file
                ),
                "give every spec file its own name",
            ));
        }
        if input.require_module_docs && input.syntax.tokenized && attrs.docs.text.is_empty() {
            diagnostics.push(problem(
                "missing `//!` module doc comment at the top of the file".to_owned(),
                "describe the module's area: `//! …` on the first lines",
            ));
        }
        modules.push(Module {
            name: name.to_owned(),
            file: input.file.to_owned(),
            docs: attrs.docs.text,
        });
    }
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    modules
}

#[cfg(test)]
mod tests;
