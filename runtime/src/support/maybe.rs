use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that may be absent, explicitly `null`, or set.
///
/// The spec writes it `Option<Nullable<T>>`. The bindings never invent a `null`: an
/// [`Absent`](Maybe::Absent) field is omitted from the JSON, a [`Null`](Maybe::Null) one is sent as
/// `null`. A value read from the server keeps the form it arrived in, so sending it back is exact.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Maybe<T> {
    /// Not present in the JSON object.
    #[default]
    Absent,
    /// Present as `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Maybe<T> {
    /// True when the field is not present (used to skip it when serializing).
    pub fn is_absent(&self) -> bool {
        matches!(self, Maybe::Absent)
    }

    /// True when the field is present as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Maybe::Null)
    }

    /// Borrows the value, keeping absent and null as they are.
    pub fn as_ref(&self) -> Maybe<&T> {
        match self {
            Maybe::Absent => Maybe::Absent,
            Maybe::Null => Maybe::Null,
            Maybe::Value(v) => Maybe::Value(v),
        }
    }

    /// The value, if there is one.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn as_option_mut(&mut self) -> Option<&mut T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if there is one, dropping the absent / null distinction.
    pub fn into_option(self) -> Option<T> {
        match self {
            Maybe::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Maps the value, keeping absent and null as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Maybe<U> {
        match self {
            Maybe::Absent => Maybe::Absent,
            Maybe::Null => Maybe::Null,
            Maybe::Value(v) => Maybe::Value(f(v)),
        }
    }
}

impl<T> From<T> for Maybe<T> {
    fn from(value: T) -> Self {
        Maybe::Value(value)
    }
}

impl<T: Serialize> Serialize for Maybe<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Absent is normally skipped by `skip_serializing_if`; inside a sequence it must still
            // hold its place, and `null` is the only way to do that.
            Maybe::Absent | Maybe::Null => serializer.serialize_none(),
            Maybe::Value(v) => serializer.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Maybe<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Maybe::Value(v),
            None => Maybe::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Maybe;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct S {
        #[serde(default, skip_serializing_if = "Maybe::is_absent")]
        a: Maybe<String>,
    }

    #[test]
    fn keeps_absent_null_and_value_apart() {
        for (json, want) in [
            ("{}", Maybe::Absent),
            (r#"{"a":null}"#, Maybe::Null),
            (r#"{"a":"x"}"#, Maybe::Value("x".to_owned())),
        ] {
            let s: S = serde_json::from_str(json).unwrap();
            assert_eq!(s.a, want);
            assert_eq!(serde_json::to_string(&s).unwrap(), json);
        }
    }
}
