//! Checks that need the database: tags must belong to the location, phones must be unique.

use bizd_domain::client::{ClientChanges, ClientFields};
use bizd_store::{Db, StoreError};

use crate::http::ApiError;

pub const DUPLICATE_PHONE: &str =
    "The client with the specified phone number already exists in the location.";

/// Applies the changes and checks the tag ids against the location.
pub async fn resolve(
    db: &Db,
    location_id: i64,
    changes: ClientChanges,
    base: ClientFields,
    creating: bool,
) -> Result<ClientFields, ApiError> {
    let fields = changes.apply(base, creating)?;
    let unknown = db.unknown_client_tags(location_id, &fields.tag_ids).await?;
    if !unknown.is_empty() {
        let list = unknown
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ApiError::field(
            "categories",
            format!("Unknown client tag id(s) in this location: {list}."),
        ));
    }
    Ok(fields)
}

/// A refused write: the unique phone index is the only constraint a valid client can hit.
pub fn write_error(e: StoreError) -> ApiError {
    match e {
        StoreError::Constraint(c) if c.contains("phone") => {
            ApiError::field("phone", DUPLICATE_PHONE)
        }
        other => other.into(),
    }
}
