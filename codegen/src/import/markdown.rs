//! GitBook Markdown of docs.2checkout.com: tables whose cells read `**name**` and
//! `**Required (string)**` with the description in the next row (or after a `<br>` in the same
//! cell), fenced samples, `{% stepper %}` / `{% step %}` blocks and HTML fragments.

use super::layout::{Piece, indent_of, text_piece};

/// Reads a GitBook page.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut fence: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.starts_with("```") {
            match fence.take() {
                Some((start, text)) => out.push(Piece::Code { line: start, text }),
                None => fence = Some((line, String::new())),
            }
            continue;
        }
        if let Some((_, body)) = &mut fence {
            body.push_str(raw);
            body.push('\n');
            continue;
        }
        // Stepper and tab markers only structure the page, but a tab's title heads what it
        // holds (`{% tab title="Response" %}`).
        if trimmed.starts_with("{%") {
            if let Some(title) = tab_title(trimmed) {
                out.extend(text_piece(line, title));
            }
            continue;
        }
        if trimmed.starts_with('|') {
            out.extend(row_cells(line, raw));
            continue;
        }
        let heading = trimmed.trim_start_matches('#');
        // Indentation of HTML lines is the markup's layout, not nesting.
        let indent = if trimmed.starts_with('<') {
            0
        } else {
            indent_of(raw)
        };
        out.extend(split_breaks(line, indent, heading));
    }
    if let Some((line, text)) = fence {
        out.push(Piece::Code { line, text });
    }
    out
}

/// The title of a `{% tab title="…" %}` marker.
fn tab_title(marker: &str) -> Option<&str> {
    let rest = marker.strip_prefix("{%")?.trim_start();
    let rest = rest.strip_prefix("tab ")?;
    let start = rest.find("title=\"")? + "title=\"".len();
    let end = rest[start..].find('"')? + start;
    Some(&rest[start..end])
}

/// The cells of a table row, each split at `<br>` (GitBook puts the marker and the description
/// in one cell that way). Separator rows hold no cell.
fn row_cells(line: usize, raw: &str) -> Vec<Piece> {
    raw.trim()
        .trim_matches('|')
        .split('|')
        .filter(|cell| {
            !cell
                .trim()
                .chars()
                .all(|c| c == '-' || c == ':' || c == ' ')
        })
        .flat_map(|cell| split_breaks(line, 0, cell))
        .collect()
}

fn split_breaks(line: usize, indent: usize, text: &str) -> Vec<Piece> {
    let mut text = text.to_owned();
    for pattern in BREAKS {
        // Only a line with markup or a dash pays for a copy.
        if text.contains(pattern) {
            text = text.replace(pattern, "\n");
        }
    }
    text.split('\n')
        .filter_map(|part| {
            let (depth, rest) = nesting(part);
            text_piece(line, rest).map(|piece| (depth, piece))
        })
        .map(|(depth, piece)| match piece {
            Piece::Line { line, text, .. } => Piece::Line {
                line,
                indent: indent + depth,
                text,
            },
            code => code,
        })
        .collect()
}

/// What ends a line inside a cell, replaced in this order.
const BREAKS: [&str; 8] = [
    "<br>", "<br/>", "<br />", "</p>", "</td>", "</th>", "</tr>", " — ",
];

/// Markers GitBook tables use to show a nested row: `↳ Code`, `└ Code`.
const NEST_MARKERS: &[char] = &['↳', '└', '├', '⤷', '↪', '∟'];

/// The nesting a cell shows before its text (non-breaking spaces count 1, a marker 4), and
/// the cell with those markers removed. Tags before the text are skipped; plain spaces are
/// padding and do not count.
fn nesting(part: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = part;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if let Some(after) = trimmed.strip_prefix("&#x20;") {
            depth += 1;
            rest = after;
        } else if let Some(after) = trimmed
            .strip_prefix("&nbsp;")
            .or_else(|| trimmed.strip_prefix("&#160;"))
            .or_else(|| trimmed.strip_prefix('\u{a0}'))
        {
            depth += 1;
            rest = after;
        } else if let Some(c) = trimmed.chars().next()
            && NEST_MARKERS.contains(&c)
        {
            depth += 4;
            rest = &trimmed[c.len_utf8()..];
        } else if trimmed.starts_with('<')
            && !trimmed.starts_with("<code")
            && let Some(end) = trimmed.find('>')
        {
            // An opening tag (`<td>`, `<p>`): look past it, keep it out of the text.
            rest = &trimmed[end + 1..];
        } else {
            // Nothing skipped: the text is the whole part.
            return if depth == 0 {
                (0, part)
            } else {
                (depth, trimmed)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_markers_in_cells() {
        assert_eq!(nesting("↳ `Code`"), (4, "`Code`"));
        assert_eq!(nesting("<td>&#x20;&#x20;<code>Code</code>").0, 2);
        assert_eq!(nesting("&nbsp;&nbsp;&nbsp;&nbsp;Code").0, 4);
        assert_eq!(nesting("  `Code` ").0, 0);
        assert_eq!(tab_title(r#"{% tab title="Response" %}"#), Some("Response"));
        assert_eq!(tab_title("{% tabs %}"), None);
    }

    #[test]
    fn cells_fences_and_steppers() {
        let text = "{% stepper %}\n| **id** | **Required (int)** |\n|  | The id. |\n```php\n$a = 1;\n```\n";
        let pieces = pieces(text);
        let texts: Vec<&str> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Line { text, .. } => Some(text.as_str()),
                Piece::Code { .. } => None,
            })
            .collect();
        assert_eq!(texts, ["id", "Required (int)", "The id."]);
        assert!(
            matches!(pieces.last(), Some(Piece::Code { line: 4, text }) if text == "$a = 1;\n")
        );
    }
}
