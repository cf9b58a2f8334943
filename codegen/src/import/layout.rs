//! Layout detection, and the common form every layout is read into: a stream of [`Piece`]s,
//! each a line of text (with its indentation) or a code sample, with its 1-based page line.
//!
//! Reading every layout into the same stream lets one section reader ([`super::section`]) serve
//! them all: a GitBook table cell, a pipe-table cell and a flattened line all become lines.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// The layouts the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// GitBook Markdown (docs.2checkout.com): `**name**` cells, fenced samples, `{% … %}` blocks.
    Markdown,
    /// Flattened page text (knowledge center, verifone.cloud): one cell per line, inline samples.
    Flat,
    /// Plain text with pipe-separated table rows (`name | Required (string) |`).
    Pipe,
}

impl Layout {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Markdown => "markdown",
            Layout::Flat => "flat",
            Layout::Pipe => "pipe",
        }
    }
}

/// One unit of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A line of text (or one table cell), trimmed, never empty.
    Line {
        /// 1-based line in the page.
        line: usize,
        /// Leading whitespace width (tabs count 4).
        indent: usize,
        /// The text.
        text: String,
    },
    /// A code sample.
    Code {
        /// 1-based line where it starts.
        line: usize,
        /// The code.
        text: String,
    },
}

/// Detects the layout of a page.
pub fn detect(text: &str) -> Layout {
    let markdown = text.contains("{% ")
        || text.contains("```")
        || text
            .lines()
            .any(|l| l.trim_start().starts_with("| **") || l.trim_start().starts_with("| `"));
    if markdown {
        return Layout::Markdown;
    }
    let piped = text
        .lines()
        .filter(|l| {
            let t = l.trim();
            t.ends_with(" |") || t.starts_with("| ") || t.contains(" | ")
        })
        .count();
    let separator = text
        .lines()
        .any(|l| l.trim().starts_with("---|") || l.trim().starts_with("|---"));
    if piped >= 3 || (separator && piped >= 1) {
        Layout::Pipe
    } else {
        Layout::Flat
    }
}

/// Reads a page in its layout.
pub fn pieces(text: &str, layout: Layout) -> Vec<Piece> {
    match layout {
        Layout::Markdown => super::markdown::pieces(text),
        Layout::Flat => super::flat::pieces(text),
        Layout::Pipe => super::pipe::pieces(text),
    }
}

/// Width of the leading whitespace of a line.
pub fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Headings that end an inline (unfenced) sample: the sections that follow a request sample.
fn ends_sample(line: &str) -> bool {
    matches!(
        line.trim()
            .trim_end_matches(':')
            .to_ascii_lowercase()
            .as_str(),
        "response"
            | "responses"
            | "response parameters"
            | "response example"
            | "example response"
            | "errors"
            | "error"
            | "parameters"
            | "overview"
            | "structure"
            | "need help?"
    )
}

/// Splits the lines of an unfenced layout into text lines and inline PHP samples. A sample
/// starts at `<?php` and ends after `?>`, or before the next section heading, or at the end.
/// `cells` turns one text line into the lines it holds (one per table cell for pipe tables).
pub fn split_samples(text: &str, mut cells: impl FnMut(usize, &str) -> Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut code: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        if let Some((start, body)) = &mut code {
            if ends_sample(raw) {
                out.push(Piece::Code {
                    line: *start,
                    text: std::mem::take(body),
                });
                code = None;
            } else {
                body.push_str(raw);
                body.push('\n');
                if raw.contains("?>") {
                    out.push(Piece::Code {
                        line: *start,
                        text: std::mem::take(body),
                    });
                    code = None;
                }
                continue;
            }
        }
        if let Some(at) = raw.find("<?php") {
            out.extend(cells(line_no, &raw[..at]));
            let body = format!("{}\n", &raw[at..]);
            if raw[at..].contains("?>") {
                out.push(Piece::Code {
                    line: line_no,
                    text: body,
                });
            } else {
                code = Some((line_no, body));
            }
            continue;
        }
        out.extend(cells(line_no, raw));
    }
    if let Some((line, text)) = code {
        out.push(Piece::Code { line, text });
    }
    out
}

/// A text line as a piece, or nothing when it is blank.
pub fn text_piece(line: usize, raw: &str) -> Option<Piece> {
    let text = clean(raw);
    (!text.is_empty()).then(|| Piece::Line {
        line,
        indent: indent_of(raw),
        text,
    })
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9]*)?[^>]*>").expect("valid regex"));

/// Inline tags mark up part of a word (`C<strong>ode</strong>`): removed without a space.
const INLINE_TAGS: &[&str] = &["strong", "b", "em", "i", "code", "a", "span", "u", "mark"];

/// Removes markup that carries no fact (HTML tags, emphasis, entities, non-breaking spaces).
pub fn clean(text: &str) -> String {
    // Most lines hold no markup at all: each pass below only runs when its pattern can occur,
    // so such a line costs one scan instead of ten copies. The passes run in the same order
    // either way (`&amp;lt;` still decodes twice, as it always has).
    let text = if text.contains('<') {
        TAG.replace_all(text, |c: &regex::Captures<'_>| {
            let name = c.get(2).map_or("", |m| m.as_str()).to_ascii_lowercase();
            if INLINE_TAGS.contains(&name.as_str()) {
                ""
            } else {
                " "
            }
        })
    } else {
        Cow::Borrowed(text)
    };
    let mut text = text.into_owned();
    for (pattern, by) in MARKUP {
        if text.contains(pattern) {
            text = text.replace(pattern, by);
        }
    }
    if text.contains('\u{a0}') {
        text = text.replace('\u{a0}', " ");
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markup removed and entities decoded from cell text, in this order.
const MARKUP: [(&str, &str); 8] = [
    ("**", ""),
    ("`", ""),
    ("&#x20;", " "),
    ("&nbsp;", " "),
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_told_apart() {
        assert_eq!(
            detect("| **name** | **Required (string)** |"),
            Layout::Markdown
        );
        assert_eq!(detect("{% stepper %}\n"), Layout::Markdown);
        assert_eq!(detect("a | b |\nc | d |\ne | f |\n"), Layout::Pipe);
        assert_eq!(detect("sessionID\nRequired (string)\n"), Layout::Flat);
    }

    #[test]
    fn inline_samples_end_at_the_next_section() {
        let text = "Request\n<?php\n$a = 1;\nResponse\nBoolean\n";
        let pieces = split_samples(text, |n, l| text_piece(n, l).into_iter().collect());
        assert!(matches!(&pieces[1], Piece::Code { line: 2, text } if text.contains("$a = 1;")));
        assert!(matches!(&pieces[2], Piece::Line { text, .. } if text == "Response"));
    }

    #[test]
    fn markup_is_removed() {
        assert_eq!(
            clean("<p><strong>Required (string)</strong></p>"),
            "Required (string)"
        );
        assert_eq!(
            clean("<p>C<strong>ode -</strong> The code.</p>"),
            "Code - The code."
        );
    }
}
