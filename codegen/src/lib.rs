//! Generator of typed 2Checkout API bindings from a declarative spec.
//!
//! Pipeline: [`parse`] (spec text → syntax tree, with spans) → [`check`] (every error at once,
//! as `file:line:col: message`) → [`model`] (the checked, ordered model) → [`emit`] (tokens with
//! `quote`, formatted with `prettyplease`).

pub mod model;
