//! The CLI end to end on a copy of the real spec: `check` names the stale file and items after a
//! spec change, `generate` brings the output up to date (adding, updating and deleting files),
//! and `validate` reports spec errors with their position.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch copy of `api-spec/` and an output directory, removed on drop.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("drift-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let spec = root.join("api-spec");
        fs::create_dir_all(&spec).expect("create scratch spec dir");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
        for entry in fs::read_dir(&source).expect("read api-spec") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "api") {
                fs::copy(&path, spec.join(path.file_name().expect("file name")))
                    .expect("copy spec file");
            }
        }
        Scratch { root }
    }

    fn spec(&self) -> PathBuf {
        self.root.join("api-spec")
    }

    fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    /// Runs the CLI with `--spec` (and `--out` unless validating).
    fn run(&self, command: &str) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_twocheckout-codegen"));
        cmd.arg(command).arg("--spec").arg(self.spec());
        if command != "validate" {
            cmd.arg("--out").arg(self.out());
        }
        cmd.output().expect("run twocheckout-codegen")
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.spec().join(file);
        let text = fs::read_to_string(&path).expect("read spec file");
        assert!(text.contains(from), "{file} no longer contains {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).expect("write spec file");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_names_stale_files_and_items_until_regenerated() {
    let scratch = Scratch::new("check");
    let generated = scratch.run("generate");
    assert!(generated.status.success(), "{}", text(&generated.stderr));
    assert!(text(&generated.stdout).contains("added    reseller.rs"));
    let check = scratch.run("check");
    assert!(check.status.success(), "{}", text(&check.stderr));

    // Change an existing object's docs, add an object and drop a whole spec file.
    scratch.edit(
        "reseller.api",
        "/// Reseller company name.",
        "/// Reseller company name, as registered.",
    );
    let reseller = scratch.spec().join("reseller.api");
    let mut text_now = fs::read_to_string(&reseller).expect("read reseller.api");
    text_now.push_str(
        "\n/// Added by the drift test.\n#[source(\"drift test\")]\nstruct DriftProbe {\n    \
         /// A name.\n    Name: Option<String>,\n}\n",
    );
    fs::write(&reseller, text_now).expect("write reseller.api");
    fs::remove_file(scratch.spec().join("upsell.api")).expect("remove upsell.api");

    let stale = scratch.run("check");
    let stderr = text(&stale.stderr);
    assert_eq!(stale.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("reseller.rs: out of date"), "{stderr}");
    // The item lines of reseller.rs follow its own header line.
    let line = |label: &str| {
        stderr
            .lines()
            .skip_while(|l| !l.contains("reseller.rs: out of date"))
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no `{label}` line in: {stderr}"))
            .to_owned()
    };
    assert!(line("changed:").contains("struct Reseller"), "{stderr}");
    assert!(line("missing:").contains("struct DriftProbe"), "{stderr}");
    assert!(
        stderr.contains("upsell.rs: generated file the spec no longer produces"),
        "{stderr}"
    );
    assert!(stderr.contains("lib.rs: out of date"), "{stderr}");
    assert!(
        !stderr.contains("order.rs"),
        "untouched files are not named: {stderr}"
    );

    let regenerated = scratch.run("generate");
    let stdout = text(&regenerated.stdout);
    assert!(
        regenerated.status.success(),
        "{}",
        text(&regenerated.stderr)
    );
    assert!(stdout.contains("updated  reseller.rs"), "{stdout}");
    assert!(stdout.contains("removed  upsell.rs"), "{stdout}");
    assert!(!scratch.out().join("upsell.rs").exists());

    let check = scratch.run("check");
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&check.stdout).contains("up to date"));
}

#[test]
fn generate_keeps_hand_written_files_and_leaves_fresh_ones_untouched() {
    let scratch = Scratch::new("keep");
    fs::create_dir_all(scratch.out()).expect("create out dir");
    fs::write(scratch.out().join("extra.rs"), "//! Hand-written.\n").expect("write extra.rs");
    assert!(scratch.run("generate").status.success());
    let before = fs::metadata(scratch.out().join("order.rs"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let again = scratch.run("generate");
    assert!(text(&again.stdout).contains("0 added, 0 updated, 0 removed"));
    let after = fs::metadata(scratch.out().join("order.rs"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(before, after, "an up-to-date file is not rewritten");
    assert!(
        scratch.out().join("extra.rs").exists(),
        "hand-written files stay"
    );
}

#[test]
fn validate_reports_spec_errors_with_positions() {
    let scratch = Scratch::new("validate");
    let ok = scratch.run("validate");
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("no errors"));

    scratch.edit("reseller.api", "Company: String,", "Company: Strin,");
    let bad = scratch.run("validate");
    let stderr = text(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("api-spec/reseller.api:"), "{stderr}");
    assert!(stderr.contains("Strin"), "{stderr}");
    let check = scratch.run("check");
    assert_eq!(
        check.status.code(),
        Some(1),
        "check refuses a broken spec too"
    );
}

#[test]
fn usage_errors_exit_with_2() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_twocheckout-codegen"))
            .args(args)
            .output()
            .expect("run twocheckout-codegen")
    };
    let unknown = run(&["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("unknown command `frobnicate`"));
    let missing = run(&["check", "--spec"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("`--spec` needs a directory"));
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("usage: twocheckout-codegen"));
}
