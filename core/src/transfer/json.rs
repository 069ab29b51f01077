//! The JSON the transfer module reads ([`Json`]: a tree that refuses
//! duplicate keys) and writes ([`Out`]: keys in the order given, so the file
//! reads `format`, `version`, `exported_at` first and every record reads
//! `id` first).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// A parsed JSON value. Objects keep their entries in file order; a key
/// given twice in one object is a parse error, not a silent overwrite.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// A whole number that fits in an `i64`.
    Int(i64),
    /// Any other number.
    Number(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// What the value is, for messages: "must be text (got a number)".
    pub fn describe(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Int(_) | Json::Number(_) => "a number",
            Json::Str(_) => "text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// The value under `key`, for an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(i64::try_from(v).map_or(Json::Number(v as f64), Json::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries: Vec<(String, Json)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!(
                    "the key \"{}\" appears twice in one object",
                    shorten(&key, 60)
                )));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Json::Object(entries))
    }
}

/// A value to write, with object keys in the order given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Out>),
    Object(Vec<(&'static str, Out)>),
}

impl Serialize for Out {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Out::Null => serializer.serialize_unit(),
            Out::Bool(v) => serializer.serialize_bool(*v),
            Out::Int(v) => serializer.serialize_i64(*v),
            Out::Str(v) => serializer.serialize_str(v),
            Out::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Out::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut: user text
/// quoted in a message stays short.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_keep_their_order_and_refuse_a_repeated_key() {
        let parsed: Json =
            serde_json::from_str(r#"{"b": 1, "a": [true, null, "x", 1.5]}"#).unwrap();
        assert_eq!(
            parsed,
            Json::Object(vec![
                ("b".into(), Json::Int(1)),
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Bool(true),
                        Json::Null,
                        Json::Str("x".into()),
                        Json::Number(1.5)
                    ])
                ),
            ])
        );
        let err = serde_json::from_str::<Json>(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(err.to_string().contains("appears twice"), "{err}");
    }

    #[test]
    fn numbers_beyond_i64_are_not_whole_numbers_we_accept() {
        let parsed: Json = serde_json::from_str("18446744073709551615").unwrap();
        assert!(matches!(parsed, Json::Number(_)));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let err = serde_json::from_str::<Json>(&deep).unwrap_err();
        assert!(err.to_string().contains("recursion limit"), "{err}");
    }

    #[test]
    fn out_writes_keys_in_the_order_given() {
        let out = Out::Object(vec![("z", Out::Int(1)), ("a", Out::Str("é".into()))]);
        assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"z":1,"a":"é"}"#);
    }
}
