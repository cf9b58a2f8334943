//! Lenient scalars: values the documentation types one way and real payloads send another
//! (`Quantity` typed String but sent as `5`; `OrderRefNo` typed string, sent as an integer).
//!
//! The spec declares each such field with `#[lenient("why")]`; the generated field then uses
//! `#[serde(with = "::twocheckout_rpc::support::lenient")]`. Reading accepts the value as a JSON
//! number, boolean or string; writing always uses the field's declared (canonical) type, and a
//! number in its shortest form: a whole `f64` is written `10`, not `10.0`, so a payload that sent
//! `10` for a float field gets `10` back.

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::{Date, DateTime, Maybe};

/// A type that can be read leniently.
pub trait Lenient: Sized {
    /// Reads `Self` from a number, a boolean or a string that holds one.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Writes `Self` in its canonical form (see the module docs).
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
}

/// Writes the value in its canonical form.
pub fn serialize<T: Lenient, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.serialize_canonical(serializer)
}

/// Wrapper that serializes its content in canonical form (for generated writers).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canonical<'a, T>(pub &'a T);

impl<T: Lenient> Serialize for Canonical<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_canonical(serializer)
    }
}

/// Largest magnitude below which every whole `f64` is exactly an `i64` (2^53).
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Reads the value leniently.
pub fn deserialize<'de, T: Lenient, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::deserialize_lenient(deserializer)
}

/// Wrapper that deserializes its content leniently (for hand-written visitors).
#[derive(Debug, Clone, PartialEq)]
pub struct De<T>(pub T);

impl<'de, T: Lenient> Deserialize<'de> for De<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_lenient(deserializer).map(De)
    }
}

/// Which canonical scalar a visitor is producing.
#[derive(Clone, Copy)]
enum Want {
    Int,
    Float,
    Bool,
    Text,
}

/// A scalar read in any of its wire forms.
enum Scalar {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
}

struct ScalarVisitor(Want);

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Want::Int => "an integer, or a string holding one",
            Want::Float => "a number, or a string holding one",
            Want::Bool => "a boolean, or a string or number holding one",
            Want::Text => "a string, number or boolean",
        })
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(Scalar::Int(v)),
            Err(_) => Ok(Scalar::Float(v as f64)),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
}

fn read<'de, D: Deserializer<'de>>(deserializer: D, want: Want) -> Result<Scalar, D::Error> {
    deserializer.deserialize_any(ScalarVisitor(want))
}

impl Lenient for i64 {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(*self)
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read(d, Want::Int)? {
            Scalar::Int(v) => Ok(v),
            Scalar::Float(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Ok(v as i64),
            Scalar::Text(s) => s.trim().parse().map_err(|_| {
                de::Error::custom(format_args!("expected an integer, found string {s:?}"))
            }),
            Scalar::Float(v) => Err(de::Error::custom(format_args!(
                "expected an integer, found {v}"
            ))),
            Scalar::Bool(v) => Err(de::Error::custom(format_args!(
                "expected an integer, found {v}"
            ))),
        }
    }
}

impl Lenient for f64 {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0 && self.abs() < EXACT_INTEGER_LIMIT {
            // Whole and exactly representable: the cast is lossless.
            serializer.serialize_i64(*self as i64)
        } else {
            serializer.serialize_f64(*self)
        }
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read(d, Want::Float)? {
            Scalar::Int(v) => Ok(v as f64),
            Scalar::Float(v) => Ok(v),
            Scalar::Text(s) => s.trim().parse().map_err(|_| {
                de::Error::custom(format_args!("expected a number, found string {s:?}"))
            }),
            Scalar::Bool(v) => Err(de::Error::custom(format_args!(
                "expected a number, found {v}"
            ))),
        }
    }
}

impl Lenient for bool {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*self)
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match read(d, Want::Bool)? {
            Scalar::Bool(v) => Ok(v),
            Scalar::Int(0) => Ok(false),
            Scalar::Int(1) => Ok(true),
            Scalar::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" | "" => Ok(false),
                _ => Err(de::Error::custom(format_args!(
                    "expected a boolean, found string {s:?}"
                ))),
            },
            Scalar::Int(v) => Err(de::Error::custom(format_args!(
                "expected a boolean, found {v}"
            ))),
            Scalar::Float(v) => Err(de::Error::custom(format_args!(
                "expected a boolean, found {v}"
            ))),
        }
    }
}

impl Lenient for String {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match read(d, Want::Text)? {
            Scalar::Text(s) => s,
            Scalar::Int(v) => v.to_string(),
            Scalar::Float(v) => v.to_string(),
            Scalar::Bool(v) => v.to_string(),
        })
    }
}

impl Lenient for Date {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize_lenient(d).map(Date)
    }
}

impl Lenient for DateTime {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize_lenient(d).map(DateTime)
    }
}

impl<T: Lenient> Lenient for Option<T> {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Canonical(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Option::<De<T>>::deserialize(d)?.map(|De(v)| v))
    }
}

impl<T: Lenient> Lenient for Maybe<T> {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Maybe::Value(value) => serializer.serialize_some(&Canonical(value)),
            Maybe::Absent | Maybe::Null => serializer.serialize_none(),
        }
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<De<T>>::deserialize(d)? {
            Some(De(v)) => Maybe::Value(v),
            None => Maybe::Null,
        })
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn serialize_canonical<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Canonical))
    }

    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SeqVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for SeqVisitor<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(De(v)) = seq.next_element::<De<T>>()? {
                    out.push(v);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(SeqVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(json: &str) -> Result<i64, serde_json::Error> {
        serde_json::from_str::<De<i64>>(json).map(|d| d.0)
    }

    #[test]
    fn integers_accept_numbers_and_numeric_strings() {
        assert_eq!(int("5").unwrap(), 5);
        assert_eq!(int("\"5\"").unwrap(), 5);
        assert_eq!(int("\" 731522351 \"").unwrap(), 731522351);
        assert_eq!(int("5.0").unwrap(), 5);
        assert!(int("\"five\"").unwrap_err().to_string().contains("five"));
        assert!(int("5.5").is_err());
        assert!(int("true").is_err());
    }

    #[test]
    fn strings_accept_numbers() {
        let s: De<String> = serde_json::from_str("731522351").unwrap();
        assert_eq!(s.0, "731522351");
    }

    #[test]
    fn floats_and_bools() {
        assert_eq!(
            serde_json::from_str::<De<f64>>("\"39.99\"").unwrap().0,
            39.99
        );
        assert!(serde_json::from_str::<De<bool>>("\"YES\"").unwrap().0);
        assert!(!serde_json::from_str::<De<bool>>("0").unwrap().0);
    }

    fn canonical<T: Lenient>(value: &T) -> String {
        serde_json::to_string(&Canonical(value)).unwrap()
    }

    #[test]
    fn whole_floats_are_written_as_integers() {
        assert_eq!(canonical(&10.0_f64), "10");
        assert_eq!(canonical(&-3.0_f64), "-3");
        assert_eq!(canonical(&39.99_f64), "39.99");
        assert_eq!(canonical(&1.0e300_f64), "1e+300");
        assert_eq!(canonical(&vec![1.0_f64, 2.5]), "[1,2.5]");
        assert_eq!(canonical(&Some(6.0_f64)), "6");
        assert_eq!(canonical(&Maybe::<f64>::Null), "null");
        assert_eq!(canonical(&"5".to_owned()), "\"5\"");
    }

    #[test]
    fn wrappers() {
        let v: De<Vec<i64>> = serde_json::from_str(r#"[1,"2"]"#).unwrap();
        assert_eq!(v.0, vec![1, 2]);
        let m: De<Maybe<i64>> = serde_json::from_str("null").unwrap();
        assert_eq!(m.0, Maybe::Null);
    }
}
