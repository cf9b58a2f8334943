//! The spec under `api-spec/` must load without a single diagnostic.
//!
//! Run `cargo test -p twocheckout-codegen --test real_spec` after editing a spec file: a failure
//! prints every error as `file:line:col: error: …` with its hint.

use std::path::Path;

use twocheckout_codegen::load::{self, LoadError};

#[test]
fn api_spec_directory_loads_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    match load::load_dir(&dir) {
        Ok(spec) => {
            assert!(!spec.modules.is_empty(), "the spec has no module");
            assert!(!spec.methods.is_empty(), "the spec has no method");
        }
        Err(LoadError::Spec(diagnostics)) => panic!(
            "the spec has {} error(s):\n{diagnostics}",
            diagnostics.len()
        ),
        Err(other) => panic!("cannot load the spec: {other}"),
    }
}
