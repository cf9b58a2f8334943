//! Must not compile: `reseller_code` is required and never set.

use types_check::Reseller;

fn main() {
    let reseller = Reseller::builder().partner_code("P1").build();
    println!("{reseller:?}");
}
