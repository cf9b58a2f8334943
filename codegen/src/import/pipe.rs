//! Plain text with pipe-separated tables: `name | Required (string) |`. Converted pages often
//! break one row over several lines, so every cell becomes a line of its own, in order.

use super::layout::{Piece, indent_of, split_samples, text_piece};

/// Reads a page with pipe-separated tables.
pub fn pieces(text: &str) -> Vec<Piece> {
    split_samples(text, cells)
}

/// The cells of one line; a line without a pipe is one cell. Separator rows (`---|---`) hold
/// no cell.
fn cells(line: usize, raw: &str) -> Vec<Piece> {
    if !raw.contains('|') {
        return text_piece(line, raw).into_iter().collect();
    }
    let indent = indent_of(raw);
    raw.split('|')
        .filter(|cell| {
            !cell
                .trim()
                .chars()
                .all(|c| c == '-' || c == ':' || c == ' ')
        })
        .filter_map(|cell| text_piece(line, cell))
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
    fn rows_broken_over_lines_become_cells_in_order() {
        let text =
            "| Parameters | Type/Description |\n|---|---|\n|\nsessionID |\nRequired (string) |\n";
        let texts: Vec<String> = pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Line { text, .. } => Some(text),
                Piece::Code { .. } => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Parameters",
                "Type/Description",
                "sessionID",
                "Required (string)"
            ]
        );
    }
}
