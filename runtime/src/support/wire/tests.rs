use std::collections::BTreeMap;

use super::*;

fn read<T: Wire>(json: &str) -> Read<T> {
    T::read(&mut serde_json::Deserializer::from_str(json)).unwrap()
}

fn read_err<T: Wire + fmt::Debug>(json: &str) -> String {
    T::read(&mut serde_json::Deserializer::from_str(json))
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

fn canonical<T: Wire>(value: &T) -> String {
    serde_json::to_string(&Canonical(value)).unwrap()
}

/// Reads `json` as a `T` and writes it back from its form when it has one.
fn round_trip<T: Wire>(json: &str) -> String {
    match read::<T>(json) {
        Read::Value(value, Some(form)) => {
            assert!(matches_form(&value, &form), "{json}: form must read back");
            form.as_str().to_owned()
        }
        Read::Value(value, None) => canonical(&value),
        Read::Empty(form) => form.as_str().to_owned(),
    }
}

#[test]
fn strings_accept_numbers_and_booleans_and_keep_them() {
    assert_eq!(read::<String>("\"a\""), Read::Value("a".to_owned(), None));
    let Read::Value(text, Some(form)) = read::<String>("731522351") else {
        panic!()
    };
    assert_eq!(text, "731522351");
    assert_eq!(form.as_str(), "731522351");
    assert_eq!(round_trip::<String>("true"), "true");
    assert_eq!(round_trip::<String>("1.5"), "1.5");
    assert!(read_err::<String>("null").contains("string"));
    assert!(read_err::<String>("{}").contains("string"));
}

#[test]
fn integers_accept_numeric_strings_and_whole_floats() {
    assert_eq!(read::<i64>("5"), Read::Value(5, None));
    assert_eq!(round_trip::<i64>("\"5\""), "\"5\"");
    assert_eq!(round_trip::<i64>("\" 7 \""), "\" 7 \"");
    assert_eq!(round_trip::<i64>("5.0"), "5.0");
    assert!(matches!(read::<i64>("\"\""), Read::Empty(_)));
    assert!(matches!(read::<i64>("false"), Read::Empty(_)));
    assert!(matches!(read::<i64>("[]"), Read::Empty(_)));
    assert!(read_err::<i64>("\"five\"").contains("five"));
    assert!(read_err::<i64>("5.5").contains("integer"));
    assert!(read_err::<i64>("true").contains("integer"));
    assert!(read_err::<i64>("[1]").contains("integer"));
}

#[test]
fn booleans_accept_flags_in_other_forms() {
    assert_eq!(read::<bool>("true"), Read::Value(true, None));
    assert_eq!(round_trip::<bool>("1"), "1");
    assert_eq!(round_trip::<bool>("\"YES\""), "\"YES\"");
    assert_eq!(round_trip::<bool>("\"false\""), "\"false\"");
    assert!(matches!(read::<bool>("\"\""), Read::Empty(_)));
    assert!(read_err::<bool>("2").contains("boolean"));
}

#[test]
fn floats_keep_their_text() {
    assert_eq!(read::<f64>("10"), Read::Value(10.0, None));
    assert_eq!(round_trip::<f64>("10.0"), "10.0");
    assert_eq!(round_trip::<f64>("29.90"), "29.90");
    assert_eq!(round_trip::<f64>("0.25"), "0.25");
    assert_eq!(canonical(&10.0_f64), "10");
    assert_eq!(canonical(&1.0e300_f64), "1e+300");
}

#[test]
fn options_and_maybes_turn_empty_stand_ins_into_none() {
    assert_eq!(read::<Option<i64>>("null"), Read::Value(None, None));
    let Read::Value(None, Some(form)) = read::<Option<i64>>("\"\"") else {
        panic!()
    };
    assert_eq!(form.as_str(), "\"\"");
    assert!(matches_form(&None::<i64>, &form));
    assert!(!matches_form(&Some(1_i64), &form));
    assert_eq!(read::<Maybe<i64>>("null"), Read::Value(Maybe::Null, None));
    let Read::Value(Maybe::Null, Some(form)) = read::<Maybe<i64>>("false") else {
        panic!()
    };
    assert_eq!(form.as_str(), "false");
    assert_eq!(canonical(&Maybe::<i64>::Null), "null");
}

#[test]
fn arrays_remember_mixed_element_forms() {
    assert_eq!(
        round_trip::<Vec<String>>(r#"[9, 6000, "10007_2"]"#),
        r#"[9,6000,"10007_2"]"#
    );
    assert_eq!(
        read::<Vec<String>>(r#"["a","b"]"#),
        Read::Value(vec!["a".to_owned(), "b".to_owned()], None)
    );
    assert!(matches!(read::<Vec<i64>>("false"), Read::Empty(_)));
    assert!(read_err::<Vec<i64>>(r#"[1, ""]"#).contains("array element 1"));
}

#[test]
fn maps_accept_php_empty_arrays() {
    let Read::Value(map, Some(form)) = read::<BTreeMap<String, String>>("[]") else {
        panic!()
    };
    assert!(map.is_empty());
    assert_eq!(form.as_str(), "[]");
    assert_eq!(
        round_trip::<BTreeMap<String, String>>(r#"{"b": 1, "a": "x"}"#),
        r#"{"a":"x","b":1}"#
    );
    assert!(read_err::<BTreeMap<String, i64>>(r#"{"k": ""}"#).contains("key `k`"));
}

#[test]
fn json_is_kept_verbatim() {
    assert_eq!(round_trip::<Json>(r#"{"a": 29.90}"#), r#"{"a": 29.90}"#);
}

#[derive(Debug, Clone, PartialEq)]
enum Brand {
    Visa,
    MasterCard,
    Unknown(String),
}

impl WireEnum for Brand {
    const NAME: &'static str = "Brand";
    const VALUES: &'static [Self] = &[Brand::Visa, Brand::MasterCard];
    fn exact(text: &str) -> Option<Self> {
        match text {
            "Visa" => Some(Brand::Visa),
            "MasterCard" => Some(Brand::MasterCard),
            _ => None,
        }
    }
    fn as_str(&self) -> &str {
        match self {
            Brand::Visa => "Visa",
            Brand::MasterCard => "MasterCard",
            Brand::Unknown(text) => text,
        }
    }
    fn unknown(text: String) -> Self {
        Brand::Unknown(text)
    }
}

impl Wire for Brand {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        read_enum(d)
    }
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[test]
fn enums_match_without_case_and_keep_the_spelling() {
    assert_eq!(read::<Brand>("\"Visa\""), Read::Value(Brand::Visa, None));
    let Read::Value(card, Some(form)) = read::<Brand>("\"mastercard\"") else {
        panic!()
    };
    assert_eq!(card, Brand::MasterCard);
    assert_eq!(form.as_str(), "\"mastercard\"");
    assert!(matches_form(&Brand::MasterCard, &form));
    assert!(!matches_form(&Brand::Visa, &form));
    assert_eq!(
        read::<Brand>("\"Amex\""),
        Read::Value(Brand::Unknown("Amex".into()), None)
    );
    assert_eq!(round_trip::<Brand>("12"), "12");
    assert!(matches!(read::<Brand>("\"\""), Read::Empty(_)));
    assert!(read_err::<Brand>("{}").contains("Brand"));
}

#[test]
fn shapes_pick_a_variant_by_kind_and_keep_the_rest() {
    #[derive(Debug, PartialEq)]
    enum Promo {
        Code(String),
        Id(i64),
        Other(Json),
    }
    fn pick(json: &str) -> Promo {
        let read = read_shape(
            &mut serde_json::Deserializer::from_str(json),
            |kind, text| match kind {
                JsonKind::String => shape_variant(text, Promo::Code),
                JsonKind::Number => shape_variant(text, Promo::Id),
                _ => None,
            },
            Promo::Other,
        )
        .unwrap();
        value::<_, serde_json::Error>(read).unwrap()
    }
    assert_eq!(pick("\"X1\""), Promo::Code("X1".into()));
    assert_eq!(pick("12345"), Promo::Id(12345));
    assert_eq!(pick("1.5"), Promo::Other(Json::from_text("1.5").unwrap()));
    assert_eq!(
        pick(r#"{"Name": "x"}"#),
        Promo::Other(Json::from_text(r#"{"Name": "x"}"#).unwrap())
    );
}

#[test]
fn forms_are_not_data() {
    let mut a = WireForms::new();
    a.set(3, Json::string("5"));
    assert_eq!(a, WireForms::new());
    assert_eq!(format!("{a:?}"), "{3}");
    assert!(a.get(3).is_some());
    a.set(3, Json::string("6"));
    assert_eq!(a.get(3).map(Json::as_str), Some("\"6\""));
    a.clear(3);
    assert!(a.is_empty());
}

#[test]
fn value_trees_are_read_too() {
    let De(n): De<i64> = serde_json::from_value(serde_json::json!("42")).unwrap();
    assert_eq!(n, 42);
    let De(list): De<Vec<String>> = serde_json::from_value(serde_json::json!([1, "a"])).unwrap();
    assert_eq!(list, ["1", "a"]);
}
