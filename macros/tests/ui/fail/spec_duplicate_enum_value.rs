//! The same value twice in a closed set.

use twocheckout_macros::api;

api! {
    /// Discount kind.
    #[source("seed: upgradePartnerSubscriptions")]
    enum AmountType {
        /// A fixed amount.
        FIXED,
        /// A percentage.
        PERCENT,
        /// A fixed amount, again.
        FIXED,
    }
}

fn main() {}
