//! Generator of typed 2Checkout API bindings from a declarative spec.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`parse`]: spec text → syntax tree (`syn`), every node with its span;
//! 2. [`check`]: syntax tree → [`model::Spec`], reporting every error at once as a
//!    [`diagnostic::Diagnostic`] (`file:line:col: message` plus a hint);
//! 3. [`model`]: the checked, deterministically ordered model;
//! 4. [`emit`]: model → Rust tokens (`quote`) → formatted source (`prettyplease`);
//! 5. [`files`]: the files of the generated crate, written or compared for drift.
//!
//! [`export`] writes the spec as OpenRPC documents. [`import`] reads documentation pages into spec items. [`load`] runs stages 1–2 over spec files or inline text; [`print`](mod@print) turns a model back into
//! spec text.

pub mod check;
pub mod diagnostic;
pub mod emit;
pub mod export;
pub mod files;
pub mod import;
pub mod load;
pub mod model;
pub mod parse;
pub mod print;
