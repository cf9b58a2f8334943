//! Macros taking one compact row per field, expanding to the repetitive members of generated
//! objects and builders. Generated code calls them by absolute path; they are not public API.

/// The setters of a builder's fields that need not be given, one row per field:
/// `#[doc = "…"] name: into Ty => maybe;` (the argument is `impl Into<Ty>`) or
/// `#[doc = "…"] #[inline] name: value Ty => some;` (the argument is `Ty`). `maybe` stores
/// `Maybe::Value(v)`, `some` stores `Some(v)`.
///
/// The first row says where the fields live: `[.0];` for a builder wrapping the object, `[];`
/// for a builder holding the fields itself.
#[doc(hidden)]
#[macro_export]
macro_rules! __setters {
    ($at:tt; $($(#[$attr:meta])* $name:ident: $mode:ident $ty:ty => $wrap:ident;)*) => {
        $($crate::__setters!(@one $at [$(#[$attr])*] $name $mode $ty, $wrap);)*
    };
    (@one [$($at:tt)*] [$($attr:tt)*] $name:ident into $ty:ty, $wrap:ident) => {
        $($attr)*
        pub fn $name(mut self, value: impl ::core::convert::Into<$ty>) -> Self {
            self $($at)* .$name = $crate::__setters!(@wrap $wrap value.into());
            self
        }
    };
    (@one [$($at:tt)*] [$($attr:tt)*] $name:ident value $ty:ty, $wrap:ident) => {
        $($attr)*
        pub fn $name(mut self, value: $ty) -> Self {
            self $($at)* .$name = $crate::__setters!(@wrap $wrap value);
            self
        }
    };
    (@wrap maybe $value:expr) => {
        $crate::support::Maybe::Value($value)
    };
    (@wrap some $value:expr) => {
        ::core::option::Option::Some($value)
    };
}
