//! Small answer shapes the reference uses where PHP's loose arrays show through: a list that is
//! always empty, an object that is always empty, one object or a list (optional-id reads), and
//! the optional id itself (`0` means "no id").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

use super::Int;

/// `[]`: a list whose items bizd has nothing for yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyList;

impl Serialize for EmptyList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [(); 0].serialize(s)
    }
}

impl PartialSchema for EmptyList {
    fn schema() -> RefOr<Schema> {
        ArrayBuilder::new()
            .items(ObjectBuilder::new())
            .max_items(Some(0))
            .description(Some("Always `[]`."))
            .build()
            .into()
    }
}

impl ToSchema for EmptyList {}

/// `{}`: an object bizd has no fields for yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyObject;

impl Serialize for EmptyObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        s.serialize_map(Some(0))?.end()
    }
}

impl PartialSchema for EmptyObject {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("Always `{}`."))
            .build()
            .into()
    }
}

impl ToSchema for EmptyObject {}

/// The id of an optional-id read (`/service_categories/{location_id}/{id}` and the like):
/// `None` for `0`, which real clients send to mean "no id" — the whole list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionalId(pub Option<i64>);

impl<'de> Deserialize<'de> for OptionalId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = Int::deserialize(d)?.0;
        Ok(OptionalId((id != 0).then_some(id)))
    }
}

impl PartialSchema for OptionalId {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                KnownFormat::Int64,
            )))
            .description(Some("An id; `0`: none (the whole list)."))
            .build()
            .into()
    }
}

impl ToSchema for OptionalId {}

/// The answer of an optional-id read: the one object with an id, the list with `0` (whose
/// items are `U`, the list endpoint's own shape, when it differs).
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum OneOrList<T, U = T> {
    /// The object.
    One(T),
    /// The list, for id `0`.
    List(Vec<U>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shapes() {
        assert_eq!(serde_json::to_value(EmptyList).unwrap(), json!([]));
        assert_eq!(serde_json::to_value(EmptyObject).unwrap(), json!({}));
        let id = |v| serde_json::from_value::<OptionalId>(v).map(|i| i.0).ok();
        assert_eq!(id(json!(0)), Some(None));
        assert_eq!(id(json!("0")), Some(None));
        assert_eq!(id(json!(7.0)), Some(Some(7)));
        assert_eq!(id(json!("x")), None);
        assert_eq!(
            serde_json::to_value(OneOrList::<i64>::List(vec![1])).unwrap(),
            json!([1])
        );
        assert_eq!(
            serde_json::to_value(OneOrList::<i64>::One(1)).unwrap(),
            json!(1)
        );
    }
}
