//! Snapshots of the generated code.
//!
//! Each small spec in `tests/specs/*.api` is generated and compared with the files checked in
//! under `tests/snapshots/<spec name>/`. The real spec's snapshot is the generated crate itself
//! (`generated/src`). Set `TWOCHECKOUT_BLESS=1` to rewrite the snapshots after an intended change.
//!
//! That every snapshot compiles with warnings denied is proved by `generated/tests/snapshots.rs`,
//! which includes each one as a module of a `#![deny(warnings)]` test crate.

use std::fs;
use std::path::{Path, PathBuf};

use twocheckout_codegen::files::{self, Files};
use twocheckout_codegen::load::{Source, load_dir, load_sources};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn blessing() -> bool {
    std::env::var_os("TWOCHECKOUT_BLESS").is_some_and(|v| v != "0")
}

/// The test specs, sorted by file name.
fn test_specs() -> Vec<PathBuf> {
    let dir = manifest_dir().join("tests/specs");
    let mut specs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "api"))
        .collect();
    specs.sort();
    specs
}

/// Generates the files of one test spec, named as the snapshots name it.
fn generate(spec_path: &Path) -> Files {
    let file_name = spec_path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("spec file name is UTF-8");
    let text =
        fs::read_to_string(spec_path).unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
    let spec = load_sources(&[Source {
        name: format!("tests/specs/{file_name}"),
        text,
    }])
    .unwrap_or_else(|d| panic!("{file_name} has errors:\n{d}"));
    // The snapshots are compiled as modules of a test crate (`generated/tests/snapshots.rs`),
    // which has no per-module features.
    files::render_without_features(&spec).unwrap_or_else(|e| panic!("{file_name}: {e}"))
}

/// Compares `files` with `dir`, or rewrites `dir` when blessing. Returns the problems found.
fn verify(files: &Files, dir: &Path, what: &str) -> Vec<String> {
    if blessing() {
        files::write(files, dir).unwrap_or_else(|e| panic!("{what}: {e}"));
        return Vec::new();
    }
    files::compare(files, dir)
        .unwrap_or_else(|e| panic!("{what}: {e}"))
        .into_iter()
        .map(|stale| format!("{what}/{stale}"))
        .collect()
}

#[test]
fn test_specs_match_their_snapshots() {
    let specs = test_specs();
    assert!(!specs.is_empty(), "no spec in tests/specs");
    let mut problems = Vec::new();
    for spec_path in &specs {
        let stem = spec_path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("spec stem is UTF-8");
        let dir = manifest_dir().join("tests/snapshots").join(stem);
        problems.extend(verify(&generate(spec_path), &dir, stem));
    }
    assert!(
        problems.is_empty(),
        "snapshots differ (rerun with TWOCHECKOUT_BLESS=1 if intended):\n{}",
        problems.join("\n")
    );
}

#[test]
fn real_spec_matches_the_generated_crate() {
    let spec = load_dir(&manifest_dir().join("../api-spec"))
        .unwrap_or_else(|e| panic!("api-spec does not load:\n{e}"));
    let files = files::render(&spec).unwrap_or_else(|e| panic!("api-spec: {e}"));
    let problems = verify(
        &files,
        &manifest_dir().join("../generated/src"),
        "generated/src",
    );
    assert!(
        problems.is_empty(),
        "generated/src is stale: run `cargo run -p twocheckout-codegen -- generate`\n{}",
        problems.join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    for spec_path in test_specs() {
        assert_eq!(
            generate(&spec_path),
            generate(&spec_path),
            "{}",
            spec_path.display()
        );
    }
}

#[test]
fn every_snapshot_directory_has_a_spec() {
    let dir = manifest_dir().join("tests/snapshots");
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    };
    let specs: Vec<String> = test_specs()
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
        .collect();
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            assert!(
                specs.iter().any(|s| s == name),
                "tests/snapshots/{name} has no tests/specs/{name}.api; delete it"
            );
        }
    }
}

#[test]
fn every_snapshot_is_compiled_by_the_harness() {
    let harness_path = manifest_dir().join("../generated/tests/snapshots.rs");
    let harness = fs::read_to_string(&harness_path)
        .unwrap_or_else(|e| panic!("{}: {e}", harness_path.display()));
    for spec_path in test_specs() {
        let stem = spec_path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("spec stem is UTF-8");
        let line = format!("#[path = \"../../codegen/tests/snapshots/{stem}/lib.rs\"]");
        assert!(
            harness.contains(&line),
            "generated/tests/snapshots.rs does not compile the `{stem}` snapshot; add:\n{line}\npub mod {stem}_crate;"
        );
    }
}
