//! The rustc-style rendering of spec errors (`validate` and `generate` print it): the message,
//! `--> file:line:col`, the source line with a caret under the offending tokens, the hint.

use std::process::Command;

use twocheckout_codegen::diagnostic::Diagnostic;
use twocheckout_codegen::load::{self, Source};

/// Loads one inline spec file, which must be rejected, and renders its diagnostics.
fn rendered(name: &str, text: &str) -> String {
    let source = Source {
        name: name.to_owned(),
        text: text.to_owned(),
    };
    match load::load_sources(&[source]) {
        Ok(_) => panic!("`{name}` was accepted"),
        Err(diagnostics) => diagnostics.render(),
    }
}

const UNKNOWN_TYPE: &str = r#"//! A misspelt type.

/// A product.
#[source("test")]
struct Product {
    /// Its code.
    Code: String,
}

/// Looks a product up.
#[source("test")]
#[api(rpc6)]
fn getProduct(
    /// The code.
    Code: u32,
) -> Prodct;
"#;

#[test]
fn unknown_types_show_the_line_a_caret_and_the_hint() {
    assert_eq!(
        rendered("spec/unknown.api", UNKNOWN_TYPE),
        "\
error: unknown type `u32`
  --> spec/unknown.api:15:11
   |
15 |     Code: u32,
   |           ^^^
   |
   = hint: did you mean `i64`?

error: unknown type `Prodct`
  --> spec/unknown.api:16:6
   |
16 | ) -> Prodct;
   |      ^^^^^^
   |
   = hint: did you mean `Product`?

error: the spec was rejected because of 2 previous errors"
    );
}

#[test]
fn a_syntax_error_without_hint() {
    let text = "//! Broken.\n\n/// A thing.\n#[source(\"test\")]\nstruct Broken { Name String }\n";
    assert_eq!(
        rendered("spec/broken.api", text),
        "\
error: expected `:`
 --> spec/broken.api:5:22
  |
5 | struct Broken { Name String }
  |                      ^^^^^^

error: the spec was rejected because of the previous error"
    );
}

/// Columns count characters, so the caret stays under the name after non-ASCII text.
#[test]
fn the_caret_counts_characters_not_bytes() {
    let text = "//! Prices.\n\n/// A price.\n#[source(\"test\")]\nstruct Price { /** Le montant — brut. */ Amount: Mony }\n";
    assert_eq!(
        rendered("spec/price.api", text),
        "\
error: unknown type `Mony`
 --> spec/price.api:5:50
  |
5 | struct Price { /** Le montant — brut. */ Amount: Mony }
  |                                                  ^^^^
  |
  = hint: did you mean `Money`?

error: the spec was rejected because of the previous error"
    );
}

/// A duplicate points at the second definition; the hint names the first one's position.
#[test]
fn a_duplicate_names_the_first_definition() {
    let text = "//! Twice.\n\n/// One.\n#[source(\"test\")]\nstruct Thing { /// A.\n A: String }\n\n/// Two.\n#[source(\"test\")]\nenum Thing { A, B }\n";
    assert_eq!(
        rendered("spec/twice.api", text),
        "\
error: duplicate type `Thing`
  --> spec/twice.api:10:6
   |
10 | enum Thing { A, B }
   |      ^^^^^
   |
   = hint: first defined at spec/twice.api:5:8

error: the spec was rejected because of the previous error"
    );
}

/// Without the file's text the position and the hint are still written.
#[test]
fn without_the_source_the_position_and_hint_remain() {
    let span = proc_macro2::Span::call_site();
    let diagnostic =
        Diagnostic::new("api-spec/order.api", span, "something is wrong").with_hint("fix it");
    let text = diagnostic.render(None);
    assert!(text.starts_with("error: something is wrong\n"), "{text}");
    assert!(text.contains("--> api-spec/order.api:"), "{text}");
    assert!(text.contains("= hint: fix it"), "{text}");
}

/// `validate` prints the rendered form on stderr and exits 1.
#[test]
fn validate_prints_snippets() {
    let dir = std::env::temp_dir().join(format!("twocheckout-diag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("unknown.api"), UNKNOWN_TYPE).expect("spec file");
    let output = Command::new(env!("CARGO_BIN_EXE_twocheckout-codegen"))
        .arg("validate")
        .arg("--spec")
        .arg(&dir)
        .output()
        .expect("run twocheckout-codegen");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let prefix = dir
        .file_name()
        .and_then(|n| n.to_str())
        .map(|n| format!("{n}/unknown.api"))
        .expect("dir name");
    assert!(
        stderr.contains(&format!(
            "  --> {prefix}:15:11\n   |\n15 |     Code: u32,\n   |           ^^^\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("   = hint: did you mean `Product`?"),
        "{stderr}"
    );
}
