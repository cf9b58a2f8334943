//! The files of the generated crate: computed from a spec, written, or compared for drift.
//!
//! [`render`] computes every file of `generated/src/` (name → contents); [`write()`] brings a
//! directory up to date and deletes generated files the spec no longer produces; [`compare`]
//! reports each stale file with the items that differ, without touching anything.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::emit::{self, FormatError, GENERATED_MARKER};
use crate::model::Spec;

/// The file names of the generated crate's sources, mapped to their contents, in name order.
pub type Files = BTreeMap<String, String>;

/// Why the files could not be computed, written or compared.
#[derive(Debug)]
pub enum FilesError {
    /// Generated names would collide; each entry names the colliding items.
    Clashes(Vec<String>),
    /// The emitter produced tokens that do not parse as Rust.
    Format(FormatError),
    /// Reading or writing a file failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
}

impl fmt::Display for FilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilesError::Clashes(clashes) => {
                writeln!(f, "generated names would collide:")?;
                for clash in clashes {
                    writeln!(f, "  {clash}")?;
                }
                Ok(())
            }
            FilesError::Format(e) => write!(f, "{e}"),
            FilesError::Io { path, source } => write!(f, "{}: {source}", path.display()),
        }
    }
}

impl std::error::Error for FilesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FilesError::Clashes(_) => None,
            FilesError::Format(e) => Some(e),
            FilesError::Io { source, .. } => Some(source),
        }
    }
}

impl From<FormatError> for FilesError {
    fn from(e: FormatError) -> Self {
        FilesError::Format(e)
    }
}

/// File names a module may not take (the crate root's own file).
const RESERVED_FILES: &[&str] = &["lib"];

/// Computes every file of the generated crate's `src/`: `lib.rs` and one file per module, each
/// module behind the cargo feature of its name (see [`emit::features`]).
///
/// Deterministic: the same spec always gives the same bytes.
pub fn render(spec: &Spec) -> Result<Files, FilesError> {
    render_with(spec, true)
}

/// Like [`render`], with every module always compiled: for output included as modules of another
/// crate, which has no such features (the snapshot tests).
pub fn render_without_features(spec: &Spec) -> Result<Files, FilesError> {
    render_with(spec, false)
}

fn render_with(spec: &Spec, features: bool) -> Result<Files, FilesError> {
    let mut clashes = emit::clashes(spec);
    for m in &spec.modules {
        if RESERVED_FILES.contains(&m.name.as_str()) {
            clashes.push(format!(
                "module `{}` ({}) would be written to `{}.rs`, the crate root; rename the file",
                m.name, m.file, m.name
            ));
        }
    }
    if !clashes.is_empty() {
        return Err(FilesError::Clashes(clashes));
    }
    let mut files = Files::new();
    files.insert(
        "lib.rs".to_owned(),
        emit::format(emit::crate_root(spec, features), &spec_label(spec))?,
    );
    for m in &spec.modules {
        files.insert(
            format!("{}.rs", m.name),
            emit::format(emit::module(spec, m), &m.file)?,
        );
    }
    Ok(files)
}

/// What the crate root was generated from: the spec files' directory (`api-spec/*.api`).
fn spec_label(spec: &Spec) -> String {
    let dir = spec
        .modules
        .first()
        .and_then(|m| m.file.rsplit_once('/'))
        .map(|(dir, _)| dir);
    match dir {
        Some(dir) => format!("{dir}/*.api"),
        None => "the spec".to_owned(),
    }
}

/// What [`write()`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files that did not exist.
    pub added: Vec<String>,
    /// Files whose contents changed.
    pub updated: Vec<String>,
    /// Generated files the spec no longer produces, deleted.
    pub removed: Vec<String>,
    /// How many files were already up to date.
    pub unchanged: usize,
}

impl fmt::Display for WriteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for name in &self.added {
            writeln!(f, "added    {name}")?;
        }
        for name in &self.updated {
            writeln!(f, "updated  {name}")?;
        }
        for name in &self.removed {
            writeln!(f, "removed  {name}")?;
        }
        write!(
            f,
            "{} added, {} updated, {} removed, {} unchanged",
            self.added.len(),
            self.updated.len(),
            self.removed.len(),
            self.unchanged
        )
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FilesError + '_ {
    move |source| FilesError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `files` into `dir` (created if missing) and deletes the generated files (those starting
/// with the `@generated` header) that `files` does not hold. Files already up to date are not
/// touched, so their modification time stays and cargo does not rebuild.
pub fn write(files: &Files, dir: &Path) -> Result<WriteReport, FilesError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut report = WriteReport::default();
    for (name, contents) in files {
        let path = dir.join(name);
        match read_if_exists(&path)? {
            Some(existing) if existing == *contents => report.unchanged += 1,
            existing => {
                // Write then rename, so an interrupted run never leaves half a file behind.
                let temp = dir.join(format!(".{name}.tmp"));
                std::fs::write(&temp, contents).map_err(io(&temp))?;
                std::fs::rename(&temp, &path).map_err(io(&path))?;
                if existing.is_some() {
                    report.updated.push(name.clone());
                } else {
                    report.added.push(name.clone());
                }
            }
        }
    }
    for name in generated_files(dir)? {
        if !files.contains_key(&name) {
            let path = dir.join(&name);
            std::fs::remove_file(&path).map_err(io(&path))?;
            report.removed.push(name);
        }
    }
    Ok(report)
}

fn read_if_exists(path: &Path) -> Result<Option<String>, FilesError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path)(e)),
    }
}

/// The `*.rs` files directly in `dir` that start with the generated-file header, sorted.
fn generated_files(dir: &Path) -> Result<Vec<String>, FilesError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir)(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".rs") || !path.is_file() {
            continue;
        }
        if let Some(text) = read_if_exists(&path)?
            && text.starts_with(GENERATED_MARKER)
        {
            out.push(name.to_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// How a file on disk differs from what the spec generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    /// The file does not exist.
    Missing,
    /// The file is generated but the spec no longer produces it.
    Unexpected,
    /// The file exists with other contents.
    Changed(ItemDiff),
}

/// A stale file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// The file name inside the output directory.
    pub name: String,
    /// How it differs.
    pub staleness: Staleness,
}

/// The items that differ between the expected and the actual contents of one file. Items are
/// named by kind and ident (`struct Reseller`, `impl Method for GetProduct<C>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemDiff {
    /// Items the spec generates that the file lacks.
    pub missing: Vec<String>,
    /// Items in the file the spec does not generate.
    pub unexpected: Vec<String>,
    /// Items present in both with different contents.
    pub changed: Vec<String>,
    /// Set when the file on disk does not parse as Rust.
    pub unparsable: Option<String>,
}

impl fmt::Display for StaleFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.staleness {
            Staleness::Missing => write!(f, "{}: missing", self.name),
            Staleness::Unexpected => write!(
                f,
                "{}: generated file the spec no longer produces",
                self.name
            ),
            Staleness::Changed(diff) => {
                write!(f, "{}: out of date", self.name)?;
                if let Some(error) = &diff.unparsable {
                    return write!(f, "; it does not parse as Rust: {error}");
                }
                let groups = [
                    ("changed", &diff.changed),
                    ("missing", &diff.missing),
                    ("not generated", &diff.unexpected),
                ];
                let mut any = false;
                for (label, items) in groups {
                    if !items.is_empty() {
                        any = true;
                        write!(f, "\n  {label}: {}", items.join(", "))?;
                    }
                }
                if !any {
                    write!(f, "\n  only formatting or the header differ")?;
                }
                Ok(())
            }
        }
    }
}

/// Compares `files` with the contents of `dir`, touching nothing. Empty when up to date.
pub fn compare(files: &Files, dir: &Path) -> Result<Vec<StaleFile>, FilesError> {
    let mut stale = Vec::new();
    for (name, expected) in files {
        let path = dir.join(name);
        let staleness = match read_if_exists(&path)? {
            None => Some(Staleness::Missing),
            Some(actual) if actual == *expected => None,
            Some(actual) => Some(Staleness::Changed(diff_items(expected, &actual))),
        };
        if let Some(staleness) = staleness {
            stale.push(StaleFile {
                name: name.clone(),
                staleness,
            });
        }
    }
    for name in generated_files(dir)? {
        if !files.contains_key(&name) {
            stale.push(StaleFile {
                name,
                staleness: Staleness::Unexpected,
            });
        }
    }
    Ok(stale)
}

/// Diffs two Rust sources item by item.
pub fn diff_items(expected: &str, actual: &str) -> ItemDiff {
    let expected = match syn::parse_file(expected) {
        Ok(file) => items_by_name(&file),
        Err(e) => {
            return ItemDiff {
                unparsable: Some(format!("(expected contents) {e}")),
                ..ItemDiff::default()
            };
        }
    };
    let actual = match syn::parse_file(actual) {
        Ok(file) => items_by_name(&file),
        Err(e) => {
            let at = e.span().start();
            return ItemDiff {
                unparsable: Some(format!("line {}:{}: {e}", at.line, at.column + 1)),
                ..ItemDiff::default()
            };
        }
    };
    let mut diff = ItemDiff::default();
    let names: BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    for name in names {
        match (expected.get(name), actual.get(name)) {
            (Some(e), Some(a)) if e != a => diff.changed.push(name.clone()),
            (Some(_), None) => diff.missing.push(name.clone()),
            (None, Some(_)) => diff.unexpected.push(name.clone()),
            _ => {}
        }
    }
    diff
}

/// Every item of a file keyed by a readable name, with its tokens as text. Inner attributes (the
/// module docs) are one entry.
fn items_by_name(file: &syn::File) -> BTreeMap<String, String> {
    use quote::ToTokens;

    let mut out = BTreeMap::new();
    let attrs: Vec<String> = file
        .attrs
        .iter()
        .map(|a| a.to_token_stream().to_string())
        .collect();
    out.insert("module docs".to_owned(), attrs.join("\n"));
    for item in &file.items {
        let base = item_name(item);
        let mut name = base.clone();
        let mut n = 2;
        while out.contains_key(&name) {
            name = format!("{base} #{n}");
            n += 1;
        }
        out.insert(name, item.to_token_stream().to_string());
    }
    out
}

/// A readable name for an item: its kind and ident, or for an impl its trait and self type.
fn item_name(item: &syn::Item) -> String {
    use quote::ToTokens;

    fn tokens(t: &impl ToTokens) -> String {
        compact(&t.to_token_stream().to_string())
    }

    match item {
        syn::Item::Struct(i) => format!("struct {}", i.ident),
        syn::Item::Enum(i) => format!("enum {}", i.ident),
        syn::Item::Union(i) => format!("union {}", i.ident),
        syn::Item::Trait(i) => format!("trait {}", i.ident),
        syn::Item::Type(i) => format!("type {}", i.ident),
        syn::Item::Fn(i) => format!("fn {}", i.sig.ident),
        syn::Item::Const(i) => format!("const {}", i.ident),
        syn::Item::Static(i) => format!("static {}", i.ident),
        syn::Item::Mod(i) => format!("mod {}", i.ident),
        syn::Item::Macro(i) => match &i.ident {
            Some(ident) => format!("macro {ident}"),
            None => format!("macro call {}", tokens(&i.mac.path)),
        },
        syn::Item::Use(i) => format!(
            "use {}{}",
            if i.leading_colon.is_some() { "::" } else { "" },
            tokens(&i.tree)
        ),
        syn::Item::Impl(i) => match &i.trait_ {
            Some((_, path, _)) => {
                format!("impl {} for {}", tokens(path), tokens(&i.self_ty))
            }
            None => format!("impl {}", tokens(&i.self_ty)),
        },
        other => format!("item `{}`", tokens(other)),
    }
}

/// Token text with the spaces `to_string` puts between all tokens removed, except between two
/// word characters (`impl Foo for Bar<'c S>` stays readable).
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            let before = out.chars().last().is_some_and(is_word);
            let after = chars.peek().copied().is_some_and(is_word);
            if before && after {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_changed_missing_and_unexpected_items() {
        let expected = "struct A { x: i64 } struct B; impl Method for GetA<C> {}";
        let actual = "struct A { x: String } struct Z; impl Method for GetA<C> {}";
        let diff = diff_items(expected, actual);
        assert_eq!(diff.changed, ["struct A"]);
        assert_eq!(diff.missing, ["struct B"]);
        assert_eq!(diff.unexpected, ["struct Z"]);
        assert_eq!(diff.unparsable, None);
    }

    #[test]
    fn diff_names_impls_by_trait_and_type() {
        let expected =
            "impl<C> ::twocheckout_rpc::AvailableOn<::twocheckout_rpc::api::Rpc6> for X<C> {}";
        let diff = diff_items(expected, "");
        assert_eq!(
            diff.missing,
            ["impl ::twocheckout_rpc::AvailableOn<::twocheckout_rpc::api::Rpc6> for X<C>"]
        );
    }

    #[test]
    fn diff_reports_unparsable_files_with_position() {
        let diff = diff_items("struct A;", "struct A;\nstruct {");
        let error = diff.unparsable.expect("parse error");
        assert!(error.starts_with("line 2:"), "{error}");
    }

    #[test]
    fn formatting_only_differences_are_named() {
        let stale = StaleFile {
            name: "x.rs".to_owned(),
            staleness: Staleness::Changed(diff_items("struct A;", "struct   A ;")),
        };
        assert_eq!(
            stale.to_string(),
            "x.rs: out of date\n  only formatting or the header differ"
        );
    }

    #[test]
    fn write_then_compare_then_remove() {
        let dir =
            std::env::temp_dir().join(format!("twocheckout-files-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut files = Files::new();
        files.insert(
            "a.rs".to_owned(),
            format!("{GENERATED_MARKER}\nstruct A;\n"),
        );
        files.insert(
            "b.rs".to_owned(),
            format!("{GENERATED_MARKER}\nstruct B;\n"),
        );
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("hand.rs"), "struct Hand;\n").unwrap();

        let report = write(&files, &dir).unwrap();
        assert_eq!(report.added, ["a.rs", "b.rs"]);
        assert!(compare(&files, &dir).unwrap().is_empty());

        files.remove("b.rs");
        files.insert(
            "a.rs".to_owned(),
            format!("{GENERATED_MARKER}\nstruct A(i64);\n"),
        );
        let stale = compare(&files, &dir).unwrap();
        let rendered: Vec<String> = stale.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "a.rs: out of date\n  changed: struct A",
                "b.rs: generated file the spec no longer produces"
            ]
        );

        let report = write(&files, &dir).unwrap();
        assert_eq!(report.updated, ["a.rs"]);
        assert_eq!(report.removed, ["b.rs"]);
        assert!(dir.join("hand.rs").exists(), "hand-written files are kept");
        let report = write(&files, &dir).unwrap();
        assert_eq!(report.unchanged, 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
