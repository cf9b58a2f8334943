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
        // Stepper and tab markers only structure the page.
        if trimmed.starts_with("{%") {
            continue;
        }
        if trimmed.starts_with('|') {
            out.extend(row_cells(line, raw));
            continue;
        }
        let heading = trimmed.trim_start_matches('#');
        out.extend(split_breaks(line, indent_of(raw), heading));
    }
    if let Some((line, text)) = fence {
        out.push(Piece::Code { line, text });
    }
    out
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
    let text = text
        .replace("<br>", "\n")
        .replace("<br/>", "\n")
        .replace("<br />", "\n")
        .replace("</p>", "\n")
        .replace("</td>", "\n")
        .replace("</th>", "\n")
        .replace("</tr>", "\n")
        .replace(" — ", "\n");
    text.split('\n')
        .filter_map(|part| text_piece(line, part))
        .map(|piece| match piece {
            Piece::Line { line, text, .. } => Piece::Line { line, indent, text },
            code => code,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
