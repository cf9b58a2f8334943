//! `include_api!` takes a string literal, not an expression.

use twocheckout_macros::include_api;

include_api!(concat!("specs/", "shop.api"));

fn main() {}
