//! Typestate markers for the builders of objects with required fields.
//!
//! A generated builder has one type parameter per required field. It starts as [`Unset`]; the
//! field's setter turns it into [`Set`] holding the value. `build()` asks for
//! [`Provided<Marker>`](Provided) on each parameter, where `Marker` is a type named after the
//! field (`Reseller_partner_code`), so forgetting one reads:
//!
//! ```text
//! error[E0277]: missing required field `Reseller_partner_code`
//!    |     Reseller::builder().build();
//!    |                         ^^^^^ `Reseller_partner_code` was never set on this builder
//! ```

/// A required field of a builder that has not been given yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unset;

/// A required field of a builder that has been given: holds its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Set<T = ()>(pub T);

/// Proof that the required field named by the marker type `F` was given, and the way to take its
/// value out of the builder.
///
/// A builder's `build()` requires `Provided<F>` for each required field; leaving one out makes the
/// compiler name the missing field.
#[diagnostic::on_unimplemented(
    message = "missing required field `{F}`",
    label = "`{F}` was never set on this builder",
    note = "call the builder's setter named after the field before `.build()`"
)]
pub trait Provided<F> {
    /// The field's value type.
    type Value;

    /// The value given to the setter.
    fn into_value(self) -> Self::Value;
}

impl<F, T> Provided<F> for Set<T> {
    type Value = T;

    fn into_value(self) -> T {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Marker;

    fn take<P: Provided<Marker, Value = String>>(p: P) -> String {
        p.into_value()
    }

    #[test]
    fn set_yields_its_value() {
        assert_eq!(take(Set("code".to_owned())), "code");
    }
}
