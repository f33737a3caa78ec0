//! OpenAPI schemas for the reference's loosely typed shapes, where PHP's empty array stands for
//! "nothing" (`[]` instead of `{}` or `null`). Used with `#[schema(schema_with = …)]`; answer
//! fields use the typed shapes of `wire` (`EmptyList`, `EmptyObject`, `OneOrList`) instead.

use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema};

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

/// `meta.errors` of a failure: field name → messages (422 field errors), or the public booking
/// flow's numbered list `[{code, message, id?}]`.
pub fn error_details() -> Schema {
    one_of(
        vec![
            ObjectBuilder::new().into(),
            Schema::Array(ArrayBuilder::new().items(ObjectBuilder::new()).build()),
        ],
        "For 422: field name → messages; the booking flow's and per-location refusals: a list of `{code, message, id}`.",
    )
}
