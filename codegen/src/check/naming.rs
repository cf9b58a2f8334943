//! Choosing the Rust name of one node: the `#[rust_name]` override or the derived name, each
//! validated, and the reserved names refused.

use proc_macro2::Span;

use super::Ctx;
use super::names;
use crate::diagnostic::Diagnostic;

/// The case a Rust name must be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, params, methods.
    Snake,
    /// `UpperCamelCase`: enum values and union variants.
    UpperCamel,
}

/// One node to name.
pub struct Naming<'a> {
    /// What the node is, for messages: `field`, `param`, `method`, `value`, `variant`.
    pub what: &'a str,
    /// Its wire name.
    pub wire: &'a str,
    /// Where the wire name is written.
    pub span: Span,
    /// `#[rust_name("…")]` and the literal's span.
    pub rename: Option<&'a (String, Span)>,
    /// The name derived from the wire name.
    pub derived: String,
    /// The case the name must have.
    pub case: Case,
}

/// The Rust name of the node; problems are reported (the name is returned anyway).
pub fn choose(ctx: &mut Ctx<'_>, naming: Naming<'_>) -> String {
    match naming.rename {
        Some((name, span)) => {
            check_override(ctx, name, *span, naming.case);
            name.clone()
        }
        None => {
            let derived = naming.derived;
            let problem = if !names::is_identifier(&derived) {
                Some("not a valid identifier")
            } else if names::is_keyword(&derived) {
                Some("a Rust keyword")
            } else {
                None
            };
            if let Some(problem) = problem {
                ctx.report(
                    Diagnostic::new(
                        ctx.file,
                        naming.span,
                        format!(
                            "invalid derived name: {} `{}` becomes `{derived}`, which is {problem}",
                            naming.what, naming.wire
                        ),
                    )
                    .with_hint("name it with `#[rust_name(\"…\")]`"),
                );
            }
            derived
        }
    }
}

fn check_override(ctx: &mut Ctx<'_>, name: &str, span: Span, case: Case) {
    let (problem, better) = if !names::is_identifier(name) {
        ("is not a valid identifier", None)
    } else if names::is_keyword(name) {
        ("is a Rust keyword", Some(format!("{name}_")))
    } else if case == Case::Snake && !names::is_snake_case(name) {
        (
            "is not snake_case",
            Some(heck::ToSnakeCase::to_snake_case(name)),
        )
    } else if case == Case::UpperCamel && !names::is_upper_camel_case(name) {
        ("is not UpperCamelCase", Some(names::type_name(name)))
    } else {
        return;
    };
    let usable = |h: &String| {
        names::is_identifier(h)
            && !names::is_keyword(h)
            && match case {
                Case::Snake => names::is_snake_case(h),
                Case::UpperCamel => names::is_upper_camel_case(h),
            }
    };
    let hint = match better.filter(usable) {
        Some(better) => format!("write `{better}`"),
        None => match case {
            Case::Snake => "write a snake_case name of ASCII letters, digits and `_`",
            Case::UpperCamel => "write an UpperCamelCase name of ASCII letters and digits",
        }
        .to_owned(),
    };
    ctx.report(
        Diagnostic::new(
            ctx.file,
            span,
            format!("`#[rust_name(\"{name}\")]`: `{name}` {problem}"),
        )
        .with_hint(hint),
    );
}

/// Reports `name` when it is in `reserved`.
pub fn refuse_reserved(
    ctx: &mut Ctx<'_>,
    span: Span,
    what: &str,
    name: &str,
    reserved: &[&str],
    why: &str,
) {
    if reserved.contains(&name) {
        ctx.report(
            Diagnostic::new(
                ctx.file,
                span,
                format!("the {what} name `{name}` is reserved"),
            )
            .with_hint(why),
        );
    }
}
