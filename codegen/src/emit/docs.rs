//! Rustdoc attributes from spec docs.
//!
//! Every generated item carries the spec's doc text, then the pages the facts came from, then the
//! notes on how documentation contradictions were resolved, so a reader of the bindings can check
//! any claim against its source.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `#[doc = "…"]` lines: the text, then a `# Sources` list, then a `# Notes` list.
///
/// Each section is emitted only when it has content; nothing at all is emitted for empty docs.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    lines_to_attrs(&doc_lines(docs, &[]))
}

/// Like [`doc_attrs`], with `extra` paragraphs (generated facts such as the wire key) placed
/// between the text and the sources.
pub fn doc_attrs_with(docs: &Docs, extra: &[String]) -> TokenStream {
    lines_to_attrs(&doc_lines(docs, extra))
}

/// Like [`doc_attrs_with`], but the `extra` lines continue the text's last paragraph when it is
/// plain prose (one rendered paragraph: "Units refunded. JSON key `Quantity`: …"), saving the
/// blank line between them.
pub fn doc_attrs_joined(docs: &Docs, extra: &[String]) -> TokenStream {
    let mut lines = doc_lines(docs, extra);
    let text_lines = docs.text.trim_matches('\n').lines().count();
    let prose = docs
        .text
        .trim_matches('\n')
        .lines()
        .last()
        .map(str::trim)
        .is_some_and(|l| {
            !l.is_empty()
                && !l.starts_with(['-', '*', '#', '|', '>', '`'])
                && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
        });
    if prose && !docs.text.trim().is_empty() && !extra.is_empty() && lines.len() > text_lines {
        // The blank line between the text and the first extra paragraph.
        lines.remove(text_lines);
    }
    lines_to_attrs(&lines)
}

/// `#[doc = "…"]` attributes for plain lines of Markdown.
pub fn lines_to_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        // A leading space makes the rendered source read like a `///` comment.
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// The Markdown lines of `docs`, with `extra` paragraphs after the text.
pub fn doc_lines(docs: &Docs, extra: &[String]) -> Vec<String> {
    let mut sections: Vec<Vec<String>> = Vec::new();
    let text = docs.text.trim_matches('\n');
    if !text.trim().is_empty() {
        sections.push(text.lines().map(|l| l.trim_end().to_owned()).collect());
    }
    for paragraph in extra.iter().filter(|p| !p.trim().is_empty()) {
        sections.push(paragraph.lines().map(str::to_owned).collect());
    }
    if !docs.sources.is_empty() {
        let mut section = vec!["# Sources".to_owned(), String::new()];
        section.extend(docs.sources.iter().map(|s| format!("- {}", link(s))));
        sections.push(section);
    }
    if !docs.notes.is_empty() {
        let mut section = vec!["# Notes".to_owned(), String::new()];
        section.extend(docs.notes.iter().map(|n| bullet(n)));
        sections.push(section);
    }
    let mut lines = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(section);
    }
    lines
}

/// A source as Markdown: URLs in angle brackets (rustdoc warns on bare URLs), other references
/// (`seed: upgradePartnerSubscriptions`, catalog entries) as plain text.
fn link(source: &str) -> String {
    let source = source.trim();
    if (source.starts_with("https://") || source.starts_with("http://")) && !source.contains(' ') {
        format!("<{source}>")
    } else {
        escape_plain(source)
    }
}

/// A note as a list item; continuation lines are indented so they stay inside the item.
fn bullet(note: &str) -> String {
    let mut out = String::from("- ");
    for (i, line) in note.trim().lines().enumerate() {
        if i > 0 {
            out.push_str("\n  ");
        }
        out.push_str(&escape_plain(line.trim_end()));
    }
    out
}

/// Escapes the characters rustdoc would read as links or HTML (`[payload]`, `Vec<T>`) in plain
/// text, leaving code spans (between backticks) as written.
///
/// Sources and notes are references and remarks, not Markdown: a catalog tag such as
/// `[payload]` must not become a broken intra-doc link.
fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => in_code = !in_code,
            '[' | ']' | '<' | '>' if !in_code => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(text: &str, sources: &[&str], notes: &[&str]) -> Docs {
        Docs {
            text: text.to_owned(),
            sources: sources.iter().map(|s| (*s).to_owned()).collect(),
            notes: notes.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn text_sources_then_notes() {
        let d = docs(
            "A reseller.\nSecond line.",
            &[
                "https://docs.2checkout.com/x",
                "seed: upgradePartnerSubscriptions",
            ],
            &["The sample wins."],
        );
        assert_eq!(
            doc_lines(&d, &[]),
            [
                "A reseller.",
                "Second line.",
                "",
                "# Sources",
                "",
                "- <https://docs.2checkout.com/x>",
                "- seed: upgradePartnerSubscriptions",
                "",
                "# Notes",
                "",
                "- The sample wins.",
            ]
        );
    }

    #[test]
    fn extra_paragraphs_come_before_sources() {
        let d = docs("Phone.", &["s"], &[]);
        let lines = doc_lines(&d, &["Wire key `Phone`.".to_owned()]);
        assert_eq!(
            lines,
            [
                "Phone.",
                "",
                "Wire key `Phone`.",
                "",
                "# Sources",
                "",
                "- s"
            ]
        );
    }

    #[test]
    fn sources_and_notes_are_plain_text() {
        let d = docs(
            "",
            &["api-catalog §3.4 PriceOptions [payload]"],
            &["Typed `Vec<T>` in code, Vec<T> outside, [payload] too."],
        );
        assert_eq!(
            doc_lines(&d, &[]),
            [
                "# Sources",
                "",
                "- api-catalog §3.4 PriceOptions \\[payload\\]",
                "",
                "# Notes",
                "",
                "- Typed `Vec<T>` in code, Vec\\<T\\> outside, \\[payload\\] too.",
            ]
        );
    }

    #[test]
    fn empty_docs_emit_nothing() {
        assert!(doc_attrs(&Docs::default()).is_empty());
    }

    #[test]
    fn attrs_carry_a_leading_space() {
        let tokens = doc_attrs(&docs("Hi.", &[], &[])).to_string();
        assert_eq!(tokens, "# [doc = \" Hi.\"]");
    }
}
