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
    // One rule per argument form and storage, so a row takes one expansion.
    (@one [$($at:tt)*] [$($attr:tt)*] $name:ident into $ty:ty, maybe) => {
        $($attr)*
        pub fn $name(mut self, value: impl ::core::convert::Into<$ty>) -> Self {
            self $($at)* .$name = $crate::support::Maybe::Value(value.into());
            self
        }
    };
    (@one [$($at:tt)*] [$($attr:tt)*] $name:ident into $ty:ty, some) => {
        $($attr)*
        pub fn $name(mut self, value: impl ::core::convert::Into<$ty>) -> Self {
            self $($at)* .$name = ::core::option::Option::Some(value.into());
            self
        }
    };
    (@one [$($at:tt)*] [$($attr:tt)*] $name:ident value $ty:ty, maybe) => {
        $($attr)*
        pub fn $name(mut self, value: $ty) -> Self {
            self $($at)* .$name = $crate::support::Maybe::Value(value);
            self
        }
    };
    (@one [$($at:tt)*] [$($attr:tt)*] $name:ident value $ty:ty, some) => {
        $($attr)*
        pub fn $name(mut self, value: $ty) -> Self {
            self $($at)* .$name = ::core::option::Option::Some(value);
            self
        }
    };
}

/// `Object` of a generated struct: its wire keys, writer and reader, one row per field in
/// order, after a header naming the type and the reader's key table:
///
/// ```text
/// Lead, "Lead", locals;
/// [65535, 3, …];
/// 0 lead_code: maybe "LeadCode";
/// 10 items: required "Items";
/// ```
///
/// A row's kind says how the field is written and read: `maybe` (`Maybe<T>`), `optional`
/// (`Option<T>`, absent when `None`) or `required` (present; also `Option<T>` sent as `null`).
/// `locals` reads every field into a local and builds the value at the end; `in_place` (for
/// a type with a `Default`) starts from the default and reads fields that may be absent
/// straight into it, holding only the ones that must be present.
///
/// The expansion is the code the generator wrote before: the same calls in the same order.
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
    (
        $name:ident, $text:literal, $mode:ident;
        [$($table:literal),* $(,)?];
        $($index:literal $field:ident: $kind:ident $read:ident $key:literal;)*
    ) => {
        impl $crate::support::object::Object for $name {
            const NAME: &'static str = $text;
            const FIELDS: &'static [&'static str] = &[$($key),*];

            fn write_fields<__M: $crate::support::wire::FieldMap>(
                &self,
                map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                $crate::__object!(@write self map [$($index $field $kind)*])
            }

            $crate::__object!(@read $mode [$($table),*] [$($index $field $kind $read)*]);
        }
    };

    // Every field read into a local, the value built at the end (objects without a `Default`).
    (@read locals [$($table:literal),*] [$($index:literal $field:ident $kind:ident $read:ident)*]) => {
        fn read_fields<'de, __A: $crate::__private::serde::de::MapAccess<'de>>(
            mut map: __A,
        ) -> ::core::result::Result<Self, __A::Error> {
            let mut r = $crate::support::reader::Reader::new(Self::FIELDS, &[$($table),*]);
            $crate::__object!(@locals r map [$($index $field $kind $read)*])
        }
    };
    // Read in place: into a default value, or into the slot a container holds.
    (@read in_place $tables:tt $rows:tt) => {
        $crate::__object!(@read_into [<Self as ::core::default::Default>::default()] $tables $rows);
    };
    // Read in place from a blank value: the defaults of the fields' types, also for fields that
    // must be given (held apart and checked at the end, so a blank one is never seen).
    (@read blank $tables:tt [$($index:literal $field:ident $kind:ident $read:ident)*]) => {
        $crate::__object!(@read_into [Self {
            $($field: ::core::default::Default::default(),)*
            unknown_fields: ::core::default::Default::default(),
            wire_forms: ::core::default::Default::default(),
        }] $tables [$($index $field $kind $read)*]);
    };
    (@read_into [$($blank:tt)*] [$($table:literal),*] [$($index:literal $field:ident $kind:ident $read:ident)*]) => {
        #[inline]
        fn read_fields<'de, __A: $crate::__private::serde::de::MapAccess<'de>>(
            map: __A,
        ) -> ::core::result::Result<Self, __A::Error> {
            $crate::support::object::read_fresh(map)
        }

        fn read_fields_into<'de, __A: $crate::__private::serde::de::MapAccess<'de>>(
            mut map: __A,
            v: &mut Self,
        ) -> ::core::result::Result<(), __A::Error> {
            // The slot may hold an earlier value (a key repeated in the parent): start afresh.
            $crate::support::object::reset(v);
            let mut r = $crate::support::reader::Reader::new(Self::FIELDS, &[$($table),*]);
            $crate::__object!(@in_place r map v [$($index $field $kind $read)*])
        }

        #[inline]
        fn blank() -> ::core::option::Option<Self> {
            ::core::option::Option::Some($($blank)*)
        }
    };

    // The writer; without fields it never changes.
    (@write $self:ident $map:ident []) => {{
        let fields = $crate::support::wire::Fields::new($map, Self::FIELDS, &$self.wire_forms);
        fields.extra(&$self.unknown_fields)
    }};
    (@write $self:ident $map:ident [$($index:literal $field:ident $kind:ident)+]) => {{
        let mut fields =
            $crate::support::wire::Fields::new($map, Self::FIELDS, &$self.wire_forms);
        $(fields.$kind($index, &$self.$field)?;)+
        fields.extra(&$self.unknown_fields)
    }};

    // Every field read into a local, the value built at the end.
    (@locals $r:ident $map:ident [$($index:literal $field:ident $kind:ident $read:ident)*]) => {{
        $(let mut $field = $crate::__object!(@empty $kind);)*
        $crate::__object!(@loop $r $map [$($index $read (&mut $field))*]);
        ::core::result::Result::Ok(Self {
            $($field: $crate::__object!(@finish $r $kind $field $index),)*
            unknown_fields: $r.extra,
            wire_forms: $r.forms,
        })
    }};

    // Fields that may be absent read straight into the slot, the others held.
    (@in_place $r:ident $map:ident $v:ident [$($index:literal $field:ident $kind:ident $read:ident)*]) => {{
        $($crate::__object!(@hold $kind $field);)*
        $crate::__object!(
            @loop $r $map [$($index $read ($crate::__object!(@slot $kind $v $field)))*]
        );
        $($crate::__object!(@assign $r $kind $v $field $index);)*
        $v.unknown_fields = $r.extra;
        $v.wire_forms = $r.forms;
        ::core::result::Result::Ok(())
    }};

    // The loop over the keys: the reader yields known keys only, so with one field every key
    // is that field.
    (@loop $r:ident $map:ident []) => {
        while $r.next(&mut $map)?.is_some() {}
    };
    (@loop $r:ident $map:ident [$index:literal $read:ident ($slot:expr)]) => {
        while $r.next(&mut $map)?.is_some() {
            $r.$read(&mut $map, $slot)?;
        }
    };
    (@loop $r:ident $map:ident [$($index:literal $read:ident ($slot:expr))+]) => {
        while let ::core::option::Option::Some(i) = $r.next(&mut $map)? {
            match i {
                $($index => $r.$read(&mut $map, $slot)?,)+
                _ => {}
            }
        }
    };

    (@empty maybe) => { $crate::support::Maybe::Absent };
    (@empty $kind:ident) => { ::core::option::Option::None };

    (@finish $r:ident required $field:ident $index:literal) => { $r.required($field, $index)? };
    (@finish $r:ident $kind:ident $field:ident $index:literal) => { $field };

    (@hold required $field:ident) => { let mut $field = ::core::option::Option::None; };
    (@hold $kind:ident $field:ident) => {};

    (@slot required $v:ident $field:ident) => { &mut $field };
    (@slot $kind:ident $v:ident $field:ident) => { &mut $v.$field };

    (@assign $r:ident required $v:ident $field:ident $index:literal) => {
        $v.$field = $r.required($field, $index)?
    };
    (@assign $r:ident $kind:ident $v:ident $field:ident $index:literal) => {};
}

/// `bind`, `unbind` and the private `rebind` of a generated request `$name<C>`, inside its
/// `impl<C> $name<C>`: `$field`s are its params, moved across when the client changes.
#[doc(hidden)]
#[macro_export]
macro_rules! __bind {
    ($name:ident; $($field:ident),* $(,)?) => {
        /// Binds the request to `client`, which sends it on `.await` or `.send()`.
        pub fn bind<D>(self, client: D) -> $name<D> {
            self.rebind(client).1
        }

        /// Splits the request into its client and the unbound request.
        pub fn unbind(self) -> (C, $name) {
            self.rebind(())
        }

        fn rebind<D>(self, client: D) -> (C, $name<D>) {
            (self.client, $name { client, $($field: self.$field,)* })
        }
    };
}

/// `Method`, `DecodeParams`, `send()` and `IntoFuture` of a generated request:
///
/// ```text
/// GetOrder, "getOrder", Order, retry_safe: true, session: true;
/// error "INVALID_REFERENCE" "No order with this reference.";
/// count counted: skip_partner_orders is_some 2, 1;
/// send " Sends `getOrder` and decodes its documented response.";
/// 0 order_reference: required "OrderReference";
/// 1 skip_partner_orders: optional "SkipPartnerOrders";
/// ```
///
/// `count` gives `param_count`: the trailing optional params from the last, each with how it
/// is present (`is_some`, `not_absent`) and the count when it is the last present one, then the
/// count of the required params; `counted` when an optional param is written only below the
/// count, `fixed` when every param is required. Each param row is its position, field, whether
/// it is `required` or `optional`, and its documented name.
#[doc(hidden)]
#[macro_export]
macro_rules! __method {
    (
        $name:ident, $wire:literal, $response:ty, retry_safe: $retry:literal, session: $session:literal;
        $(error $code:literal $meaning:literal;)*
        count $mode:ident: $($last:ident $present:ident $n:literal,)* $required:literal;
        send $send:literal;
        $($index:literal $field:ident: $req:ident $key:literal;)*
    ) => {
        impl<C> $crate::Method for $name<C> {
            const NAME: &'static str = $wire;
            const RETRY_SAFE: bool = $retry;
            const SESSION: bool = $session;
            const ERRORS: &'static [(&'static str, &'static str)] = &[$(($code, $meaning)),*];
            type Response = $response;

            fn param_count(&self) -> usize {
                $(if $crate::__method!(@present $present self.$last) { $n } else)* { $required }
            }

            $crate::__method!(@serialize $mode [$($index $field $req)*]);
        }

        $crate::__decode_params!($name, $wire $(, $field: $req $key)*);

        $crate::__request_impls!($name, $response, $send);
    };

    (@present is_some $value:expr) => { $value.is_some() };
    (@present not_absent $value:expr) => { !$value.is_absent() };

    (@serialize $mode:ident []) => {
        fn serialize_params<S: $crate::__private::serde::ser::SerializeSeq>(
            &self,
            _seq: &mut S,
        ) -> ::core::result::Result<(), S::Error> {
            ::core::result::Result::Ok(())
        }
    };
    (@serialize $mode:ident [$($index:literal $field:ident $req:ident)+]) => {
        fn serialize_params<S: $crate::__private::serde::ser::SerializeSeq>(
            &self,
            seq: &mut S,
        ) -> ::core::result::Result<(), S::Error> {
            $crate::__method!(@count $mode self count);
            $($crate::__method!(@write $req seq count $index &self.$field);)+
            ::core::result::Result::Ok(())
        }
    };

    (@count counted $self:ident $count:ident) => {
        let $count = $crate::Method::param_count($self);
    };
    (@count fixed $self:ident $count:ident) => {};

    // Params are written in their type's canonical form (a whole float as an integer, money
    // with its scale).
    (@write required $seq:ident $count:ident $index:literal $value:expr) => {
        $crate::support::wire::param($seq, $value)?
    };
    (@write optional $seq:ident $count:ident $index:literal $value:expr) => {
        if $count > $index {
            $crate::support::wire::param($seq, $value)?;
        }
    };
}
