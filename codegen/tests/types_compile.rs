//! The type emitter's output compiles with warnings denied, passes clippy, and behaves on the
//! wire as documented.
//!
//! The types of `tests/specs/types.api` are emitted into a throwaway crate together with the
//! round-trip tests in `tests/types_crate/roundtrip.rs`, then built and tested with `cargo`. The
//! crate depends on a stand-in `twocheckout_rpc` made of the real `runtime/src/support` module and
//! the `__private` re-exports only: that is everything emitted types refer to, and it keeps the
//! build small (serde, serde_json and time only, resolved offline from the workspace lock file).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use twocheckout_codegen::emit::types::type_def;
use twocheckout_codegen::load::{Source, load_dir, load_sources};
use twocheckout_codegen::model::Spec;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The emitted types of the test spec, formatted.
fn emitted_types() -> String {
    let path = manifest_dir().join("tests/specs/types.api");
    let text = fs::read_to_string(&path).expect("tests/specs/types.api is readable");
    let spec = load_sources(&[Source {
        name: "types.api".into(),
        text,
    }])
    .unwrap_or_else(|d| panic!("tests/specs/types.api has errors:\n{d}"));
    format_types(&spec)
}

/// The emitted types of the real spec under `api-spec/`, formatted.
fn real_spec_types() -> String {
    let dir = manifest_dir().join("../api-spec");
    let spec = load_dir(&dir).unwrap_or_else(|e| panic!("api-spec does not load: {e}"));
    format_types(&spec)
}

fn format_types(spec: &Spec) -> String {
    // The types with the imports every generated module starts with.
    let mut tokens = twocheckout_codegen::emit::module::runtime_imports();
    tokens.extend(spec.types.iter().map(|t| type_def(t, spec)));
    let file: syn::File = syn::parse2(tokens).expect("emitted types parse as a Rust file");
    prettyplease::unparse(&file)
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("path has a parent")).expect("create dir");
    // Rewrite only on change so cargo's fingerprints stay valid between runs.
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).expect("write file");
    }
}

/// Lays out the throwaway workspace once per test run (the tests run in parallel threads and
/// must not rewrite files another one is compiling) and returns its root.
fn scaffold() -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(write_scaffold).clone()
}

fn write_scaffold() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("types_crate");
    let support = manifest_dir().join("../runtime/src/support/mod.rs");
    let support = support
        .canonicalize()
        .expect("runtime/src/support/mod.rs exists");
    write(
        &root.join("Cargo.toml"),
        "[workspace]\nmembers = [\"rpc\", \"check\", \"real\"]\nresolver = \"3\"\n",
    );
    let lock = fs::read_to_string(manifest_dir().join("../Cargo.lock")).expect("workspace lock");
    write(&root.join("Cargo.lock"), &lock);
    write(
        &root.join("rpc/Cargo.toml"),
        "[package]\nname = \"twocheckout-rpc\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n\
         serde_json = { version = \"1\", features = [\"raw_value\"] }\n\
         rust_decimal = { version = \"1\", default-features = false, features = [\"std\"] }\n\
         time = { version = \"0.3\", default-features = false, features = [\"std\"] }\n\n\
         [features]\ndefault = [\"time\"]\ntime = [\"time/parsing\", \"time/macros\"]\n",
    );
    write(
        &root.join("rpc/src/lib.rs"),
        &format!(
            "//! Stand-in for `twocheckout_rpc`: its support types only.\n\
             #[path = {support:?}]\npub mod support;\n\
             #[doc(hidden)]\npub mod __private {{\n    pub use serde;\n    pub use serde_json;\n}}\n"
        ),
    );
    write(
        &root.join("check/Cargo.toml"),
        "[package]\nname = \"types-check\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\ntwocheckout-rpc = { path = \"../rpc\" }\nserde_json = \"1\"\n",
    );
    write(
        &root.join("check/src/lib.rs"),
        &format!(
            "//! Types emitted from `tests/specs/types.api`.\n#![deny(warnings, missing_docs)]\n\
             #![allow(non_camel_case_types, reason = \"builder markers, as in the generated modules\")]\n\n{}",
            emitted_types()
        ),
    );
    write(
        &root.join("real/Cargo.toml"),
        "[package]\nname = \"real-types-check\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [dependencies]\ntwocheckout-rpc = { path = \"../rpc\" }\n\n\
         [dev-dependencies]\nserde_json = \"1\"\n",
    );
    write(
        &root.join("real/src/lib.rs"),
        &format!(
            "//! Types emitted from `api-spec/`.\n#![deny(warnings, missing_docs)]\n\
             #![allow(non_camel_case_types, reason = \"builder markers, as in the generated modules\")]\n\n{}",
            real_spec_types()
        ),
    );
    let tests = fs::read_to_string(manifest_dir().join("tests/types_crate/roundtrip.rs"))
        .expect("round-trip tests are readable");
    write(&root.join("check/tests/roundtrip.rs"), &tests);
    let missing = fs::read_to_string(manifest_dir().join("tests/types_crate/missing_field.rs"))
        .expect("compile-fail example is readable");
    write(&root.join("check/examples/missing_field.rs"), &missing);
    root
}

fn cargo(root: &Path, args: &[&str]) -> (bool, String) {
    // `--offline` goes right after the subcommand: anything after `--` belongs to the tool.
    let output = Command::new(env!("CARGO"))
        .args(&args[..1])
        .arg("--offline")
        .args(&args[1..])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env("RUSTFLAGS", "-Dwarnings")
        .env_remove("RUSTC_WRAPPER")
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

#[test]
fn emitted_types_compile_pass_clippy_and_round_trip() {
    let root = scaffold();
    let (ok, log) = cargo(&root, &["test", "-p", "types-check", "--lib", "--tests"]);
    assert!(
        ok,
        "the emitted types do not compile or their tests fail:\n{log}"
    );
    let (ok, log) = cargo(
        &root,
        &[
            "clippy",
            "-p",
            "types-check",
            "--lib",
            "--tests",
            "--",
            "-D",
            "warnings",
        ],
    );
    assert!(ok, "clippy rejects the emitted types:\n{log}");
    let (ok, log) = cargo(&root, &["doc", "-p", "types-check", "--no-deps"]);
    assert!(
        ok && !log.contains("warning"),
        "rustdoc warns on the emitted types:\n{log}"
    );
}

#[test]
fn the_real_spec_types_compile_and_pass_clippy() {
    let root = scaffold();
    let (ok, log) = cargo(
        &root,
        &["clippy", "-p", "real-types-check", "--", "-D", "warnings"],
    );
    assert!(
        ok,
        "the real spec's types do not compile or clippy rejects them:\n{log}"
    );
    let (ok, log) = cargo(&root, &["doc", "-p", "real-types-check", "--no-deps"]);
    assert!(
        ok && !log.contains("warning"),
        "rustdoc warns on the real spec's types:\n{log}"
    );
}

#[test]
fn a_missing_required_field_is_named_in_the_compile_error() {
    let root = scaffold();
    let (ok, log) = cargo(
        &root,
        &["build", "-p", "types-check", "--example", "missing_field"],
    );
    assert!(
        !ok,
        "a builder without its required fields compiled:\n{log}"
    );
    // rustc names the marker with its crate path outside the defining crate.
    assert!(
        log.contains("missing required field `types_check::Reseller_reseller_code`"),
        "the error does not name the missing field:\n{log}"
    );
    assert!(
        !log.contains("Reseller_partner_code`"),
        "a field that was set is reported missing:\n{log}"
    );
}
