//! Stages 1–2 over spec files, embedded spec texts or macro tokens.
//!
//! [`load_dir`] reads every `*.api` file directly inside a directory (not recursively: the spec
//! is flat, one file per area, and the module name is the file stem). Files are read in name
//! order and each one's [`Location::file`](crate::model::Location::file) is
//! `<directory name>/<file name>` (`api-spec/reseller.api`), the same whatever the working
//! directory.

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::check::{self, Input};
use crate::diagnostic::Diagnostics;
use crate::model::Spec;
use crate::parse::{self, SpecFile};

/// The extension of spec files.
pub const EXTENSION: &str = "api";

/// A spec text with its name: the name is used in locations, its stem is the module name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// File name as it should appear in diagnostics (`api-spec/reseller.api`).
    pub name: String,
    /// The spec text.
    pub text: String,
}

/// Why [`load_dir`] failed.
#[derive(Debug)]
pub enum LoadError {
    /// A directory or file could not be read.
    Io {
        /// The path that could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file name is not valid UTF-8, so it cannot name a module.
    NonUtf8Name {
        /// The offending path.
        path: PathBuf,
    },
    /// The directory holds no `*.api` file.
    NoSpecFiles {
        /// The directory.
        path: PathBuf,
    },
    /// The spec files were read but are not a valid spec.
    Spec(Diagnostics),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, source } => {
                write!(f, "cannot read `{}`: {source}", path.display())
            }
            LoadError::NonUtf8Name { path } => {
                write!(f, "spec file name `{}` is not valid UTF-8", path.display())
            }
            LoadError::NoSpecFiles { path } => {
                write!(f, "no `*.{EXTENSION}` spec file in `{}`", path.display())
            }
            LoadError::Spec(diagnostics) => write!(f, "{diagnostics}"),
        }
    }
}

impl LoadError {
    /// The error as rustc writes its errors: for a rejected spec, every diagnostic with the
    /// source line and a caret under the span ([`Diagnostics::render`]); otherwise its
    /// `Display`.
    pub fn render(&self) -> String {
        match self {
            LoadError::Spec(diagnostics) => diagnostics.render(),
            other => format!("error: {other}"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            LoadError::Spec(diagnostics) => Some(diagnostics),
            LoadError::NonUtf8Name { .. } | LoadError::NoSpecFiles { .. } => None,
        }
    }
}

impl From<Diagnostics> for LoadError {
    fn from(diagnostics: Diagnostics) -> Self {
        LoadError::Spec(diagnostics)
    }
}

/// Loads every `*.api` file directly inside `dir` as one spec.
///
/// # Errors
///
/// An IO error with its path, or every diagnostic of every file.
pub fn load_dir(dir: &Path) -> Result<Spec, LoadError> {
    load_sources(&read_dir_sources(dir)?).map_err(LoadError::Spec)
}

/// Reads the `*.api` files directly inside `dir`, sorted by file name, named
/// `<directory name>/<file name>`.
///
/// # Errors
///
/// An IO error with its path, a non-UTF-8 file name, or no spec file at all.
pub fn read_dir_sources(dir: &Path) -> Result<Vec<Source>, LoadError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == EXTENSION) && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(LoadError::NoSpecFiles {
            path: dir.to_path_buf(),
        });
    }
    let prefix = dir
        .canonicalize()
        .ok()
        .as_deref()
        .and_then(Path::file_name)
        .or_else(|| dir.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let mut sources = Vec::new();
    for path in paths {
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            return Err(LoadError::NonUtf8Name { path });
        };
        let name = match &prefix {
            Some(prefix) => format!("{prefix}/{file_name}"),
            None => file_name.to_owned(),
        };
        let text = std::fs::read_to_string(&path).map_err(io(&path))?;
        sources.push(Source { name, text });
    }
    Ok(sources)
}

/// Loads spec texts as one spec: one module per source, named after the name's file stem.
///
/// Sources are checked in name order whatever the order given, so that "first defined at"
/// always points at the same place.
///
/// # Errors
///
/// Every diagnostic of every source, ordered by position.
pub fn load_sources(sources: &[Source]) -> Result<Spec, Diagnostics> {
    let mut sources: Vec<&Source> = sources.iter().collect();
    sources.sort_by(|a, b| a.name.cmp(&b.name));
    let parsed: Vec<(String, SpecFile)> = sources
        .iter()
        .map(|source| (module_name(&source.name), parse::parse_text(&source.text)))
        .collect();
    let inputs: Vec<Input<'_>> = sources
        .iter()
        .zip(&parsed)
        .map(|(source, (module, syntax))| Input {
            file: &source.name,
            module,
            syntax,
            require_module_docs: true,
        })
        .collect();
    check::check(&inputs).map_err(|diagnostics| {
        diagnostics.with_sources(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())))
    })
}

/// Loads the tokens of a macro invocation as a spec with one module named `name`. Diagnostics
/// carry the tokens' spans; their locations name the file `name`.
///
/// # Errors
///
/// Every diagnostic, ordered by position.
pub fn load_tokens(tokens: TokenStream, name: &str) -> Result<Spec, Diagnostics> {
    let syntax = parse::parse_tokens(tokens);
    check::check(&[Input {
        file: name,
        module: name,
        syntax: &syntax,
        require_module_docs: false,
    }])
}

/// The module name of a source: its name's file stem (`api-spec/reseller.api` → `reseller`).
pub fn module_name(name: &str) -> String {
    Path::new(name).file_stem().map_or_else(
        || name.to_owned(),
        |stem| stem.to_string_lossy().into_owned(),
    )
}
