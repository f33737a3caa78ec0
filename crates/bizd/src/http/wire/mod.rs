//! Lenient wire types: what real clients send, accepted in bodies, query strings and paths alike.
//! An integer may come as `1003`, `1003.0` or `"1003"`; a flag as `true`, `1` or `"1"`; a text
//! field (a phone, say) as a string or a number. Responses never use these: they send exact types
//! ([`Amount`] for money, and the fixed shapes of `shapes.rs`).

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// An integer (ids, counts, enums) sent as a JSON integer, an integral float or a numeric string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Int(pub i64);

/// A flag sent as a boolean, `0`/`1`, or their string forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

/// A number sent as a JSON number or a numeric string.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Num(pub f64);

/// Text sent as a string, or as a number (phones, card numbers).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

/// An integer written as `1003`, `1003.0` or ` 1003 ` (paths and query strings arrive as text).
pub fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(v) = s.parse::<i64>() {
        return Some(v);
    }
    let f = s.parse::<f64>().ok()?;
    float_to_int(f)
}

fn float_to_int(f: f64) -> Option<i64> {
    // Integral floats inside the exactly representable range only.
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        Some(f as i64)
    } else {
        None
    }
}

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                Ok(Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                i64::try_from(v)
                    .map(Int)
                    .map_err(|_| E::custom("integer out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                float_to_int(v)
                    .map(Int)
                    .ok_or_else(|| E::custom("expected an integer"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
                parse_int(v)
                    .map(Int)
                    .ok_or_else(|| E::custom("expected an integer"))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean, 0 or 1")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                match v {
                    0 => Ok(Flag(false)),
                    1 => Ok(Flag(true)),
                    _ => Err(E::custom("expected 0 or 1")),
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                self.visit_i64(float_to_int(v).unwrap_or(i64::MAX))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "on" | "yes" => Ok(Flag(true)),
                    "0" | "false" | "off" | "no" | "" => Ok(Flag(false)),
                    _ => Err(E::custom("expected a boolean, 0 or 1")),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(Num(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Num, E> {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(Num)
                    .ok_or_else(|| E::custom("expected a number"))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(match float_to_int(v) {
                    Some(i) => i.to_string(),
                    None => v.to_string(),
                }))
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The string of an optional text field, as a domain change wants it.
pub fn text(v: Option<Text>) -> Option<String> {
    v.map(Text::into_inner)
}

/// For `Option<Option<T>>` fields: absent → `None` (with `#[serde(default)]`), `null` →
/// `Some(None)` ("clear it"), a value → `Some(Some(v))`.
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

macro_rules! schema_as {
    ($ty:ty, $name:literal, $kind:expr, $format:expr) => {
        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                let mut b = ObjectBuilder::new().schema_type($kind);
                if let Some(format) = $format {
                    b = b.format(Some(utoipa::openapi::SchemaFormat::KnownFormat(format)));
                }
                RefOr::T(Schema::Object(b.build()))
            }
        }
        impl ToSchema for $ty {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($name)
            }
        }
    };
}

use utoipa::openapi::KnownFormat;
schema_as!(Int, "Int", Type::Integer, Some(KnownFormat::Int64));
schema_as!(Flag, "Flag", Type::Boolean, None::<KnownFormat>);
schema_as!(Num, "Num", Type::Number, Some(KnownFormat::Double));
schema_as!(Text, "Text", Type::String, None::<KnownFormat>);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lenient_values() {
        let int = |v| serde_json::from_value::<Int>(v).map(|i| i.0).ok();
        assert_eq!(int(json!(1003)), Some(1003));
        assert_eq!(int(json!(1003.0)), Some(1003));
        assert_eq!(int(json!("1003")), Some(1003));
        assert_eq!(int(json!(" 1003.0 ")), Some(1003));
        assert_eq!(int(json!(1.5)), None);
        assert_eq!(int(json!("abc")), None);
        assert_eq!(int(json!(true)), None);
        let flag = |v| serde_json::from_value::<Flag>(v).map(|i| i.0).ok();
        assert_eq!(flag(json!(1)), Some(true));
        assert_eq!(flag(json!("0")), Some(false));
        assert_eq!(flag(json!(true)), Some(true));
        assert_eq!(flag(json!(2)), None);
        let text = |v| serde_json::from_value::<Text>(v).map(|i| i.0).ok();
        assert_eq!(text(json!(13155550184u64)), Some("13155550184".into()));
        assert_eq!(text(json!(13155550184.0)), Some("13155550184".into()));
        assert_eq!(text(json!("+1 315")), Some("+1 315".into()));
        assert_eq!(text(json!({})), None);
    }
}

/// A value or a list of values (`id=1` and `id[]=1&id[]=2` both arrive here).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape<T> {
            Many(Vec<T>),
            One(T),
        }
        Ok(match Shape::deserialize(d)? {
            Shape::Many(v) => OneOrMany(v),
            Shape::One(v) => OneOrMany(vec![v]),
        })
    }
}

impl<T: ToSchema> PartialSchema for OneOrMany<T> {
    fn schema() -> RefOr<Schema> {
        utoipa::openapi::schema::ArrayBuilder::new()
            .items(T::schema())
            .build()
            .into()
    }
}

impl<T: ToSchema> ToSchema for OneOrMany<T> {}

mod amount;
pub use amount::Amount;

mod shapes;
pub use shapes::{EmptyList, EmptyObject, OneOrList, OptionalId};
