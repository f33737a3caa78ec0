//! [`Amount`]: money and percentages, exact from the wire to the database and back.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// A money amount or percentage, exact from the wire to the database and back. In: a JSON
/// number or a numeric string, read from its decimal text (the raw JSON token, never through
/// binary floating point). Out: a JSON number written as decimal text (`12.5`, `10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub rust_decimal::Decimal);

impl From<bizd_domain::money::Money> for Amount {
    fn from(m: bizd_domain::money::Money) -> Self {
        Amount(m.to_decimal())
    }
}

impl Amount {
    /// The amount as stored money; a field error for more than two decimals or out of range.
    pub fn money(self, field: &str) -> Result<bizd_domain::money::Money, crate::http::ApiError> {
        bizd_domain::money::Money::from_decimal(self.0)
            .map_err(|e| crate::http::ApiError::field(field, e.message(field)))
    }
}

/// The decimal in a JSON number token or a JSON string holding one.
fn parse_amount(token: &str) -> Option<rust_decimal::Decimal> {
    use std::str::FromStr;
    let token = token.trim();
    let text = if token.starts_with('"') {
        serde_json::from_str::<String>(token).ok()?
    } else {
        token.to_owned()
    };
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    rust_decimal::Decimal::from_str(t)
        .or_else(|_| rust_decimal::Decimal::from_scientific(t))
        .ok()
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        parse_amount(raw.get())
            .map(Amount)
            .ok_or_else(|| de::Error::custom("expected a number"))
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        let text = if d.is_zero() {
            "0".to_owned()
        } else {
            d.to_string()
        };
        serde_json::value::RawValue::from_string(text)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

schema_as!(Amount, "Amount", Type::Number, None::<KnownFormat>);

#[cfg(test)]
mod amount_tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        price: Option<Amount>,
    }

    fn parsed(json: &str) -> Option<String> {
        crate::http::extract::parse_json::<Body>(json.as_bytes())
            .ok()
            .and_then(|b| b.price)
            .map(|a| a.0.to_string())
    }

    #[test]
    fn amounts_are_read_from_their_decimal_text() {
        assert_eq!(parsed(r#"{"price": 100.77}"#).as_deref(), Some("100.77"));
        assert_eq!(
            parsed(r#"{"price": 0.30000000000000004}"#).as_deref(),
            Some("0.30000000000000004")
        );
        assert_eq!(
            parsed(r#"{"price": "1450.55"}"#).as_deref(),
            Some("1450.55")
        );
        assert_eq!(parsed(r#"{"price": 15}"#).as_deref(), Some("15"));
        assert_eq!(parsed(r#"{"price": 1e3}"#).as_deref(), Some("1000"));
        assert_eq!(parsed(r#"{"price": null}"#), None);
        assert!(crate::http::extract::parse_json::<Body>(br#"{"price": "x"}"#).is_err());
        assert!(crate::http::extract::parse_json::<Body>(br#"{"price": true}"#).is_err());
        // Query strings arrive as JSON strings.
        let q: Body = crate::http::extract::parse_query("price=12.30").unwrap();
        assert_eq!(q.price.unwrap().0.to_string(), "12.30");
    }

    #[test]
    fn amounts_are_written_as_decimal_text() {
        use std::str::FromStr;
        let out = |s: &str| {
            serde_json::to_string(&Amount(rust_decimal::Decimal::from_str(s).unwrap())).unwrap()
        };
        assert_eq!(out("12.50"), "12.5");
        assert_eq!(out("10.00"), "10");
        assert_eq!(out("-0.00"), "0");
        assert_eq!(out("1234567890.12"), "1234567890.12");
        assert_eq!(
            serde_json::to_string(&Amount::from(bizd_domain::money::Money::from_minor(123450)))
                .unwrap(),
            "1234.5"
        );
    }
}
