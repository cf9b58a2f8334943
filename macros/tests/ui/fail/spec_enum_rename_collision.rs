//! Two enum values that become the same Rust variant.

use twocheckout_macros::api;

api! {
    /// Review state.
    #[source("seed: proposals")]
    enum ReviewState {
        /// Waiting for review.
        in_review,
        /// Waiting for review, other spelling.
        InReview,
    }
}

fn main() {}
