//! Duplicate wire names and Rust names that collide after renaming, within one scope.

use std::collections::HashMap;

use proc_macro2::Span;

use super::Ctx;
use crate::diagnostic::{Diagnostic, location};
use crate::model::Location;

/// The names seen so far in one scope (the fields of a struct, the values of an enum, …).
pub struct Scope<'a> {
    /// What the names are: `field`, `param`, `value`, `variant`, `error code`.
    what: &'a str,
    /// The scope's owner, for messages (`Reseller`, `updateReseller`).
    owner: &'a str,
    wires: HashMap<String, Location>,
    rust: HashMap<String, String>,
}

impl<'a> Scope<'a> {
    /// An empty scope.
    pub fn new(what: &'a str, owner: &'a str) -> Self {
        Scope {
            what,
            owner,
            wires: HashMap::new(),
            rust: HashMap::new(),
        }
    }

    /// Records a wire name; reports it if it was already seen. Returns whether it is new.
    pub fn wire(&mut self, ctx: &mut Ctx<'_>, wire: &str, span: Span) -> bool {
        if let Some(first) = self.wires.get(wire) {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    span,
                    format!("duplicate {} `{wire}` in `{}`", self.what, self.owner),
                )
                .with_hint(format!("first written at {}", at(first))),
            );
            return false;
        }
        self.wires.insert(wire.to_owned(), location(ctx.file, span));
        true
    }

    /// Records a Rust name; reports a collision with another wire name. Returns whether the
    /// name is free.
    pub fn rust(&mut self, ctx: &mut Ctx<'_>, wire: &str, rust: &str, span: Span) -> bool {
        match self.rust.get(rust) {
            Some(other) if other != wire => ctx.report(
                Diagnostic::new(
                    ctx.file,
                    span,
                    format!(
                        "{} `{wire}` collides with `{other}` after renaming: both are `{rust}` in Rust",
                        self.what
                    ),
                )
                .with_hint("name one of them with `#[rust_name(\"…\")]`"),
            ),
            Some(_) => {}
            None => {
                self.rust.insert(rust.to_owned(), wire.to_owned());
                return true;
            }
        }
        false
    }
}

/// `file:line:col`
pub fn at(location: &Location) -> String {
    format!("{}:{}:{}", location.file, location.line, location.column)
}
