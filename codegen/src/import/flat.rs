//! The flattened text of knowledge center and verifone.cloud pages: one cell per line (or
//! tab- and space-separated cells on one line), indentation for nesting, inline PHP samples.

use super::layout::{Piece, split_samples, text_piece};

/// Reads a flattened page.
pub fn pieces(text: &str) -> Vec<Piece> {
    split_samples(text, |line, raw| {
        text_piece(line, raw).into_iter().collect()
    })
}
