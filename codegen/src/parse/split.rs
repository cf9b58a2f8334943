//! Cutting the top-level token stream into items, without understanding them.
//!
//! An item is: outer attributes (`#` followed by a `[…]` group), then tokens up to and including
//! the first top-level `;` or `{…}` group after the item keyword, or up to the next attribute or
//! item keyword. The rule needs no knowledge of the item's grammar, so it also cuts garbage into
//! pieces and the parser can resume at the next item.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The keywords that start an item.
const ITEM_KEYWORDS: [&str; 3] = ["struct", "enum", "fn"];

/// Splits the leading inner attributes (`#![…]`, i.e. `//!` docs) from the rest.
pub fn take_inner_attrs(tokens: TokenStream) -> (Vec<TokenTree>, Vec<TokenTree>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut end = 0;
    while is_punct(tokens.get(end), '#')
        && is_punct(tokens.get(end + 1), '!')
        && is_group(tokens.get(end + 2), Delimiter::Bracket)
    {
        end += 3;
    }
    let rest = tokens[end..].to_vec();
    let mut inner = tokens;
    inner.truncate(end);
    (inner, rest)
}

/// Cuts a token stream into item-sized pieces. Every token lands in exactly one piece.
pub fn items(tokens: Vec<TokenTree>) -> Vec<Vec<TokenTree>> {
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let end = item_end(&tokens, at);
        pieces.push(tokens[at..end].to_vec());
        at = end;
    }
    pieces
}

/// The index just past the item starting at `start` (always greater than `start`).
fn item_end(tokens: &[TokenTree], start: usize) -> usize {
    let mut at = start;
    // Outer attributes, inner ones too (misplaced, but the parser says so).
    while is_punct(tokens.get(at), '#') {
        at += 1;
        if is_punct(tokens.get(at), '!') {
            at += 1;
        }
        if is_group(tokens.get(at), Delimiter::Bracket) {
            at += 1;
        }
    }
    if is_item_keyword(tokens.get(at)) {
        at += 1;
        // The name, even when it is a keyword itself: a method's wire name may be `fn`.
        if matches!(tokens.get(at), Some(TokenTree::Ident(_))) {
            at += 1;
        }
    }
    while let Some(token) = tokens.get(at) {
        if at > start && starts_item(token) {
            break;
        }
        at += 1;
        match token {
            TokenTree::Punct(p) if p.as_char() == ';' => break,
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => break,
            _ => {}
        }
    }
    at.max(start + 1)
}

/// The name a piece declares when it is a `struct` or an `enum` (even a broken one).
pub fn declared_type_name(piece: &[TokenTree]) -> Option<String> {
    let keyword = piece
        .iter()
        .position(|t| matches!(t, TokenTree::Ident(i) if *i == "struct" || *i == "enum"))?;
    match piece.get(keyword + 1) {
        Some(TokenTree::Ident(name)) => Some(name.to_string()),
        _ => None,
    }
}

fn starts_item(token: &TokenTree) -> bool {
    is_punct(Some(token), '#') || is_item_keyword(Some(token))
}

fn is_item_keyword(token: Option<&TokenTree>) -> bool {
    matches!(token, Some(TokenTree::Ident(i)) if ITEM_KEYWORDS.iter().any(|k| i == k))
}

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

fn is_group(token: Option<&TokenTree>, delimiter: Delimiter) -> bool {
    matches!(token, Some(TokenTree::Group(g)) if g.delimiter() == delimiter)
}

/// How deeply delimiters may nest inside one item. `syn` walks nested groups recursively, so
/// absurd nesting must be refused before parsing; real items nest a handful of levels.
pub const MAX_NESTING: usize = 32;

/// The first group nested deeper than [`MAX_NESTING`], if any (walked without recursion).
pub fn too_deep(piece: &[TokenTree]) -> Option<proc_macro2::Span> {
    let top: TokenStream = piece.iter().cloned().collect();
    let mut stack = vec![(top.into_iter(), 0_usize)];
    while let Some((iter, depth)) = stack.last_mut() {
        let depth = *depth;
        match iter.next() {
            Some(TokenTree::Group(group)) => {
                if depth + 1 > MAX_NESTING {
                    return Some(group.span_open());
                }
                stack.push((group.stream().into_iter(), depth + 1));
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    None
}

/// The first attribute value (`#[name = value]`) that is not a single literal, if any.
///
/// `syn` reads such a value as a Rust expression, recursively: a few thousand `||` or `-` overflow
/// the stack. The spec language only ever writes a literal there (`///` docs become
/// `#[doc = "…"]`), so anything else is refused before `syn` sees it. Walked without recursion;
/// run it after [`too_deep`], which bounds the nesting.
pub fn unreadable_attribute_value(piece: &[TokenTree]) -> Option<proc_macro2::Span> {
    let mut levels: Vec<Vec<TokenTree>> = vec![piece.to_vec()];
    while let Some(level) = levels.pop() {
        for (at, token) in level.iter().enumerate() {
            let TokenTree::Group(group) = token else {
                continue;
            };
            let after_hash = at >= 1
                && (is_punct(level.get(at - 1), '#')
                    || (at >= 2
                        && is_punct(level.get(at - 1), '!')
                        && is_punct(level.get(at - 2), '#')));
            if after_hash && group.delimiter() == Delimiter::Bracket {
                let inside: Vec<TokenTree> = group.stream().into_iter().collect();
                if let Some(span) = bad_value(&inside) {
                    return Some(span);
                }
            }
            levels.push(group.stream().into_iter().collect());
        }
    }
    None
}

/// Inside one attribute's brackets: a path, then either nothing, a group, or `=` and one literal.
fn bad_value(inside: &[TokenTree]) -> Option<proc_macro2::Span> {
    let equals = inside.iter().position(|t| is_punct(Some(t), '='))?;
    let path_only = inside[..equals]
        .iter()
        .all(|t| matches!(t, TokenTree::Ident(_)) || is_punct(Some(t), ':'));
    if !path_only {
        // Not a name-value attribute (`#[note(a = b)]` keeps `=` inside its group).
        return None;
    }
    match &inside[equals + 1..] {
        [TokenTree::Literal(_)] => None,
        [TokenTree::Literal(_), extra, ..] => Some(extra.span()),
        [] => Some(inside[equals].span()),
        [first, ..] => Some(first.span()),
    }
}
