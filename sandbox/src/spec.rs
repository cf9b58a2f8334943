//! The API spec compiled into the sandbox: every `api-spec/*.api` file, parsed and checked at
//! startup, so a method added to the spec is known to the sandbox on the next build.

use twocheckout_codegen::load::{Source, load_sources};
use twocheckout_codegen::model::Spec;

include!(concat!(env!("OUT_DIR"), "/spec_files.rs"));

/// Loads the embedded spec files, named `api-spec/<file>` as the generator names them. On
/// failure returns every diagnostic (`file:line:col: message`).
pub fn embedded() -> Result<Spec, String> {
    if SPEC_FILES.is_empty() {
        return Err("no spec files were embedded: api-spec/ holds no *.api file".into());
    }
    let sources: Vec<Source> = SPEC_FILES
        .iter()
        .map(|(name, text)| Source {
            name: format!("api-spec/{name}"),
            text: (*text).to_string(),
        })
        .collect();
    load_sources(&sources).map_err(|diagnostics| diagnostics.to_string())
}
