//! Plain text with pipe-separated tables: `name | Required (string) |`. Converted pages often
//! break one row over several lines, so every cell becomes a line of its own, in order.

use super::layout::{Piece, split_samples, text_piece};

/// Reads a page with pipe-separated tables.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut reader = Rows::default();
    split_samples(text, |line, raw| reader.cells(line, raw))
}

/// The table being read. Nested rows show their depth by empty leading cells
/// (`| | ProductId | Int |` under `| ProductInfo | Object | |`), and converted pages break one
/// row over several lines (even one cell: `| \n \n | \n ProductId |`), so cells are counted
/// across lines: a row ends after as many pipes as the table has columns.
#[derive(Debug, Default)]
struct Rows {
    /// Columns of the current table, once known (from its separator or first row).
    cols: Option<usize>,
    /// Whether rows open with a pipe (`| a | b |`) rather than start with their first cell
    /// (`a | b |`).
    opener: bool,
    /// Whether the current row is open (its opening pipe seen, or its first cell started).
    open: bool,
    /// Cells closed in the current row.
    closed: usize,
    /// Empty cells closed in the current row before its first text.
    empties: usize,
    /// Whether the current row has text yet.
    content: bool,
}

impl Rows {
    /// The cells of one line, each a line of its own, indented by the depth of its row.
    fn cells(&mut self, line: usize, raw: &str) -> Vec<Piece> {
        let trimmed = raw.trim();
        if !trimmed.contains('|') {
            if trimmed.is_empty() {
                return Vec::new();
            }
            let in_cell = self.cols.is_some() && (self.open || !self.opener && self.closed > 0);
            let piece = text_piece(line, raw).map(|piece| match piece {
                Piece::Line { line, text, .. } if in_cell => {
                    self.content = true;
                    Piece::Line {
                        line,
                        indent: self.empties * 4,
                        text,
                    }
                }
                other => other,
            });
            if !in_cell {
                // Text between rows: the table (if any) has ended.
                *self = Rows::default();
            }
            return piece.into_iter().collect();
        }
        if is_separator(trimmed) {
            self.opener = trimmed.starts_with('|');
            self.cols = Some(trimmed.split('|').filter(|c| !c.trim().is_empty()).count());
            self.end_row();
            return Vec::new();
        }
        if self.cols.is_none() {
            // The first row of a table without a separator gives its shape.
            self.opener = trimmed.starts_with('|');
            let pipes = trimmed.matches('|').count();
            self.cols = Some(if self.opener { pipes - 1 } else { pipes }.max(1));
            self.end_row();
        }
        let cols = self.cols.unwrap_or(1);
        let mut out = Vec::new();
        let mut parts = trimmed.split('|').peekable();
        while let Some(part) = parts.next() {
            let closes = parts.peek().is_some();
            if !closes && part.trim().is_empty() {
                // Nothing after the line's last pipe.
                break;
            }
            if !self.open {
                if self.opener && part.trim().is_empty() && closes {
                    // The opening pipe.
                    self.open = true;
                    continue;
                }
                self.open = true;
            }
            match text_piece(line, part) {
                Some(Piece::Line { line, text, .. }) => {
                    self.content = true;
                    out.push(Piece::Line {
                        line,
                        indent: self.empties * 4,
                        text,
                    });
                }
                Some(code) => out.push(code),
                None if closes && !self.content => self.empties += 1,
                None => {}
            }
            if closes {
                self.closed += 1;
                if self.closed >= cols {
                    self.end_row();
                }
            }
        }
        out
    }

    fn end_row(&mut self) {
        self.open = false;
        self.closed = 0;
        self.empties = 0;
        self.content = false;
    }
}

fn is_separator(line: &str) -> bool {
    line.contains("---")
        && line
            .chars()
            .all(|c| c == '-' || c == ':' || c == ' ' || c == '|')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Line { indent, text, .. } => Some((indent, text)),
                Piece::Code { .. } => None,
            })
            .collect()
    }

    #[test]
    fn empty_leading_cells_nest_rows_without_openers() {
        // Knowledge center style: rows start with their first cell; a nested row starts
        // with an empty one.
        let text = "Parameters | Array of upgrade options | ||\nProductInfo | Object | ||\n| Details below. | ||\n| ProductId | Int | |\n|\n| Unique product id. | |\nQuantity | Int | ||\n";
        let got = lines(text);
        let find = |t: &str| got.iter().find(|(_, x)| x == t).map(|(i, _)| *i);
        assert_eq!(find("ProductInfo"), Some(0));
        assert_eq!(find("ProductId"), Some(4));
        assert_eq!(find("Int"), Some(4));
        assert_eq!(find("Quantity"), Some(0));
    }

    #[test]
    fn empty_cells_count_across_broken_lines() {
        // verifone.cloud style: one cell per line, rows opened by a pipe.
        let text = "| Parameters | Type/Description | ||\n|---|---|---|---|\n| \n Product  | \n Object  | \n||\n| \n \n  | \n ProductCode  | \n String  | \n|\n| \n Next  | \n String  | \n||\n";
        let got = lines(text);
        assert!(got.contains(&(0, "Product".to_owned())), "{got:?}");
        assert!(got.contains(&(4, "ProductCode".to_owned())), "{got:?}");
        assert!(got.contains(&(0, "Next".to_owned())), "{got:?}");
    }

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
