//! Embeds every `../api-spec/*.api` file so the sandbox knows the same methods as the bindings.
//!
//! Writes `$OUT_DIR/spec_files.rs`: a `SPEC_FILES` table of `(file name, contents)` built with
//! `include_str!`, so a change to any spec file (or a new one) rebuilds the sandbox.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let spec_dir = manifest_dir.join("..").join("api-spec");
    println!("cargo:rerun-if-changed={}", spec_dir.display());

    let mut files = spec_files(&spec_dir);
    files.sort();

    let mut table = String::from(
        "/// Every spec file of `api-spec/`, as `(file name, contents)`, ordered by name.\n\
         pub const SPEC_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let absolute = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        writeln!(
            table,
            "    ({name:?}, include_str!({:?})),",
            absolute.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    table.push_str("];\n");

    let out =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("spec_files.rs");
    fs::write(&out, table).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The `*.api` files directly inside `dir` (none when the folder is missing).
fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "api"))
        .collect()
}
