//! decode∘encode is the identity for every generated type, on values generated from the spec.
//!
//! For each named type of the spec, JSON values are generated from its model (required fields
//! always, optional ones present, `null` or absent, unknown keys, unlisted enum values, every
//! variant of a union, amounts with their scale), in the form the bindings write. Each must decode
//! into the generated type and encode back to exactly the same JSON, and decoding that again must
//! give an equal value.

mod common;

use std::fmt::Write as _;

use common::exact::{exact, first_difference};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use twocheckout_codegen::model::{Spec, TypeDef, TypeRef};

/// Decodes `text` as the type named `name`, encodes it back, and checks that a second decode
/// equals the first.
fn round_trip(name: &str, text: &str) -> Option<Result<String, String>> {
    struct RoundTrip<'a> {
        name: &'a str,
        text: &'a str,
        outcome: Option<Result<String, String>>,
    }
    impl twocheckout::__TypeVisitor for RoundTrip<'_> {
        fn visit<T>(&mut self, name: &'static str)
        where
            T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            if name == self.name {
                self.outcome = Some(run::<T>(self.text));
            }
        }
    }
    fn run<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
        text: &str,
    ) -> Result<String, String> {
        let value: T = serde_json::from_str(text).map_err(|e| format!("decode: {e}"))?;
        let back = serde_json::to_string(&value).map_err(|e| format!("encode: {e}"))?;
        let again: T = serde_json::from_str(&back).map_err(|e| format!("decode again: {e}"))?;
        if again != value {
            return Err(format!("decoded again differently: {value:?} vs {again:?}"));
        }
        Ok(back)
    }
    let mut visitor = RoundTrip {
        name,
        text,
        outcome: None,
    };
    twocheckout::__visit_types(&mut visitor);
    visitor.outcome
}

fn spec() -> Spec {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
    twocheckout_codegen::load::load_dir(&dir).unwrap_or_else(|e| panic!("the spec loads: {e}"))
}

/// Writes random JSON values of spec types, in the bindings' canonical forms.
struct Gen<'a> {
    spec: &'a Spec,
    rng: fastrand::Rng,
}

impl Gen<'_> {
    fn value(&mut self, out: &mut String, ty: &TypeRef, depth: usize) {
        match ty {
            TypeRef::String | TypeRef::Date | TypeRef::DateTime => self.string(out),
            TypeRef::Bool => out.push_str(if self.rng.bool() { "true" } else { "false" }),
            TypeRef::Integer => {
                let _ = write!(out, "{}", self.rng.i64(-1_000_000..1_000_000_000));
            }
            TypeRef::Number => {
                // Whole numbers are written as integers; others as serde_json writes an f64.
                let v = f64::from(self.rng.i32(-100_000..100_000)) / 8.0;
                if v.fract() == 0.0 {
                    let _ = write!(out, "{}", v as i64);
                } else {
                    out.push_str(&serde_json::to_string(&v).unwrap());
                }
            }
            TypeRef::Money => {
                let units = self.rng.i64(-99_999..10_000_000);
                match self.rng.u8(0..3) {
                    0 => {
                        let _ = write!(out, "{units}");
                    }
                    scale => {
                        let cents = self.rng.u32(0..10u32.pow(u32::from(scale)));
                        let sign = if units == 0 && self.rng.bool() {
                            "-"
                        } else {
                            ""
                        };
                        let sign = if units == 0 && cents == 0 { "" } else { sign };
                        let _ =
                            write!(out, "{sign}{units}.{cents:0width$}", width = scale as usize);
                    }
                }
            }
            TypeRef::Json => self.json(out, depth),
            TypeRef::Unit => out.push_str("null"),
            TypeRef::Array(item) => {
                out.push('[');
                let n = if depth > 3 { 0 } else { self.rng.usize(0..3) };
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    self.value(out, item, depth + 1);
                }
                out.push(']');
            }
            TypeRef::Map(item) => {
                out.push('{');
                let n = if depth > 3 { 0 } else { self.rng.usize(0..3) };
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    let _ = write!(out, "\"k{i}\":");
                    self.value(out, item, depth + 1);
                }
                out.push('}');
            }
            TypeRef::Named(name) => self.named(out, name, depth),
        }
    }

    fn string(&mut self, out: &mut String) {
        const PIECES: &[&str] = &["a", "Z", " ", "é", "\"", "\\", "\n", "2024-01-31", "€", "0"];
        let mut text = String::new();
        for _ in 0..self.rng.usize(0..6) {
            text.push_str(PIECES[self.rng.usize(0..PIECES.len())]);
        }
        // An empty or blank string is a value for a string, and "no value" elsewhere: keep
        // generated strings non-blank so the same text means the same thing in every slot.
        if text.trim().is_empty() {
            text.push('x');
        }
        out.push_str(&serde_json::to_string(&text).unwrap());
    }

    fn json(&mut self, out: &mut String, depth: usize) {
        match if depth > 3 { 0 } else { self.rng.u8(0..4) } {
            0 => out.push_str("29.90"),
            1 => out.push_str("null"),
            2 => out.push_str(r#"{"a":[1,"b",false]}"#),
            _ => self.string(out),
        }
    }

    fn named(&mut self, out: &mut String, name: &str, depth: usize) {
        let def = self.spec.type_def(name).expect("a declared type").clone();
        match &def {
            TypeDef::Struct(s) => self.object(out, s, None, depth),
            TypeDef::Enum(e) => {
                if self.rng.u8(0..5) == 0 {
                    out.push_str("\"NOT-A-LISTED-VALUE\"");
                } else {
                    let value = &e.values[self.rng.usize(0..e.values.len())];
                    out.push_str(&serde_json::to_string(&value.wire).unwrap());
                }
            }
            TypeDef::Union(u) => {
                let variant = &u.variants[self.rng.usize(0..u.variants.len())];
                let TypeDef::Struct(payload) = self
                    .spec
                    .type_def(&variant.payload)
                    .expect("payload")
                    .clone()
                else {
                    panic!("union payloads are structs")
                };
                self.object(out, &payload, Some((&u.tag, &variant.wire)), depth);
            }
            TypeDef::Shape(u) => {
                let variant = &u.variants[self.rng.usize(0..u.variants.len())];
                self.value(out, &variant.ty, depth + 1);
            }
        }
    }

    fn object(
        &mut self,
        out: &mut String,
        def: &twocheckout_codegen::model::StructDef,
        tag: Option<(&str, &str)>,
        depth: usize,
    ) {
        out.push('{');
        let mut first = true;
        let mut key = |out: &mut String, name: &str| {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&serde_json::to_string(name).unwrap());
            out.push(':');
        };
        if let Some((tag, wire)) = tag {
            key(out, tag);
            out.push_str(&serde_json::to_string(wire).unwrap());
        }
        for field in &def.fields {
            let deep = depth > 3;
            // 0: absent, 1: null, else a value.
            let choice = match (field.required, field.nullable) {
                (true, false) => 2,
                (true, true) => self.rng.u8(1..3),
                (false, _) if deep => 0,
                (false, true) => self.rng.u8(0..3),
                (false, false) => self.rng.u8(0..3),
            };
            match choice {
                0 => {}
                1 => {
                    key(out, &field.wire_name);
                    out.push_str("null");
                }
                _ => {
                    key(out, &field.wire_name);
                    self.value(out, &field.ty, depth + 1);
                }
            }
        }
        if self.rng.u8(0..4) == 0 {
            key(out, "NotInTheSpec");
            self.json(out, depth + 1);
        }
        out.push('}');
    }
}

#[test]
fn every_spec_type_has_a_generated_type() {
    let spec = spec();
    let missing: Vec<&str> = spec
        .types
        .iter()
        .map(TypeDef::name)
        .filter(|name| round_trip(name, "null").is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "`__visit_types` does not visit these spec types: {missing:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn decode_then_encode_is_the_identity(seed in any::<u64>()) {
        let spec = spec();
        let mut generator = Gen { spec: &spec, rng: fastrand::Rng::with_seed(seed) };
        for def in &spec.types {
            let mut text = String::new();
            generator.named(&mut text, def.name(), 0);
            let back = round_trip(def.name(), &text)
                .expect("listed")
                .map_err(|e| TestCaseError::fail(format!("{}: {e}\n{text}", def.name())))?;
            if let Some(difference) = first_difference("", &exact(&text), &exact(&back)) {
                return Err(TestCaseError::fail(format!(
                    "{} differs at {difference}\nsent {text}\nback {back}",
                    def.name()
                )));
            }
        }
    }
}
