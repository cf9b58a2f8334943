//! Errors found in a spec, with their position: `file:line:col: error: message` plus a hint.

use std::fmt;

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

/// Every error found in a spec, ordered by position.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Collects diagnostics, sorted by file, line and column (stable for equal positions).
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| a.location.cmp(&b.location));
        Diagnostics(diagnostics)
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
