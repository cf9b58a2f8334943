//! `twocheckout-codegen generate | check | validate`: writes, verifies or validates the bindings.
//!
//! ```text
//! twocheckout-codegen generate [--spec DIR] [--out DIR]   write generated/src from the spec
//! twocheckout-codegen check    [--spec DIR] [--out DIR]   exit 1 naming every stale file and item
//! twocheckout-codegen validate [--spec DIR]               load the spec, print its diagnostics
//! twocheckout-codegen import [--json | --diff] [--spec DIR] PAGE...
//!                                                          documentation pages → spec items
//! twocheckout-codegen export openrpc [--check] [--spec DIR] [--out DIR]
//!                                                          one OpenRPC document per API family
//! ```
//!
//! Defaults: `<workspace>/api-spec` and `<workspace>/generated/src`, the workspace being the one
//! this binary was built in, or else the current directory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use twocheckout_codegen::export;
use twocheckout_codegen::files::{self, Files};
use twocheckout_codegen::import::{self, Page, Problem};
use twocheckout_codegen::load;
use twocheckout_codegen::model::Spec;

const USAGE: &str = "\
usage: twocheckout-codegen <command> [--spec DIR] [--out DIR]

commands:
  generate   write the generated crate's sources from the spec
  check      compare the generated sources with the spec; exit 1 naming what is stale
  validate   load the spec and print its diagnostics
  import     read documentation pages (files, or - for stdin) and print spec items;
             --json prints them as JSON, --diff compares them with the spec (exit 1 on
             any difference)
  export openrpc
             write one OpenRPC document per API family (default --out:
             <workspace>/generated/openrpc); --check compares instead and exits 1
             naming every stale document

options:
  --spec DIR   directory of *.api files (default: <workspace>/api-spec)
  --out DIR    generated sources (default: <workspace>/generated/src)";

/// What the command line asked for.
struct Args {
    command: Command,
    spec: PathBuf,
    out: PathBuf,
}

#[derive(Clone, Copy)]
enum Command {
    Generate,
    Check,
    Validate,
    Help,
}

fn main() -> ExitCode {
    let mut raw = std::env::args().skip(1).peekable();
    if raw.peek().map(String::as_str) == Some("import") {
        raw.next();
        return run_import(raw.collect());
    }
    if raw.peek().map(String::as_str) == Some("export") {
        raw.next();
        return run_export(raw.collect());
    }
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match args.command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Validate => match load_spec(&args.spec) {
            Some(spec) => {
                println!(
                    "{}: {} modules, {} types, {} methods, no errors",
                    args.spec.display(),
                    spec.modules.len(),
                    spec.types.len(),
                    spec.methods.len()
                );
                ExitCode::SUCCESS
            }
            None => ExitCode::FAILURE,
        },
        Command::Generate => run(&args, generate),
        Command::Check => run(&args, check),
    }
}

/// Loads the spec, renders the files and hands them to `action`.
fn run(args: &Args, action: fn(&Spec, &Files, &Path) -> ExitCode) -> ExitCode {
    let Some(spec) = load_spec(&args.spec) else {
        return ExitCode::FAILURE;
    };
    match files::render(&spec) {
        Ok(files) => action(&spec, &files, &args.out),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(spec: &Spec, files: &Files, out: &Path) -> ExitCode {
    match files::write(files, out) {
        Ok(report) => {
            println!("{}: {report}", out.display());
            match manifest_features(spec, out) {
                Ok(Some((path, spliced, false))) => {
                    if let Err(e) = std::fs::write(&path, spliced) {
                        eprintln!("error: {}: {e}", path.display());
                        return ExitCode::FAILURE;
                    }
                    println!("{}: features updated", path.display());
                }
                Ok(_) => {}
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The manifest next to `out` with its generated features block brought up to date, and whether
/// it was already; `None` when there is no manifest or it has no such block.
fn manifest_features(spec: &Spec, out: &Path) -> Result<Option<(PathBuf, String, bool)>, String> {
    use twocheckout_codegen::emit::features;
    let path = features::manifest_path(out);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    Ok(
        features::splice(&text, &features::features_block(spec)).map(|spliced| {
            let fresh = spliced == text;
            (path, spliced, fresh)
        }),
    )
}

fn check(spec: &Spec, files: &Files, out: &Path) -> ExitCode {
    match manifest_features(spec, out) {
        Ok(Some((path, _, false))) => {
            eprintln!(
                "error: the features of {} are stale; run `cargo run -p twocheckout-codegen -- generate`",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        Ok(_) => {}
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    match files::compare(files, out) {
        Ok(stale) if stale.is_empty() => {
            println!("{}: up to date ({} files)", out.display(), files.len());
            ExitCode::SUCCESS
        }
        Ok(stale) => {
            eprintln!(
                "error: {} is stale; run `cargo run -p twocheckout-codegen -- generate`",
                out.display()
            );
            for file in stale {
                eprintln!("{}", indent(&file.to_string()));
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads the spec, printing every diagnostic on failure.
fn load_spec(dir: &Path) -> Option<Spec> {
    match load::load_dir(dir) {
        Ok(spec) => Some(spec),
        Err(e) => {
            eprintln!("{}", e.render());
            None
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = match args.next().as_deref() {
        Some("generate") => Command::Generate,
        Some("check") => Command::Check,
        Some("validate") => Command::Validate,
        Some("help" | "--help" | "-h") | None => Command::Help,
        Some(other) => return Err(format!("unknown command `{other}`")),
    };
    let workspace = workspace_root();
    let mut spec = workspace.join("api-spec");
    let mut out = workspace.join("generated").join("src");
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--spec" => &mut spec,
            "--out" if !matches!(command, Command::Validate) => &mut out,
            "--help" | "-h" => {
                return Ok(Args {
                    command: Command::Help,
                    spec,
                    out,
                });
            }
            other => return Err(format!("unexpected argument `{other}`")),
        };
        match args.next() {
            Some(value) => *slot = PathBuf::from(value),
            None => return Err(format!("`{flag}` needs a directory")),
        }
    }
    Ok(Args { command, spec, out })
}

/// The workspace this binary was built in, if it still exists; else the current directory.
fn workspace_root() -> PathBuf {
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    if built_in.join("api-spec").is_dir() {
        return built_in.canonicalize().unwrap_or(built_in);
    }
    PathBuf::from(".")
}

/// What `import` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ImportOutput {
    Spec,
    Json,
    Diff,
}

/// `import [--json | --diff] [--spec DIR] PAGE...`
fn run_import(args: Vec<String>) -> ExitCode {
    let mut output = ImportOutput::Spec;
    let mut spec_dir = workspace_root().join("api-spec");
    let mut paths = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => output = ImportOutput::Json,
            "--diff" => output = ImportOutput::Diff,
            "--spec" => match args.next() {
                Some(dir) => spec_dir = PathBuf::from(dir),
                None => {
                    eprintln!("error: `--spec` needs a directory\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with("--") => {
                eprintln!("error: unexpected argument `{flag}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => paths.push(arg),
        }
    }
    if paths.is_empty() {
        eprintln!("error: `import` needs at least one page (a file, or `-` for stdin)\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let mut pages = Vec::new();
    let mut unreadable = Vec::new();
    for path in &paths {
        match read_page(path) {
            Ok(page) => pages.push(page),
            Err(problem) => unreadable.push(problem),
        }
    }
    let mut imported = import::import_pages(&pages);
    unreadable.append(&mut imported.problems);
    imported.problems = unreadable;
    for problem in &imported.problems {
        eprintln!("warning: {problem}");
    }
    let nothing = imported.methods.is_empty() && imported.objects.is_empty();
    match output {
        ImportOutput::Spec => print!("{}", import::spec::to_text(&imported)),
        ImportOutput::Json => println!(
            "{}",
            serde_json::to_string_pretty(&import::json::to_json(&imported))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        ),
        ImportOutput::Diff => {
            let Some(spec) = load_spec(&spec_dir) else {
                return ExitCode::FAILURE;
            };
            let changes = import::diff::diff(&imported, &spec);
            print!("{}", import::diff::render(&changes));
            if !changes.is_empty() {
                return ExitCode::FAILURE;
            }
        }
    }
    if nothing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `export openrpc [--check] [--spec DIR] [--out DIR]`
fn run_export(args: Vec<String>) -> ExitCode {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("openrpc") => {}
        Some("--help" | "-h") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("error: unknown export format `{other}` (expected `openrpc`)\n\n{USAGE}");
            return ExitCode::from(2);
        }
        None => {
            eprintln!("error: `export` needs a format: `openrpc`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let workspace = workspace_root();
    let mut spec_dir = workspace.join("api-spec");
    let mut out = workspace.join("generated").join("openrpc");
    let mut check_only = false;
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--check" => {
                check_only = true;
                continue;
            }
            "--spec" => &mut spec_dir,
            "--out" => &mut out,
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unexpected argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        match args.next() {
            Some(value) => *slot = PathBuf::from(value),
            None => {
                eprintln!("error: `{flag}` needs a directory\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(spec) = load_spec(&spec_dir) else {
        return ExitCode::FAILURE;
    };
    let documents = export::openrpc_files(&spec);
    if check_only {
        return match export::compare_files(&documents, &out) {
            Ok(stale) if stale.is_empty() => {
                println!(
                    "{}: up to date ({} documents)",
                    out.display(),
                    documents.len()
                );
                ExitCode::SUCCESS
            }
            Ok(stale) => {
                eprintln!(
                    "error: {} is stale; run `cargo run -p twocheckout-codegen -- export openrpc`",
                    out.display()
                );
                for line in stale {
                    eprintln!("  {line}");
                }
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {}: {e}", out.display());
                ExitCode::FAILURE
            }
        };
    }
    match export::write_files(&documents, &out) {
        Ok(changed) => {
            println!(
                "{}: {} documents, {changed} changed",
                out.display(),
                documents.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// Reads a page from a file, or from standard input for `-`.
fn read_page(path: &str) -> Result<Page, Problem> {
    let text = if path == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read(path).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    };
    let name = if path == "-" { "<stdin>" } else { path };
    text.map(|text| Page {
        name: name.to_owned(),
        text,
    })
    .map_err(|e| Problem {
        page: name.to_owned(),
        line: 0,
        message: format!("cannot read the page: {e}"),
    })
}
