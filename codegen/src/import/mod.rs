//! The docs importer: documentation pages → spec items, with a note wherever the page
//! contradicts itself or a fact had to be guessed.
//!
//! Stages, one module each:
//!
//! 1. [`layout`]: detect the page's layout and read it ([`markdown`], [`flat`], [`pipe`]) into
//!    one stream of lines and code samples;
//! 2. [`section`]: cut the stream into method sections (parameter table, response, errors,
//!    sample) and object tables, reading rows with [`table`] and samples with [`sample`];
//! 3. [`build`]: turn each section into an [`ImportedMethod`] and each table into an
//!    [`ImportedObject`];
//! 4. [`merge`]: merge the methods and objects documented on several pages;
//! 5. output: spec text ([`spec`], through [`crate::print`]), [`json`], or a [`diff`] against
//!    the spec.

pub mod build;
pub mod diff;
pub mod flat;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod merge;
pub mod pipe;
pub mod sample;
pub mod section;
pub mod spec;
pub mod table;

use std::fmt;

use crate::model::{ApiFamily, ErrorDoc, TypeRef};

/// A documentation page to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's name: its path or URL, used in `#[source]` and in messages.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Something on a page the importer could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The page.
    pub page: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.page, self.line, self.message)
    }
}

/// A param or field read from the docs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedField {
    /// The name as documented (the table's spelling, else the sample's).
    pub name: String,
    /// Its type in the spec language.
    pub ty: TypeRef,
    /// Whether it must be sent.
    pub required: bool,
    /// Whether `null` is a documented value.
    pub nullable: bool,
    /// The page's description, as documented (for the reviewer: `--json` lists it; the spec
    /// text gets a neutral doc made of the facts instead).
    pub doc: String,
    /// Disagreements and guesses about it.
    pub notes: Vec<String>,
}

/// A method read from the docs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedMethod {
    /// The wire name, as the sample calls it.
    pub name: String,
    /// The page title, when one was recognised.
    pub title: Option<String>,
    /// API families.
    pub apis: Vec<ApiFamily>,
    /// Whether the sample sets a partner first.
    pub partner: bool,
    /// Whether the session id is sent first.
    pub session: bool,
    /// Params after the session id, in the sample's order.
    pub params: Vec<ImportedField>,
    /// The response type.
    pub returns: TypeRef,
    /// The errors table.
    pub errors: Vec<ErrorDoc>,
    /// The pages it was read from.
    pub sources: Vec<String>,
    /// Disagreements and guesses.
    pub notes: Vec<String>,
}

/// An object (or a closed value set) read from the docs.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedObject {
    /// Its spec name.
    pub name: String,
    /// A shorter name to use instead when no other object claims it (the field's own name
    /// for an inline object); see [`merge::shorten`].
    pub short_name: Option<String>,
    /// Its fields (empty for an enum, or for an object the pages name without describing).
    pub fields: Vec<ImportedField>,
    /// The values of a closed value set; empty for a struct.
    pub values: Vec<String>,
    /// Whether the pages only name the object (no structure table): printed as a stub.
    pub undescribed: bool,
    /// The pages it was read from.
    pub sources: Vec<String>,
    /// Disagreements and guesses.
    pub notes: Vec<String>,
}

/// What a set of pages imports to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    /// Methods, by wire name.
    pub methods: Vec<ImportedMethod>,
    /// Objects and value sets, by name.
    pub objects: Vec<ImportedObject>,
    /// What could not be imported, page by page.
    pub problems: Vec<Problem>,
}

/// Imports pages: each page on its own (a bad page spoils only itself), then merged.
pub fn import_pages(pages: &[Page]) -> Import {
    let mut all = Import::default();
    for page in pages {
        let one = import_page(page);
        all.methods.extend(one.methods);
        all.objects.extend(one.objects);
        all.problems.extend(one.problems);
    }
    merge::merge(all)
}

/// Imports one page.
pub fn import_page(page: &Page) -> Import {
    let layout = layout::detect(&page.text);
    let pieces = layout::pieces(&page.text, layout);
    let read = section::read(&pieces);
    let mut import = build::build(page, &read);
    if import.methods.is_empty() && import.objects.is_empty() && import.problems.is_empty() {
        import.problems.push(Problem {
            page: page.name.clone(),
            line: 1,
            message: format!(
                "no method found ({} layout): no request sample names a method and no structure table was recognised",
                layout.name()
            ),
        });
    }
    import
}
