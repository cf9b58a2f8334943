//! `include_api!` naming a file that does not exist.

use twocheckout_macros::include_api;

include_api!("specs/no_such_file.api");

fn main() {}
