//! Prints the build benchmark's peer source (see `twocheckout_codegen::emit::peer`):
//!
//! ```sh
//! cargo run -q -p twocheckout-codegen --example peer_crate -- [SPEC_DIR] > peer.rs
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../api-spec").to_owned());
    let spec = match twocheckout_codegen::load::load_dir(std::path::Path::new(&dir)) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match twocheckout_codegen::emit::peer::peer_file(&spec) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
