//! Parser edge cases and robustness on mangled input.

use super::*;

fn parse_ok(text: &str) -> SpecFile {
    let file = parse_text(text);
    let errors: Vec<String> = file.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "unexpected syntax errors: {errors:?}");
    file
}

fn error_positions(text: &str) -> Vec<(usize, usize, String)> {
    parse_text(text)
        .errors
        .iter()
        .flat_map(|e| e.clone())
        .map(|e| {
            let start = e.span().start();
            (start.line, start.column + 1, e.to_string())
        })
        .collect()
}

#[test]
fn parses_every_item_kind() {
    let file = parse_ok(
        r#"
        //! Module docs.
        //! Second line.

        /// A struct.
        #[source("s")]
        struct A { /// f
            F: Option<Nullable<Vec<Map<String>>>>, "2Odd name": i64, }
        enum E { X, "Visa Electron", y { Z: bool }, w(A) }
        fn getA(P: A, Q: Option<()>) -> Vec<A>;
        fn noReturn();
        "#,
    );
    assert_eq!(file.inner_attrs.len(), 2);
    assert_eq!(file.items.len(), 4);
    let Item::Struct(s) = &file.items[0] else {
        panic!("expected a struct")
    };
    assert_eq!(s.name, "A");
    assert_eq!(s.attrs.len(), 2);
    assert_eq!(
        s.fields[0].ty.to_string(),
        "Option<Nullable<Vec<Map<String>>>>"
    );
    assert_eq!(s.fields[1].name.value, "2Odd name");
    let Item::Enum(e) = &file.items[1] else {
        panic!("expected an enum")
    };
    assert_eq!(e.variants.len(), 4);
    assert_eq!(e.variants[1].name.value, "Visa Electron");
    assert!(matches!(e.variants[2].kind, VariantKind::Struct(ref f) if f.len() == 1));
    assert!(matches!(e.variants[3].kind, VariantKind::Tuple(ref t, _) if t.len() == 1));
    let Item::Fn(f) = &file.items[2] else {
        panic!("expected a fn")
    };
    assert_eq!(f.name, "getA");
    assert_eq!(f.params[1].ty.to_string(), "Option<()>");
    assert_eq!(
        f.returns.as_ref().map(ToString::to_string).as_deref(),
        Some("Vec<A>")
    );
    let Item::Fn(f) = &file.items[3] else {
        panic!("expected a fn")
    };
    assert!(f.returns.is_none() && f.params.is_empty());
}

#[test]
fn keywords_are_accepted_as_wire_names() {
    let file = parse_ok("struct S { type: String, Self: i64 } enum K { match, fn }");
    let Item::Struct(s) = &file.items[0] else {
        panic!("expected a struct")
    };
    assert_eq!(s.fields[0].name.value, "type");
    assert_eq!(s.fields[1].name.value, "Self");
    // An item keyword as an item's name does not start another item.
    let file = parse_ok("fn fn() -> (); fn struct(); struct enum {} enum fn { A }");
    assert_eq!(file.items.len(), 4);
    let Item::Fn(f) = &file.items[0] else {
        panic!("expected a method")
    };
    assert_eq!(f.name, "fn");
}

#[test]
fn several_syntax_errors_are_reported_together() {
    let errors = error_positions(
        "struct A { F String }\nstruct B { G: i64 }\nfn c(X: i64) -> bool\nenum D { E = 1 }\nfn e() -> ();\n",
    );
    let lines: Vec<usize> = errors.iter().map(|(line, _, _)| *line).collect();
    assert_eq!(lines, [1, 3, 4], "{errors:?}");
    let file = parse_text(
        "struct A { F String }\nstruct B { G: i64 }\nfn c(X: i64) -> bool\nenum D { E = 1 }\nfn e() -> ();\n",
    );
    assert_eq!(file.items.len(), 2);
    assert_eq!(file.broken_types, ["A", "D"]);
}

#[test]
fn missing_semicolon_points_at_the_end_of_the_item() {
    let errors = error_positions("/// doc\nfn c(X: i64) -> bool\n/// next\nfn d() -> ();");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].0, errors[0].1), (2, 20));
    assert!(errors[0].2.contains("expected `;`"), "{}", errors[0].2);
}

#[test]
fn truncated_file_points_at_the_last_token() {
    let errors = error_positions("struct A { F: i64 }\nfn b(X: i64) ->");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].0, errors[0].1), (2, 15));
}

#[test]
fn lexing_errors_say_what_and_where() {
    let cases = [
        (
            "struct A {\n  F: i64,\n",
            (1, 10, "syntax error: unclosed `{`"),
        ),
        (
            "struct A { \"abc: i64 }",
            (1, 12, "syntax error: unterminated string literal"),
        ),
        ("struct A {}\n}\n", (2, 1, "syntax error: unmatched `}`")),
    ];
    for (text, (line, column, message)) in cases {
        let errors = error_positions(text);
        assert_eq!(errors, [(line, column, message.to_owned())], "{text:?}");
    }
}

#[test]
fn misplaced_inner_docs_are_an_error() {
    let errors = error_positions("struct A {}\n//! late docs\nstruct B {}");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, 2);
    assert!(errors[0].2.contains("top of the file"), "{}", errors[0].2);
}

#[test]
fn garbage_between_items_is_skipped() {
    let file = parse_text("struct A {} 42 + junk struct B {} ; ; fn c() -> ();");
    assert_eq!(file.items.len(), 3);
    assert!(!file.errors.is_empty());
}

/// A tiny deterministic generator, so the mangled inputs are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0) % bound.max(1)
    }
}

const SAMPLE: &str = r#"//! Docs.
/// A reseller.
#[source("x")]
struct Reseller {
    /// Code.
    #[rust_name("code")]
    PartnerCode: Option<Nullable<String>>,
    "2Check": Vec<Map<i64>>,
}
#[tag("action")]
enum Action { send { At: DateTime }, accept(Reseller), FIXED, "Visa Electron" }
#[api(cm21, cm6)] #[partner] #[error(CODE, "meaning")]
fn updateReseller(Reseller: Reseller, Opt: Option<bool>) -> ();
"#;

#[test]
fn mangled_input_never_panics() {
    let tokens: Vec<&str> = SAMPLE
        .split_inclusive(|c: char| c.is_whitespace() || "{}()<>[],;:#\"".contains(c))
        .collect();
    let mut random = Lcg(7);
    // Every prefix, by characters: truncated files.
    for end in (0..=SAMPLE.len()).filter(|i| SAMPLE.is_char_boundary(*i)) {
        let _ = parse_text(&SAMPLE[..end]);
        let _ = crate::load::load_sources(&[crate::load::Source {
            name: "t.api".to_owned(),
            text: SAMPLE[..end].to_owned(),
        }]);
    }
    // Shuffled, dropped and duplicated pieces: token soup.
    for _ in 0..400 {
        let mut soup: Vec<&str> = Vec::new();
        for _ in 0..random.next(60) {
            soup.push(tokens[random.next(tokens.len())]);
        }
        let text = soup.concat();
        let _ = parse_text(&text);
        let _ = crate::load::load_sources(&[crate::load::Source {
            name: "t.api".to_owned(),
            text,
        }]);
    }
}

#[test]
fn deeply_nested_types_are_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let text = format!(
        "struct A {{ F: {}i64{} }}",
        "Vec<".repeat(depth),
        ">".repeat(depth)
    );
    let errors = error_positions(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].2.contains("nested too deeply"), "{}", errors[0].2);
    parse_ok("struct A { F: Vec<Vec<Vec<Map<Option<Nullable<String>>>>>> }");
}

#[test]
fn deeply_nested_delimiters_do_not_overflow() {
    for (open, close) in [("{", "}"), ("(", ")"), ("[", "]")] {
        let depth = 5_000;
        let text = format!("struct A {}{}", open.repeat(depth), close.repeat(depth));
        let file = parse_text(&text);
        assert!(!file.errors.is_empty());
        let text = format!(
            "#[doc = \"x\"] fn a{}{} -> ();",
            open.repeat(depth),
            close.repeat(depth)
        );
        assert!(!parse_text(&text).errors.is_empty());
    }
}

#[test]
fn every_broken_field_of_an_item_is_reported() {
    let text = "struct A {\n  F i64,\n  G: i64,\n  H: Vec<i64> junk,\n  ,\n  K: Map<String, i64>,\n}\nenum E { A = 1, B, C(D E) }\nfn f(X i64, Y: i64) -> ();";
    let errors = error_positions(text);
    let found: Vec<(usize, usize)> = errors.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(
        found,
        [(2, 5), (4, 15), (5, 3), (8, 12), (8, 24), (9, 8)],
        "{errors:?}"
    );
    assert_eq!(errors[1].2, "expected `,` after the field");
    assert_eq!(errors[2].2, "unexpected `,`");
    // `Map<String, i64>` is one field (the checker reports the arity), not two.
    assert_eq!(parse_text(text).broken_types, ["A", "E"]);
    parse_ok("struct A { K: Map<String, i64> }");
}

/// The real spec files, each damaged in many ways: token dropped, token duplicated, text cut.
#[test]
fn damaged_real_spec_files_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    let Ok(sources) = crate::load::read_dir_sources(&dir) else {
        return;
    };
    let mut random = Lcg(11);
    for source in &sources {
        let pieces: Vec<&str> = source
            .text
            .split_inclusive(|c: char| c.is_whitespace() || "{}()<>[],;:#\"".contains(c))
            .collect();
        for round in 0..12 {
            let mut damaged: Vec<&str> = pieces.clone();
            let at = random.next(damaged.len());
            match round % 3 {
                0 if !damaged.is_empty() => {
                    damaged.remove(at);
                }
                1 if !pieces.is_empty() => damaged.insert(at, pieces[random.next(pieces.len())]),
                _ => damaged.truncate(at),
            }
            let text = damaged.concat();
            let _ = crate::load::load_sources(&[crate::load::Source {
                name: source.name.clone(),
                text,
            }]);
        }
    }
}

#[test]
fn attribute_values_other_than_one_literal_are_an_error_not_a_stack_overflow() {
    for value in [
        "||".repeat(4_000) + " 1",
        "-".repeat(8_000) + "1",
        "!".repeat(8_000) + "x",
    ] {
        let text = format!("/// a\n#[doc = {value}]\nfn a() -> ();");
        let errors = error_positions(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].0, errors[0].1), (2, 9), "{errors:?}");
        assert!(errors[0].2.contains("one literal"), "{}", errors[0].2);
        let text = format!("struct A {{ #[note = {value}] F: i64 }}");
        assert_eq!(error_positions(&text).len(), 1);
    }
    let errors = error_positions("#[doc = \"a\" \"b\"] fn a() -> ();\n#[doc =] fn b() -> ();");
    let found: Vec<(usize, usize)> = errors.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(found, [(1, 13), (2, 7)], "{errors:?}");
    // `=` inside an attribute's own group is the attribute's business, not this check's.
    parse_ok("/// a\n#[note(\"a = b\")]\n#[doc = \"x\"]\nfn a() -> ();");
}
