//! Cutting a page's pieces into method sections, and each section into its parameter table,
//! response, errors and sample; object structure tables are collected on the side.
//!
//! A page may hold several methods (pages are often saved with their neighbours). A new
//! section starts at a "Parameters" heading once the current one has a table or a sample, and
//! at a sample naming another method once the current one already has a sample.

use super::layout::Piece;
use super::sample::{self, Sample};
use super::table::{self, Row};

/// One method's part of a page.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The page title above it, when one was recognised.
    pub title: Option<String>,
    /// 1-based line where the section starts.
    pub line: usize,
    /// Rows of its parameter table(s), in table order.
    pub params: Vec<Row>,
    /// Lines under its Response heading: rows, and text without a row.
    pub response: Vec<Response>,
    /// Its errors table: code, meaning, line.
    pub errors: Vec<(String, String, usize)>,
    /// Its request sample, with the sample's first line.
    pub sample: Option<(usize, Sample)>,
    /// Structure tables that appear inside it (search option objects and the like).
    pub objects: Vec<ObjectTable>,
    /// Every text line of the section, for the API family and other page-level facts.
    pub text: String,
}

/// A line under a Response heading.
#[derive(Debug, Clone)]
pub enum Response {
    /// A row: a name and a marker.
    Row(Row),
    /// A line without a name (a bare type, `bool(true)`, a sentence).
    Text(String),
}

/// An object structure table.
#[derive(Debug, Clone)]
pub struct ObjectTable {
    /// The object's name.
    pub name: String,
    /// 1-based line of its heading.
    pub line: usize,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// A page read into sections and object tables.
#[derive(Debug, Clone, Default)]
pub struct PageRead {
    /// Method sections, in page order.
    pub sections: Vec<Section>,
    /// Object tables outside any method section's search options.
    pub objects: Vec<ObjectTable>,
}

#[derive(Debug, Clone, PartialEq)]
enum Heading {
    Params,
    Response,
    Errors,
    Sample,
    Object(String),
    Ignore,
    Other,
    /// A table header line (`Parameters Type/Description`): no change of context.
    Header,
}

#[derive(Debug, Clone, PartialEq)]
enum Context {
    None,
    Params,
    Response,
    Errors,
    Object,
    Ignore,
}

fn heading(text: &str, previous: Option<&str>) -> Option<Heading> {
    let lower = text.trim().trim_end_matches(':').to_ascii_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let h = match lower.as_str() {
        "parameters"
        | "parameter"
        | "request parameters"
        | "parameters parameters"
        | "input parameters" => Heading::Params,
        "response"
        | "response parameters"
        | "example response"
        | "response example"
        | "return value"
        | "returns"
        | "response body" => Heading::Response,
        "errors" | "error" | "error codes" | "errors errors" => Heading::Errors,
        "request" | "request sample" | "request example" | "sample request" => Heading::Sample,
        "request object"
        | "valid response object"
        | "invalid response object"
        | "workflow"
        | "valid response"
        | "invalid response"
        | "valid"
        | "invalid" => Heading::Ignore,
        "overview" | "requirements" | "need help?" | "exceptions" => Heading::Other,
        "structure" => Heading::Object(previous.unwrap_or("Object").to_owned()),
        _ if lower.starts_with("request parameters for") => Heading::Params,
        _ if lower.starts_with("properties") => Heading::Ignore,
        _ if lower.starts_with("error description") || lower.starts_with("error | ") => {
            Heading::Header
        }
        _ if words.len() == 2
            && words[1].eq_ignore_ascii_case("object")
            && words[0]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && words[0]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !words[0].eq_ignore_ascii_case("request") =>
        {
            Heading::Object(words[0].to_owned())
        }
        _ if words.len() >= 3
            && words[1].eq_ignore_ascii_case("parameters")
            && lower.contains("type")
            && table::is_name(words[0])
            && !words[0].eq_ignore_ascii_case("action") =>
        {
            Heading::Object(words[0].to_owned())
        }
        _ if lower.contains("type/description")
            || lower.contains("type / description")
            || lower == "type"
            || lower == "description"
            || lower.starts_with("action parameters type") =>
        {
            Heading::Header
        }
        _ => return None,
    };
    Some(h)
}

/// Reads a page's pieces.
pub fn read(pieces: &[Piece]) -> PageRead {
    let mut page = PageRead::default();
    let mut current = Section {
        line: 1,
        ..Section::default()
    };
    let mut context = Context::None;
    let mut object: Option<ObjectTable> = None;
    let mut previous: Option<String> = None;
    // Indentation of the first description line of the current table: a nested row without
    // a type marker is told from a description by sitting at another indentation.
    let mut desc_indent: Option<usize> = None;
    // The path a sub-header row (`Items → PricingOptions`) puts the following rows under.
    let mut prefix: Option<String> = None;
    let mut i = 0;
    while i < pieces.len() {
        let piece = &pieces[i];
        i += 1;
        let (line, indent, text) = match piece {
            Piece::Code { line, text } => {
                let sample = sample::analyze(text);
                let clash = match (&current.sample, &sample.method) {
                    (Some((_, old)), Some(new)) => old.method.as_deref() != Some(new.as_str()),
                    _ => false,
                };
                if clash {
                    finish(&mut page, &mut current, &mut object, *line);
                }
                if sample.method.is_some() || current.sample.is_none() {
                    current.text.push_str(text);
                    current.sample = Some((*line, sample));
                }
                continue;
            }
            Piece::Line { line, indent, text } => (*line, *indent, text.as_str()),
        };
        current.text.push_str(text);
        current.text.push('\n');
        let next_text = match pieces.get(i) {
            Some(Piece::Line { text, .. }) => Some(text.as_str()),
            _ => None,
        };
        if next_text.is_some_and(|n| n.eq_ignore_ascii_case("overview")) && text.len() < 80 {
            // A page title: a new page starts here.
            if !current.params.is_empty() || current.sample.is_some() {
                finish(&mut page, &mut current, &mut object, line);
            }
            current.title = Some(text.to_owned());
            previous = Some(text.to_owned());
            continue;
        }
        // `Type` / `Description` head columns, but followed by a type marker they are rows.
        // Inside an object table any word followed by a marker is a row (`error` |
        // `Required (object)`), even a heading word.
        let next_marker = next_text.and_then(table::marker).is_some();
        let header_word_row = matches!(
            context,
            Context::Params | Context::Object | Context::Response
        ) && table::is_word_name(text)
            && next_marker;
        let object_row = context == Context::Object && next_marker && identifier(text);
        if let Some(mut h) = heading(text, previous.as_deref())
            .filter(|h| !(object_row || header_word_row && *h == Heading::Header))
        {
            // "Parameters | Type/Description" heads the response table too: under a Response
            // heading it is that table's header, not a new parameter table.
            let header_next = next_text.is_some_and(|n| {
                matches!(heading(n, None), Some(Heading::Header)) || n.eq_ignore_ascii_case("type")
            });
            if h == Heading::Params && context == Context::Response && header_next {
                h = Heading::Header;
            }
            // "Properties | Type / Description" heads an object table's columns.
            if h == Heading::Ignore
                && context == Context::Object
                && text.to_ascii_lowercase().starts_with("properties")
            {
                h = Heading::Header;
            }
            match h {
                Heading::Header => {}
                Heading::Params => {
                    close_object(&mut page, &mut current, &mut object);
                    let started = !current.params.is_empty() || current.sample.is_some();
                    if started && context != Context::Params {
                        finish(&mut page, &mut current, &mut object, line);
                    }
                    context = Context::Params;
                }
                Heading::Response => {
                    close_object(&mut page, &mut current, &mut object);
                    context = Context::Response;
                }
                Heading::Errors => {
                    close_object(&mut page, &mut current, &mut object);
                    context = Context::Errors;
                }
                Heading::Sample | Heading::Other => {
                    close_object(&mut page, &mut current, &mut object);
                    context = Context::None;
                }
                Heading::Ignore => {
                    close_object(&mut page, &mut current, &mut object);
                    context = Context::Ignore;
                }
                Heading::Object(name) => {
                    close_object(&mut page, &mut current, &mut object);
                    object = Some(ObjectTable {
                        name,
                        line,
                        rows: Vec::new(),
                    });
                    context = Context::Object;
                }
            }
            previous = Some(text.to_owned());
            desc_indent = None;
            prefix = None;
            continue;
        }
        previous = Some(text.to_owned());
        if matches!(
            context,
            Context::Params | Context::Object | Context::Response
        ) && let Some(path) = sub_header(text)
        {
            prefix = Some(path);
            continue;
        }
        match context {
            Context::None | Context::Ignore => {}
            Context::Params | Context::Object | Context::Response => {
                let row = match table::inline_row(text) {
                    Some((name, marker)) => Some(row_of(line, indent, name, marker)),
                    None => match (
                        table::is_word_name(text) || object_row,
                        next_text.and_then(table::marker),
                    ) {
                        (true, Some(marker)) => {
                            i += 1;
                            let mut marker = marker;
                            // Four-column tables put Required / Optional in a cell of its own.
                            if marker.required.is_none()
                                && marker.rest.is_empty()
                                && let Some(Piece::Line { text: next, .. }) = pieces.get(i)
                                && (next.eq_ignore_ascii_case("required")
                                    || next.eq_ignore_ascii_case("optional"))
                            {
                                marker.required = Some(next.eq_ignore_ascii_case("required"));
                                i += 1;
                            }
                            Some(row_of(line, indent, text.to_owned(), marker))
                        }
                        _ => None,
                    },
                };
                let last_row = match context {
                    Context::Params => current.params.last(),
                    Context::Object => object.as_ref().and_then(|o| o.rows.last()),
                    _ => current.response.iter().rev().find_map(|r| match r {
                        Response::Row(row) => Some(row),
                        Response::Text(_) => None,
                    }),
                };
                let row = row.or_else(|| {
                    untyped(text, indent, last_row, desc_indent, next_marker)
                        .or_else(|| {
                            // Under a sub-header every cell holding just a name is a row.
                            prefix
                                .as_ref()
                                .filter(|_| !next_marker)
                                .and_then(|_| table::untyped_row(text))
                                .filter(|(_, rest)| rest.is_empty())
                                .map(|(name, rest)| (name, rest, indent))
                        })
                        .map(|(name, rest, indent)| {
                            row_of(line, indent, name, untyped_marker(rest))
                        })
                });
                let row = row.map(|mut row| {
                    if let Some(prefix) = &prefix
                        && !row.name.starts_with(&format!("{prefix}."))
                    {
                        row.name = format!("{prefix}.{}", row.name);
                    }
                    row
                });
                let rows = match context {
                    Context::Params => Some(&mut current.params),
                    Context::Object => object.as_mut().map(|o| &mut o.rows),
                    _ => None,
                };
                let described = row.is_none();
                match (row, rows) {
                    (Some(row), Some(rows)) => rows.push(row),
                    (None, Some(rows)) => {
                        if let Some(last) = rows.last_mut() {
                            append(&mut last.description, text);
                        }
                    }
                    (Some(row), None) => current.response.push(Response::Row(row)),
                    (None, None) => match current.response.last_mut() {
                        Some(Response::Row(last)) => append(&mut last.description, text),
                        _ => current.response.push(Response::Text(text.to_owned())),
                    },
                }
                if described && desc_indent.is_none() {
                    desc_indent = Some(indent);
                }
            }
            Context::Errors => read_error(&mut current, line, text, next_text, &mut i),
        }
    }
    let end = pieces.len();
    finish(&mut page, &mut current, &mut object, end);
    page
}

/// A row without a type marker, when the page's structure makes it one: a dotted name
/// (`ShippingClass.Type`), or a name indented under an object row (or beside such a row) at
/// an indentation that is not the descriptions'.
fn untyped(
    text: &str,
    indent: usize,
    last: Option<&Row>,
    desc_indent: Option<usize>,
    next_is_marker: bool,
) -> Option<(String, String, usize)> {
    if text.contains('.') && !text.contains(' ') && table::is_word_name(text) && !next_is_marker {
        return Some((text.to_owned(), String::new(), indent));
    }
    let last = last?;
    if next_is_marker {
        return None;
    }
    let container = is_container(last);
    // `Code - Integer identifying the error.` in the description of an object row: a field
    // of that object, nested one level under it whatever the cell's indentation.
    if let Some((name, rest)) = table::dash_row(text) {
        if container {
            return Some((name, rest, last.indent + 2));
        }
        if last.marker.doc_type.is_empty() && last.indent > 0 {
            return Some((name, rest, last.indent));
        }
    }
    if desc_indent == Some(indent) {
        return None;
    }
    let under = container && indent > last.indent;
    let beside = last.marker.doc_type.is_empty() && indent == last.indent && indent > 0;
    if !(under || beside) {
        return None;
    }
    table::untyped_row(text).map(|(name, rest)| (name, rest, indent))
}

/// A plain identifier: a letter, then letters, digits and underscores.
fn identifier(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_container(row: &Row) -> bool {
    let doc = row.marker.doc_type.to_ascii_lowercase();
    matches!(doc.as_str(), "object" | "array" | "complet object") || doc.starts_with("array of")
}

fn untyped_marker(rest: String) -> table::Marker {
    table::Marker {
        doc_type: String::new(),
        required: None,
        rest,
    }
}

/// A sub-header row naming the object the following rows belong to: `Items → PricingOptions`,
/// `Items > PricingOptions`; returned as a dotted path.
fn sub_header(text: &str) -> Option<String> {
    let parts: Vec<&str> = text
        .split(['→', '›', '»', '>'])
        .map(|p| p.trim().trim_end_matches('-').trim())
        .collect();
    (parts.len() >= 2 && parts.iter().all(|p| table::is_name(p) && !p.contains('.')))
        .then(|| parts.join("."))
}

fn row_of(line: usize, indent: usize, name: String, marker: table::Marker) -> Row {
    let description = marker.rest.clone();
    Row {
        line,
        indent,
        name,
        marker,
        description,
    }
}

fn append(description: &mut String, text: &str) {
    if !description.is_empty() {
        description.push(' ');
    }
    description.push_str(text);
}

/// An error row: `CODE meaning` on one line, or the code alone with the meaning on the next.
fn read_error(section: &mut Section, line: usize, text: &str, next: Option<&str>, i: &mut usize) {
    let is_code = |t: &str| {
        t.len() >= 3
            && t.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    };
    if is_code(text) {
        let meaning = next.filter(|n| !is_code(n)).unwrap_or("").to_owned();
        if next.is_some_and(|n| !is_code(n)) {
            *i += 1;
        }
        section.errors.push((text.to_owned(), meaning, line));
        return;
    }
    if let Some((code, meaning)) = text.split_once(char::is_whitespace)
        && is_code(code)
    {
        section
            .errors
            .push((code.to_owned(), meaning.trim().to_owned(), line));
        return;
    }
    // "Missing required parameter: Name  What to do." — the code is the text up to the name.
    if let Some((head, tail)) = text.split_once(": ")
        && let Some((name, meaning)) = tail.split_once(char::is_whitespace)
        && !head.contains('.')
    {
        section
            .errors
            .push((format!("{head}: {name}"), meaning.trim().to_owned(), line));
        return;
    }
    if let Some((_, meaning, _)) = section.errors.last_mut()
        && meaning.is_empty()
    {
        *meaning = text.to_owned();
    }
}

fn close_object(page: &mut PageRead, section: &mut Section, object: &mut Option<ObjectTable>) {
    if let Some(table) = object.take() {
        if table.rows.is_empty() {
            return;
        }
        // Search options and other tables inside a method section belong to that method.
        if section.params.is_empty() && section.sample.is_none() {
            page.objects.push(table);
        } else {
            section.objects.push(table);
        }
    }
}

fn finish(
    page: &mut PageRead,
    section: &mut Section,
    object: &mut Option<ObjectTable>,
    line: usize,
) {
    close_object(page, section, object);
    let done = std::mem::replace(
        section,
        Section {
            line,
            ..Section::default()
        },
    );
    if !done.params.is_empty() || done.sample.is_some() || !done.objects.is_empty() {
        page.sections.push(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::layout;

    #[test]
    fn four_column_pipe_rows() {
        let text = "Request parameters\nParameters | Type | Required/Optional | Description |\n---|---|---|---|\nupSellCampaignCode | String | Required | The code. |\nRequest sample\n<?php $a = array('method' => 'x', 'params' => array($sessionID, $c)); ?>\n";
        let pieces = layout::pieces(text, layout::detect(text));
        let read = read(&pieces);
        let rows = &read.sections[0].params;
        assert_eq!(rows.len(), 1, "{pieces:?}");
        assert_eq!(rows[0].marker.required, Some(true));
    }
}
