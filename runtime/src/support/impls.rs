//! The trait impls every generated type of a kind shares, as macros: one line in the generated
//! code instead of a few dozen.
//!
//! Generated code calls them by absolute path (`::twocheckout_rpc::__object_impls!(Reseller);`),
//! so they work in any crate that depends on this one. They are not part of the public API.

/// `Serialize`, `Deserialize` and `Wire` of a generated object, through its
/// [`Object`](crate::support::object::Object) impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_impls {
    ($name:ident) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::support::object::serialize(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::support::object::deserialize(deserializer)
            }
        }

        impl $crate::support::wire::Wire for $name {
            fn read<'de, __D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<$crate::support::wire::Read<Self>, __D::Error> {
                $crate::support::wire::read_object(deserializer)
            }

            #[inline]
            fn read_into<'de, __D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
                slot: &mut Self,
            ) -> ::core::result::Result<$crate::support::wire::Filled, __D::Error> {
                $crate::support::wire::read_object_into(deserializer, slot)
            }

            #[inline]
            fn blank() -> ::core::option::Option<Self> {
                <Self as $crate::support::object::Object>::blank()
            }

            fn write<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::support::object::serialize(self, serializer)
            }

            // Inline: instantiated only where an object is written, not once per type here.
            #[inline]
            fn write_json(
                &self,
                out: &mut ::std::vec::Vec<u8>,
            ) -> ::core::result::Result<(), $crate::__private::serde_json::Error> {
                $crate::support::object::write_json(self, out)
            }
        }
    };
}

/// `Display`, `From<&str>`, `FromStr`, `Serialize`, `Deserialize` and `Wire` of a generated
/// value set, through its [`WireEnum`](crate::support::wire::WireEnum) impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_impls {
    ($name:ident) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($crate::support::wire::WireEnum::as_str(self))
            }
        }

        impl ::core::convert::From<&str> for $name {
            /// Converts a wire value; values the spec does not list become `Unknown`.
            ///
            /// The exact spelling is tried first, then the values ignoring ASCII case.
            fn from(value: &str) -> Self {
                $crate::support::wire::lookup(value).0
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            /// Same as `From<&str>`: never fails.
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(<Self as ::core::convert::From<&str>>::from(value))
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::support::wire_enum::write(self, serializer)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                $crate::support::wire_enum::deserialize(deserializer)
            }
        }

        impl $crate::support::wire::Wire for $name {
            fn read<'de, __D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<$crate::support::wire::Read<Self>, __D::Error> {
                $crate::support::wire::read_enum(deserializer)
            }

            fn write<__S: $crate::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::support::wire_enum::write(self, serializer)
            }
        }
    };
}

/// `send()` and `IntoFuture` of a generated request bound to a client: `$name` is the request
/// type, `$response` its response type, `$doc` the docs of `send`.
#[doc(hidden)]
#[macro_export]
macro_rules! __request_impls {
    ($name:ident, $response:ty, $doc:literal) => {
        impl<'c, S: $crate::Scope> $name<&'c S>
        where
            $name: $crate::AvailableOn<S::Marker>,
        {
            #[doc = $doc]
            pub fn send(self) -> $crate::CallFuture<'c, $response> {
                let (client, request) = self.unbind();
                client.call(request)
            }
        }

        impl<'c, S: $crate::Scope> ::core::future::IntoFuture for $name<&'c S>
        where
            $name: $crate::AvailableOn<S::Marker>,
        {
            type Output = ::core::result::Result<$response, $crate::Error>;
            type IntoFuture = $crate::CallFuture<'c, $response>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
}

/// `DecodeParams` of a generated request: `$name` is the request type, `$wire` its wire name,
/// then each param in order as `field: required "wireName"` or `field: optional "wireName"`.
///
/// `decode_params` is `#[inline]`: rustc then compiles it, and the reading of every param type
/// it pulls in for `serde_json`'s deserializer, only in a crate that calls it (a server, the
/// test kit), not in every build of the bindings, where nothing calls it.
#[doc(hidden)]
#[macro_export]
macro_rules! __decode_params {
    ($name:ident, $wire:literal $(, $field:ident: $read:ident $param:literal)* $(,)?) => {
        impl $crate::DecodeParams for $name {
            #[inline]
            fn decode_params(
                params: &[&$crate::__private::serde_json::value::RawValue],
            ) -> ::core::result::Result<Self, $crate::DecodeError> {
                #[allow(unused_mut, reason = "a request without params reads none")]
                let mut __params = $crate::decode::Params::new(
                    params,
                    $wire,
                    <[&str]>::len(&[$($param),*]),
                )?;
                ::core::result::Result::Ok(Self {
                    client: (),
                    $($field: __params.$read($param)?,)*
                })
            }
        }
    };
}
