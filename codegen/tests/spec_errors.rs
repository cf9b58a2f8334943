//! One small bad spec per error class under `tests/spec_errors/`, with the exact rendered
//! diagnostics (`file:line:col: error: message` and the hint).

use std::path::Path;

use twocheckout_codegen::load::{self, Source};

/// Every file of `tests/spec_errors/`: each one has a test below.
const CASES: &[&str] = &[
    "attributes.api",
    "bad-module-name.api",
    "cart_misplaced.api",
    "collision_field.api",
    "collision_method.api",
    "collision_type.api",
    "collision_variant.api",
    "duplicate_error_code.api",
    "duplicate_field.api",
    "duplicate_method.api",
    "duplicate_param.api",
    "duplicate_type.api",
    "duplicate_value.api",
    "duplicate_variant.api",
    "empty_enum.api",
    "invalid_derived_name.api",
    "lenient.api",
    "many_errors.api",
    "misplaced_wrappers.api",
    "missing_api.api",
    "missing_docs.api",
    "missing_return.api",
    "missing_source.api",
    "name_forms.api",
    "partner_without_cm21.api",
    "recursive_struct.api",
    "repeated_wire_name.api",
    "required_after_optional.api",
    "reserved_names.api",
    "sensitive.api",
    "syntax_errors.api",
    "union_payloads.api",
    "union_recursion.api",
    "unknown_type.api",
    "untagged_payload.api",
];

/// Loads `tests/spec_errors/<name>` and compares every rendered diagnostic, in order.
fn assert_rejected(name: &str, expected: &[&str]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/spec_errors")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", path.display()));
    let source = Source {
        name: format!("spec_errors/{name}"),
        text,
    };
    let diagnostics = match load::load_sources(&[source]) {
        Ok(_) => panic!("`{name}` was accepted"),
        Err(diagnostics) => diagnostics,
    };
    let rendered: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(rendered, expected, "\n{diagnostics}");
}

#[test]
fn every_case_file_has_a_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec_errors");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/spec_errors")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert_eq!(files, CASES);
}

/// Three broken items: each one is reported, and a type whose item is broken is not also "unknown".
#[test]
fn several_syntax_errors_are_reported_together() {
    assert_rejected(
        "syntax_errors.api",
        &[
            "spec_errors/syntax_errors.api:5:22: error: expected `:`",
            "spec_errors/syntax_errors.api:17:18: error: expected `;`",
            "spec_errors/syntax_errors.api:21:15: error: enum values have no discriminant: remove `= …`",
        ],
    );
}

/// Unknown types, with the nearest known name as a hint.
#[test]
fn unknown_type_suggests_the_nearest_name() {
    assert_rejected(
        "unknown_type.api",
        &[
            "spec_errors/unknown_type.api:15:11: error: unknown type `u32`\n  = hint: did you mean `i64`?",
            "spec_errors/unknown_type.api:16:6: error: unknown type `Prodct`\n  = hint: did you mean `Product`?",
        ],
    );
}

#[test]
fn duplicate_method() {
    assert_rejected(
        "duplicate_method.api",
        &[
            "spec_errors/duplicate_method.api:11:4: error: duplicate method `getThing`\n  = hint: first defined at spec_errors/duplicate_method.api:6:4, which is also in `rpc6`; a wire name repeats only in other API families",
        ],
    );
}

#[test]
fn duplicate_type() {
    assert_rejected(
        "duplicate_type.api",
        &[
            "spec_errors/duplicate_type.api:9:6: error: duplicate type `Thing`\n  = hint: first defined at spec_errors/duplicate_type.api:5:8",
        ],
    );
}

#[test]
fn duplicate_field() {
    assert_rejected(
        "duplicate_field.api",
        &[
            "spec_errors/duplicate_field.api:9:5: error: duplicate field `Code` in `Thing`\n  = hint: first written at spec_errors/duplicate_field.api:7:5",
        ],
    );
}

#[test]
fn duplicate_param() {
    assert_rejected(
        "duplicate_param.api",
        &[
            "spec_errors/duplicate_param.api:10:5: error: duplicate param `Code` in `doThing`\n  = hint: first written at spec_errors/duplicate_param.api:8:5",
        ],
    );
}

/// A quoted value is the same wire value as the identifier.
#[test]
fn duplicate_enum_value() {
    assert_rejected(
        "duplicate_value.api",
        &[
            "spec_errors/duplicate_value.api:8:5: error: duplicate value `FIXED` in `Kind`\n  = hint: first written at spec_errors/duplicate_value.api:6:5",
        ],
    );
}

/// Reported once, not again as a payload struct collision.
#[test]
fn duplicate_union_variant() {
    assert_rejected(
        "duplicate_variant.api",
        &[
            "spec_errors/duplicate_variant.api:8:5: error: duplicate variant `send` in `Action`\n  = hint: first written at spec_errors/duplicate_variant.api:7:5",
        ],
    );
}

#[test]
fn duplicate_error_code() {
    assert_rejected(
        "duplicate_error_code.api",
        &[
            "spec_errors/duplicate_error_code.api:7:9: error: duplicate error code `INVALID_CODE` in `doThing`\n  = hint: first written at spec_errors/duplicate_error_code.api:6:9",
        ],
    );
}

#[test]
fn required_param_after_optional_param() {
    assert_rejected(
        "required_after_optional.api",
        &[
            "spec_errors/required_after_optional.api:10:5: error: required param `Query` after the optional param `Page`\n  = hint: move it before the optional params, or make it `Option<…>`",
        ],
    );
}

#[test]
fn fields_colliding_after_renaming() {
    assert_rejected(
        "collision_field.api",
        &[
            "spec_errors/collision_field.api:9:5: error: field `product_code` collides with `ProductCode` after renaming: both are `product_code` in Rust\n  = hint: name one of them with `#[rust_name(\"…\")]`",
        ],
    );
}

#[test]
fn methods_colliding_after_renaming() {
    assert_rejected(
        "collision_method.api",
        &[
            "spec_errors/collision_method.api:11:4: error: method `GetProduct` collides with `getProduct` after renaming: both are `get_product` in Rust\n  = hint: name one of them with `#[rust_name(\"…\")]`",
        ],
    );
}

#[test]
fn values_colliding_after_renaming() {
    assert_rejected(
        "collision_variant.api",
        &[
            "spec_errors/collision_variant.api:7:5: error: value `In Review` collides with `in_review` after renaming: both are `InReview` in Rust\n  = hint: name one of them with `#[rust_name(\"…\")]`",
        ],
    );
}

/// Inline payload structs, request types and extension traits must not take an existing type name.
#[test]
fn generated_type_names_colliding_with_types() {
    assert_rejected(
        "collision_type.api",
        &[
            "spec_errors/collision_type.api:11:5: error: the payload struct `ActionSend` of this variant collides with the type `ActionSend` (spec_errors/collision_type.api:5:8)\n  = hint: rename the variant with `#[rust_name(\"…\")]` or rename the type",
            "spec_errors/collision_type.api:21:4: error: the request type `GetProduct` of method `getProduct` collides with the type `GetProduct` (spec_errors/collision_type.api:16:8)\n  = hint: name the method with `#[rust_name(\"…\")]` or rename the type",
            "spec_errors/collision_type.api:25:8: error: the type `CollisionTypeMethods` collides with the extension trait of module `collision_type`\n  = hint: choose another name",
        ],
    );
}

#[test]
fn invalid_derived_names() {
    assert_rejected(
        "invalid_derived_name.api",
        &[
            "spec_errors/invalid_derived_name.api:7:5: error: invalid derived name: field `2CheckoutCustomerReference` becomes `2checkout_customer_reference`, which is not a valid identifier\n  = hint: name it with `#[rust_name(\"…\")]`",
            "spec_errors/invalid_derived_name.api:13:5: error: invalid derived name: value `2CO` becomes `2co`, which is not a valid identifier\n  = hint: name it with `#[rust_name(\"…\")]`",
        ],
    );
}

#[test]
fn reserved_names() {
    assert_rejected(
        "reserved_names.api",
        &[
            "spec_errors/reserved_names.api:5:8: error: the type name `Result` is reserved\n  = hint: the generated code uses that name; choose another one",
            "spec_errors/reserved_names.api:7:17: error: the field name `unknown_fields` is reserved\n  = hint: the generated struct or its builder uses that name; name it with `#[rust_name(\"…\")]`",
            "spec_errors/reserved_names.api:10:5: error: the field name `build` is reserved\n  = hint: the generated struct or its builder uses that name; name it with `#[rust_name(\"…\")]`",
            "spec_errors/reserved_names.api:16:5: error: the variant name `Unknown` is reserved\n  = hint: generated enums and unions keep unlisted values in `Unknown`; name it with `#[rust_name(\"…\")]`",
            "spec_errors/reserved_names.api:22:4: error: the method name `send` is reserved\n  = hint: the generated client or request types use that name; name it with `#[rust_name(\"…\")]`",
            "spec_errors/reserved_names.api:24:5: error: the param name `client` is reserved\n  = hint: the generated request type uses that name; name it with `#[rust_name(\"…\")]`",
            "spec_errors/reserved_names.api:30:13: error: `#[rust_name(\"self\")]`: `self` is a Rust keyword\n  = hint: write `self_`",
            "spec_errors/reserved_names.api:35:8: error: the type name `Nullable` is reserved\n  = hint: the spec language uses that name for its own types (`Map<T>`, `Nullable<T>`); choose another one",
        ],
    );
}

#[test]
fn missing_docs_on_item_field_and_param() {
    assert_rejected(
        "missing_docs.api",
        &[
            "spec_errors/missing_docs.api:4:8: error: missing doc comment on struct `Thing`\n  = hint: add a `/// …` line above it",
            "spec_errors/missing_docs.api:5:5: error: missing doc comment on field `Code` of `Thing`\n  = hint: add a `/// …` line above it",
            "spec_errors/missing_docs.api:12:5: error: missing doc comment on param `Code` of `doThing`\n  = hint: add a `/// …` line above it",
        ],
    );
}

#[test]
fn missing_source() {
    assert_rejected(
        "missing_source.api",
        &[
            "spec_errors/missing_source.api:4:8: error: missing `#[source(\"…\")]` on struct `Thing`\n  = hint: name the doc page or catalog entry the facts come from",
        ],
    );
}

/// Two equally close API names: no guess, the list instead.
#[test]
fn missing_and_unknown_api() {
    assert_rejected(
        "missing_api.api",
        &[
            "spec_errors/missing_api.api:5:4: error: missing `#[api(…)]` on method `doThing`\n  = hint: list the APIs that serve it: `rpc6`, `rpc3`, `cm21`, `cm6`",
            "spec_errors/missing_api.api:9:7: error: unknown API `rpc7`\n  = hint: the APIs are `rpc6`, `rpc3`, `cm21` and `cm6`",
        ],
    );
}

#[test]
fn partner_without_cm21() {
    assert_rejected(
        "partner_without_cm21.api",
        &[
            "spec_errors/partner_without_cm21.api:6:1: error: `#[partner]` on method `doThing`, which is not in `cm21`\n  = hint: partner contexts exist only in Channel Manager 2.1: add `cm21` to `#[api(…)]` or remove `#[partner]`",
        ],
    );
}

#[test]
fn lenient_without_reason_or_on_a_non_scalar() {
    assert_rejected(
        "lenient.api",
        &[
            "spec_errors/lenient.api:7:5: error: `#[lenient]` needs a reason\n  = hint: say why the value cannot be trusted: `#[lenient(\"…\")]`",
            "spec_errors/lenient.api:10:5: error: `#[lenient]` on field `Parts`, whose type is not a scalar\n  = hint: only `String`, `bool`, `i64`, `f64`, `Date`, `DateTime` (or a `Vec` of one) can be read leniently",
        ],
    );
}

#[test]
fn sensitive_with_arguments_repeated_or_on_an_item() {
    assert_rejected(
        "sensitive.api",
        &[
            "spec_errors/sensitive.api:5:1: error: `#[sensitive]` is not allowed on a struct\n  = hint: `#[sensitive]` goes on fields and params",
            "spec_errors/sensitive.api:8:5: error: malformed `#[sensitive]`\n  = hint: expected `#[sensitive]` without arguments",
            "spec_errors/sensitive.api:21:5: error: duplicate `#[sensitive]`\n  = hint: write it once",
        ],
    );
}

#[test]
fn misplaced_option_nullable_and_unit() {
    assert_rejected(
        "misplaced_wrappers.api",
        &[
            "spec_errors/misplaced_wrappers.api:7:16: error: misplaced `Option`\n  = hint: `Option` may only wrap a field's or param's whole type (`Option<Nullable<T>>` at most)",
            "spec_errors/misplaced_wrappers.api:9:21: error: misplaced `Option`: `Nullable<Option<…>>` is not allowed\n  = hint: write `Option<Nullable<…>>`: `Option` is always the outer wrapper",
            "spec_errors/misplaced_wrappers.api:13:14: error: `()` is only allowed as a return type\n  = hint: use `Json` for a value with no usable shape",
            "spec_errors/misplaced_wrappers.api:19:18: error: misplaced `Option`\n  = hint: a return type is never optional; use `Json` when the response may be `null`",
        ],
    );
}

#[test]
fn missing_return_type() {
    assert_rejected(
        "missing_return.api",
        &[
            "spec_errors/missing_return.api:6:4: error: method `doThing` has no return type\n  = hint: write `-> ()` when the response carries nothing meaningful",
        ],
    );
}

#[test]
fn unknown_malformed_and_misplaced_attributes() {
    assert_rejected(
        "attributes.api",
        &[
            "spec_errors/attributes.api:5:1: error: unknown attribute `#[retry_sfe]`\n  = hint: did you mean `#[retry_safe]`?",
            "spec_errors/attributes.api:6:1: error: `#[tag]` is not allowed on a struct\n  = hint: `#[tag]` goes on enums",
            "spec_errors/attributes.api:9:5: error: `#[api]` is not allowed on a field\n  = hint: `#[api]` goes on methods",
            "spec_errors/attributes.api:14:1: error: malformed `#[source]`\n  = hint: expected `#[source(\"…\")]` with the doc page or catalog entry",
            "spec_errors/attributes.api:16:1: error: malformed `#[retry_safe]`\n  = hint: expected `#[retry_safe]` without arguments",
            "spec_errors/attributes.api:17:1: error: malformed `#[error]`\n  = hint: expected `#[error(CODE, \"meaning\")]`, the code an identifier, an integer or a string literal",
            "spec_errors/attributes.api:18:4: error: missing `#[source(\"…\")]` on method `doThing`\n  = hint: name the doc page or catalog entry the facts come from",
        ],
    );
}

#[test]
fn payloads_without_tag_and_tagged_variants_without_payload() {
    assert_rejected(
        "untagged_payload.api",
        &[
            "spec_errors/untagged_payload.api:5:6: error: enum `Action` has variants with payloads but no `#[tag(\"…\")]`\n  = hint: add `#[tag(\"field\")]` naming the field that selects the variant",
            "spec_errors/untagged_payload.api:14:5: error: variant `send` of the tagged union `Other` has no payload\n  = hint: write `send {}` when the variant carries no other field",
        ],
    );
}

#[test]
fn empty_enum() {
    assert_rejected(
        "empty_enum.api",
        &[
            "spec_errors/empty_enum.api:5:6: error: enum `Kind` has no values\n  = hint: list its values, or use `String` where the set is not documented",
        ],
    );
}

/// `Option` does not break a cycle, `Vec` does.
#[test]
fn recursive_struct_without_indirection() {
    assert_rejected(
        "recursive_struct.api",
        &[
            "spec_errors/recursive_struct.api:14:8: error: recursive type `Link` has no finite size: Link → Node → Link\n  = hint: hold one of them through `Vec<…>` or `Map<…>` (`Option` is not enough)",
        ],
    );
}

#[test]
fn different_errors_are_all_reported_at_once() {
    assert_rejected(
        "many_errors.api",
        &[
            "spec_errors/many_errors.api:7:11: error: unknown type `Strng`\n  = hint: did you mean `String`?",
            "spec_errors/many_errors.api:8:5: error: missing doc comment on field `Undocumented` of `Thing`\n  = hint: add a `/// …` line above it",
            "spec_errors/many_errors.api:13:4: error: missing `#[source(\"…\")]` on method `doThing`\n  = hint: name the doc page or catalog entry the facts come from",
            "spec_errors/many_errors.api:17:5: error: required param `Query` after the optional param `Page`\n  = hint: move it before the optional params, or make it `Option<…>`",
            "spec_errors/many_errors.api:22:22: error: expected `:`",
        ],
    );
}

#[test]
fn module_name_and_module_docs() {
    assert_rejected(
        "bad-module-name.api",
        &[
            "spec_errors/bad-module-name.api:1:1: error: the module name `bad-module-name` (the file's stem) is not a snake_case identifier\n  = hint: rename the file: `bad_module_name.api`",
            "spec_errors/bad-module-name.api:1:1: error: missing `//!` module doc comment at the top of the file\n  = hint: describe the module's area: `//! …` on the first lines",
        ],
    );
}

/// Files share one namespace: a type or method defined twice in two files is reported in the
/// second file, pointing at the first. Diagnostics are ordered by file, then position.
#[test]
fn duplicates_across_files_and_ordering() {
    let a = Source {
        name: "spec/a.api".to_owned(),
        text: "//! A.\n/// T.\n#[source(\"s\")]\nstruct T {}\n/// M.\n#[source(\"s\")]\n#[api(rpc6)]\nfn m() -> Nope;\n"
            .to_owned(),
    };
    let b = Source {
        name: "spec/b.api".to_owned(),
        text: "//! B.\n/// T again.\n#[source(\"s\")]\nenum T { X }\n/// M again.\n#[source(\"s\")]\n#[api(rpc6)]\nfn m() -> bool;\n"
            .to_owned(),
    };
    let diagnostics = load::load_sources(&[b, a]).expect_err("duplicates");
    let rendered: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        rendered,
        [
            "spec/a.api:8:11: error: unknown type `Nope`",
            "spec/b.api:4:6: error: duplicate type `T`\n  = hint: first defined at spec/a.api:4:8",
            "spec/b.api:8:4: error: duplicate method `m`\n  = hint: first defined at spec/a.api:8:4, which is also in `rpc6`; a wire name repeats only in other API families",
        ]
    );
}

/// Macro input: locations name the macro's module, spans are those of the input tokens, and
/// module docs are optional.
#[test]
fn tokens_keep_their_spans() {
    let text = "/// T.\n#[source(\"s\")]\nstruct T {\n    /// F.\n    F: Strin,\n}\n";
    let tokens: proc_macro2::TokenStream = text.parse().expect("tokens");
    let diagnostics = load::load_tokens(tokens, "shop").expect_err("unknown type");
    let rendered: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        rendered,
        ["shop:5:8: error: unknown type `Strin`\n  = hint: did you mean `String`?"]
    );
    let diagnostic = diagnostics.iter().next().expect("one diagnostic");
    assert_eq!(diagnostic.span.start().line, 5);
    assert_eq!(diagnostic.span.start().column, 7);
    assert_eq!(diagnostic.span.end().column, 12);

    let valid: proc_macro2::TokenStream = text.replace("Strin", "String").parse().expect("tokens");
    let spec = load::load_tokens(valid, "shop").expect("valid");
    assert_eq!(spec.modules[0].name, "shop");
    assert_eq!(spec.modules[0].docs, "");
}

/// A lexing error spoils the whole file (no other error is reported for it), and says where.
#[test]
fn lexing_error_has_a_position() {
    let source = Source {
        name: "spec/lex.api".to_owned(),
        text: "//! L.\n/// T.\n#[source(\"s\")]\nstruct T {\n    /// F.\n    F: String,\n"
            .to_owned(),
    };
    let diagnostics = load::load_sources(&[source]).expect_err("unbalanced");
    assert_eq!(
        diagnostics.to_string(),
        "spec/lex.api:4:10: error: syntax error: unclosed `{`"
    );
}

/// `load_dir` names files `<dir name>/<file name>` and says which path it could not read.
#[test]
fn load_dir_names_files_after_the_directory() {
    let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no-such-dir");
    let error = load::load_dir(&missing).expect_err("missing directory");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("cannot read `{}`: ", missing.display())),
        "{message}"
    );

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec_errors");
    let sources = load::read_dir_sources(&dir).expect("readable");
    let names: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let expected: Vec<String> = CASES.iter().map(|c| format!("spec_errors/{c}")).collect();
    assert_eq!(names, expected);
    let error = load::load_dir(&dir).expect_err("bad specs");
    assert!(
        error
            .to_string()
            .starts_with("spec_errors/attributes.api:5:1: error: "),
        "{error}"
    );
}

#[test]
fn union_payloads_are_one_struct_without_the_tag() {
    assert_rejected(
        "union_payloads.api",
        &[
            "spec_errors/union_payloads.api:20:10: error: the payload of variant `send` must be a struct; `Kind` is an enum\n  = hint: write the fields inline: `send { … }`",
            "spec_errors/union_payloads.api:21:12: error: field `action` of `Tagged` repeats the union's tag field\n  = hint: the union writes and reads its tag itself; remove the field",
            "spec_errors/union_payloads.api:22:11: error: the payload of variant `reject` must be one struct\n  = hint: write `reject(SomeStruct)` or `reject { … }`",
            "spec_errors/union_payloads.api:25:9: error: field `action` of `ActionForward` repeats the union's tag field\n  = hint: the union writes and reads its tag itself; remove the field",
            "spec_errors/union_payloads.api:27:12: error: unknown type `Missing`",
        ],
    );
}

/// A union holding itself through an inline payload; a `#[rust_name]` taking a derived name.
#[test]
fn union_recursion_and_variant_rename_collision() {
    assert_rejected(
        "union_recursion.api",
        &[
            "spec_errors/union_recursion.api:6:6: error: recursive type `Tree` has no finite size: Tree → TreeNode → Tree\n  = hint: hold one of them through `Vec<…>` or `Map<…>` (`Option` is not enough)",
            "spec_errors/union_recursion.api:13:5: error: variant `other` collides with `leaf` after renaming: both are `Leaf` in Rust\n  = hint: name one of them with `#[rust_name(\"…\")]`",
        ],
    );
}

/// Type names in UpperCamelCase and not keywords; `#[rust_name]` in the case of what it names.
#[test]
fn names_in_the_wrong_form() {
    assert_rejected(
        "name_forms.api",
        &[
            "spec_errors/name_forms.api:5:8: error: the type name `product_info` is not UpperCamelCase\n  = hint: write `ProductInfo`",
            "spec_errors/name_forms.api:7:17: error: `#[rust_name(\"PartnerCode\")]`: `PartnerCode` is not snake_case\n  = hint: write `partner_code`",
            "spec_errors/name_forms.api:10:17: error: `#[rust_name(\"2nd\")]`: `2nd` is not a valid identifier\n  = hint: write a snake_case name of ASCII letters, digits and `_`",
            "spec_errors/name_forms.api:16:6: error: `Self` is not a valid type name\n  = hint: choose an UpperCamelCase name that is not a Rust keyword",
            "spec_errors/name_forms.api:18:17: error: `#[rust_name(\"first_value\")]`: `first_value` is not UpperCamelCase\n  = hint: write `FirstValue`",
        ],
    );
}

#[test]
fn repeated_wire_name() {
    assert_rejected(
        "repeated_wire_name.api",
        &[
            "spec_errors/repeated_wire_name.api:12:4: error: method `addThing` of `cm21` needs a Rust name of its own: `add_thing` is already the `addThing` of `rpc6` (spec_errors/repeated_wire_name.api:6:4)\n  = hint: a wire name repeated in another API family is told apart by its Rust name: add `#[rust_name(\"…\")]` to one of them",
            "spec_errors/repeated_wire_name.api:18:4: error: duplicate method `addThing`\n  = hint: first defined at spec_errors/repeated_wire_name.api:6:4, which is also in `rpc6`; a wire name repeats only in other API families",
            "spec_errors/repeated_wire_name.api:24:4: error: method `addThing` of `cm6` repeats the wire name of the `rpc6` method at spec_errors/repeated_wire_name.api:6:4, which is served on the same endpoint\n  = hint: `rpc6` and `cm6` share the 6.0 endpoint, where one wire name can mean one method only: merge the two or drop one family",
        ],
    );
}

#[test]
fn cart_misplaced() {
    assert_rejected(
        "cart_misplaced.api",
        &[
            "spec_errors/cart_misplaced.api:6:1: error: `#[cart]` on method `addToCart`, which is not `#[partner]`\n  = hint: the cart lives in a partner's session: add `#[partner]` or remove `#[cart]`",
            "spec_errors/cart_misplaced.api:13:1: error: `#[cart]` on method `clearCart`, which is not in `cm21` alone\n  = hint: only Channel Manager 2.1 keeps a cart in the session: write `#[api(cm21)]` or remove `#[cart]`",
            "spec_errors/cart_misplaced.api:21:1: error: duplicate `#[cart]`\n  = hint: write it once",
        ],
    );
}
