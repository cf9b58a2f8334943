//! One row per line inside the row macros of the runtime (`__setters!`, `__object!`).
//!
//! `prettyplease` fills a macro's tokens into lines like prose. The row macros take one row per
//! field, each ending at a `;` at the macro's top level; this pass lays them out again as one
//! row per line, each row's `#[doc = "…"]` attributes as `///` lines above it, so the generated
//! source reads like the code it expands to.

use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The macros whose invocations are laid out as rows.
const ROW_MACROS: &[&str] = &[
    "__rpc::__setters! {",
    "__rpc::__object! {",
    "__rpc::__method! {",
];

/// `text` (formatted by `prettyplease`) with every row macro's body laid out one row per line.
/// A body that does not lex is left as it is.
pub fn layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let Some(open) = ROW_MACROS.iter().find(|m| trimmed.starts_with(*m)) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let indent = &line[..line.len() - trimmed.len()];
        let close = format!("{indent}}}");
        // The body: the rest of the opening line, then every line up to the closing brace
        // (or, for a body on one line, up to that line's last `}`).
        let rest = &trimmed[open.len()..];
        let mut original = vec![line.to_owned()];
        let body = if let Some(inline) = rest.trim_end().strip_suffix('}') {
            inline.to_owned()
        } else {
            let mut body = rest.to_owned();
            for next in lines.by_ref() {
                original.push(next.to_owned());
                if next == close {
                    break;
                }
                body.push(' ');
                body.push_str(next);
            }
            body
        };
        match rows(&body, &format!("{indent}    ")) {
            Some(rows) => {
                out.push_str(indent);
                out.push_str(open);
                out.push('\n');
                out.push_str(&rows);
                out.push_str(&close);
                out.push('\n');
            }
            None => {
                for line in original {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The rows of a macro body, each line behind `indent`; `None` if the body does not lex.
fn rows(body: &str, indent: &str) -> Option<String> {
    let tokens = TokenStream::from_str(body).ok()?;
    let mut out = String::new();
    let mut row: Vec<TokenTree> = Vec::new();
    for token in tokens {
        let end = matches!(&token, TokenTree::Punct(p) if p.as_char() == ';');
        row.push(token);
        if end {
            write_row(&mut out, &row, indent);
            row.clear();
        }
    }
    if !row.is_empty() {
        write_row(&mut out, &row, indent);
    }
    Some(out)
}

/// One row: its attributes one per line (docs as `///`), then the rest on one line.
fn write_row(out: &mut String, row: &[TokenTree], indent: &str) {
    let mut i = 0;
    while let (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(group))) =
        (row.get(i), row.get(i + 1))
    {
        if hash.as_char() != '#' || group.delimiter() != Delimiter::Bracket {
            break;
        }
        out.push_str(indent);
        match doc_text(&group.stream()) {
            Some(doc) => {
                out.push_str("///");
                out.push_str(&doc);
            }
            None => {
                out.push_str("#[");
                out.push_str(&render(&group.stream()));
                out.push(']');
            }
        }
        out.push('\n');
        i += 2;
    }
    if i < row.len() {
        let rest: TokenStream = row[i..].iter().cloned().collect();
        out.push_str(indent);
        out.push_str(&render(&rest));
        out.push('\n');
    }
}

/// The text of `doc = "…"` when it is one line (so `///` says the same); `None` otherwise.
fn doc_text(attr: &TokenStream) -> Option<String> {
    let meta: syn::MetaNameValue = syn::parse2(attr.clone()).ok()?;
    if !meta.path.is_ident("doc") {
        return None;
    }
    let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(text),
        ..
    }) = &meta.value
    else {
        return None;
    };
    let text = text.value();
    (!text.contains(['\n', '\r'])).then_some(text)
}

/// The text of `tokens`, spaced as Rust source is; literals exactly as they are.
fn render(tokens: &TokenStream) -> String {
    let mut literals = Vec::new();
    let text = tidy(&flat(tokens, &mut literals));
    // Literals were held out of `tidy` as `\0N\0`, which no token text contains.
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('\0');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    while let (Some(index), Some(after)) = (parts.next(), parts.next()) {
        if let Some(literal) = index.parse::<usize>().ok().and_then(|i| literals.get(i)) {
            out.push_str(literal);
        }
        out.push_str(after);
    }
    out
}

/// Tokens as text, one space between tokens (none after a joint punctuation), each literal
/// replaced by `\0N\0` and kept in `literals`.
fn flat(tokens: &TokenStream, literals: &mut Vec<String>) -> String {
    let mut out = String::new();
    let mut joint = true;
    for token in tokens.clone() {
        if !joint {
            out.push(' ');
        }
        joint = false;
        match token {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                out.push_str(&flat(&group.stream(), literals));
                out.push_str(close);
            }
            TokenTree::Ident(ident) => out.push_str(&ident.to_string()),
            TokenTree::Punct(punct) => {
                out.push(punct.as_char());
                joint = punct.spacing() == Spacing::Joint;
            }
            TokenTree::Literal(literal) => {
                out.push('\0');
                out.push_str(&literals.len().to_string());
                out.push('\0');
                literals.push(literal.to_string());
            }
        }
    }
    out
}

/// Token text with the spaces `TokenStream::to_string` puts around punctuation taken out where
/// Rust source has none (`Vec < Json >` → `Vec<Json>`, `a :: b` → `a::b`, `x ;` → `x;`).
fn tidy(text: &str) -> String {
    let mut s = text.to_owned();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" : ", ": "),
        (" < ", "<"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        (" ;", ";"),
        ("[. ", "[."),
        ("[ ", "["),
        (" ]", "]"),
    ] {
        s = s.replace(from, to);
    }
    // `>` stuck to `=` or `-` by the step above: `= >` never occurs, `=>` and `->` stay.
    s.replace(">=>", "> =>").replace(">->", "> ->")
}
