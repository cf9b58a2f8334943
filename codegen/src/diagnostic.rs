//! Errors found in a spec, with their position: `file:line:col: error: message` plus a hint.
//!
//! `Display` writes each diagnostic on one line (and its hint on the next), for logs and tests.
//! [`Diagnostics::render`] writes them as rustc and cargo do, with `annotate-snippets`: the
//! message, `--> file:line:col`, the source line with a caret under the offending tokens, and
//! the hint.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use proc_macro2::Span;

use crate::model::Location;

/// One error in a spec.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Where, as `file:line:col` (1-based line and column).
    pub location: Location,
    /// The offending tokens: the proc-macro reports the error there.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span` in `file`, without a hint.
    pub fn new(file: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            location: location(file, span),
            span,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The 1-based position of `span`'s start in `file`.
pub fn location(file: &str, span: Span) -> Location {
    let start = span.start();
    Location {
        file: file.to_owned(),
        line: start.line,
        column: start.column + 1,
    }
}

impl Diagnostic {
    /// The diagnostic as rustc writes one: `error: message`, `--> file:line:col`, the source
    /// line with a caret under the span, then `= hint: …`. `source` is the text of the file the
    /// diagnostic is in; without it (or when the position is not in it) the snippet is left
    /// out and the rest is still written.
    pub fn render(&self, source: Option<&str>) -> String {
        let Location { file, line, column } = &self.location;
        let mut group = Group::with_title(Level::ERROR.primary_title(self.message.as_str()));
        match source.and_then(|text| self.line_span(text)) {
            Some((text, range)) => {
                group = group.element(
                    Snippet::source(text)
                        .line_start(*line)
                        .path(file.as_str())
                        .annotation(AnnotationKind::Primary.span(range)),
                );
            }
            None => {
                group = group.element(
                    annotate_snippets::Origin::path(file.as_str())
                        .line(*line)
                        .char_column(column.saturating_sub(1)),
                );
            }
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
        }
        Renderer::plain().render(&[group])
    }

    /// The line the span starts on, and the span's byte range in it (clipped to that line;
    /// at least one character wide, so the caret shows).
    fn line_span<'t>(&self, text: &'t str) -> Option<(&'t str, std::ops::Range<usize>)> {
        let line_number = self.location.line;
        let line = text.lines().nth(line_number.checked_sub(1)?)?;
        let start = self.span.start();
        let end = self.span.end();
        if start.line != line_number {
            return None;
        }
        let byte_at = |chars: usize| {
            line.char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| i)
        };
        let from = byte_at(start.column);
        let to = if end.line == start.line && end.column > start.column {
            byte_at(end.column)
        } else if end.line > start.line {
            line.trim_end().len().max(from)
        } else {
            from
        };
        let to = if to == from {
            line[from..]
                .chars()
                .next()
                .map_or(from, |c| from + c.len_utf8())
        } else {
            to
        };
        Some((line, from..to))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Location { file, line, column } = &self.location;
        write!(f, "{file}:{line}:{column}: error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every error found in a spec, ordered by position, with the texts of the files they are in
/// when the loader had them (for [`Diagnostics::render`]).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(Vec<Diagnostic>, BTreeMap<String, Arc<str>>);

impl Diagnostics {
    /// Collects diagnostics, sorted by file, line and column (stable for equal positions).
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        Diagnostics(diagnostics, BTreeMap::new())
    }

    /// Keeps the texts of the spec files (name as in [`Location::file`] → text), so that
    /// [`Diagnostics::render`] can show the offending lines.
    #[must_use]
    pub fn with_sources<'a>(
        mut self,
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        for (name, text) in sources {
            if self.0.iter().any(|d| d.location.file == name) {
                self.1.insert(name.to_owned(), Arc::from(text));
            }
        }
        self
    }

    /// Every diagnostic as rustc writes one (see [`Diagnostic::render`]), separated by blank
    /// lines, then a line counting them.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for diagnostic in &self.0 {
            let source = self.1.get(&diagnostic.location.file).map(|t| &**t);
            out.push_str(&diagnostic.render(source));
            out.push_str("\n\n");
        }
        match self.0.len() {
            1 => out.push_str("error: the spec was rejected because of the previous error"),
            n => out.push_str(&format!(
                "error: the spec was rejected because of {n} previous errors"
            )),
        }
        out
    }

    /// The diagnostics, in position order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The diagnostics as a vector, in position order.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }

    /// One `syn::Error` holding every diagnostic at its span (for `compile_error!` output).
    pub fn to_syn_error(&self) -> syn::Error {
        let mut errors = self.0.iter().map(|d| {
            let message = match &d.hint {
                Some(hint) => format!("{}\n= hint: {hint}", d.message),
                None => d.message.clone(),
            };
            syn::Error::new(d.span, message)
        });
        let mut all = errors
            .next()
            .unwrap_or_else(|| syn::Error::new(Span::call_site(), "the spec was rejected"));
        for error in errors {
            all.combine(error);
        }
        all
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
