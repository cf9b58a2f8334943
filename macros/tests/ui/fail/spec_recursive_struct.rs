//! An object that contains itself without `Vec` or `Map` in between.

use twocheckout_macros::api;

api! {
    /// A category.
    #[source("https://docs.2checkout.com/api/category")]
    struct Category {
        /// The parent category.
        Parent: Option<Category>,
    }
}

fn main() {}
