//! OpenAPI schemas for the reference's loosely typed shapes, where PHP's empty array stands for
//! "nothing" (`[]` instead of `{}` or `null`). Used with `#[schema(schema_with = …)]`.

use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};

fn empty_list() -> Schema {
    Schema::Array(
        ArrayBuilder::new()
            .items(ObjectBuilder::new())
            .max_items(Some(0))
            .build(),
    )
}

fn one_of(items: Vec<Schema>, description: &str) -> Schema {
    let mut one_of = OneOfBuilder::new().description(Some(description));
    for item in items {
        one_of = one_of.item(item);
    }
    Schema::OneOf(one_of.build())
}

/// `meta` of a success: `[]` for single objects, an object with counts for lists.
pub fn meta() -> Schema {
    one_of(
        vec![empty_list(), ObjectBuilder::new().into()],
        "`[]` for single objects, an object with counts for lists.",
    )
}

/// A related object, or `[]` when there is none (a team member's `user`).
pub fn object_or_empty_list() -> Schema {
    one_of(
        vec![ObjectBuilder::new().into(), empty_list()],
        "An object, or `[]` when there is none.",
    )
}

/// A related object, `[]` or `null` when there is none (a team member's `position`: `[]` in
/// most answers, `null` in the quick create's).
pub fn object_empty_list_or_null() -> Schema {
    one_of(
        vec![
            ObjectBuilder::new().into(),
            empty_list(),
            ObjectBuilder::new().schema_type(Type::Null).into(),
        ],
        "An object, or `[]` / `null` when there is none.",
    )
}

/// A list of objects, or an object (a team member's `image_group`: `[]` in lists, `{}` when
/// read by id).
pub fn list_or_object() -> Schema {
    one_of(
        vec![
            ArrayBuilder::new().items(ObjectBuilder::new()).into(),
            ObjectBuilder::new().into(),
        ],
        "A list of objects, or an object.",
    )
}
