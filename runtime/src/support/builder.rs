//! Typestate markers for the builders of objects with required fields.

/// A required field of a builder that has not been given yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;

/// A required field of a builder that has been given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Proof that the required field named by the marker type `F` was given.
///
/// A builder's `build()` requires `Provided<F>` for each required field; leaving one out makes the
/// compiler name the missing field.
#[diagnostic::on_unimplemented(
    message = "missing required field `{F}`",
    label = "`{F}` was never set on this builder",
    note = "call the builder's setter named after the field before `.build()`"
)]
pub trait Provided<F> {}

impl<F> Provided<F> for Set {}
